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
