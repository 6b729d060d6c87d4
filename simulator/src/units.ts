/**
 * Unit mechanics: reporting the FMS status that follows from what a unit is doing, driving it
 * along roads (or flying it straight), and its position reports.
 */
import type { FmsStatus } from '#shared/domain';
import { round6 } from './geo.ts';
import { advanceLeg, legDone, legPosition, makeLeg, nextNode, roadLeg, type Leg } from './leg.ts';
import type { Activity, SimState, SimUnit } from './state.ts';

const BASE_STATUS: Record<Activity, FmsStatus> = {
  station: 2,
  patrol: 1,
  returning: 1,
  enroute: 3,
  onscene: 4,
  transport: 7,
  delivering: 8,
  break: 6,
};

export const isAvailableUnit = (u: SimUnit): boolean => u.status === 1 || u.status === 2;
export const isAirborne = (u: SimUnit): boolean => u.spec.kind === 'hubschrauber';

/** Reports the status that the activity and overlays imply, if it changed. */
export function syncStatus(s: SimState, u: SimUnit): void {
  const wanted: FmsStatus =
    u.emergencyUntil !== undefined ? 0 : u.speechUntil !== undefined ? 5 : BASE_STATUS[u.activity];
  if (wanted === u.status) return;
  u.status = wanted;
  if (wanted === 1 || wanted === 2) s.unitFreed = true;
  // Status 3 reaches the server through the dispatcher's "assign"; the unit does not send it again.
  if (wanted === 3) return;
  const withIncident = (wanted === 4 || wanted === 0) && u.incidentId !== undefined;
  s.out.push('status', {
    unitId: u.spec.id,
    status: wanted,
    ...(withIncident ? { incidentId: u.incidentId } : {}),
    time: s.now,
  });
}

/** Metres per second for a unit's next drive; "urgent" drives use special rights (Sonderrechte). */
export function pickSpeed(s: SimState, u: SimUnit, urgency: 'normal' | 'urgent' | 'priority'): number {
  const r = s.rng.units;
  switch (u.spec.kind) {
    case 'hubschrauber':
      return r.range(50, 60);
    case 'fussstreife':
    case 'handfunkgeraet':
      return urgency === 'normal' ? r.range(1.2, 1.6) : r.range(2, 3);
    default: {
      const base =
        urgency === 'priority'
          ? r.range(14, 18)
          : urgency === 'urgent'
            ? r.range(12, 15)
            : r.range(8.5, 12.5);
      return u.spec.kind === 'motorrad' ? base * 1.1 : base;
    }
  }
}

/** Sends the unit to a graph node by road, or straight there by air. Returns false when no route exists. */
export function driveTo(s: SimState, u: SimUnit, target: number, speed: number, path?: number[]): boolean {
  const g = s.world.graph;
  let leg: Leg;
  if (isAirborne(u)) {
    leg = makeLeg([u, { lat: g.lat[target]!, lon: g.lon[target]! }], [-1, target], speed);
  } else {
    const from = u.node >= 0 ? u.node : u.leg ? nextNode(u.leg) : -1;
    const nodes = path ?? (from >= 0 ? s.world.router.route(from, target)?.nodes : undefined);
    if (!nodes) return false;
    leg = roadLeg(g, u, nodes, speed);
  }
  u.leg = leg;
  u.node = -1;
  return true;
}

/** Moves a driving unit on; returns true when it reached the end of its leg in this step. */
export function moveUnit(u: SimUnit, seconds: number): boolean {
  const leg = u.leg;
  if (!leg) return false;
  advanceLeg(leg, seconds);
  const p = legPosition(leg);
  u.lat = p.lat;
  u.lon = p.lon;
  if (leg.travelled > 0) u.heading = p.heading;
  if (!legDone(leg)) return false;
  u.node = leg.nodes[leg.nodes.length - 1] ?? -1;
  delete u.leg;
  return true;
}

export function reportPosition(s: SimState, u: SimUnit): void {
  const r = s.rng.reports;
  u.reportedHeading = u.heading;
  const accuracy = isAirborne(u) ? 10 : u.spec.kind === 'fussstreife' ? r.int(5, 15) : r.int(3, 8);
  s.out.push('positions', {
    unitId: u.spec.id,
    lat: round6(u.lat),
    lon: round6(u.lon),
    heading: Math.round(u.heading) % 360,
    speed: u.leg ? Math.round(u.leg.speed * 10) / 10 : 0,
    accuracy,
    time: s.now,
  });
}
