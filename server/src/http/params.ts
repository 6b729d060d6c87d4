/**
 * Query parameters of the API. Every time and time window goes through timeParam / timeWindow, so
 * each has bounds and a documented maximum span (docs/security.md#limits): a time far outside the
 * bounds once made the replay audit walk billions of hours (issue 13, point 3).
 */
import { CALL_TYPES, PRIORITIES, type CallType, type Priority } from '#shared/domain';
import { zonedToUtc } from '#shared/timeZone';
import { HttpError } from './respond.ts';

const DAY_MS = 86_400_000;

/** Earliest accepted time: 1970-01-01T00:00:00Z (no data of ours is older). */
export const TIME_MIN_MS = 0;
/** Latest accepted time: 2100-01-01T00:00:00Z. */
export const TIME_MAX_MS = Date.UTC(2100, 0, 1);

/** The longest window of each route family, in days (docs/security.md#limits lists them). */
export const WINDOW_MAX_DAYS = {
  /** Replay periods (events, incidents, counts; stats/history of a dataset): a whole dataset such as 2010-2015. */
  replay: 3653,
  /** Heatmaps and their comparison base. */
  heatmap: 400,
  /** Incidents per hour and availability series. */
  stats: 7,
  /** GeoJSON/CSV exports of a period. */
  export: 31,
} as const;
export type WindowKind = keyof typeof WINDOW_MAX_DAYS;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;
const BOUNDS_TEXT = '1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z';

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:mm[:ss[.sss]]` without an offset: a wall-clock time. */
const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/**
 * An optional time query parameter: epoch ms or ISO 8601, within TIME_MIN_MS..TIME_MAX_MS. An ISO
 * date or date-time without an offset is `zone`'s wall-clock time (a dataset's: `from=2011-01-01` is
 * midnight where the data comes from; the live log's: the control room's), never the zone the
 * server process happens to run in. Every caller names its zone.
 */
export function optionalTimeParam(url: URL, name: string, zone: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  const local = LOCAL_ISO.exec(raw);
  // Date.parse alone also takes loose text ("-5" is May 2001): anything but digits must be ISO 8601.
  const ms = local
    ? wallClockParam(name, raw, local, zone)
    : /^\d+$/.test(raw)
      ? Number(raw)
      : ISO_DATE.test(raw)
        ? Date.parse(raw)
        : NaN;
  if (!Number.isFinite(ms))
    throw new HttpError(400, `${name} must be epoch ms or an ISO 8601 date-time, got "${raw.slice(0, 40)}"`);
  if (ms < TIME_MIN_MS || ms > TIME_MAX_MS)
    throw new HttpError(
      400,
      `${name} is out of bounds: times must lie from ${BOUNDS_TEXT} (epoch ms ${TIME_MIN_MS} to ${TIME_MAX_MS})`,
    );
  return Math.round(ms);
}

function wallClockParam(name: string, raw: string, m: RegExpExecArray, zone: string): number {
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  // Date.UTC would roll 31 April over into May: such a day is refused, not moved.
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > days || hour > 23 || minute > 59 || second > 59)
    throw new HttpError(400, `${name} "${raw}" is not a date-time`);
  const utc = zonedToUtc({ year, month, day, hour, minute, second, ms }, zone);
  if (utc === undefined)
    throw new HttpError(400, `${name} "${raw}" does not exist in ${zone} (the clocks were turned forward)`);
  return utc;
}

/** A required time query parameter: epoch ms or ISO 8601, within the bounds (zone: see optionalTimeParam). */
export function timeParam(url: URL, name: string, zone: string): number {
  const ms = optionalTimeParam(url, name, zone);
  if (ms === undefined) throw new HttpError(400, `${name} is required (epoch ms or ISO 8601)`);
  return ms;
}

/**
 * A required window `fromName` < `toName`, at most WINDOW_MAX_DAYS[kind] long; `zone` reads times
 * without an offset as its wall clock (optionalTimeParam).
 */
export function timeWindow(
  url: URL,
  kind: WindowKind,
  zone: string,
  fromName = 'from',
  toName = 'to',
): { from: number; to: number } {
  const from = timeParam(url, fromName, zone);
  const to = timeParam(url, toName, zone);
  if (to <= from)
    throw new HttpError(400, `${toName} must be after ${fromName} (${fromName} ${from}, ${toName} ${to})`);
  checkSpan(kind, from, to, `${fromName}-${toName}`);
  return { from, to };
}

/** Throws 400 naming the limit when [from, to] is longer than the kind's maximum. */
export function checkSpan(kind: WindowKind, from: number, to: number, what = 'from-to'): void {
  const days = WINDOW_MAX_DAYS[kind];
  if (to - from > days * DAY_MS)
    throw new HttpError(
      400,
      `the window ${what} is longer than the ${kind} limit of ${days.toLocaleString('en')} days; choose a shorter period`,
    );
}

export function intParam(
  url: URL,
  name: string,
  def: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return def;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new HttpError(
      400,
      max === Number.MAX_SAFE_INTEGER
        ? `${name} must be a whole number ≥ ${min}`
        : `${name} must be a whole number from ${min} to ${max}`,
    );
  }
  return n;
}

export function numParam(url: URL, name: string, min: number, max: number): number {
  const raw = url.searchParams.get(name);
  const n = raw === null || raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new HttpError(400, `${name} must be a number from ${min} to ${max}`);
  return n;
}

/** An optional comma-separated list of call types; undefined when absent or empty. */
export function callTypesParam(url: URL, name: string): CallType[] | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  return raw.split(',').map((t) => {
    const type = t.trim();
    if (!(CALL_TYPES as readonly string[]).includes(type))
      throw new HttpError(
        400,
        `${name}: unknown call type "${type.slice(0, 40)}" (one of ${CALL_TYPES.join(', ')})`,
      );
    return type as CallType;
  });
}

/** An optional comma-separated list of priorities (1, 2, 3); undefined when absent or empty. */
export function prioritiesParam(url: URL, name: string): Priority[] | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw.trim() === '') return undefined;
  return raw.split(',').map((p) => {
    const n = Number(p.trim());
    if (!(PRIORITIES as readonly number[]).includes(n))
      throw new HttpError(400, `${name} must be a comma-separated list of 1, 2, 3`);
    return n as Priority;
  });
}
