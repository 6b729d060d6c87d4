/**
 * Comparing two periods side by side in the real dashboard against the real server: a known set of
 * incidents, the comparison opened as two maps, each drawing the hexagons of its own period with
 * the hand-computed counts and its total; the cameras move together; a preset switches the period
 * pair; closing returns to the difference map. Screenshot kept; no request leaves 127.0.0.1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LageServer, REPO } from './fixtures/lageServer.ts';
import { recordExternalRequests, waitForMap } from './fixtures/dashboard.ts';
import {
  cell,
  chooseHeatmap,
  D,
  H,
  hexValues,
  incidentAt,
  jumpTo,
  MIN,
  P1,
  P2,
  P3,
} from './fixtures/heatmap.ts';

const SHOTS = path.join(REPO, 'test-results/heatmap-compare');

function knownIncidents(now: number) {
  const at = (id: string, type: string, p: [number, number], ago: number) =>
    incidentAt(now, id, type, p, ago);
  return [
    // the last 24 hours: 5 at P1, 3 at P2
    ...[10, 20, 30, 40, 50].map((m, i) => at(`a${i}`, 'einbruch', P1, m * MIN)),
    ...[2, 3, 5].map((h, i) => at(`c${i}`, 'brand', P2, h * H)),
    // the same 24 hours a week earlier: 2 at P1, 1 at P3
    at('b0', 'einbruch', P1, 7 * D + 2 * H),
    at('b1', 'einbruch', P1, 7 * D + 4 * H),
    at('b2', 'brand', P3, 7 * D + 3 * H),
  ];
}

interface CompareMapView {
  loaded(): boolean;
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  jumpTo(o: { center: [number, number]; zoom: number }): void;
  queryRenderedFeatures(o: { layers: string[] }): { properties: Record<string, unknown> }[];
  once(event: 'idle', f: () => void): void;
  triggerRepaint(): void;
}
type Hooked = { __lagebild?: { compareMaps?: Partial<Record<'a' | 'b', CompareMapView>> } };

/** h3 → count of the hexagons MapLibre drew on one side's map. */
function drawn(page: Page, side: 'a' | 'b'): Promise<Record<string, number>> {
  return page.evaluate((s) => {
    const m = (window as unknown as Hooked).__lagebild?.compareMaps?.[s];
    const out: Record<string, number> = {};
    for (const f of m?.queryRenderedFeatures({ layers: ['compare-hex-fill'] }) ?? [])
      out[String(f.properties['h3'])] = Number(f.properties['count']);
    return out;
  }, side);
}

/** Both maps have painted a frame with nothing left to load (software WebGL is slow here). */
async function settleBoth(page: Page): Promise<void> {
  await page.evaluate(() =>
    Promise.all(
      (['a', 'b'] as const).map(
        (s) =>
          new Promise<void>((resolve) => {
            const m = (window as unknown as Hooked).__lagebild?.compareMaps?.[s];
            if (!m) return resolve();
            m.once('idle', () => resolve());
            m.triggerRepaint();
          }),
      ),
    ),
  );
}

function camera(page: Page, side: 'a' | 'b'): Promise<[number, number, number] | null> {
  return page.evaluate((s) => {
    const m = (window as unknown as Hooked).__lagebild?.compareMaps?.[s];
    if (!m) return null;
    const c = m.getCenter();
    return [Number(c.lng.toFixed(5)), Number(c.lat.toFixed(5)), Number(m.getZoom().toFixed(3))];
  }, side);
}

test.describe('heatmap: two periods side by side', () => {
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

  test('both maps draw their own period with hand-computed counts and move together', async ({ page }) => {
    // Three maps in software WebGL on a shared machine.
    test.setTimeout(300_000);
    const external = recordExternalRequests(page);
    await server.open(page);
    await waitForMap(page);
    await jumpTo(page, [6.96, 50.943], 12);

    await chooseHeatmap(page, 'compare', 'day');
    await expect
      .poll(() => hexValues(page, 'diff'))
      .toEqual({ [cell(P1)]: 3, [cell(P2)]: 3, [cell(P3)]: -1 });
    await page.getByTestId('heatmap-view-sideBySide').click();
    await expect(page.getByTestId('compare-split')).toBeVisible();
    await expect(page.getByTestId('compare-map-a')).toHaveAttribute('data-ready', 'true');
    await expect(page.getByTestId('compare-map-b')).toHaveAttribute('data-ready', 'true');

    // Each map draws its own period (cells where that period had none are left out).
    await expect.poll(() => drawn(page, 'a')).toEqual({ [cell(P1)]: 5, [cell(P2)]: 3 });
    await expect.poll(() => drawn(page, 'b')).toEqual({ [cell(P1)]: 2, [cell(P3)]: 1 });
    await expect(page.getByTestId('compare-total-a')).toHaveText('8 Einsätze');
    await expect(page.getByTestId('compare-total-b')).toHaveText('3 Einsätze');
    await expect(page.getByTestId('compare-header-a')).toContainText('Zeitraum A');
    await expect(page.getByTestId('compare-header-b')).toContainText('Zeitraum B');
    // Started where the main map was, and linked: moving A moves B.
    expect(await camera(page, 'a')).toEqual(await camera(page, 'b'));
    // A block, not an expression: jumpTo returns the map, which Playwright would copy out of the page.
    await page.evaluate(() => {
      (window as unknown as Hooked).__lagebild?.compareMaps?.a?.jumpTo({
        center: [6.97, 50.945],
        zoom: 12.5,
      });
    });
    await expect.poll(() => camera(page, 'b')).toEqual([6.97, 50.945, 12.5]);
    // Zoomed back out so all cells are in view on both maps.
    await page.evaluate(() => {
      (window as unknown as Hooked).__lagebild?.compareMaps?.b?.jumpTo({ center: [6.96, 50.943], zoom: 12 });
    });
    await expect.poll(() => camera(page, 'a')).toEqual([6.96, 50.943, 12]);
    await expect.poll(() => drawn(page, 'a')).toEqual({ [cell(P1)]: 5, [cell(P2)]: 3 });
    await settleBoth(page);
    await page.screenshot({ path: path.join(SHOTS, 'side-by-side-24h.png') });

    // A preset: the last 24 h against the 24 h right before them (nothing there).
    await page.getByTestId('heatmap-compare-dayVsDayBefore').click();
    await expect.poll(() => drawn(page, 'b')).toEqual({});
    await expect(page.getByTestId('compare-total-b')).toHaveText('0 Einsätze');
    await expect.poll(() => drawn(page, 'a')).toEqual({ [cell(P1)]: 5, [cell(P2)]: 3 });

    // Back to the difference map.
    await page.getByTestId('compare-close').click();
    await expect(page.getByTestId('compare-split')).toHaveCount(0);
    await expect.poll(() => hexValues(page, 'diff')).toEqual({ [cell(P1)]: 5, [cell(P2)]: 3 });

    expect(external, 'requests that left 127.0.0.1').toEqual([]);
  });
});
