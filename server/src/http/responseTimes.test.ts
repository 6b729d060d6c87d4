/**
 * GET /api/v1/stats/response-times on a real server (loopback port, real SQLite data dir): hand-computed
 * figures for a small live log (assignments, status 3 naming the incident, status 4 with and without
 * an incident, a redirected unit, a dispatch timed before its call), a district-limited viewer, the
 * filters, 400s on bad parameters, 403s; and a dataset imported from a generated dispatch-per-row
 * file (dispatchFixture.ts) whose figures are computed here from the generated rows, independently
 * of the importer and of responseTimes.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { AuditLog } from '../security/audit.ts';
import { importCsv } from '../../../tools/import/fixtures.ts';
import { buildIncidents, dispatchCsv, DISPATCH_MAPPING } from '../../../tools/import/fixtures.ts';
import { writeFile } from '../../../tools/import/fixtures.ts';
import { authFetch, getJson, post, sessionFor, startTestServer, tempDir } from '../testing/harness.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const T0 = Date.UTC(2026, 10, 20, 22);
const KOELN = 'PP Köln';
const DUS = 'PP Düsseldorf';
const DOM = { lat: 50.9413, lon: 6.9583 };

type Fig = { n: number; medianS: number | null; p90S: number | null; missing: number; early: number };
type Figs = { n: number; callToDispatch: Fig; callToFirstOnScene: Fig };
type Resp = Figs & { byPriority: (Figs & { priority: number })[]; byType: (Figs & { type: string })[] };

let server: LageServer;
let dataDir: string;
/** Who → session token; the operator uses the harness default (operator + admin, all districts). */
const tokens = new Map<string, string>();
const fixture = buildIncidents(400).filter((i) => i.dispatches.length > 0);

beforeAll(async () => {
  dataDir = tempDir();
  await importCsv({
    dataDir,
    mappingFile: writeFile(dataDir, 'dispatch.json', DISPATCH_MAPPING),
    csvFile: writeFile(dataDir, 'dispatch.csv', dispatchCsv(fixture)),
    dataset: 'dispatch',
  });
  server = await startTestServer({}, dataDir);
  tokens.set(
    'koeln',
    sessionFor(server, {
      name: 'an-k',
      roles: ['analyst'],
      districts: [KOELN],
      kind: 'user',
    }),
  );
  tokens.set('wall', sessionFor(server, { name: 'wand', roles: ['wall'], kind: 'user' }));
  tokens.set('gateway', sessionFor(server, { name: 'gw', roles: ['ingest'], kind: 'user' }));

  const ok = async (kind: string, body: unknown) =>
    expect((await post(server.url, kind, body)).status).toBe(202);
  await ok('units', [
    { id: 'k1', callsign: 'K 1', kind: 'funkstreifenwagen', district: KOELN, status: 2, time: T0 - H },
    { id: 'k2', callsign: 'K 2', kind: 'funkstreifenwagen', district: KOELN, status: 2, time: T0 - H },
    { id: 'd1', callsign: 'D 1', kind: 'funkstreifenwagen', district: DUS, status: 2, time: T0 - H },
  ]);
  const open = (id: string, type: string, priority: number, minute: number, district?: string) => ({
    op: 'open',
    id,
    type,
    priority,
    ...DOM,
    ...(district ? { district } : {}),
    time: T0 + minute * M,
  });
  await ok('incidents', [
    open('A', 'einbruch', 1, 0, KOELN),
    open('C', 'raub', 1, 5, DUS),
    open('B', 'brand', 2, 10, KOELN),
    open('E', 'einbruch', 2, 20), // no district: everyone sees it; never dispatched
    open('F', 'einbruch', 3, 30, KOELN),
    open('H', 'brand', 3, 40, DUS),
    open('X', 'einbruch', 1, 5 * 60, KOELN), // outside the 4 h window
  ]);
  const at = (ms: number) => ({ time: T0 + ms });
  await ok('incidents', [{ op: 'assign', id: 'A', unitId: 'k1', ...at(60 * S) }]); // A dispatched 60 s
  await ok('status', [
    { unitId: 'k2', status: 3, incidentId: 'A', ...at(120 * S) },
    { unitId: 'k2', status: 4, ...at(240 * S) }, // A first on scene 240 s (k1 comes later)
    { unitId: 'k1', status: 4, ...at(300 * S) },
  ]);
  await ok('incidents', [{ op: 'assign', id: 'C', unitId: 'd1', ...at(5 * M + 30 * S) }]); // C 30 s
  await ok('status', [
    { unitId: 'd1', status: 4, ...at(5 * M + 150 * S) }, // C on scene 150 s (bound by the assignment)
    { unitId: 'k1', status: 3, incidentId: 'B', ...at(10 * M + 90 * S) }, // k1 redirected: B 90 s
    { unitId: 'k1', status: 4, ...at(20 * M) }, // B on scene 600 s (not A: k1 is bound to B now)
    { unitId: 'k2', status: 1, ...at(25 * M) },
    { unitId: 'k2', status: 3, incidentId: 'F', ...at(30 * M + 200 * S) }, // F 200 s, never on scene
    { unitId: 'k2', status: 4, incidentId: 'A', ...at(31 * M) }, // names A: not an arrival at F
    { unitId: 'd1', status: 1, ...at(35 * M) },
    { unitId: 'd1', status: 3, incidentId: 'H', ...at(39 * M) }, // before H's call: counted as early
    { unitId: 'd1', status: 3, incidentId: 'X', ...at(5 * 60 * M + 10 * S) },
    { unitId: 'd1', status: 4, ...at(5 * 60 * M + 20 * S) },
  ]);
});
afterAll(() => server?.close());

