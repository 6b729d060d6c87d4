/** The legend of what the heatmap currently shows, and the matching fill expression for hexagons. */
import type { HeatmapData } from './api.ts';
import { countStops, diffExtent, diffStops, niceCeil, rampExpression, type LegendStop } from './ramp.ts';

export { heatColorExpression } from './ramp.ts';

export interface Legend {
  kind: 'density' | 'count' | 'diff';
  stops: LegendStop[];
  expression: unknown[];
}

export function legendFor(data: HeatmapData): Legend {
  if (data.mode === 'compare') {
    const stops = diffStops(diffExtent(data.answer.cells.map((c) => c.diff)));
    return { kind: 'diff', stops, expression: rampExpression('diff', stops) };
  }
  if (data.mode === 'hex') {
    const max = data.answer.cells.reduce((m, c) => Math.max(m, c.count), 0);
    const stops = countStops(max);
    return { kind: 'count', stops, expression: rampExpression('count', stops) };
  }
  // The heat layer's colour follows relative density; the legend names its scale by incident count.
  const stops = countStops(niceCeil(data.answer.total));
  return { kind: 'density', stops, expression: rampExpression('weight', stops) };
}
