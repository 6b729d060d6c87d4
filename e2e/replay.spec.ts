/**
 * Replay journey against the real server: the simulator records a simulated hour (time-compressed,
 * --speed 40, so 90 s of log: 1.5 s of playback at 60×), then the replay view plays it at 60×, pauses, seeks back, and each
 * time the map's drawn units and the lists must match the picture the server computes for that
 * time with the shared reducer. Also: bad routes explain themselves, "replay incident N" from the
 * live dashboard opens a focused replay, export links name the period.
 */
import { expect, test, type Page } from '@playwright/test';
import { LageServer } from './fixtures/lageServer.ts';
import { waitForMap } from './fixtures/dashboard.ts';
import { searchAndOpen } from './fixtures/panels.ts';
import {
  expectListsMatch,
  expectPictureOnScreen,
  playhead,
  serverPictureAt,
  waitReady,
} from './fixtures/replay.ts';

const SIM_SPEED = 40;
const RECORD_MS = 90_000; // 90 s at 40× = one simulated hour

let lage: LageServer;
let from = 0;
let to = 0;

test.beforeAll(async () => {
  test.setTimeout(330_000);
  lage = await LageServer.start({
    simulate: true,
    units: 40,
    rate: 120,
    args: ['--speed', String(SIM_SPEED)],
  });
  // Record: wait until the log spans the simulated hour.
  await expect
    .poll(
      async () => {
        const d = await lage.json<{ live: { first: number | null; last: number | null } }>(
          '/api/v1/replay/datasets',
        );
        return d.live.first !== null && d.live.last !== null ? d.live.last - d.live.first : 0;
      },
      { timeout: 300_000, intervals: [2_000] },
    )
    .toBeGreaterThanOrEqual(RECORD_MS);
  const d = await lage.json<{ live: { first: number; last: number } }>('/api/v1/replay/datasets');
  from = d.live.first;
  to = from + RECORD_MS;
});
test.afterAll(async () => {
  await lage?.stop();
  lage?.removeData();
});

async function openReplay(page: Page, route: string): Promise<void> {
  await page.setViewportSize({ width: 1600, height: 950 });
  await page.addInitScript(() => {
    localStorage.setItem('lagebild.settings', JSON.stringify({ language: 'de', theme: 'dark' }));
  });
  await lage.open(page, route);
}

test('play a simulated hour at 60×, pause, seek back: map and lists match the picture at T', async ({
  page,
}, info) => {
  test.setTimeout(180_000);
  await openReplay(page, `/?mode=replay&from=${from}&to=${to}&speed=60`);
  await waitForMap(page);
  await waitReady(page);
  await expect(page.getByTestId('replay-speed')).toHaveValue('60');
  expect(await playhead(page)).toBe(from);
  await expectPictureOnScreen(page, await serverPictureAt(lage, from));

  // Play at 60× (Space), let it run a second, pause (Space). Both keys are sent inside the page, so
  // the second second is timed by the page's own clock, not by round trips of a busy test machine.
  const realMs = await page.evaluate(async () => {
    const key = () => window.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }));
    const t0 = performance.now();
    key();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    key();
    return performance.now() - t0;
  });
  await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-pressed', 'false');
  await waitReady(page);
  const paused = await playhead(page);
  console.log(`played ${paused - from} ms of log in ${realMs} ms real time`);
  // 60×: a second of real time is about 60 s of log (less when a page was still loading), never more.
  expect(paused - from).toBeGreaterThan(5_000);
  expect(paused).toBeLessThanOrEqual(to);
  expect(paused - from).toBeLessThanOrEqual(60 * realMs + 1_000);
  const atPause = await serverPictureAt(lage, paused);
  await expectPictureOnScreen(page, atPause);
  await expectListsMatch(page, atPause);
  await info.attach('replay-paused', { body: await page.screenshot(), contentType: 'image/png' });
  await page.screenshot({ path: info.outputPath('replay-paused.png') });

  // Seek back 1 min with Shift+←: the exact picture of that time.
  const later = paused;
  await page.locator('body').press('Shift+ArrowLeft');
  await expect.poll(() => playhead(page)).toBe(Math.max(from, later - 60_000));
  await waitReady(page);
  const back = await playhead(page);
  const atBack = await serverPictureAt(lage, back);
  await expectPictureOnScreen(page, atBack);
  await expectListsMatch(page, atBack);
  await info.attach('replay-seek-back', { body: await page.screenshot(), contentType: 'image/png' });

  // Scrub: drag along the timeline; on release the exact picture at the released time.
  const track = page.getByTestId('replay-timeline');
  const box = (await track.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
  await page.mouse.down();
  for (const f of [0.3, 0.45, 0.6, 0.7]) await page.mouse.move(box.x + box.width * f, box.y + box.height / 2);
  await page.mouse.up();
  await waitReady(page);
  const scrubbed = await playhead(page);
  expect(Math.abs(scrubbed - (from + 0.7 * (to - from)))).toBeLessThan((to - from) / 50);
  await expectPictureOnScreen(page, await serverPictureAt(lage, scrubbed));
  await page.screenshot({ path: info.outputPath('replay-scrubbed.png') });

  // Export links name the period.
  const geojson = await page.getByTestId('replay-export-geojson').getAttribute('href');
  expect(geojson).toContain(`/api/v1/replay/export?format=geojson&dataset=live&from=${from}&to=${to}`);
  await expect(page.getByTestId('replay-export-csv')).toHaveAttribute('href', /format=csv/);
});

