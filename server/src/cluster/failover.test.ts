/**
 * Failures of a node and of PostgreSQL, on a real cluster: three `npm run serve` processes (one
 * SIGKILLed mid-stream), and in-process nodes while PostgreSQL is stopped and started again.
 */
import { describe, expect, it } from 'vitest';
import { applyAll } from '#shared/reducer';
import { emptyPicture } from '#shared/picture';
import type { TestDashboard } from '../testing/harness.ts';
import { TEST_TOKEN, post, sleep, units } from '../testing/harness.ts';
import { withPgCluster } from '../testing/pgFixture.ts';
import type { LageServer } from '../app.ts';
import { UNREACHABLE_ERROR } from './staleGuard.ts';

const pgt = withPgCluster('failover tests');
const { missing, spawnNode, nodes } = pgt;
const pgEvents = () => pgt.events();
const dashboard = (url: string, picture?: TestDashboard['picture']) =>
  pgt.dashboard(url, picture ? { picture } : {});

const UNITS = 40;
const positionKey = (unitId: string, time: number) => `${unitId}@${time}`;

describe.skipIf(missing)('failover on PostgreSQL', () => {
  it('loses no acknowledged event and duplicates none when a node is SIGKILLed mid-stream', async () => {
    const nodes = [await spawnNode(), await spawnNode(), await spawnNode()];
    expect((await post(nodes[0]!.url, 'units', units(UNITS))).status).toBe(202);
    // 51 dashboards, 17 on each node.
    const ds = Array.from({ length: 51 }, (_, i) => dashboard(nodes[i % 3]!.url));
    await Promise.all(ds.map((d) => d.connected()));
    const acked = new Set<string>();
    let unacked = 0;
    let killed = false;
    const t0 = Date.now() - 60_000;
    // Three writers, each its own units, rotating over the nodes; node 2 is killed at round 40.
    const writer = async (w: number) => {
      for (let round = 0; round < 90; round++) {
        if (w === 0 && round === 40) {
          nodes[2]!.child.kill('SIGKILL');
          killed = true;
        }
        const node = nodes[(w + round) % 3]!;
        const items = [0, 1].map((k) => ({
          unitId: `u${(w * 13 + k * 7 + round) % UNITS}`,
          lat: 51.2 + (round % 50) * 0.001,
          lon: 6.77 + w * 0.01,
          time: t0 + round * 10 + w * 1_000_000 + k,
        }));
        try {
          const r = await post(node.url, 'positions', items);
          if (r.status === 202) for (const it of items) acked.add(positionKey(it.unitId, it.time));
          else unacked++;
        } catch {
          unacked++; // the node is gone: the sender did not get an answer (not acknowledged)
        }
      }
    };
    await Promise.all([writer(0), writer(1), writer(2)]);
    expect(killed).toBe(true);
    expect(unacked).toBeGreaterThan(0);

    // The dashboards of the dead node resume, from their own picture, on the others.
    const moved = ds.map((d, i) => {
      if (i % 3 !== 2) return d;
      return dashboard(nodes[i % 2]!.url, d.picture);
    });
    await Promise.all(moved.map((d) => d.connected()));

    const events = await pgEvents();
    const head = events.length;
    // One global, contiguous seq; every acknowledged position exactly once; nothing twice.
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    const keys = events
      .filter((e) => e.type === 'unit.position')
      .map((e) => positionKey((e as { unitId: string }).unitId, e.time));
    expect(new Set(keys).size).toBe(keys.length);
    const stored = new Set(keys);
    expect([...acked].filter((k) => !stored.has(k))).toEqual([]);

    await Promise.all(moved.map((d) => d.waitForSeq(head, 60_000)));
    const truth = { ...applyAll(emptyPicture(), events), seq: head };
    for (const [i, d] of moved.entries()) {
      expect(d.errors).toEqual([]);
      expect(d.picture).toEqual(truth);
      // Those that moved resumed from their own seq (no fresh picture).
      if (i % 3 === 2) expect(d.snapshots).toBe(0);
    }

    // The killed node comes back on its own data dir and catches up with what it missed.
    const back = await spawnNode(nodes[2]!.dataDir);
    const late = dashboard(back.url);
    await late.waitForSeq(head, 60_000);
    expect(late.picture).toEqual(truth);
  });

  it('answers 503 with Retry-After while PostgreSQL is down and resumes by itself when it returns', async () => {
    const [a, b] = (await nodes(2)) as [LageServer, LageServer];
    expect((await post(a.url, 'units', units(4))).status).toBe(202);
    const da = dashboard(a.url);
    const db = dashboard(b.url);
    await Promise.all([da.waitForSeq(4, 30_000), db.waitForSeq(4, 30_000)]);

    pgt.cluster.stop();
    const res = await fetch(`${b.url}/api/v1/ingest/positions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` },
      body: JSON.stringify([{ unitId: 'u1', lat: 51.2, lon: 6.7 }]),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(((await res.json()) as { error: string }).error).toMatch(/could not store events/);
    const health = async () =>
      (await fetch(`${b.url}/api/v1/health`)).json() as Promise<Record<string, unknown>>;
    expect(await health()).toMatchObject({ status: 'degraded', problems: [{ store: 'shared log' }] });
    // The last picture stays served; nothing was stored or folded.
    expect(b.lage.seq).toBe(4);
    expect(b.lage.picture.units['u1']?.position).toBeUndefined();
    // Cut off for UNREACHABLE_AFTER_MS: the dashboards are signed off the feed (their picture is
    // stale: the other nodes' writes cannot reach this one) and new ones are refused with 503.
    const cut = Date.now();
    while (da.socket.connected || db.socket.connected) {
      if (Date.now() - cut > 10_000)
        throw new Error('dashboards still on the feed 10 s after PostgreSQL went down');
      await sleep(50);
    }
    const refused = dashboard(b.url);
    await expect(refused.connected()).rejects.toThrow(UNREACHABLE_ERROR);

    pgt.cluster.start();
    const back = Date.now();
    let ok: { status: number; json: Record<string, unknown> } | undefined;
    while (!ok || ok.status !== 202) {
      if (Date.now() - back > 60_000) throw new Error(`still ${ok?.status} 60 s after restart`);
      ok = await post(b.url, 'positions', [{ unitId: 'u1', lat: 51.2, lon: 6.7 }]);
      if (ok.status !== 202) expect(ok.status).toBe(503);
    }
    expect(ok.json.seq).toBe(5);
    expect(await health()).toMatchObject({ status: 'ok', seq: 5 });
    // Both nodes' dashboards come back by themselves, resume from their own seq (no fresh picture)
    // and get the write made after the restart (the tail reconnected).
    const again = async (url: string, picture: TestDashboard['picture']) => {
      for (;;) {
        const d = dashboard(url, picture);
        const ok = await d.connected().then(
          () => true,
          () => false,
        );
        if (ok) return d;
        if (Date.now() - back > 10_000) throw new Error('dashboards not back 10 s after PostgreSQL returned');
        await sleep(200);
      }
    };
    const [ra, rb] = await Promise.all([again(a.url, da.picture), again(b.url, db.picture)]);
    await Promise.all([ra.waitForSeq(5, 30_000), rb.waitForSeq(5, 30_000)]);
    expect(ra.snapshots + rb.snapshots).toBe(0);
    expect(ra.picture).toEqual(rb.picture);
    expect((await pgEvents()).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('loses no acknowledged event when PostgreSQL restarts mid-ingest, and every node converges', async () => {
    const [a, b] = (await nodes(2)) as [LageServer, LageServer];
    expect((await post(a.url, 'units', units(UNITS))).status).toBe(202);
    const ds = [dashboard(a.url), dashboard(b.url)];
    await Promise.all(ds.map((d) => d.connected()));
    const acked = new Set<string>();
    const statuses = new Map<number, number>();
    let restarted = false;
    const t0 = Date.now() - 60_000;
    // Two writers (one per node) keep sending through a restart of PostgreSQL; a refused write is
    // not retried (so a duplicate could only come from the server).
    const writer = async (w: number) => {
      for (let round = 0; round < 400 && !(restarted && round > 0 && statuses.get(202)! > 60); round++) {
        const items = [
          {
            unitId: `u${(w * 7 + round) % UNITS}`,
            lat: 51.2,
            lon: 6.7 + round * 1e-4,
            time: t0 + round * 10 + w,
          },
        ];
        const r = await post([a, b][w]!.url, 'positions', items);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        if (r.status === 202) acked.add(positionKey(items[0]!.unitId, items[0]!.time));
        else expect(r.status).toBe(503);
      }
    };
    const writing = Promise.all([writer(0), writer(1)]);
    await expect.poll(() => statuses.get(202) ?? 0, { timeout: 60_000 }).toBeGreaterThan(20);
    pgt.cluster.stop();
    await expect.poll(() => statuses.get(503) ?? 0, { timeout: 60_000 }).toBeGreaterThan(0);
    pgt.cluster.start();
    statuses.set(202, 0);
    restarted = true;
    await writing;
    expect(statuses.get(202)).toBeGreaterThan(60);

    const events = await pgEvents();
    const head = events.length;
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    const keys = events
      .filter((e) => e.type === 'unit.position')
      .map((e) => positionKey((e as { unitId: string }).unitId, e.time));
    expect(new Set(keys).size).toBe(keys.length);
    const stored = new Set(keys);
    expect([...acked].filter((k) => !stored.has(k))).toEqual([]);
    await Promise.all(ds.map((d) => d.waitForSeq(head, 60_000)));
    const truth = { ...applyAll(emptyPicture(), events), seq: head };
    for (const d of ds) {
      expect(d.errors).toEqual([]);
      expect(d.picture).toEqual(truth);
    }
    for (const s of [a, b]) expect(s.lage.seq).toBe(head);
  });
});
