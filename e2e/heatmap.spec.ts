/**
 * Heatmaps in the real dashboard against the real server: a known set of incidents posted through
 * the ingest API, and the counts the heat and hexagon layers received checked against counts worked
 * out by hand (with and without a call-type filter, and the difference to the week before). The
 * journey through map, heatmap, hexagons, comparison and the style switch records every request.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { LageServer, REPO } from './fixtures/lageServer.ts';
import { recordExternalRequests, waitForMap } from './fixtures/dashboard.ts';
import {
  cell,
  chooseHeatmap,
  D,
  H,
  hexValues,
  incidentAt,
  MIN,
  P1,
  P2,
  P3,
  jumpTo,
  renderedHexCounts,
  settle,
  sourceProps,
} from './fixtures/heatmap.ts';

const SHOTS = path.join(REPO, 'test-results/heatmap');

function knownIncidents(now: number) {
  const at = (id: string, type: string, p: [number, number], ago: number) =>
    incidentAt(now, id, type, p, ago);
  return [
    // last hour: 4 burglaries + 1 accident at P1
    ...[10, 20, 30, 40].map((m, i) => at(`h${i}`, 'einbruch', P1, m * MIN)),
    at('h4', 'verkehrsunfall', P1, 25 * MIN),
    // earlier today: 2 burglaries and a fire at P2
    at('d0', 'einbruch', P2, 2 * H),
    at('d1', 'einbruch', P2, 3 * H),
    at('d2', 'brand', P2, 5 * H),
    // three days ago: 2 thefts at P3
    at('w0', 'diebstahl', P3, 3 * D),
    at('w1', 'diebstahl', P3, 3 * D + H),
    // the same day a week earlier (the comparison period): 2 burglaries at P1, a fire at P3
    at('b0', 'einbruch', P1, 7 * D + 2 * H),
    at('b1', 'einbruch', P1, 7 * D + 4 * H),
    at('b2', 'brand', P3, 7 * D + 3 * H),
  ];
}

test.describe('heatmap in the dashboard', () => {
  let server: LageServer;
  test.beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await LageServer.start();
    await server.ingest('incidents', knownIncidents(Date.now()));
  });
  test.afterAll(async () => {
    await server?.stop();
    server?.removeData();
  });

  test('counts match hand-computed counts; no request leaves 127.0.0.1', async ({ page }) => {
    const external = recordExternalRequests(page);
    await server.open(page);
    await waitForMap(page);
    await jumpTo(page, [6.96, 50.943], 12);

    // Heat: single incidents with weight 1.
    await chooseHeatmap(page, 'heat', 'hour');
    await expect.poll(async () => (await sourceProps(page, 'heatmap'))?.length).toBe(5);
    await chooseHeatmap(page, 'heat', 'hour', ['einbruch']);
    await expect.poll(async () => (await sourceProps(page, 'heatmap'))?.length).toBe(4);
    await chooseHeatmap(page, 'heat', 'day');
    await expect.poll(async () => (await sourceProps(page, 'heatmap'))?.length).toBe(8);
    expect(((await sourceProps(page, 'heatmap')) ?? []).every((p) => p['weight'] === 1)).toBe(true);
    await expect(page.getByTestId('heatmap-total')).toContainText('8');
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'heat-24h.png') });

    // Hexagons.
    await chooseHeatmap(page, 'hex', 'day');
    await expect.poll(() => hexValues(page, 'count')).toEqual({ [cell(P1)]: 5, [cell(P2)]: 3 });
    await chooseHeatmap(page, 'hex', 'day', ['einbruch']);
    await expect.poll(() => hexValues(page, 'count')).toEqual({ [cell(P1)]: 4, [cell(P2)]: 2 });
    await chooseHeatmap(page, 'hex', 'week');
    const week = { [cell(P1)]: 5, [cell(P2)]: 3, [cell(P3)]: 2 };
    await expect.poll(() => hexValues(page, 'count')).toEqual(week);
    await settle(page);
    expect(await renderedHexCounts(page), 'hexagons MapLibre drew').toEqual(week);
    await expect(page.getByTestId('heatmap-total')).toContainText('10');
    await page.screenshot({ path: path.join(SHOTS, 'hex-7d.png') });

    // Difference to the same 24 hours a week earlier.
    await chooseHeatmap(page, 'compare', 'day');
    await expect
      .poll(() => hexValues(page, 'diff'))
      .toEqual({ [cell(P1)]: 3, [cell(P2)]: 3, [cell(P3)]: -1 });
    expect(await hexValues(page, 'b')).toEqual({ [cell(P1)]: 2, [cell(P2)]: 0, [cell(P3)]: 1 });
    await chooseHeatmap(page, 'compare', 'day', ['einbruch']);
    await expect.poll(() => hexValues(page, 'diff')).toEqual({ [cell(P1)]: 2, [cell(P2)]: 2 });
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'compare-24h-einbruch.png') });

    // Style switch (no basemap configured: the built-in map repaints); the hexagons stay.
    await page.getByTestId('theme-toggle').click();
    await settle(page);
    expect(await hexValues(page, 'diff')).toEqual({ [cell(P1)]: 2, [cell(P2)]: 2 });
    await page.screenshot({ path: path.join(SHOTS, 'compare-light.png') });

    // A new incident slides the window (refetch throttled to one per 5 s).
    await chooseHeatmap(page, 'heat', 'hour');
    await expect.poll(async () => (await sourceProps(page, 'heatmap'))?.length).toBe(5);
    await server.ingest('incidents', [{ id: 'live1', type: 'raub', priority: 1, lat: P3[1], lon: P3[0] }]);
    await expect.poll(async () => (await sourceProps(page, 'heatmap'))?.length, { timeout: 15_000 }).toBe(6);

    expect(external, 'requests that left 127.0.0.1').toEqual([]);
  });
});
