/**
 * Colours and legend breaks of the heatmap: a sequential ramp for densities and hexagon counts and a
 * diverging ramp for the difference of two periods (more now = red, fewer = blue, no change = clear).
 */
export const HEAT_COLORS = ['#2b83ba', '#abdda4', '#ffffbf', '#fdae61', '#d7191c'] as const;
export const DIFF_COLORS = { fewer: '#2166ac', same: '#f7f7f7', more: '#b2182b' } as const;

export interface LegendStop {
  value: number;
  color: string;
}

/** "Nice" rounded upper bound: 1, 2, 5, 10, 20, 50 … at or above n. */
export function niceCeil(n: number): number {
  if (!(n > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/**
 * Legend stops for counts 1..max, one per colour, strictly increasing integers (fewer stops when the
 * maximum is small, so no two stops share a value).
 */
export function countStops(max: number, colors: readonly string[] = HEAT_COLORS): LegendStop[] {
  const top = Math.max(1, Math.ceil(max));
  const n = Math.min(colors.length, top);
  const stops: LegendStop[] = [];
  for (let i = 0; i < n; i++) {
    const value = n === 1 ? 1 : Math.round(1 + ((top - 1) * i) / (n - 1));
    const color = colors[Math.round((i * (colors.length - 1)) / Math.max(1, n - 1))] ?? colors[0] ?? '#000';
    if (!stops.length || value > (stops.at(-1)?.value ?? 0)) stops.push({ value, color });
  }
  return stops;
}

/** Symmetric scale for differences: the largest |diff|, at least 1, so 0 is always the midpoint. */
export function diffExtent(diffs: readonly number[]): number {
  let m = 0;
  for (const d of diffs) m = Math.max(m, Math.abs(d));
  return Math.max(1, m);
}

/** Maps a difference to -1..1 on the symmetric scale. */
export const diffScale = (diff: number, extent: number): number =>
  Math.max(-1, Math.min(1, diff / Math.max(1, extent)));

export function diffStops(extent: number): LegendStop[] {
  const e = Math.max(1, Math.ceil(extent));
  return [
    { value: -e, color: DIFF_COLORS.fewer },
    { value: 0, color: DIFF_COLORS.same },
    { value: e, color: DIFF_COLORS.more },
  ];
}

/** A MapLibre `interpolate` expression over a numeric property from legend stops. */
export function rampExpression(property: string, stops: readonly LegendStop[]): unknown[] {
  if (stops.length === 1) return ['literal', stops[0]?.color];
  return ['interpolate', ['linear'], ['get', property], ...stops.flatMap((s) => [s.value, s.color])];
}

/** heatmap-color over density 0..1: transparent at 0, then the sequential ramp. */
export function heatColorExpression(colors: readonly string[] = HEAT_COLORS): unknown[] {
  const steps = colors.flatMap((c, i) => [0.1 + (0.9 * i) / Math.max(1, colors.length - 1), c]);
  return ['interpolate', ['linear'], ['heatmap-density'], 0, 'rgba(0,0,0,0)', ...steps];
}
