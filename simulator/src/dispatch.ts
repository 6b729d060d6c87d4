/**
 * The dispatcher (CAD side): opens calls as incidents, sends the nearest available units by road,
 * marks arrivals and closes incidents when the work on scene is done.
 */
import { distanceM } from './geo.ts';
import { nextNode } from './leg.ts';
import { goHome, release, startTransport } from './behaviour.ts';
import { TRANSPORT_SHARE } from './calltypes.ts';
import type { SimIncident, SimState, SimUnit } from './state.ts';
import { driveTo, isAirborne, isAvailableUnit, pickSpeed, syncStatus } from './units.ts';

const MAX_ROAD_M = 60_000;
const FOOT_MAX_M = 1000;
const AIR_MAX_M = 40_000;
/** Calls nobody could take are dropped after this (the caller was called back, the matter settled). */
const GIVE_UP_MS = 3 * 3_600_000;

/** Where a unit joins the road graph for a new route: the node it stands on or drives towards. */
function entryNode(u: SimUnit): number {
  return u.node >= 0 ? u.node : u.leg ? nextNode(u.leg) : -1;
}

function canTake(u: SimUnit, roadM: number): boolean {
  if (!isAvailableUnit(u) || isAirborne(u)) return false;
  if (u.spec.kind === 'fussstreife') return roadM <= FOOT_MAX_M;
  return true;
}

function assign(s: SimState, inc: SimIncident, u: SimUnit, path?: number[]): void {
  const urgency = inc.priority === 1 ? 'priority' : inc.priority === 2 ? 'urgent' : 'normal';
  if (!driveTo(s, u, inc.call.node, pickSpeed(s, u, urgency), path)) return;
  inc.assigned.push(u.spec.id);
  u.incidentId = inc.id;
  u.activity = 'enroute';
  s.out.push('incidents', { op: 'assign', id: inc.id, unitId: u.spec.id, time: s.now });
  syncStatus(s, u);
}

const isAir = (s: SimState, id: string): boolean => {
  const u = s.unitsById.get(id);
  return u !== undefined && isAirborne(u);
};

/** Sends as many of the nearest suitable units as the incident still needs. */
export function dispatch(s: SimState, inc: SimIncident): void {
  let need = inc.call.unitsNeeded - inc.assigned.filter((id) => !isAir(s, id)).length;
  if (need > 0) {
    const byNode = new Map<number, SimUnit[]>();
    for (const u of s.units) {
      if (!isAvailableUnit(u) || isAirborne(u)) continue;
      const n = entryNode(u);
      if (n >= 0) byNode.set(n, [...(byNode.get(n) ?? []), u]);
    }
    const chosen: { unit: SimUnit; path: number[] }[] = [];
    const router = s.world.router;
    if (byNode.size > 0) {
      router.explore(inc.call.node, MAX_ROAD_M, ({ node, distanceM: d }) => {
        for (const u of byNode.get(node) ?? []) {
          if (chosen.length < need && canTake(u, d))
            chosen.push({ unit: u, path: router.pathToSource(node) });
        }
        return chosen.length < need;
      });
    }
    for (const c of chosen) assign(s, inc, c.unit, c.path);
    need -= chosen.length;
  }
  if (inc.call.air && !inc.assigned.some((id) => isAir(s, id))) dispatchAir(s, inc);
  const waiting = s.pending.indexOf(inc.id);
  if (need > 0 && waiting < 0) s.pending.push(inc.id);
  if (need <= 0 && waiting >= 0) s.pending.splice(waiting, 1);
}

function dispatchAir(s: SimState, inc: SimIncident): void {
  const g = s.world.graph;
  const lat = g.lat[inc.call.node]!;
  const lon = g.lon[inc.call.node]!;
  const heli = s.units.find(
    (u) => isAirborne(u) && isAvailableUnit(u) && distanceM(u.lat, u.lon, lat, lon) <= AIR_MAX_M,
  );
  if (heli) assign(s, inc, heli);
}

/** Retries waiting incidents, most urgent and oldest first, when a unit has become free. */
export function dispatchPending(s: SimState): void {
  for (const id of [...s.pending]) {
    const inc = s.incidents.get(id);
    if (inc && s.now - inc.opened > GIVE_UP_MS && inc.assigned.length === 0) close(s, inc);
  }
  if (!s.unitFreed || s.pending.length === 0) return;
  s.unitFreed = false;
  const order = s.pending
    .map((id) => s.incidents.get(id))
    .filter((inc): inc is SimIncident => inc !== undefined)
    .sort((a, b) => a.priority - b.priority || a.opened - b.opened);
  for (const inc of order) dispatch(s, inc);
}

export function arrivedOnScene(s: SimState, u: SimUnit): void {
  const inc = u.incidentId === undefined ? undefined : s.incidents.get(u.incidentId);
  if (!inc) return goHome(s, u);
  u.activity = 'onscene';
  inc.closeAt ??= s.now + inc.call.onSceneMs;
  syncStatus(s, u);
}

/** Closes incidents whose work is done; their units report 1 and patrol on or head home. */
export function closeDue(s: SimState): void {
  for (const inc of s.incidents.values()) {
    if (inc.closeAt === undefined || s.now < inc.closeAt) continue;
    const units = inc.assigned.map((id) => s.unitsById.get(id)).filter((u): u is SimUnit => u !== undefined);
    // An emergency on scene keeps everyone there until it is resolved.
    if (units.some((u) => u.emergencyUntil !== undefined)) inc.closeAt = s.now + 60_000;
    else close(s, inc);
  }
}

function close(s: SimState, inc: SimIncident): void {
  s.out.push('incidents', { op: 'close', id: inc.id, time: s.now });
  s.incidents.delete(inc.id);
  const waiting = s.pending.indexOf(inc.id);
  if (waiting >= 0) s.pending.splice(waiting, 1);
  // Some jobs end with a person taken along (arrest, custody, blood sample): one crew drives
  // them to the station (FMS 7) and hands over (8) before it is free again.
  let transport = inc.closeAt !== undefined && s.rng.units.chance(TRANSPORT_SHARE[inc.type] ?? 0);
  for (const id of inc.assigned) {
    const u = s.unitsById.get(id);
    if (!u || u.incidentId !== inc.id) continue;
    delete u.incidentId;
    delete u.emergencyUntil;
    if (transport && u.activity === 'onscene' && startTransport(s, u)) transport = false;
    else release(s, u);
  }
}
