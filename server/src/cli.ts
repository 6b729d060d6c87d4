#!/usr/bin/env node
/** `npm run serve`: starts the Lage server (and with --simulate the simulator) until SIGINT/SIGTERM. */
import { ConfigError, USAGE, parseConfig } from './config.ts';
import { startLageServer } from './app.ts';
import { startSimulator } from './simulate.ts';
import { BasemapConfigError } from './basemap/settings.ts';
import { GeoFileError } from './geo/geojson.ts';
import { StoreIntegrityError } from './store/integrity.ts';
import { AuditKeyError } from './security/auditSeal.ts';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  let config;
  try {
    config = parseConfig(args, process.env, process.cwd());
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(`lagebild: ${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  let server;
  try {
    server = await startLageServer(config);
  } catch (err) {
    if (err instanceof StoreIntegrityError || err instanceof AuditKeyError) {
      console.error(`lagebild: ${err.message}`);
      process.exit(1);
    }
    if (!(err instanceof BasemapConfigError) && !(err instanceof GeoFileError)) throw err;
    console.error(`lagebild: ${err.message}`);
    process.exit(2);
  }
  console.log(`Lage server listening on ${server.url} (data: ${config.dataDir}, seq ${server.lage.seq})`);
  // A single-use link that signs the browser in as the local user (the password stays in the file).
  if (server.osmandPort !== undefined)
    console.log(
      `OsmAnd/Traccar devices: http://${config.host}:${server.osmandPort}/?id=<device token>&lat=…&lon=…`,
    );
  const link = server.signInLink();
  if (link) console.log(`Sign in (once, within 10 min): ${link}`);
  if (config.tokenGenerated) console.log(`Ingest token: ${config.ingestToken}`);
  const sim = config.simulate
    ? startSimulator(server.url, config.ingestToken, config.simulatorArgs)
    : undefined;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (!config.quiet) console.log(`lagebild: ${signal}, stopping`);
    sim?.kill('SIGTERM');
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('disconnect', () => void stop('parent gone'));
}

main().catch((err: unknown) => {
  console.error(`lagebild: could not start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
