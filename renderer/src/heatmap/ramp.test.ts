import { describe, expect, it } from 'vitest';
import {
  HEAT_COLORS,
  countStops,
  diffExtent,
  diffScale,
  diffStops,
  niceCeil,
  rampExpression,
} from './ramp.ts';

describe('heatmap colour ramps', () => {
  it('rounds legend maxima to 1-2-5 steps', () => {
    expect([0, 1, 3, 7, 10, 11, 240].map(niceCeil)).toEqual([1, 1, 5, 10, 10, 20, 500]);
  });

  it('spreads count stops from 1 to the maximum, one per colour', () => {
    expect(countStops(9).map((s) => s.value)).toEqual([1, 3, 5, 7, 9]);
    expect(countStops(9).map((s) => s.color)).toEqual([...HEAT_COLORS]);
    expect(countStops(2)).toEqual([
      { value: 1, color: HEAT_COLORS[0] },
      { value: 2, color: HEAT_COLORS[4] },
    ]);
    expect(countStops(0).map((s) => s.value)).toEqual([1]);
  });

  it('scales differences symmetrically around zero', () => {
    expect(diffExtent([3, -7, 2])).toBe(7);
    expect(diffExtent([])).toBe(1);
    expect(diffScale(-7, 7)).toBe(-1);
    expect(diffScale(3.5, 7)).toBe(0.5);
    expect(diffScale(20, 7)).toBe(1);
    expect(diffStops(7).map((s) => s.value)).toEqual([-7, 0, 7]);
  });

  it('builds an interpolate expression (a single stop is a constant)', () => {
    expect(rampExpression('count', countStops(2))).toEqual([
      'interpolate',
      ['linear'],
      ['get', 'count'],
      1,
      HEAT_COLORS[0],
      2,
      HEAT_COLORS[4],
    ]);
    expect(rampExpression('count', countStops(1))).toEqual(['literal', HEAT_COLORS[0]]);
  });
});
