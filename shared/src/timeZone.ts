/**
 * Wall-clock time in an IANA time zone ↔ UTC, with the platform's Intl tables (no time zone
 * library). Offsets are cached per quarter hour: since 2000 every zone changes its offset on a
 * quarter-hour boundary.
 */
import { idMap } from './idMap.ts';

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
}

const QUARTER = 15 * 60_000;
const HALF_DAY = 12 * 3600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** Throws a RangeError naming the zone when the platform does not know it. */
export function checkTimeZone(zone: string): void {
  formatter(zone);
}

function isUtc(zone: string): boolean {
  return zone === 'UTC' || zone === 'Etc/UTC' || zone === 'GMT';
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new RangeError(`unknown time zone "${zone}" (use an IANA name such as Europe/Berlin or UTC)`);
    }
    formatters.set(zone, f);
  }
  return f;
}

/** ISO 8601 wall-clock time with the zone's offset at that instant: "2011-11-09T14:04:00-08:00". */
export function localIso(utc: number, zone: string): string {
  const w = wallTimeAt(utc, zone);
  const off = Math.round(offsetAt(utc, zone) / 60_000);
  const p = (n: number, l = 2) => String(n).padStart(l, '0');
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const ms = w.ms ? `.${p(w.ms, 3)}` : '';
  return `${p(w.year, 4)}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}${ms}${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`;
}

/** The wall-clock time at an instant in a zone. */
export function wallTimeAt(utc: number, zone: string): WallTime {
  const local = utc + offsetAt(utc, zone);
  const d = new Date(local);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
  };
}

/** Milliseconds to add to UTC to get the wall-clock time in the zone at that instant. */
export function offsetAt(utc: number, zone: string): number {
  if (isUtc(zone)) return 0;
  const key = `${zone}|${Math.floor(utc / QUARTER)}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const at = Math.floor(utc / QUARTER) * QUARTER;
  const parts: Record<string, number> = idMap();
  for (const p of formatter(zone).formatToParts(at))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    // Some ICU versions write midnight as 24 even with h23.
    (parts.hour ?? 0) % 24,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  const offset = wall - at;
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

export type GapPolicy = 'error' | 'shift';

/**
 * The instant at which the zone's clocks showed the wall time. A repeated wall time (clocks turned
 * back) gives the earlier instant. A skipped one (clocks turned forward) returns undefined, or with
 * 'shift' the instant the same distance after the change (as if the clock had not been turned).
 */
export function zonedToUtc(t: WallTime, zone: string, gap: GapPolicy = 'error'): number | undefined {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second, t.ms);
  if (isUtc(zone)) return wall;
  const before = offsetAt(wall - HALF_DAY, zone);
  const after = offsetAt(wall + HALF_DAY, zone);
  let best: number | undefined;
  for (const o of before === after ? [before] : [before, after]) {
    const utc = wall - o;
    if (offsetAt(utc, zone) === o && (best === undefined || utc < best)) best = utc;
  }
  if (best === undefined && gap === 'shift') return wall - before;
  return best;
}

/** "YYYY-MM-DD" of the instant in the zone. */
export function localDay(utc: number, zone: string): string {
  const w = wallTimeAt(utc, zone);
  return `${String(w.year).padStart(4, '0')}-${pad(w.month)}-${pad(w.day)}`;
}

/** The first instant of the local day after the one containing utc. */
export function nextLocalMidnight(utc: number, zone: string): number {
  const w = wallTimeAt(utc, zone);
  const next = new Date(Date.UTC(w.year, w.month - 1, w.day + 1));
  const midnight = { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
  return zonedToUtc({ ...midnight, hour: 0, minute: 0, second: 0, ms: 0 }, zone, 'shift')!;
}

const pad = (n: number): string => String(n).padStart(2, '0');
