import { describe, expect, it } from 'vitest';
import { batchSchema, encodeBatch, type Batch } from './wire.ts';
import type { LageEvent } from './schemas.ts';

const T = Date.UTC(2026, 10, 26);
const events: LageEvent[] = [
  {
    seq: 3,
    time: T,
    received: T,
    type: 'unit.registered',
    unit: { id: 'a', callsign: 'Dü 1/1', kind: 'motorrad', district: 'D' },
  },
  { seq: 4, time: T, received: T, type: 'unit.position', unitId: 'a', lat: 51, lon: 6, heading: 90 },
  { seq: 6, time: T, received: T, type: 'unit.status', unitId: 'a', status: 5 },
  {
    seq: 7,
    time: T + 1,
    received: T + 1,
    type: 'unit.position',
    unitId: 'b',
    lat: 52,
    lon: 7,
    speed: 3,
    accuracy: 4,
  },
];

describe('batch wire encoding', () => {
  it('round-trips through the wire form in log order, positions as compact tuples', () => {
    const batch: Batch = { from: 3, to: 8, now: T, events };
    const wire = JSON.parse(JSON.stringify(encodeBatch(batch)));
    expect(wire.positions).toEqual([
      [4, 'a', 51, 6, T, 90, null, null],
      [7, 'b', 52, 7, T + 1, null, 3, 4],
    ]);
    const decoded = batchSchema.parse(wire);
    expect(decoded.events.map((e) => e.seq)).toEqual([3, 4, 6, 7]);
    expect(decoded.events[1]).toEqual(events[1]);
    expect(decoded.events[3]).toEqual(events[3]);
  });

  it('rejects a tuple with an out-of-range latitude', () => {
    const wire = { from: 1, to: 1, now: T, events: [], positions: [[1, 'a', 91, 6, T, null, null, null]] };
    expect(batchSchema.safeParse(wire).success).toBe(false);
  });
});
