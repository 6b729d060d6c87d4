/**
 * Replay datasets on disk: one SQLite file per dataset in <data-dir>/datasets/, never the live log.
 * The layout is the live log's (events, snapshots, meta, ...), so EventLog, Snapshots and the
 * shared reducer read them unchanged. Each file describes itself in meta; the catalogue is the
 * list of those descriptions, so it can never disagree with the files.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
// The live log's schema: a dataset is written by its openDb (meta 'schema' is the same key).
import { openDb, SCHEMA_VERSION, type Db } from '../store/db.ts';

export const DATASET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const datasetInfoSchema = z.object({
  name: z.string(),
  sourceFile: z.string(),
  mappingFile: z.string(),
  mapping: z.unknown(),
  timeZone: z.string(),
  /** Time of the first and last event (epoch ms). */
  from: z.number(),
  to: z.number(),
  rows: z.number(),
  imported: z.number(),
  skipped: z.number(),
  duplicates: z.number(),
  events: z.number(),
  incidents: z.number(),
  units: z.number(),
  positions: z.number(),
  snapshotEvery: z.number(),
  importedAt: z.number(),
});
export type DatasetInfo = z.infer<typeof datasetInfoSchema>;

export class DatasetError extends Error {}

export const datasetsDir = (dataDir: string): string => path.join(dataDir, 'datasets');

export function datasetFile(dataDir: string, name: string): string {
  if (!DATASET_NAME.test(name))
    throw new DatasetError(
      `dataset name "${name}" must be 1-64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit`,
    );
  return path.join(datasetsDir(dataDir), `${name}.sqlite`);
}

/** A dataset name from a file name: "Seattle Calls 2014.csv" → "seattle-calls-2014". */
export function nameFromFile(file: string): string {
  const base = path.basename(file).replace(/\.[^.]*$/, '');
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 64);
  return name || 'dataset';
}

/** Page size of new dataset files: written once in bulk, they take larger pages than the live log. */
export const DATASET_PAGE_SIZE = 16_384;

/**
 * Creates a dataset database in a fresh directory with the live log's own openDb, so the layout
 * (tables, indexes, meta) is exactly the live one, now and after it changes.
 */
export function createDatasetDb(dir: string): { db: Db; file: string } {
  const db = openDb(dir, 'normal', { newPageSize: DATASET_PAGE_SIZE });
  const file = db.name;
  return { db, file };
}

/** Leaves the file self-contained (no WAL beside it), so it can be renamed and opened read-only. */
export function finishDatasetDb(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.close();
}

export function writeInfo(db: Db, info: DatasetInfo): void {
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('dataset', ?)").run(JSON.stringify(info));
}

export function openDatasetDb(file: string): { db: Db; info: DatasetInfo } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return { db, info: readInfo(db, file) };
  } catch (err) {
    db.close();
    throw err;
  }
}

function readInfo(db: Db, file: string): DatasetInfo {
  const get = (key: string) =>
    (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  const schema = Number(get('schema'));
  if (schema > SCHEMA_VERSION)
    throw new DatasetError(`${file} was written by a newer Lagebild (schema ${schema})`);
  const parsed = datasetInfoSchema.safeParse(JSON.parse(get('dataset') ?? 'null'));
  if (!parsed.success) throw new DatasetError(`${file} is not a complete replay dataset`);
  return parsed.data;
}

/** The catalogue: every dataset in the data dir, by name. Unreadable files are reported, not hidden. */
export function listDatasets(dataDir: string): { datasets: DatasetInfo[]; problems: string[] } {
  const dir = datasetsDir(dataDir);
  const datasets: DatasetInfo[] = [];
  const problems: string[] = [];
  const files = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  for (const f of files.filter((f) => f.endsWith('.sqlite') && !f.startsWith('.')).sort()) {
    try {
      const { db, info } = openDatasetDb(path.join(dir, f));
      db.close();
      datasets.push(info);
    } catch (err) {
      problems.push(`${f}: ${(err as Error).message}`);
    }
  }
  return { datasets, problems };
}
