/**
 * The replay API against a real server on loopback with a real SQLite log and an imported dataset:
 * the picture at T is exactly the reducer over the log prefix, pages cover every event once, in
 * compact form, continuing a picture without gap or overlap; bad parameters get a clear 400/404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAll } from '#shared/reducer';
import { emptyPicture, type Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import { batchSchema } from '#shared/wire';
import type { LageServer } from '../app.ts';
import { importCsv } from '../../../tools/import/fixtures.ts';
import { openDataset } from '../replay/query.ts';
import { LIVERPOOL_CSV, LIVERPOOL_MAPPING } from '../../../tools/import/fixtures.ts';
import { post, startTestServer, tempDir, units } from '../testing/harness.ts';
import { replayFetch, replayJson } from './testing/replaySupport.ts';

const json = replayJson;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small deterministic pseudo-random sequence, so a failure can be repeated. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

const T0 = Date.now() - 3_600_000;
let server: LageServer;
let dataDir: string;
let log: LageEvent[];
let busEvents: LageEvent[];
const busLog = () => {
  const ds = openDataset(dataDir, 'bus');
  const events = ds.log.range(0, ds.log.lastSeq);
  ds.close();
  return events;
};

interface PictureAnswer {
  t: number;
  seq: number;
  clock: string;
  picture: Picture;
}
interface PageAnswer {
  events: LageEvent[];
  positions: unknown[];
  received?: [number, number][];
  nextAfterSeq: number | null;
}

/** Live traffic in rounds: fixes, status changes, incidents opened, assigned, worked, closed. */
async function feed(): Promise<void> {
  await post(server.url, 'units', units(4));
  for (let r = 0; r < 9; r++) {
    const t = T0 + r * 60_000;
    await post(
      server.url,
      'positions',
      [0, 1, 2, 3].map((u) => ({ unitId: `u${u}`, lat: 51 + r / 100 + u / 1000, lon: 6.7, time: t + u })),
    );
    await sleep(3);
    await post(server.url, 'incidents', [
      {
        id: `E${r}`,
        type: 'einbruch',
        priority: 2,
        lat: 51.2,
        lon: 6.7,
        time: t + 10,
        caller: { name: 'X' },
      },
    ]);
    await sleep(3);
    await post(server.url, 'status', [{ unitId: `u${r % 4}`, status: 3, incidentId: `E${r}`, time: t + 20 }]);
    await sleep(3);
    if (r > 0) {
      await post(server.url, 'incidents', [
        { op: 'update', id: `E${r - 1}`, state: 'in_bearbeitung', time: t + 30 },
        { op: 'close', id: `E${r - 1}`, time: t + 40 },
      ]);
      await post(server.url, 'status', [{ unitId: `u${(r - 1) % 4}`, status: 2, time: t + 50 }]);
    }
    // Snapshots in between, so seeks start from them and fold the events after them.
    if (r % 3 === 2) server.lage.snapshotNow();
    await sleep(3);
  }
}

beforeAll(async () => {
  dataDir = tempDir();
  await importCsv({
    dataDir,
    mappingFile: LIVERPOOL_MAPPING,
    csvFile: LIVERPOOL_CSV,
    dataset: 'bus',
    snapshotEvery: 100,
  });
  server = await startTestServer({}, dataDir);
  busEvents = busLog();
  await feed();
  log = (await json<{ events: LageEvent[] }>(`${server.url}/api/v1/events?limit=10000`)).events;
});
afterAll(() => server.close());

const api = (path: string) => `${server.url}/api/v1/replay${path}`;
const prefix = (events: LageEvent[], last: number) =>
  applyAll(
    emptyPicture(),
    events.filter((e) => e.seq <= last),
  );

describe('replay: picture at T', () => {
  it('equals the reducer over the live log up to the last event received at or before T, for random T', async () => {
    expect(log.length).toBeGreaterThan(60);
    expect(server.lage.snapshots.atOrBefore(log.length)?.seq).toBeGreaterThan(0);
    const next = rng(6);
    const first = log[0]!.received;
    const last = log[log.length - 1]!.received;
    const times = [first - 1, first, last, last + 1];
    for (let i = 0; i < 30; i++) {
      const e = log[Math.floor(next() * log.length)]!;
      times.push(e.received, e.received - 1, e.received + 1);
    }
    for (const t of times) {
      const seq = log.filter((e) => e.received <= t).pop()?.seq ?? 0;
      const r = await json<PictureAnswer>(api(`/picture?t=${t}`));
      expect({ t, seq: r.seq, clock: r.clock }).toEqual({ t, seq, clock: 'received' });
      expect(r.picture).toEqual(prefix(log, seq));
    }
  });

  it('equals the reducer over an imported dataset up to the last event at or before T (event time)', async () => {
    const events = busEvents;
    const next = rng(9);
    for (let i = 0; i < 25; i++) {
      const e = events[Math.floor(next() * events.length)]!;
      for (const t of [e.time - 1, e.time]) {
        const seq = events.filter((x) => x.time <= t).pop()?.seq ?? 0;
        const r = await json<PictureAnswer>(api(`/picture?dataset=bus&t=${t}`));
        expect({ t, seq: r.seq, clock: r.clock }).toEqual({ t, seq, clock: 'time' });
        expect(r.picture).toEqual(prefix(events, seq));
      }
    }
  });

  it('takes ISO 8601 times as well as epoch ms', async () => {
    const t = log[10]!.received;
    const iso = await json<PictureAnswer>(api(`/picture?t=${encodeURIComponent(new Date(t).toISOString())}`));
    expect(iso.seq).toBe((await json<PictureAnswer>(api(`/picture?t=${t}`))).seq);
  });
});

