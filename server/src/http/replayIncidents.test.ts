/**
 * What the replay view reads beside the picture, on a real server with a real SQLite log and an
 * imported dataset: an incident's history only as known at T (and from the replayed dataset), the
 * statistics of a dataset, every incident of a period longer than 12 h for the timeline's markers,
 * and the server's stale threshold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import type { Picture } from '#shared/picture';
import type { LageServer } from '../app.ts';
import { importCsv } from '../../../tools/import/fixtures.ts';
import { CAD_MAPPING, tempDir, writeFile } from '../../../tools/import/fixtures.ts';
import { authFetch, getJson, post, sessionFor, sleep, startTestServer, units } from '../testing/harness.ts';

/** Two days of CAD incidents; E1-E3 are closed more than 12 h before E5, the last call. */
const CSV = [
  'Einsatz;Eröffnet;Disponiert;Vor Ort;Abgeschlossen;Fahrzeug;Rufname;Breite;Länge;Art;Prio',
  'E1;25.11.2026 08:00;25.11.2026 08:02;25.11.2026 08:10;25.11.2026 08:40;W1;Dü 12/41;51,2277;6,7735;VU;1',
  'E2;25.11.2026 09:00;25.11.2026 09:05;;25.11.2026 09:30;W2;Dü 12/42;51,2300;6,7800;Einbruch;2',
  'E3;25.11.2026 14:00;;;25.11.2026 14:20;;;51,2100;6,7600;Ruhestörung;3',
  'E4;26.11.2026 10:00;26.11.2026 10:03;26.11.2026 10:15;26.11.2026 11:00;W1;Dü 12/41;51,2200;6,7700;VU;2',
  'E5;26.11.2026 18:00;;;;;;51,2150;6,7650;Einbruch;1',
].join('\n');

/** The CAD mapping, its incidents in one district. */
const MAPPING = { ...CAD_MAPPING, incident: { ...CAD_MAPPING.incident, district: 'PP Düsseldorf' } };

/** Berlin wall-clock time (UTC+1 in November). */
const at = (day: number, hhmm: string) => Date.parse(`2026-11-${day}T${hhmm}:00+01:00`);
const HOUR = 3_600_000;
const STALE_AFTER_MS = 90_000;

type History = { incidentId: string; seq: number; truncated: boolean; events: LageEvent[] };
interface Marker {
  id: string;
  number: string;
  type: string;
  priority: number;
  opened: number;
  at: number;
  closed?: number;
}

let server: LageServer;
let liveLog: LageEvent[];

beforeAll(async () => {
  const dataDir = tempDir();
  await importCsv({
    dataDir,
    mappingFile: writeFile(dataDir, 'cad.json', MAPPING),
    csvFile: writeFile(dataDir, 'cad.csv', CSV),
    dataset: 'cad',
  });
  server = await startTestServer({ staleAfterMs: STALE_AFTER_MS }, dataDir);
  // The live log has an incident E1 of its own, opened, taken, worked on and closed a few ms apart
  // (distinct receive times), which the dataset's answers must never show.
  await post(server.url, 'units', units(2));
  const steps: [string, unknown[]][] = [
    ['incidents', [{ id: 'E1', type: 'brand', priority: 1, lat: 51.2, lon: 6.7, district: 'PP Köln' }]],
    ['status', [{ unitId: 'u1', status: 3, incidentId: 'E1' }]],
    ['status', [{ unitId: 'u1', status: 4 }]],
    ['incidents', [{ op: 'update', id: 'E1', state: 'in_bearbeitung' }]],
    ['incidents', [{ op: 'close', id: 'E1' }]],
  ];
  for (const [kind, body] of steps) {
    await sleep(15);
    expect((await post(server.url, kind, body)).status).toBe(202);
  }
  liveLog = (await getJson<{ events: LageEvent[] }>(`${server.url}/api/v1/events?limit=100`)).events;
});
afterAll(() => server.close());

const history = (query: string) => getJson<History>(`${server.url}/api/v1/incidents/E1/events?${query}`);

