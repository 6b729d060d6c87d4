/**
 * Reads road lines and station points from GeoJSON files. Only the geometry and a name are kept;
 * everything that is not a (Multi)LineString or Point is skipped rather than rejected, because
 * real exports mix feature types freely.
 */
import { readFileSync } from 'node:fs';
import { SimulatorInputError } from './errors.ts';

export interface RoadLine {
  /** [lon, lat] pairs, GeoJSON order. */
  coords: [number, number][];
  name?: string;
}

export interface StationPoint {
  lat: number;
  lon: number;
  name?: string;
}

interface Feature {
  geometry?: { type?: unknown; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

function readFeatures(file: string, what: string): Feature[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SimulatorInputError(`cannot read ${what} file ${file}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SimulatorInputError(`${what} file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const features = (json as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) {
    throw new SimulatorInputError(`${what} file ${file} is not a GeoJSON FeatureCollection`);
  }
  return features as Feature[];
}

const isPosition = (p: unknown): p is [number, number] =>
  Array.isArray(p) &&
  typeof p[0] === 'number' &&
  typeof p[1] === 'number' &&
  Math.abs(p[0]) <= 180 &&
  Math.abs(p[1]) <= 90;

function toLine(coords: unknown): [number, number][] | undefined {
  if (!Array.isArray(coords)) return undefined;
  const line = coords.filter(isPosition).map((p) => [p[0], p[1]] as [number, number]);
  return line.length >= 2 ? line : undefined;
}

function nameOf(props: Feature['properties']): string | undefined {
  for (const key of ['NAME', 'name', 'LANGNAME', 'tags/name', 'strassenname']) {
    const v = props?.[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}

export function loadRoadLines(file: string): RoadLine[] {
  const lines: RoadLine[] = [];
  for (const f of readFeatures(file, 'roads')) {
    const g = f.geometry;
    const name = nameOf(f.properties);
    const parts =
      g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' ? g.coordinates : [];
    for (const part of Array.isArray(parts) ? parts : []) {
      const coords = toLine(part);
      if (coords) lines.push(name === undefined ? { coords } : { coords, name });
    }
  }
  if (lines.length === 0) throw new SimulatorInputError(`roads file ${file} has no LineString features`);
  return lines;
}

export function loadStationPoints(file: string): StationPoint[] {
  const points: StationPoint[] = [];
  for (const f of readFeatures(file, 'stations')) {
    const c = f.geometry?.type === 'Point' ? f.geometry.coordinates : undefined;
    if (!isPosition(c)) continue;
    const name = nameOf(f.properties);
    points.push(name === undefined ? { lat: c[1], lon: c[0] } : { lat: c[1], lon: c[0], name });
  }
  if (points.length === 0) throw new SimulatorInputError(`stations file ${file} has no Point features`);
  return points;
}
