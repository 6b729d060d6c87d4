/** Which district a point lies in, from a polygon file (e.g. Köln's Stadtbezirke or NRW's Kreise). */
import { pickName, polygonsOf, readFeatures } from './geojson.ts';

const NAME_KEYS = ['STB_NAME', 'STT_NAME', 'GEN', 'NAME', 'name', 'district'];

interface District {
  name: string;
  polygons: [number, number][][][];
  bbox: [number, number, number, number];
}

export class DistrictIndex {
  private constructor(private readonly districts: District[]) {}

  get size(): number {
    return this.districts.length;
  }

  /** The distinct district names, sorted (German collation). */
  names(): string[] {
    return [...new Set(this.districts.map((d) => d.name))].sort((a, b) => a.localeCompare(b, 'de'));
  }

  static fromFile(file: string): DistrictIndex {
    const districts: District[] = [];
    for (const f of readFeatures(file)) {
      const name = pickName(f.properties, NAME_KEYS);
      const polygons = polygonsOf(f.geometry);
      if (!name || polygons.length === 0) continue;
      const pts = polygons.flatMap((p) => p[0] ?? []);
      const lons = pts.map((p) => p[0]);
      const lats = pts.map((p) => p[1]);
      districts.push({
        name,
        polygons,
        bbox: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)],
      });
    }
    return new DistrictIndex(districts);
  }

  at(lat: number, lon: number): string | undefined {
    for (const d of this.districts) {
      const [w, s, e, n] = d.bbox;
      if (lon < w || lon > e || lat < s || lat > n) continue;
      if (d.polygons.some((rings) => inPolygon(rings, lon, lat))) return d.name;
    }
    return undefined;
  }
}

/** Even-odd rule over the outer ring and its holes. */
function inPolygon(rings: [number, number][][], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}
