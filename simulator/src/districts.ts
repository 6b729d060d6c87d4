/**
 * District polygons (e.g. Köln's Stadtbezirke): the district an incident lies in and a unit's
 * station belongs to, so the picture's "Bereich" filter and district rights see what a real CAD
 * would send. Points outside every polygon have no district.
 */
import { readFileSync } from 'node:fs';
import { SimulatorInputError } from './errors.ts';

type Ring = [number, number][];
interface Area {
  name: string;
  polygons: Ring[][];
  bbox: [number, number, number, number];
}

const NAME_KEYS = ['name', 'NAME', 'STB_NAME', 'STT_NAME', 'GEN', 'district'];

export class Districts {
  private constructor(private readonly areas: Area[]) {}

  static fromFile(file: string): Districts {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new SimulatorInputError(`cannot read districts file ${file}: ${(e as Error).message}`);
    }
    const features = (json as { features?: unknown } | null)?.features;
    if (!Array.isArray(features))
      throw new SimulatorInputError(`districts file ${file} is not a GeoJSON FeatureCollection`);
    const areas: Area[] = [];
    for (const f of features as {
      properties?: Record<string, unknown>;
      geometry?: { type?: string; coordinates?: unknown };
    }[]) {
      const name = NAME_KEYS.map((k) => f.properties?.[k]).find(
        (v): v is string => typeof v === 'string' && v.trim() !== '',
      );
      const g = f.geometry;
      const polygons = (
        g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : []
      ) as Ring[][];
      if (!name || !Array.isArray(polygons) || polygons.length === 0) continue;
      const xs = polygons.flatMap((p) => p[0] ?? []).map((c) => c[0]);
      const ys = polygons.flatMap((p) => p[0] ?? []).map((c) => c[1]);
      areas.push({
        name: name.trim().slice(0, 64),
        polygons,
        bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
      });
    }
    if (areas.length === 0)
      throw new SimulatorInputError(`districts file ${file} has no named Polygon or MultiPolygon features`);
    return new Districts(areas);
  }

  get names(): string[] {
    return this.areas.map((a) => a.name);
  }

  at(lat: number, lon: number): string | undefined {
    for (const a of this.areas) {
      const [x0, y0, x1, y1] = a.bbox;
      if (lon < x0 || lon > x1 || lat < y0 || lat > y1) continue;
      if (inside(a.polygons, lon, lat)) return a.name;
    }
    return undefined;
  }
}

/** Even-odd ray casting over all rings, so holes count as outside. */
function inside(polygons: readonly Ring[][], x: number, y: number): boolean {
  let hit = false;
  for (const rings of polygons)
    for (const ring of rings)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
      }
  return hit;
}
