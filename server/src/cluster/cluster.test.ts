/**
 * Three Lage nodes (in-process, each its own data dir and port) on one real PostgreSQL cluster
 * (initdb + pg_ctl on loopback, server/src/testing/pgFixture.ts).
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { io as connect } from 'socket.io-client';
import { applyAll } from '#shared/reducer';
import { TEST_TOKEN, post, startTestServer, units } from '../testing/harness.ts';
import { withPgCluster } from '../testing/pgFixture.ts';

const pgt = withPgCluster('cluster tests');
const { missing, nodes, dashboard } = pgt;

const fix = (unitId: string, i: number) => ({
  unitId,
  lat: 51.2 + (i % 100) * 0.0005,
  lon: 6.77 + (i % 37) * 0.0005,
  speed: 10,
  heading: (i * 7) % 360,
  time: Date.now() - 1000 + i,
});

async function pgRows(): Promise<{ seq: number; type: string }[]> {
  const c = new pg.Client(pgt.url);
  await c.connect();
  const r = await c.query<{ seq: string; type: string }>('SELECT seq, type FROM events ORDER BY seq');
  await c.end();
  return r.rows.map((row) => ({ seq: Number(row.seq), type: row.type }));
}

describe.skipIf(missing)('several nodes on one PostgreSQL log', () => {
  it('gives every write one global, contiguous seq and every node the same stream and picture', async () => {
    const [a, b, c] = await nodes(3);
    const ds = [a!, b!, c!, a!, b!, c!].map((s) => dashboard(s.url));
    await Promise.all(ds.map((d) => d.connected()));
    expect((await post(b!.url, 'units', units(30))).status).toBe(202);
    // Writes spread over the three nodes, concurrently: positions, status changes, incidents.
    const acks = await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const node = [a!, b!, c!][i % 3]!;
        if (i % 15 === 7)
          return post(node.url, 'incidents', [
            { id: `E${i}`, type: 'brand', priority: 1, lat: 51.2, lon: 6.7 },
          ]);
        if (i % 10 === 3) return post(node.url, 'status', [{ unitId: `u${i % 30}`, status: 6 }]);
        return post(node.url, 'positions', [fix(`u${i % 30}`, i), fix(`u${(i + 1) % 30}`, i)]);
      }),
    );
    // One request larger than an INSERT block (500 rows): stored in several statements, one COMMIT.
    const big = await post(
      c!.url,
      'positions',
      Array.from({ length: 1_234 }, (_, i) => fix(`u${i % 30}`, 1_000 + i)),
    );
    expect(big.json).toMatchObject({ accepted: 1_234 });
    acks.push(big);
    for (const ack of acks) expect(ack.status).toBe(202);
    const rows = await pgRows();
    const acked = 30 + acks.reduce((n, a) => n + (a.json.accepted as number), 0);
    // 0 lost, 0 duplicates, no gap: seq 1..N, one row per acknowledged event.
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: acked }, (_, i) => i + 1));
    // The acknowledged seqs are distinct and each within the log.
    const seqs = acks.map((a) => a.json.seq as number);
    expect(new Set(seqs).size).toBe(seqs.length);
    await Promise.all(ds.map((d) => d.waitForSeq(acked, 60_000)));
    for (const s of [a!, b!, c!]) {
      await expect.poll(() => s.lage.seq, { timeout: 60_000 }).toBe(acked);
      expect(s.lage.picture).toEqual(a!.lage.picture);
      expect(s.lage.log.read(1, 10_000).map((e) => e.seq)).toEqual(rows.map((r) => r.seq));
    }
    const nonPositions = rows.filter((r) => r.type !== 'unit.position').map((r) => r.seq);
    for (const d of ds) {
      expect(d.errors).toEqual([]);
      expect(d.picture).toEqual(a!.lage.picture);
      expect(d.eventSeqs).toEqual([...d.eventSeqs].sort((x, y) => x - y));
      expect(new Set(d.eventSeqs).size).toBe(d.eventSeqs.length);
      expect(nonPositions.every((s) => d.eventSeqs.includes(s))).toBe(true);
    }
  });

  it('lets one of two nodes racing on the same incident win and refuses the other clearly', async () => {
    const [a, b] = await nodes(2);
    await post(a!.url, 'units', units(2));
    const opened = await post(a!.url, 'incidents', [
      { id: 'E1', type: 'brand', priority: 1, lat: 51.2, lon: 6.7 },
    ]);
    expect(opened.status).toBe(202);
    const da = dashboard(a!.url);
    const db = dashboard(b!.url);
    await Promise.all([da.connected(), db.connected()]);
    await Promise.all([da.waitForSeq(opened.json.seq as number), db.waitForSeq(opened.json.seq as number)]);
    for (let round = 0; round < 5; round++) {
      const id = `R${round}`;
      const r = await post(b!.url, 'incidents', [{ id, type: 'brand', priority: 2, lat: 51.2, lon: 6.7 }]);
      await Promise.all([da.waitForSeq(r.json.seq as number), db.waitForSeq(r.json.seq as number)]);
      const close = { cmd: 'setState', incidentId: id, state: 'abgeschlossen' };
      const [ackA, ackB] = (await Promise.all([
        da.socket.emitWithAck('command', close),
        db.socket.emitWithAck('command', close),
      ])) as { ok: boolean; error?: string; seq?: number }[];
      const won = [ackA!, ackB!].filter((x) => x.ok);
      const lost = [ackA!, ackB!].filter((x) => !x.ok);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.error).toMatch(/is closed/);
      const closes = (await pgRows()).filter((row) => row.type === 'incident.closed');
      expect(closes).toHaveLength(round + 1);
    }
  });

  it('tells a terminal on one node of a speech request acknowledged on another', async () => {
    const [a, b] = await nodes(2);
    await post(a!.url, 'units', units(3));
    const terminal = connect(`${b!.url}/ingest`, { auth: { token: TEST_TOKEN }, transports: ['websocket'] });
    try {
      expect(await terminal.emitWithAck('subscribe', ['u2'])).toEqual({ ok: true });
      const notified = new Promise((resolve) => terminal.once('notify', resolve));
      const asked = (await terminal.emitWithAck('status', [{ unitId: 'u2', status: 5 }])) as { seq: number };
      const operator = dashboard(a!.url);
      await operator.waitForSeq(asked.seq, 30_000);
      const ack = (await operator.socket.emitWithAck('command', { cmd: 'acknowledge', unitId: 'u2' })) as {
        ok: boolean;
      };
      expect(ack.ok).toBe(true);
      expect(await notified).toMatchObject({
        unitId: 'u2',
        event: { type: 'unit.acknowledged', by: 'operator' },
      });
    } finally {
      terminal.close();
    }
  });

  it('resumes a dashboard that moves to a node behind it from its own seq, without a fresh picture', async () => {
    const [a, b] = await nodes(2);
    await post(a!.url, 'units', units(10));
    const first = await post(a!.url, 'positions', [fix('u1', 1)]);
    const n = first.json.seq as number;
    await expect.poll(() => b!.lage.seq, { timeout: 30_000 }).toBe(n);
    // Another writer (this test, as a node would) holds the commit lock with seq n+1 written but
    // not committed, while b has a write waiting for that lock: b cannot get past seq n.
    const c = new pg.Client(pgt.url);
    await c.connect();
    const probe = new pg.Client(pgt.url);
    await probe.connect();
    try {
      const last = await c.query<{ data: string }>('SELECT data FROM events WHERE seq = $1', [n]);
      const next = { ...JSON.parse(last.rows[0]!.data), seq: n + 1, time: Date.now() };
      await c.query('BEGIN');
      await c.query('SELECT seq FROM log_head WHERE id = 1 FOR UPDATE');
      await c.query('INSERT INTO events (seq, type, time, received, data) VALUES ($1, $2, $3, $4, $5)', [
        n + 1,
        next.type,
        next.time,
        next.time,
        JSON.stringify(next),
      ]);
      await c.query('UPDATE log_head SET seq = $1 WHERE id = 1', [n + 1]);
      const waiting = post(b!.url, 'positions', [fix('u2', 2)]);
      await expect
        .poll(
          async () =>
            (
              await probe.query(
                "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'lagebild' AND wait_event_type = 'Lock'",
              )
            ).rows[0].n,
          { timeout: 30_000 },
        )
        .toBe(1);
      // A dashboard that saw n+1 on a node that is ahead moves to b, which is still at n.
      const ahead = { ...applyAll(structuredClone(b!.lage.picture), [next]), seq: n + 1 };
      const resumed = dashboard(b!.url, { picture: ahead });
      await resumed.connected();
      expect(b!.lage.seq).toBe(n);
      await c.query('COMMIT');
      const r2 = await waiting;
      expect(r2.status).toBe(202);
      expect(r2.json.seq).toBe(n + 2);
      await resumed.waitForSeq(n + 2, 30_000);
      expect(resumed.errors).toEqual([]);
      expect(resumed.snapshots).toBe(0);
      expect(resumed.picture).toEqual(b!.lage.picture);
    } finally {
      await c.end();
      await probe.end();
    }
  });

  it('stores any text as it was given: quotes, backslashes, SQL and non-Latin text round-trip', async () => {
    const [a, b] = await nodes(2);
    await post(a!.url, 'units', units(1));
    const text = `O'Brien sagt: "Rauch" \\ \\' ''; DROP TABLE events; -- ü ß 🚓 \u0001 $1 $$x$$`;
    const opened = await post(a!.url, 'incidents', [
      { id: 'E:1', type: 'brand', priority: 1, lat: 51.2, lon: 6.7, description: text },
    ]);
    expect(opened.json).toMatchObject({ accepted: 1 });
    const d = dashboard(b!.url);
    await d.connected();
    const note = (await d.socket.emitWithAck('command', { cmd: 'note', incidentId: 'E:1', text })) as {
      ok: boolean;
      seq: number;
    };
    expect(note.ok).toBe(true);
    await expect.poll(() => a!.lage.seq, { timeout: 30_000 }).toBe(note.seq);
    for (const s of [a!, b!]) {
      const inc = s.lage.picture.incidents['E:1']!;
      expect(inc.description).toBe(text);
      expect(s.lage.log.read(note.seq, 1)[0]).toMatchObject({ type: 'incident.note', text });
    }
    expect((await pgRows()).map((r) => r.seq)).toEqual([1, 2, 3]);
  });

  it('refuses a data dir that holds a log of its own instead of mixing it in', async () => {
    const own = await startTestServer();
    await post(own.url, 'units', units(2));
    const dir = own.lage.log.db.name.replace(/\/lagebild\.sqlite$/, '');
    await own.close();
    await expect(startTestServer({ database: pgt.url }, dir)).rejects.toThrow(
      /holds a log of its own \(seq 2\)/,
    );
    expect(await pgRows()).toEqual([]);
  });
});
