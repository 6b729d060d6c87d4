/** The mutable state of a running scenario; only the scenario engine changes it. */
import type { CallType, FmsStatus, Priority } from '#shared/domain';
import type { UnitSpec } from './callsigns.ts';
import type { Arrivals, CallSpec } from './incidents.ts';
import type { Leg } from './leg.ts';
import type { Outbox } from './outbox.ts';
import type { Rng } from './prng.ts';
import type { World } from './world.ts';

/** `transport`: taking a person to the station or hospital (FMS 7); `delivering`: handing over there (8). */
export type Activity =
  'station' | 'patrol' | 'returning' | 'enroute' | 'onscene' | 'transport' | 'delivering' | 'break';

export interface SimUnit {
  spec: UnitSpec;
  /** The FMS status last reported (3 is reported by the dispatcher's assignment). */
  status: FmsStatus;
  activity: Activity;
  lat: number;
  lon: number;
  heading: number;
  /** The heading of the last position report (a turn since then triggers an extra report). */
  reportedHeading: number;
  /** The graph node the unit stands on, or -1 while moving or off the road graph (helicopter). */
  node: number;
  leg?: Leg;
  /** When the current stay (station, break) ends, epoch ms. */
  until: number;
  patrolLegs: number;
  incidentId?: string;
  /** Overlays on top of the activity's status: a speech request (5) or an emergency (0). */
  speechUntil?: number;
  emergencyUntil?: number;
  reportEveryMs: number;
  nextReport: number;
}

export interface SimIncident {
  id: string;
  call: CallSpec;
  type: CallType;
  priority: Priority;
  opened: number;
  assigned: string[];
  /** Set when the first unit arrives: on-scene work ends then. */
  closeAt?: number;
}

export interface SimState {
  seed: number;
  startTime: number;
  now: number;
  world: World;
  units: SimUnit[];
  unitsById: Map<string, SimUnit>;
  incidents: Map<string, SimIncident>;
  /** Ids of open incidents that still need units, in arrival order. */
  pending: string[];
  /** A unit became available since the last pass over pending incidents. */
  unitFreed: boolean;
  incidentCount: number;
  /** Incidents per hour, weekly average (the scenario's --rate). */
  ratePerHour: number;
  /** The shift's first call comes at this time (then the Poisson process goes on), so a demo shows one at once. */
  firstCallAt?: number;
  arrivals: Arrivals;
  rng: { calls: Rng; units: Rng; reports: Rng };
  out: Outbox;
}
