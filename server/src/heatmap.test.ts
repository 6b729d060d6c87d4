import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import type { LageServer } from './app.ts';
import { authFetch, getJson, post, startTestServer } from './testing/harness.ts';

// A known set: Dom (3 Einbrüche, 1 Brand), Deutz (2 Verkehrsunfälle), one a week earlier at the Dom.
const H = 3600_000;
const T0 = Date.UTC(2026, 10, 20, 22); // Friday night shift
const DOM = { lat: 50.9413, lon: 6.9583 };
const DEUTZ = { lat: 50.9375, lon: 6.9762 };
const known = [
  { id: 'A1', type: 'einbruch', ...DOM, time: T0 + 1 * H },
  { id: 'A2', type: 'einbruch', ...DOM, time: T0 + 2 * H },
  { id: 'A3', type: 'einbruch', lat: DOM.lat + 0.0001, lon: DOM.lon, time: T0 + 3 * H },
  { id: 'A4', type: 'brand', ...DOM, time: T0 + 4 * H },
  { id: 'B1', type: 'verkehrsunfall', ...DEUTZ, time: T0 + 5 * H },
  { id: 'B2', type: 'verkehrsunfall', ...DEUTZ, time: T0 + 6 * H },
  { id: 'W1', type: 'einbruch', ...DOM, time: T0 - 7 * 24 * H + 2 * H },
].map((i) => ({ ...i, priority: 2 }));

let server: LageServer;
beforeAll(async () => {
  server = await startTestServer();
  expect((await post(server.url, 'incidents', known)).status).toBe(202);
});
afterAll(() => server.close());

const q = (path: string) => getJson<Record<string, unknown>>(`${server.url}/api/v1/heatmap${path}`);
const shift = `from=${T0}&to=${T0 + 8 * H}`;

describe('heatmap API', () => {
  it('counts incidents per hexagon in the window, by hand-computed cells', async () => {
    const r = await q(`?${shift}&mode=hex&res=9`);
    expect(r.total).toBe(6);
    const dom = latLngToCell(DOM.lat, DOM.lon, 9);
    const deutz = latLngToCell(DEUTZ.lat, DEUTZ.lon, 9);
    expect(latLngToCell(DOM.lat + 0.0001, DOM.lon, 9)).toBe(dom); // A3 falls in the Dom cell too
    const cells = (r.cells as { h3: string; count: number; boundary: unknown[] }[]).map((c) => [
      c.h3,
      c.count,
    ]);
    expect(cells).toEqual([
      [dom, 4],
      [deutz, 2],
    ]);
  });

  it('filters by call type and gives heat points', async () => {
    const r = await q(`?${shift}&types=einbruch`);
    expect(r.total).toBe(3);
    expect(r.points).toEqual([
      [DOM.lon, DOM.lat, 1],
      [DOM.lon, DOM.lat, 1],
      [DOM.lon, DOM.lat + 0.0001, 1],
    ]);
    expect((await q(`?${shift}&types=einbruch,verkehrsunfall`)).total).toBe(5);
  });

  it('compares this night shift with the same shift last week', async () => {
    const r = await q(
      `/compare?${shift}&baseFrom=${T0 - 7 * 24 * H}&baseTo=${T0 - 7 * 24 * H + 8 * H}&types=einbruch&res=9`,
    );
    expect(r.totals).toEqual({ a: 3, b: 1 });
    expect(
      (r.cells as { a: number; b: number; diff: number }[]).map(({ a, b, diff }) => ({ a, b, diff })),
    ).toEqual([{ a: 3, b: 1, diff: 2 }]);
  });

  it.each([
    ['', /from is required/],
    [`?from=${T0}&to=${T0 - 1}`, /to must be after from/],
    [`?${shift}&types=alien`, /unknown call type\(s\): alien/],
    [`?${shift}&mode=pie`, /mode must be heat or hex/],
    [`?${shift}&res=99`, /res must be/],
    [`?from=yesterday&to=${T0}`, /epoch ms or an ISO 8601/],
  ])('refuses %s clearly', async (query, message) => {
    const res = await authFetch(`${server.url}/api/v1/heatmap${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });
});
