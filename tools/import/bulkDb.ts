/**
 * How the importer's connection to a dataset file under construction is set up, on whichever thread
 * writes it: the file is thrown away unless complete and is synced before it is published, so no
 * WAL and no syncs while it is written (the WAL alone would write every page twice).
 */
import type { Db } from '../../server/src/store/public.ts';

export function forBulkWrite(db: Db): Db {
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -65536');
  return db;
}

/**
 * zlib level of a dataset's snapshots: hundreds of them are written in one go, so the fastest (1),
 * which reads back just as fast.
 */
export const SNAPSHOT_LEVEL = 1;
