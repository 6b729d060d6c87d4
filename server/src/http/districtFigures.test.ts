/**
 * District-limited viewers get the figures of their districts only — incident statistics,
 * availability and heatmaps (heat, hexagons, comparison, also of an imported dataset) — by the live
 * view's rule: incidents of their districts and those without a district, units of their districts.
 * Unlimited viewers get everything. Real server on a loopback port, real SQLite data dir, a user
 * with districts signed in through POST /api/v1/auth/login; expected counts are hand-computed.
 */
import fs from 'node:fs';
import { idMap } from '#shared/idMap';
import Database from 'better-sqlite3';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '#shared/schemas';
import type { LageServer } from '../app.ts';
import { createDatasetDb, datasetFile, datasetsDir, finishDatasetDb, writeInfo } from '../replay/dataset.ts';
import { EventLog } from '../store/eventLog.ts';
import { authFetch, getJson, post, sessionFor, startTestServer, tempDir } from '../testing/harness.ts';

const H = 3_600_000;
const D = 24 * H;
const T0 = Date.UTC(2026, 10, 20, 22);
const DOM = { lat: 50.9413, lon: 6.9583 };
const DEUTZ = { lat: 50.9375, lon: 6.9762 };
const DUS = { lat: 51.2277, lon: 6.7735 };
const BONN = { lat: 50.7374, lon: 7.0982 };
const KOELN = 'PP Köln';
const DUESSELDORF = 'PP Düsseldorf';
const BONN_PP = 'PP Bonn';

/** Minutes after T0 (negative: the week before). */
const INCIDENTS: { id: string; type: string; lat: number; lon: number; district?: string; minute: number }[] =
  [
    { id: 'K1', type: 'einbruch', ...DOM, district: KOELN, minute: 10 },
    { id: 'D1', type: 'einbruch', ...DUS, district: DUESSELDORF, minute: 20 },
    { id: 'K2', type: 'brand', ...DOM, district: KOELN, minute: 70 },
    { id: 'D2', type: 'raub', ...DUS, district: DUESSELDORF, minute: 80 },
    { id: 'N1', type: 'verkehrsunfall', ...DEUTZ, minute: 90 }, // no district: visible to everyone
    { id: 'K3', type: 'einbruch', ...DEUTZ, district: KOELN, minute: 130 },
    { id: 'B1', type: 'einbruch', ...BONN, district: BONN_PP, minute: 200 },
    { id: 'K0', type: 'einbruch', ...DOM, district: KOELN, minute: -7 * 24 * 60 + 10 },
    { id: 'D0', type: 'einbruch', ...DUS, district: DUESSELDORF, minute: -7 * 24 * 60 + 20 },
  ];

let server: LageServer;
let dataDir: string;
const tokens: Record<string, string | undefined> = idMap();
/** Units ingested before this instant; nothing changes after it. */
let unitsAt = 0;

async function login(name: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: name, password, token: true }),
  });
  const body = (await res.json()) as { token?: string; districts?: unknown };
  expect(res.status).toBe(200);
  return body.token!;
}

/** An imported dataset with the same incidents (event time = received time), written by openDb. */
function writeDataset(name: string): string {
  const tmp = tempDir();
  const { db, file } = createDatasetDb(tmp);
  const events: NewEvent[] = INCIDENTS.map((i) => ({
    type: 'incident.opened',
    time: T0 + i.minute * 60_000,
    incident: {
      id: i.id,
      number: i.id,
      type: i.type as 'einbruch',
      priority: 2,
      location: { lat: i.lat, lon: i.lon },
      ...(i.district ? { district: i.district } : {}),
    },
  }));
  events.sort((a, b) => a.time - b.time);
  const log = new EventLog(db);
  for (const e of events) log.append([e], e.time);
  writeInfo(db, {
    name,
    sourceFile: 'test.csv',
    mappingFile: 'test.json',
    mapping: {},
    timeZone: 'Europe/Berlin',
    from: events[0]!.time,
    to: events[events.length - 1]!.time,
    rows: events.length,
    imported: events.length,
    skipped: 0,
    duplicates: 0,
    events: events.length,
    incidents: events.length,
    units: 0,
    positions: 0,
    snapshotEvery: 10_000,
    importedAt: Date.now(),
  });
  finishDatasetDb(db);
  fs.mkdirSync(datasetsDir(dataDir), { recursive: true });
  const target = datasetFile(dataDir, name);
  fs.renameSync(file, target);
  fs.rmSync(tmp, { recursive: true, force: true });
  return target;
}

