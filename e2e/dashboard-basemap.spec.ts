/**
 * Configured basemaps in the real dashboard: archives built with `npm run basemap` from the Lauf OSM
 * extract and from the Köln streets + districts, and the OpenMapTiles fixture with its own style,
 * each served by a Lage server started with `--basemap-config`. The dashboard must draw the basemap
 * under its own layers, keep units/incidents/heatmap across the dark/light switch, and fetch
 * nothing from outside 127.0.0.1. Screenshots go to test-results/dashboard-basemap/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LageServer, REPO } from './fixtures/lageServer.ts';
import { recordExternalRequests, waitForMap } from './fixtures/dashboard.ts';
import {
  chooseHeatmap,
  jumpTo,
  renderedBySource,
  settle,
  sourceProps,
  styleFacts,
} from './fixtures/heatmap.ts';

const DATA = path.resolve(REPO, '../shared/data');
const SHOTS = path.join(REPO, 'test-results/dashboard-basemap');
const missing = ['osm/lauf-200115.osm.pbf', 'koeln/koeln_strassen.geojson', 'basemap-fixture'].filter(
  (f) => !fs.existsSync(path.join(DATA, f)),
);
const APP_SOURCES = ['units', 'incidents', 'trails', 'heatmap', 'heatmap-hex', 'heatmap-hex-labels'];

function build(out: string, args: string[]): void {
  const t0 = Date.now();
  const r = spawnSync('npm', ['run', '--silent', 'basemap', '--', ...args, '--output', out, '--quiet'], {
    cwd: REPO,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`npm run basemap failed: ${r.stderr}`);
  console.log(`${r.stdout.trim().split('\n').at(-1)} (${Date.now() - t0} ms with npm)`);
}

interface Case {
  name: string;
  settings: () => unknown;
  center: [number, number];
  zoom: number;
  /** Foreign styles are the same for both themes. */
  themed: boolean;
}

let dir = '';
const cases: Case[] = [
  {
    name: 'koeln',
    settings: () => {
      const archive = path.join(dir, 'koeln.pmtiles');
      build(archive, [
        '--input',
        path.join(DATA, 'koeln/koeln_strassen.geojson'),
        '--areas',
        path.join(DATA, 'koeln/koeln_stadtbezirke.geojson'),
        '--maxzoom',
        '14',
      ]);
      return {
        basemap: { type: 'pmtiles', path: archive },
        overlays: [
          { kind: 'districts', path: path.join(DATA, 'koeln/koeln_stadtbezirke.geojson') },
          {
            kind: 'stations',
            id: 'polizei',
            path: path.join(DATA, 'koeln/amenity_police.geojson'),
            label: 'tags/name',
          },
        ],
      };
    },
    center: [6.958, 50.941],
    zoom: 13,
    themed: true,
  },
  {
    name: 'lauf',
    settings: () => {
      const archive = path.join(dir, 'lauf.pmtiles');
      build(archive, ['--input', path.join(DATA, 'osm/lauf-200115.osm.pbf'), '--maxzoom', '14']);
      return { basemap: { type: 'pmtiles', path: archive } };
    },
    center: [11.2795, 49.5105],
    zoom: 14.5,
    themed: true,
  },
  {
    name: 'fixture-innsbruck',
    settings: () => {
      const f = path.join(DATA, 'basemap-fixture');
      return {
        basemap: {
          type: 'pmtiles',
          path: path.join(f, 'openmaptiles_innsbruck_z0-14.pmtiles'),
          style: path.join(f, 'osm-bright-gl-style/style.json'),
          sprite: path.join(f, 'osm-bright-gl-style/sprite'),
          glyphs: path.join(f, 'font-open-sans-semibold'),
        },
      };
    },
    center: [11.393, 47.267],
    zoom: 14,
    themed: false,
  },
];

/** Waits until the configured style is on the map with the app's layers carried over. */
async function waitForBasemap(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        const s = await styleFacts(page);
        return (
          !s.layers.includes('basemap-land') &&
          s.layers.includes('units-symbol') &&
          s.layers.includes('heatmap-hex-fill')
        );
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  await settle(page);
}

const basemapDrawn = async (page: Page) =>
  Object.entries(await renderedBySource(page))
    .filter(([src]) => !APP_SOURCES.includes(src))
    .reduce((n, [, c]) => n + c, 0);

test.describe('configured basemaps in the dashboard', () => {
  test.skip(missing.length > 0, `skipped: reference data missing (${missing.join(', ')})`);
  test.beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagebild-dash-basemap-'));
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const c of cases) {
    test(`${c.name}: drawn under the picture, dark and light, layers kept`, async ({ page }) => {
      test.setTimeout(240_000);
      const file = path.join(dir, `${c.name}.json`);
      fs.writeFileSync(file, JSON.stringify(c.settings()));
      const server = await LageServer.start({
        args: ['--basemap-config', file, '--basemap-dir', [dir, DATA].join(path.delimiter)],
      });
      try {
        const [lon, lat] = c.center;
        await server.ingest(
          'incidents',
          [0, 1, 2].map((i) => ({
            id: `i${i}`,
            type: 'einbruch',
            priority: 2,
            lat: lat + i * 0.002,
            lon: lon + i * 0.002,
          })),
        );
        const external = recordExternalRequests(page);
        await server.open(page);
        await waitForMap(page);
        await waitForBasemap(page);
        await chooseHeatmap(page, 'hex', 'day');
        await expect.poll(async () => (await sourceProps(page, 'heatmap-hex'))?.length).toBeGreaterThan(0);
        await jumpTo(page, c.center, c.zoom);
        expect(await basemapDrawn(page), 'basemap features drawn').toBeGreaterThan(20);
        const before = await styleFacts(page);
        await page.screenshot({ path: path.join(SHOTS, `${c.name}-dark.png`) });

        await page.getByTestId('theme-toggle').click();
        if (c.themed)
          await expect
            .poll(async () => (await styleFacts(page)).bottomPaint !== before.bottomPaint || 'same')
            .not.toBe('same');
        await waitForBasemap(page);
        await jumpTo(page, c.center, c.zoom);
        const after = await styleFacts(page);
        for (const id of ['units-symbol', 'incidents-symbol', 'trails-line', 'heatmap-hex-fill'])
          expect(after.layers, `${id} kept`).toContain(id);
        expect(after.images, 'unit and incident icons kept').toBeGreaterThanOrEqual(before.images);
        expect((await sourceProps(page, 'incidents'))?.length).toBe(3);
        expect((await sourceProps(page, 'heatmap-hex'))?.length).toBeGreaterThan(0);
        expect(await basemapDrawn(page)).toBeGreaterThan(20);
        await page.screenshot({ path: path.join(SHOTS, `${c.name}-light.png`) });
        expect(external, 'requests that left 127.0.0.1').toEqual([]);
      } finally {
        await server.stop();
        server.removeData();
      }
    });
  }
});