describe('incident history in a replay at T', () => {
  it('the live log: only the events received up to T (the replay clock), ending as the picture at T does', async () => {
    const full = await history('');
    expect(full.events.map((e) => e.type)).toEqual([
      'incident.opened',
      'unit.status',
      'unit.status',
      'incident.updated',
      'incident.closed',
    ]);
    for (const cut of full.events.slice(0, -1)) {
      const t = cut.received;
      const h = await history(`t=${t}`);
      const known = full.events.filter((e) => e.received <= t);
      expect(h.events.map((e) => e.seq)).toEqual(known.map((e) => e.seq));
      expect(h.events.length).toBeLessThan(full.events.length);
      // The same prefix of the log as the replay's picture at T.
      const picture = await getJson<{ seq: number }>(`${server.url}/api/v1/replay/picture?t=${t}`);
      expect(h.seq).toBe(picture.seq);
      expect(h.seq).toBe(Math.max(...liveLog.filter((e) => e.received <= t).map((e) => e.seq)));
    }
    // Before the call was received the incident was not known.
    const before = await authFetch(
      `${server.url}/api/v1/incidents/E1/events?t=${full.events[0]!.received - 1}`,
    );
    expect(before.status).toBe(404);
  });

  it('an imported dataset: its own history (not the live log’s E1), up to T by event time', async () => {
    const full = await history('dataset=cad');
    expect(full.events[0]).toMatchObject({ type: 'incident.opened', incident: { type: 'verkehrsunfall' } });
    expect(full.events.some((e) => e.received === liveLog[1]?.received)).toBe(false);
    expect(full.events.map((e) => e.type)).toContain('incident.closed');
    const t = at(25, '08:05');
    const h = await history(`dataset=cad&t=${t}`);
    expect(h.events.map((e) => e.type)).toEqual(['incident.opened', 'incident.assigned']);
    expect(h.events.map((e) => e.seq)).toEqual(full.events.filter((e) => e.time <= t).map((e) => e.seq));
    const picture = await getJson<{ seq: number }>(`${server.url}/api/v1/replay/picture?dataset=cad&t=${t}`);
    expect(h.seq).toBe(picture.seq);
  });

  it('a dataset needs replay.read; an unknown one is 404, a district outside the viewer’s as unknown', async () => {
    const wall = sessionFor(server, { name: 'wand-1', roles: ['wall'], kind: 'user' });
    const url = `${server.url}/api/v1/incidents/E1/events?dataset=cad&t=${at(25, '09:00')}`;
    expect((await authFetch(url, {}, wall)).status).toBe(403);
    expect((await authFetch(`${server.url}/api/v1/incidents/E1/events?dataset=nope`)).status).toBe(404);
    const koeln = sessionFor(server, {
      name: 'ana-k',
      roles: ['analyst'],
      districts: ['PP Köln'],
      kind: 'user',
    });
    expect((await authFetch(url, {}, koeln)).status).toBe(404);
    const dus = sessionFor(server, {
      name: 'ana-d',
      roles: ['analyst'],
      districts: ['PP Düsseldorf'],
      kind: 'user',
    });
    expect((await authFetch(url, {}, dus)).status).toBe(200);
  });

  it('records the read of a dataset as a replay view', async () => {
    const t = at(26, '10:30');
    await history(`dataset=cad&t=${t}&reason=Nachbereitung`);
    const entries = server.audit.list({ limit: 1000 });
    expect(
      entries.some(
        (e) =>
          e.action === 'replay.view' &&
          e.target === 'cad' &&
          e.details['reason'] === 'Nachbereitung' &&
          e.details['from'] === new Date(Math.floor(t / HOUR) * HOUR).toISOString(),
      ),
    ).toBe(true);
  });
});

