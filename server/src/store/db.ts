import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

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
  lon REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS incident_index_time ON incident_index(time);
-- Everything but positions (a few percent of the log): one incident's history, status changes.
CREATE INDEX IF NOT EXISTS events_not_position ON events(seq) WHERE type <> 'unit.position';
`;

export const SCHEMA_VERSION = 1;

/**
 * Opens (or creates) the event log database in WAL mode. With synchronous=FULL a commit is on disk
 * before it returns, so an acknowledged event survives a crash of the process and of the machine;
 * NORMAL survives a crash of the process only.
 */
export function openDb(dataDir: string, durability: 'normal' | 'full'): Db {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(path.join(dataDir, 'lagebild.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  const hadIndex =
    db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'incident_index'").get() !== undefined;
  db.exec(SCHEMA);
  if (!hadIndex) backfillIncidentIndex(db);
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as
    { value: string } | undefined;
  if (!row) db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(String(SCHEMA_VERSION));
  else if (Number(row.value) > SCHEMA_VERSION) {
    db.close();
    throw new Error(`data dir ${dataDir} was written by a newer Lagebild (schema ${row.value})`);
  }
  return db;
}

/**
 * Incidents are a tiny fraction of the log; keeping their time, type and place in a table of their
 * own lets heatmaps over weeks read thousands of rows instead of scanning millions of positions.
 */
function backfillIncidentIndex(db: Db): void {
  db.exec(`INSERT OR IGNORE INTO incident_index (seq, time, type, priority, lat, lon)
    SELECT seq, time, data->>'$.incident.type', data->>'$.incident.priority',
           data->>'$.incident.location.lat', data->>'$.incident.location.lon'
    FROM events WHERE type = 'incident.opened'`);
}
