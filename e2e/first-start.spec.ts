/**
 * The first minute as a new user sees it (issue 15): a fresh server started as the embedded default
 * would be (`npm run serve -- --simulate` without further flags: the shipped demo region Köln, the
 * default fleet and incident rate), then the dashboard in Chromium at 1920×1080 dark and light and a
 * 3840×2160 wall. The map shows streets and district names under moving units, and an incident; all read from what MapLibre drew (rendered features of
 * the basemap's street and label layers, units-symbol, incidents-symbol). The goals (10 s
 * of start, judged both after the map showed and from the server's spawn; an incident within 60 s)
 * are timed and printed with the load average, MISS when missed; the conditions themselves are
 * asserted with generous timeouts. Screenshots go to
 * test-results/first-start/.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LageServer, REPO } from './fixtures/lageServer.ts';
import {
  mapQuery,
  recordExternalRequests,
  renderedIncidentIds,
  renderedUnits,
} from './fixtures/dashboard.ts';

const SHOTS = path.join(REPO, 'test-results/first-start');
const MAP_GOAL_MS = 10_000;
const INCIDENT_GOAL_MS = 60_000;

interface Drawn {
  streets: number;
  districtNames: string[];
  tacticalUnits: number;
}

/**
 * Street lines and district names of the basemap, and unit symbols drawn with tactical signs. Only
 * those layers are queried: a query of every rendered feature of a 3840×2160 wall (all labels and
 * lines) took long enough to slow the page it measures.
 */
async function drawnBasemap(page: Page): Promise<Drawn> {
  const query = page.evaluate(() => {
    interface F {
      layer: { id: string };
      sourceLayer?: string;
      properties: Record<string, unknown>;
    }
    interface L {
      id: string;
      type: string;
      'source-layer'?: string;
    }
    const map = (
      window as unknown as {
        __lagebild?: {
          map?: {
            getStyle(): { layers: L[] };
            queryRenderedFeatures(o: { layers: string[] }): F[];
            hasImage(id: string): boolean;
          };
        };
      }
    ).__lagebild?.map;
    if (!map) return { streets: 0, districtNames: [], tacticalUnits: 0 };
    const layers = map.getStyle().layers;
    const ids = (keep: (l: L) => boolean) => layers.filter(keep).map((l) => l.id);
    // District names: the archive's area labels or the districts overlay's labels.
    const streetLayers = ids((l) => l['source-layer'] === 'roads' && l.type === 'line');
    const nameLayers = ids(
      (l) => l.type === 'symbol' && (l['source-layer'] === 'area_labels' || /district|bezirk/.test(l.id)),
    );
    const drawn = (q: string[]) => (q.length ? map.queryRenderedFeatures({ layers: q }) : []);
    const streets = drawn(streetLayers).length;
    const names = drawn(nameLayers)
      .map((f) => String(f.properties['name'] ?? f.properties['NAME'] ?? f.properties['STB_NAME'] ?? ''))
      .filter((n) => n.length > 0);
    const tacticalUnits = drawn(ids((l) => l.id === 'units-symbol')).filter((f) =>
      map.hasImage(`tz-${String(f.properties['kind'])}-${String(f.properties['status'])}`),
    ).length;
    return { streets, districtNames: [...new Set(names)], tacticalUnits };
  });
  return mapQuery(query, { streets: 0, districtNames: [], tacticalUnits: 0 });
}

const unitIconLayout = (page: Page) =>
  page.evaluate(() =>
    JSON.stringify(
      (
        window as unknown as { __lagebild?: { map?: { getLayoutProperty(l: string, p: string): unknown } } }
      ).__lagebild?.map?.getLayoutProperty('units-symbol', 'icon-image'),
    ),
  );