describe('statistics of an imported dataset', () => {
  it('incidents per hour and type count the dataset, not the live log', async () => {
    const from = at(25, '00:00');
    const to = at(27, '00:00');
    const ds = await getJson<{ total: number; perHour: { start: number; count: number }[] }>(
      `${server.url}/api/v1/stats/incidents?from=${from}&to=${to}&dataset=cad`,
    );
    expect(ds.total).toBe(5);
    const hourOf = (ms: number) => ds.perHour.find((b) => b.start === Math.floor(ms / HOUR) * HOUR)?.count;
    expect(hourOf(at(25, '08:00'))).toBe(1);
    expect(hourOf(at(26, '18:00'))).toBe(1);
    const live = await getJson<{ total: number }>(
      `${server.url}/api/v1/stats/incidents?from=${from}&to=${to}`,
    );
    expect(live.total).toBe(0);
    const now = await getJson<{ total: number }>(
      `${server.url}/api/v1/stats/incidents?from=${Date.now() - HOUR}&to=${Date.now() + HOUR}&dataset=cad`,
    );
    expect(now.total).toBe(0);
  });

  it('availability over time from the dataset on its event time', async () => {
    const from = at(25, '07:00');
    const a = await getJson<{
      samples: { time: number; committed: number; available: number; total: number }[];
    }>(`${server.url}/api/v1/stats/availability?from=${from}&to=${from + 4 * HOUR}&step=900&dataset=cad`);
    // 07:00 no unit yet; 08:30 W1 on E1 (committed); 09:00 W1 free; 09:15 W2 on E2 (sent 09:05);
    // 09:30 E2 closed: both free (a change exactly at an instant counts).
    const at0 = (hhmm: string) => a.samples.find((s) => s.time === at(25, hhmm));
    expect(at0('07:00')).toMatchObject({ total: 0 });
    expect(at0('08:30')).toMatchObject({ total: 1, committed: 1 });
    expect(at0('09:00')).toMatchObject({ total: 1, committed: 0 });
    expect(at0('09:15')).toMatchObject({ total: 2, committed: 1 });
    expect(at0('09:30')).toMatchObject({ total: 2, committed: 0 });
  });

  it('needs replay.read for a dataset', async () => {
    const wall = sessionFor(server, { name: 'wand-2', roles: ['wall'], kind: 'user' });
    const q = `from=${at(25, '00:00')}&to=${at(26, '00:00')}&dataset=cad`;
    expect((await authFetch(`${server.url}/api/v1/stats/incidents?${q}`, {}, wall)).status).toBe(403);
    expect((await authFetch(`${server.url}/api/v1/stats/availability?${q}`, {}, wall)).status).toBe(403);
  });
});

