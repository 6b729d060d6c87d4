/**
 * Changing the basemap in the dashboard's settings (as the local admin): a bad archive path is
 * refused with the server's reason and nothing changes; an archive built with `npm run basemap`
 * from the Köln streets is saved into `<data-dir>/settings.json` and the open map switches to it
 * at once, with the app's layers kept; back to the built-in map the same way. A second dashboard and
 * a wall open on the same server switch with it, without a reload (the server's basemapChanged on
 * /live). No request leaves 127.0.0.1. Screenshots in test-results/basemap-settings/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { LageServer, REPO } from './fixtures/lageServer.ts';
import { recordExternalRequests, waitForMap } from './fixtures/dashboard.ts';
import { jumpTo, renderedBySource, settle, styleFacts } from './fixtures/heatmap.ts';

const DATA = path.resolve(REPO, '../shared/data');
const ROADS = path.join(DATA, 'koeln/koeln_strassen.geojson');
const SHOTS = path.join(REPO, 'test-results/basemap-settings');

type Hooked = { __lagebild?: { map?: { getStyle(): { layers: { id: string }[] } } } };
const hasLayer = (page: Page, id: string) =>
  page.evaluate(
    (l) => !!(window as unknown as Hooked).__lagebild?.map?.getStyle().layers.some((x) => x.id === l),
    id,
  );
/** Marks the document: the mark is gone after a reload or navigation. */
type Marked = { __sameDocument?: boolean };
const markDocument = (page: Page) => page.evaluate(() => ((window as Marked).__sameDocument = true));
const sameDocument = (page: Page) => page.evaluate(() => (window as Marked).__sameDocument === true);
const invalidPayloads = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as {
          __lagebild?: { stores: { connection: { getState(): { invalidPayloads: number } } } };
        }
      ).__lagebild?.stores.connection.getState().invalidPayloads,
  );

