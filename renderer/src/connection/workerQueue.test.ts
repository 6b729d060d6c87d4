/**
 * The worker's queue for a page that has not taken its last delivery yet (workerQueue.ts): bounded
 * by the batch events it holds; past the bound the batches go, one overflow says so at the end,
 * and everything that is not a batch stays in order.
 */
import { describe, expect, it } from 'vitest';
import type { SocketHappening } from './workerProtocol.ts';
import { batchSize, DeliveryQueue, MAX_QUEUED_EVENTS, mergeBatches } from './workerQueue.ts';
import type { Batch } from '#shared/wire';
import type { LageEvent } from '#shared/schemas';
import { applyAll } from '#shared/reducer';
import { emptyPicture } from '#shared/picture';

const batch = (events: number, positions: number, at = 1): SocketHappening => ({
  kind: 'event',
  event: 'batch',
  args: [
    {
      from: 1,
      to: 1,
      now: 0,
      events: new Array<unknown>(events).fill({}),
      positions: new Array<unknown>(positions).fill([]),
    },
  ],
  at,
});
const connect: SocketHappening = { kind: 'connect', at: 1 };
const basemap: SocketHappening = { kind: 'event', event: 'basemapChanged', args: [{ changedAt: 1 }], at: 1 };

describe('the worker queue', () => {
  it('counts the events and position tuples of a batch, nothing else', () => {
    expect(batchSize(batch(2, 3))).toBe(6);
    expect(batchSize(connect)).toBe(0);
    expect(batchSize(basemap)).toBe(0);
    expect(batchSize({ kind: 'event', event: 'batch', args: [null], at: 1 })).toBe(1);
    // Checked and decoded in the worker (listen()): positions are events there.
    const event = { seq: 1, time: 0, received: 0, type: 'unit.status', unitId: 'a', status: 2 } as const;
    const checked: SocketHappening = {
      kind: 'batch',
      batch: { from: 1, to: 4, now: 0, events: [event, event, event, event] },
      at: 1,
    };
    expect(batchSize(checked)).toBe(5);
  });

  it('drops checked batches past the bound like the others', () => {
    const event = { seq: 1, time: 0, received: 0, type: 'unit.status', unitId: 'a', status: 2 } as const;
    const q = new DeliveryQueue(3);
    q.push(connect);
    q.push({ kind: 'batch', batch: { from: 1, to: 4, now: 0, events: [event, event, event] }, at: 5 });
    expect(q.trim()).toBe(true);
    expect(q.take()).toEqual([connect, { kind: 'overflow', dropped: 4, at: 5 }]);
  });

  it('holds what arrives in order and hands it over once', () => {
    const q = new DeliveryQueue(100);
    q.push(connect);
    q.push(batch(1, 10));
    q.push(basemap);
    expect(q.queuedEvents).toBe(12);
    expect(q.take()).toEqual([connect, batch(1, 10), basemap]);
    expect(q.length).toBe(0);
    expect(q.queuedEvents).toBe(0);
  });

  it('drops the batches past the bound, keeps the rest in order and ends with one overflow', () => {
    const q = new DeliveryQueue(100);
    q.push(batch(0, 59));
    q.push(connect);
    q.push(batch(0, 39, 7));
    // 60 + 40 = 100: at the bound, nothing dropped yet.
    expect(q.trim()).toBe(false);
    expect(q.length).toBe(3);
    q.push(basemap);
    q.push(batch(0, 0, 9));
    expect(q.trim()).toBe(true);
    expect(q.take()).toEqual([connect, basemap, { kind: 'overflow', dropped: 101, at: 9 }]);
  });

  it('keeps one overflow however often the page falls behind, and counts all that went', () => {
    const q = new DeliveryQueue(10);
    for (let i = 0; i < 5; i++) {
      q.push(batch(0, 10, i));
      q.trim();
    }
    expect(q.take()).toEqual([{ kind: 'overflow', dropped: 55, at: 4 }]);
  });

  it('is bounded by default at the server resume limit', () => {
    const q = new DeliveryQueue();
    for (let i = 0; i < 100; i++) {
      q.push(batch(0, 1_000));
      q.trim();
    }
    expect(q.queuedEvents).toBeLessThanOrEqual(MAX_QUEUED_EVENTS);
    expect(q.length).toBeLessThan(100);
  });
});

const T = Date.UTC(2026, 11, 8, 9);
let seq = 0;
const pos = (unitId: string, t: number, lat = 50.9): LageEvent => ({
  seq: ++seq,
  time: T + t,
  received: T + t,
  type: 'unit.position',
  unitId,
  lat,
  lon: 6.9,
});
const status = (unitId: string, t: number, s: number): LageEvent =>
  ({ seq: ++seq, time: T + t, received: T + t, type: 'unit.status', unitId, status: s }) as LageEvent;
const registered = (id: string, t: number): LageEvent => ({
  seq: ++seq,
  time: T + t,
  received: T + t,
  type: 'unit.registered',
  unit: { id, callsign: id.toUpperCase(), kind: 'funkstreifenwagen', district: 'Köln-Mitte' },
});
/** Cuts events into batches that follow each other without a gap. */
function batches(events: LageEvent[], size: number): Batch[] {
  const out: Batch[] = [];
  for (let i = 0; i < events.length; i += size) {
    const part = events.slice(i, i + size);
    out.push({ from: part[0]!.seq, to: part.at(-1)!.seq, now: part.at(-1)!.time, events: part });
  }
  return out;
}
const checked = (b: Batch, at = 1): SocketHappening => ({ kind: 'batch', batch: b, at });
const units = (events: readonly LageEvent[]) => applyAll(emptyPicture(), events).units;