describe('timeline markers of a period longer than 12 h', () => {
  const from = at(25, '07:00');
  const to = at(26, '20:00');

  it('lists every incident called in the period, also those the picture at the end has dropped', async () => {
    const end = await getJson<{ picture: Picture }>(
      `${server.url}/api/v1/replay/picture?dataset=cad&t=${to}`,
    );
    // The picture keeps closed incidents 12 h: E1-E3 are gone from it at the end of the period.
    expect(Object.keys(end.picture.incidents).sort()).toEqual(['E4', 'E5']);
    const r = await getJson<{ incidents: Marker[] }>(
      `${server.url}/api/v1/replay/incidents?dataset=cad&from=${from}&to=${to}`,
    );
    expect(r.incidents.map((m) => m.id)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5']);
    expect(r.incidents[0]).toEqual({
      id: 'E1',
      number: 'E1',
      type: 'verkehrsunfall',
      priority: 1,
      opened: at(25, '08:00'),
      at: at(25, '08:00'),
      closed: at(25, '08:40'),
    });
    expect(r.incidents[4]).toMatchObject({ id: 'E5', closed: at(26, '18:45') });
    // Only those called inside the period, and only what the log held at its end.
    const part = await getJson<{ incidents: Marker[] }>(
      `${server.url}/api/v1/replay/incidents?dataset=cad&from=${at(25, '08:30')}&to=${at(26, '10:00')}`,
    );
    expect(part.incidents.map((m) => m.id)).toEqual(['E2', 'E3', 'E4']);
    expect(part.incidents[2]?.closed).toBeUndefined();
  });

  it('the live log, and a viewer limited to other districts sees none of the dataset’s', async () => {
    const live = await getJson<{ incidents: Marker[] }>(
      `${server.url}/api/v1/replay/incidents?from=${Date.now() - HOUR}&to=${Date.now() + 1000}`,
    );
    expect(live.incidents.map((m) => [m.id, m.type])).toEqual([['E1', 'brand']]);
    const koeln = sessionFor(server, {
      name: 'ana-k2',
      roles: ['analyst'],
      districts: ['PP Köln'],
      kind: 'user',
    });
    const res = await authFetch(
      `${server.url}/api/v1/replay/incidents?dataset=cad&from=${from}&to=${to}`,
      {},
      koeln,
    );
    expect(((await res.json()) as { incidents: Marker[] }).incidents).toEqual([]);
    const bad = await authFetch(`${server.url}/api/v1/replay/incidents?from=${to}&to=${from}`);
    expect(bad.status).toBe(400);
  });
  it('a call entered late sits where it entered the live picture, not at its earlier call time', async () => {
    // A CAD that connects mid-shift, or a call typed in after the fact, carries a call time minutes
    // before the server receives it; the replay of the live log shows it only from its receipt on.
    const called = Date.now() - 10 * 60_000;
    const late = { id: 'LATE1', type: 'einbruch', priority: 2, lat: 51.2, lon: 6.7, time: called };
    const sent = Date.now();
    expect((await post(server.url, 'incidents', [late])).status).toBe(202);
    const received = Date.now();
    const r = await getJson<{ incidents: Marker[] }>(
      `${server.url}/api/v1/replay/incidents?from=${called - 60_000}&to=${received + 1000}`,
    );
    const marker = r.incidents.find((m) => m.id === 'LATE1');
    expect(marker?.opened).toBe(called);
    expect(marker?.at).toBeGreaterThanOrEqual(sent);
    expect(marker?.at).toBeLessThanOrEqual(received);
    // The picture at the marker holds it; the picture at its call time does not.
    const pictureAt = (t: number) =>
      getJson<{ picture: Picture }>(`${server.url}/api/v1/replay/picture?t=${t}`);
    expect((await pictureAt(marker!.at)).picture.incidents['LATE1']).toBeDefined();
    expect((await pictureAt(called)).picture.incidents['LATE1']).toBeUndefined();
    // "Replay incident" starts from the same moment.
    const found = await getJson<{ from: number }>(`${server.url}/api/v1/replay/incident?key=LATE1`);
    expect(found.from).toBe(marker?.at);
    // A period that ends before the receipt has no marker for it, though the call time lies inside.
    const before = await getJson<{ incidents: Marker[] }>(
      `${server.url}/api/v1/replay/incidents?from=${called - 60_000}&to=${sent - 1}`,
    );
    expect(before.incidents.map((m) => m.id)).not.toContain('LATE1');
  });
});

describe('"Replay incident N" without a period: the incident by id or number, wherever it lies', () => {
  type Found = { clock: string; from: number; to: number; incident: Picture['incidents'][string] };
  const find = (query: string) => getJson<Found>(`${server.url}/api/v1/replay/incident?${query}`);

  it('finds a dataset incident closed long before the end of the data, with its period and units', async () => {
    const end = await getJson<{ picture: Picture }>(
      `${server.url}/api/v1/replay/picture?dataset=cad&t=${at(26, '20:00')}`,
    );
    expect(end.picture.incidents['E1']).toBeUndefined();
    const r = await find('dataset=cad&key=E1&reason=Einsatz%20E1');
    expect(r).toMatchObject({ clock: 'time', from: at(25, '08:00'), to: at(25, '08:40') });
    expect(r.incident).toMatchObject({
      id: 'E1',
      type: 'verkehrsunfall',
      state: 'abgeschlossen',
      units: ['W1'],
      times: { opened: at(25, '08:00'), dispatched: at(25, '08:02'), closed: at(25, '08:40') },
    });
    // Closed by the mapping's default duration (45 min) after its call.
    const e5 = await find('dataset=cad&key=E5');
    expect([e5.from, e5.to, e5.incident.state]).toEqual([at(26, '18:00'), at(26, '18:45'), 'abgeschlossen']);
    expect(
      server.audit
        .list({ limit: 1000 })
        .some(
          (e) => e.action === 'replay.view' && e.target === 'cad' && e.details['reason'] === 'Einsatz E1',
        ),
    ).toBe(true);
  });

  it('the live log by id and by number, on its receive clock', async () => {
    const opened = liveLog.find((e) => e.type === 'incident.opened');
    const closed = liveLog.find((e) => e.type === 'incident.closed');
    if (opened?.type !== 'incident.opened' || !closed) throw new Error('the live log lacks E1');
    const byId = await find('key=E1');
    expect(byId).toMatchObject({ clock: 'received', from: opened.received, to: closed.received });
    expect(byId.incident).toMatchObject({ id: 'E1', type: 'brand', state: 'abgeschlossen', units: ['u1'] });
    // An incident given by its number; one still open runs until the last event of the log.
    const call = { id: 'L2', number: '2026-4711', type: 'einbruch', priority: 2, lat: 51.2, lon: 6.7 };
    const accepted = await post(server.url, 'incidents', [call]);
    expect([accepted.status, accepted.json]).toEqual([202, expect.anything()]);
    await sleep(15);
    expect((await post(server.url, 'status', [{ unitId: 'u0', status: 1 }])).status).toBe(202);
    const byNumber = await find('key=2026-4711');
    expect(byNumber.incident).toMatchObject({ id: 'L2', number: '2026-4711', state: 'neu' });
    expect(byNumber.to).toBeGreaterThan(byNumber.from);
  });

  it('unknown is 404, a bad key 400, outside the viewer’s districts as unknown, a wall 403', async () => {
    expect((await authFetch(`${server.url}/api/v1/replay/incident?dataset=cad&key=E9`)).status).toBe(404);
    expect((await authFetch(`${server.url}/api/v1/replay/incident?key=%3Cscript%3E`)).status).toBe(400);
    expect((await authFetch(`${server.url}/api/v1/replay/incident`)).status).toBe(400);
    const koeln = sessionFor(server, {
      name: 'ana-k3',
      roles: ['analyst'],
      districts: ['PP Köln'],
      kind: 'user',
    });
    const url = `${server.url}/api/v1/replay/incident?dataset=cad&key=E1`;
    expect((await authFetch(url, {}, koeln)).status).toBe(404);
    const wall = sessionFor(server, { name: 'wand-3', roles: ['wall'], kind: 'user' });
    expect((await authFetch(url, {}, wall)).status).toBe(403);
  });
});

describe('counts of a whole source', () => {
  it('are refused to a district-limited caller (403), served to others', async () => {
    const koeln = sessionFor(server, {
      name: 'ana-k4',
      roles: ['analyst'],
      districts: ['PP Köln'],
      kind: 'user',
    });
    const perDay = `${server.url}/api/v1/replay/counts?dataset=cad`;
    const buckets = `${server.url}/api/v1/replay/counts?from=${at(25, '07:00')}&to=${at(26, '20:00')}&buckets=10`;
    for (const url of [perDay, buckets]) {
      expect((await authFetch(url, {}, koeln)).status).toBe(403);
      expect((await authFetch(url)).status).toBe(200);
    }
    const refusals = server.audit
      .list({ limit: 1000 })
      .filter((e) => e.action === 'refused' && e.actor === 'ana-k4');
    expect(refusals.map((e) => e.target)).toEqual(['GET /api/v1/replay/counts', 'GET /api/v1/replay/counts']);
  });
});

describe('the replay catalogue', () => {
  it('tells the server’s stale threshold (--stale-after), not the default', async () => {
    const r = await getJson<{ staleAfterMs: number }>(`${server.url}/api/v1/replay/datasets`);
    expect(r.staleAfterMs).toBe(STALE_AFTER_MS);
  });
});
