/**
 * Issue 13, point 1: ids that are names of JavaScript object members (`constructor`, `toString`,
 * `__proto__` …) through every write path of the live server: HTTP ingest, the /ingest socket and
 * operator commands. Each is refused with a 4xx naming it or taken as an id like any other; the
 * server stays up, restarts to the same picture, and every dashboard's picture stays whole.
 * On the old code the first test got 202 for a position of unit "constructor" and 503 for the
 * issue's update (then the restart died on "reading 'dispatched'").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { Picture } from '#shared/picture';
import type { LageServer } from '../app.ts';
import { TEST_TOKEN, TestDashboard, getJson, post, startTestServer, tempDir } from '../testing/harness.ts';
import { PROTOTYPE_IDS, PROTOTYPE_NAMES, PROTOTYPE_NON_IDS } from '../testing/prototypeNames.ts';

const dataDir = tempDir();
let server: LageServer;
let dash: TestDashboard;
let terminal: Socket;
const closers: (() => void)[] = [];

async function openIngestSocket(url: string): Promise<Socket> {
  const s = connect(`${url}/ingest`, {
    transports: ['websocket'],
    auth: { token: TEST_TOKEN },
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    s.once('connect', resolve);
    s.once('connect_error', reject);
  });
  return s;
}

async function dashboard(url: string): Promise<TestDashboard> {
  const d = new TestDashboard(url);
  closers.push(() => d.close());
  await d.connected();
  return d;
}

type Ack = { ok: boolean; error?: string; items?: { errors: string[] }[] };
const emit = (s: Socket, event: string, payload: unknown) => s.emitWithAck(event, payload) as Promise<Ack>;
const command = (cmd: Record<string, unknown>) => emit(dash.socket, 'command', cmd);

beforeAll(async () => {
  server = await startTestServer({}, dataDir);
  dash = await dashboard(server.url);
  terminal = await openIngestSocket(server.url);
});
afterAll(async () => {
  terminal?.close();
  for (const c of closers.splice(0)) c();
  await server?.close();
});

describe('prototype names as ids', () => {
  it('covers every own name of Object.prototype and Function.prototype; only the `__` ones are no ids', () => {
    expect(PROTOTYPE_NAMES).toEqual(
      expect.arrayContaining(['constructor', 'toString', '__proto__', 'valueOf']),
    );
    expect(PROTOTYPE_NAMES).toEqual(
      expect.arrayContaining(['hasOwnProperty', 'apply', 'bind', 'caller', 'length']),
    );
    expect(PROTOTYPE_NON_IDS.every((n) => n.startsWith('__'))).toBe(true);
    expect(PROTOTYPE_IDS.length + PROTOTYPE_NON_IDS.length).toBe(PROTOTYPE_NAMES.length);
  });

  it('a unit or incident of that name that does not exist is refused by name, nothing stored', async () => {
    const seq = server.lage.seq;
    for (const n of PROTOTYPE_NAMES) {
      const pos = await post(server.url, 'positions', [{ unitId: n, lat: 51, lon: 7 }]);
      expect(pos.status, n).toBe(400);
      expect(JSON.stringify(pos.json['items']), n).toMatch(/unitId/);
      const st = await post(server.url, 'status', [{ unitId: n, status: 3 }]);
      expect(st.status, n).toBe(400);
      // The request of the issue.
      const upd = await post(server.url, 'incidents', [{ op: 'update', id: n, state: 'disponiert' }]);
      expect(upd.status, n).toBe(400);
      expect(JSON.stringify(upd.json['items']), n).toMatch(/id/);
      const sock = await emit(terminal, 'status', [{ unitId: n, status: 5 }]);
      expect(sock.ok, n).toBe(false);
      const set = await command({ cmd: 'setState', incidentId: n, state: 'disponiert' });
      expect(set, n).toMatchObject({ ok: false });
      expect(set.error, n).toMatch(PROTOTYPE_IDS.includes(n) ? `unknown incident "${n}"` : /incidentId/);
      const ack = await command({ cmd: 'acknowledge', unitId: n });
      expect(ack.ok, n).toBe(false);
    }
    expect(server.lage.seq).toBe(seq);
    expect(Object.keys(server.lage.picture.units)).toEqual([]);
    const health = await getJson(`${server.url}/api/v1/health`);
    expect(health).toEqual({ status: 'ok', seq, quarantined: 0 });
  });

  it('names that are no valid id are refused as ids with a 4xx naming the field', async () => {
    const seq = server.lage.seq;
    for (const n of PROTOTYPE_NON_IDS) {
      const unit = await post(server.url, 'units', [
        { id: n, callsign: 'K 1', kind: 'motorrad', district: 'd' },
      ]);
      expect(unit.status, n).toBe(400);
      expect(JSON.stringify(unit.json['items']), n).toMatch(/id: must be 1-64 characters/);
      const inc = await emit(terminal, 'incidents', [
        { op: 'open', id: n, type: 'brand', priority: 1, lat: 51, lon: 7 },
      ]);
      expect(inc.ok, n).toBe(false);
      expect(JSON.stringify(inc.items), n).toMatch(/id: must be/);
    }
    expect(server.lage.seq).toBe(seq);
  });

  it('as unit, incident and district ids through HTTP ingest, the ingest socket and commands', async () => {
    const units = [
      ...PROTOTYPE_IDS.map((n, i) => ({ id: n, callsign: `K ${i}`, kind: 'motorrad', district: n })),
      // Districts are free text: every name, `__proto__` included, is one.
      ...PROTOTYPE_NAMES.map((n, i) => ({
        id: `d${i}`,
        callsign: `D ${i}`,
        kind: 'zivilfahrzeug',
        district: n,
      })),
    ];
    expect((await post(server.url, 'units', units)).status).toBe(202);
    const incidents = [
      ...PROTOTYPE_IDS.map((n) => ({
        op: 'open',
        id: n,
        type: 'einbruch',
        priority: 2,
        lat: 51,
        lon: 7,
        district: n,
      })),
      ...PROTOTYPE_NAMES.map((n, i) => ({
        op: 'open',
        id: `E${i}`,
        type: 'brand',
        priority: 1,
        lat: 51,
        lon: 7,
        district: n,
      })),
    ];
    expect((await post(server.url, 'incidents', incidents)).status).toBe(202);
    for (const [i, n] of PROTOTYPE_IDS.entries()) {
      expect(await emit(terminal, 'positions', [{ unitId: n, lat: 51 + i / 100, lon: 7 }]), n).toMatchObject({
        ok: true,
      });
      expect(await emit(terminal, 'status', [{ unitId: n, status: 5 }]), n).toMatchObject({ ok: true });
      expect(await command({ cmd: 'acknowledge', unitId: n }), n).toMatchObject({ ok: true });
      expect(await command({ cmd: 'assign', incidentId: n, unitId: n }), n).toMatchObject({ ok: true });
      const upd = await post(server.url, 'incidents', [{ op: 'update', id: n, state: 'disponiert' }]);
      expect(upd.status, n).toBe(202);
      expect(await command({ cmd: 'note', incidentId: n, text: `Notiz ${n}` }), n).toMatchObject({
        ok: true,
      });
      expect(await command({ cmd: 'setState', incidentId: n, state: 'in_bearbeitung' }), n).toMatchObject({
        ok: true,
      });
    }
    await dash.waitForSeq(server.lage.seq);
    expectWhole(dash.picture);
    expect(dash.errors).toEqual([]);
    // A dashboard that connects now gets the same picture as a snapshot.
    const late = await dashboard(server.url);
    await late.waitForSeq(server.lage.seq);
    expect(late.picture).toEqual(dash.picture);
    expect(late.errors).toEqual([]);
  });

  it('the server restarts to the same picture, nothing quarantined', async () => {
    const before = structuredClone(dash.picture);
    terminal.close();
    for (const c of closers.splice(0)) c();
    await server.close();
    server = await startTestServer({}, dataDir);
    const health = await getJson(`${server.url}/api/v1/health`);
    expect(health).toEqual({ status: 'ok', seq: before.seq, quarantined: 0 });
    dash = await dashboard(server.url);
    await dash.waitForSeq(before.seq);
    expect(dash.picture).toEqual(before);
    expectWhole(dash.picture);
    terminal = await openIngestSocket(server.url);
    expect(await emit(terminal, 'status', [{ unitId: 'constructor', status: 4 }])).toMatchObject({
      ok: true,
    });
  });
});

function expectWhole(p: Picture): void {
  expect(Object.keys(p.units)).toHaveLength(PROTOTYPE_IDS.length + PROTOTYPE_NAMES.length);
  expect(Object.keys(p.incidents)).toHaveLength(PROTOTYPE_IDS.length + PROTOTYPE_NAMES.length);
  for (const [i, n] of PROTOTYPE_IDS.entries()) {
    expect(Object.hasOwn(p.units, n), n).toBe(true);
    expect(p.units[n], n).toMatchObject({
      id: n,
      district: n,
      status: 3,
      incidentId: n,
      position: { lat: 51 + i / 100 },
    });
    expect(p.incidents[n], n).toMatchObject({ id: n, district: n, state: 'in_bearbeitung', units: [n] });
    expect(
      p.incidents[n]?.notes.map((x) => x.text),
      n,
    ).toEqual([`Notiz ${n}`]);
  }
  for (const [i, n] of PROTOTYPE_NAMES.entries()) {
    expect(p.units[`d${i}`]?.district, n).toBe(n);
    expect(p.incidents[`E${i}`]?.district, n).toBe(n);
  }
}
