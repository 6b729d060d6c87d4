/**
 * Where calls come from: a Poisson process whose rate follows the time-of-day profile, and the
 * content of each call (type, priority, place, address, caller). Caller data is made up and
 * clearly fake: placeholder surnames and the non-existent area code 0000.
 */
import { CALL_TYPES, type CallType, type Caller, type Priority } from '#shared/domain';
import { CALL_MIX, unitsNeeded, weightAt } from './calltypes.ts';
import { localTime, rateFactor } from './clock.ts';
import { streetName, type Graph } from './graph.ts';
import type { Rng } from './prng.ts';

/** Time-varying Poisson arrivals: integrate the rate until it uses up an exponential budget. */
export class Arrivals {
  private budget: number;

  constructor(
    private readonly rng: Rng,
    private readonly perHour: number,
  ) {
    this.budget = rng.exp();
  }

  /** How many calls arrive in (t, t + dtMs]. */
  step(t: number, dtMs: number): number {
    let hazard = (this.perHour * rateFactor(t) * dtMs) / 3_600_000;
    let count = 0;
    while (hazard >= this.budget) {
      hazard -= this.budget;
      this.budget = this.rng.exp();
      count++;
    }
    this.budget -= hazard;
    return count;
  }
}

export interface CallSpec {
  type: CallType;
  priority: Priority;
  node: number;
  address?: string;
  /** The district polygon the place lies in, when the world has districts. */
  district?: string;
  description: string;
  caller?: Caller;
  onSceneMs: number;
  unitsNeeded: number;
  air: boolean;
}

const FIRST = [
  'Max',
  'Erika',
  'Anna',
  'Jonas',
  'Lea',
  'Paul',
  'Marie',
  'Felix',
  'Sophie',
  'Lukas',
  'Mia',
  'Ben',
];
const LAST = ['Mustermann', 'Musterfrau', 'Beispiel', 'Probe', 'Platzhalter', 'Testmann', 'Fiktiv'];

function fakeCaller(rng: Rng, type: CallType): Caller {
  const phone = `0000 ${rng.int(100000, 999999)}`;
  if (type === 'alarmausloesung') return { name: 'Wachdienst Beispiel GmbH', phone };
  return { name: `${rng.pick(FIRST)} ${rng.pick(LAST)}`, phone };
}

function address(rng: Rng, g: Graph, node: number): string | undefined {
  let street = streetName(g, node);
  for (let k = g.off[node]!; street === undefined && k < g.off[node + 1]!; k++)
    street = streetName(g, g.adj[k]!);
  if (street === undefined) return undefined;
  // Motorways have no house numbers; a control room locates by kilometre.
  if (/^(BAB|A) ?\d+\b|autobahn/i.test(street)) return `${street}, km ${rng.int(1, 60)},${rng.int(0, 9)}`;
  const number = rng.chance(0.6) ? rng.int(1, 30) : rng.int(1, 160);
  return `${street} ${number}${rng.chance(0.08) ? rng.pick(['a', 'b']) : ''}`.slice(0, 200);
}

/** Descriptions are listed from the most to the least urgent; the priority picks the matching one. */
function describe(texts: readonly string[], priority: Priority): string {
  return texts[Math.round(((priority - 1) / 2) * (texts.length - 1))] ?? texts[0] ?? 'Einsatz';
}

export function createCall(rng: Rng, g: Graph, t: number): CallSpec {
  const { hour } = localTime(t);
  const type = rng.weighted(CALL_TYPES.map((c) => [c, weightAt(c, hour)] as const));
  const info = CALL_MIX[type];
  const priority = rng.weighted<Priority>([
    [1, info.priority[0]],
    [2, info.priority[1]],
    [3, info.priority[2]],
  ]);
  const node = rng.int(0, g.size - 1);
  const spec: CallSpec = {
    type,
    priority,
    node,
    description: describe(info.descriptions, priority),
    onSceneMs: Math.round(rng.range(info.onScene[0], info.onScene[1]) * 60_000),
    unitsNeeded: unitsNeeded(type, priority),
    air: priority === 1 && info.air === true,
  };
  const addr = address(rng, g, node);
  if (addr !== undefined) spec.address = addr;
  if (rng.chance(type === 'alarmausloesung' ? 0.9 : 0.6)) spec.caller = fakeCaller(rng, type);
  return spec;
}
