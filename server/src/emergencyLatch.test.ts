/**
 * Issue 13.7: a unit's emergency (status 0) stays in the picture — snapshot, live batches and
 * replay — whatever status follows, until an operator acknowledges it with `acknowledgeEmergency`.
 * Real server on a loopback port, real SQLite file, real Socket.IO clients.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { Picture } from '#shared/picture';
import type { LageServer } from './app.ts';
import { TEST_TOKEN, TestDashboard, getJson, post, startTestServer, units } from './testing/harness.ts';

let server: LageServer | undefined;
const closers: (() => void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) c();
  await server?.close();
  server = undefined;
});

function dashboard(url: string, opts: ConstructorParameters<typeof TestDashboard>[1] = {}): TestDashboard {
  const d = new TestDashboard(url, opts);
  closers.push(() => d.close());
  return d;
}

/** A fresh dashboard's snapshot: what a workstation opened now would show. */
async function snapshot(url: string): Promise<Picture> {
  const d = dashboard(url);
  await d.connected();
  await d.waitForSeq(server!.lage.seq);
  expect(d.snapshots).toBe(1);
  return d.picture;
}

async function replayPicture(url: string): Promise<Picture> {
  const t = new Date(Date.now() + 1000).toISOString();
  const r = await getJson<{ seq: number; picture: Picture }>(`${url}/api/v1/replay/picture?t=${t}`);
  expect(r.seq).toBe(server!.lage.seq);
  return r.picture;
}

async function setup() {
  server = await startTestServer();
  await post(server.url, 'units', units(2));
  const live = dashboard(server.url);
  await live.connected();
  await live.waitForSeq(server.lage.seq);
  expect(live.snapshots).toBe(1);
  return { url: server.url, live };
}

describe('emergency latch (server)', () => {
  it('status 0 then 2 keeps emergencySince in the live batches, a snapshot and replay until acknowledged', async () => {
    const { url, live } = await setup();
    // The terminal's own times: the emergency counts from when the unit raised it.
    const raisedAt = Date.now() - 60_000;
    const at = (ms: number) => new Date(raisedAt + ms).toISOString();
    expect((await post(url, 'status', [{ unitId: 'u1', status: 0, time: at(0) }])).status).toBe(202);
    expect((await post(url, 'status', [{ unitId: 'u1', status: 2, time: at(5_000) }])).status).toBe(202);
    await live.waitForSeq(server!.lage.seq);
    // The live picture arrived as batches only (one snapshot at connect), folded with the shared reducer.
    expect(live.snapshots).toBe(1);
    expect(live.batches.length).toBeGreaterThan(0);
    expect(live.errors).toEqual([]);
    for (const p of [live.picture, await snapshot(url), await replayPicture(url)]) {
      expect(p.units['u1']).toMatchObject({ status: 2, emergencySince: raisedAt });
      expect(p.units['u0']?.emergencySince).toBeUndefined();
    }

    const ack = await live.socket.emitWithAck('command', { cmd: 'acknowledgeEmergency', unitId: 'u1' });
    expect(ack).toMatchObject({ ok: true });
    expect(server!.lage.log.read(ack.seq, 1)[0]).toMatchObject({
      type: 'unit.emergencyAcknowledged',
      unitId: 'u1',
      by: 'operator',
    });
    await live.waitForSeq(ack.seq);
    for (const p of [live.picture, await snapshot(url), await replayPicture(url)]) {
      expect(p.units['u1']?.status).toBe(2);
      expect(p.units['u1']?.emergencySince).toBeUndefined();
    }
    // Audited like every command: who, what, the unit and the resulting seq.
    const audited = server!.audit
      .list({ limit: 1000 })
      .find((e) => e.action === 'command' && e.target === 'acknowledgeEmergency');
    expect(audited).toMatchObject({ actor: 'operator', details: { unitId: 'u1', ok: true, seq: ack.seq } });
  });

  it('the unit terminal hears that its emergency was acknowledged', async () => {
    const { url, live } = await setup();
    const terminal = connect(`${url}/ingest`, { auth: { token: TEST_TOKEN }, transports: ['websocket'] });
    closers.push(() => terminal.close());
    expect(await terminal.emitWithAck('subscribe', ['u0'])).toEqual({ ok: true });
    await terminal.emitWithAck('status', [{ unitId: 'u0', status: 0 }]);
    await terminal.emitWithAck('status', [{ unitId: 'u0', status: 6 }]);
    const notified = new Promise((resolve) => terminal.once('notify', resolve));
    const ack = await live.socket.emitWithAck('command', { cmd: 'acknowledgeEmergency', unitId: 'u0' });
    expect(ack.ok).toBe(true);
    expect(await notified).toMatchObject({ unitId: 'u0', event: { type: 'unit.emergencyAcknowledged' } });
  });

  it('refuses with a reason and stores nothing: no emergency, unknown unit, bad input, a wall', async () => {
    const { url, live } = await setup();
    const before = server!.lage.seq;
    const send = (cmd: unknown) =>
      live.socket.emitWithAck('command', cmd) as Promise<Record<string, unknown>>;
    expect(await send({ cmd: 'acknowledgeEmergency', unitId: 'u1' })).toEqual({
      ok: false,
      error: 'Dü 11/1 has no emergency to acknowledge (status 2)',
    });
    expect(await send({ cmd: 'acknowledgeEmergency', unitId: 'nope' })).toEqual({
      ok: false,
      error: 'unknown unit "nope"',
    });
    const bad = await send({ cmd: 'acknowledgeEmergency', unitId: 'u1', extra: 1 });
    expect(bad).toMatchObject({ ok: false });
    expect(String(bad['error'])).toMatch(/extra/);
    await post(url, 'status', [{ unitId: 'u1', status: 0 }]);
    const wall = dashboard(url, { view: 'wall' });
    await wall.connected();
    expect(await wall.socket.emitWithAck('command', { cmd: 'acknowledgeEmergency', unitId: 'u1' })).toEqual({
      ok: false,
      error: 'this view is read-only',
    });
    expect(server!.lage.seq).toBe(before + 1);
    expect(server!.lage.picture.units['u1']?.emergencySince).toBeDefined();
  });
});
