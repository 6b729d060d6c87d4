/**
 * The basemap in a real browser: archives built from the Lauf OSM extract and from the Köln streets
 * and districts, and the OpenMapTiles fixture with its own style, each drawn by MapLibre from the
 * basemap routes in dark and light. Checks what was drawn (roads, labels, districts) and that no
 * request left 127.0.0.1; screenshots go to test-results/basemap/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { REPO } from './fixtures/lageServer.ts';

const DATA = path.resolve(REPO, '../shared/data');
const SHOTS = path.join(REPO, 'test-results/basemap');
const missing = ['osm/lauf-200115.osm.pbf', 'koeln/koeln_strassen.geojson', 'basemap-fixture'].filter(
  (f) => !fs.existsSync(path.join(DATA, f)),
);

interface Page0 {
  url: string;
  child: ChildProcess;
}

function buildArchive(out: string, args: string[]): void {
  const r = spawnSync(
    'npx',
    ['tsx', 'tools/basemap/cli.ts', ...args, '--output', out, '--minzoom', '10', '--maxzoom', '14'],
    {
      cwd: REPO,
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`basemap build failed: ${r.stderr}`);
  console.log(r.stdout.trim().split('\n').at(-1));
}

async function startPage(settings: unknown, dir: string): Promise<Page0> {
  const file = path.join(dir, `settings-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(settings));
  // Node itself with tsx's loader, not `npx tsx`: a kill() reaches the page's server instead of
  // leaving it running after the spec (npx and tsx's CLI each add a process of their own).
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/fixtures/basemapPage.ts', file], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => {
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(b.toString());
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`basemap page exited with ${code}`)));
  });
  return { url, child };
}

/** Opens the map, waits until it is idle, and returns the rendered features per layer. */
async function render(page: Page, url: string): Promise<Record<string, number>> {
  await page.goto(url);
  // The page flags `mapIdle` on MapLibre's idle event (all tiles and labels done).
  await page.waitForFunction(() => (window as unknown as { mapIdle?: boolean }).mapIdle === true, null, {
    timeout: 60_000,
  });
  return page.evaluate(() => {
    const w = window as unknown as {
      map: { queryRenderedFeatures(): { layer: { id: string } }[] };
      mapErrors?: string[];
    };
    if (w.mapErrors?.length) throw new Error(w.mapErrors.join('; '));
    const counts: Record<string, number> = {};
    for (const f of w.map.queryRenderedFeatures()) counts[f.layer.id] = (counts[f.layer.id] ?? 0) + 1;
    return counts;
  });
}

test.describe('basemaps in the browser', () => {
  test.skip(missing.length > 0, `skipped: reference data missing (${missing.join(', ')})`);
  let dir: string;
  const pages: Page0[] = [];
  const foreign: string[] = [];

  test.beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagebild-basemap-e2e-'));
    fs.mkdirSync(SHOTS, { recursive: true });
  });
  test.afterAll(() => {
    for (const p of pages) p.child.kill();
  });
  test.beforeEach(({ page }) => {
    page.on('request', (r) => {
      if (!/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(r.url())) foreign.push(r.url());
    });
  });
  test.afterEach(() => expect(foreign, 'requests that left 127.0.0.1').toEqual([]));

  test('Köln streets and districts, dark and light, with street and district labels', async ({ page }) => {
    const archive = path.join(dir, 'koeln.pmtiles');
    buildArchive(archive, [
      '--input',
      path.join(DATA, 'koeln/koeln_strassen.geojson'),
      '--areas',
      path.join(DATA, 'koeln/koeln_stadtbezirke.geojson'),
    ]);
    const p = await startPage(
      {
        basemap: { type: 'pmtiles', path: archive },
        overlays: [
          {
            kind: 'stations',
            id: 'polizei',
            path: path.join(DATA, 'koeln/amenity_police.geojson'),
            label: 'tags/name',
          },
        ],
      },
      dir,
    );
    pages.push(p);
    for (const theme of ['dark', 'light']) {
      const drawn = await render(page, `${p.url}?theme=${theme}&zoom=14`);
      expect(drawn['road-residential'] ?? 0).toBeGreaterThan(20);
      expect(drawn['road-label'] ?? 0, 'street names drawn with the shipped font').toBeGreaterThan(5);
      await page.screenshot({ path: path.join(SHOTS, `koeln-${theme}-z14.png`) });
      const city = await render(page, `${p.url}?theme=${theme}&zoom=10.5`);
      expect(city['area-label'] ?? 0, 'district names').toBeGreaterThanOrEqual(7);
      expect(city.boundaries ?? 0).toBeGreaterThan(0);
      expect(city['overlay-polizei-point'] ?? 0).toBeGreaterThan(10);
      await page.screenshot({ path: path.join(SHOTS, `koeln-${theme}-z10.png`) });
    }
  });

  test('Lauf an der Pegnitz from the OSM extract: roads, water, buildings', async ({ page }) => {
    const archive = path.join(dir, 'lauf.pmtiles');
    buildArchive(archive, ['--input', path.join(DATA, 'osm/lauf-200115.osm.pbf')]);
    const p = await startPage({ basemap: { type: 'pmtiles', path: archive } }, dir);
    pages.push(p);
    for (const theme of ['dark', 'light']) {
      const drawn = await render(page, `${p.url}?theme=${theme}&lon=11.2795&lat=49.5105&zoom=15`);
      expect(drawn.buildings ?? 0).toBeGreaterThan(50);
      expect((drawn.water ?? 0) + (drawn.waterway ?? 0)).toBeGreaterThan(0);
      expect(drawn['road-label'] ?? 0).toBeGreaterThan(3);
      await page.screenshot({ path: path.join(SHOTS, `lauf-${theme}-z15.png`) });
    }
  });

  test('the OpenMapTiles fixture with OSM Bright, its sprite and glyphs', async ({ page }) => {
    const f = path.join(DATA, 'basemap-fixture');
    const p = await startPage(
      {
        basemap: {
          type: 'pmtiles',
          path: path.join(f, 'openmaptiles_innsbruck_z0-14.pmtiles'),
          style: path.join(f, 'osm-bright-gl-style/style.json'),
          sprite: path.join(f, 'osm-bright-gl-style/sprite'),
          glyphs: path.join(f, 'font-open-sans-semibold'),
        },
      },
      dir,
    );
    pages.push(p);
    const drawn = await render(page, `${p.url}?theme=light&lon=11.393&lat=47.267&zoom=14`);
    const ids = Object.keys(drawn);
    expect(ids.filter((id) => id.startsWith('highway')).length).toBeGreaterThan(2);
    expect(ids.some((id) => id.includes('name') || id.includes('label'))).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'fixture-innsbruck-z14.png') });
  });
});
