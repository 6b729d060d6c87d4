import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { privateDatabaseFile } from './privateFile.ts';
import { checkIntegrity, damaged, refuseEmptyFile } from './integrity.ts';

export type Db = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  time INTEGER NOT NULL,
  received INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_time ON events(time);
CREATE TABLE IF NOT EXISTS snapshots (
  seq INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS incident_index (
  seq INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  type TEXT NOT NULL,
  priority INTEGER NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  district TEXT
);
CREATE INDEX IF NOT EXISTS incident_index_time ON incident_index(time);
-- Everything but positions (a few percent of the log): one incident's history, status changes.
CREATE INDEX IF NOT EXISTS events_not_position ON events(seq) WHERE type <> 'unit.position';
`;

/**
 * 1: events, snapshots, meta, incident_index. 2: incident_index.district (stats and heatmaps of
 * district-limited viewers), added to a data dir of schema 1 when it is opened. A Lagebild that
 * knows only an older schema refuses the data dir rather than write rows without the new fields.
 */
export const SCHEMA_VERSION = 2;

/**
 * Opens (or creates) the event log database in WAL mode. With synchronous=FULL a commit is on disk
 * before it returns, so an acknowledged event survives a crash of the process and of the machine;
 * NORMAL survives a crash of the process only.
 */
export function openDb(
  dataDir: string,
  durability: 'normal' | 'full',
  options: { newPageSize?: number } = {},
): Db {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'lagebild.sqlite');
  // An empty or damaged log is refused with one line naming the file (store/integrity.ts).
  refuseEmptyFile(file);
  if (options.newPageSize !== undefined && !fs.existsSync(file))
    createWithPageSize(file, options.newPageSize);
  const db = new Database(privateDatabaseFile(file));
  try {
    db.pragma('journal_mode = WAL');
  } catch (err) {
    db.close();
    throw damaged(file, (err as Error).message);
  }
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  try {
    checkIntegrity(db, file);
  } catch (err) {
    db.close();
    throw err;
  }
  // A newer schema is refused before anything is changed.
  const stored = schemaOf(db);
  if (stored !== undefined && stored > SCHEMA_VERSION) {
    db.close();
    throw new Error(`data dir ${dataDir} was written by a newer Lagebild (schema ${stored})`);
  }
  // IMMEDIATE: a second process opening the same data dir (the retention CLI) waits, then finds it done.
  db.transaction(() => {
    const hadIndex = hasTable(db, 'incident_index');
    const hadDistrict = hadIndex && hasColumn(db, 'incident_index', 'district');
    if (hadIndex && !hadDistrict) db.exec('ALTER TABLE incident_index ADD COLUMN district TEXT');
    db.exec(SCHEMA);
    if (!hadIndex) backfillIncidentIndex(db);
    else if (!hadDistrict) backfillDistricts(db);
    if ((schemaOf(db) ?? 0) < SCHEMA_VERSION)
      db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)").run(String(SCHEMA_VERSION));
  }).immediate();
  return db;
}

/**
 * An empty database file with this page size (only an empty database can take one): what follows
 * opens it like any other. A dataset is written once in bulk; with 16 KiB pages its inserts took
 * about a fifth less CPU than with the default 4 KiB (docs/import.md).
 */
function createWithPageSize(file: string, pageSize: number): void {
  const db = new Database(privateDatabaseFile(file));
  try {
    db.pragma(`page_size = ${Math.trunc(pageSize)}`);
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}

const hasTable = (db: Db, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** Whether the table has the column (a dataset file written before schema 2 has no district). */
export function hasColumn(db: Db, table: string, column: string): boolean {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column);
}

function schemaOf(db: Db): number | undefined {
  if (!hasTable(db, 'meta')) return undefined;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as
    { value: string } | undefined;
  return row ? Number(row.value) : undefined;
}

/**
 * Incidents are a tiny fraction of the log; keeping their time, type and place in a table of their
 * own lets heatmaps over weeks read thousands of rows instead of scanning millions of positions.
 */
function backfillIncidentIndex(db: Db): void {
  db.exec(`INSERT OR IGNORE INTO incident_index (seq, time, type, priority, lat, lon, district)
    SELECT seq, time, data->>'$.incident.type', data->>'$.incident.priority',
           data->>'$.incident.location.lat', data->>'$.incident.location.lon',
           data->>'$.incident.district'
    FROM events WHERE type = 'incident.opened'`);
}

/** Schema 1 → 2: the district of every indexed incident, from its `incident.opened` (NULL: none). */
function backfillDistricts(db: Db): void {
  db.exec(`UPDATE incident_index SET district =
    (SELECT data->>'$.incident.district' FROM events WHERE events.seq = incident_index.seq)`);
}
