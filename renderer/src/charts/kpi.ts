/**
 * KPI maths for the panels, as pure functions of the picture and a clock, so each can be checked
 * against hand-computed cases. Windows are half-open: [from, to).
 */
import { CALL_TYPES, type CallType, type Incident } from '#shared/domain';

export const HOUR_MS = 3_600_000;

/** The median, or null for no values (the panel then shows a dash, not a 0). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export type Milestone = 'dispatched' | 'firstOnScene';

/**
 * Time from opening to the milestone for every incident whose milestone fell in the window. Counted
 * when the milestone happens, so the KPI moves as soon as a unit is sent or arrives.
 */
export function timesTo(
  incidents: Iterable<Incident>,
  milestone: Milestone,
  from: number,
  to: number,
): number[] {
  const out: number[] = [];
  for (const inc of incidents) {
    const at = inc.times[milestone];
    if (at === undefined || at < from || at >= to) continue;
    out.push(Math.max(0, at - inc.times.opened));
  }
  return out;
}

export interface MedianKpi {
  median: number | null;
  /** How many incidents the median is over. */
  n: number;
}

export function medianTimeTo(
  incidents: Iterable<Incident>,
  milestone: Milestone,
  from: number,
  to: number,
): MedianKpi {
  const values = timesTo(incidents, milestone, from, to);
  return { median: median(values), n: values.length };
}

export interface HourBucket {
  /** Start of the hour, epoch ms. */
  start: number;
  count: number;
}

/**
 * Incidents opened per clock hour, oldest first, ending with the hour `now` is in. Berlin's offset
 * is a whole number of hours, so UTC hour boundaries are Berlin hour boundaries too.
 */
export function incidentsPerHour(incidents: Iterable<Incident>, now: number, hours = 24): HourBucket[] {
  const last = Math.floor(now / HOUR_MS) * HOUR_MS;
  const first = last - (hours - 1) * HOUR_MS;
  const buckets = Array.from({ length: hours }, (_, i) => ({ start: first + i * HOUR_MS, count: 0 }));
  for (const inc of incidents) {
    const opened = inc.times.opened;
    if (opened < first || opened >= last + HOUR_MS) continue;
    const b = buckets[Math.floor((opened - first) / HOUR_MS)];
    if (b) b.count++;
  }
  return buckets;
}

export interface TypeCount {
  type: CallType;
  count: number;
}

/** Incidents opened in the window per call type, most frequent first (ties in CALL_TYPES order). */
export function incidentsByType(incidents: Iterable<Incident>, from: number, to: number): TypeCount[] {
  const counts = new Map<CallType, number>();
  for (const inc of incidents) {
    if (inc.times.opened < from || inc.times.opened >= to) continue;
    counts.set(inc.type, (counts.get(inc.type) ?? 0) + 1);
  }
  return CALL_TYPES.flatMap((type) => {
    const count = counts.get(type);
    return count ? [{ type, count }] : [];
  }).sort((a, b) => b.count - a.count);
}

export function openIncidentCount(incidents: Iterable<Incident>): number {
  let n = 0;
  for (const inc of incidents) if (inc.state !== 'abgeschlossen') n++;
  return n;
}

/**
 * Server counts (from the log, complete up to when they were asked) joined with the picture's
 * (current, but without closed incidents older than 12 h). Both count distinct incidents really
 * opened in a bucket, so each is a lower bound of the truth and their maximum the best one: exact
 * once the server has been asked again, never behind the picture in between.
 */
export function mergeHourly(server: readonly HourBucket[] | null, live: readonly HourBucket[]): HourBucket[] {
  if (!server) return [...live];
  const byStart = new Map(server.map((b) => [b.start, b.count]));
  return live.map((b) => ({ start: b.start, count: Math.max(b.count, byStart.get(b.start) ?? 0) }));
}

export function mergeByType(server: readonly TypeCount[] | null, live: readonly TypeCount[]): TypeCount[] {
  if (!server) return [...live];
  const counts = new Map<CallType, number>();
  for (const x of [...server, ...live]) counts.set(x.type, Math.max(counts.get(x.type) ?? 0, x.count));
  return CALL_TYPES.flatMap((type) => {
    const count = counts.get(type);
    return count ? [{ type, count }] : [];
  }).sort((a, b) => b.count - a.count);
}

/** The 24 clock hours the charts show: from the start of the hour 23 h before now's to the end of now's. */
export function dayWindow(now: number, hours = 24): { from: number; to: number } {
  const last = Math.floor(now / HOUR_MS) * HOUR_MS;
  return { from: last - (hours - 1) * HOUR_MS, to: last + HOUR_MS };
}
