/**
 * Issue 13 point 3: every time and time window of the API has bounds and a maximum span (params.ts,
 * docs/security.md#limits). The analyst's `replay/events?from=0&to=8640000000000000` and
 * `replay/picture?t=99999999999999999999999` once hung the process (the replay audit walked every
 * hour of the window); now each gets a 400 naming the limit, and nothing is stored or lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { importCsv } from '../../../tools/import/fixtures.ts';
import { LIVERPOOL_CSV, LIVERPOOL_MAPPING } from '../../../tools/import/fixtures.ts';
import { authFetch, post, sessionFor, startTestServer, tempDir, units } from '../testing/harness.ts';
import { TIME_MAX_MS, WINDOW_MAX_DAYS } from './params.ts';

const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 26, 10);
let server: LageServer;
let analyst: string;

beforeAll(async () => {
  const dataDir = tempDir();
  await importCsv({ dataDir, dataset: 'bus', csvFile: LIVERPOOL_CSV, mappingFile: LIVERPOOL_MAPPING });
  server = await startTestServer({}, dataDir);
  analyst = sessionFor(server, { name: 'ana', roles: ['analyst'], kind: 'user' });
  await post(server.url, 'units', units(2));
});
afterAll(async () => server?.close());

async function error(path: string, token?: string): Promise<[number, string]> {
  const res = await authFetch(`${server.url}/api/v1${path}`, {}, token);
  const body = (await res.json()) as { error?: string };
  return [res.status, body.error ?? ''];
}

const BOUNDS = 'out of bounds: times must lie from 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z';
const limit = (kind: keyof typeof WINDOW_MAX_DAYS) =>
  `longer than the ${kind} limit of ${WINDOW_MAX_DAYS[kind].toLocaleString('en')} days`;
const over = (days: number) => `from=${T - days * DAY - 1}&to=${T}`;

describe('time windows: bounds and maximum spans', () => {
  it("refuses the issue's two requests of an analyst with a 400 naming the limit", async () => {
    expect(await error('/replay/events?from=0&to=8640000000000000', analyst)).toEqual([
      400,
      expect.stringContaining('to is ' + BOUNDS),
    ]);
    expect(await error('/replay/picture?t=99999999999999999999999', analyst)).toEqual([
      400,
      expect.stringContaining('t is ' + BOUNDS),
    ]);
    // A whole bounded range that is still too long for a replay: refused before the audit walks it.
    expect(await error(`/replay/events?from=0&to=${TIME_MAX_MS}`, analyst)).toEqual([
      400,
      expect.stringContaining(limit('replay')),
    ]);
    const health = await authFetch(`${server.url}/api/v1/health`);
    expect(health.status).toBe(200);
  });

  it.each([
    ['/replay/picture?t=-5', 't must be epoch ms'],
    ['/replay/picture?t=1969-12-31T23:59:59Z', 't is'],
    [`/replay/picture?t=${TIME_MAX_MS + 1}`, 't is'],
    ['/replay/picture?t=2100-01-02T00:00:00Z', 't is'],
    ['/replay/events?from=1e3&to=5', 'from must be epoch ms'],
    [`/replay/incidents?from=1&to=${TIME_MAX_MS + 1}`, 'to is'],
    [`/replay/counts?from=1&to=1e30&buckets=5`, 'to must be epoch ms'],
    [`/stats/incidents?from=0&to=99999999999999999999`, 'to is'],
    [`/incidents/E-1/events?t=99999999999999999999`, 't is'],
    [`/heatmap?from=0&to=99999999999999999999`, 'to is'],
    [`/audit?from=99999999999999999999`, 'from is'],
    [`/replay/export?format=csv&from=0&to=99999999999999999999`, 'to is'],
    [`/stats/incidents?dataset=bus&from=0&to=99999999999999999999`, 'to is'],
  ])('%s → 400 (%s out of bounds)', async (path, what) => {
    const [status, message] = await error(path);
    expect(status).toBe(400);
    expect(message).toContain(what);
  });

  it.each([
    [`/replay/events?${over(WINDOW_MAX_DAYS.replay)}`, 'replay'],
    [`/replay/incidents?${over(WINDOW_MAX_DAYS.replay)}`, 'replay'],
    [`/replay/counts?${over(WINDOW_MAX_DAYS.replay)}&buckets=10`, 'replay'],
    [`/stats/incidents?dataset=bus&${over(WINDOW_MAX_DAYS.replay)}`, 'replay'],
    [`/stats/incidents?${over(WINDOW_MAX_DAYS.stats)}`, 'stats'],
    [`/stats/availability?${over(WINDOW_MAX_DAYS.stats)}`, 'stats'],
    [`/heatmap?${over(WINDOW_MAX_DAYS.heatmap)}`, 'heatmap'],
    [`/heatmap/compare?from=${T - DAY}&to=${T}&baseFrom=${T - 500 * DAY}&baseTo=${T}`, 'heatmap'],
    [`/replay/export?format=csv&${over(WINDOW_MAX_DAYS.export)}`, 'export'],
  ] as const)('%s → 400 beyond the %s limit', async (path, kind) => {
    const [status, message] = await error(path);
    expect(status).toBe(400);
    expect(message).toContain(limit(kind));
  });

  it('accepts windows of exactly the maximum', async () => {
    const exactly = (days: number) => `from=${T - days * DAY}&to=${T}`;
    for (const path of [
      `/replay/events?${exactly(WINDOW_MAX_DAYS.replay)}`,
      `/replay/incidents?${exactly(WINDOW_MAX_DAYS.replay)}`,
      `/stats/incidents?${exactly(WINDOW_MAX_DAYS.stats)}`,
      `/heatmap?${exactly(WINDOW_MAX_DAYS.heatmap)}`,
      `/replay/picture?t=${TIME_MAX_MS}`,
    ]) {
      const res = await authFetch(`${server.url}/api/v1${path}`);
      expect([path, res.status]).toEqual([path, 200]);
    }
  });

  it('loses nothing: the log still holds the registered units', async () => {
    const res = await authFetch(`${server.url}/api/v1/snapshot`);
    const body = (await res.json()) as { units: unknown[] };
    expect(body.units).toHaveLength(2);
  });
});