/** Every page of [from, to) with the given limit, decoded back into events. */
async function allPages(query: string, limit: number): Promise<{ pages: number; events: LageEvent[] }> {
  const out: LageEvent[] = [];
  let pages = 0;
  for (let after = 0; ;) {
    const page = await json<PageAnswer>(api(`/events?${query}&limit=${limit}&afterSeq=${after}`));
    pages++;
    expect(page.events.every((e) => e.type !== 'unit.position')).toBe(true);
    const batch = batchSchema.parse({
      from: 1,
      to: 0,
      now: 0,
      events: page.events,
      positions: page.positions,
    });
    expect(batch.events.length).toBeLessThanOrEqual(limit);
    // The replay clock of the live log travels beside the tuples: restore each event's received time.
    if (page.received) {
      const runs = page.received;
      for (const e of batch.events) e.received = runs.filter(([seq]) => seq <= e.seq).pop()![1];
    }
    out.push(...batch.events);
    if (page.nextAfterSeq === null) return { pages, events: out };
    expect(page.nextAfterSeq).toBe(batch.events[batch.events.length - 1]!.seq);
    after = page.nextAfterSeq;
  }
}

describe('replay: events of a period', () => {
  it('pages through the live log: every event exactly once, in log order, compact and complete', async () => {
    const from = log[0]!.received;
    const to = log[log.length - 1]!.received + 1;
    const { pages, events } = await allPages(`from=${from}&to=${to}`, 7);
    expect(pages).toBe(Math.ceil(log.length / 7));
    expect(events.map((e) => e.seq)).toEqual(log.map((e) => e.seq));
    // Positions lose only who sent them (as in live batches); everything else arrives as logged.
    expect(events).toEqual(log.map((e) => (e.type === 'unit.position' ? { ...e, by: undefined } : e)));
  });

  it('gives the events received in [from, to) only', async () => {
    const a = log[20]!.received;
    const b = log[45]!.received;
    const { events } = await allPages(`from=${a}&to=${b}`, 5);
    expect(events.map((e) => e.seq)).toEqual(
      log.filter((e) => e.received >= a && e.received < b).map((e) => e.seq),
    );
  });

  it('pages through an imported dataset: every event once', async () => {
    const all = busEvents;
    const { events } = await allPages(
      `dataset=bus&from=${all[0]!.time}&to=${all[all.length - 1]!.time + 1}`,
      100,
    );
    expect(events.map((e) => e.seq)).toEqual(all.map((e) => e.seq));
    expect(new Set(events.map((e) => e.seq)).size).toBe(all.length);
  });

  it('continues a picture at T without a gap or an overlap', async () => {
    for (const i of [5, 33, 61]) {
      const t = log[i]!.received;
      const picture = await json<PictureAnswer>(api(`/picture?t=${t}`));
      const from = log[0]!.received;
      const to = log[log.length - 1]!.received + 1;
      const after = await json<PageAnswer>(
        api(`/events?from=${from}&to=${to}&afterSeq=${picture.seq}&limit=3`),
      );
      const byTime = await json<PageAnswer>(api(`/events?from=${t + 1}&to=${to}&limit=3`));
      for (const page of [after, byTime]) {
        const first = batchSchema.parse({
          from: 1,
          to: 0,
          now: 0,
          events: page.events,
          positions: page.positions,
        });
        expect(first.events[0]?.seq).toBe(picture.seq + 1);
      }
    }
  });
});

describe('replay: bad parameters', () => {
  it.each([
    ['/picture', 400, 't is required'],
    ['/picture?t=gestern', 400, 't must be epoch ms or an ISO 8601 date-time'],
    ['/picture?t=1&dataset=nope', 404, 'no dataset "nope" in the data dir'],
    ['/picture?t=1&dataset=../lagebild', 400, 'dataset must be "live" or a dataset name'],
    ['/events?to=5', 400, 'from is required'],
    ['/events?from=10&to=5', 400, 'to must be after from (from 10, to 5)'],
    ['/events?from=5&to=5', 400, 'to must be after from'],
    ['/events?from=1&to=5&limit=0', 400, 'limit must be a whole number from 1 to 100000'],
    ['/events?from=1&to=5&limit=100001', 400, 'limit must be a whole number from 1 to 100000'],
    ['/events?from=1&to=5&limit=ten', 400, 'limit must be a whole number from 1 to 100000'],
    ['/events?from=1&to=5&afterSeq=-1', 400, 'afterSeq must be a whole number ≥ 0'],
    ['/counts', 400, 'counts per day are available for imported datasets'],
    ['/rewind', 404, 'no such API route'],
  ])('%s → %i with a clear error', async (path, status, message) => {
    const res = await replayFetch(api(path));
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });

  it('leaves the log and the dataset as they were', async () => {
    const after = (await json<{ events: LageEvent[] }>(`${server.url}/api/v1/events?limit=10000`)).events;
    expect(after).toEqual(log);
    const r = await json<{ datasets: { name: string; events: number }[] }>(api('/datasets'));
    expect(r.datasets.find((d) => d.name === 'bus')?.events).toBe(busEvents.length);
    expect(busLog()).toEqual(busEvents);
  });
});
