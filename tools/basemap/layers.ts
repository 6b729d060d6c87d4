/** The vector tile layers the builder writes and the app's styles read (docs/basemaps.md lists fields). */
import type * as GeoJSON from 'geojson';

export const LAYERS = [
  'landuse',
  'water',
  'waterway',
  'buildings',
  'roads',
  'boundaries',
  'area_labels',
] as const;
export type LayerName = (typeof LAYERS)[number];

/** One feature for the tiler: `minzoom` keeps minor features out of low-zoom tiles. */
export interface BuilderFeature {
  layer: LayerName;
  minzoom: number;
  geometry: GeoJSON.Geometry;
  properties: Record<string, string | number>;
}

export type LayerFields = Readonly<Record<LayerName, Readonly<Record<string, 'String' | 'Number'>>>>;

export const LAYER_FIELDS: LayerFields = {
  landuse: { class: 'String' },
  water: { class: 'String', name: 'String' },
  waterway: { class: 'String', name: 'String' },
  buildings: {},
  roads: { class: 'String', name: 'String', ref: 'String' },
  boundaries: { name: 'String' },
  area_labels: { name: 'String' },
};
