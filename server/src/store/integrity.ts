/**
 * Start-up check of a database file of the data dir. SQLite takes a 0-byte file for an empty
 * database and opens a file damaged mid-way without complaint (the damage shows only when a read
 * reaches the bad page, as a 500 long after start); a control room must rather not start than
 * silently start on an empty or broken log.
 */
import fs from 'node:fs';
import type Database from 'better-sqlite3';

/** Thrown when a database file of the data dir is empty or damaged; its message is one line. */
export class StoreIntegrityError extends Error {}

const RESTORE =
  'stop the server, restore the file from a backup (docs/operations.md#restore) or move it (with its -wal and -shm) away to start an empty log';

/** Refuses an existing 0-byte file; call before SQLite opens (and creates) the file. */
export function refuseEmptyFile(file: string): void {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return; // a new data dir
    throw err;
  }
  if (size === 0)
    throw new StoreIntegrityError(`${file} is empty (0 bytes), not a Lagebild database: ${RESTORE}`);
}

/**
 * Runs SQLite's quick_check (every page and index structure, not the index contents: a few
 * seconds for a log of millions of events) and turns "not a database" and any damage into one line.
 */
export function checkIntegrity(db: Database.Database, file: string): void {
  let problems: string[];
  try {
    problems = (db.pragma('quick_check(3)') as { quick_check: string }[]).map((r) => r.quick_check);
  } catch (err) {
    throw damaged(file, err instanceof Error ? err.message : String(err));
  }
  if (problems.length !== 1 || problems[0] !== 'ok') throw damaged(file, problems.join('; '));
}

export function damaged(file: string, why: string): StoreIntegrityError {
  const oneLine = why.replace(/\s+/g, ' ').slice(0, 200);
  return new StoreIntegrityError(`${file} is damaged (${oneLine}): ${RESTORE}`);
}
