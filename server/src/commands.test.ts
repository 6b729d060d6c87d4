import { afterEach, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { isOpenRequest } from '#shared/domain';
import type { LageServer } from './app.ts';
import { TEST_TOKEN, TestDashboard, authFetch, post, startTestServer, units } from './testing/harness.ts';
import { execute } from './commands.ts';

let server: LageServer | undefined;
const closers: (() => void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) c();
  await server?.close();
  server = undefined;
});

async function setup() {
  server = await startTestServer();
  await post(server.url, 'units', units(3));
  await post(server.url, 'incidents', [{ id: 'E1', type: 'einbruch', priority: 2, lat: 51.2, lon: 6.7 }]);
  const a = new TestDashboard(server.url);
  const b = new TestDashboard(server.url);
  closers.push(
    () => a.close(),
    () => b.close(),
  );
  await Promise.all([a.connected(), b.connected()]);
  await Promise.all([a.waitForSeq(server.lage.seq), b.waitForSeq(server.lage.seq)]);
  return { a, b };
}

describe('operator commands', () => {
  it('an assignment in one dashboard shows in the other: unit in status 3, incident disponiert, recorded with who', async () => {
    const { a, b } = await setup();
    const ack = await a.socket.emitWithAck('command', { cmd: 'assign', incidentId: 'E1', unitId: 'u1' });
    expect(ack).toMatchObject({ ok: true });
    await b.waitForSeq(ack.seq, 1000);
    expect(b.picture.units['u1']).toMatchObject({ status: 3, incidentId: 'E1' });
    expect(b.picture.incidents['E1']).toMatchObject({ state: 'disponiert', units: ['u1'] });
    expect(server!.lage.log.read(ack.seq, 1)[0]).toMatchObject({ type: 'incident.assigned', by: 'operator' });
  });

  it('acknowledging a speech request clears it everywhere and notifies the unit terminal', async () => {
    const { a, b } = await setup();
    const terminal = connect(`${server!.url}/ingest`, {
      auth: { token: TEST_TOKEN },
      transports: ['websocket'],
    });
    closers.push(() => terminal.close());
    expect(await terminal.emitWithAck('subscribe', ['u2'])).toEqual({ ok: true });
    const notified = new Promise((resolve) => terminal.once('notify', resolve));
    await terminal.emitWithAck('status', [{ unitId: 'u2', status: 5 }]);
    await b.waitForSeq(server!.lage.seq);
    expect(isOpenRequest(b.picture.units['u2']!)).toBe(true);
    const ack = await a.socket.emitWithAck('command', { cmd: 'acknowledge', unitId: 'u2' });
    expect(ack.ok).toBe(true);
    expect(await notified).toMatchObject({
      unitId: 'u2',
      event: { type: 'unit.acknowledged', by: 'operator' },
    });
    await b.waitForSeq(ack.seq, 1000);
    expect(isOpenRequest(b.picture.units['u2']!)).toBe(false);
  });

  it('opens an incident at a map location, adds a note, closes it', async () => {
    const { a, b } = await setup();
    const opened = await a.socket.emitWithAck('command', {
      cmd: 'open',
      type: 'brand',
      priority: 1,
      lat: 50.94,
      lon: 6.96,
      address: 'Domkloster 4',
    });
    expect(opened).toMatchObject({ ok: true, incidentId: expect.stringMatching(/^L-[\w-]{16}$/) });
    const id = opened.incidentId as string;
    await a.socket.emitWithAck('command', { cmd: 'note', incidentId: id, text: 'Rauch sichtbar' });
    const closed = await a.socket.emitWithAck('command', {
      cmd: 'setState',
      incidentId: id,
      state: 'abgeschlossen',
    });
    await b.waitForSeq(closed.seq, 1000);
    expect(b.picture.incidents[id]).toMatchObject({
      type: 'brand',
      state: 'abgeschlossen',
      address: 'Domkloster 4',
      notes: [{ author: 'operator', text: 'Rauch sichtbar' }],
    });
  });

  it.each([
    [{ cmd: 'assign', incidentId: 'E404', unitId: 'u1' }, /unknown incident "E404"/],
    [{ cmd: 'assign', incidentId: 'E1', unitId: 'ghost' }, /unknown unit "ghost"/],
    [{ cmd: 'acknowledge', unitId: 'u0' }, /no speech request or emergency/],
    [{ cmd: 'note', incidentId: 'E1', text: '   ' }, /must not be empty/],
    [{ cmd: 'open', type: 'brand', priority: 1, lat: 95, lon: 6 }, /latitude/],
    [{ cmd: 'launch' }, /cmd must be one of/],
    ['assign', /cmd must be one of|Invalid input/],
  ])('refuses %j with a clear error and stores nothing', async (cmd, message) => {
    const { a } = await setup();
    const before = server!.lage.seq;
    const ack = await a.socket.emitWithAck('command', cmd);
    expect(ack.ok).toBe(false);
    expect(ack.error).toMatch(message);
    expect(server!.lage.seq).toBe(before);
  });
});

