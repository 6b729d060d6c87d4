/**
 * One store contract, run against both stores: the embedded SQLite log and the shared PostgreSQL
 * log (several nodes, docs/scale-out.md). Same tests, parameterised by store; each test talks to
 * real servers over HTTP/Socket.IO and checks what the durable store holds afterwards (the SQLite
 * file read through a connection of its own, or PostgreSQL's `events` table).
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyAll } from '#shared/reducer';
import { emptyPicture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { LageServer } from '../app.ts';
import { TestDashboard, getJson, post, startTestServer, tempDir, units } from '../testing/harness.ts';
import { withPgCluster } from '../testing/pgFixture.ts';

const pgt = withPgCluster('store contract on PostgreSQL');

interface StoreUnderTest {
  name: string;
  missing: string | undefined;
  /** A server (node) on this store; `dataDir` again = the same server restarted. */
  start(dataDir?: string): Promise<LageServer>;
  /** Writers on this store: one server for SQLite (one file, one writer), two nodes for PostgreSQL. */
  writers(): Promise<LageServer[]>;
  /** The whole log as the durable store holds it, in seq order. */
  stored(s: LageServer): Promise<LageEvent[]>;
}

const sqliteServers: LageServer[] = [];
afterEach(async () => {
  for (const s of sqliteServers.splice(0)) await s.close();
});

const sqlite: StoreUnderTest = {
  name: 'SQLite',
  missing: undefined,
  async start(dataDir = tempDir()) {
    const s = await startTestServer({}, dataDir);
    sqliteServers.push(s);
    return s;
  },
  async writers() {
    return [await this.start()];
  },
  stored: async (s) => {
    // A connection of its own: what is committed, not what the server holds in memory.
    const db = new Database(s.lage.log.db.name, { readonly: true });
    try {
      const rows = db.prepare('SELECT data FROM events ORDER BY seq').pluck().all() as string[];
      return rows.map((r) => JSON.parse(r) as LageEvent);
    } finally {
      db.close();
    }
  },
};

const postgres: StoreUnderTest = {
  name: 'PostgreSQL',
  missing: pgt.missing,
  start: (dataDir) => pgt.node(dataDir),
  writers: () => pgt.nodes(2),
  stored: () => pgt.events(),
};

/** The server that answered `s` closed, and started again on its data dir (and database). */
async function restart(store: StoreUnderTest, s: LageServer): Promise<LageServer> {
  const dir = s.lage.log.db.name.replace(/\/lagebild\.sqlite$/, '');
  await s.close();
  return store.start(dir);
}

const seqs = (events: readonly { seq: number }[]) => events.map((e) => e.seq);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const fix = (unitId: string, i: number) => ({
  unitId,
  lat: 51.2 + (i % 50) * 0.001,
  lon: 6.77,
  speed: 5,
  heading: 90,
  time: Date.now() - 60_000 + i,
});

