/**
 * The scenario engine: pure simulation, no I/O. `createScenario` builds the fleet at its stations;
 * `start` says what a gateway sends first (the units, their first fixes); `advance` moves simulated
 * time on and returns the ingest messages that time produced. Same options, same messages.
 */
import { buildFleet } from './callsigns.ts';
import { arrivedFree, behave, patrolRadius, startPatrol } from './behaviour.ts';
import { distanceM } from './geo.ts';
import { arrivedOnScene, closeDue, dispatch, dispatchPending } from './dispatch.ts';
import { Arrivals, createCall } from './incidents.ts';
import { Outbox, type Message } from './outbox.ts';
import { createRng } from './prng.ts';
import type { SimIncident, SimState, SimUnit } from './state.ts';
import { isAirborne, moveUnit, reportPosition } from './units.ts';
import { rateFactor } from './clock.ts';
import type { Station, World } from './world.ts';

/** Simulation step: the finest time resolution of movement, reports and arrivals. */
export const STEP_MS = 1000;

export interface ScenarioOptions {
  seed: number;
  units: number;
  /** Incidents per hour, averaged over a week (the time-of-day profile shapes it). */
  ratePerHour: number;
  /** Epoch ms where simulated time begins. */
  startTime: number;
}

/** Share of the ground units already out on patrol when the simulation starts (mid-shift). */
export const ON_PATROL_AT_START = 0.7;
/** The shift's first call comes within this time of the start. */
export const FIRST_CALL_WITHIN_MS = 25_000;

export function createScenario(world: World, opts: ScenarioOptions): SimState {
  const start = Math.floor(opts.startTime);
  const setup = createRng(opts.seed, 'setup');
  const units: SimUnit[] = buildFleet(opts.units, world.stations, opts.seed).map((spec) => {
    const station = world.stations[spec.station]!;
    const reportEveryMs =
      spec.kind === 'hubschrauber' ? 2000 : spec.kind === 'fussstreife' ? 5000 : setup.int(1, 5) * 1000;
    // Mid-shift: most crews are already out somewhere in their patrol area (status 1); the others
    // are at the station (2) and leave within the first quarter hour.
    const out = spec.kind !== 'hubschrauber' && setup.chance(ON_PATROL_AT_START);
    const node = out ? nodeNear(world, station, patrolRadius(spec.kind), setup.next) : station.node;
    return {
      spec,
      status: out ? 1 : 2,
      activity: out ? 'patrol' : 'station',
      lat: world.graph.lat[node]!,
      lon: world.graph.lon[node]!,
      heading: 0,
      reportedHeading: 0,
      node,
      until: start + setup.range(0.5, 15) * 60_000,
      patrolLegs: 0,
      reportEveryMs,
      nextReport: start + setup.int(1, reportEveryMs / 1000) * 1000,
    };
  });
  return {
    seed: opts.seed,
    startTime: start,
    now: start,
    world,
    units,
    unitsById: new Map(units.map((u) => [u.spec.id, u])),
    incidents: new Map(),
    pending: [],
    unitFreed: false,
    incidentCount: 0,
    ratePerHour: opts.ratePerHour,
    ...(opts.ratePerHour > 0 ? { firstCallAt: start + setup.range(5_000, FIRST_CALL_WITHIN_MS) } : {}),
    arrivals: new Arrivals(createRng(opts.seed, 'arrivals'), opts.ratePerHour),
    rng: {
      calls: createRng(opts.seed, 'calls'),
      units: createRng(opts.seed, 'units'),
      reports: createRng(opts.seed, 'reports'),
    },
    out: new Outbox(),
  };
}

/** The registration of every unit (explicitly in status 2, at its station) and a first fix each. */
/** A random road node within `radius` of the station (the station's own node when none is found). */
function nodeNear(world: World, at: Station, radius: number, random: () => number): number {
  const g = world.graph;
  for (let i = 0; i < 200; i++) {
    const n = Math.floor(random() * g.size);
    if (distanceM(at.lat, at.lon, g.lat[n]!, g.lon[n]!) <= radius) return n;
  }
  return at.node;
}

/** The registration of every unit in its status (1 on patrol, 2 at the station), a first fix each, and the patrols' first drives. */
export function start(s: SimState): Message[] {
  for (const u of s.units) {
    const { id, callsign, kind, district } = u.spec;
    s.out.push('units', { id, callsign, kind, district, status: u.status, time: s.now });
  }
  warmStart(s);
  for (const u of s.units) reportPosition(s, u);
  for (const u of s.units) if (u.activity === 'patrol' && !u.leg) startPatrol(s, u, s.rng.units.int(2, 6));
  return s.out.drain();
}

