/**
 * Reads road networks and district areas from GeoJSON (the form municipal open data and most GIS
 * exports come in), checks that it is WGS84, and finds the name and class properties by looking.
 */
import type * as GeoJSON from 'geojson';
import fs from 'node:fs';
import { InputError } from './errors.ts';
import { classifyOsm, guessRoadClass, roadClassOf, ROAD_MINZOOM } from './classify.ts';
import { labelPoint, rewind, type Position, type Ring } from './geometry.ts';
import type { BuilderFeature } from './layers.ts';

type Props = Record<string, unknown>;
type Feature = GeoJSON.Feature<GeoJSON.Geometry | null, Props | null>;

export const ROAD_NAME_KEYS = ['name', 'NAME', 'Name', 'STRASSE', 'strasse', 'street', 'LANGNAME'];
export const AREA_NAME_KEYS = ['name', 'NAME', 'Name', 'GEN', 'STB_NAME', 'STT_NAME', 'BEZ_NAME', 'NAME_2'];
const CLASS_KEYS = ['class', 'highway', 'fclass', 'road_class', 'type', 'KLASSE', 'klasse'];

export function readGeoJson(file: string): Feature[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const fc = data as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features))
    throw new InputError(`${file} is not a GeoJSON FeatureCollection`);
  const crs = fc.crs?.properties?.name;
  if (typeof crs === 'string' && !/(CRS84|EPSG:{1,2}4326)$/.test(crs))
    throw new InputError(`${file} is in ${crs}; reproject it to WGS84 (EPSG:4326) first`);
  const features = (fc.features as Feature[]).filter((f) => f?.type === 'Feature' && f.geometry);
  for (const f of features.slice(0, 200)) checkWgs84(f.geometry, file);
  return features;
}

function checkWgs84(g: GeoJSON.Geometry | null, file: string): void {
  const first = firstPosition(g);
  if (first && (Math.abs(first[0] ?? 0) > 180 || Math.abs(first[1] ?? 0) > 90))
    throw new InputError(
      `${file} has coordinates like [${first.join(', ')}], not longitude/latitude; reproject it to WGS84 (EPSG:4326)`,
    );
}

function firstPosition(g: GeoJSON.Geometry | null): GeoJSON.Position | undefined {
  if (!g || g.type === 'GeometryCollection') return undefined;
  let c: unknown = g.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) ? (c as GeoJSON.Position) : undefined;
}

/** The first key that most features carry as a non-empty string. */
export function detectKey(features: readonly Feature[], keys: readonly string[]): string | undefined {
  return keys.find((k) => {
    const n = features.filter((f) => typeof f.properties?.[k] === 'string' && f.properties[k] !== '').length;
    return n > 0 && n >= features.length / 2;
  });
}

const lengthMeters = (line: readonly GeoJSON.Position[]): number => {
  let m = 0;
  for (let i = 1; i < line.length; i++) {
    const [x0 = 0, y0 = 0] = line[i - 1] ?? [];
    const [x1 = 0, y1 = 0] = line[i] ?? [];
    const dx = (x1 - x0) * Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
    m += Math.hypot(dx, y1 - y0) * 111_320;
  }
  return m;
};

export interface RoadsResult {
  features: BuilderFeature[];
  nameKey: string | undefined;
  classKey: string | undefined;
}

export function roadFeatures(features: readonly Feature[], nameKey?: string): RoadsResult {
  const name = nameKey ?? detectKey(features, ROAD_NAME_KEYS);
  const classKey = CLASS_KEYS.find((k) => {
    const n = features.filter((f) => roadClassOf(f.properties?.[k])).length;
    return n > 0 && n >= features.length / 2;
  });
  const out: BuilderFeature[] = [];
  for (const f of features) {
    const g = f.geometry;
    if (!g) continue;
    const props = f.properties ?? {};
    const isLine = g.type === 'LineString' || g.type === 'MultiLineString';
    const isArea = g.type === 'Polygon' || g.type === 'MultiPolygon';
    const label = name ? props[name] : undefined;
    const osm = classifyOsm(props, isArea);
    if (osm && (isLine || isArea)) {
      const p: Record<string, string> = { class: osm.class };
      if (typeof label === 'string' && label && osm.layer !== 'landuse') p.name = label;
      out.push({ layer: osm.layer, minzoom: osm.minzoom, geometry: isArea ? rewound(g) : g, properties: p });
      continue;
    }
    if (!isLine) continue;
    const lines = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
    const cls =
      (classKey ? roadClassOf(props[classKey]) : undefined) ??
      guessRoadClass(
        typeof label === 'string' ? label : undefined,
        lines.reduce((s, l) => s + lengthMeters(l), 0),
      );
    const p: Record<string, string> = { class: cls };
    if (typeof label === 'string' && label) p.name = label;
    out.push({ layer: 'roads', minzoom: ROAD_MINZOOM[cls], geometry: g, properties: p });
  }
  return { features: out, nameKey: name, classKey };
}

function rewound(g: GeoJSON.Geometry): GeoJSON.Geometry {
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: rewind(g.coordinates as Ring[]) };
  if (g.type === 'MultiPolygon')
    return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => rewind(p as Ring[])) };
  return g;
}

export interface AreasResult {
  features: BuilderFeature[];
  nameKey: string | undefined;
  count: number;
}

/** District polygons as outlines (`boundaries`) plus one label point each (`area_labels`). */
export function areaFeatures(features: readonly Feature[], file: string, nameKey?: string): AreasResult {
  const areas = features.filter((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon');
  if (!areas.length) throw new InputError(`${file} has no Polygon or MultiPolygon features for --areas`);
  const name = nameKey ?? detectKey(areas, AREA_NAME_KEYS);
  if (nameKey && !areas.some((f) => f.properties?.[nameKey] !== undefined))
    throw new InputError(`${file}: no area has the property "${nameKey}"`);
  const out: BuilderFeature[] = [];
  for (const f of areas) {
    const g = rewound(f.geometry as GeoJSON.Geometry) as GeoJSON.Polygon | GeoJSON.MultiPolygon;
    const raw = name ? f.properties?.[name] : undefined;
    const label = raw === undefined || raw === null ? '' : String(raw);
    out.push({ layer: 'boundaries', minzoom: 0, geometry: g, properties: label ? { name: label } : {} });
    const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Ring[][];
    const largest = polygons.reduce<Ring[] | undefined>(
      (best, p) => (!best || ringSpan(p[0]) > ringSpan(best[0]) ? p : best),
      undefined,
    );
    const at: Position | undefined = largest && labelPoint(largest);
    if (at && label)
      out.push({
        layer: 'area_labels',
        minzoom: 0,
        geometry: { type: 'Point', coordinates: at },
        properties: { name: label },
      });
  }
  return { features: out, nameKey: name, count: areas.length };
}

function ringSpan(ring: Ring | undefined): number {
  if (!ring?.length) return 0;
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
}
