/** Server heatmap answers as GeoJSON for the map sources: weighted points, hexagons and their labels. */
import type { CompareAnswer, HeatAnswer, HexAnswer } from './api.ts';

type FC = GeoJSON.FeatureCollection;
export const EMPTY: FC = { type: 'FeatureCollection', features: [] };

export function heatFeatures(a: HeatAnswer): FC {
  return {
    type: 'FeatureCollection',
    features: a.points.map(([lon, lat, weight]) => ({
      type: 'Feature',
      properties: { weight },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    })),
  };
}

type Cell = HexAnswer['cells'][number] | CompareAnswer['cells'][number];

function polygon(c: Cell, properties: Record<string, number | string>): GeoJSON.Feature {
  return {
    type: 'Feature',
    properties,
    geometry: { type: 'Polygon', coordinates: [c.boundary] },
  };
}

function label(c: Cell, properties: Record<string, number | string>): GeoJSON.Feature {
  return { type: 'Feature', properties, geometry: { type: 'Point', coordinates: c.center } };
}

/** Hexagons carry `count`; labels carry `count` and the text to show. */
export function hexFeatures(a: HexAnswer): { cells: FC; labels: FC } {
  return {
    cells: {
      type: 'FeatureCollection',
      features: a.cells.map((c) => polygon(c, { h3: c.h3, count: c.count, value: c.count })),
    },
    labels: {
      type: 'FeatureCollection',
      features: a.cells.map((c) => label(c, { h3: c.h3, count: c.count, text: String(c.count) })),
    },
  };
}

/** Difference hexagons carry `a`, `b` and `diff`; labels show the signed difference. */
export function diffFeatures(a: CompareAnswer): { cells: FC; labels: FC } {
  const signed = (d: number) => (d > 0 ? `+${d}` : String(d));
  return {
    cells: {
      type: 'FeatureCollection',
      features: a.cells.map((c) => polygon(c, { h3: c.h3, a: c.a, b: c.b, diff: c.diff, value: c.diff })),
    },
    labels: {
      type: 'FeatureCollection',
      features: a.cells.map((c) => label(c, { h3: c.h3, diff: c.diff, text: signed(c.diff) })),
    },
  };
}
