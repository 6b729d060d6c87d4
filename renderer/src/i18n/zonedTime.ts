/**
 * Wall-clock time in any IANA zone, and the date-time fields of the UI (issue 16): typed and shown
 * in the UI language's own format — German "07.12.2026 14:30", English (en-GB) "07/12/2026 14:30" —
 * never the US order, and read in the zone the times are shown in.
 */
import { offsetAt as zoneOffsetAt, wallTimeAt, zonedToUtc } from '#shared/timeZone';
import type { Language } from '../stores/settingsStore.ts';

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** The wall-clock time at an instant in the zone (the arithmetic is shared/src/timeZone.ts, as the server's). */
export const wallClockIn = (zone: string, epochMs: number): WallTime & { second: number } =>
  wallTimeAt(epochMs, zone);

/** The zone's offset from UTC at that instant, in ms (UTC-8 → -28 800 000). */
export const offsetAt = (zone: string, epochMs: number): number => zoneOffsetAt(epochMs, zone);

/**
 * The instant a wall-clock time in the zone names. In the hour skipped by a change to summer time
 * it is read with the offset before the change; in the repeated hour of the change back, the first.
 */
export function epochOfWallClock(zone: string, w: WallTime): number {
  const t = { ...w, second: 0, ms: 0 };
  return zonedToUtc(t, zone, 'shift') ?? Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
}

/** "GMT-8", "MEZ"…: the zone's short name at that instant in the UI language. */
export function zoneAbbreviation(lang: Language, zone: string, epochMs: number): string {
  const f = new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: zone,
    timeZoneName: 'short',
  });
  return f.formatToParts(epochMs).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

/** The zone named for the UI: "America/Los_Angeles (GMT-8)". */
export const zoneLabel = (lang: Language, zone: string, epochMs: number): string =>
  `${zone} (${zoneAbbreviation(lang, zone, epochMs)})`;

const pad = (n: number) => String(n).padStart(2, '0');

/** The date-time field's text: "07.12.2026 14:30" (de) or "07/12/2026 14:30" (en). */
export function formatDateTimeField(lang: Language, zone: string, epochMs: number): string {
  const w = wallClockIn(zone, epochMs);
  const sep = lang === 'de' ? '.' : '/';
  return `${pad(w.day)}${sep}${pad(w.month)}${sep}${w.year} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** The placeholder that shows the expected order. */
export const dateTimeFieldPattern = (lang: Language): string =>
  lang === 'de' ? 'TT.MM.JJJJ HH:MM' : 'DD/MM/YYYY HH:MM';

/**
 * Reads a date-time field in the language's order (day first in both; "." in German, "/" in English,
 * either accepted), as wall-clock time in the zone; null when it is not a real date and time.
 */
export function parseDateTimeField(text: string, zone: string): number | null {
  const m = /^\s*(\d{1,2})[./](\d{1,2})[./](\d{4}),?\s+(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return null;
  // A day that does not exist in that month (31.02.) is refused, not rolled over.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  return epochOfWallClock(zone, { year, month, day, hour, minute });
}
