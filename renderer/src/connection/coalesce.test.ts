/**
 * The live client's coalescing feed (coalesce.ts) on a clock of its own: positions wait for the
 * fold window, anything else folds at once with what is queued before it, a costly fold widens the
 * window, a snapshot drops what is queued, and contiguity is checked against what is held.
 */
import { describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import type { PictureFeed } from '../source/pictureSource.ts';
import { coalescingFeed, FOLD_EVERY_MS, FREE_FACTOR, MAX_HOLD_MS, type CoalesceClock } from './coalesce.ts';

const position = (seq: number, unitId = `u${seq}`): LageEvent => ({
  type: 'unit.position',
  seq,
  time: seq,
  received: seq,
  unitId,
  lat: 50.9,
  lon: 6.9,
});
const status = (seq: number): LageEvent =>
  ({ type: 'unit.status', seq, time: seq, received: seq, unitId: 'u1', status: 3 }) as LageEvent;

function fixture(foldCostMs = 0) {
  let now = 0;
  const timers: { at: number; run: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: CoalesceClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const folded: { seqs: number[]; to: number; at: number }[] = [];
  const inner: PictureFeed = {
    replace: () => folded.push({ seqs: [], to: -1, at: now }),
    fold: (events, to) => {
      folded.push({ seqs: events.map((e) => e.seq), to, at: now });
      now += foldCostMs;
    },
    presence: () => undefined,
    seeked: () => undefined,
    scope: () => undefined,
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      timers.sort((a, b) => a.at - b.at);
      const t = timers[0];
      if (!t || t.at > until) break;
      timers.shift();
      now = Math.max(now, t.at);
      t.run();
    }
    now = Math.max(now, until);
  };
  return { feed: coalescingFeed(inner, clock), folded, advance };
}

describe('coalescing feed', () => {
  it('folds batches of positions together once per window, and holds their seq meanwhile', () => {
    const { feed, folded, advance } = fixture();
    // After a quiet spell the first batch folds at once; the next ones wait for the window.
    feed.fold([position(1)], 1);
    advance(0);
    expect(folded.map((f) => f.to)).toEqual([1]);
    advance(100);
    feed.fold([position(2)], 2);
    feed.fold([position(3)], 3);
    expect(folded).toHaveLength(1);
    expect(feed.heldSeq()).toBe(3);
    advance(FOLD_EVERY_MS - 101);
    expect(folded).toHaveLength(1);
    advance(1);
    expect(folded.map((f) => [f.seqs, f.to])).toEqual([
      [[1], 1],
      [[2, 3], 3],
    ]);
    expect(feed.heldSeq()).toBeUndefined();
  });

  it('folds anything that is not a position at once, with the positions queued before it', () => {
    const { feed, folded } = fixture();
    feed.fold([position(1)], 1);
    feed.fold([status(2)], 2);
    expect(folded.map((f) => f.seqs)).toEqual([[1, 2]]);
    expect(feed.folds).toBe(1);
  });

  it('after a costly fold waits FREE_FACTOR times its cost, never longer than MAX_HOLD_MS', () => {
    const cost = 400;
    const { feed, folded, advance } = fixture(cost);
    feed.fold([status(1)], 1);
    feed.fold([position(2)], 2);
    advance(FREE_FACTOR * cost - 1);
    expect(folded).toHaveLength(1);
    advance(1);
    expect(folded).toHaveLength(2);
    const slow = fixture(10_000);
    slow.feed.fold([status(1)], 1);
    slow.feed.fold([position(2)], 2);
    slow.advance(MAX_HOLD_MS);
    expect(slow.folded).toHaveLength(2);
  });

  it('drops what is queued when a snapshot replaces the picture, and on close', () => {
    const { feed, folded, advance } = fixture();
    feed.fold([position(1)], 1);
    feed.replace({ seq: 9, units: {}, incidents: {} } as never, {} as never);
    advance(MAX_HOLD_MS);
    expect(folded.map((f) => f.to)).toEqual([-1]);
    feed.fold([position(10)], 10);
    feed.close();
    advance(MAX_HOLD_MS);
    expect(folded).toHaveLength(1);
  });

  it('folds what is queued before the presence changes', () => {
    const { feed, folded } = fixture();
    feed.fold([position(1)], 1);
    feed.presence('reconnecting', 'transport close');
    expect(folded.map((f) => f.to)).toEqual([1]);
  });
});
