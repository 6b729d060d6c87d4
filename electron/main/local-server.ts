/**
 * The embedded default: the built Lage server (dist/server/main.js) runs in an Electron utility
 * process on a free loopback port with a data dir in the user's app-data folder, and the built
 * simulator (dist/simulator/cli.js) feeds it from a second utility process. Main never imports
 * their code; it starts the builds by path, like any other program.
 *
 * Main starts the simulator itself rather than passing --simulate: the server would start it with
 * child_process.fork, which inside Electron needs ELECTRON_RUN_AS_NODE, and the RunAsNode fuse
 * (forge.config.ts) switches that off in the packaged app.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { ServerStartError, stopServer, waitForServerUrl, type ServerProcess } from './server-process.ts';
import { forkUtility } from './utility.ts';

export const START_TIMEOUT_MS = 30_000;
export const STOP_GRACE_MS = 5_000;

export interface LocalServer {
  origin: string;
  /** Its data dir, where the server keeps the local user's credential (local-sign-in.ts). */
  dataDir: string;
  /** Stops the simulator, then the server; resolves when both have ended. Safe to call twice. */
  stop(): Promise<void>;
}

/** The builds sit next to the Electron build inside the app (dist/server, dist/simulator). */
const builtEntry = (...parts: string[]): string => join(app.getAppPath(), 'dist', ...parts);

/**
 * The demo region the app ships (assets/demo-region, docs/basemaps.md#the-demo-region): the server
 * serves its map, streets and districts, the simulator drives on its streets from its police stations.
 */
const regionDir = (): string => join(app.getAppPath(), 'assets', 'demo-region');
const regionFile = (name: string): string => join(regionDir(), name);
const hasRegion = (): boolean => existsSync(regionFile('settings.json'));

function startSimulator(origin: string, token: string): ServerProcess | null {
  const entry = builtEntry('simulator', 'cli.js');
  if (!existsSync(entry)) {
    console.warn(`Lagebild: simulator build missing (${entry}); the picture stays empty until data arrives`);
    return null;
  }
  // --parent-pid: the simulator ends with the app even if main dies without stopping it.
  return forkUtility(
    entry,
    [
      '--url',
      origin,
      '--token',
      token,
      '--parent-pid',
      String(process.pid),
      ...(hasRegion()
        ? [
            '--roads',
            regionFile('streets.geojson'),
            '--stations',
            regionFile('police.geojson'),
            '--districts',
            regionFile('districts.geojson'),
          ]
        : []),
    ],
    'simulator',
  );
}

export async function startLocalServer(): Promise<LocalServer> {
  const entry = builtEntry('server', 'main.js');
  if (!existsSync(entry)) {
    throw new ServerStartError(`The Lage server build is missing: ${entry} (run "npm run build:server")`, '');
  }
  const dataDir = join(app.getPath('userData'), 'data');
  mkdirSync(dataDir, { recursive: true });
  // A fresh ingest token per start: only the embedded simulator feeds the embedded server.
  const token = randomBytes(24).toString('base64url');
  const server = forkUtility(
    entry,
    [
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--ingest-token',
      token,
      ...(hasRegion() ? ['--region', regionDir()] : []),
    ],
    'server',
  );

  let origin: string;
  try {
    origin = await waitForServerUrl(server, START_TIMEOUT_MS);
  } catch (error) {
    await stopServer(server, STOP_GRACE_MS);
    throw error;
  }
  console.log(`Lagebild: embedded server at ${origin} (data: ${dataDir})`);
  const simulator = startSimulator(origin, token);

  let stopping: Promise<void> | null = null;
  return {
    origin,
    dataDir,
    stop: () => {
      stopping ??= (async () => {
        if (simulator) await stopServer(simulator, STOP_GRACE_MS);
        const outcome = await stopServer(server, STOP_GRACE_MS);
        console.log(
          `Lagebild: embedded server ${outcome === 'stopped' ? 'stopped' : 'killed after timeout'}`,
        );
      })();
      return stopping;
    },
  };
}
