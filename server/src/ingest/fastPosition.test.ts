import { describe, expect, it } from 'vitest';
import { positionInSchema } from '#shared/schemas';
import { fastPosition } from './fastPosition.ts';

const good = { unitId: 'u-1', lat: 51.2, lon: 6.7 };
const corpus: unknown[] = [
  good,
  { ...good, heading: 0, speed: 0, accuracy: 0, time: Date.UTC(2026, 0, 1) },
  { ...good, heading: 360, speed: 150, accuracy: 100_000 },
  { ...good, time: '2026-11-26T10:00:00Z' },
  { ...good, lat: 90.0001 },
  { ...good, lat: -90 },
  { ...good, lon: 180 },
  { ...good, lon: NaN },
  { ...good, lat: '51' },
  { ...good, heading: -1 },
  { ...good, speed: 151 },
  { ...good, time: 1.5 },
  { ...good, time: 0 },
  { ...good, extra: 1 },
  { ...good, unitId: '' },
  { ...good, unitId: '-x' },
  { ...good, unitId: 'x'.repeat(65) },
  { ...good, unitId: 7 },
  { unitId: 'u' },
  null,
  [],
  'x',
  Object.assign(Object.create({ polluted: true }), good),
];

describe('fastPosition', () => {
  it.each(corpus.map((c, i) => [i, c]))('agrees with the zod schema on item %i', (_i, item) => {
    const fast = fastPosition(item);
    const slow = positionInSchema.safeParse(item);
    if (fast) {
      expect(slow.success).toBe(true);
      expect(fast).toEqual(slow.data);
    }
    // The fast path may pass an item on to zod (e.g. ISO times), but never accepts what zod refuses.
    if (!slow.success) expect(fast).toBeUndefined();
  });

  it('accepts the common case without zod', () => {
    expect(fastPosition({ ...good, heading: 90, speed: 12.5, time: Date.UTC(2026, 10, 26) })).toBeDefined();
  });
});
