/**
 * The operator's whole round without a mouse: after opening the dashboard every step is a key press
 * (page.keyboard only, no clicks, no locator fills): search and open an incident, assign a unit
 * with "A", move through the incident list ("3"), the unit board ("2") and the request queue ("1")
 * and acknowledge with "J", filter by district from the top bar with Tab and Space, configure the
 * timer thresholds and the "no unit" warning in the settings ("S"), open an incident at the map
 * centre ("N") whose address comes from the Köln street data, add a note, close it, follow a unit
 * ("F"), switch theme ("T") and language ("L"), show the help ("?"). The server runs the simulator.
 * Then, with the mouse: drag a unit row onto an incident row and onto the incident on the map.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LageServer } from './fixtures/lageServer.ts';
import { pagePicture, renderedUnits, screenPoint } from './fixtures/dashboard.ts';
import {
  INCIDENT,
  TEST_DISTRICT,
  UNIT,
  filterBy,
  followedUnit,
  injectUnitAndIncident,
  openDashboard,
  type Dashboard,
} from './fixtures/panels.ts';

// Generous on a loaded two-core machine: opening a dashboard with software WebGL can take a minute.
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const KOELN = path.resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'koeln');
const UNIT2 = { id: 'e2e-unit-2', callsign: 'E2E 99/2' };
const UNIT3 = { id: 'e2e-unit-3', callsign: 'E2E 99/3' };
const INCIDENT2 = { id: 'e2e-inc-2', number: 'E2E-0002' };

let lage: LageServer;
let d: Dashboard;
let page: Page;

test.beforeAll(async ({ browser }) => {
  lage = await LageServer.start({
    simulate: true,
    units: 40,
    rate: 120,
    args: [
      '--streets',
      path.join(KOELN, 'koeln_strassenabschnitte.geojson'),
      '--districts',
      path.join(KOELN, 'koeln_stadtbezirke.geojson'),
    ],
  });
  await injectUnitAndIncident(lage);
  await lage.ingest('units', [
    { id: UNIT2.id, callsign: UNIT2.callsign, kind: 'motorrad', district: TEST_DISTRICT, status: 2 },
    { id: UNIT3.id, callsign: UNIT3.callsign, kind: 'funkstreifenwagen', district: TEST_DISTRICT, status: 2 },
  ]);
  const now = Date.now();
  await lage.ingest('positions', [
    { unitId: UNIT2.id, lat: 50.9385, lon: 6.9613, time: now },
    { unitId: UNIT3.id, lat: 50.9386, lon: 6.9593, time: now },
  ]);
  d = await openDashboard(browser, lage);
  page = d.page;
});
test.afterAll(async () => {
  await d?.close().catch(() => {});
  await lage?.stop();
  lage?.removeData();
});

const key = (k: string) => page.keyboard.press(k);
const selected = () =>
  page.evaluate(
    () =>
      (
        window as unknown as {
          __lagebild: {
            stores: { selection: { getState(): { selected: { kind: string; id: string } | null } } };
          };
        }
      ).__lagebild.stores.selection.getState().selected,
  );

/**
 * Presses Tab until the focused element matches the selector (and, if given, sits in a label with
 * that text): the way a keyboard user reaches a control.
 */
async function tabTo(selector: string, max = 150, label?: string): Promise<void> {
  for (let n = 0; n < max; n++) {
    const there = await page.evaluate(
      ([s, l]) => {
        const el = document.activeElement;
        if (!el?.matches(s)) return false;
        return l === undefined || el.closest('label')?.textContent?.trim() === l;
      },
      [selector, label] as const,
    );
    if (there) return;
    await key('Tab');
  }
  throw new Error(`${selector} ${label ?? ''} not reached with ${max} Tab presses`);
}

/** Presses `k` until the selection is the unit or incident `id`. */
async function moveTo(k: string, id: string, max = 120): Promise<void> {
  for (let n = 0; n < max; n++) {
    if ((await selected())?.id === id) return;
    await key(k);
  }
  throw new Error(`${id} not reached with ${max} × ${k}`);
}

