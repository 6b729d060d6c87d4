/**
 * Issue 13, point 2: a user limited to PP Köln must get nothing of PP Bonn's incidents — no note,
 * update (address, location, description), assignment, closure, nor a unit status naming a Bonn
 * incident — on any path: /live batches live and on resume, GET /api/v1/events, the replay's events
 * and picture, and the CSV and GeoJSON export. One rule (shared/redact.ts incidentEventInView) decides
 * them by the incident's district. Real server on a loopback port, real SQLite data dir, real
 * Socket.IO dashboards; the Köln user signs in through POST /api/v1/auth/login. Every path is also
 * checked to carry Köln's own data, so an empty answer cannot pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactPicture, policyFor } from '#shared/redact';
import type { LageServer } from './app.ts';
import { TestDashboard, authFetch, defaultToken, post, startTestServer } from './testing/harness.ts';

const KOELN = 'PP Köln';
const BONN = 'PP Bonn';
/** Every string of Bonn's incident and its events; none may reach the Köln user. */
const BONN_SECRETS = [
  'B-1',
  'Bonngasse 20',
  'Bonn-Geheimnis',
  'Bonner Talweg 8',
  'Bonn-Update',
  'Bonn-Notiz',
  '50.7311',
  '7.0982',
];
/** Köln's own counterparts, which the Köln user must get. */
const KOELN_DATA = ['K-1', 'Domkloster 4', 'Domkloster 5', 'Köln-Notiz'];

let server: LageServer;
let koelnToken = '';
let live: TestDashboard;
const liveRaw: string[] = [];
/** Instants between the steps of the fixture (received clock). */
const at: Record<'start' | 'bound' | 'end', number> = { start: 0, bound: 0, end: 0 };
/** The Köln user's pictures while Köln's car was bound to Bonn's incident: /live snapshot, GET /snapshot. */
const boundPictures: Record<'live' | 'http', string> = { live: '', http: '' };

/** The next millisecond, so an instant lies strictly between two commits. */
async function instant(): Promise<number> {
  const t = Date.now();
  while (Date.now() <= t) await new Promise((r) => setImmediate(r));
  return Date.now();
}

async function ingest(kind: string, body: unknown): Promise<void> {
  const r = await post(server.url, kind, body);
  expect(r.status, JSON.stringify(r.json)).toBe(202);
}

const expectNoBonn = (text: string, where: string) => {
  for (const s of BONN_SECRETS) expect(text.includes(s), `${where} contains "${s}"`).toBe(false);
};
const expectKoeln = (text: string, where: string, strings = KOELN_DATA) => {
  for (const s of strings) expect(text.includes(s), `${where} lacks "${s}"`).toBe(true);
};

/** GET as the Köln user, or with `token` (the harness's unlimited operator: `unlimited()`). */
const getAs = async (path: string, token = koelnToken): Promise<string> => {
  const res = await authFetch(`${server.url}${path}`, {}, token);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return text;
};

const unlimited = () => defaultToken(server.url) ?? '';

beforeAll(async () => {
  server = await startTestServer();
  const password = 'koeln-password-0123';
  // Operator and analyst: live, events, replay and export, with personal data.
  await server.auth.users.addUser('op-koeln', password, ['operator', 'analyst'], [KOELN]);
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'op-koeln', password, token: true }),
  });
  koelnToken = ((await res.json()) as { token: string }).token;

  live = new TestDashboard(server.url, { token: koelnToken });
  live.socket.on('batch', (raw: unknown) => liveRaw.push(JSON.stringify(raw)));
  await live.connected();
  const operator = new TestDashboard(server.url); // unlimited: writes the notes

  at.start = await instant();
  // seq 1: the dashboard that resumes has seen it, and it is not part of the fixture.
  await ingest('units', [
    { id: 'd1', callsign: 'D 1/1', kind: 'funkstreifenwagen', district: 'PP Düsseldorf' },
  ]);
  await ingest('units', [
    { id: 'k1', callsign: 'K 11/1', kind: 'funkstreifenwagen', district: KOELN, status: 2 },
    { id: 'b1', callsign: 'BN 1/1', kind: 'funkstreifenwagen', district: BONN, status: 2 },
  ]);
  await ingest('incidents', [
    { id: 'K-1', type: 'einbruch', priority: 2, lat: 50.9413, lon: 6.9583, district: KOELN },
    { id: 'B-1', type: 'einbruch', priority: 2, lat: 50.7374, lon: 7.0982, district: BONN },
  ]);
  await ingest('incidents', [
    { op: 'update', id: 'K-1', address: 'Domkloster 4' },
    { op: 'update', id: 'B-1', address: 'Bonngasse 20', description: 'Bonn-Geheimnis' },
  ]);
  await ingest('incidents', [
    { op: 'update', id: 'K-1', address: 'Domkloster 5' },
    {
      op: 'update',
      id: 'B-1',
      address: 'Bonner Talweg 8',
      lat: 50.7311,
      lon: 7.1,
      description: 'Bonn-Update',
    },
  ]);
  await operator.connected();
  for (const [incidentId, text] of [
    ['K-1', 'Köln-Notiz'],
    ['B-1', 'Bonn-Notiz'],
  ] as const)
    expect(await operator.socket.emitWithAck('command', { cmd: 'note', incidentId, text })).toMatchObject({
      ok: true,
    });
  operator.close();
  await ingest('incidents', [{ op: 'assign', id: 'B-1', unitId: 'b1' }]);
  // Köln's car helps out in Bonn: its status names Bonn's incident, its position is bound to it.
  await ingest('status', [{ unitId: 'k1', status: 3, incidentId: 'B-1' }]);
  await ingest('positions', [{ unitId: 'k1', lat: 50.74, lon: 7.09 }]);
  at.bound = await instant();
  const late = new TestDashboard(server.url, { token: koelnToken });
  const snapshot = new Promise<string>((resolve) =>
    late.socket.once('snapshot', (m: unknown) => resolve(JSON.stringify(m))),
  );
  boundPictures.live = await snapshot;
  late.close();
  boundPictures.http = await getAs('/api/v1/snapshot');
  await ingest('incidents', [{ op: 'close', id: 'B-1' }]);
  at.end = await instant();
  await live.waitForSeq(server.lage.seq);
}, 60_000);
afterAll(() => {
  live?.close();
  server?.close();
});

