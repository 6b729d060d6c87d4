/**
 * The embedded default: the built Lage server (dist/server/main.js) runs in an Electron utility
 * process on a free loopback port, with the simulator and a data dir in the user's app-data folder.
 * Main never imports server code; it starts the build by path, like any other program.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, utilityProcess } from 'electron';
import { ServerStartError, stopServer, waitForServerUrl, type ServerProcess } from './server-process.ts';

export const START_TIMEOUT_MS = 30_000;
export const STOP_GRACE_MS = 5_000;

export interface LocalServer {
  origin: string;
  stop(): Promise<void>;
}

/** The server build sits next to the Electron build inside the app (dist/server next to dist/electron). */
export function serverEntryPath(): string {
  return join(app.getAppPath(), 'dist', 'server', 'main.js');
}

function forward(stream: NodeJS.ReadableStream | null, write: (line: string) => void): void {
  stream?.on('data', (chunk: Buffer | string) => {
    for (const line of String(chunk).split(/\r?\n/)) if (line) write(`[lage-server] ${line}`);
  });
}

export async function startLocalServer(): Promise<LocalServer> {
  const entry = serverEntryPath();
  if (!existsSync(entry)) {
    throw new ServerStartError(`The Lage server build is missing: ${entry} (run "npm run build:server")`, '');
  }
  const dataDir = join(app.getPath('userData'), 'data');
  mkdirSync(dataDir, { recursive: true });
  // A fresh ingest token per start: nothing outside this app needs to feed the embedded server.
  const token = randomBytes(24).toString('base64url');
  const child = utilityProcess.fork(
    entry,
    ['--port', '0', '--data-dir', dataDir, '--simulate', '--ingest-token', token],
    {
      stdio: 'pipe',
      serviceName: 'Lagebild server',
      // Packaged, the app path is inside the asar archive, which cannot be a working directory.
      cwd: app.isPackaged ? process.resourcesPath : app.getAppPath(),
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const proc: ServerProcess = {
    stdout: child.stdout,
    stderr: child.stderr,
    exited,
    terminate: () => void child.kill(),
    forceKill: () => {
      try {
        if (child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
      } catch {
        // It ended between the grace timeout and now: nothing left to kill.
      }
    },
  };
  forward(child.stdout, (line) => console.log(line));
  forward(child.stderr, (line) => console.error(line));

  let origin: string;
  try {
    origin = await waitForServerUrl(proc, START_TIMEOUT_MS);
  } catch (error) {
    await stopServer(proc, STOP_GRACE_MS);
    throw error;
  }
  console.log(`Lagebild: embedded server at ${origin} (data: ${dataDir})`);

  let stopping: Promise<void> | null = null;
  return {
    origin,
    stop: () => {
      stopping ??= stopServer(proc, STOP_GRACE_MS).then((outcome) => {
        console.log(
          `Lagebild: embedded server ${outcome === 'stopped' ? 'stopped' : 'killed after timeout'}`,
        );
      });
      return stopping;
    },
  };
}
