/**
 * The replay bench's recording: 24 h of a control room with 500 units (a fix every ~44 s each),
 * 1,500 incidents (open, assign, on scene, close, free again) and 1,000 speech requests — exactly
 * 1,000,000 events from a fixed seed. Written through the server's own Lage (log append, reducer,
 * snapshot schedule with the server's default policy), one commit per second of recording with
 * `received` = the end of that second as a gateway sending every second would give, and closed like
 * the server closes (a last snapshot), then started and stopped once with the real server. So the data
 * dir is what a server fed live for 24 h leaves.
 * Cached in the temp dir under a key of the generator's version and the store code it used.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CALL_TYPES, type FmsStatus } from '#shared/domain';
import type { NewEvent } from '#shared/schemas';
import { Lage, openDb, parseConfig, startLageServer } from '../../server/src/public.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GENERATOR = 'r1';
/** The code whose change changes what the server writes: a change makes a new recording. */
const STORE_CODE = [
  'bench/lib/recording.ts',
  'server/src/store/db.ts',
  'server/src/store/eventLog.ts',
  'server/src/store/snapshots.ts',
  'server/src/store/snapshotPolicy.ts',
  'server/src/lage.ts',
  'shared/src/reducer.ts',
  'shared/src/schemas.ts',
];

export const RECORDING = {
  events: 1_000_000,
  units: 500,
  incidents: 1_500,
  speechRequests: 1_000,
  /** 2026-11-25 00:00 UTC. */
  from: Date.UTC(2026, 10, 25),
  hours: 24,
};
export const KOELN = { lat: 50.94, lon: 6.96 };

export interface Recording {
  dataDir: string;
  from: number;
  to: number;
  events: number;
  snapshots: number;
  /** How long the generation took, or undefined when the cached recording was used. */
  generatedMs?: number;
}

function cacheKey(): string {
  // The server's snapshot defaults by value: config.ts changes often for other reasons.
  const { snapshotEvery, snapshotIntervalMs } = parseConfig(['--quiet'], {}, ROOT);
  const h = createHash('sha256').update(`${GENERATOR} ${snapshotEvery} ${snapshotIntervalMs}`);
  for (const f of STORE_CODE) h.update(fs.readFileSync(path.join(ROOT, f)));
  return h.digest('hex').slice(0, 12);
}