describe('merging the batches a busy page has not taken', () => {
  it("keeps each unit's newest fix, a late older fix never replaces it, and everything else", () => {
    seq = 0;
    const evs = [
      registered('a', 0),
      registered('b', 0),
      pos('a', 1_000, 50.1),
      pos('b', 1_000, 50.2),
      status('a', 1_500, 3),
      pos('a', 2_000, 50.3),
      // A late fix: older than the one before it.
      pos('a', 1_800, 50.4),
      pos('b', 3_000, 50.5),
      status('b', 3_100, 4),
    ];
    const merged = mergeBatches(batches(evs, 2));
    expect(merged.from).toBe(1);
    expect(merged.to).toBe(9);
    // Written out by hand: a's fixes of 1,000 and b's of 1,000 ms have newer ones later and go. The
    // late fix (1,800 ms) stays, as the last of a, and the reducer ignores it behind 2,000 ms.
    expect(merged.events.map((e) => e.seq)).toEqual([1, 2, 5, 6, 7, 8, 9]);
    const a = units(merged.events)['a']?.position;
    expect(a).toMatchObject({ lat: 50.3, time: T + 2_000 });
    expect(units(merged.events)['b']?.position).toMatchObject({ lat: 50.5 });
  });

  it('gives the picture the separate batches give, over many random runs', () => {
    let r = 7;
    const rnd = () => ((r = (r * 16807) % 2147483647) - 1) / 2147483646;
    for (let run = 0; run < 200; run++) {
      seq = 0;
      const ids = ['a', 'b', 'c'];
      const evs: LageEvent[] = ids.map((id) => registered(id, 0));
      for (let i = 0; i < 60; i++) {
        const id = ids[Math.floor(rnd() * 3)]!;
        const t = Math.floor(rnd() * 10_000);
        const x = rnd();
        if (x < 0.75) evs.push(pos(id, t, 50 + rnd()));
        else if (x < 0.95) evs.push(status(id, t, 1 + Math.floor(rnd() * 4)));
        else evs.push(registered(id, t));
      }
      const merged = mergeBatches(batches(evs, 1 + Math.floor(rnd() * 7)));
      expect(merged.events.length).toBeLessThan(evs.length);
      expect(units(merged.events)).toEqual(units(evs));
    }
  });

  it("merges only batches that continue one another, never across a connection's events", () => {
    seq = 0;
    const evs = [registered('a', 0), ...Array.from({ length: 30 }, (_, i) => pos('a', i * 1_000))];
    const [b1, b2, b3, b4] = batches(evs, 8);
    const q = new DeliveryQueue(100);
    q.push(checked(b1!));
    q.push(checked(b2!));
    q.push(connect);
    q.push(checked(b3!));
    // b4 does not continue b3 here (b3 again: an overlap after a resync would look like this).
    q.push(checked(b3!));
    q.push(checked(b4!));
    expect(q.queuedEvents).toBe(31 + 8 + 5);
    expect(q.trim()).toBe(false);
    const out = q.take();
    expect(out.map((h) => h.kind)).toEqual(['batch', 'connect', 'batch', 'batch']);
    const [m1, , m2, m3] = out as Extract<SocketHappening, { kind: 'batch' }>[];
    // b1 + b2: the registration and a's newest fix; b3 alone; b3 again + b4 merged.
    expect(m1!.batch).toMatchObject({ from: 1, to: 16 });
    expect(m1!.batch.events.map((e) => e.seq)).toEqual([1, 16]);
    expect(m2!.batch.events).toHaveLength(8);
    expect(m3!.batch).toMatchObject({ from: 17, to: 31 });
    expect(m3!.batch.events.map((e) => e.seq)).toEqual([31]);
  });

  it('a page far behind gets every unit once instead of an overflow and a resync', () => {
    seq = 0;
    const ids = Array.from({ length: 100 }, (_, i) => `u${i}`);
    const q = new DeliveryQueue(1_000);
    q.push(
      checked(
        batches(
          ids.map((id) => registered(id, 0)),
          100,
        )[0]!,
      ),
    );
    // 60 s of 100 units at 1 Hz: 6,000 positions, six times the bound.
    for (let s = 1; s <= 60; s++) {
      const evs = ids.map((id) => pos(id, s * 1_000));
      q.push(checked({ from: evs[0]!.seq, to: evs.at(-1)!.seq, now: T + s * 1_000, events: evs }));
      expect(q.trim()).toBe(false);
    }
    const out = q.take();
    expect(out.some((h) => h.kind === 'overflow')).toBe(false);
    const events = out.flatMap((h) => (h.kind === 'batch' ? h.batch.events : []));
    expect(events.length).toBeLessThanOrEqual(100 + 100 + 100);
    const last = out.at(-1);
    expect(last?.kind === 'batch' && last.batch.to).toBe(seq);
    const picture = units(events);
    for (const id of ids) expect(picture[id]?.position?.time).toBe(T + 60_000);
  });
});
