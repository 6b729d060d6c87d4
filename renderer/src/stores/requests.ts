/**
 * The speech-request queue: units whose request (5) or emergency (0) no operator has acknowledged
 * since it was raised. An emergency is a prioritised request, so emergencies lead; within each
 * kind the oldest request comes first. Filters never hide a request: nobody may miss one.
 */
import { isOpenRequest, type Unit } from '#shared/domain';

const byUrgencyThenAge = (a: Unit, b: Unit): number =>
  (a.status === 0 ? 0 : 1) - (b.status === 0 ? 0 : 1) || a.statusSince - b.statusSince;

export function openRequests(units: Iterable<Unit>): Unit[] {
  const out: Unit[] = [];
  for (const u of units) if (isOpenRequest(u)) out.push(u);
  return out.sort(byUrgencyThenAge);
}

/** Open emergencies, newest first (the alarm follows the latest one). */
export function openEmergencies(units: Iterable<Unit>): Unit[] {
  const out: Unit[] = [];
  for (const u of units) if (u.status === 0 && isOpenRequest(u)) out.push(u);
  return out.sort((a, b) => b.statusSince - a.statusSince);
}
