/**
 * The incident list's pure logic: open incidents waiting for a unit first, then by priority and
 * age, and the "no unit yet" warning.
 */
import type { Incident } from '#shared/domain';
import { incidentMatches, type Filter } from '../../stores/filters.ts';

const waiting = (i: Incident): number => (i.units.length === 0 ? 0 : 1);
const byPriorityThenAge = (a: Incident, b: Incident): number =>
  waiting(a) - waiting(b) ||
  a.priority - b.priority ||
  a.times.opened - b.times.opened ||
  a.number.localeCompare(b.number);

export function openIncidentList(incidents: Iterable<Incident>, filter: Filter): Incident[] {
  const out: Incident[] = [];
  for (const inc of incidents)
    if (inc.state !== 'abgeschlossen' && incidentMatches(inc, filter)) out.push(inc);
  return out.sort(byPriorityThenAge);
}

/** An open incident that has had no unit for at least `warnMin` minutes since it was opened. */
export const needsUnit = (inc: Incident, now: number, warnMin: number): boolean =>
  inc.state !== 'abgeschlossen' && inc.units.length === 0 && now - inc.times.opened >= warnMin * 60_000;

export interface WaitingSummary {
  /** Open incidents without any unit. */
  waiting: number;
  /** How long the one waiting longest has waited (since it was opened), or null when none waits. */
  longestMs: number | null;
}

/** The wall's lead line: how many open incidents wait for a unit and the longest wait. */
export function waitingSummary(open: Iterable<Incident>, now: number): WaitingSummary {
  let waitingN = 0;
  let oldest = Infinity;
  for (const inc of open) {
    if (inc.state === 'abgeschlossen' || inc.units.length > 0) continue;
    waitingN++;
    oldest = Math.min(oldest, inc.times.opened);
  }
  return { waiting: waitingN, longestMs: waitingN ? Math.max(0, now - oldest) : null };
}
