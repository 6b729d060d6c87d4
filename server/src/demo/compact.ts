/**
 * Turns the reference data of a region (Stadt Köln open data, OSM points) into the compact files the
 * app ships under assets/demo-region: only the properties the app reads, coordinates rounded to
 * 1e-5° (about 1 m, far below a GPS fix's accuracy), so the whole region stays a few MB.
 */
import { linesOf, pickName, polygonsOf, type Feature } from '../geo/geojson.ts';

type Pos = [number, number];
interface OutFeature {
  type: 'Feature';
  properties: Record<string, string>;
  geometry:
    | { type: 'LineString'; coordinates: Pos[] }
    | { type: 'MultiPolygon'; coordinates: Pos[][][] }
    | { type: 'Point'; coordinates: Pos };
}
export interface OutCollection {
  type: 'FeatureCollection';
  features: OutFeature[];
}

const r5 = (v: number): number => Math.round(v * 1e5) / 1e5;
const pos = (p: Pos): Pos => [r5(p[0]), r5(p[1])];

/** Rounds a line and drops points that became equal to their predecessor. */
export function compactLine(line: readonly Pos[]): Pos[] {
  const out: Pos[] = [];
  for (const p of line) {
    const q = pos(p);
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

/**
 * Douglas-Peucker: drops vertices closer than `tolerance` degrees to the simplified line. The ends
 * stay, so segments still meet at their junctions; curves keep a vertex every few metres.
 */
export function simplifyLine(line: readonly Pos[], tolerance: number): Pos[] {
  if (line.length <= 2) return [...line];
  const keep = new Uint8Array(line.length);
  keep[0] = keep[line.length - 1] = 1;
  const stack: [number, number][] = [[0, line.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = line[a]!;
    const [bx, by] = line[b]!;
    // Longitude shrinks with latitude; scale it so the tolerance is about the same both ways.
    const k = Math.cos((ay * Math.PI) / 180);
    const dx = (bx - ax) * k;
    const dy = by - ay;
    const len = Math.hypot(dx, dy);
    let far = -1;
    let farD = tolerance;
    for (let i = a + 1; i < b; i++) {
      const px = (line[i]![0] - ax) * k;
      const py = line[i]![1] - ay;
      const d = len === 0 ? Math.hypot(px, py) : Math.abs(px * dy - py * dx) / len;
      if (d > farD) [far, farD] = [i, d];
    }
    if (far < 0) continue;
    keep[far] = 1;
    stack.push([a, far], [far, b]);
  }
  return line.filter((_, i) => keep[i]);
}

/** About 1.5 m: below what a GPS fix or a map at street zoom shows. */
const SIMPLIFY_DEG = 1.5e-5;

const collection = (features: OutFeature[]): OutCollection => ({ type: 'FeatureCollection', features });

/**
 * Street segments with house-number ranges (Straßenabschnitte): the geocoder's register and, as the
 * segments meet at junctions, the simulator's road graph too (one file for both).
 */
export function compactStreets(features: readonly Feature[]): OutCollection {
  const keys = ['HSNR_V_L', 'HSNR_B_L', 'HSNR_V_R', 'HSNR_B_R'] as const;
  const out: OutFeature[] = [];
  for (const f of features) {
    const name = pickName(f.properties, ['STRASSE', 'NAME', 'name']);
    if (!name) continue;
    const props: Record<string, string> = { name };
    for (const k of keys) {
      const v = f.properties?.[k];
      // Leading zeros ("0093") carry nothing; the geocoder parses the number and its letter.
      if (typeof v === 'string' && v.trim()) props[k] = v.trim().replace(/^0+(?=\d)/, '');
    }
    for (const line of linesOf(f.geometry)) {
      const coords = simplifyLine(compactLine(line), SIMPLIFY_DEG);
      if (coords.length >= 2)
        out.push({
          type: 'Feature',
          properties: props,
          geometry: { type: 'LineString', coordinates: coords },
        });
    }
  }
  return collection(out);
}

/** Polygons with `name` (plus what `extra` adds), rings rounded. */
export function compactAreas(
  features: readonly Feature[],
  nameKeys: readonly string[],
  extra: (f: Feature) => Record<string, string> = () => ({}),
): OutCollection {
  const out: OutFeature[] = [];
  for (const f of features) {
    const name = pickName(f.properties, nameKeys);
    if (!name) continue;
    const polygons = polygonsOf(f.geometry)
      .map((rings) =>
        rings.map((r) => simplifyLine(compactLine(r), SIMPLIFY_DEG)).filter((ring) => ring.length >= 4),
      )
      .filter((rings) => rings.length > 0);
    if (!polygons.length) continue;
    out.push({
      type: 'Feature',
      properties: { name, ...extra(f) },
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    });
  }
  return collection(out);
}

/** Named points (OSM `tags/name`); unnamed ones get `fallback`, so every symbol has a label. */
export function compactPoints(features: readonly Feature[], fallback: string): OutCollection {
  const out: OutFeature[] = [];
  for (const f of features) {
    if (f.geometry?.type !== 'Point') continue;
    const c = f.geometry.coordinates as Pos;
    const name = pickName(f.properties, ['tags/name', 'name', 'NAME']) ?? fallback;
    out.push({ type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates: pos(c) } });
  }
  return collection(out);
}
