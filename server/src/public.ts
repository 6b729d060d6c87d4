/**
 * What code outside the server (benchmarks, end-to-end fixtures) may use: starting a server in
 * process or as a child, its configuration, the event log for generated recordings, the basemap
 * serving that a fixture page reuses, the CSV importer (the import bench) and a throw-away
 * PostgreSQL cluster (the scale-out bench) and its test life cycle (renderer tests on several
 * nodes). Everything else of server/ is internal; the lint zones of e2e/ and bench/ allow this file only.
 */
export { parseConfig } from './config.ts';
export { startLageServer, type LageServer } from './app.ts';
export { Lage } from './lage.ts';
export { openDb } from './store/db.ts';
export { loadBasemap } from './basemap/settings.ts';
export { basemapRoutes } from './basemap/serve.ts';
export { openArchive, type FileSource } from './basemap/fileSource.ts';
export { sendFile } from './http/static.ts';
export { defaultToken, spawnServerProcess } from './testing/harness.ts';
export { startTestServer } from './testing/harness.ts';
export { prepareSharing } from './testing/federation.ts';
export { pgMissing, startPgCluster, type PgCluster } from './testing/pgCluster.ts';
export { withPgCluster, type PgTestCluster } from './testing/pgFixture.ts';
export { TEST_TOKEN } from './testing/harness.ts';