describe.each([sqlite, postgres])('store contract: $name', (store) => {
  describe.skipIf(store.missing)(`on ${store.name}`, () => {
    it('appends, acknowledges with the last seq and numbers the log contiguously from 1', async () => {
      const s = await store.start();
      const r1 = await post(s.url, 'units', units(5));
      expect(r1).toMatchObject({ status: 202, json: { accepted: 5, seq: 5 } });
      const r2 = await post(s.url, 'positions', [fix('u1', 1), fix('u2', 2), fix('u3', 3)]);
      expect(r2).toMatchObject({ status: 202, json: { accepted: 3, seq: 8 } });
      const r3 = await post(s.url, 'incidents', [
        { id: 'E1', type: 'brand', priority: 1, lat: 51.2, lon: 6.7 },
      ]);
      expect(r3.json.seq).toBe(9);
      const stored = await store.stored(s);
      expect(seqs(stored)).toEqual(oneTo(9));
      expect(stored.map((e) => e.type)).toEqual([
        ...Array<string>(5).fill('unit.registered'),
        ...Array<string>(3).fill('unit.position'),
        'incident.opened',
      ]);
      // The stored events are the ones the server folded and serves.
      expect(s.lage.log.read(1, 100)).toEqual(stored);
      expect({ ...applyAll(emptyPicture(), stored), seq: 9 }).toEqual(s.lage.picture);
    });

    it('reads ranges: pages by seq, (after, to] and by time, over HTTP and in the store', async () => {
      const s = await store.start();
      await post(s.url, 'units', units(3));
      for (let i = 0; i < 4; i++) await post(s.url, 'positions', [fix('u0', i), fix('u1', i)]);
      const all = await store.stored(s);
      expect(all).toHaveLength(11);
      const page = await getJson<{ events: LageEvent[]; nextSeq: number; lastSeq: number }>(
        `${s.url}/api/v1/events?fromSeq=3&limit=4`,
      );
      expect(seqs(page.events)).toEqual([3, 4, 5, 6]);
      expect(page).toMatchObject({ nextSeq: 7, lastSeq: 11 });
      const end = await getJson<{ events: LageEvent[] }>(`${s.url}/api/v1/events?fromSeq=12`);
      expect(end.events).toEqual([]);
      expect(s.lage.log.range(4, 7)).toEqual(all.slice(4, 7));
      expect(s.lage.log.range(11, 20)).toEqual([]);
      const t = all[5]!.time;
      expect(seqs(s.lage.log.byTime(t, t + 1, 100))).toEqual(seqs(all.filter((e) => e.time === t)));
      expect([...s.lage.log.iterateAfter(2, 4)].flat()).toEqual(all.slice(2));
    });

    it('keeps seq continuity across a restart: no number handed out twice, none skipped', async () => {
      const first = await store.start();
      await post(first.url, 'units', units(4));
      await post(first.url, 'positions', [fix('u1', 1)]);
      const before = first.lage.picture;
      const again = await restart(store, first);
      expect(again.lage.seq).toBe(5);
      expect(again.lage.picture).toEqual(before);
      expect((await post(again.url, 'positions', [fix('u2', 2)])).json.seq).toBe(6);
      expect(seqs(await store.stored(again))).toEqual(oneTo(6));
    });

    it('restores the picture from a snapshot plus the events after it', async () => {
      const s = await store.start();
      await post(s.url, 'units', units(6));
      await post(s.url, 'incidents', [{ id: 'E1', type: 'brand', priority: 1, lat: 51.2, lon: 6.7 }]);
      s.lage.snapshotNow();
      expect(s.lage.snapshots.latest()?.seq).toBe(7);
      await post(s.url, 'status', [{ unitId: 'u1', status: 3, incidentId: 'E1' }]);
      await post(s.url, 'positions', [fix('u1', 1), fix('u4', 4)]);
      const before = s.lage.picture;
      const again = await restart(store, s);
      expect(again.lage.snapshots.latest()?.seq).toBeGreaterThanOrEqual(7);
      expect(again.lage.picture).toEqual(before);
      const stored = await store.stored(again);
      expect({ ...applyAll(emptyPicture(), stored), seq: stored.length }).toEqual(again.lage.picture);
    });

    it('refuses bad input with a clear error and leaves the stored log exactly as it was', async () => {
      const s = await store.start();
      await post(s.url, 'units', units(2));
      await post(s.url, 'incidents', [{ id: 'E1', type: 'brand', priority: 1, lat: 51.2, lon: 6.7 }]);
      const before = await store.stored(s);
      const refusals: [string, unknown, number, RegExp][] = [
        ['positions', '[{"unitId":"u1",', 400, /malformed JSON/],
        ['positions', { unitId: 'u1' }, 400, /array/i],
        [
          'positions',
          [fix('u1', 1), { ...fix('u1', 2), lat: 91 }],
          400,
          /1 of 2 items invalid; nothing stored/,
        ],
        ['positions', [fix('u1', 1), fix('nobody', 2)], 400, /nobody/],
        ['positions', [{ ...fix('u1', 1), time: Date.now() + 3_600_000 }], 400, /future/],
        ['status', [{ unitId: 'u1', status: 12 }], 400, /status/],
        ['incidents', [{ op: 'close', id: 'E9' }], 400, /unknown incident/],
        ['units', [{ id: "x'; DROP TABLE events; --", callsign: 'x', kind: 'motorrad' }], 400, /id/],
      ];
      const answers = [];
      for (const [kind, body] of refusals) answers.push(await post(s.url, kind, body));
      expect(answers.map((r, i) => `${i}: ${r.status} ${JSON.stringify(r.json)}`)).toEqual(
        refusals.map(([, , status, error], i) =>
          expect.stringMatching(new RegExp(`^${i}: ${status} .*${error.source}`)),
        ),
      );
      // A refused operator command over the live socket stores nothing either.
      const d = pgt.track(new TestDashboard(s.url));
      await d.connected();
      const cmd = { cmd: 'setState', incidentId: 'E9', state: 'abgeschlossen' };
      expect(await d.socket.emitWithAck('command', cmd)).toMatchObject({ ok: false, error: /E9/ });
      expect(await store.stored(s)).toEqual(before);
      expect(s.lage.seq).toBe(before.length);
      // The next good write follows on at once: the sequence did not move for the refused ones.
      expect((await post(s.url, 'positions', [fix('u1', 1)])).json.seq).toBe(before.length + 1);
      expect(seqs(await store.stored(s))).toEqual(oneTo(before.length + 1));
    });

    it('commits concurrent writers one after the other: every acknowledged request whole, once, contiguous', async () => {
      const writers = await store.writers();
      expect((await post(writers[0]!.url, 'units', units(20))).status).toBe(202);
      const requests = Array.from({ length: 40 }, (_, i) =>
        Array.from({ length: 1 + (i % 7) }, (_, k) => fix(`u${(i + k) % 20}`, i * 10 + k)),
      );
      const acks = await Promise.all(
        requests.map((items, i) => post(writers[i % writers.length]!.url, 'positions', items)),
      );
      const stored = await store.stored(writers[0]!);
      expect(seqs(stored)).toEqual(oneTo(stored.length));
      expect(stored.length).toBe(20 + requests.reduce((n, r) => n + r.length, 0));
      for (const [i, ack] of acks.entries()) {
        expect(ack.status).toBe(202);
        // The request's events are exactly the block that ends at its acknowledged seq.
        const last = ack.json.seq as number;
        const block = stored.slice(last - requests[i]!.length, last);
        expect(block.map((e) => [(e as { unitId?: string }).unitId, e.time])).toEqual(
          requests[i]!.map((p) => [p.unitId, p.time]),
        );
      }
      for (const w of writers) {
        await expect.poll(() => w.lage.seq, { timeout: 30_000 }).toBe(stored.length);
        expect(w.lage.log.read(1, 1_000)).toEqual(stored);
      }
    });
  });
});
