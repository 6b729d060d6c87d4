/**
 * Shift boundaries in German local time. A control room works in three shifts (06-14, 14-22, 22-06
 * Europe/Berlin); "this shift" KPIs start at the last boundary, whatever the machine's zone and
 * across daylight-saving changes (which fall into the night shift).
 */
import { idMap } from '#shared/idMap';
import { TIME_ZONE } from '../i18n/i18n.ts';
import { epochOfWallClock, wallClockIn } from '../i18n/zonedTime.ts';

export const SHIFT_HOURS = [6, 14, 22] as const;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export interface WallClock {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function berlinWallClock(epochMs: number): WallClock {
  const p: Record<string, number> = idMap();
  for (const { type, value } of parts.formatToParts(epochMs)) p[type] = Number(value);
  return {
    year: p['year'] ?? 0,
    month: p['month'] ?? 0,
    day: p['day'] ?? 0,
    hour: p['hour'] ?? 0,
    minute: p['minute'] ?? 0,
    second: p['second'] ?? 0,
  };
}

/** Berlin's offset from UTC at that instant, in ms (+1 h in winter, +2 h in summer). */
export function berlinOffsetMs(epochMs: number): number {
  const w = berlinWallClock(epochMs);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant a Berlin wall-clock time names (the later one if the hour was repeated). */
export function berlinToEpoch(year: number, month: number, day: number, hour: number): number {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - berlinOffsetMs(guess);
  return guess - berlinOffsetMs(first);
}

/** Start of the shift that `now` falls in. */
export function shiftStart(now: number, hours: readonly number[] = SHIFT_HOURS): number {
  const w = berlinWallClock(now);
  const sorted = [...hours].sort((a, b) => a - b);
  const today = sorted.filter((h) => h <= w.hour).at(-1);
  if (today !== undefined) return berlinToEpoch(w.year, w.month, w.day, today);
  // Before the first boundary of the day: the shift began yesterday at the last boundary.
  const y = new Date(Date.UTC(w.year, w.month - 1, w.day) - 86_400_000);
  return berlinToEpoch(y.getUTCFullYear(), y.getUTCMonth() + 1, y.getUTCDate(), sorted.at(-1) ?? 0);
}

/**
 * Start of the shift `now` falls in, counted in another zone's local time: the shifts of an imported
 * dataset are its own region's (a Seattle dataset's day shift starts 06:00 in Seattle).
 */
export function shiftStartIn(now: number, zone: string, hours: readonly number[] = SHIFT_HOURS): number {
  if (zone === TIME_ZONE) return shiftStart(now, hours);
  const w = wallClockIn(zone, now);
  const sorted = [...hours].sort((a, b) => a - b);
  const today = sorted.filter((h) => h <= w.hour).at(-1);
  if (today !== undefined) return epochOfWallClock(zone, { ...w, hour: today, minute: 0 });
  const y = new Date(Date.UTC(w.year, w.month - 1, w.day) - 86_400_000);
  const last = sorted.at(-1) ?? 0;
  return epochOfWallClock(zone, {
    year: y.getUTCFullYear(),
    month: y.getUTCMonth() + 1,
    day: y.getUTCDate(),
    hour: last,
    minute: 0,
  });
}
