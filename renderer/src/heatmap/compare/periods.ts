/**
 * The two periods of a comparison as separate hexagon maps: each side's counts (cells where that
 * period had none are left out) on one shared colour scale, so equal colours mean equal counts.
 */
import type { CompareAnswer } from '../api.ts';
import { countStops, rampExpression, type LegendStop } from '../ramp.ts';

export type Side = 'a' | 'b';
type FC = GeoJSON.FeatureCollection;

export function periodFeatures(answer: CompareAnswer, side: Side): { cells: FC; labels: FC } {
  const cells = answer.cells.filter((c) => c[side] > 0);
  return {
    cells: {
      type: 'FeatureCollection',
      features: cells.map((c) => ({
        type: 'Feature',
        properties: { h3: c.h3, count: c[side] },
        geometry: { type: 'Polygon', coordinates: [c.boundary] },
      })),
    },
    labels: {
      type: 'FeatureCollection',
      features: cells.map((c) => ({
        type: 'Feature',
        properties: { h3: c.h3, count: c[side], text: String(c[side]) },
        geometry: { type: 'Point', coordinates: c.center },
      })),
    },
  };
}

/** One scale for both maps: up to the largest count of either period. */
export function sharedScale(answer: CompareAnswer): { stops: LegendStop[]; expression: unknown[] } {
  const max = answer.cells.reduce((m, c) => Math.max(m, c.a, c.b), 0);
  const stops = countStops(max);
  return { stops, expression: rampExpression('count', stops) };
}
