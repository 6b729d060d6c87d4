/**
 * A hostile peer: a real Socket.IO server on loopback that answers a federating Lage server's
 * /live subscription with malformed, oversized, injected and prototype-polluting snapshots and
 * batches, and with events that pass on what came from elsewhere. Each is left out (counted, with
 * a clear reason); the next good batch still arrives, nothing hostile is stored, the server keeps
 * answering and its audit chain stays intact. The adapter itself is fuzzed with thousands of
 * mutated batches (never throws; what it keeps always passes the log's schema, in the namespace).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lageEventSchema } from '#shared/schemas';
import type { LageServer } from '../app.ts';
import { startTestServer, tempDir } from '../testing/harness.ts';
import { PROTOTYPE_NAMES } from '../testing/prototypeNames.ts';
import { rng } from '../testing/fuzzPayloads.ts';
import { until } from '../testing/federation.ts';
import { verifyAudit } from '../security/audit.ts';
import { fromBatch, fromSnapshot } from '../ingest/federation.ts';

const T = Date.UTC(2026, 10, 26, 10);
const reg = (seq: number, id: string, extra: Record<string, unknown> = {}) => ({
  seq,
  time: T,
  received: T,
  type: 'unit.registered',
  unit: { id, callsign: 'Fremd 1', kind: 'funkstreifenwagen', district: 'Nord', ...extra },
});
const batch = (from: number, to: number, events: unknown[], positions: unknown[] = []) => ({
  from,
  to,
  now: T,
  events,
  positions,
});
const DEEP = JSON.parse(`${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`) as unknown;

/** Hostile messages; `c` is the receiver's cursor when each is sent (contiguity matters). */
const HOSTILE: [what: string, event: 'batch' | 'snapshot', payload: (c: number) => unknown][] = [
  ['null batch', 'batch', () => null],
  ['string batch', 'batch', () => 'batch'],
  ['deep object', 'batch', () => DEEP],
  ['to before from', 'batch', (c) => batch(c + 1, c - 5, [])],
  ['event outside its range', 'batch', (c) => batch(c + 1, c + 1, [reg(c + 9, 'x')])],
  ['unknown event type', 'batch', (c) => batch(c + 1, c + 1, [{ ...reg(c + 1, 'x'), type: 'unit.deleted' }])],
  ['bad latitude tuple', 'batch', (c) => batch(c + 1, c + 1, [], [[c + 1, 'x', 91, 0, T, null, null, null]])],
  [
    'injected callsign',
    'batch',
    (c) => batch(c + 1, c + 1, [reg(c + 1, 'x', { callsign: "'; DROP TABLE events; --" })]),
  ],
  ['script id', 'batch', (c) => batch(c + 1, c + 1, [reg(c + 1, '<script>')])],
  ['huge text', 'batch', (c) => batch(c + 1, c + 1, [reg(c + 1, 'x', { district: 'x'.repeat(100_000) })])],
  ['extra field', 'batch', (c) => batch(c + 1, c + 1, [{ ...reg(c + 1, 'x'), admin: true }])],
  [
    'snapshot of another protocol',
    'snapshot',
    () => ({
      picture: { seq: 1, units: {}, incidents: {} },
      info: { protocol: 2, staleAfterMs: 1, batchMs: 1, now: T },
    }),
  ],
  [
    'snapshot with junk',
    'snapshot',
    () => ({ picture: 'all of it', info: { protocol: 1, staleAfterMs: 1, batchMs: 1, now: T } }),
  ],
];
/** Prototype names as keys of a batch: ignored like any unknown key (an empty batch), nothing polluted. */
const PROTO_KEYS = PROTOTYPE_NAMES.map(
  (n) => (c: number) =>
    JSON.parse(`{"${n}":{"polluted":true},"from":${c + 1},"to":${c + 1},"now":${T},"events":[]}`) as unknown,
);
/** Well-formed, but every event is one to refuse: passing on, or an id too long for the namespace. */
const REFUSED: [what: string, payload: (c: number) => unknown][] = [
  ['a unit passed on from elsewhere', (c) => batch(c + 1, c + 1, [reg(c + 1, 'y', { origin: 'zz' })])],
  ['an id too long with the prefix', (c) => batch(c + 1, c + 1, [reg(c + 1, 'L'.repeat(64))])],
];

let peer: http.Server;
let io: Server;
let remote: Socket | undefined;
let lage: LageServer;
const dataDir = tempDir('lagebild-fedfuzz-');

