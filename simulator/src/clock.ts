/**
 * Local (Europe/Berlin) hour and weekday of a simulated instant, and the time-of-day profile of
 * the call rate. Germany's offsets are whole hours, so the answer only changes on UTC hour
 * boundaries and is cached per hour.
 */

const HOUR_MS = 3_600_000;
const format = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  hour: 'numeric',
  hourCycle: 'h23',
  weekday: 'short',
});
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface LocalTime {
  hour: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
}

let cachedHour = NaN;
let cached: LocalTime = { hour: 0, weekday: 0 };

export function localTime(t: number): LocalTime {
  const h = Math.floor(t / HOUR_MS);
  if (h !== cachedHour) {
    const parts = format.formatToParts(new Date(h * HOUR_MS));
    const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
    const weekday = WEEKDAYS.indexOf(parts.find((p) => p.type === 'weekday')?.value ?? 'Mon');
    cached = { hour, weekday: Math.max(0, weekday) };
    cachedHour = h;
  }
  return cached;
}

/** Calls per hour relative to the day's peak shape on a working day: quiet before dawn, busy in the evening. */
const WORKDAY = [
  0.6, 0.5, 0.4, 0.35, 0.3, 0.35, 0.55, 0.8, 0.95, 1.0, 1.0, 1.05, 1.1, 1.1, 1.15, 1.25, 1.35, 1.4, 1.4, 1.35,
  1.25, 1.1, 0.95, 0.8,
];

function rawFactor(weekday: number, hour: number): number {
  let f = WORKDAY[hour] ?? 1;
  const weekendNight = (weekday === 5 || weekday === 6) && hour < 6;
  const partyEvening = (weekday === 4 || weekday === 5) && hour >= 20;
  if (weekendNight) f *= 2.2;
  if (partyEvening) f *= 1.4;
  // Weekend mornings are quieter: less traffic, fewer shops open.
  if ((weekday === 5 || weekday === 6) && hour >= 6 && hour < 12) f *= 0.7;
  return f;
}

const WEEK_MEAN = (() => {
  let sum = 0;
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) sum += rawFactor(d, h);
  return sum / 168;
})();

/** The rate factor at local time; its mean over a week is exactly 1, so `--rate` is the weekly average. */
export function rateFactor(t: number): number {
  const { weekday, hour } = localTime(t);
  return rawFactor(weekday, hour) / WEEK_MEAN;
}
