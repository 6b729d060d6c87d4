/**
 * The scenario engine: pure simulation, no I/O. `createScenario` builds the fleet at its stations;
 * `start` says what a gateway sends first (the units, their first fixes); `advance` moves simulated
 * time on and returns the ingest messages that time produced. Same options, same messages.
 */
import { buildFleet } from './callsigns.ts';
import { arrivedFree, behave } from './behaviour.ts';
import { arrivedOnScene, closeDue, dispatch, dispatchPending } from './dispatch.ts';
import { Arrivals, createCall } from './incidents.ts';
import { Outbox, type Message } from './outbox.ts';
import { createRng } from './prng.ts';
import type { SimIncident, SimState, SimUnit } from './state.ts';
import { moveUnit, reportPosition } from './units.ts';
import type { World } from './world.ts';

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

export function createScenario(world: World, opts: ScenarioOptions): SimState {
  const start = Math.floor(opts.startTime);
  const setup = createRng(opts.seed, 'setup');
  const units: SimUnit[] = buildFleet(opts.units, world.stations, opts.seed).map((spec) => {
    const station = world.stations[spec.station]!;
    const reportEveryMs =
      spec.kind === 'hubschrauber' ? 2000 : spec.kind === 'fussstreife' ? 5000 : setup.int(1, 5) * 1000;
    return {
      spec,
      status: 2,
      activity: 'station',
      lat: station.lat,
      lon: station.lon,
      heading: 0,
      node: station.node,
      // Shift start: most crews leave for patrol within the first quarter hour.
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
export function start(s: SimState): Message[] {
  for (const u of s.units) {
    const { id, callsign, kind, district } = u.spec;
    s.out.push('units', { id, callsign, kind, district, status: 2, time: s.now });
  }
  for (const u of s.units) reportPosition(s, u);
  return s.out.drain();
}

export function advance(s: SimState, dtMs: number): Message[] {
  const target = s.now + dtMs;
  while (s.now < target) step(s, Math.min(STEP_MS, target - s.now));
  return s.out.drain();
}

function step(s: SimState, dtMs: number): void {
  const calls = s.arrivals.step(s.now, dtMs);
  s.now += dtMs;
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
    if (s.now < u.nextReport) continue;
    reportPosition(s, u);
    u.nextReport += u.reportEveryMs;
  }
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

function openIncident(s: SimState): void {
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
    opened: s.now,
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
    time: s.now,
  });
  dispatch(s, inc);
}