beforeAll(async () => {
  dataDir = tempDir();
  writeDataset('bezirke');
  // The same dataset as an older Lagebild wrote it: schema 1, no district in its incident index.
  const old = writeDataset('bezirke-alt');
  const raw = new Database(old);
  raw.exec(
    "ALTER TABLE incident_index DROP COLUMN district; UPDATE meta SET value = '1' WHERE key = 'schema'",
  );
  raw.close();

  server = await startTestServer({}, dataDir);
  const password = 'district-password-0123';
  await server.auth.users.addUser('op-koeln', password, ['operator'], [KOELN]);
  tokens['op-koeln'] = await login('op-koeln', password);
  await server.auth.users.addUser('op-rhein', password, ['operator'], [KOELN, BONN_PP]);
  tokens['op-rhein'] = await login('op-rhein', password);
  tokens['operator'] = undefined; // the harness default: operator + admin, all districts
  tokens['wall'] = sessionFor(server, { name: 'wand-1', roles: ['wall'], kind: 'user' });
  tokens['analyst-koeln'] = sessionFor(server, {
    name: 'an-koeln',
    roles: ['analyst'],
    districts: [KOELN],
    kind: 'user',
  });

  const r = await post(
    server.url,
    'incidents',
    INCIDENTS.map(({ minute, ...i }) => ({ ...i, priority: 2, time: T0 + minute * 60_000 })),
  );
  expect(r.status).toBe(202);
  await post(server.url, 'units', [
    { id: 'k1', callsign: 'K 11/1', kind: 'funkstreifenwagen', district: KOELN, status: 2 },
    { id: 'k2', callsign: 'K 11/2', kind: 'funkstreifenwagen', district: KOELN, status: 6 },
    { id: 'kh', callsign: 'K Hand 1', kind: 'handfunkgeraet', district: KOELN, status: 1 },
    { id: 'd1', callsign: 'Dü 12/1', kind: 'funkstreifenwagen', district: DUESSELDORF, status: 5 },
    { id: 'b1', callsign: 'BN 1/1', kind: 'funkstreifenwagen', district: BONN_PP, status: 6 },
  ]);
  await new Promise((resolve) => setTimeout(resolve, 5));
  unitsAt = Date.now();
});
afterAll(() => server?.close());

const get = <T>(who: string, pathAndQuery: string) => getJson<T>(`${server.url}${pathAndQuery}`, tokens[who]);
const shift = `from=${T0}&to=${T0 + 4 * H}`;
const lastWeek = `baseFrom=${T0 - 7 * D}&baseTo=${T0 - 7 * D + 4 * H}`;

type Stats = {
  total: number;
  perHour: { start: number; count: number }[];
  byType: { type: string; count: number }[];
};
type Hex = { total: number; cells: { h3: string; count: number }[] };

const cell = (p: { lat: number; lon: number }) => latLngToCell(p.lat, p.lon, 9);
const cells = (r: Hex) => Object.fromEntries(r.cells.map((c) => [c.h3, c.count]));

describe('GET /api/v1/stats/incidents by district', () => {
  it('a Köln operator counts Köln incidents and those without a district', async () => {
    const s = await get<Stats>('op-koeln', `/api/v1/stats/incidents?${shift}`);
    // K1 (0:10), K2 (1:10), N1 (1:30), K3 (2:10); not D1, D2, B1.
    expect(s.total).toBe(4);
    expect(s.perHour.map((h) => h.count)).toEqual([1, 2, 1, 0]);
    expect(s.byType).toEqual([
      { type: 'einbruch', count: 2 },
      { type: 'brand', count: 1 },
      { type: 'verkehrsunfall', count: 1 },
    ]);
  });

  it('an operator of Köln and Bonn counts both', async () => {
    const s = await get<Stats>('op-rhein', `/api/v1/stats/incidents?${shift}`);
    expect(s.total).toBe(5);
    expect(s.perHour.map((h) => h.count)).toEqual([1, 2, 1, 1]);
  });

  it('an unlimited operator counts every incident', async () => {
    const s = await get<Stats>('operator', `/api/v1/stats/incidents?${shift}`);
    expect(s.total).toBe(7);
    expect(s.perHour.map((h) => h.count)).toEqual([2, 3, 1, 1]);
    expect(s.byType).toEqual([
      { type: 'einbruch', count: 4 },
      { type: 'brand', count: 1 },
      { type: 'raub', count: 1 },
      { type: 'verkehrsunfall', count: 1 },
    ]);
  });
});

