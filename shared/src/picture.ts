import type { Incident, Unit } from './domain.ts';
import { idMap } from './idMap.ts';

/**
 * The current picture: everything a dashboard shows, folded from the event log. Plain JSON; the
 * maps have no prototype (idMap.ts), so an id like `constructor` never reads an inherited member.
 */
export interface Picture {
  /** Sequence number of the last event folded in (0 = empty log). */
  seq: number;
  units: Record<string, Unit>;
  incidents: Record<string, Incident>;
}

export const emptyPicture = (): Picture => ({ seq: 0, units: idMap(), incidents: idMap() });

/** Closed incidents stay in the picture this long after closure (for KPIs of the shift), then drop out. */
export const CLOSED_INCIDENT_RETENTION_MS = 12 * 3600_000;

/** Default silence after which a unit counts as stale. */
export const DEFAULT_STALE_AFTER_MS = 60_000;

/** Staleness is derived, never stored: the same rule gives the same answer live and in replay. */
export function isStale(unit: Unit, now: number, staleAfterMs: number): boolean {
  const last = unit.position?.time;
  return last === undefined || now - last > staleAfterMs;
}
