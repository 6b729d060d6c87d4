/**
 * Issue 13.7 in the browser. A unit's emergency (0, then 2) keeps its banner until acknowledged;
 * and when the server goes away the workstation, within 10 s, dims the picture like the wall,
 * shows the data age in a banner, stops its live timers and disables operator actions with the
 * reason — until the server is back (restarted on the same port and data dir, same page).
 * No simulator: the picture changes only by what this spec sends, so the timers are its own.
 */
import { expect, test, type Page } from '@playwright/test';
import { LageServer } from './fixtures/lageServer.ts';
import { openDashboard, type Dashboard } from './fixtures/panels.ts';

const servers: LageServer[] = [];
let dashboard: Dashboard | undefined;
test.afterAll(async () => {
  await dashboard?.close();
  for (const s of servers) await s.stop();
  servers[0]?.removeData();
});

const DISTRICT = 'E2E-Testbereich';
const LATCHED = { id: 'e2e-latch-1', callsign: 'E2E 77/1' };
const ASKING = { id: 'e2e-latch-2', callsign: 'E2E 77/2' };
const app = (page: Page) => page.getByTestId('app');
const emergencyItem = (page: Page) =>
  page.locator(`[data-testid="emergency-item"][data-unit-id="${LATCHED.id}"]`);
const requestAck = (page: Page) =>
  page.locator(`[data-testid="request-row"][data-unit-id="${ASKING.id}"] [data-testid="acknowledge"]`);
const boardTimer = (page: Page) =>
  page.locator(`[data-testid="board-unit"][data-unit-id="${ASKING.id}"] [data-testid="status-timer"]`);
/** Waits for what travels server → page; generous because the shared test machine can be starved. */
const SLOW = { timeout: 60_000 };
const bannerAge = async (page: Page) =>
  /Datenalter (\d+) s/.exec((await page.getByTestId('link-lost-banner').textContent()) ?? '')?.[1];

test('emergency latch, then losing and regaining the server', async ({ browser }, info) => {
  // Three server starts and a sign-in on a shared two-core machine.
  test.setTimeout(300_000);
  const t0 = Date.now();
  const step = (what: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s: ${what}`);
  const first = await LageServer.start({ simulate: false });
  servers.push(first);
  const { port, dataDir } = first;
  await first.ingest('units', [
    { id: LATCHED.id, callsign: LATCHED.callsign, kind: 'funkstreifenwagen', district: DISTRICT, status: 2 },
    { id: ASKING.id, callsign: ASKING.callsign, kind: 'funkstreifenwagen', district: DISTRICT, status: 2 },
  ]);
  dashboard = await openDashboard(browser, first);
  const { page } = dashboard;
  step('dashboard open');

  // 1. Status 0 then 2: the banner stays (with the new status), the queue keeps it as an emergency.
  await first.ingest('status', [{ unitId: LATCHED.id, status: 0 }]);
  await expect(emergencyItem(page)).toBeVisible(SLOW);
  await first.ingest('status', [{ unitId: LATCHED.id, status: 2 }]);
  await expect(page.locator(`[data-testid="board-unit"][data-unit-id="${LATCHED.id}"]`)).toHaveAttribute(
    'data-status',
    '2',
    SLOW,
  );
  await expect(emergencyItem(page)).toBeVisible();
  await expect(emergencyItem(page).getByTestId('emergency-now')).toContainText('2');
  await expect(
    page.locator(`[data-testid="request-row"][data-unit-id="${LATCHED.id}"][data-emergency="true"]`),
  ).toBeVisible();
  const snapshot = await first.json<{ units: { id: string; emergencySince?: number }[] }>('/api/v1/snapshot');
  expect(snapshot.units.find((u) => u.id === LATCHED.id)?.emergencySince).toBeGreaterThan(0);
  await page.screenshot({ path: info.outputPath('latched.png') });
  await emergencyItem(page).getByTestId('emergency-ack').click();
  await expect(emergencyItem(page)).toHaveCount(0, SLOW);

  step('latch shown and acknowledged');
  // A speech request whose button and board timer the lost link must stop.
  await first.ingest('status', [{ unitId: ASKING.id, status: 5 }]);
  await expect(requestAck(page)).toBeEnabled(SLOW);
  await expect(app(page)).toHaveAttribute('data-link', 'live', SLOW);
  await expect(page.getByTestId('link-lost-banner')).toHaveCount(0);
  const liveTimer = await boardTimer(page).textContent();
  await expect(boardTimer(page)).not.toHaveText(liveTimer ?? '');

  step('request queued, timers running');
  // 2. The server goes away: within 10 s the workstation shows it.
  await first.stop();
  const stoppedAt = Date.now();
  await expect(app(page)).toHaveAttribute('data-link', 'lost', { timeout: 10_000 });
  console.log(`lost link marked ${Date.now() - stoppedAt} ms after the server stopped`);
  await expect(page.getByTestId('link-lost-banner')).toContainText('Verbindung zum Lage-Server verloren');
  await expect(page.getByTestId('link-lost-banner')).toContainText(/Lagebild von \d\d:\d\d:\d\d, Datenalter/);
  const filter = await page.locator('.workspace').evaluate((el) => getComputedStyle(el).filter);
  expect(filter).toContain('grayscale');
  await expect(requestAck(page)).toBeDisabled();
  await expect(requestAck(page)).toHaveAttribute('title', /^Gesperrt: keine Verbindung zum Lage-Server/);

  // The data age counts on in the banner; the board's time-in-status timer stands still.
  const frozen = await boardTimer(page).textContent();
  const ageAtStart = Number(await bannerAge(page));
  await expect
    .poll(async () => Number(await bannerAge(page)), { timeout: 10_000 })
    .toBeGreaterThan(ageAtStart + 2);
  await expect(boardTimer(page)).toHaveText(frozen ?? '');
  // Shortcuts are refused with the reason too ("J" would acknowledge the queue's head).
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('j');
  await expect(page.getByTestId('toasts')).toContainText('Gesperrt: keine Verbindung zum Lage-Server');
  await page.screenshot({ path: info.outputPath('lost.png') });

  step('lost state shown');
  // 3. Back: same page, live again, actions enabled, timers running.
  const second = await LageServer.start({ port, dataDir, simulate: false });
  servers.push(second);
  await expect(app(page)).toHaveAttribute('data-link', 'live', SLOW);
  await expect(page.getByTestId('link-lost-banner')).toHaveCount(0);
  await expect(requestAck(page)).toBeEnabled();
  await expect(boardTimer(page)).not.toHaveText(frozen ?? '');
  // The refusals from above ("Gesperrt …") are dismissed, so any refusal shown below is the acknowledgement's.
  const refusalsShown = page.getByTestId('toast-error');
  while ((await refusalsShown.count()) > 0) await refusalsShown.first().getByRole('button').click();
  await requestAck(page).click();
  // Gone from the queue, or the refusal the operator saw (so a failure says why, not just "still there").
  await expect
    .poll(async () => {
      if ((await page.locator(`[data-testid="request-row"][data-unit-id="${ASKING.id}"]`).count()) === 0)
        return 'acknowledged';
      const refusals = await page.getByTestId('toast-error').allTextContents();
      return refusals.length > 0 ? `refused: ${refusals.join(' | ')}` : 'waiting';
    }, SLOW)
    .toBe('acknowledged');
  await page.screenshot({ path: info.outputPath('back.png') });
});