async function openBySearch(text: string): Promise<void> {
  await key('/');
  await expect(page.getByTestId('search')).toBeFocused();
  await page.keyboard.type(text);
  await expect(page.getByTestId('search-hit').first()).toContainText(text);
  await key('Enter');
  await key('Escape'); // leaves the search box, keeps the selection
}

test('keyboard only: search, assign with A, lists with 1/2/3, acknowledge with J', async () => {
  // The search finds the incident by its street too ("testweg" for "Testweg 1, Köln").
  await key('/');
  await page.keyboard.type('testweg');
  await expect(page.getByTestId('search-hit').first()).toContainText(INCIDENT.number);
  await key('Escape');
  await openBySearch(INCIDENT.number);
  await expect(page.getByTestId('incident-details')).toContainText(INCIDENT.number);
  expect(await selected()).toEqual({ kind: 'incident', id: INCIDENT.id });

  // A: the picker opens with its filter focused; the unit is typed and Enter assigns it.
  await key('a');
  const picker = page.getByTestId('assign-dialog');
  await expect(picker.getByTestId('assign-filter')).toBeFocused();
  await page.keyboard.type(UNIT.callsign);
  await expect(picker.getByTestId('assign-option').first()).toHaveAttribute('data-unit-id', UNIT.id);
  await key('Enter');
  await expect(picker).toBeHidden();
  await expect(page.getByTestId('incident-state')).toHaveText('disponiert');
  await expect(page.locator(`[data-testid="board-unit"][data-unit-id="${UNIT.id}"]`)).toHaveAttribute(
    'data-status',
    '3',
  );

  // 3: the incident list; arrows move the selection (details follow), Enter shows it on the map.
  await key('3');
  await expect(page.locator('[data-focus-id="incidents"]')).toBeFocused();
  await key('Home');
  await moveTo('ArrowDown', INCIDENT.id);
  await expect(page.getByTestId('incident-details')).toContainText(INCIDENT.number);
  await key('Enter');

  // 2: the unit board; Home is the first group header, Enter collapses and expands it.
  await key('2');
  const board = page.locator('[data-focus-id="board"]');
  await expect(board).toBeFocused();
  await key('Home');
  const firstGroup = page.getByTestId('board-group').first();
  const status = await firstGroup.getAttribute('data-status');
  const units = () => page.locator(`[data-testid="board-unit"][data-status="${status}"]`).count();
  expect(await units()).toBeGreaterThan(0);
  await key('Enter');
  await expect.poll(units).toBe(0);
  await key('Enter');
  await expect.poll(units).toBeGreaterThan(0);
  await moveTo('ArrowDown', UNIT.id, 200);
  await expect(page.getByTestId('unit-details')).toContainText(UNIT.callsign);

  // 1: the request queue; a speech request of unit 2 is reached with the arrows and answered with J.
  await lage.ingest('status', [{ unitId: UNIT2.id, status: 5 }]);
  const request = page.locator(`[data-testid="request-row"][data-unit-id="${UNIT2.id}"]`);
  await expect(request).toBeVisible();
  await key('1');
  await expect(page.locator('[data-focus-id="requests"]')).toBeFocused();
  await key('Home');
  await moveTo('ArrowDown', UNIT2.id);
  await key('j');
  await expect(request).toHaveCount(0);
  await expect(page.getByTestId('toast-ok').last()).toContainText(`${UNIT2.callsign} quittiert`);

  // An emergency: the alarm follows the unit; J on the selected unit acknowledges it.
  await lage.ingest('status', [{ unitId: UNIT3.id, status: 0 }]);
  const alarm = page.locator(`[data-testid="emergency-item"][data-unit-id="${UNIT3.id}"]`);
  await expect(alarm).toBeVisible();
  await expect.poll(() => followedUnit(page)).toBe(UNIT3.id);
  expect(await selected()).toEqual({ kind: 'unit', id: UNIT3.id });
  // The map follows the unit as it moves (also after the acknowledgement, until F stops it).
  await lage.ingest('positions', [{ unitId: UNIT3.id, lat: 50.9421, lon: 6.9571 }]);
  await expect.poll(() => mapCenter(), { timeout: 20_000 }).toEqual([6.9571, 50.9421]);
  await key('j');
  await expect(alarm).toHaveCount(0);
  await key('f');
  await expect.poll(() => followedUnit(page)).toBeNull();
});

