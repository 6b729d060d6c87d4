import { beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '#shared/wire';
import { RingBuffer } from './ringBuffer.ts';
import { clearHistory, historyStore, sampleAvailability } from './historyStore.ts';
import { pictureStore, replacePicture } from './pictureStore.ts';
import { unit } from '../testing/units.ts';

describe('RingBuffer', () => {
  it('keeps the last `capacity` items, oldest first', () => {
    const r = new RingBuffer<number>(3);
    expect(r.toArray()).toEqual([]);
    for (let i = 1; i <= 5; i++) r.push(i);
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.size).toBe(3);
    expect(r.last()).toBe(5);
    r.clear();
    expect(r.toArray()).toEqual([]);
    expect(r.last()).toBeUndefined();
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(/positive integer, got 0/);
  });
});

describe('availability history', () => {
  beforeEach(() => {
    pictureStore.setState(pictureStore.getInitialState(), true);
    clearHistory();
  });

  it('samples nothing before a picture is loaded, then the fleet per category', () => {
    sampleAvailability(1000);
    expect(historyStore.getState().samples).toEqual([]);
    const T = 5000;
    const units = [
      unit('a', 1, T),
      unit('b', 2, T),
      unit('c', 3, T),
      unit('d', 4, T),
      unit('e', 0, T),
      unit('f', 5, T),
    ];
    replacePicture(
      { seq: 1, units: Object.fromEntries(units.map((u) => [u.id, u])), incidents: {} },
      { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: 100, now: T },
    );
    sampleAvailability(2000);
    expect(historyStore.getState().samples).toEqual([
      {
        time: 2000,
        available: 2,
        committed: 2,
        emergency: 1,
        request: 1,
        unavailable: 0,
        custom: 0,
        total: 6,
      },
    ]);
  });
});
