/**
 * What code outside tools/import may use: the importer itself (the import bench; the server's
 * replay tests import their datasets with it) and the fixtures of the import tests.
 */
export { importCsv, DEFAULT_SNAPSHOT_EVERY, type ImportSummary } from './importer.ts';
export * from './testing/testSupport.ts';
export * from './testing/dispatchFixture.ts';
