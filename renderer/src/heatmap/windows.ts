/**
 * Heatmap time windows: presets resolved to [from, to) at a given instant, and the period a window
 * is compared against. Shift presets and "one week earlier" count in the data's wall-clock time
 * (`zone`: Berlin live, an imported dataset's own zone in its replay, as the replay clock shows it),
 * so the night shift before a daylight-saving change is compared with the same shift hours a week before.
 */
import { berlinToEpoch, berlinWallClock, shiftStartIn } from '../charts/shift.ts';
import { TIME_ZONE } from '../i18n/i18n.ts';
import { epochOfWallClock, wallClockIn } from '../i18n/zonedTime.ts';

/** Wall clock of the zone (Berlin through the shift helpers, as before datasets had zones). */
const wallIn = (zone: string, t: number) => (zone === TIME_ZONE ? berlinWallClock(t) : wallClockIn(zone, t));
const epochIn = (zone: string, year: number, month: number, day: number, hour: number): number =>
  zone === TIME_ZONE
    ? berlinToEpoch(year, month, day, hour)
    : epochOfWallClock(zone, { year, month, day, hour, minute: 0 });

export const WINDOW_PRESETS = ['hour', 'day', 'week', 'shift', 'lastNight', 'custom'] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

export interface TimeWindow {
  from: number;
  to: number;
}

const HOUR = 3_600_000;
/** The night shift runs 22:00-06:00 local time. */
const NIGHT_START = 22;
const NIGHT_END = 6;

/** The window a preset covers at `now` in `zone`; `custom` returns the custom window unchanged. */
export function resolveWindow(
  preset: WindowPreset,
  now: number,
  custom?: TimeWindow,
  zone: string = TIME_ZONE,
): TimeWindow {
  switch (preset) {
    case 'hour':
      return { from: now - HOUR, to: now };
    case 'day':
      return { from: now - 24 * HOUR, to: now };
    case 'week':
      return { from: now - 7 * 24 * HOUR, to: now };
    case 'shift':
      return { from: shiftStartIn(now, zone), to: now };
    case 'lastNight':
      return lastNightShift(now, zone);
    case 'custom':
      if (!custom || !(custom.to > custom.from)) throw new Error('custom window: "to" must be after "from"');
      return custom;
  }
}

/** The most recent night shift (22-06) that has ended by `now`, or the running one if it is night. */
export function lastNightShift(now: number, zone: string = TIME_ZONE): TimeWindow {
  const w = wallIn(zone, now);
  const running = w.hour >= NIGHT_START || w.hour < NIGHT_END;
  const startDay = dayOffset(w, w.hour >= NIGHT_START ? 0 : -1);
  const from = epochIn(zone, startDay.year, startDay.month, startDay.day, NIGHT_START);
  if (running) return { from, to: now };
  const endDay = addDays(startDay, 1);
  return { from, to: epochIn(zone, endDay.year, endDay.month, endDay.day, NIGHT_END) };
}

interface Day {
  year: number;
  month: number;
  day: number;
}

function dayOffset(w: Day, days: number): Day {
  return addDays({ year: w.year, month: w.month, day: w.day }, days);
}

function addDays(d: Day, days: number): Day {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + days * 86_400_000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The same wall-clock instant of the zone `days` days earlier (DST-safe to the minute). */
export function wallClockDaysBefore(epochMs: number, days: number, zone: string = TIME_ZONE): number {
  const w = wallIn(zone, epochMs);
  const d = addDays(w, -days);
  const rest = (w.minute * 60 + w.second) * 1000 + (epochMs % 1000);
  return epochIn(zone, d.year, d.month, d.day, w.hour) + rest;
}

/** The period a window is compared with: the same wall-clock hours one week earlier. */
export function weekBefore(w: TimeWindow, zone: string = TIME_ZONE): TimeWindow {
  return { from: wallClockDaysBefore(w.from, 7, zone), to: wallClockDaysBefore(w.to, 7, zone) };
}

/** What a window is compared with: the same hours a week or a day earlier, or the period right before. */
export const COMPARE_BASES = ['week', 'day', 'previous'] as const;
export type CompareBase = (typeof COMPARE_BASES)[number];

export function baseWindow(w: TimeWindow, base: CompareBase, zone: string = TIME_ZONE): TimeWindow {
  if (base === 'week') return weekBefore(w, zone);
  if (base === 'day')
    return { from: wallClockDaysBefore(w.from, 1, zone), to: wallClockDaysBefore(w.to, 1, zone) };
  return { from: w.from - (w.to - w.from), to: w.from };
}

/** Ready-made comparisons: a window preset and what it is compared with. */
export const COMPARE_PRESETS = {
  nightVsLastWeek: { preset: 'lastNight', base: 'week' },
  shiftVsLastWeek: { preset: 'shift', base: 'week' },
  dayVsDayBefore: { preset: 'day', base: 'previous' },
  weekVsWeekBefore: { preset: 'week', base: 'previous' },
} as const satisfies Record<string, { preset: WindowPreset; base: CompareBase }>;
export type ComparePreset = keyof typeof COMPARE_PRESETS;

/** `YYYY-MM-DDTHH:mm` (an `<input type="datetime-local">` value) read as Berlin wall-clock time. */
export function parseBerlinLocal(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  return berlinToEpoch(y, mo, d, h) + mi * 60_000;
}

export function formatBerlinLocal(epochMs: number): string {
  const w = berlinWallClock(epochMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`;
}