/** How many hours of calls are already being worked on when the simulation starts. */
const WARM_HOURS = 0.5;
/** At most this share of the fleet is on running calls at the start. */
const WARM_SHARE_MAX = 1 / 3;

/**
 * Mid-shift: the calls of the last half hour (at the current rate) are already being worked on, their
 * units on scene (4) for part of the job, so the picture starts as busy as it will stay and not
 * with the whole fleet free.
 */
function warmStart(s: SimState): void {
  // Never more running calls than a third of the fleet: a high --rate must not start with every
  // unit bound somewhere in the region (the overload warning tells that story instead).
  const count = Math.min(
    Math.round(s.ratePerHour * rateFactor(s.now) * WARM_HOURS),
    Math.floor(s.units.length * WARM_SHARE_MAX),
  );
  for (let i = 0; i < count; i++) {
    const elapsed = Math.round(s.rng.calls.range(5, 30) * 60) * 1000;
    const inc = openIncident(s, s.now - elapsed);
    for (const id of inc.assigned) {
      const u = s.unitsById.get(id)!;
      if (isAirborne(u)) continue;
      delete u.leg;
      u.node = inc.call.node;
      u.lat = s.world.graph.lat[u.node]!;
      u.lon = s.world.graph.lon[u.node]!;
      arrivedOnScene(s, u);
    }
    // Part of the work on scene is done already.
    if (inc.closeAt !== undefined) inc.closeAt = s.now + Math.max(60_000, inc.call.onSceneMs - elapsed);
  }
}

export function advance(s: SimState, dtMs: number): Message[] {
  const target = s.now + dtMs;
  while (s.now < target) step(s, Math.min(STEP_MS, target - s.now));
  return s.out.drain();
}

function step(s: SimState, dtMs: number): void {
  let calls = s.arrivals.step(s.now, dtMs);
  s.now += dtMs;
  if (s.firstCallAt !== undefined && s.now >= s.firstCallAt) {
    delete s.firstCallAt;
    calls++;
  }
  for (let i = 0; i < calls; i++) openIncident(s);
  for (const u of s.units) {
    behave(s, u, dtMs);
    if (u.leg && moveUnit(u, dtMs / 1000)) {
      if (u.activity === 'enroute') arrivedOnScene(s, u);
      else arrivedFree(s, u);
    }
  }
  closeDue(s);
  dispatchPending(s);
  for (const u of s.units) {
    if (s.now >= u.nextReport) {
      reportPosition(s, u);
      u.nextReport += u.reportEveryMs;
    } else if (u.leg && turned(u)) {
      // An extra fix right after a turn, so the trail drawn between fixes follows the street
      // around the corner instead of cutting across the block.
      reportPosition(s, u);
    }
  }
}

const TURN_DEG = 25;
function turned(u: SimUnit): boolean {
  const d = Math.abs(u.heading - u.reportedHeading) % 360;
  return Math.min(d, 360 - d) > TURN_DEG;
}

/**
 * Incident ids carry the seed and the run's start (base 36 seconds), so a rerun against the same
 * server log never reuses the id of an incident from an earlier run.
 */
export function incidentPrefix(seed: number, startTime: number): string {
  return `E-${seed}-${Math.floor(startTime / 1000).toString(36)}-`;
}

function incidentNumber(s: SimState): string {
  const year = new Date(s.now).getUTCFullYear();
  return `${year}-${String(s.incidentCount).padStart(6, '0')}`;
}

function openIncident(s: SimState, opened = s.now): SimIncident {
  s.incidentCount++;
  const call = createCall(s.rng.calls, s.world.graph, s.now);
  const g = s.world.graph;
  const district = s.world.districts?.at(g.lat[call.node]!, g.lon[call.node]!);
  if (district !== undefined) call.district = district;
  const inc: SimIncident = {
    id: `${incidentPrefix(s.seed, s.startTime)}${s.incidentCount}`,
    call,
    type: call.type,
    priority: call.priority,
    opened,
    assigned: [],
  };
  s.incidents.set(inc.id, inc);
  s.out.push('incidents', {
    op: 'open',
    id: inc.id,
    number: incidentNumber(s),
    type: call.type,
    priority: call.priority,
    lat: Math.round(g.lat[call.node]! * 1e6) / 1e6,
    lon: Math.round(g.lon[call.node]! * 1e6) / 1e6,
    ...(call.address !== undefined ? { address: call.address } : {}),
    ...(call.district !== undefined ? { district: call.district } : {}),
    description: call.description,
    ...(call.caller ? { caller: call.caller } : {}),
    time: opened,
  });
  dispatch(s, inc);
  return inc;
}
