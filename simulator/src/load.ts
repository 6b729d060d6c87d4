/**
 * Does the incident rate fit the fleet? An estimate at start (from the call mix) and a check while
 * running (incidents waiting for a free unit), so a high --rate never drowns the picture silently.
 */
import { CALL_TYPES, type Priority } from '#shared/domain';
import { CALL_MIX, TRANSPORT_SHARE, unitsNeeded } from './calltypes.ts';
import type { SimState } from './state.ts';

/** Driving to the scene, and for a transport the drive to the station and the hand-over (hours). */
const TRAVEL_H = 0.2;
const TRANSPORT_H = 0.45;
/** Above this share of the fleet busy on average, evening peaks leave nobody free. */
const BUSY_LIMIT = 0.65;

/** Unit-hours one call ties up on average over the call mix. */
export function unitHoursPerCall(): number {
  let weights = 0;
  let hours = 0;
  for (const type of CALL_TYPES) {
    const info = CALL_MIX[type];
    const pw = info.priority.reduce((a, b) => a + b, 0);
    let units = 0;
    info.priority.forEach((w, i) => (units += (w / pw) * unitsNeeded(type, (i + 1) as Priority)));
    const onScene = (info.onScene[0] + info.onScene[1]) / 2 / 60;
    hours += info.weight * (units * (onScene + TRAVEL_H) + (TRANSPORT_SHARE[type] ?? 0) * TRANSPORT_H);
    weights += info.weight;
  }
  return hours / weights;
}

/**
 * A warning when `ratePerHour` would keep more than 65 % of the fleet busy on average (Little's law:
 * busy units = calls per hour × unit-hours per call); the evening peaks then leave no unit free.
 */
export function rateWarning(ratePerHour: number, units: number): string | undefined {
  const per = unitHoursPerCall();
  const busy = ratePerHour * per;
  if (busy <= BUSY_LIMIT * units) return undefined;
  const fits = Math.floor((BUSY_LIMIT * units) / per);
  return (
    `[sim] warning: --rate ${ratePerHour} outgrows ${units} units: about ${Math.round(busy)} units ` +
    `would be busy on average, more at the evening peaks, so incidents will wait for a free unit ` +
    `(this fleet fits about --rate ${fits}; or raise --units)`
  );
}

/** Incidents waiting for a unit beyond this many (at least 3, or a tenth of the fleet) mean overload. */
export function waitingWarning(s: SimState): string | undefined {
  const limit = Math.max(3, Math.ceil(s.units.length / 10));
  if (s.pending.length < limit) return undefined;
  const oldest = Math.min(...s.pending.map((id) => s.incidents.get(id)?.opened ?? s.now));
  return (
    `[sim] warning: ${s.pending.length} incidents wait for a free unit (the oldest for ` +
    `${Math.round((s.now - oldest) / 60_000)} min): the incident rate outgrows the fleet`
  );
}
