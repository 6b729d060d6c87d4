import { afterEach, describe, expect, it } from 'vitest';
import { policyFor } from '#shared/redact';
import type { LageEvent } from '#shared/schemas';
import type { LageServer } from '../app.ts';
import {
  TestDashboard,
  authFetch,
  getJson,
  post,
  startTestServer,
  tempDir,
  units,
} from '../testing/harness.ts';
import { incidentRoute } from './incidentRoutes.ts';
import { openDb } from '../store/db.ts';

let server: LageServer | undefined;
let dataDir = '';
const closers: (() => void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) c();
  await server?.close();
  server = undefined;
});

const T = Date.UTC(2026, 10, 26, 9, 0, 0);
const MIN = 60_000;
const at = (m: number) => new Date(T + m * MIN).toISOString();

type History = { incidentId: string; truncated: boolean; events: LageEvent[] };

/** E1 with a life: opened, two units, arrival, a note, a unit released and working elsewhere, closed. */
async function incidentWithHistory() {
  dataDir = tempDir();
  server = await startTestServer({}, dataDir);
  const base = server.url;
  await post(base, 'units', units(4));
  await post(base, 'incidents', [
    {
      id: 'E1',
      number: '2026-0001',
      type: 'einbruch',
      priority: 2,
      lat: 51.2,
      lon: 6.7,
      district: 'PP Düsseldorf',
      description: 'Anrufer hört Glas splittern',
      caller: { name: 'Erika Muster', phone: '0211 123' },
      time: at(0),
    },
    { id: 'E2', type: 'brand', priority: 1, lat: 51.3, lon: 6.8, time: at(1) },
  ]);
  const op = new TestDashboard(base);
  closers.push(() => op.close());
  await op.connected();
  const cmd = (c: Record<string, unknown>) => op.socket.emitWithAck('command', c);
  expect(await cmd({ cmd: 'assign', incidentId: 'E1', unitId: 'u1' })).toMatchObject({ ok: true });
  await post(base, 'status', [
    { unitId: 'u2', status: 3, incidentId: 'E1', time: at(3) }, // the terminal takes the incident
    { unitId: 'u3', status: 3, incidentId: 'E2', time: at(3) }, // another incident: not in E1's history
    { unitId: 'u1', status: 4, time: at(6) },
    { unitId: 'u2', status: 1, time: at(8) }, // released: its later statuses are not E1's
    { unitId: 'u2', status: 4, time: at(9) },
  ]);
  expect(await cmd({ cmd: 'note', incidentId: 'E1', text: 'Täter flüchtig Richtung Bahnhof' })).toMatchObject(
    {
      ok: true,
    },
  );
  expect(await cmd({ cmd: 'setState', incidentId: 'E1', state: 'abgeschlossen' })).toMatchObject({
    ok: true,
  });
  await post(base, 'status', [{ unitId: 'u1', status: 2 }]); // after the closure: not E1's
  return base;
}

