/**
 * What units do when no dispatcher tells them: patrol around their station, return and stay a
 * while, take breaks (6), ask to speak (5) and, rarely, raise an emergency (0) on scene.
 */
import type { UnitKind } from '#shared/domain';
import { distanceM } from './geo.ts';
import type { SimState, SimUnit } from './state.ts';
import { driveTo, isAirborne, pickSpeed, syncStatus } from './units.ts';

const MIN = 60_000;
/** Per-unit rates per hour of the spontaneous status changes. */
/** About three speech requests an hour from a fleet of 60: frequent enough to show, rare enough to matter. */
const SPEECH_PER_HOUR = 0.08;
const BREAK_PER_HOUR = 0.12;
const EMERGENCY_PER_HOUR = 0.02;

export function patrolRadius(kind: UnitKind): number {
  if (kind === 'fussstreife') return 800;
  return kind === 'motorrad' ? 4000 : 3000;
}

function homeNode(s: SimState, u: SimUnit): number {
  return s.world.stations[u.spec.station]!.node;
}

/** A random node within the patrol radius of the unit's station (its station when none is found). */
function patrolTarget(s: SimState, u: SimUnit): number {
  const g = s.world.graph;
  const home = s.world.stations[u.spec.station]!;
  const radius = patrolRadius(u.spec.kind);
  for (let i = 0; i < 100; i++) {
    const n = s.rng.units.int(0, g.size - 1);
    if (distanceM(home.lat, home.lon, g.lat[n]!, g.lon[n]!) <= radius) return n;
  }
  return home.node;
}

export function startPatrol(s: SimState, u: SimUnit, legs: number): void {
  if (isAirborne(u)) return goHome(s, u);
  u.patrolLegs = legs;
  nextPatrolLeg(s, u);
}

function nextPatrolLeg(s: SimState, u: SimUnit): void {
  if (u.patrolLegs <= 0) return goHome(s, u);
  u.patrolLegs--;
  u.activity = 'patrol';
  if (!driveTo(s, u, patrolTarget(s, u), pickSpeed(s, u, 'normal'))) return goHome(s, u);
  syncStatus(s, u);
}

export function goHome(s: SimState, u: SimUnit): void {
  const home = homeNode(s, u);
  if (u.node === home) return stayAtStation(s, u);
  u.activity = 'returning';
  driveTo(s, u, home, pickSpeed(s, u, 'normal'));
  syncStatus(s, u);
}

function stayAtStation(s: SimState, u: SimUnit): void {
  u.activity = 'station';
  u.until = s.now + s.rng.units.range(10, 40) * MIN;
  syncStatus(s, u);
}

/** Handles the end of a drive that was not to an incident. */
export function arrivedFree(s: SimState, u: SimUnit): void {
  if (u.activity === 'patrol') nextPatrolLeg(s, u);
  else if (u.activity === 'returning') stayAtStation(s, u);
  else if (u.activity === 'transport') {
    // FMS 8: the person is handed over (custody, blood sample, hospital), which takes a while.
    u.activity = 'delivering';
    u.until = s.now + s.rng.units.range(10, 25) * MIN;
    syncStatus(s, u);
  }
}

/**
 * After an incident (or a hand-over): half of the crews patrol on (status 1), the others drive
 * home (1, then 2 at the station).
 */
export function release(s: SimState, u: SimUnit): void {
  if (!isAirborne(u) && s.rng.units.chance(0.5)) startPatrol(s, u, s.rng.units.int(1, 3));
  else goHome(s, u);
}

/** Takes a person from the scene to the nearest station by road (FMS 7), then hands over (8). */
export function startTransport(s: SimState, u: SimUnit): boolean {
  if (isAirborne(u)) return false;
  let best = -1;
  let bestM = Infinity;
  for (const st of s.world.stations) {
    const d = distanceM(u.lat, u.lon, st.lat, st.lon);
    if (d < bestM) [best, bestM] = [st.node, d];
  }
  if (best < 0 || !driveTo(s, u, best, pickSpeed(s, u, 'normal'))) return false;
  u.activity = 'transport';
  syncStatus(s, u);
  return true;
}

/** Timers and spontaneous status changes of one unit for one step. */
export function behave(s: SimState, u: SimUnit, dtMs: number): void {
  const r = s.rng.units;
  const p = (perHour: number): boolean => r.chance((perHour * dtMs) / 3_600_000);
  if (u.speechUntil !== undefined && s.now >= u.speechUntil) {
    delete u.speechUntil;
    syncStatus(s, u);
  }
  if (u.emergencyUntil !== undefined && s.now >= u.emergencyUntil) {
    delete u.emergencyUntil;
    syncStatus(s, u);
  }
  const free = u.activity === 'station' || u.activity === 'patrol' || u.activity === 'returning';
  if (u.activity === 'station' && s.now >= u.until && !isAirborne(u) && u.speechUntil === undefined) {
    startPatrol(s, u, r.int(2, 6));
  } else if (u.activity === 'break' && !u.leg && s.now >= u.until) {
    stayAtStation(s, u);
  } else if (u.activity === 'delivering' && s.now >= u.until) {
    release(s, u);
  } else if (free && u.speechUntil === undefined && p(SPEECH_PER_HOUR)) {
    u.speechUntil = s.now + r.range(20, 120) * 1000;
    syncStatus(s, u);
  } else if (free && !isAirborne(u) && u.speechUntil === undefined && p(BREAK_PER_HOUR)) {
    takeBreak(s, u);
  } else if (u.activity === 'onscene' && u.emergencyUntil === undefined && p(EMERGENCY_PER_HOUR)) {
    const inc = u.incidentId === undefined ? undefined : s.incidents.get(u.incidentId);
    // Only when the job still runs a while, so the incident does not close in the middle of it.
    if (inc?.closeAt !== undefined && inc.closeAt - s.now > 5 * MIN) {
      u.emergencyUntil = s.now + r.range(1, 3) * MIN;
      syncStatus(s, u);
    }
  }
}

/** A break is taken at the station: drive there (in status 6) if needed, then rest. */
function takeBreak(s: SimState, u: SimUnit): void {
  u.activity = 'break';
  u.until = s.now + s.rng.units.range(20, 45) * MIN;
  const home = homeNode(s, u);
  if (u.node !== home) driveTo(s, u, home, pickSpeed(s, u, 'normal'));
  else delete u.leg;
  syncStatus(s, u);
}
