/** Helpers for the simulator's tests only: small worlds and full runs of the scenario engine. */
import type { Message } from './outbox.ts';
import { advance, createScenario, start, type ScenarioOptions } from './scenario.ts';
import type { SimState } from './state.ts';
import { loadWorld, type World } from './world.ts';

export const KOELN_ROADS = '../shared/data/koeln/koeln_strassen.geojson';
export const KOELN_STATIONS = '../shared/data/koeln/amenity_police.geojson';
/** Friday 27 Nov 2026, 18:00 in Düsseldorf: an evening with traffic. */
export const FRIDAY_EVENING = Date.UTC(2026, 10, 27, 17);

let grid: World | undefined;
/** The generated Düsseldorf grid, built once per test file. */
export function gridWorld(): World {
  grid ??= loadWorld({ seed: 1 });
  return grid;
}

export function scenario(opts: Partial<ScenarioOptions> = {}, world = gridWorld()): SimState {
  return createScenario(world, { seed: 1, units: 60, ratePerHour: 20, startTime: FRIDAY_EVENING, ...opts });
}

/** Runs a scenario from the start for `minutes` of simulated time; returns every message in order. */
export function run(s: SimState, minutes: number): Message[] {
  const out = start(s);
  for (let t = 0; t < minutes * 60; t++) out.push(...advance(s, 1000));
  return out;
}
