import { describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import { Pending } from './pending.ts';

const pos = (seq: number, unitId: string, time: number) =>
  ({ seq, time, received: time, type: 'unit.position', unitId, lat: 51, lon: 6 }) as LageEvent;
const status = (seq: number, unitId: string) =>
  ({ seq, time: 1, received: 1, type: 'unit.status', unitId, status: 3 }) as LageEvent;

describe('Pending', () => {
  it('keeps only the newest fix per unit and every other event, in log order', () => {
    const p = new Pending();
    p.add([pos(1, 'a', 10), pos(2, 'b', 10), status(3, 'a'), pos(4, 'a', 20)]);
    p.add([pos(5, 'a', 15)]); // older than the pending one: the reducer would ignore it anyway
    const { to, events } = p.take();
    expect(to).toBe(5);
    expect(events.map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(p.isEmpty).toBe(true);
  });
});
