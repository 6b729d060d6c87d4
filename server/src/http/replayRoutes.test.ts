import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchSchema } from '#shared/wire';
import type { LageEvent } from '#shared/schemas';
import type { LageServer } from '../app.ts';
import { importCsv } from '../../../tools/import/fixtures.ts';
import { LIVERPOOL_CSV, LIVERPOOL_MAPPING } from '../../../tools/import/fixtures.ts';
import { authFetch, getJson, post, startTestServer, tempDir, units } from '../testing/harness.ts';

const T = Date.now() - 3600_000;
let server: LageServer;

beforeAll(async () => {
  const dataDir = tempDir();
  await importCsv({ dataDir, mappingFile: LIVERPOOL_MAPPING, csvFile: LIVERPOOL_CSV });
  server = await startTestServer({}, dataDir);
  await post(server.url, 'units', units(1));
  for (let i = 0; i < 10; i++)
    await post(server.url, 'positions', [
      { unitId: 'u0', lat: 51 + i / 100, lon: 6.7, time: T + i * 60_000 },
    ]);
});
afterAll(() => server.close());

const api = (path: string) => `${server.url}/api/v1/replay${path}`;

describe('replay API', () => {
  it('lists the imported datasets and the live log range', async () => {
    const r = await getJson<{ datasets: { name: string }[]; live: { events: number } }>(api('/datasets'));
    expect(r.datasets.map((d) => d.name)).toEqual(['liverpool_bus_route14_outbound']);
    expect(r.live.events).toBe(11);
  });

  it('gives the live picture at a time T: what the dashboards showed then (server receive time)', async () => {
    const { events } = await getJson<{ events: LageEvent[] }>(`${server.url}/api/v1/events?limit=100`);
    const t = events[6]!.received;
    const shown = events.filter((e) => e.received <= t);
    const r = await getJson<{
      seq: number;
      clock: string;
      picture: { units: Record<string, { position?: { lat: number } }> };
    }>(api(`/picture?t=${t}`));
    expect(r.clock).toBe('received');
    expect(r.seq).toBe(shown[shown.length - 1]!.seq);
    expect(r.picture.units['u0']?.position?.lat).toBeCloseTo(51 + (r.seq - 2) / 100);
  });

  it('gives an imported dataset at a time T, never mixed with the live log', async () => {
    const t = Date.parse('2026-01-26T15:57:24Z');
    const r = await getJson<{
      picture: { units: Record<string, { position?: { lat: number; lon: number } }> };
    }>(api(`/picture?dataset=liverpool_bus_route14_outbound&t=${t}`));
    expect(r.picture.units['bus-4716']?.position).toMatchObject({ lat: 53.445026, lon: -2.923543 });
    expect(r.picture.units['u0']).toBeUndefined();
  });

  it('pages through the events of a period in compact form', async () => {
    const { events: all } = await getJson<{ events: LageEvent[] }>(`${server.url}/api/v1/events?limit=100`);
    const from = all[0]!.received;
    const to = all[all.length - 1]!.received + 1;
    const first = await getJson<Record<string, unknown>>(api(`/events?from=${from}&to=${to}&limit=4`));
    const decoded = batchSchema.parse({
      from: 1,
      to: 0,
      now: 0,
      events: first.events,
      positions: first.positions,
    });
    expect(decoded.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(decoded.events.slice(1).map((e) => e.time)).toEqual([0, 1, 2].map((i) => T + i * 60_000));
    const next = await getJson<Record<string, unknown>>(
      api(`/events?from=${from}&to=${to}&limit=100&afterSeq=${first.nextAfterSeq}`),
    );
    expect((next.positions as unknown[]).length).toBe(7);
    expect(next.nextAfterSeq).toBeNull();
  });

  it.each([
    ['/picture', 400, /t is required/],
    ['/picture?t=tomorrow', 400, /epoch ms or an ISO 8601/],
    ['/picture?dataset=nope&t=1', 404, /no dataset "nope"/],
    [`/events?from=${T}&to=${T - 1}`, 400, /to must be after from/],
    [`/events?from=${T}&to=${T + 1}&limit=0`, 400, /limit must be/],
    ['/counts', 400, /imported datasets/],
  ])('%s → %i with a clear error', async (path, status, message) => {
    const res = await authFetch(api(path));
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it('counts per day for an imported dataset', async () => {
    const r = await getJson<{ days: { day: string; positions: number }[] }>(
      api('/counts?dataset=liverpool_bus_route14_outbound'),
    );
    expect(r.days.reduce((n, d) => n + d.positions, 0)).toBe(1533);
  });
});