describe('a user limited to PP Köln gets nothing of PP Bonn', () => {
  it('in /live batches as they happen', () => {
    expect(live.errors).toEqual([]);
    const text = liveRaw.join('\n');
    expectNoBonn(text, 'live batches');
    expectKoeln(text, 'live batches');
    expect(live.picture.incidents['B-1']).toBeUndefined();
    expect(live.picture.units['k1']).toMatchObject({ status: 3 });
    expect(live.picture.units['k1']?.incidentId).toBeUndefined();
  });

  it('in /live on resume, and the resumed picture is the snapshot the user would get', async () => {
    const resumed = new TestDashboard(server.url, { token: koelnToken, lastSeq: 1 });
    const raw: string[] = [];
    resumed.socket.on('batch', (b: unknown) => raw.push(JSON.stringify(b)));
    await resumed.connected();
    await resumed.waitForSeq(server.lage.seq);
    resumed.close();
    expect(resumed.snapshots).toBe(0);
    expect(resumed.errors).toEqual([]);
    expectNoBonn(raw.join('\n'), 'resume batches');
    expectKoeln(raw.join('\n'), 'resume batches');
    const fresh = redactPicture(server.lage.picture, policyFor(['operator', 'analyst'], [KOELN]));
    expect(resumed.picture.incidents).toEqual(fresh.incidents);
    expect(resumed.picture.units['k1']).toEqual(fresh.units['k1']);
  });

  it('in the /live snapshot and GET /api/v1/snapshot', () => {
    for (const [where, text] of Object.entries(boundPictures)) {
      expectNoBonn(text, `${where} snapshot`);
      expectKoeln(text, `${where} snapshot`, ['K-1', 'Domkloster 5', 'Köln-Notiz', '"k1"']);
    }
  });

  it('in GET /api/v1/events', async () => {
    const text = await getAs('/api/v1/events?fromSeq=1&limit=1000');
    expectNoBonn(text, '/api/v1/events');
    expectKoeln(text, '/api/v1/events');
    const { events } = JSON.parse(text) as { events: { type: string; unitId?: string }[] };
    // Köln's car stays on the board: its status comes without Bonn's incident.
    expect(events).toContainEqual(expect.objectContaining({ type: 'unit.status', unitId: 'k1', status: 3 }));
  });

  it('in the replay: GET /api/v1/replay/events and the picture', async () => {
    const events = await getAs(`/api/v1/replay/events?from=${at.start}&to=${at.end + 1}`);
    expectNoBonn(events, 'replay events');
    expectKoeln(events, 'replay events');
    // While Köln's car was bound to Bonn's incident (and Bonn's incident was open).
    const picture = await getAs(`/api/v1/replay/picture?t=${at.bound}`);
    expectNoBonn(picture, 'replay picture');
    expectKoeln(picture, 'replay picture', ['K-1', 'Domkloster 5', 'Köln-Notiz']);
    const full = await getAs(`/api/v1/replay/picture?t=${at.bound}`, unlimited());
    expect(full).toContain('Bonn-Notiz'); // the fixture did put it there
  });

  it('in the CSV and GeoJSON export', async () => {
    const period = `from=${at.start}&to=${at.end + 1}&reason=Auswertung`;
    const csv = await getAs(`/api/v1/replay/export?format=csv&${period}`);
    expectNoBonn(csv, 'CSV export');
    expectKoeln(csv, 'CSV export');
    const geojson = await getAs(`/api/v1/replay/export?format=geojson&${period}`);
    expectNoBonn(geojson, 'GeoJSON export');
    expectKoeln(geojson, 'GeoJSON export', ['K-1', 'Domkloster 5', 'Köln-Notiz']);
    // The position of Köln's car is there, without the Bonn incident it was bound to.
    const { features } = JSON.parse(geojson) as { features: { properties: Record<string, unknown> }[] };
    expect(features.map((f) => f.properties)).toContainEqual(
      expect.objectContaining({ layer: 'positions', unitId: 'k1', status: 3 }),
    );
    const fullGeojson = await getAs(`/api/v1/replay/export?format=geojson&${period}`, unlimited());
    expect(fullGeojson).toContain('"incidentId":"B-1"'); // unlimited: the binding is there
  });
});
