/**
 * The store's interface for the offline tools (tools/import): the SQLite file, the event log and
 * snapshots a dataset is written with, the datasets catalogue, and reading a dataset back (the
 * import's own tests check what they wrote). tools/ may import this file and nothing else of the
 * server (besides cliFlags.ts); lint zones hold it.
 */
export { openDb, SCHEMA_VERSION, type Db } from './db.ts';
export { EventLog } from './eventLog.ts';
export { compressSnapshot, Snapshots } from './snapshots.ts';
export {
  createDatasetDb,
  finishDatasetDb,
  datasetFile,
  datasetsDir,
  listDatasets,
  nameFromFile,
  writeInfo,
  DatasetError,
  type DatasetInfo,
} from '../replay/dataset.ts';
export { removeAbandonedImports } from '../replay/leftovers.ts';
export { eventsInRange, openDataset, pictureAt, type Dataset } from '../replay/query.ts';
