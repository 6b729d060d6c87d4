import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';

describe('createRng', () => {
  it('gives the same sequence for the same seed and stream, another for others', () => {
    const take = (seed: number, stream: string) => {
      const r = createRng(seed, stream);
      return Array.from({ length: 20 }, () => r.next());
    };
    expect(take(7, 'a')).toEqual(take(7, 'a'));
    expect(take(7, 'a')).not.toEqual(take(8, 'a'));
    expect(take(7, 'a')).not.toEqual(take(7, 'b'));
  });

  it('is uniform enough and keeps its helpers in range', () => {
    const r = createRng(1, 'test');
    const buckets = new Array<number>(10).fill(0);
    let expSum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      if (x < 0 || x >= 1) outside++;
      else buckets[Math.floor(x * 10)]!++;
      expSum += r.exp();
    }
    expect(outside).toBe(0);
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
    expect(expSum / 100_000).toBeCloseTo(1, 1);
    const ints = new Set(Array.from({ length: 1000 }, () => r.int(3, 5)));
    expect(ints).toEqual(new Set([3, 4, 5]));
    const picks = new Set(
      Array.from({ length: 200 }, () =>
        r.weighted([
          ['a', 1],
          ['b', 3],
          ['never', 0],
        ] as const),
      ),
    );
    expect(picks).toEqual(new Set(['a', 'b']));
  });
});
