import fs from 'node:fs';

export interface Feature {
  properties: Record<string, unknown> | null;
  geometry: { type: string; coordinates: unknown } | null;
}

export class GeoFileError extends Error {}

/** Reads a GeoJSON FeatureCollection, or says clearly why it cannot. */
export function readFeatures(file: string): Feature[] {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new GeoFileError(
      `${file}: ${code ? `cannot read it (${code})` : `not valid JSON (${(err as Error).message})`}`,
    );
  }
  const fc = json as { type?: unknown; features?: unknown };
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new GeoFileError(`${file}: not a GeoJSON FeatureCollection`);
  }
  return fc.features as Feature[];
}

/** The first of the given property names that holds a non-empty string. */
export function pickName(props: Record<string, unknown> | null, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = props?.[k];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return undefined;
}

/** Lines of a LineString / MultiLineString as [lon, lat] lists. */
export function linesOf(geometry: Feature['geometry']): [number, number][][] {
  if (!geometry) return [];
  if (geometry.type === 'LineString') return [geometry.coordinates as [number, number][]];
  if (geometry.type === 'MultiLineString') return geometry.coordinates as [number, number][][];
  return [];
}

/** Rings (outer first) of each polygon of a Polygon / MultiPolygon. */
export function polygonsOf(geometry: Feature['geometry']): [number, number][][][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates as [number, number][][]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as [number, number][][][];
  return [];
}
