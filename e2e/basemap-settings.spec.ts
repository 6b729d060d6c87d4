/**
 * Changing the basemap in the dashboard's settings (as the local admin): a bad archive path is
 * refused with the server's reason and nothing changes; an archive built with `npm run basemap`
 * from the Köln streets is saved into `<data-dir>/settings.json` and the open map switches to it
 * at once, with the app's layers kept; back to the built-in map the same way. No request leaves
 * 127.0.0.1. Screenshot in test-results/basemap-settings/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
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

test.describe('basemap settings in the dashboard', () => {
  test.skip(!fs.existsSync(ROADS), `skipped: reference data missing (${ROADS})`);
  let server: LageServer;
  let archive = '';
  test.beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    server = await LageServer.start({ simulate: true, units: 20 });
    archive = path.join(server.dataDir, 'koeln.pmtiles');
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
  test.afterAll(async () => {
    await server?.stop();
    server?.removeData();
  });

  test('save a PMTiles archive in the settings and the map switches to it', async ({ page }) => {
    test.setTimeout(240_000);
    const external = recordExternalRequests(page);
    await server.open(page);
    await waitForMap(page);
    await jumpTo(page, [6.958, 50.941], 13);
    expect(await hasLayer(page, 'basemap-land'), 'built-in map first').toBe(true);

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

    // Saved: relative to the settings file, which is <data-dir>/settings.json.
    await page.getByTestId('basemap-path').fill('koeln.pmtiles');
    await page.getByTestId('settings-dialog').screenshot({ path: path.join(SHOTS, 'settings-dialog.png') });
    await page.getByTestId('basemap-save').click();
    await expect(page.getByTestId('basemap-saved')).toContainText('settings.json');
    expect(JSON.parse(fs.readFileSync(path.join(server.dataDir, 'settings.json'), 'utf8'))).toEqual({
      basemap: { type: 'pmtiles', path: 'koeln.pmtiles' },
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

    expect(external, 'requests that left 127.0.0.1').toEqual([]);
  });
});
