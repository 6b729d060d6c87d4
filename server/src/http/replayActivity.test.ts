// The replay timeline's activity counts on a real server: events per time bucket of a period, by
// the log's replay clock (live: receive time), counted independently from the log here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import type { LageServer } from '../app.ts';
import { authFetch, getJson, post, startTestServer, tempDir, units } from '../testing/harness.ts';

let server: LageServer;
let events: LageEvent[] = [];

beforeAll(async () => {
  server = await startTestServer({}, tempDir());
  await post(server.url, 'units', units(2));
  for (let i = 0; i < 12; i++) {
    await post(server.url, 'positions', [{ unitId: `u${i % 2}`, lat: 51 + i / 100, lon: 6.7 }]);
    await new Promise((r) => setTimeout(r, 15));
  }
  events = (await getJson<{ events: LageEvent[] }>(`${server.url}/api/v1/events?limit=100`)).events;
});
afterAll(() => server.close());

describe('replay activity counts', () => {
  it('counts the events of each bucket of the period by receive time', async () => {
    const from = events[0]!.received;
    const to = events[events.length - 1]!.received + 1;
    const buckets = 5;
    const r = await getJson<{ clock: string; buckets: { from: number; events: number }[] }>(
      `${server.url}/api/v1/replay/counts?from=${from}&to=${to}&buckets=${buckets}`,
    );
    expect(r.clock).toBe('received');
    const width = (to - from) / buckets;
    const expected = Array.from({ length: buckets }, (_, i) => {
      const a = from + i * width;
      const b = i === buckets - 1 ? to : from + (i + 1) * width;
      return events.filter((e) => e.received >= a && e.received < b).length;
    });
    expect(r.buckets.map((b) => b.events)).toEqual(expected);
    expect(r.buckets.reduce((n, b) => n + b.events, 0)).toBe(events.length);
    expect(r.buckets[0]!.from).toBe(from);
  });

  it('refuses a period that ends before it starts and too many buckets', async () => {
    const bad = await authFetch(`${server.url}/api/v1/replay/counts?from=2000&to=1000&buckets=5`);
    expect(bad.status).toBe(400);
    const many = await authFetch(`${server.url}/api/v1/replay/counts?from=1000&to=2000&buckets=5000`);
    expect(many.status).toBe(400);
  });
});