/** The map centre rounded to 4 decimals (about 10 m). */
function mapCenter(): Promise<[number, number]> {
  return page.evaluate(() => {
    const map = (window as unknown as { __lagebild: { map: { getCenter(): { lng: number; lat: number } } } })
      .__lagebild.map;
    const c = map.getCenter();
    return [Math.round(c.lng * 1e4) / 1e4, Math.round(c.lat * 1e4) / 1e4] as [number, number];
  });
}

test('keyboard only: district filter from the top bar applies to the board and the map', async () => {
  await key('Escape');
  await tabTo('[data-testid="filter-districts"] summary');
  await key('Enter');
  // Bereich offers the region's districts (Köln's nine Stadtbezirke from --districts) even where
  // no unit or incident is yet, besides the test district of the injected units.
  const offered = page.locator('[data-testid="filter-districts"] label');
  for (const name of ['Chorweiler', 'Porz', 'Rodenkirchen', TEST_DISTRICT])
    await expect(offered.filter({ hasText: name })).toHaveCount(1);
  const box = `[data-testid="filter-districts"] label:has-text("${TEST_DISTRICT}") input`;
  await tabTo('[data-testid="filter-districts"] input', 400, TEST_DISTRICT);
  await key('Space');
  await expect(page.locator(box)).toBeChecked();
  const ids = new Set([UNIT.id, UNIT2.id, UNIT3.id]);
  await expect
    .poll(async () => {
      const shown = await page
        .getByTestId('board-unit')
        .evaluateAll((rows) => rows.map((r) => r.dataset['unitId']));
      return shown.length > 0 && shown.every((id) => ids.has(id ?? ''));
    })
    .toBe(true);
  await expect
    .poll(async () => {
      const drawn = await renderedUnits(page);
      return drawn.length > 0 && drawn.every((u) => ids.has(u.id));
    })
    .toBe(true);
  await expect(page.getByTestId('incident-row')).toHaveCount(1);
  // The key figures follow the filter (one open incident in the test district) and say so.
  await expect(page.getByTestId('kpi-filter-note')).toBeVisible();
  await expect(page.getByTestId('kpi-open').locator('.big')).toHaveText('1');
  await tabTo('[data-testid="filter-clear"]');
  await key('Enter');
  await expect(page.locator(box)).not.toBeChecked();
  await expect(page.getByTestId('kpi-filter-note')).toHaveCount(0);
});

