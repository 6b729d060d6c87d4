import type { ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import { TEST_TOKEN, getJson, post, sleep, spawnServerProcess, tempDir, units } from './testing/harness.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

async function serve(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const started = spawnServerProcess(['--data-dir', dataDir, '--ingest-token', TEST_TOKEN]);
  const server = await started;
  children.push(server.child);
  return server;
}

async function allEvents(url: string): Promise<LageEvent[]> {
  const events: LageEvent[] = [];
  for (let from = 1; ;) {
    const page = await getJson<{ events: LageEvent[]; nextSeq: number }>(
      `${url}/api/v1/events?fromSeq=${from}&limit=10000`,
    );
    if (page.events.length === 0) return events;
    events.push(...page.events);
    from = page.nextSeq;
  }
}

describe('durability', () => {
  it('keeps every acknowledged event when the server is killed with SIGKILL during ingest', async () => {
    const dataDir = tempDir();
    const first = await serve(dataDir);
    await post(first.url, 'units', units(50));
    const acked: { seq: number; items: { unitId: string; lat: number; lon: number; time: number }[] }[] = [];
    let n = 0;
    const writers = [0, 1, 2].map(async (w) => {
      for (;;) {
        const items = Array.from({ length: 20 }, (_, k) => ({
          unitId: `u${(n + k) % 50}`,
          lat: 51 + ((n * 20 + k) % 1000) / 10_000,
          lon: 6.7 + w / 100,
          time: Date.now() - 60_000 + n,
        }));
        n++;
        try {
          const res = await post(first.url, 'positions', items);
          if (res.status === 202) acked.push({ seq: res.json.seq as number, items });
        } catch {
          return; // the server is gone
        }
      }
    });
    // Killed mid-stream once enough requests are acknowledged (a busy machine takes longer to get there).
    while (acked.length <= 20) await sleep(50);
    first.child.kill('SIGKILL');
    await Promise.all(writers);
    expect(acked.length).toBeGreaterThan(20);

    const second = await serve(dataDir);
    const events = await allEvents(second.url);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1)); // contiguous, nothing torn
    const bySeq = new Map(events.map((e) => [e.seq, e]));
    for (const { seq, items } of acked) {
      items.forEach((item, k) => {
        const e = bySeq.get(seq - items.length + 1 + k);
        expect(e).toMatchObject({
          type: 'unit.position',
          unitId: item.unitId,
          lat: item.lat,
          lon: item.lon,
          time: item.time,
        });
      });
    }
    const health = await getJson<{ seq: number }>(`${second.url}/api/v1/health`);
    expect(health.seq).toBe(events.length);
    console.log(`SIGKILL after ${acked.length} acknowledged requests; ${events.length} events recovered`);
  });
});
