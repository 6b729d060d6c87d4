/**
 * The query parameters of OGC API – Features, Part 1: Core (OGC 17-069r4) for /ogc/collections/{id}/items:
 * `bbox` (4 or 6 numbers, CRS84, a west edge east of the east edge crosses the antimeridian),
 * `datetime` (an RFC 3339 instant or an interval with `..` or empty open ends), `limit` (1-10000,
 * default 10; more than the maximum is used as the maximum, /req/core/fc-limit-response), `offset`
 * (our paging links) and `f`. Any other parameter is refused (/req/core/query-param-unknown), every
 * bad value answers 400 naming the problem (/req/core/query-param-invalid).
 */
import { HttpError } from './respond.ts';

export const LIMIT_DEFAULT = 10;
export const LIMIT_MAX = 10_000;

export interface BBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** A closed interval of epoch ms; an open end is ±Infinity. */
export interface TimeInterval {
  from: number;
  to: number;
}

export type Format = 'geojson' | 'json';

export interface ItemsQuery {
  bbox?: BBox;
  datetime?: TimeInterval;
  limit: number;
  offset: number;
  format: Format;
}

const ITEMS_PARAMS = new Set(['bbox', 'datetime', 'limit', 'offset', 'f']);

export const invalid = (message: string) =>
  new HttpError(400, message, { code: 'InvalidParameterValue', description: message });

/** Refuses parameters other than `allowed` (OGC 17-069r4 /req/core/query-param-unknown). */
export function onlyParams(url: URL, allowed: ReadonlySet<string>): void {
  for (const name of url.searchParams.keys())
    if (!allowed.has(name))
      throw invalid(
        `unknown query parameter "${name.slice(0, 40)}" (this resource takes ${[...allowed].join(', ') || 'none'})`,
      );
}

export function formatParam(url: URL, allowGeojson: boolean): Format {
  const f = url.searchParams.get('f');
  if (f === null || f === '') return allowGeojson ? 'geojson' : 'json';
  if (f === 'json' || (allowGeojson && f === 'geojson')) return f;
  throw invalid(`f must be ${allowGeojson ? 'geojson or json' : 'json'}, got "${f.slice(0, 40)}"`);
}

export function itemsQuery(url: URL): ItemsQuery {
  onlyParams(url, ITEMS_PARAMS);
  const bbox = url.searchParams.get('bbox');
  const datetime = url.searchParams.get('datetime');
  return {
    ...(bbox !== null ? { bbox: parseBbox(bbox) } : {}),
    ...(datetime !== null ? { datetime: parseDatetime(datetime) } : {}),
    limit: Math.min(wholeNumber(url, 'limit', LIMIT_DEFAULT, 1), LIMIT_MAX),
    offset: wholeNumber(url, 'offset', 0, 0),
    format: formatParam(url, true),
  };
}

function wholeNumber(url: URL, name: string, def: number, min: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return def;
  const n = /^\d{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min)
    throw invalid(`${name} must be a whole number ≥ ${min}, got "${raw.slice(0, 40)}"`);
  return n;
}

/** `minLon,minLat,maxLon,maxLat` or with heights `minLon,minLat,minH,maxLon,maxLat,maxH` (heights ignored). */
export function parseBbox(raw: string): BBox {
  const parts = raw.split(',');
  const n = parts.map((p) => (p.trim() === '' ? NaN : Number(p)));
  if ((n.length !== 4 && n.length !== 6) || n.some((x) => !Number.isFinite(x)))
    throw invalid(
      `bbox must be 4 or 6 comma-separated numbers (minLon,minLat,maxLon,maxLat in WGS 84), got "${raw.slice(0, 80)}"`,
    );
  const [west, south, east, north] = (n.length === 4 ? n : [n[0], n[1], n[3], n[4]]) as number[] as [
    number,
    number,
    number,
    number,
  ];
  for (const [name, v] of [
    ['minLon', west],
    ['maxLon', east],
  ] as const)
    if (v < -180 || v > 180) throw invalid(`bbox: ${name} ${v} is outside -180..180`);
  for (const [name, v] of [
    ['minLat', south],
    ['maxLat', north],
  ] as const)
    if (v < -90 || v > 90) throw invalid(`bbox: ${name} ${v} is outside -90..90`);
  if (south > north) throw invalid(`bbox: minLat ${south} is north of maxLat ${north}`);
  return { west, south, east, north };
}

export function inBbox(b: BBox, lon: number, lat: number): boolean {
  if (lat < b.south || lat > b.north) return false;
  // West east of east: the box crosses the antimeridian (OGC 17-069r4, 7.15.3).
  return b.west <= b.east ? lon >= b.west && lon <= b.east : lon >= b.west || lon <= b.east;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** An instant, a closed interval, or a half-open one (`..` or empty for the open end). */
export function parseDatetime(raw: string): TimeInterval {
  const parts = raw.split('/');
  if (parts.length === 1) {
    const t = instant(raw, raw);
    return { from: t.start, to: t.end };
  }
  if (parts.length !== 2)
    throw invalid(`datetime must be an instant or one interval a/b, got "${raw.slice(0, 80)}"`);
  const [a, b] = parts as [string, string];
  const open = (s: string) => s === '' || s === '..';
  if (open(a) && open(b)) throw invalid('datetime: an interval needs at least one end');
  const from = open(a) ? -Infinity : instant(a, raw).start;
  const to = open(b) ? Infinity : instant(b, raw).end;
  if (from > to) throw invalid(`datetime: the interval ends before it starts ("${raw.slice(0, 80)}")`);
  return { from, to };
}

/** An RFC 3339 date-time (one instant) or a full date (the whole day, UTC). */
function instant(s: string, whole: string): { start: number; end: number } {
  const ms = DATE_TIME.test(s) || DATE.test(s) ? Date.parse(s) : NaN;
  if (!Number.isFinite(ms) || !validCalendar(s))
    throw invalid(
      `datetime must be RFC 3339 (e.g. 2026-12-07T08:00:00Z, 2026-12-07T08:00:00Z/.., ../2026-12-07T09:00:00Z), got "${whole.slice(0, 80)}"`,
    );
  return DATE.test(s) ? { start: ms, end: ms + DAY_MS - 1 } : { start: ms, end: ms };
}

/** Date.parse rolls 2026-02-30 over to March; RFC 3339 does not. */
function validCalendar(s: string): boolean {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}

export const overlaps = (q: TimeInterval, from: number, to: number): boolean => from <= q.to && to >= q.from;