test.describe('basemap settings in the dashboard', () => {
  test.skip(!fs.existsSync(ROADS), `skipped: reference data missing (${ROADS})`);
  let server: LageServer;
  let archive = '';
  test.beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    // Archives come only from a --basemap-dir folder, never from the data dir (docs/basemaps.md).
    const maps = fs.mkdtempSync(path.join(os.tmpdir(), 'lagebild-maps-'));
    server = await LageServer.start({ simulate: true, units: 20, args: ['--basemap-dir', maps] });
    archive = path.join(maps, 'koeln.pmtiles');
    const r = spawnSync(
      'npm',
      [
        'run',
        '--silent',
        'basemap',
        '--',
        '--input',
        ROADS,
        '--minzoom',
        '10',
        '--maxzoom',
        '14',
        '--output',
        archive,
        '--quiet',
      ],
      { cwd: REPO, encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`npm run basemap failed: ${r.stderr}`);
  });
  const contexts: BrowserContext[] = [];
  test.afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });
  test.afterAll(async () => {
    await server?.stop();
    server?.removeData();
  });

  test('save a PMTiles archive in the settings and the map switches to it, on every open dashboard and wall', async ({
    page,
    browser,
  }) => {
    test.setTimeout(360_000);
    const external = recordExternalRequests(page);
    await server.open(page);
    await waitForMap(page);
    await jumpTo(page, [6.958, 50.941], 13);
    expect(await hasLayer(page, 'basemap-land'), 'built-in map first').toBe(true);

    // Open on the same server before the change: another workstation and a wall (signed in as one).
    const otherContext = await browser.newContext();
    const wallContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    contexts.push(otherContext, wallContext);
    const other = await otherContext.newPage();
    const wall = await wallContext.newPage();
    const externalOther = recordExternalRequests(other);
    const externalWall = recordExternalRequests(wall);
    await server.open(other);
    await waitForMap(other);
    await jumpTo(other, [6.958, 50.941], 13);
    await server.open(wall, '/?mode=wall&layout=lage', { as: 'wall' });
    await expect(wall.getByTestId('wall')).toHaveAttribute('data-layout', 'lage');
    await waitForMap(wall);
    await settle(wall);
    const followers = { other, wall };
    for (const [name, p] of Object.entries(followers)) {
      expect(await hasLayer(p, 'basemap-land'), `${name}: built-in map first`).toBe(true);
      await markDocument(p);
    }

    await page.getByTestId('settings-open').click();
    const form = page.getByTestId('basemap-settings');
    await expect(form).toHaveAttribute('data-status', 'ready');
    await expect(page.getByTestId('basemap-kind')).toHaveValue('none');
    // In a browser the wall section offers each layout's address instead of displays.
    await expect(page.getByTestId('wall-settings')).toHaveAttribute('data-platform', 'browser');
    await expect(page.getByTestId('wall-link-status')).toHaveValue(`${server.url}/?mode=wall&layout=status`);
    await expect(page.getByTestId('send-to-wall')).toHaveCount(0);

    // Refused: the server checks the archive exists; the file and the map stay as they were.
    await page.getByTestId('basemap-kind').selectOption('pmtiles');
    await page.getByTestId('basemap-path').fill('gone.pmtiles');
    await page.getByTestId('basemap-save').click();
    await expect(page.getByTestId('basemap-refused')).toContainText('basemap.path not found');
    expect(fs.existsSync(path.join(server.dataDir, 'settings.json'))).toBe(false);

    // Saved: the archive in the basemap folder (the settings file is <data-dir>/settings.json).
    await page.getByTestId('basemap-path').fill(archive);
    await page.getByTestId('settings-dialog').screenshot({ path: path.join(SHOTS, 'settings-dialog.png') });
    await page.getByTestId('basemap-save').click();
    await expect(page.getByTestId('basemap-saved')).toContainText('settings.json');
    expect(JSON.parse(fs.readFileSync(path.join(server.dataDir, 'settings.json'), 'utf8'))).toEqual({
      basemap: { type: 'pmtiles', path: archive },
    });
    await page.keyboard.press('Escape');
    await expect.poll(() => hasLayer(page, 'basemap-land'), { timeout: 60_000 }).toBe(false);
    await settle(page);
    const facts = await styleFacts(page);
    expect(facts.sources).toContain('basemap');
    for (const app of ['units', 'incidents']) expect(facts.sources).toContain(app);
    await expect.poll(async () => (await renderedBySource(page))['basemap'] ?? 0).toBeGreaterThan(100);
    await expect(page.getByTestId('basemap-info')).toHaveAttribute('data-kind', 'pmtiles');
    await page.screenshot({ path: path.join(SHOTS, 'koeln-from-settings.png') });

    // The other workstation and the wall switched too, in the same document (no reload).
    for (const [name, p] of Object.entries(followers)) {
      await expect
        .poll(() => hasLayer(p, 'basemap-land'), { timeout: 60_000, message: `${name} switches` })
        .toBe(false);
      await settle(p);
      const f = await styleFacts(p);
      expect(f.sources, name).toContain('basemap');
      for (const app of ['units', 'incidents']) expect(f.sources, name).toContain(app);
      expect(await sameDocument(p), `${name} was not reloaded`).toBe(true);
      expect(await invalidPayloads(p), name).toBe(0);
    }
    await expect.poll(async () => (await renderedBySource(other))['basemap'] ?? 0).toBeGreaterThan(100);
    await expect(other.getByTestId('basemap-info')).toHaveAttribute('data-kind', 'pmtiles');
    await other.screenshot({ path: path.join(SHOTS, 'koeln-other-dashboard.png') });
    await wall.screenshot({ path: path.join(SHOTS, 'koeln-wall.png') });

    // And back to the built-in map.
    await page.getByTestId('settings-open').click();
    await expect(page.getByTestId('basemap-kind')).toHaveValue('pmtiles');
    await page.getByTestId('basemap-kind').selectOption('none');
    await page.getByTestId('basemap-save').click();
    await expect(page.getByTestId('basemap-saved')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect.poll(() => hasLayer(page, 'basemap-land'), { timeout: 60_000 }).toBe(true);
    expect((await styleFacts(page)).sources).not.toContain('basemap');
    expect((await styleFacts(page)).sources).toContain('units');
    for (const [name, p] of Object.entries(followers)) {
      await expect
        .poll(() => hasLayer(p, 'basemap-land'), { timeout: 60_000, message: `${name} goes back` })
        .toBe(true);
      const f = await styleFacts(p);
      expect(f.sources, name).not.toContain('basemap');
      expect(f.sources, name).toContain('units');
      expect(await sameDocument(p), `${name} was not reloaded`).toBe(true);
    }

    expect(external, 'requests that left 127.0.0.1').toEqual([]);
    expect(externalOther, 'requests of the other dashboard that left 127.0.0.1').toEqual([]);
    expect(externalWall, 'requests of the wall that left 127.0.0.1').toEqual([]);
  });
});
