/**
 * Issue 19, point 2: a dashboard whose main thread is busy for longer than the server's heartbeat
 * allows (pingInterval 10 s + pingTimeout 8 s; 10,000 units on a software-rendered map kept it busy
 * for seconds at a time) must not be cut off while the server is fine. The page's main thread is
 * blocked for 25 s; the live socket runs in a worker (connection/socketWorker.ts), so the server
 * keeps it: afterwards the page catches up on the same connection, never having left "live" and
 * never having shown the link-lost banner. Before the worker this failed every time: the server
 * closed the socket as "ping timeout" and the page went to "reconnecting".
 */
import { expect, test, type Page } from '@playwright/test';
import { LageServer } from './fixtures/lageServer.ts';
import { pagePicture, waitForMap } from './fixtures/dashboard.ts';

const servers: LageServer[] = [];
test.afterAll(async () => {
  for (const s of servers) await s.stop();
  for (const s of servers) s.removeData();
});

/** Longer than the server's ping interval plus its ping timeout: a socket on the main thread is dropped. */
const BLOCK_MS = 25_000;

interface Watch {
  __watch: { presences: string[]; banner: number };
}

const watched = (page: Page) => page.evaluate(() => (window as unknown as Watch).__watch);

test('a main thread busy for 25 s keeps its live connection', async ({ page }) => {
  test.setTimeout(240_000);
  const server = await LageServer.start({ simulate: true });
  servers.push(server);
  await server.open(page);
  await waitForMap(page);
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live', {
    timeout: 60_000,
  });
  await expect.poll(async () => (await pagePicture(page)).seq, { timeout: 60_000 }).toBeGreaterThan(0);
  // The socket is in its worker, not in the fallback on the page's thread (workerSocket.ts).
  expect(page.workers().filter((w) => /socketWorker-[^/]*\.js$/.test(w.url()))).toHaveLength(1);
  await page.evaluate(() => {
    type Store = { getState(): { presence: string }; subscribe(f: (s: { presence: string }) => void): void };
    const hook = (window as unknown as { __lagebild: { stores: { connection: Store } } }).__lagebild;
    const w = { presences: [] as string[], banner: 0 };
    (window as unknown as Watch).__watch = w;
    hook.stores.connection.subscribe((s) => {
      if (w.presences.at(-1) !== s.presence) w.presences.push(s.presence);
    });
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="link-lost-banner"]')) w.banner++;
    }).observe(document.body, { subtree: true, childList: true });
  });

  const before = (await pagePicture(page)).seq;
  // The stimulus, not an assertion: the page does nothing else for BLOCK_MS.
  await page.evaluate((ms) => {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      // busy, as a page drawing 10,000 units on a slow machine
    }
  }, BLOCK_MS);

  // What the simulator sent meanwhile arrives on the same connection.
  await expect.poll(async () => (await pagePicture(page)).seq, { timeout: 60_000 }).toBeGreaterThan(before);
  // Later batches keep coming: the socket was not closed behind the page's back.
  const after = (await pagePicture(page)).seq;
  await expect.poll(async () => (await pagePicture(page)).seq, { timeout: 60_000 }).toBeGreaterThan(after);
  const w = await watched(page);
  console.log(
    `after a ${BLOCK_MS / 1000} s block: presences ${JSON.stringify(w.presences)}, banner ${w.banner}`,
  );
  expect(w.presences.filter((p) => p !== 'live')).toEqual([]);
  expect(w.banner).toBe(0);
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');
});