const url = (q: string) => `${server.url}/api/v1/stats/response-times?${q}`;
const get = (who: string, q: string) => getJson<Resp>(url(q), tokens.get(who));
const shift = `from=${T0}&to=${T0 + 4 * H}`;
const fig = (n: number, medianS: number | null, p90S: number | null, missing = 0, early = 0): Fig => ({
  n,
  medianS,
  p90S,
  missing,
  early,
});

describe('GET /api/v1/stats/response-times on the live log', () => {
  it('computes the hand-worked figures for an unlimited viewer', async () => {
    const r = await get('operator', shift);
    expect(r.n).toBe(6); // A B C E F H; not X
    // Dispatch: C 30, A 60, B 90, F 200 → median (60 + 90) / 2, p90 the 4th of 4; E missing, H early.
    expect(r.callToDispatch).toEqual(fig(4, 75, 200, 1, 1));
    // On scene: C 150, A 240, B 600 → median 240, p90 the 3rd of 3; E, F, H missing.
    expect(r.callToFirstOnScene).toEqual(fig(3, 240, 600, 3));
    expect(r.byPriority).toEqual([
      { priority: 1, n: 2, callToDispatch: fig(2, 45, 60), callToFirstOnScene: fig(2, 195, 240) },
      { priority: 2, n: 2, callToDispatch: fig(1, 90, 90, 1), callToFirstOnScene: fig(1, 600, 600, 1) },
      {
        priority: 3,
        n: 2,
        callToDispatch: fig(1, 200, 200, 0, 1),
        callToFirstOnScene: fig(0, null, null, 2),
      },
    ]);
    expect(r.byType.map((t) => [t.type, t.n])).toEqual([
      ['einbruch', 3],
      ['brand', 2],
      ['raub', 1],
    ]);
    expect(r.byType[0]!.callToDispatch).toEqual(fig(2, 130, 200, 1)); // A 60, F 200; E missing
  });

  it('a Köln viewer gets the incidents of Köln and those without a district', async () => {
    const r = await get('koeln', shift);
    expect(r.n).toBe(4); // A B E F
    expect(r.callToDispatch).toEqual(fig(3, 90, 200, 1)); // 60 90 200
    expect(r.callToFirstOnScene).toEqual(fig(2, 420, 600, 2)); // 240 600
  });

  it('filters by call types and priorities', async () => {
    const burglary = await get('operator', `${shift}&types=einbruch`);
    expect(burglary.n).toBe(3);
    const urgent = await get('operator', `${shift}&priority=1`);
    expect(urgent.callToDispatch).toEqual(fig(2, 45, 60));
    const both = await get('operator', `${shift}&types=einbruch,raub&priority=1,3`);
    expect(both.n).toBe(3); // A C F
    expect(both.callToFirstOnScene).toEqual(fig(2, 195, 240, 1));
  });

  it('a later window holds only its own incidents', async () => {
    const r = await get('operator', `from=${T0 + 5 * H}&to=${T0 + 6 * H}`);
    expect(r).toMatchObject({ n: 1, callToDispatch: fig(1, 10, 10), callToFirstOnScene: fig(1, 20, 20) });
  });

  it('answers an empty window with zero counts and null figures', async () => {
    const r = await get('operator', `from=${T0 - 2 * H}&to=${T0 - H}`);
    expect(r).toMatchObject({ n: 0, callToDispatch: fig(0, null, null), byPriority: [], byType: [] });
  });

  it.each([
    [`to=${T0}`, 'from is required'],
    [`from=${T0}&to=${T0}`, 'to must be after from'],
    [`from=${T0}&to=${T0 + 8 * 24 * H}`, 'longer than the stats limit of 7 days'],
    [`from=yesterday&to=${T0}`, 'from must be epoch ms'],
    [`${shift}&types=einbruch,unfug`, 'unknown call type "unfug"'],
    [`${shift}&priority=4`, 'priority must be a comma-separated list of 1, 2, 3'],
    [`${shift}&priority=1,,2`, 'priority must be'],
  ])('400 for %s', async (q, message) => {
    const res = await authFetch(url(q));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });

  it('403 without live.read, 401 without a session', async () => {
    expect((await authFetch(url(shift), {}, tokens.get('gateway'))).status).toBe(403);
    expect((await fetch(url(shift))).status).toBe(401);
  });
});

