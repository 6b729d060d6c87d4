/**
 * Schema migrations of the event log: a data dir written by schema 1 (incident_index without a
 * district, created here by hand as the old openDb did) opens without loss and gets the districts of
 * its incidents; a newer schema is refused before anything is changed.
 */
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyAll } from '#shared/reducer';
import { emptyPicture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { LageServer } from '../app.ts';
import { Lage } from '../lage.ts';
import { getJson, sessionFor, startTestServer, tempDir } from '../testing/harness.ts';
import { SCHEMA_VERSION, hasColumn, openDb, type Db } from './db.ts';

/** The layout of schema 1, as openDb created it before incident_index had a district. */
const SCHEMA_1 = `
CREATE TABLE events (seq INTEGER PRIMARY KEY, type TEXT NOT NULL, time INTEGER NOT NULL,
  received INTEGER NOT NULL, data TEXT NOT NULL);
CREATE INDEX events_time ON events(time);
CREATE TABLE snapshots (seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, data BLOB NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE incident_index (seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, type TEXT NOT NULL,
  priority INTEGER NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL);
CREATE INDEX incident_index_time ON incident_index(time);
CREATE INDEX events_not_position ON events(seq) WHERE type <> 'unit.position';
INSERT INTO meta (key, value) VALUES ('schema', '1');
`;

const T = Date.UTC(2026, 10, 26, 8);
const MIN = 60_000;
const opts = { snapshotEvery: 1_000_000, snapshotIntervalMs: 1_000_000 };

const incident = (seq: number, id: string, minute: number, district?: string): LageEvent => ({
  type: 'incident.opened',
  seq,
  time: T + minute * MIN,
  received: T + minute * MIN,
  incident: {
    id,
    number: `2026-${id}`,
    type: 'einbruch',
    priority: 2,
    location: { lat: 50.94, lon: 6.95 },
    ...(district ? { district } : {}),
    caller: { name: 'Erika Muster', phone: '0221 1' },
  },
});

const EVENTS: LageEvent[] = [
  {
    type: 'unit.registered',
    seq: 1,
    time: T,
    received: T,
    unit: { id: 'k1', callsign: 'K 11/1', kind: 'funkstreifenwagen', district: 'PP Köln', status: 2 },
  },
  incident(2, 'K1', 1, 'PP Köln'),
  incident(3, 'D1', 2, 'PP Düsseldorf'),
  {
    type: 'unit.position',
    seq: 4,
    time: T + 3 * MIN,
    received: T + 3 * MIN,
    unitId: 'k1',
    lat: 50.9,
    lon: 6.9,
  },
  incident(5, 'N1', 4),
  {
    type: 'unit.status',
    seq: 6,
    time: T + 5 * MIN,
    received: T + 5 * MIN,
    unitId: 'k1',
    status: 3,
    incidentId: 'K1',
  },
];

/** A data dir of schema 1 with EVENTS, their index rows (no district) and a snapshot at seq 3. */
function schema1DataDir(): string {
  const dir = tempDir();
  const db = new Database(path.join(dir, 'lagebild.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(SCHEMA_1);
  const insert = db.prepare('INSERT INTO events (seq, type, time, received, data) VALUES (?, ?, ?, ?, ?)');
  const index = db.prepare(
    'INSERT INTO incident_index (seq, time, type, priority, lat, lon) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const e of EVENTS) {
    insert.run(e.seq, e.type, e.time, e.received, JSON.stringify(e));
    if (e.type === 'incident.opened') {
      const { type, priority, location } = e.incident;
      index.run(e.seq, e.time, type, priority, location.lat, location.lon);
    }
  }
  const atThree = applyAll(emptyPicture(), EVENTS.slice(0, 3));
  db.prepare('INSERT INTO snapshots (seq, time, data) VALUES (?, ?, ?)').run(
    3,
    T + 2 * MIN,
    deflateSync(JSON.stringify(atThree)),
  );
  db.close();
  return dir;
}

const dump = (db: Db) => ({
  events: db.prepare('SELECT * FROM events ORDER BY seq').all(),
  snapshots: db.prepare('SELECT * FROM snapshots ORDER BY seq').all(),
  index: db.prepare('SELECT seq, time, type, priority, lat, lon FROM incident_index ORDER BY seq').all(),
});
const schemaOf = (db: Db) => db.prepare("SELECT value FROM meta WHERE key = 'schema'").pluck().get();

let db: Db | undefined;
let server: LageServer | undefined;
afterEach(async () => {
  db?.close();
  db = undefined;
  await server?.close();
  server = undefined;
});

describe('a data dir of schema 1', () => {
  it('opens without loss: the index gets each incident’s district, events and snapshots stay as they were', () => {
    const dir = schema1DataDir();
    const raw = new Database(path.join(dir, 'lagebild.sqlite'), { readonly: true });
    const before = dump(raw);
    raw.close();

    db = openDb(dir, 'normal');
    expect(schemaOf(db)).toBe(String(SCHEMA_VERSION));
    expect(SCHEMA_VERSION).toBe(2);
    expect(dump(db)).toEqual(before);
    expect(db.prepare('SELECT seq, district FROM incident_index ORDER BY seq').all()).toEqual([
      { seq: 2, district: 'PP Köln' },
      { seq: 3, district: 'PP Düsseldorf' },
      { seq: 5, district: null },
    ]);
    // The picture from the old snapshot and the events after it is the whole log folded.
    const lage = new Lage(db, opts);
    expect(lage.seq).toBe(6);
    expect(lage.picture).toEqual(applyAll(emptyPicture(), EVENTS));
    // New incidents are indexed with their district.
    lage.commit([
      {
        type: 'incident.opened',
        time: T + 10 * MIN,
        incident: {
          id: 'B1',
          number: '2026-B1',
          type: 'brand',
          priority: 1,
          location: { lat: 50.7, lon: 7.1 },
          district: 'PP Bonn',
        },
      },
    ]);
    expect(db.prepare('SELECT district FROM incident_index WHERE seq = 7').pluck().get()).toBe('PP Bonn');
    db.close();

    // Opening again changes nothing.
    db = openDb(dir, 'normal');
    expect(db.prepare('SELECT seq, district FROM incident_index ORDER BY seq').all()).toEqual([
      { seq: 2, district: 'PP Köln' },
      { seq: 3, district: 'PP Düsseldorf' },
      { seq: 5, district: null },
      { seq: 7, district: 'PP Bonn' },
    ]);
  });

  it('serves district-limited statistics on a real server right after the migration', async () => {
    const dir = schema1DataDir();
    server = await startTestServer({}, dir);
    const koeln = sessionFor(server, {
      name: 'op-koeln',
      roles: ['operator'],
      districts: ['PP Köln'],
      kind: 'user',
    });
    const window = `from=${T}&to=${T + 60 * MIN}`;
    type Stats = { total: number; perHour: { count: number }[] };
    // Köln sees K1 and N1 (no district); everybody else all three.
    expect((await getJson<Stats>(`${server.url}/api/v1/stats/incidents?${window}`, koeln)).total).toBe(2);
    expect((await getJson<Stats>(`${server.url}/api/v1/stats/incidents?${window}`)).total).toBe(3);
    const heat = (token?: string) =>
      getJson<{ total: number }>(`${server!.url}/api/v1/heatmap?${window}&mode=hex`, token);
    expect((await heat(koeln)).total).toBe(2);
    expect((await heat()).total).toBe(3);
  });

  it('is refused, untouched, when it says a newer schema wrote it', () => {
    const dir = schema1DataDir();
    const raw = new Database(path.join(dir, 'lagebild.sqlite'));
    raw.prepare("UPDATE meta SET value = '3' WHERE key = 'schema'").run();
    raw.close();
    expect(() => openDb(dir, 'normal')).toThrow(/newer Lagebild \(schema 3\)/);
    db = new Database(path.join(dir, 'lagebild.sqlite'), { readonly: true });
    expect(hasColumn(db, 'incident_index', 'district')).toBe(false);
    expect(schemaOf(db)).toBe('3');
  });
});

describe('openDb with a page size for a new file (datasets)', () => {
  it('creates a new file with that page size and the full layout, and leaves an existing one as it is', () => {
    const fresh = tempDir();
    const db = openDb(fresh, 'normal', { newPageSize: 16_384 });
    const layout = (d: Db) =>
      d
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
        .all();
    const plain = openDb(tempDir(), 'normal');
    try {
      expect(db.pragma('page_size', { simple: true })).toBe(16_384);
      expect(plain.pragma('page_size', { simple: true })).toBe(4_096);
      expect(layout(db)).toEqual(layout(plain));
      expect(db.pragma('user_version', { simple: true })).toBe(0);
      db.prepare("INSERT INTO meta (key, value) VALUES ('x', 'y')").run();
    } finally {
      db.close();
      plain.close();
    }
    const again = openDb(fresh, 'normal', { newPageSize: 65_536 });
    try {
      expect(again.pragma('page_size', { simple: true })).toBe(16_384);
      expect(again.prepare("SELECT value FROM meta WHERE key = 'x'").pluck().get()).toBe('y');
    } finally {
      again.close();
    }
  });
});
