/**
 * Heatmap time windows: presets resolved to [from, to) at a given instant, and the period a window
 * is compared against. Shift presets and "one week earlier" count in Berlin wall-clock time, so the
 * night shift before a daylight-saving change is compared with the same shift hours a week before.
 */
import { berlinToEpoch, berlinWallClock, shiftStart } from '../charts/shift.ts';

export const WINDOW_PRESETS = ['hour', 'day', 'week', 'shift', 'lastNight', 'custom'] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

export interface TimeWindow {
  from: number;
  to: number;
}

const HOUR = 3_600_000;
/** The night shift runs 22:00-06:00 Berlin time. */
const NIGHT_START = 22;
const NIGHT_END = 6;

/** The window a preset covers at `now`; `custom` returns the custom window unchanged. */
export function resolveWindow(preset: WindowPreset, now: number, custom?: TimeWindow): TimeWindow {
  switch (preset) {
    case 'hour':
      return { from: now - HOUR, to: now };
    case 'day':
      return { from: now - 24 * HOUR, to: now };
    case 'week':
      return { from: now - 7 * 24 * HOUR, to: now };
    case 'shift':
      return { from: shiftStart(now), to: now };
    case 'lastNight':
      return lastNightShift(now);
    case 'custom':
      if (!custom || !(custom.to > custom.from)) throw new Error('custom window: "to" must be after "from"');
      return custom;
  }
}

/** The most recent night shift (22-06) that has ended by `now`, or the running one if it is night. */
export function lastNightShift(now: number): TimeWindow {
  const w = berlinWallClock(now);
  const running = w.hour >= NIGHT_START || w.hour < NIGHT_END;
  const startDay = dayOffset(w, w.hour >= NIGHT_START ? 0 : -1);
  const from = berlinToEpoch(startDay.year, startDay.month, startDay.day, NIGHT_START);
  if (running) return { from, to: now };
  const endDay = addDays(startDay, 1);
  return { from, to: berlinToEpoch(endDay.year, endDay.month, endDay.day, NIGHT_END) };
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

/** The same Berlin wall-clock instant `days` days earlier (DST-safe to the minute). */
export function wallClockDaysBefore(epochMs: number, days: number): number {
  const w = berlinWallClock(epochMs);
  const d = addDays(w, -days);
  const rest = (w.minute * 60 + w.second) * 1000 + (epochMs % 1000);
  return berlinToEpoch(d.year, d.month, d.day, w.hour) + rest;
}

/** The period a window is compared with: the same wall-clock hours one week earlier. */
export function weekBefore(w: TimeWindow): TimeWindow {
  return { from: wallClockDaysBefore(w.from, 7), to: wallClockDaysBefore(w.to, 7) };
}

/** What a window is compared with: the same hours a week or a day earlier, or the period right before. */
export const COMPARE_BASES = ['week', 'day', 'previous'] as const;
export type CompareBase = (typeof COMPARE_BASES)[number];

export function baseWindow(w: TimeWindow, base: CompareBase): TimeWindow {
  if (base === 'week') return weekBefore(w);
  if (base === 'day') return { from: wallClockDaysBefore(w.from, 1), to: wallClockDaysBefore(w.to, 1) };
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