describe('GET /api/v1/incidents/:id/events', () => {
  it('gives every step of one incident with its time and who did it, nothing of others', async () => {
    const base = await incidentWithHistory();
    const h = await getJson<History>(`${base}/api/v1/incidents/E1/events`);
    expect(h.incidentId).toBe('E1');
    expect(h.truncated).toBe(false);
    const steps = h.events.map((e) => {
      switch (e.type) {
        case 'unit.status':
          return `${e.type} ${e.unitId} ${e.status}`;
        case 'incident.assigned':
          return `${e.type} ${e.unitId} by ${e.by}`;
        case 'incident.opened':
          return `${e.type} ${e.incident.id}`;
        default:
          return `${e.type} by ${e.by}`;
      }
    });
    expect(steps).toEqual([
      'incident.opened E1',
      'incident.assigned u1 by operator',
      'unit.status u2 3',
      'unit.status u1 4',
      'unit.status u2 1',
      'incident.note by operator',
      'incident.closed by operator',
    ]);
    expect(h.events[0]?.time).toBe(T);
    expect(h.events.filter((e) => e.type === 'unit.status').map((e) => e.time)).toEqual([
      T + 3 * MIN,
      T + 6 * MIN,
      T + 8 * MIN,
    ]);
    // The full view (operators) includes the personal fields.
    expect(JSON.stringify(h.events)).toContain('Erika Muster');
  });

  it('answers 404 for an unknown incident and 400 for an id that cannot be one', async () => {
    server = await startTestServer();
    const nope = await authFetch(`${server.url}/api/v1/incidents/E9/events`);
    expect(nope.status).toBe(404);
    expect(await nope.json()).toEqual({ error: 'unknown incident "E9"' });
    const bad = await authFetch(`${server.url}/api/v1/incidents/${encodeURIComponent('a b')}/events`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/incident id must be/);
    const post = await authFetch(`${server.url}/api/v1/incidents/E9/events`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('redacts per role: no caller, description or notes for a wall; a district-limited viewer sees only its districts', async () => {
    await incidentWithHistory();
    const { lage } = server!;
    const db = openDb(dataDir, 'normal');
    closers.push(() => db.close());
    const route = '/incidents/E1/events';
    const url = new URL(`http://x/api/v1${route}`);
    const wall = incidentRoute(db, lage, route, url, policyFor(['wall'])) as History;
    const text = JSON.stringify(wall.events);
    expect(text).not.toContain('Erika');
    expect(text).not.toContain('Glas');
    expect(text).not.toContain('Täter');
    expect(wall.events.map((e) => e.type)).not.toContain('incident.note');
    expect(wall.events.map((e) => e.type)).toContain('incident.closed');
    expect(() => incidentRoute(db, lage, route, url, policyFor(['operator'], ['Köln']))).toThrow(
      'unknown incident "E1"',
    );
    const own = incidentRoute(db, lage, route, url, policyFor(['operator'], ['PP Düsseldorf'])) as History;
    expect(own.events).toHaveLength(7);
  });

  it('reads the history through the index of non-position events, not the whole log', async () => {
    dataDir = tempDir();
    server = await startTestServer({}, dataDir);
    const db = openDb(dataDir, 'normal');
    closers.push(() => db.close());
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT data FROM events WHERE type <> 'unit.position' AND seq >= ? AND seq <= ? ORDER BY seq LIMIT ?",
      )
      .all(1, 5, 10) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('events_not_position');
  });
});

describe('GET /api/v1/stats/incidents', () => {
  it('counts incidents opened per hour (window start inclusive, end exclusive) and per type', async () => {
    server = await startTestServer();
    const base = server.url;
    const inc = (id: string, type: string, minute: number) => ({
      id,
      type,
      priority: 2,
      lat: 51,
      lon: 7,
      time: at(minute),
    });
    const stored = await post(base, 'incidents', [
      inc('a', 'einbruch', -61), // before the window
      inc('b', 'einbruch', 0), // first bucket, at its start
      inc('c', 'brand', 59),
      inc('d', 'einbruch', 60), // second bucket
      inc('e', 'raub', 119),
      inc('f', 'raub', 120), // the window's end is exclusive
    ]);
    expect(stored.json).toMatchObject({ accepted: 6 });
    const s = await getJson<{
      total: number;
      perHour: { start: number; count: number }[];
      byType: { type: string; count: number }[];
    }>(`${base}/api/v1/stats/incidents?from=${T}&to=${T + 120 * MIN}`);
    expect(s.total).toBe(4);
    expect(s.perHour).toEqual([
      { start: T, count: 2 },
      { start: T + 60 * MIN, count: 2 },
    ]);
    expect(s.byType).toEqual([
      { type: 'einbruch', count: 2 },
      { type: 'brand', count: 1 },
      { type: 'raub', count: 1 },
    ]);
  });

  it('availability over the window from the log, and refuses too many samples', async () => {
    server = await startTestServer();
    await post(server.url, 'units', units(3));
    await post(server.url, 'status', [{ unitId: 'u1', status: 3 }]);
    const now = Date.now();
    const a = await getJson<{ stepMs: number; samples: Record<string, number>[] }>(
      `${server.url}/api/v1/stats/availability?from=${now - 60_000}&to=${now + 60_000}&step=60`,
    );
    expect(a.stepMs).toBe(60_000);
    expect(a.samples.map((s) => [s['time'], s['available'], s['committed']])).toEqual([
      [now - 60_000, 0, 0],
      [now, 2, 1],
    ]);
    const tooMany = await authFetch(
      `${server.url}/api/v1/stats/availability?from=${now - 86_400_000}&to=${now}&step=10`,
    );
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual({
      error: 'at most 2000 samples: choose a longer step or a shorter window',
    });
  });

  it('refuses a missing, reversed or too long window with a clear error', async () => {
    server = await startTestServer();
    const err = async (q: string) => {
      const res = await authFetch(`${server!.url}/api/v1/stats/incidents${q}`);
      return [res.status, ((await res.json()) as { error: string }).error];
    };
    expect(await err('')).toEqual([400, 'from is required (epoch ms or ISO 8601)']);
    expect(await err(`?from=${T}&to=${T}`)).toEqual([400, `to must be after from (from ${T}, to ${T})`]);
    expect(await err(`?from=${T}&to=${T + 8 * 86_400_000}`)).toEqual([
      400,
      'the window from-to is longer than the stats limit of 7 days; choose a shorter period',
    ]);
  });
});
