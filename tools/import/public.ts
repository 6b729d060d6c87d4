/**
 * What code outside tools/import may use: the importer itself (the import bench, the e2e journeys).
 * The server's tests import their datasets through fixtures.ts, which adds the import tests'
 * fixtures (they register vitest hooks, so only tests may load them).
 */
export { importCsv, DEFAULT_SNAPSHOT_EVERY, type ImportSummary } from './importer.ts';
