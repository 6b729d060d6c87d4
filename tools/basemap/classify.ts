/**
 * Maps OpenStreetMap tags (from a PBF, or GeoJSON exported from OSM) onto the builder's layers and a
 * small set of classes the styles know, each with the lowest zoom at which it is worth drawing.
 */
import { has, own } from '#shared/idMap';
import type { LayerName } from './layers.ts';

export type Tags = Readonly<Record<string, unknown>>;
export interface Classified {
  layer: LayerName;
  class: string;
  minzoom: number;
}

export const ROAD_CLASSES = [
  'motorway',
  'trunk',
  'primary',
  'secondary',
  'tertiary',
  'residential',
  'service',
  'track',
  'path',
] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

export const ROAD_MINZOOM: Readonly<Record<RoadClass, number>> = {
  motorway: 5,
  trunk: 6,
  primary: 8,
  secondary: 9,
  tertiary: 10,
  residential: 12,
  service: 13,
  track: 13,
  path: 14,
};

const HIGHWAY: Readonly<Record<string, RoadClass>> = {
  motorway: 'motorway',
  motorway_link: 'motorway',
  trunk: 'trunk',
  trunk_link: 'trunk',
  primary: 'primary',
  primary_link: 'primary',
  secondary: 'secondary',
  secondary_link: 'secondary',
  tertiary: 'tertiary',
  tertiary_link: 'tertiary',
  unclassified: 'residential',
  residential: 'residential',
  living_street: 'residential',
  road: 'residential',
  service: 'service',
  track: 'track',
  pedestrian: 'path',
  footway: 'path',
  path: 'path',
  cycleway: 'path',
  bridleway: 'path',
  steps: 'path',
};

const WATERWAY_LINES: Readonly<Record<string, number>> = {
  river: 8,
  canal: 9,
  stream: 12,
  ditch: 14,
  drain: 14,
};
const WATER_AREAS = new Set(['water', 'reservoir', 'basin', 'riverbank', 'dock']);

const LANDUSE: Readonly<Record<string, string>> = {
  residential: 'residential',
  commercial: 'commercial',
  retail: 'commercial',
  industrial: 'industrial',
  railway: 'industrial',
  farmland: 'farmland',
  farmyard: 'farmland',
  orchard: 'farmland',
  vineyard: 'farmland',
  meadow: 'grass',
  grass: 'grass',
  village_green: 'grass',
  recreation_ground: 'grass',
  greenfield: 'grass',
  allotments: 'grass',
  grassland: 'grass',
  park: 'grass',
  forest: 'wood',
  wood: 'wood',
  scrub: 'wood',
  heath: 'wood',
  cemetery: 'cemetery',
  construction: 'construction',
  brownfield: 'construction',
};

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** `closed` says whether the way or geometry is an area (a closed ring or a multipolygon). */
export function classifyOsm(tags: Tags, closed: boolean): Classified | undefined {
  const highway = str(tags.highway);
  if (highway && tags.area !== 'yes') {
    // Closed highways (roundabouts, loops) are still lines.
    const cls = own(HIGHWAY, highway);
    if (cls) return { layer: 'roads', class: cls, minzoom: ROAD_MINZOOM[cls] };
  }
  const waterway = str(tags.waterway);
  if (waterway && !closed && has(WATERWAY_LINES, waterway))
    return { layer: 'waterway', class: waterway, minzoom: own(WATERWAY_LINES, waterway) ?? 14 };
  if (!closed) return undefined;
  const water = [str(tags.natural), str(tags.landuse), waterway].find((v) => v && WATER_AREAS.has(v));
  if (water) return { layer: 'water', class: water === 'riverbank' ? 'river' : water, minzoom: 0 };
  const use = [str(tags.landuse), str(tags.natural), str(tags.leisure)].find((v) => v && has(LANDUSE, v));
  if (use) return { layer: 'landuse', class: own(LANDUSE, use) ?? use, minzoom: 10 };
  const building = str(tags.building);
  if (building && building !== 'no') return { layer: 'buildings', class: 'building', minzoom: 14 };
  return undefined;
}

/**
 * For road data that carries only names (municipal street registers such as Köln's): motorways
 * and federal/state roads are told by their reference-style names, others ranked by their length,
 * since a long street is usually a through road. A guess, said so in the build summary.
 */
export function guessRoadClass(name: string | undefined, lengthMeters: number): RoadClass {
  const n = (name ?? '').trim();
  if (/^(BAB|A)\s?\d+\b/.test(n) || /autobahn/i.test(n)) return 'motorway';
  if (/^B\s?\d+\b/.test(n) || /zubringer/i.test(n)) return 'trunk';
  if (/^L\s?\d+\b/.test(n)) return 'secondary';
  if (/^K\s?\d+\b/.test(n)) return 'tertiary';
  if (lengthMeters >= 4000) return 'primary';
  if (lengthMeters >= 1500) return 'secondary';
  if (lengthMeters >= 700) return 'tertiary';
  return 'residential';
}

/** Road classes as other GIS exports spell them (Geofabrik `fclass`, OSM `highway`, plain `class`). */
export function roadClassOf(value: unknown): RoadClass | undefined {
  const v = str(value)?.toLowerCase();
  if (!v) return undefined;
  if ((ROAD_CLASSES as readonly string[]).includes(v)) return v as RoadClass;
  return own(HIGHWAY, v);
}
