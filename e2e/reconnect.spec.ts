/**
 * Resume without reload: stopping the server shows "reconnecting"; restarting it on the same port
 * and data dir brings the same page back to live, and the page then holds exactly the server's
 * picture (same seq, same units and incidents) — no event was lost across the restarts.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Incident, Unit } from '../shared/src/domain.ts';
import { LageServer } from './fixtures/lageServer.ts';
import { connectionStats, pagePicture, renderedUnits, waitForMap } from './fixtures/dashboard.ts';

interface SnapshotBody {
  seq: number;
  units: (Unit & { stale?: boolean })[];
  incidents: Incident[];
}

const servers: LageServer[] = [];
test.afterAll(async () => {
  for (const s of servers) await s.stop();
  servers[0]?.removeData();
});

const indicator = (page: Page) => page.getByTestId('connection-indicator');
const pageSeq = async (page: Page) => (await pagePicture(page)).seq;

test('stop and restart of the server: reconnecting, then resumed with no missing events', async ({
  page,
}, info) => {
  // Three server starts, two reconnects and a map check: under load 25-30 on the shared two-core
  // machine the steps themselves took 134 s (each page evaluation up to 14 s), so the default 120 s
  // ended a run that was on its way to green; link-lost.spec.ts allows the same.
  test.setTimeout(300_000);
  const first = await LageServer.start({ simulate: true });
  servers.push(first);
  const { port, dataDir } = first;
  await first.open(page);
  await waitForMap(page);
  await expect(indicator(page)).toHaveAttribute('data-state', 'live');
  await expect
    .poll(async () => (await renderedUnits(page)).length, { timeout: 60_000 })
    .toBeGreaterThanOrEqual(50);
  // A marker that a reload would wipe out.
  await page.evaluate(() => ((window as unknown as { __marker: string }).__marker = 'same-page'));
  await expect.poll(() => pageSeq(page)).toBeGreaterThan(0);

  await first.stop();
  await expect(indicator(page)).toHaveAttribute('data-state', 'reconnecting');
  await expect(indicator(page)).toContainText('Verbindung wird wiederhergestellt…');
  await expect(indicator(page)).toContainText(/Stand \d\d:\d\d:\d\d/);
  await page.screenshot({ path: info.outputPath('reconnecting.png') });
  const seqWhileDown = await pageSeq(page);

  // Restart with the simulator: events flow while the page is still waiting to reconnect.
  const second = await LageServer.start({ port, dataDir, simulate: true });
  servers.push(second);
  await expect(indicator(page)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await expect.poll(() => pageSeq(page), { timeout: 30_000 }).toBeGreaterThan(seqWhileDown);
  await page.screenshot({ path: info.outputPath('resumed.png') });

  // Stop once more and restart quiet (no simulator), so page and server can be compared at rest.
  await second.stop();
  await expect(indicator(page)).toHaveAttribute('data-state', 'reconnecting');
  const third = await LageServer.start({ port, dataDir, simulate: false });
  servers.push(third);
  await expect(indicator(page)).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  const health = await third.json<{ seq: number }>('/api/v1/health');
  await expect.poll(() => pageSeq(page), { timeout: 30_000 }).toBe(health.seq);

  const snapshot = await third.json<SnapshotBody>('/api/v1/snapshot');
  const picture = await pagePicture(page);
  expect(picture.seq).toBe(snapshot.seq);
  const serverUnits = Object.fromEntries(snapshot.units.map(({ stale: _stale, ...u }) => [u.id, u]));
  expect(picture.units).toEqual(serverUnits);
  expect(picture.incidents).toEqual(Object.fromEntries(snapshot.incidents.map((i) => [i.id, i])));

  expect(await page.evaluate(() => (window as unknown as { __marker?: string }).__marker)).toBe('same-page');
  const stats = await connectionStats(page);
  expect(stats.invalidPayloads).toBe(0);
  console.log(
    `resumed twice without reload; page and server at seq ${picture.seq}; resyncs: ${stats.resyncs}`,
  );

  // The map shows the resumed picture too: every positioned unit is drawn at the server's position.
  await page.getByTestId('fit-all').click();
  await expect
    .poll(async () => (await renderedUnits(page)).length, { timeout: 30_000 })
    .toBe(snapshot.units.filter((u) => u.position).length);
  await page.screenshot({ path: info.outputPath('resumed-quiet.png') });
});