test('bad routes explain themselves instead of crashing', async ({ page }) => {
  await openReplay(page, '/?mode=replay&from=2026-11-26T11:00&to=2026-11-26T10:00&speed=7');
  const problems = page.getByTestId('replay-problems');
  await expect(problems).toContainText('„Bis“ muss nach „Von“ liegen');
  await expect(problems).toContainText('Tempo „7“ gibt es nicht');
  await openReplay(page, '/?mode=replay&dataset=gibtsnicht');
  await expect(page.getByTestId('replay-problems')).toContainText('Datensatz „gibtsnicht“ gibt es nicht');
  await openReplay(page, '/?mode=replay&incident=E-unbekannt');
  await expect(page.getByTestId('replay-problems')).toContainText('Einsatz „E-unbekannt“ wurde');
});

test('"Einsatz wiedergeben" opens the replay of that incident, focused on it', async ({
  page,
  context,
}, info) => {
  test.setTimeout(240_000);
  // An incident called while the log was recording (not one the simulator's warm start brought in
  // with its units already on scene), with units sent to it: their trails show in the replay.
  const markers = await lage.json<{ incidents: { id: string; number: string; at: number }[] }>(
    `/api/v1/replay/incidents?from=${from + 20_000}&to=${to}`,
  );
  const end = await serverPictureAt(lage, to);
  const target = markers.incidents.find((m) => (end.incidents[m.id]?.units.length ?? 0) > 0);
  expect(target, 'an incident called during the recording with units sent').toBeDefined();
  const id = target!.id;
  await openReplay(page, '/');
  await waitForMap(page);
  await searchAndOpen(page, target!.number);
  await expect(page.getByTestId('incident-details')).toContainText(target!.number);
  const [popup] = await Promise.all([
    context.waitForEvent('page'),
    page.getByTestId('replay-incident').click(),
  ]);
  await popup.waitForLoadState();
  expect(new URL(popup.url()).searchParams.get('incident')).toBe(id);
  await waitForMap(popup);
  await waitReady(popup);
  await expect(popup.getByTestId('replay-app')).toContainText(/Einsatz /);
  await expect(popup.locator('.replay-marker.focus')).toHaveCount(1);
  // The incident is selected and ringed on the map; the replay starts 5 min before its call (or the log).
  const focus = await popup.evaluate(() => {
    const h = (window as unknown as { __lagebild: { map: { getLayer(id: string): unknown } } }).__lagebild;
    return Boolean(h.map.getLayer('replay-focus-ring'));
  });
  expect(focus).toBe(true);
  // The period starts before the call (or where the log starts); jump to the call on its marker.
  const start = await playhead(popup);
  await popup.locator('.replay-marker.focus').click();
  await waitReady(popup);
  expect(await playhead(popup)).toBeGreaterThanOrEqual(start);
  await expect(popup.getByTestId('incident-state')).toBeVisible();
  // Play on until the incident's units have moved: their trails drawn in the highlight. A unit sent
  // a little after the call is still parked at first, so this waits for the drawing, not a duration.
  const togglePlay = () =>
    popup.evaluate(() => window.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true })));
  await togglePlay();
  await expect
    .poll(
      () =>
        popup.evaluate(() => {
          type Q = { queryRenderedFeatures(o: { layers: string[] }): unknown[] };
          const map = (window as unknown as { __lagebild: { map: Q } }).__lagebild.map;
          return map.queryRenderedFeatures({ layers: ['replay-focus-trails'] }).length;
        }),
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  await togglePlay();
  await waitReady(popup);
  await popup.screenshot({ path: info.outputPath('replay-incident.png') });
});