/** The recording's data dir, generated unless a complete one for this code is cached. */
export async function ensureRecording(log: (line: string) => void = console.log): Promise<Recording> {
  const base = path.join(os.tmpdir(), 'lagebild-bench-replay');
  const dir = path.join(base, cacheKey());
  const marker = path.join(dir, 'recording.json');
  if (fs.existsSync(marker)) {
    const { generatedMs: _then, ...cached } = JSON.parse(fs.readFileSync(marker, 'utf8')) as Recording;
    return cached;
  }
  // Older recordings (other code) and a killed generation are removed first.
  fs.rmSync(base, { recursive: true, force: true });
  log(`replay: generating the 24 h / 1,000,000-event recording in ${dir} (cached for later runs) …`);
  const t0 = performance.now();
  const rec = generate(dir);
  // The server that recorded it has started on this dir before (its first start sets up the local
  // user and anything else a first start does): do that once, so "open" measures a usual start.
  const server = await startLageServer(parseConfig(['--port', '0', '--data-dir', dir, '--quiet'], {}, ROOT));
  await server.close();
  const done = { ...rec, generatedMs: performance.now() - t0 };
  fs.writeFileSync(marker, JSON.stringify(done));
  return done;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const unitId = (u: number) => `r${u}`;

/** Incident lifecycles and speech requests: everything but registrations and positions. */
function otherEvents(rand: () => number): NewEvent[] {
  const { from, hours, units, incidents, speechRequests } = RECORDING;
  const span = hours * 3_600_000;
  const busyUntil = new Array<number>(units).fill(from);
  const out: NewEvent[] = [];
  const freeUnit = (t: number): number | undefined => {
    for (let k = 0; k < 30; k++) {
      const u = Math.floor(rand() * units);
      if ((busyUntil[u] ?? Infinity) <= t) return u;
    }
    return undefined;
  };
  const status = (time: number, u: number, s: FmsStatus, incidentId?: string): NewEvent => ({
    type: 'unit.status',
    time,
    unitId: unitId(u),
    status: s,
    ...(incidentId ? { incidentId } : {}),
  });
  // Start times in order, so a unit freed by one incident can take a later one.
  const starts = Array.from(
    { length: incidents },
    () => from + 60_000 + rand() * (span - 3 * 3_600_000),
  ).sort((a, b) => a - b);
  starts.forEach((t0, i) => {
    const id = `E${i}`;
    const time = Math.round(t0);
    out.push({
      type: 'incident.opened',
      time,
      by: 'bench-cad',
      incident: {
        id,
        number: `2026-${String(i).padStart(6, '0')}`,
        type: CALL_TYPES[i % CALL_TYPES.length]!,
        priority: ((i % 3) + 1) as 1 | 2 | 3,
        location: { lat: KOELN.lat + (rand() - 0.5) * 0.2, lon: KOELN.lon + (rand() - 0.5) * 0.3 },
        address: `Teststraße ${i % 200}`,
        district: 'Köln',
        description: `Bench-Einsatz ${i}`,
        caller: { name: `Anrufer ${i}`, phone: `0221 ${100000 + i}` },
      },
    });
    if (i % 3 === 0)
      out.push({ type: 'incident.updated', time: time + 60_000, incidentId: id, patch: { priority: 1 } });
    const u = freeUnit(time);
    const t1 = time + 30_000 + Math.round(rand() * 90_000);
    const t2 = t1 + 300_000 + Math.round(rand() * 600_000);
    const t3 = t2 + 600_000 + Math.round(rand() * 3_000_000);
    if (u !== undefined) {
      out.push(status(t1, u, 3, id), status(t2, u, 4));
      out.push(status(t3 + 60_000, u, 2));
      busyUntil[u] = t3 + 60_000;
    }
    out.push({ type: 'incident.closed', time: t3, incidentId: id, by: 'bench-cad' });
  });
  for (let i = 0; i < speechRequests; i++) {
    const t = Math.round(from + rand() * (span - 120_000));
    const u = freeUnit(t);
    if (u === undefined) continue;
    out.push(status(t, u, 5));
    out.push({ type: 'unit.acknowledged', time: t + 20_000, unitId: unitId(u), by: 'bench-operator' });
    out.push(status(t + 60_000, u, 2));
    busyUntil[u] = t + 60_000;
  }
  return out.sort((a, b) => a.time - b.time);
}

function generate(dir: string): Recording {
  const { from, hours, units, events } = RECORDING;
  const span = hours * 3_600_000;
  const rand = mulberry32(7);
  const others = otherEvents(rand);
  const positions = events - units - others.length;
  // The server's own snapshot policy, from its defaults.
  const config = parseConfig(['--quiet'], {}, ROOT);
  const db = openDb(dir, 'normal');
  const lage = new Lage(db, config);
  const registrations: NewEvent[] = Array.from({ length: units }, (_, u) => ({
    type: 'unit.registered',
    time: from,
    by: 'bench-gateway',
    unit: {
      id: unitId(u),
      callsign: `K ${10 + Math.floor(u / 20)}/${u % 20}`,
      kind: 'funkstreifenwagen',
      district: 'Köln',
    },
  }));
  // Each unit circles its own beat: radius, speed and phase from its number.
  const fix = (k: number): NewEvent => {
    const u = k % units;
    const time = from + Math.floor((k * span) / positions);
    const r = 0.01 + (u % 17) * 0.004;
    const w = ((u % 5) + 1) * 2e-7;
    const a = w * (time - from) + u;
    return {
      type: 'unit.position',
      time,
      by: 'bench-gateway',
      unitId: unitId(u),
      lat: KOELN.lat + ((u % 23) - 11) * 0.008 + r * Math.sin(a),
      lon: KOELN.lon + ((u % 29) - 14) * 0.012 + r * 1.6 * Math.cos(a),
      heading: Math.round(((a * 180) / Math.PI + 90) % 360),
      speed: 8 + (u % 7),
    };
  };
  let k = 0;
  let o = 0;
  let batch: NewEvent[] = registrations;
  for (let second = 0; second < hours * 3600; second++) {
    const end = from + (second + 1) * 1000;
    while (k < positions || o < others.length) {
      const nextFix = k < positions ? from + Math.floor((k * span) / positions) : Infinity;
      const nextOther = others[o]?.time ?? Infinity;
      if (Math.min(nextFix, nextOther) >= end) break;
      if (nextOther < nextFix) batch.push(others[o++]!);
      else batch.push(fix(k++));
    }
    // What a gateway sending once a second gives: received just after the second it covers.
    if (batch.length) lage.commit(batch, end + 50);
    batch = [];
  }
  // Events after the last second cannot exist (times are inside the span); close like the server.
  lage.snapshotNow(from + span + 50);
  const snapshots = (db.prepare('SELECT COUNT(*) AS n FROM snapshots').get() as { n: number }).n;
  const total = lage.seq;
  db.close();
  if (total !== events) throw new Error(`recording has ${total} events, expected ${events}`);
  return { dataDir: dir, from, to: from + span + 1000, events: total, snapshots };
}
