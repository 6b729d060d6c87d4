/**
 * startSimulator: the I/O loop around the scenario engine. It waits until the server answers,
 * registers the fleet, then advances simulated time in fixed one-second steps paced by the wall
 * clock (times --speed) and hands every step's messages to the ordered sender. Fixed steps keep
 * the stream identical for a seed however the timers jitter.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { getJson, SendQueue } from './client.ts';
import type { Message } from './outbox.ts';
import { resolveOptions, type ResolvedOptions, type SimulatorOptions } from './options.ts';
import { advance, createScenario, incidentPrefix, start, STEP_MS } from './scenario.ts';
import type { SimState } from './state.ts';
import { loadWorld } from './world.ts';
import { rateWarning, waitingWarning } from './load.ts';

export type { SimulatorOptions } from './options.ts';
export { SimulatorInputError } from './errors.ts';

export interface SimulatorHandle {
  /** Stops the clock, sends what is still queued (for at most `flushMs`) and resolves. */
  stop(flushMs?: number): Promise<void>;
  /** Resolves after stop(); rejects when the server refuses the token. */
  done: Promise<void>;
}

/** Steps run per timer tick at most, so a very high --speed cannot starve the event loop. */
const MAX_STEPS_PER_TICK = 2000;
const SUMMARY_EVERY_MS = 60_000;

/** Loads the world synchronously (bad files throw SimulatorInputError at once), then runs in the background. */
export function startSimulator(options: SimulatorOptions): SimulatorHandle {
  const o = resolveOptions(options);
  const world = loadWorld({
    seed: o.seed,
    ...(o.roadsFile !== undefined ? { roadsFile: o.roadsFile } : {}),
    ...(o.stationsFile !== undefined ? { stationsFile: o.stationsFile } : {}),
    ...(o.districtsFile !== undefined ? { districtsFile: o.districtsFile } : {}),
    ...(o.center ? { center: o.center } : {}),
  });
  o.log(
    `[sim] ${world.graph.size} road nodes, ${world.stations.length} stations, ${o.units} units, seed ${o.seed}`,
  );
  const tooMany = rateWarning(o.ratePerHour, o.units);
  if (tooMany) o.log(tooMany);
  let state: SimState | undefined;
  let registeredAgain = 0;
  const queue = new SendQueue(o.url, o.token, o.log, (kind) => {
    // Positions or status refused: most likely the server lost our units (a new data dir). Register again,
    // at most every 30 s so a different fault cannot turn into a flood.
    if (!state || (kind !== 'positions' && kind !== 'status') || Date.now() - registeredAgain < 30_000)
      return;
    registeredAgain = Date.now();
    queue.enqueue(registration(state), true);
  });
  let timer: NodeJS.Timeout | undefined;
  const stopping = new AbortController();
  const run = async (): Promise<void> => {
    await waitForServer(o, stopping.signal);
    if (stopping.signal.aborted) return;
    const s = createScenario(world, { ...o, startTime: o.startTime ?? Date.now() });
    state = s;
    queue.enqueue(await leftovers(o, s));
    queue.enqueue(start(s));
    o.log(`[sim] registering ${s.units.length} units at ${o.url}`);
    timer = pace(o, s, queue);
    await queue.run();
  };
  const done = run().finally(() => clearInterval(timer));
  // Logged here and marked handled, so an embedding process that never awaits `done` does not crash.
  done.catch((e: unknown) => o.log(`[sim] stopped: ${(e as Error).message}`));
  return {
    done,
    async stop(flushMs = 1000) {
      if (stopping.signal.aborted) return done;
      stopping.abort();
      clearInterval(timer);
      await queue.drain(flushMs);
      return done;
    },
  };
}

/**
 * At --speed 1 the simulated clock is the wall clock. Faster runs would stamp events in the future,
 * which the server refuses (and dashboards could not show), so their times are mapped back onto the
 * wall clock: the scenario plays fast-forwarded, its events stamped with when they are sent.
 */
