import { describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import { applyReceived } from './api.ts';

const pos = (seq: number, time: number): LageEvent => ({
  seq,
  time,
  received: time,
  type: 'unit.position',
  unitId: 'u1',
  lat: 51,
  lon: 7,
});

describe('replay api', () => {
  it('restores received times of compact positions from the runs the server sends', () => {
    const events = [pos(5, 100), pos(6, 101), pos(7, 102), pos(9, 103)];
    applyReceived(events, [
      [5, 1000],
      [7, 2000],
      [8, 3000],
    ]);
    expect(events.map((e) => e.received)).toEqual([1000, 1000, 2000, 3000]);
  });
});