describe('incident ids of operators (issue 13)', () => {
  const call = { cmd: 'open', type: 'brand', priority: 1, lat: 50.94, lon: 6.96 };

  it('cannot be predicted: a gateway that pre-opens and closes the next log position takes nothing over', async () => {
    const { a, b } = await setup();
    // What the old ids were: L<seq+1>. The gateway opens and closes that id before the operator.
    const predicted = `L${server!.lage.seq + 3}`;
    const pre = await post(server!.url, 'incidents', [
      { op: 'open', id: predicted, type: 'einbruch', priority: 3, lat: 51, lon: 7 },
      { op: 'close', id: predicted },
    ]);
    expect(pre.status, JSON.stringify(pre.json)).toBe(202);
    expect(`L${server!.lage.seq + 1}`).toBe(predicted);
    const ack = await a.socket.emitWithAck('command', call);
    expect(ack.ok, ack.error).toBe(true);
    expect(ack.incidentId).not.toBe(predicted);
    await b.waitForSeq(ack.seq, 1000);
    expect(b.picture.incidents[ack.incidentId as string]).toMatchObject({
      type: 'brand',
      state: 'neu',
      units: [],
    });
    expect(b.picture.incidents[predicted]).toMatchObject({ type: 'einbruch', state: 'abgeschlossen' });
    // Unique and not derived from the log position.
    const ids = new Set<string>([ack.incidentId as string]);
    for (let i = 0; i < 20; i++)
      ids.add(((await a.socket.emitWithAck('command', call)) as { incidentId: string }).incidentId);
    expect(ids.size).toBe(21);
    for (const id of ids) expect(id).toMatch(/^L-[\w-]{16}$/);
  });

  it('refuses to open an id that exists, and stores nothing', async () => {
    await setup();
    const before = server!.lage.seq;
    const existing = execute(server!.lage, call, 'operator', Date.now(), undefined, () => 'E1');
    expect(existing).toEqual({ ok: false, error: 'incident id "E1" exists already; nothing was opened' });
    expect(server!.lage.seq).toBe(before);
    expect(server!.lage.picture.incidents['E1']).toMatchObject({ type: 'einbruch' });
  });
});

describe('opening an incident at a map location with the configured street data', () => {
  it('fills address and district, and answers the reverse geocoding route', async () => {
    server = await startTestServer({
      streets: '../shared/data/koeln/koeln_strassenabschnitte.geojson',
      districts: '../shared/data/koeln/koeln_stadtbezirke.geojson',
    });
    const d = new TestDashboard(server.url);
    closers.push(() => d.close());
    await d.connected();
    // A few metres from the middle of a segment of "Am Rosengarten" (left side 93-97).
    const at = { lat: 50.96032, lon: 6.89585 };
    const rev = (await (
      await authFetch(`${server.url}/api/v1/geocode/reverse?lat=${at.lat}&lon=${at.lon}`)
    ).json()) as Record<string, unknown>;
    expect(rev).toMatchObject({ street: 'Am Rosengarten', district: 'Ehrenfeld' });
    const ack = await d.socket.emitWithAck('command', {
      cmd: 'open',
      type: 'ruhestoerung',
      priority: 3,
      ...at,
    });
    expect(ack.ok).toBe(true);
    await d.waitForSeq(ack.seq);
    expect(d.picture.incidents[ack.incidentId]).toMatchObject({
      address: rev.address,
      district: 'Ehrenfeld',
    });
    // Far from every street: an answer without an address (not a 404), and no district outside Köln.
    const far = await authFetch(`${server.url}/api/v1/geocode/reverse?lat=50.5&lon=6.5`);
    expect(far.status).toBe(200);
    expect(await far.json()).toEqual({ address: null, reason: 'no street within 150 m' });
    expect((await authFetch(`${server.url}/api/v1/geocode/reverse?lat=north&lon=6.5`)).status).toBe(400);
  });
});
