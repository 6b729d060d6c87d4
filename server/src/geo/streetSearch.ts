/**
 * Forward geocoding on the organisation's own street register: a typed "Street 12" (or a street
 * prefix while typing) becomes suggestions with a point. A house number is placed on the segment
 * whose left or right number range holds it with the same odd/even numbering, interpolated along
 * the segment like the reverse geocoder does (streets.ts); a number no range holds gives the street
 * alone (`exact: false`), never a made-up position.
 */
import { M_PER_DEG, type Segment } from './streets.ts';

export interface SearchHit {
  /** "Street 12", or "Street" when no number was asked for or no segment holds it. */
  address: string;
  street: string;
  houseNumber?: number;
  /** Whether the point is the house number's place on a segment holding it (else the street's middle). */
  exact: boolean;
  lat: number;
  lon: number;
}

export const MAX_SUGGESTIONS = 10;

/** Lower case, ß → ss, "str." and "straße" alike, umlauts kept, punctuation dropped. */
export function normaliseStreet(s: string): string {
  return s
    .toLocaleLowerCase('de')
    .replace(/ß/g, 'ss')
    .replace(/str\.(?=\s|$)/g, 'strasse')
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Hohe Straße 12a, Köln" → street "hohe strasse", number 12; "Hohe St" → street only. */
export function parseAddress(q: string): { street: string; number?: number } {
  const first = q.split(',')[0] ?? '';
  const m = /^(.*?\D)\s*(\d{1,5})\s*[a-zA-Z]?\s*$/.exec(first.trim());
  if (m?.[1] && m[2]) return { street: normaliseStreet(m[1]), number: Number(m[2]) };
  return { street: normaliseStreet(first) };
}

interface Street {
  name: string;
  key: string;
  segments: Segment[];
}

export class StreetSearch {
  private readonly streets: Street[];

  constructor(segments: readonly Segment[]) {
    const byKey = new Map<string, Street>();
    for (const s of segments) {
      const key = normaliseStreet(s.street);
      let street = byKey.get(key);
      if (!street) byKey.set(key, (street = { name: s.street, key, segments: [] }));
      street.segments.push(s);
    }
    this.streets = [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key, 'de'));
  }

  search(q: string, limit = MAX_SUGGESTIONS): SearchHit[] {
    const { street, number } = parseAddress(q);
    if (street.length < 2) return [];
    // Streets starting with the text first, then those with a word starting with it.
    const starts: Street[] = [];
    const words: Street[] = [];
    for (const s of this.streets) {
      if (s.key.startsWith(street)) starts.push(s);
      else if (s.key.includes(` ${street}`)) words.push(s);
    }
    // An exact name leads ("Ring" before "Ringstraße").
    starts.sort((a, b) => Number(b.key === street) - Number(a.key === street));
    return [...starts, ...words].slice(0, limit).map((s) => place(s, number));
  }
}

function place(s: Street, n: number | undefined): SearchHit {
  if (n !== undefined) {
    for (const seg of s.segments) {
      for (const r of [seg.left, seg.right]) {
        const t = r ? fractionOf(r, n) : undefined;
        if (t === undefined) continue;
        const [lon, lat] = pointAlong(seg.line, t);
        return { address: `${s.name} ${n}`, street: s.name, houseNumber: n, exact: true, lat, lon };
      }
    }
  }
  // The middle of the street's middle segment: somewhere on the street, not an average off it.
  const mid = s.segments[Math.floor(s.segments.length / 2)] as Segment;
  const [lon, lat] = pointAlong(mid.line, 0.5);
  return { address: s.name, street: s.name, exact: false, lat, lon };
}

/** Where n lies in the range [from, to] (0..1), or undefined when the range does not hold it. */
function fractionOf([from, to]: [number, number], n: number): number | undefined {
  if (n < Math.min(from, to) || n > Math.max(from, to)) return undefined;
  // Ranges of one side keep to odd or even numbers when both ends share the parity.
  if ((to - from) % 2 === 0 && (n - from) % 2 !== 0) return undefined;
  return from === to ? 0.5 : (n - from) / (to - from);
}

/** The point at fraction t of the line's length. */
function pointAlong(line: [number, number][], t: number): [number, number] {
  const kx = Math.cos(((line[0]?.[1] ?? 0) * Math.PI) / 180) * M_PER_DEG;
  const lengths: number[] = [];
  let total = 0;
  for (let i = 1; i < line.length; i++) {
    const [x0, y0] = line[i - 1]!;
    const [x1, y1] = line[i]!;
    const len = Math.hypot((x1 - x0) * kx, (y1 - y0) * M_PER_DEG);
    lengths.push(len);
    total += len;
  }
  let left = t * total;
  for (let i = 1; i < line.length; i++) {
    const len = lengths[i - 1] ?? 0;
    if (left <= len || i === line.length - 1) {
      const u = len === 0 ? 0 : Math.min(1, left / len);
      const [x0, y0] = line[i - 1]!;
      const [x1, y1] = line[i]!;
      return [round(x0 + u * (x1 - x0)), round(y0 + u * (y1 - y0))];
    }
    left -= len;
  }
  return line[0] ?? [0, 0];
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
