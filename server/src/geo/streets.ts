/**
 * Reverse geocoding on the organisation's own street data: the nearest street segment to a point,
 * and a house number interpolated along it from the segment's number ranges (left/right side,
 * keeping the side's odd/even numbering), e.g. Stadt Köln's Straßenabschnitte.
 */
import { linesOf, pickName, readFeatures } from './geojson.ts';

export interface ReverseResult {
  address: string;
  street: string;
  houseNumber?: number;
  distanceM: number;
}

export interface Segment {
  street: string;
  line: [number, number][];
  left?: [number, number];
  right?: [number, number];
}

const NAME_KEYS = ['STRASSE', 'NAME', 'name', 'strasse', 'street'];
const CELL = 0.002; // degrees; about 220 m north-south
export const M_PER_DEG = 111_320;

export class StreetIndex {
  private readonly cells = new Map<string, Segment[]>();
  readonly size: number;

  constructor(readonly segments: readonly Segment[]) {
    for (const s of segments) {
      const lons = s.line.map((p) => p[0]);
      const lats = s.line.map((p) => p[1]);
      for (let x = cell(Math.min(...lons)); x <= cell(Math.max(...lons)); x++) {
        for (let y = cell(Math.min(...lats)); y <= cell(Math.max(...lats)); y++) {
          const key = `${x}:${y}`;
          const list = this.cells.get(key) ?? [];
          list.push(s);
          this.cells.set(key, list);
        }
      }
    }
    this.size = segments.length;
  }

  static fromFile(file: string): StreetIndex {
    const segments: Segment[] = [];
    for (const f of readFeatures(file)) {
      const street = pickName(f.properties, NAME_KEYS);
      if (!street) continue;
      const left = range(f.properties?.['HSNR_V_L'], f.properties?.['HSNR_B_L']);
      const right = range(f.properties?.['HSNR_V_R'], f.properties?.['HSNR_B_R']);
      for (const line of linesOf(f.geometry)) {
        if (line.length >= 2)
          segments.push({ street, line, ...(left ? { left } : {}), ...(right ? { right } : {}) });
      }
    }
    return new StreetIndex(segments);
  }

  reverse(lat: number, lon: number, maxDistanceM = 150): ReverseResult | undefined {
    const cx = cell(lon);
    const cy = cell(lat);
    const kx = Math.cos((lat * Math.PI) / 180) * M_PER_DEG;
    let best: { s: Segment; d: number; t: number; side: number } | undefined;
    const seen = new Set<Segment>();
    for (let x = cx - 1; x <= cx + 1; x++) {
      for (let y = cy - 1; y <= cy + 1; y++) {
        for (const s of this.cells.get(`${x}:${y}`) ?? []) {
          if (seen.has(s)) continue;
          seen.add(s);
          const hit = nearestOnLine(s.line, lon, lat, kx);
          if (!best || hit.d < best.d) best = { s, ...hit };
        }
      }
    }
    if (!best || best.d > maxDistanceM) return undefined;
    const { s, t, side } = best;
    const sideRange = side > 0 ? (s.left ?? s.right) : (s.right ?? s.left);
    const houseNumber = sideRange ? interpolate(sideRange, t) : undefined;
    return {
      address: houseNumber === undefined ? s.street : `${s.street} ${houseNumber}`,
      street: s.street,
      ...(houseNumber === undefined ? {} : { houseNumber }),
      distanceM: Math.round(best.d),
    };
  }
}

const cell = (deg: number) => Math.floor(deg / CELL);

function range(from: unknown, to: unknown): [number, number] | undefined {
  const a = Number.parseInt(String(from ?? ''), 10);
  const b = Number.parseInt(String(to ?? ''), 10);
  return a > 0 && b > 0 ? [a, b] : undefined;
}

/** Along-line fraction t (by length), distance in metres, and side (+1 left, -1 right). */
function nearestOnLine(line: [number, number][], lon: number, lat: number, kx: number) {
  const lengths: number[] = [];
  let total = 0;
  for (let i = 1; i < line.length; i++) {
    const [x0, y0] = line[i - 1]!;
    const [x1, y1] = line[i]!;
    const len = Math.hypot((x1 - x0) * kx, (y1 - y0) * M_PER_DEG);
    lengths.push(len);
    total += len;
  }
  let best = { d: Infinity, along: 0, side: 1 };
  let before = 0;
  for (let i = 1; i < line.length; i++) {
    const [x0, y0] = line[i - 1]!;
    const [x1, y1] = line[i]!;
    const ax = (x1 - x0) * kx;
    const ay = (y1 - y0) * M_PER_DEG;
    const px = (lon - x0) * kx;
    const py = (lat - y0) * M_PER_DEG;
    const len2 = ax * ax + ay * ay;
    const u = len2 === 0 ? 0 : Math.max(0, Math.min(1, (px * ax + py * ay) / len2));
    const d = Math.hypot(px - u * ax, py - u * ay);
    if (d < best.d)
      best = { d, along: before + u * (lengths[i - 1] ?? 0), side: ax * py - ay * px >= 0 ? 1 : -1 };
    before += lengths[i - 1] ?? 0;
  }
  return { d: best.d, t: total === 0 ? 0 : best.along / total, side: best.side };
}

/** A number between the range's ends, with the parity of its first number. */
function interpolate([from, to]: [number, number], t: number): number {
  if (from === to) return from;
  const raw = from + t * (to - from);
  const step = Math.abs(to - from) >= 2 && (to - from) % 2 === 0 ? 2 : 1;
  const n = from + Math.round((raw - from) / step) * step;
  return Math.min(Math.max(n, Math.min(from, to)), Math.max(from, to));
}