/** The legend names the call types in words and Escape closes it; the arrows stay chosen after a reload. */
async function legendAndSymbolSwitch(page: Page): Promise<void> {
  const legend = page.getByTestId('map-legend');
  await legend.locator('summary').click();
  const types = page.getByTestId('legend-incident-types');
  for (const name of ['Einbruch', 'Verkehrsunfall', 'Hilflose Person'])
    await expect(types).toContainText(name);
  await page.screenshot({ path: path.join(SHOTS, 'dashboard-dark-legend.png') });
  await page.keyboard.press('Escape');
  await expect.poll(() => legend.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

  expect(await unitIconLayout(page)).toContain('tz-');
  await page.getByRole('button', { name: 'Einstellungen' }).click();
  await page.getByTestId('symbol-set').selectOption('arrows');
  await expect.poll(() => unitIconLayout(page)).toBe('["get","icon"]');
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true', { timeout: 120_000 });
  await expect.poll(() => unitIconLayout(page), { timeout: 60_000 }).toBe('["get","icon"]');
  await expect.poll(async () => (await renderedUnits(page)).length, { timeout: 90_000 }).toBeGreaterThan(10);
  await page.screenshot({ path: path.join(SHOTS, 'dashboard-dark-arrows.png') });
}

interface Journey {
  name: string;
  width: number;
  height: number;
  theme: 'dark' | 'light';
  route: string;
}

const JOURNEYS: Journey[] = [
  { name: 'dashboard-dark', width: 1920, height: 1080, theme: 'dark', route: '/' },
  { name: 'dashboard-light', width: 1920, height: 1080, theme: 'light', route: '/' },
  { name: 'wall', width: 3840, height: 2160, theme: 'dark', route: '/?mode=wall&layout=lage' },
];

// A server start and a 3840×2160 software-rendered page on a busy machine: more room than the default.
test.setTimeout(300_000);

for (const j of JOURNEYS) {
  test(`first start, ${j.name} ${j.width}×${j.height}: streets, districts, moving units, an incident`, async ({
    page,
  }) => {
    const t0 = Date.now();
    const lage = await LageServer.start({ simulate: 'default' });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    try {
      const serverMs = Date.now() - t0;
      await page.setViewportSize({ width: j.width, height: j.height });
      await page.addInitScript((theme) => {
        // A first visit: the theme only, and only once (a reload keeps what the user chose since).
        if (!localStorage.getItem('lagebild.settings'))
          localStorage.setItem('lagebild.settings', JSON.stringify({ theme }));
      }, j.theme);
      const external = recordExternalRequests(page);
      const opened = Date.now();
      await lage.open(page, j.route);
      // "Start" is the app showing its map (the moment an Electron window would show it): on a busy
      // machine page load and script parsing alone vary by many seconds, so both times are printed.
      await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true', { timeout: 120_000 });
      const started = Date.now();

      // Streets and district names under units that move: two reads of the drawn units, a change between.
      let first: Map<string, string> | null = null;
      let moved = 0;
      const seen: Record<string, number> = {};
      const mark = (what: string, ok: boolean) => {
        if (ok) seen[what] ??= Date.now() - started;
        return ok;
      };
      let drawn: Drawn = { streets: 0, districtNames: [], tacticalUnits: 0 };
      await expect
        .poll(
          async () => {
            drawn = await drawnBasemap(page);
            const units = await renderedUnits(page);
            const now = new Map(units.map((u) => [u.id, `${u.lon},${u.lat}`]));
            if (!first || first.size === 0) first = now;
            else moved = [...now].filter(([id, at]) => first?.has(id) && first.get(id) !== at).length;
            return {
              streets: mark('streets', drawn.streets > 0),
              districtNames: mark('districts', drawn.districtNames.length > 0),
              units: mark('units', units.length >= 10),
              moving: mark('moving', moved >= 3),
            };
          },
          { timeout: 150_000, intervals: [250, 500, 1000] },
        )
        .toEqual({ streets: true, districtNames: true, units: true, moving: true });
      const mapMs = Date.now() - started;
      await page.screenshot({ path: path.join(SHOTS, `${j.name}-map.png`) });

      await expect
        .poll(async () => (await renderedIncidentIds(page)).length, { timeout: 90_000 })
        .toBeGreaterThan(0);
      const incidentMs = Date.now() - started;
      await page.screenshot({ path: path.join(SHOTS, `${j.name}-incident.png`) });

      const load = (await import('node:os')).loadavg()[0]?.toFixed(1);
      console.log(
        `${j.name}: server up in ${serverMs} ms; map shown ${started - opened} ms after opening the page; then: streets (${drawn.streets} drawn), ` +
          `districts (${drawn.districtNames.slice(0, 3).join(', ')} …), ${moved} units moving in ${mapMs} ms; ` +
          `first incident drawn in ${incidentMs} ms; tactical unit signs drawn: ${drawn.tacticalUnits}; load ${load}`,
      );
      console.log(`${j.name}: first seen after the map showed (ms): ${JSON.stringify(seen)}`);
      if (j.route !== '/') {
        // The wall draws fewer pixels on a software renderer (wallScale.ts, wallPixelRatio): say which.
        const ratio = await page.locator('.wall-map').getAttribute('data-pixel-ratio');
        console.log(`${j.name}: map pixel ratio ${ratio} (canvas scale 2)`);
      }
      expect(pageErrors, 'errors in the page').toEqual([]);
      // The German UI's default symbols are the tactical signs, and they are drawn.
      expect(drawn.tacticalUnits).toBeGreaterThan(0);
      // The speed goals are measured and printed (MISS when missed), not asserted: on a shared
      // two-core machine the times follow the load (load 15-30: 20-140 s), and no margin would be both
      // honest and safe. The goal is judged in `npm run bench` (bench/firstStart.ts): the wall's first
      // frame as a ratio to the dashboard's in one run, and server start → first frame with units.
      // Judged both ways: from the map showing, and from the start itself (the server's spawn, as an
      // Electron start spawns it) through page load and sign-in, which the "of start" may mean.
      const fromStart = serverMs + (started - opened) + mapMs;
      const verdict = (ms: number, goal: number) => `${ms} ms ${ms <= goal ? 'met' : 'MISS'}`;
      console.log(
        `${j.name}: goal map ≤ ${MAP_GOAL_MS} ms: ${verdict(mapMs, MAP_GOAL_MS)} after the map showed, ` +
          `${verdict(fromStart, MAP_GOAL_MS)} from the server's start; ` +
          `goal incident ≤ ${INCIDENT_GOAL_MS} ms: ${verdict(incidentMs, INCIDENT_GOAL_MS)} (load ${load})`,
      );
      if (j.route === '/' && j.theme === 'dark') await legendAndSymbolSwitch(page);
      expect(external, 'requests that left 127.0.0.1').toEqual([]);
    } catch (e) {
      console.log(`server log:\n${lage.log.join('').slice(-3000)}\npage errors: ${pageErrors.join('\n')}`);
      throw e;
    } finally {
      await lage.stop();
      lage.removeData();
    }
  });
}