test('keyboard only: thresholds and the no-unit warning in the settings, a new incident with its street address, note, close', async () => {
  // S: settings. Status 3 turns red at once; the no-unit warning after 0 minutes.
  await key('Escape');
  await key('s');
  const settings = page.getByTestId('settings-dialog');
  await expect(settings).toBeVisible();
  await tabTo('.form input[type="number"]', 80);
  await key('Control+A');
  await page.keyboard.type('0');
  for (const column of [2, 3]) {
    await tabTo(`[data-testid="threshold-3"] td:nth-of-type(${column}) input[type="number"]`, 80);
    await key('Control+A');
    await page.keyboard.type('0');
  }
  await key('Escape');
  await expect(settings).toBeHidden();
  const timer = page.locator(
    `[data-testid="board-unit"][data-unit-id="${UNIT.id}"] [data-testid="status-timer"]`,
  );
  await expect(timer).toHaveAttribute('data-level', 'red');

  // N: a new incident at the map centre (the test incident, revealed before), address from the streets.
  await openBySearch(INCIDENT.number);
  await expect.poll(() => mapCenter(), { timeout: 20_000 }).toEqual([6.9603, 50.9375]);
  await key('n');
  const form = page.getByTestId('new-incident-dialog');
  await expect(page.getByTestId('new-incident-type')).toBeFocused();
  await page.keyboard.type('Brand');
  await expect(page.getByTestId('new-incident-type')).toHaveValue('brand');
  await key('Tab');
  await key('Tab');
  const address = page.getByTestId('new-incident-address');
  await expect(address).toBeFocused();
  await expect(address).not.toHaveValue('');
  const street = await address.inputValue();
  console.log(`address from the street data: ${street}`);
  expect(street).toMatch(/^\D+ \d+/);
  await key('Enter');
  await expect(form).toBeHidden();
  const details = page.getByTestId('incident-details');
  await expect(details).toContainText(street);
  await expect(details).toContainText('Brand');
  const number = ((await details.locator('h2').textContent()) ?? '').replace(/^Einsatz /, '');
  // No unit and a warning after 0 minutes: the row warns at once.
  await expect(
    page.locator('[data-testid="incident-row"][data-warn="true"]', { hasText: number }),
  ).toBeVisible();

  // A note, then close it; the timeline (from the server's log) has both with who did them.
  await tabTo('[data-testid="note-input"]');
  await page.keyboard.type('Rauch aus dem Dach');
  await key('Enter');
  const timeline = details.locator('[data-testid="incident-timeline"][data-source="log"]');
  await expect(timeline.locator('li[data-kind="note"]')).toContainText('Rauch aus dem Dach');
  await tabTo('[data-testid="state-select"]');
  await page.keyboard.type('Abg');
  await expect(page.getByTestId('state-select')).toHaveValue('abgeschlossen');
  await tabTo('[data-testid="state-set"]');
  await key('Enter');
  await expect(details.getByTestId('incident-state')).toHaveText('abgeschlossen');
  await expect(timeline.locator('li[data-kind="closed"] .by')).toHaveText(/^durch \S+/);
  await expect(timeline.locator('li[data-kind="opened"] .by')).toHaveText(/^durch \S+/);
});

test('keyboard only: a typed address is found in the street register with suggestions and places the incident', async () => {
  await key('Escape');
  await key('n');
  const form = page.getByTestId('new-incident-dialog');
  await expect(page.getByTestId('new-incident-type')).toBeFocused();
  await key('Tab');
  await key('Tab');
  const address = page.getByTestId('new-incident-address');
  await expect(address).toBeFocused();
  await key('Control+A');
  await page.keyboard.type('Hohe Straße 100');
  // Stadt Köln's register writes "Hohe Str."; number 100 is on the right-hand range 96-122 of the
  // segment from (6.956203, 50.937775) to (6.956289, 50.938453) (koeln_strassenabschnitte.geojson).
  const first = page.getByTestId('address-suggestion').first();
  await expect(first).toContainText('Hohe Str. 100');
  await expect(first).toContainText('Innenstadt');
  await key('ArrowDown');
  await key('Enter');
  await expect(page.getByTestId('address-suggestions')).toHaveCount(0);
  await expect(address).toHaveValue('Hohe Str. 100');
  await expect(page.getByTestId('new-incident-place')).toHaveAttribute('data-from-address', 'true');
  // Escape closes a reopened suggestion list, not the dialog.
  await page.keyboard.type(' ');
  await key('Backspace');
  await expect(page.getByTestId('address-suggestion').first()).toBeVisible();
  await key('Escape');
  await expect(page.getByTestId('address-suggestions')).toHaveCount(0);
  await expect(form).toBeVisible();
  await key('Enter');
  await expect(form).toBeHidden();
  const details = page.getByTestId('incident-details');
  await expect(details).toContainText('Hohe Str. 100');
  const number = ((await details.locator('h2').textContent()) ?? '').replace(/^Einsatz /, '');
  const placed = Object.values((await pagePicture(page)).incidents).find((i) => i.number === number);
  expect(placed?.district).toBe('Innenstadt');
  expect(placed?.location.lon).toBeGreaterThanOrEqual(6.956203);
  expect(placed?.location.lon).toBeLessThanOrEqual(6.956289);
  expect(placed?.location.lat).toBeGreaterThanOrEqual(50.937775);
  expect(placed?.location.lat).toBeLessThanOrEqual(50.938453);
});

