import { describe, expect, it } from 'vitest';
import type { CompareAnswer } from '../api.ts';
import { periodFeatures, sharedScale } from './periods.ts';

const hex = (h3: string, a: number, b: number) => ({
  h3,
  center: [6.96, 50.94] as [number, number],
  boundary: [
    [6.95, 50.93],
    [6.97, 50.93],
    [6.96, 50.95],
    [6.95, 50.93],
  ] as [number, number][],
  a,
  b,
  diff: a - b,
});
const answer: CompareAnswer = {
  totals: { a: 8, b: 3 },
  res: 8,
  cells: [hex('p1', 5, 2), hex('p2', 3, 0), hex('p3', 0, 1)],
};

describe('side-by-side periods', () => {
  it("each side shows only its own period's counts", () => {
    const a = periodFeatures(answer, 'a');
    expect(a.cells.features.map((f) => f.properties)).toEqual([
      { h3: 'p1', count: 5 },
      { h3: 'p2', count: 3 },
    ]);
    expect(a.labels.features.map((f) => f.properties?.['text'])).toEqual(['5', '3']);
    const b = periodFeatures(answer, 'b');
    expect(b.cells.features.map((f) => f.properties)).toEqual([
      { h3: 'p1', count: 2 },
      { h3: 'p3', count: 1 },
    ]);
  });

  it('both maps share one scale up to the larger period maximum', () => {
    const scale = sharedScale(answer);
    expect(scale.stops[0]?.value).toBe(1);
    expect(scale.stops.at(-1)?.value).toBe(5);
    expect(sharedScale({ ...answer, cells: [hex('p1', 1, 9)] }).stops.at(-1)?.value).toBe(9);
  });

  it('copes with two empty periods', () => {
    const empty = { totals: { a: 0, b: 0 }, res: 8, cells: [] };
    expect(periodFeatures(empty, 'a').cells.features).toEqual([]);
    expect(sharedScale(empty).stops).toEqual([{ value: 1, color: '#2b83ba' }]);
  });
});
