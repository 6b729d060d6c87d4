import { afterEach, describe, expect, it } from 'vitest';
import type { LageServer } from './app.ts';
import { TestDashboard, authFetch, post, sleep, startTestServer, units } from './testing/harness.ts';

let server: LageServer | undefined;
const dashboards: TestDashboard[] = [];
afterEach(async () => {
  for (const d of dashboards.splice(0)) d.close();
  await server?.close();
  server = undefined;
});

function dashboard(opts?: { lastSeq?: number }): TestDashboard {
  const d = new TestDashboard(server!.url, opts);
  dashboards.push(d);
  return d;
}

const fix = (unitId: string, i: number) => ({
  unitId,
  lat: 51.2 + (i % 100) * 0.0005,
  lon: 6.77 + (i % 37) * 0.0005,
  speed: 10,
  heading: (i * 7) % 360,
  time: Date.now() - 1000 + i,
});

describe('live fan-out', () => {
  it('delivers ingested events to every connected dashboard, in order and contiguous', async () => {
    server = await startTestServer();
    const ds = [dashboard(), dashboard(), dashboard()];
    await Promise.all(ds.map((d) => d.connected()));
    expect((await post(server.url, 'units', units(20))).status).toBe(202);
    await post(server.url, 'incidents', [{ id: 'E1', type: 'brand', priority: 1, lat: 51.2, lon: 6.7 }]);
    for (let i = 0; i < 30; i++) {
      await post(server.url, 'positions', [fix(`u${i % 20}`, i), fix(`u${(i + 1) % 20}`, i)]);
      if (i % 10 === 5) await post(server.url, 'status', [{ unitId: `u${i}`, status: 5 }]);
    }
    await post(server.url, 'incidents', [{ op: 'assign', id: 'E1', unitId: 'u3' }]);
    const seq = server.lage.seq;
    await Promise.all(ds.map((d) => d.waitForSeq(seq)));
    for (const d of ds) {
      expect(d.errors).toEqual([]);
      expect(d.picture).toEqual(server.lage.picture);
      // Event order is log order; every non-position event arrives exactly once.
      expect(d.eventSeqs).toEqual([...d.eventSeqs].sort((a, b) => a - b));
      expect(new Set(d.eventSeqs).size).toBe(d.eventSeqs.length);
      const all = server.lage.log.read(1, 10_000);
      const nonPositions = all.filter((e) => e.type !== 'unit.position').map((e) => e.seq);
      expect(nonPositions.every((s) => d.eventSeqs.includes(s))).toBe(true);
    }
    expect(ds[0]!.picture.units['u3']?.status).toBe(3);
    expect(ds[0]!.picture.incidents['E1']?.state).toBe('disponiert');
  });

  it('coalesces positions per unit within a batch and never sends batches faster than batchMs', async () => {
    server = await startTestServer({ batchMs: 200 });
    const d = dashboard();
    await d.connected();
    await post(server.url, 'units', units(2));
    const t0 = Date.now();
    for (let i = 0; i < 20; i++) await post(server.url, 'positions', [fix('u0', i)]);
    await d.waitForSeq(server.lage.seq);
    const elapsed = Date.now() - t0;
    expect(d.errors).toEqual([]);
    expect(d.batches.length).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 2);
    expect(d.eventSeqs.length).toBeLessThan(21);
    expect(d.picture).toEqual(server.lage.picture);
  });

  it('a dashboard cut off for 10 s under load resumes to exactly the picture of one that stayed', async () => {
    server = await startTestServer({ maxResumeEvents: 1_000_000 });
    const stayed = dashboard();
    const cut = dashboard();
    await Promise.all([stayed.connected(), cut.connected()]);
    await post(server.url, 'units', units(300));
    await post(server.url, 'incidents', [{ id: 'E7', type: 'raub', priority: 1, lat: 51.21, lon: 6.78 }]);
    let running = true;
    let i = 0;
    const load = (async () => {
      while (running) {
        const batch = Array.from({ length: 100 }, (_, k) => fix(`u${(i * 100 + k) % 300}`, i * 100 + k));
        await post(server!.url, 'positions', batch);
        if (i % 20 === 0) await post(server!.url, 'status', [{ unitId: `u${i % 300}`, status: (i % 3) + 1 }]);
        if (i === 150) await post(server!.url, 'incidents', [{ op: 'assign', id: 'E7', unitId: 'u42' }]);
        i++;
        await sleep(5);
      }
    })();
    await sleep(1000);
    const seqAtCut = cut.picture.seq;
    cut.socket.disconnect();
    await sleep(10_000);
    const seqBeforeResume = server.lage.seq;
    cut.socket.connect();
    await cut.connected();
    await sleep(1000);
    running = false;
    await load;
    const final = server.lage.seq;
    await Promise.all([stayed.waitForSeq(final), cut.waitForSeq(final)]);
    expect(seqBeforeResume - seqAtCut).toBeGreaterThan(5_000); // it really missed a lot
    console.log(`resumed after missing ${seqBeforeResume - seqAtCut} events`);
    expect(cut.errors).toEqual([]);
    expect(stayed.errors).toEqual([]);
    expect(cut.snapshots).toBe(1); // only the first connect; the resume came from the log
    expect(cut.picture).toEqual(stayed.picture);
    expect(cut.picture).toEqual(server.lage.picture);
    expect(cut.picture.units['u42']?.incidentId).toBe('E7');
  });

  it('a dashboard too far behind gets a fresh snapshot instead of the events', async () => {
    server = await startTestServer({ maxResumeEvents: 100 });
    await post(server.url, 'units', units(10));
    for (let i = 0; i < 5; i++)
      await post(
        server.url,
        'positions',
        Array.from({ length: 50 }, (_, k) => fix(`u${k % 10}`, i * 50 + k)),
      );
    const d = dashboard({ lastSeq: 1 });
    await d.connected();
    await d.waitForSeq(server.lage.seq);
    expect(d.snapshots).toBe(1);
    expect(d.picture).toEqual(server.lage.picture);
  });

  it('a dashboard that claims a seq the server never had gets a snapshot', async () => {
    server = await startTestServer();
    await post(server.url, 'units', units(3));
    const d = dashboard({ lastSeq: 999 });
    await d.connected();
    await sleep(300);
    expect(d.snapshots).toBe(1);
    expect(d.picture).toEqual(server.lage.picture);
  });
});

describe('staleness', () => {
  it('marks units stale in the snapshot after the configured silence', async () => {
    server = await startTestServer({ staleAfterMs: 1000 });
    await post(server.url, 'units', units(2));
    await post(server.url, 'positions', [
      { ...fix('u0', 0), time: Date.now() },
      { ...fix('u1', 0), time: Date.now() - 5000 },
    ]);
    const snap = (await (await authFetch(`${server.url}/api/v1/snapshot`)).json()) as {
      units: { id: string; stale: boolean }[];
      staleAfterMs: number;
    };
    const byId = Object.fromEntries(snap.units.map((u) => [u.id, u.stale]));
    expect(byId).toEqual({ u0: false, u1: true });
    expect(snap.staleAfterMs).toBe(1000);
  });
});
