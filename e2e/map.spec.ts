/**
 * The live map in Debian Chromium against the real server with the simulator on a loopback port:
 * units are drawn (read from the map's rendered features) and move, incidents appear, a click opens
 * a unit's details, and nothing is requested from outside 127.0.0.1.
 */
import { expect, test, type Page } from '@playwright/test';
import { LageServer } from './fixtures/lageServer.ts';
import {
  recordExternalRequests,
  renderedIncidentIds,
  renderedTrailCount,
  renderedUnits,
  screenPoint,
  waitForMap,
} from './fixtures/dashboard.ts';
import { slotOffset } from '../renderer/src/public.ts';

let lage: LageServer;
let external: string[] = [];

test.beforeAll(async () => {
  lage = await LageServer.start({ simulate: true });
});
test.afterAll(async () => {
  await lage?.stop();
  lage?.removeData();
});

async function openDashboard(page: Page): Promise<void> {
  external = recordExternalRequests(page);
  await lage.open(page);
  await waitForMap(page);
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');
}

test.afterEach(() => {
  expect(external, 'requests that left 127.0.0.1').toEqual([]);
});

test('at least 50 unit symbols are drawn and they move within 5 s', async ({ page }, info) => {
  await openDashboard(page);
  await expect
    .poll(async () => (await renderedUnits(page)).length, { timeout: 60_000 })
    .toBeGreaterThanOrEqual(50);
  // Units at their station stand still; wait until the simulator has a few driving to incidents.
  await expect
    .poll(async () => (await renderedUnits(page)).filter((u) => u.status === 3).length, { timeout: 90_000 })
    .toBeGreaterThanOrEqual(4);
  const before = new Map((await renderedUnits(page)).map((u) => [u.id, u]));
  await page.screenshot({ path: info.outputPath('map-live.png') });
  await page.waitForTimeout(5_000);
  const after = await renderedUnits(page);
  expect(after.length).toBeGreaterThanOrEqual(50);
  const moved = after.filter((u) => {
    const b = before.get(u.id);
    return b && (Math.abs(b.lon - u.lon) > 1e-6 || Math.abs(b.lat - u.lat) > 1e-6);
  });
  console.log(`units drawn: ${after.length}, moved in 5 s: ${moved.length}`);
  expect(moved.length).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('connection-indicator')).toHaveText(/Live/);

  // Trails of all units: the moving ones leave lines behind them.
  await page.getByTestId('trails-mode').selectOption('all');
  await expect.poll(() => renderedTrailCount(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: info.outputPath('map-trails.png') });
});

test('a new incident appears on the map', async ({ page }, info) => {
  await openDashboard(page);
  const first = new Set(await renderedIncidentIds(page));
  await expect
    .poll(async () => (await renderedIncidentIds(page)).filter((id) => !first.has(id)).length, {
      timeout: 60_000,
    })
    .toBeGreaterThan(0);
  await page.screenshot({ path: info.outputPath('incident-appeared.png') });
});

test('clicking a unit opens its details; follow and fit all work', async ({ page }, info) => {
  await openDashboard(page);
  await expect
    .poll(async () => (await renderedUnits(page)).length, { timeout: 60_000 })
    .toBeGreaterThanOrEqual(1);
  // Units move: project and click right away, and retry with a fresh position if the click missed.
  let opened = '';
  for (let attempt = 0; attempt < 5 && !opened; attempt++) {
    const units = await renderedUnits(page);
    const target = units.find((u) => u.status === 2) ?? units[0];
    if (!target) continue;
    const p = await screenPoint(page, target.lon, target.lat);
    await page.mouse.click(p.x, p.y);
    const panel = page.getByTestId('unit-details');
    if (await panel.isVisible().catch(() => false)) opened = (await panel.locator('h2').textContent()) ?? '';
  }
  expect(opened).not.toBe('');
  const panel = page.getByTestId('unit-details');
  await expect(panel.getByTestId('unit-status')).toContainText(/seit \d\d:\d\d:\d\d/);
  await expect(panel.getByTestId('unit-last-fix')).toContainText(/\d\d:\d\d:\d\d/);
  await page.screenshot({ path: info.outputPath('unit-details.png') });

  await panel.getByTestId('follow-unit').click();
  await expect(page.getByText(`Folge ${opened}`)).toBeVisible();
  await page.getByTestId('fit-all').click();
  await expect(page.getByText(`Folge ${opened}`)).toBeVisible();

  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('connection-indicator')).toHaveText(/Live/);
  await expect(page.getByTestId('fit-all')).toHaveText('Fit all');
  await expect(panel.getByTestId('unit-status')).toContainText(/since \d\d:\d\d:\d\d/);
  await page.screenshot({ path: info.outputPath('unit-details-en.png') });
});

test('units at one spot are drawn around it, each where it can be seen and clicked', async ({
  page,
}, info) => {
  // A page load, a zoom and four clicks with their details on a busy two-core machine.
  test.setTimeout(300_000);
  // Four cars in one station yard (a few metres apart), as at a shift change.
  const YARD = { lat: 50.9252, lon: 6.9321 };
  const cars = ['stack-1', 'stack-2', 'stack-3', 'stack-4'].map((id, i) => ({
    id,
    callsign: `Stapel ${i + 1}`,
    kind: i === 3 ? 'motorrad' : 'funkstreifenwagen',
    district: 'Innenstadt',
    status: 2,
  }));
  await lage.ingest('units', cars);
  const now = Date.now();
  await lage.ingest(
    'positions',
    cars.map((c, i) => ({ unitId: c.id, lat: YARD.lat + i * 0.00002, lon: YARD.lon, time: now })),
  );
  await openDashboard(page);
  // The operator zooms in on the yard (a wheel turn first: the first view's fit then leaves the map alone).
  const map = page.getByTestId('map');
  const box = await map.boundingBox();
  if (!box) throw new Error('no map on the page');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -100);
  // A block, not an expression: jumpTo returns the map, which Playwright would copy out of the page.
  await page.evaluate(
    ([lon, lat]) => {
      (window as unknown as { __lagebild: { map: { jumpTo(o: object): void } } }).__lagebild.map.jumpTo({
        center: [lon, lat],
        zoom: 16,
      });
    },
    [YARD.lon, YARD.lat] as [number, number],
  );
  const ids = new Set(cars.map((c) => c.id));
  const stacked = async () => (await renderedUnits(page)).filter((u) => ids.has(u.id));
  await expect.poll(async () => (await stacked()).length, { timeout: 60_000 }).toBe(4);
  const drawn = await stacked();
  // Each in its own slot around the spot: four different places on the screen.
  expect(new Set(drawn.map((u) => u.slot)).size).toBe(4);
  await page.screenshot({ path: info.outputPath('stacked-units.png') });

  const iconSize = await page.evaluate(() =>
    Number(
      (
        window as unknown as { __lagebild: { map: { getLayoutProperty(l: string, p: string): unknown } } }
      ).__lagebild.map.getLayoutProperty('units-symbol', 'icon-size') ?? 1,
    ),
  );
  const panel = page.getByTestId('unit-details');
  for (const u of drawn) {
    const at = await screenPoint(page, u.lon, u.lat);
    const [dx, dy] = slotOffset(u.slot);
    await page.mouse.click(at.x + dx * iconSize, at.y + dy * iconSize);
    const car = cars.find((c) => c.id === u.id);
    await expect(panel.locator('h2')).toHaveText(car?.callsign ?? '');
    // The details cover part of the map: closed before the next click.
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
  }
});
