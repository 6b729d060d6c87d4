/**
 * The speech-request queue: units whose request (5) or emergency (0) no operator has acknowledged
 * since it was raised. An emergency is a prioritised request, so emergencies lead; within each
 * kind the oldest request comes first. Filters never hide a request: nobody may miss one.
 * An emergency stays (latched by `emergencySince`) whatever status the unit sends afterwards.
 */
import { isOpenEmergency, isOpenRequest, openSince, type Unit } from '#shared/domain';

const byUrgencyThenAge = (a: Unit, b: Unit): number =>
  (isOpenEmergency(a) ? 0 : 1) - (isOpenEmergency(b) ? 0 : 1) || openSince(a) - openSince(b);

export function openRequests(units: Iterable<Unit>): Unit[] {
  const out: Unit[] = [];
  for (const u of units) if (isOpenRequest(u)) out.push(u);
  return out.sort(byUrgencyThenAge);
}

/** Open emergencies, newest first (the alarm follows the latest one). */
export function openEmergencies(units: Iterable<Unit>): Unit[] {
  const out: Unit[] = [];
  for (const u of units) if (isOpenEmergency(u)) out.push(u);
  return out.sort((a, b) => openSince(b) - openSince(a));
}