test('keyboard only: follow, theme, language, help', async () => {
  await openBySearch(UNIT2.callsign);
  await key('f');
  await expect.poll(() => followedUnit(page)).toBe(UNIT2.id);
  await key('f');
  await expect.poll(() => followedUnit(page)).toBeNull();
  await key('t');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await key('l');
  await expect(page.getByTestId('unit-board').locator('h2')).toHaveText('Unit board');
  await key('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await key('Escape');
  await expect(page.getByTestId('help-overlay')).toBeHidden();
  await key('l');
  await key('t');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByTestId('unit-board').locator('h2')).toHaveText('Statusübersicht');
});

test('drag and drop: a unit row onto an incident row, and onto the incident on the map', async () => {
  await lage.ingest('incidents', [
    {
      op: 'open',
      id: INCIDENT2.id,
      number: INCIDENT2.number,
      type: 'raub',
      priority: 1,
      lat: 50.9399,
      lon: 6.9606,
      district: TEST_DISTRICT,
    },
  ]);
  // Only the test district, so every test unit has its row in view (the board is virtualised).
  // (The keyboard journey left the district menu open.)
  await page.getByTestId('filter-districts').evaluate((el) => ((el as HTMLDetailsElement).open = false));
  await filterBy(page, 'districts', TEST_DISTRICT);
  // Unit 2 onto the first test incident's row.
  const row2 = page.locator(`[data-testid="board-unit"][data-unit-id="${UNIT2.id}"]`);
  await lage.ingest('status', [{ unitId: UNIT2.id, status: 2 }]);
  await expect(row2).toHaveAttribute('data-status', '2');
  await row2.dragTo(page.locator(`[data-testid="incident-row"][data-incident-id="${INCIDENT.id}"]`));
  await expect(row2).toHaveAttribute('data-status', '3');
  await expect(row2.locator('.incident-ref')).toHaveText(INCIDENT.number);

  // Unit 3 onto the second incident's symbol on the map.
  await openBySearch(INCIDENT2.number);
  await expect(page.getByTestId('incident-details')).toContainText(INCIDENT2.number);
  await lage.ingest('status', [{ unitId: UNIT3.id, status: 2 }]);
  const row3 = page.locator(`[data-testid="board-unit"][data-unit-id="${UNIT3.id}"]`);
  await expect(row3).toHaveAttribute('data-status', '2');
  await expect.poll(() => mapCenter(), { timeout: 20_000 }).toEqual([6.9606, 50.9399]);
  const at = await screenPoint(page, 6.9606, 50.9399);
  const box = await page.getByTestId('map').boundingBox();
  await row3.dragTo(page.getByTestId('map'), {
    targetPosition: { x: at.x - (box?.x ?? 0), y: at.y - (box?.y ?? 0) },
  });
  await expect(row3).toHaveAttribute('data-status', '3');
  await expect(row3.locator('.incident-ref')).toHaveText(INCIDENT2.number);

  // Linked selection: a click on a symbol on the map selects its row in the list and opens its details.
  await key('Escape');
  await expect.poll(() => mapCenter(), { timeout: 20_000 }).toEqual([6.9606, 50.9399]);
  const activeRow = (testId: string) =>
    page.locator(`[role="option"][aria-selected="true"] [data-testid="${testId}"]`);
  const inc2 = await screenPoint(page, 6.9606, 50.9399);
  await page.mouse.click(inc2.x, inc2.y);
  await expect(page.getByTestId('incident-details')).toContainText(INCIDENT2.number);
  await expect(activeRow('incident-row')).toHaveAttribute('data-incident-id', INCIDENT2.id);
  const unit2 = await screenPoint(page, 6.9613, 50.9385);
  await page.mouse.click(unit2.x, unit2.y);
  await expect(page.getByTestId('unit-details')).toContainText(UNIT2.callsign);
  await expect(activeRow('board-unit')).toHaveAttribute('data-unit-id', UNIT2.id);
});