function toWallTime(o: ResolvedOptions, s: SimState, wallStart: number, messages: Message[]): Message[] {
  if (o.speed === 1) return messages;
  for (const m of messages) {
    for (const item of m.items) {
      if (item.time !== undefined) item.time = Math.round(wallStart + (item.time - s.startTime) / o.speed);
    }
  }
  return messages;
}

function pace(o: ResolvedOptions, s: SimState, queue: SendQueue): NodeJS.Timeout {
  const wallStart = performance.now();
  const wallEpoch = Date.now();
  let steps = 0;
  let lastSummary = wallStart;
  return setInterval(
    () => {
      const due = Math.floor(((performance.now() - wallStart) * o.speed) / STEP_MS);
      for (let n = 0; steps < due && n < MAX_STEPS_PER_TICK; n++, steps++) {
        queue.enqueue(toWallTime(o, s, wallEpoch, advance(s, STEP_MS)));
      }
      if (performance.now() - lastSummary >= SUMMARY_EVERY_MS) {
        lastSummary = performance.now();
        o.log(summary(s, queue));
        const waiting = waitingWarning(s);
        if (waiting) o.log(waiting);
      }
    },
    Math.max(20, Math.min(1000, STEP_MS / o.speed)),
  );
}

function summary(s: SimState, queue: SendQueue): string {
  const count = (status: number): number => s.units.filter((u) => u.status === status).length;
  const st = queue.stats;
  return (
    `[sim] ${new Date(s.now).toISOString()} | units 1:${count(1)} 2:${count(2)} 3:${count(3)} 4:${count(4)} ` +
    `| open incidents ${s.incidents.size} (waiting ${s.pending.length}) | sent ${st.sentItems} items ` +
    `in ${st.sentPosts} posts, rejected ${st.rejectedPosts}, dropped ${st.droppedPositions}, queued ${queue.size}`
  );
}

async function waitForServer(o: ResolvedOptions, stop: AbortSignal): Promise<void> {
  for (let delay = 200, first = true; !stop.aborted; delay = Math.min(2000, delay * 2), first = false) {
    for (const url of o.url.split(',')) if ((await getJson(url, '/api/v1/health')) !== undefined) return;
    if (first) o.log(`[sim] waiting for the server at ${o.url} …`);
    await sleep(delay, undefined, { signal: stop }).catch(() => undefined);
  }
}

function registration(s: SimState): Message[] {
  return [
    {
      kind: 'units',
      items: s.units.map(({ spec, status }) => ({
        id: spec.id,
        callsign: spec.callsign,
        kind: spec.kind,
        district: spec.district,
        status,
        time: s.now,
      })),
    },
  ];
}

/**
 * Incidents an earlier run with this seed left open (it was killed before closing them) are closed,
 * so the picture does not keep dead incidents forever.
 */
async function leftovers(o: ResolvedOptions, s: SimState): Promise<Message[]> {
  // Any node of several answers alike (one shared log); the first that answers is asked.
  let snapshot: { incidents?: unknown } | undefined;
  for (const url of o.url.split(','))
    if ((snapshot ??= (await getJson(url, '/api/v1/snapshot', o.token)) as typeof snapshot)) break;
  const raw = snapshot?.incidents;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? Object.values(raw) : [];
  const mine = `E-${o.seed}-`;
  const current = incidentPrefix(o.seed, s.startTime);
  const items = list
    .filter((i): i is { id: string; state?: unknown } => typeof (i as { id?: unknown })?.id === 'string')
    .filter((i) => i.id.startsWith(mine) && !i.id.startsWith(current) && i.state !== 'abgeschlossen')
    .map((i) => ({ op: 'close' as const, id: i.id, time: s.now }));
  if (items.length > 0) o.log(`[sim] closing ${items.length} incidents left open by an earlier run`);
  return items.length > 0 ? [{ kind: 'incidents', items }] : [];
}
