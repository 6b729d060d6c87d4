import { describe, expect, it } from 'vitest';
import { legendFor } from './legend.ts';
import { diffFeatures, hexFeatures } from './geojson.ts';
import type { CompareAnswer, HexAnswer } from './api.ts';

const w = { from: 0, to: 1 };
const ring: [number, number][] = [
  [0, 0],
  [1, 0],
  [0, 1],
  [0, 0],
];
const hex: HexAnswer = {
  total: 12,
  res: 8,
  cells: [
    { h3: 'a', count: 9, center: [0.3, 0.3], boundary: ring },
    { h3: 'b', count: 3, center: [0.5, 0.5], boundary: ring },
  ],
};
const cmp: CompareAnswer = {
  totals: { a: 5, b: 4 },
  res: 8,
  cells: [
    { h3: 'a', a: 1, b: 5, diff: -4, center: [0, 0], boundary: ring },
    { h3: 'b', a: 4, b: 0, diff: 2, center: [0, 0], boundary: ring },
  ],
};

describe('heatmap legend and features', () => {
  it('hexagon legend runs from 1 to the largest count', () => {
    const l = legendFor({ mode: 'hex', window: w, answer: hex });
    expect(l.kind).toBe('count');
    expect(l.stops.map((s) => s.value)).toEqual([1, 3, 5, 7, 9]);
  });

  it('difference legend is symmetric around 0 by the largest change', () => {
    const l = legendFor({ mode: 'compare', window: w, base: w, answer: cmp });
    expect(l.stops.map((s) => s.value)).toEqual([-4, 0, 4]);
  });

  it('hexagons carry their count, labels the text; differences are signed', () => {
    const h = hexFeatures(hex);
    expect(h.cells.features.map((f) => f.properties?.['count'])).toEqual([9, 3]);
    expect(h.labels.features.map((f) => f.properties?.['text'])).toEqual(['9', '3']);
    expect(diffFeatures(cmp).labels.features.map((f) => f.properties?.['text'])).toEqual(['-4', '+2']);
  });
});
