/**
 * Issue 13 point 3: a wall socket sending `resync` with a seq far back (30 bytes) made the server
 * read and send ~50,000 events at once, 100 times over, while everything else waited. Now a resume
 * goes out in pages (RESUME_PAGE) under a time slice, one socket at a time for writing, and each
 * socket has a resync budget (resume.ts). Latency figures live in the bench (bench/resync.ts).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { LageServer } from '../app.ts';
import { ingest } from '../ingest/ingest.ts';
import { TestDashboard, authFetch, sleep, startTestServer, units } from '../testing/harness.ts';
import { RESUME_PAGE, RESYNC_BURST, RESYNC_EVERY_MS, ResyncBudget } from './resume.ts';

let server: LageServer | undefined;
const dashboards: TestDashboard[] = [];
afterAll(async () => {
  for (const d of dashboards) d.close();
  await server?.close();
});

async function until(cond: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

/** `n` position events of 20 units, committed in-process (the same path as POST /ingest). */
function feed(s: LageServer, n: number): void {
  const t0 = Date.now() - n;
  for (let done = 0; done < n; done += 5_000) {
    const fixes = Array.from({ length: Math.min(5_000, n - done) }, (_, i) => ({
      unitId: `u${(done + i) % 20}`,
      lat: 51.2 + ((done + i) % 97) * 1e-4,
      lon: 6.77,
      time: t0 + done + i,
    }));
    const ack = ingest(s.lage, 'positions', fixes, 'test', 10_000);
    if (!ack.ok) throw new Error(ack.error);
  }
}

describe('hostile resync', () => {
  it('pages a far-back resume, answers /health and other dashboards meanwhile, and serves at most the burst', async () => {
    server = await startTestServer();
    const s = server;
    expect(ingest(s.lage, 'units', units(20), 'test', 100).ok).toBe(true);
    feed(s, 45_000);
    const quiet = new TestDashboard(s.url);
    const wall = new TestDashboard(s.url, { view: 'wall' });
    dashboards.push(quiet, wall);
    await Promise.all([quiet.connected(), wall.connected()]);
    await Promise.all([quiet.waitForSeq(s.lage.seq), wall.waitForSeq(s.lage.seq)]);

    // The wall's resume batches as they arrive: first seq, last seq.
    const spans: [number, number][] = [];
    wall.socket.on('batch', (b: { from: number; to: number }) => spans.push([b.from, b.to]));
    const committed = s.lage.seq;
    for (let i = 0; i < 100; i++) wall.socket.emit('resync', 1);
    await until(() => s.hub.resumes > 0, 'the resume to start');
    const health = await authFetch(`${s.url}/api/v1/health`);
    expect(health.status).toBe(200);
    // Answered while the wall's resume is still going out page by page (the old server answered
    // only after all 100 resumes had been read and sent).
    expect(s.hub.resumes).toBe(1);

    // Another dashboard keeps its live feed.
    expect(ingest(s.lage, 'status', [{ unitId: 'u1', status: 6 }], 'test', 10).ok).toBe(true);
    await quiet.waitForSeq(committed + 1);
    expect(quiet.errors).toEqual([]);

    await until(() => s.hub.resumes === 0 && spans.some(([, to]) => to >= committed), 'the resume');
    const resumeBatches = spans.filter(([from]) => from <= committed);
    expect(Math.max(...resumeBatches.map(([from, to]) => to - from + 1))).toBeLessThanOrEqual(RESUME_PAGE);
    // The 100 requests started at most RESYNC_BURST resumes (a later one replaces the one before);
    // the newest of the rest waits for the socket's next token.
    const starts = spans.filter(([from]) => from === 2).length;
    expect(starts).toBeGreaterThanOrEqual(1);
    expect(starts).toBeLessThanOrEqual(RESYNC_BURST);
    // The log was only read.
    expect(s.lage.seq).toBe(committed + 1);
  });
});

describe('ResyncBudget', () => {
  it('serves the burst at once, then only the newest waiting request per token', () => {
    vi.useFakeTimers();
    try {
      let now = 0;
      const budget = new ResyncBudget<string>(() => now);
      const served: number[] = [];
      for (let i = 0; i < 100; i++) budget.request('wall', () => served.push(i));
      expect(served).toEqual([0, 1, 2].slice(0, RESYNC_BURST));
      now += RESYNC_EVERY_MS;
      vi.advanceTimersByTime(RESYNC_EVERY_MS);
      expect(served).toEqual([...[0, 1, 2].slice(0, RESYNC_BURST), 99]);
      // Another socket has its own budget.
      budget.request('operator', () => served.push(-1));
      expect(served.at(-1)).toBe(-1);
      budget.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