/** Written independently of the server: sort, middle value(s), nearest rank. */
function expected(values: number[]): Pick<Fig, 'n' | 'medianS' | 'p90S'> {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  const medianS = n % 2 ? v[(n - 1) / 2]! : (v[n / 2 - 1]! + v[n / 2]!) / 2;
  return { n, medianS, p90S: v[Math.ceil(n * 0.9) - 1]! };
}

describe('GET /api/v1/stats/response-times of an imported dispatch dataset', () => {
  const calls = fixture.map((i) => {
    const call = Math.min(...i.dispatches.map((d) => d.call));
    const onScene = i.dispatches.flatMap((d) => (d.onScene === undefined ? [] : [d.onScene]));
    return {
      call,
      type: i.type.startsWith('Motor Vehicle') ? 'verkehrsunfall' : 'sonstiges',
      dispatchS: (Math.min(...i.dispatches.map((d) => d.dispatched)) - call) / 1000,
      onSceneS: onScene.length ? (Math.min(...onScene) - call) / 1000 : undefined,
    };
  });
  const from = Math.min(...calls.map((c) => c.call));
  // The generated calls, or their first week (the longest window a request may ask).
  const to = Math.min(from + 7 * 24 * H, Math.max(...calls.map((c) => c.call)) + 1);
  const inWindow = calls.filter((c) => c.call < to);
  const arrived = inWindow.flatMap((c) => (c.onSceneS === undefined ? [] : [c.onSceneS]));

  it('matches the figures computed from the generated rows', async () => {
    expect(inWindow.length).toBeGreaterThan(50);
    expect(arrived.length).toBeLessThan(inWindow.length); // some incidents have no unit on scene
    const r = await get('operator', `from=${from}&to=${to}&dataset=dispatch`);
    expect(r.n).toBe(inWindow.length);
    expect(r.callToDispatch).toEqual({ ...expected(inWindow.map((c) => c.dispatchS)), missing: 0, early: 0 });
    expect(r.callToFirstOnScene).toEqual({
      ...expected(arrived),
      missing: inWindow.length - arrived.length,
      early: 0,
    });
    expect(r.byPriority.map((p) => [p.priority, p.n])).toEqual([[2, inWindow.length]]); // the default
    const crashes = inWindow.filter((c) => c.type === 'verkehrsunfall');
    const crashFigures = r.byType.find((t) => t.type === 'verkehrsunfall');
    expect(crashFigures?.n ?? 0).toBe(crashes.length);
    if (crashes.length > 0)
      expect(crashFigures?.callToDispatch).toMatchObject(expected(crashes.map((c) => c.dispatchS)));
  });

  it('is audited as a replay view and needs replay.read', async () => {
    const q = `from=${from}&to=${to}&dataset=dispatch`;
    expect((await authFetch(url(q), {}, tokens.get('wall'))).status).toBe(403);
    await get('koeln', q);
    const audit = new AuditLog(dataDir);
    try {
      const views = audit.list({ action: 'replay.view' });
      const mine = views.filter((v) => v.actor === 'an-k' && v.target === 'dispatch');
      expect(mine).toHaveLength(1);
      expect(Date.parse(String(mine[0]!.details['from']))).toBeLessThanOrEqual(from);
      expect(Date.parse(String(mine[0]!.details['to']))).toBeGreaterThanOrEqual(to);
    } finally {
      audit.close();
    }
  });
});