beforeAll(async () => {
  peer = http.createServer();
  io = new Server(peer);
  io.of('/live').on('connection', (s) => {
    remote = s;
    s.emit('snapshot', {
      picture: { seq: 0, units: {}, incidents: {} },
      info: { protocol: 1, staleAfterMs: 60_000, batchMs: 100, now: T },
    });
  });
  await new Promise<void>((r) => peer.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(peer.address() as AddressInfo).port}`;
  lage = await startTestServer({ federate: [{ name: 'hh', url, token: 'hostile-peer-token' }] }, dataDir);
  await until('the subscription', () => remote !== undefined && lage.federation.peers()[0]!.connected);
});

afterAll(async () => {
  await lage?.close();
  await new Promise<void>((r) => io.close(() => r()));
});

const status = () => lage.federation.peers()[0]!;

/** A good batch after the hostile one: once it is in, the hostile one was dealt with. */
async function probe(n: number): Promise<void> {
  const c = status().cursor;
  remote!.emit('batch', batch(c + 1, c + 1, [reg(c + 1, `probe${n}`)]));
  await until(`probe ${n}`, () => lage.lage.picture.units[`hh:probe${n}`] !== undefined, 10_000);
}

describe('a hostile federation peer', () => {
  it('each bad message is left out with a reason; the good ones still arrive', async () => {
    let n = 0;
    for (const [what, event, payload] of HOSTILE) {
      const refused = status().refused;
      remote!.emit(event, payload(status().cursor));
      await probe(n++);
      expect(status().refused, what).toBeGreaterThan(refused);
    }
    for (const payload of PROTO_KEYS) {
      const c = status().cursor;
      remote!.emit('batch', payload(c));
      await until('the empty batch', () => status().cursor === c + 1);
    }
    for (const [what, payload] of REFUSED) {
      const refused = status().refused;
      remote!.emit('batch', payload(status().cursor));
      // The batch is well-formed: its seq is consumed, its one event left out.
      await until(what, () => status().refused === refused + 1);
      expect(status().lastError, what).toMatch(/left out 1 event/);
      await probe(n++);
    }
    // Only the probes were stored, each once, in the peer's namespace.
    const stored = lage.lage.log.range(0, lage.lage.seq);
    expect(stored.map((e) => (e.type === 'unit.registered' ? e.unit.id : e.type))).toEqual(
      Array.from({ length: n }, (_, i) => `hh:probe${i}`),
    );
    expect((Object.prototype as Record<string, unknown>)['polluted']).toBeUndefined();
    const health = await fetch(`${lage.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(verifyAudit(dataDir)).toMatchObject({ ok: true });
  });

  it('a gap asks for the missing events (resync) instead of storing past it', async () => {
    const c = status().cursor;
    const asked = new Promise<unknown>((r) => remote!.once('resync', r));
    remote!.emit('batch', batch(c + 5, c + 5, [reg(c + 5, 'late')]));
    expect(await asked).toBe(c);
    expect(lage.lage.picture.units['hh:late']).toBeUndefined();
  });
});

describe('the federation adapter under mutation', () => {
  it('never throws, and keeps only events that pass the log schema, namespaced', () => {
    const r = rng(18_5);
    const junk = [null, -1, 1e308, '', 'x'.repeat(70), {}, [], true, '__proto__', 'constructor', NaN];
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
    for (let i = 0; i < 1_500; i++) {
      const base = batch(
        1,
        3,
        [
          reg(1, 'a'),
          { seq: 3, time: T, received: T, type: 'unit.status', unitId: 'a', status: 3, incidentId: 'i' },
        ],
        [[2, 'a', 53, 10, T, null, null, null]],
      );
      const target = pick([
        base,
        base.events[0]!,
        (base.events[0] as { unit: object }).unit,
        base.events[1]!,
        base.positions[0]!,
      ]) as Record<string, unknown>;
      const key = pick([...Object.keys(target), 'origin', '__proto__']);
      target[key] = pick(junk);
      const out = r() < 0.8 ? fromBatch('hh', base) : fromSnapshot('hh', { picture: base, info: base });
      if (!out.ok) {
        expect(out.error).toMatch(/^not a valid (batch|snapshot)/);
        continue;
      }
      for (const e of out.events) {
        expect(lageEventSchema.safeParse({ ...e, seq: 1, received: T }).success).toBe(true);
        expect(JSON.stringify(e)).toMatch(/"(id|unitId|incidentId)":"hh:/);
      }
    }
  });
});