describe('GET /api/v1/stats/availability by district', () => {
  type Avail = { samples: Record<string, number>[] };
  const pick = (s: Record<string, number>) => [
    s['available'],
    s['committed'],
    s['request'],
    s['unavailable'],
    s['total'],
  ];
  const at = () => `from=${unitsAt}&to=${unitsAt + 10_000}&step=10`;

  it('a Köln operator counts the Köln units (handhelds too: only their positions are hidden)', async () => {
    const r = await get<Avail>('op-koeln', `/api/v1/stats/availability?${at()}`);
    // k1 (2) and kh (1) available, k2 (6) unavailable.
    expect(r.samples.map(pick)).toEqual([[2, 0, 0, 1, 3]]);
  });

  it('an unlimited operator counts the whole fleet', async () => {
    const r = await get<Avail>('operator', `/api/v1/stats/availability?${at()}`);
    // + d1 speech request, b1 unavailable.
    expect(r.samples.map(pick)).toEqual([[2, 0, 1, 2, 5]]);
  });
});

describe('heatmap by district', () => {
  it('hexagons: a Köln operator sees Dom (K1, K2) and Deutz (K3, N1) only', async () => {
    const r = await get<Hex>('op-koeln', `/api/v1/heatmap?${shift}&mode=hex&res=9`);
    expect(r.total).toBe(4);
    expect(cells(r)).toEqual({ [cell(DOM)]: 2, [cell(DEUTZ)]: 2 });
  });

  it('hexagons: unlimited viewers (operator, wall) see every district', async () => {
    for (const who of ['operator', 'wall']) {
      const r = await get<Hex>(who, `/api/v1/heatmap?${shift}&mode=hex&res=9`);
      expect(r.total).toBe(7);
      expect(cells(r)).toEqual({ [cell(DOM)]: 2, [cell(DEUTZ)]: 2, [cell(DUS)]: 2, [cell(BONN)]: 1 });
    }
  });

  it('heat points and the call-type filter', async () => {
    const r = await get<{ total: number; points: number[][] }>(
      'op-koeln',
      `/api/v1/heatmap?${shift}&types=einbruch`,
    );
    expect(r.total).toBe(2); // K1, K3
    expect(r.points).toEqual([
      [DOM.lon, DOM.lat, 1],
      [DEUTZ.lon, DEUTZ.lat, 1],
    ]);
    expect((await get<{ total: number }>('operator', `/api/v1/heatmap?${shift}&types=einbruch`)).total).toBe(
      4,
    );
  });

  it('comparison with last week: both periods by district', async () => {
    type Cmp = { totals: { a: number; b: number }; cells: { h3: string; a: number; b: number }[] };
    const k = await get<Cmp>('op-koeln', `/api/v1/heatmap/compare?${shift}&${lastWeek}&res=9`);
    expect(k.totals).toEqual({ a: 4, b: 1 }); // B: K0 only, not D0
    expect(Object.fromEntries(k.cells.map((c) => [c.h3, [c.a, c.b]]))).toEqual({
      [cell(DOM)]: [2, 1],
      [cell(DEUTZ)]: [2, 0],
    });
    const all = await get<Cmp>('operator', `/api/v1/heatmap/compare?${shift}&${lastWeek}&res=9`);
    expect(all.totals).toEqual({ a: 7, b: 2 });
  });
});

describe('heatmap of an imported dataset by district (needs replay.read)', () => {
  it.each(['bezirke', 'bezirke-alt'])(
    '%s: a Köln analyst sees Köln and no-district incidents, an admin all',
    async (name) => {
      const q = `/api/v1/heatmap?${shift}&mode=hex&res=9&dataset=${name}`;
      const k = await get<Hex>('analyst-koeln', q);
      expect(k.total).toBe(4);
      expect(cells(k)).toEqual({ [cell(DOM)]: 2, [cell(DEUTZ)]: 2 });
      expect((await get<Hex>('operator', q)).total).toBe(7);
    },
  );

  it('a district-limited operator (no replay.read) is refused a dataset, and its stats are filtered too', async () => {
    const res = await authFetch(
      `${server.url}/api/v1/heatmap?${shift}&dataset=bezirke`,
      {},
      tokens['op-koeln'],
    );
    expect(res.status).toBe(403);
    const s = await get<Stats>('analyst-koeln', `/api/v1/stats/incidents?${shift}&dataset=bezirke-alt`);
    expect(s.total).toBe(4);
  });
});
