/**
 * Issue 13, point 2, for an imported replay dataset: a user limited to PP Köln replays and exports a
 * period that starts after PP Bonn's incident was opened, so only the dataset's incident index can
 * say that the period's note, update and unit status belong to Bonn. Real server on a loopback port,
 * a real dataset file in the data dir; the user signs in through POST /api/v1/auth/login.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '#shared/schemas';
import type { LageServer } from '../app.ts';
import { createDatasetDb, datasetFile, datasetsDir, finishDatasetDb, writeInfo } from '../replay/dataset.ts';
import { EventLog } from '../store/eventLog.ts';
import { authFetch, defaultToken, startTestServer, tempDir } from '../testing/harness.ts';

const T0 = Date.UTC(2026, 10, 20, 22);
const MIN = 60_000;
const KOELN = 'PP Köln';
const BONN_SECRETS = ['B-1', 'Bonngasse 20', 'Bonn-Notiz', 'Bonn-Geheimnis'];

const opened = (id: string, district: string, description: string): NewEvent => ({
  type: 'incident.opened',
  time: T0 + MIN,
  incident: {
    id,
    number: id,
    type: 'einbruch',
    priority: 2,
    location: { lat: 50.9, lon: 6.9 },
    district,
    description,
  },
});
/** Minute 1: openings (before the period); minutes 10-13: the period's events. */
const EVENTS: NewEvent[] = [
  {
    type: 'unit.registered',
    time: T0,
    unit: { id: 'k1', callsign: 'K 11/1', kind: 'funkstreifenwagen', district: KOELN },
  },
  opened('K-1', KOELN, 'Köln-Beschreibung'),
  opened('B-1', 'PP Bonn', 'Bonn-Geheimnis'),
  { type: 'incident.note', time: T0 + 10 * MIN, incidentId: 'B-1', text: 'Bonn-Notiz', by: 'x' },
  { type: 'incident.note', time: T0 + 10 * MIN, incidentId: 'K-1', text: 'Köln-Notiz', by: 'x' },
  { type: 'incident.updated', time: T0 + 11 * MIN, incidentId: 'B-1', patch: { address: 'Bonngasse 20' } },
  { type: 'unit.status', time: T0 + 12 * MIN, unitId: 'k1', status: 3, incidentId: 'B-1' },
  { type: 'incident.closed', time: T0 + 13 * MIN, incidentId: 'B-1' },
];

let server: LageServer;
let token = '';

function writeDataset(dataDir: string, name: string): void {
  const tmp = tempDir();
  const { db, file } = createDatasetDb(tmp);
  const log = new EventLog(db);
  for (const e of EVENTS) log.append([e], e.time);
  const to = T0 + 13 * MIN;
  writeInfo(db, {
    name,
    sourceFile: 'test.csv',
    mappingFile: 'test.json',
    mapping: {},
    timeZone: 'Europe/Berlin',
    from: T0,
    to,
    rows: EVENTS.length,
    imported: EVENTS.length,
    skipped: 0,
    duplicates: 0,
    events: EVENTS.length,
    incidents: 2,
    units: 1,
    positions: 0,
    snapshotEvery: 10_000,
    importedAt: Date.now(),
  });
  finishDatasetDb(db);
  fs.mkdirSync(datasetsDir(dataDir), { recursive: true });
  fs.renameSync(file, datasetFile(dataDir, name));
  fs.rmSync(tmp, { recursive: true, force: true });
}

beforeAll(async () => {
  const dataDir = tempDir();
  writeDataset(dataDir, 'zwei-bezirke');
  server = await startTestServer({}, dataDir);
  const password = 'koeln-password-0123';
  await server.auth.users.addUser('an-koeln', password, ['analyst'], [KOELN]);
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'an-koeln', password, token: true }),
  });
  token = ((await res.json()) as { token: string }).token;
}, 60_000);
afterAll(() => server?.close());

/** GET as the Köln analyst, or with `as` (the harness's unlimited operator: defaultToken). */
const get = async (path: string, as = token): Promise<string> => {
  const res = await authFetch(`${server.url}${path}`, {}, as);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return text;
};
const period = `dataset=zwei-bezirke&from=${T0 + 5 * MIN}&to=${T0 + 20 * MIN}&reason=Auswertung`;

describe("an imported dataset: events of Bonn's incident opened before the period", () => {
  it('are not in GET /api/v1/replay/events for a Köln user; Köln’s own are', async () => {
    const text = await get(`/api/v1/replay/events?${period}`);
    for (const s of BONN_SECRETS) expect(text.includes(s), `contains "${s}"`).toBe(false);
    expect(text).toContain('Köln-Notiz');
    const { events } = JSON.parse(text) as { events: Record<string, unknown>[] };
    // Köln's car: its status, without the Bonn incident it names.
    expect(events).toContainEqual(expect.objectContaining({ type: 'unit.status', unitId: 'k1', status: 3 }));
    // An unlimited reader gets them all (the fixture holds what the Köln user must not get).
    const all = await get(`/api/v1/replay/events?${period}`, defaultToken(server.url));
    for (const s of ['Bonn-Notiz', 'Bonngasse 20']) expect(all).toContain(s);
  });

  it('are not in the CSV export for a Köln user', async () => {
    const csv = await get(`/api/v1/replay/export?format=csv&${period}`);
    for (const s of BONN_SECRETS) expect(csv.includes(s), `contains "${s}"`).toBe(false);
    expect(csv).toContain('Köln-Notiz');
  });
});
