import { afterEach, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { TestDashboard, post, startTestServer } from '../testing/harness.ts';

let server: LageServer | undefined;
const dashboards: TestDashboard[] = [];
afterEach(async () => {
  for (const d of dashboards.splice(0)) d.close();
  await server?.close();
  server = undefined;
});

const SECRETS = ['Erika Mustermann', '0211 555 0199', 'Täter trägt rote Jacke', 'Zeugin wohnt im 3. OG'];

async function feed(s: LageServer) {
  await post(s.url, 'units', [
    { id: 'car', callsign: 'Dü 12/41', kind: 'funkstreifenwagen', district: 'Düsseldorf' },
    { id: 'foot', callsign: 'Dü 12/90', kind: 'fussstreife', district: 'Düsseldorf' },
  ]);
  await post(s.url, 'positions', [
    { unitId: 'car', lat: 51.22, lon: 6.77 },
    { unitId: 'foot', lat: 51.23, lon: 6.78 },
  ]);
  await post(s.url, 'incidents', [
    {
      id: 'E1',
      type: 'raub',
      priority: 1,
      lat: 51.2,
      lon: 6.7,
      caller: { name: SECRETS[0], phone: SECRETS[1] },
      description: SECRETS[2],
    },
  ]);
}

function wall(url: string, opts: { lastSeq?: number } = {}) {
  const d = new TestDashboard(url, { ...opts, view: 'wall' });
  const raw: string[] = [];
  d.socket.onAny((_name, ...args) => raw.push(JSON.stringify(args)));
  dashboards.push(d);
  return { d, raw };
}

describe('views: what a wall receives', () => {
  it('a wall gets no personal data and no positions of officers on foot, in the snapshot or in batches', async () => {
    server = await startTestServer();
    await post(server.url, 'units', [
      { id: 'x', callsign: 'Dü 1/1', kind: 'motorrad', district: 'Düsseldorf' },
    ]);
    const w = wall(server.url);
    const op = new TestDashboard(server.url);
    dashboards.push(op);
    await Promise.all([w.d.connected(), op.connected()]);
    await feed(server);
    const note = await op.socket.emitWithAck('command', { cmd: 'note', incidentId: 'E1', text: SECRETS[3] });
    expect(note.ok).toBe(true);
    await Promise.all([w.d.waitForSeq(server.lage.seq), op.waitForSeq(server.lage.seq)]);

    expect(op.picture.incidents['E1']).toMatchObject({
      caller: { name: SECRETS[0] },
      description: SECRETS[2],
    });
    expect(op.picture.units['foot']?.position).toBeDefined();
    expect(w.d.picture.incidents['E1']).toMatchObject({ type: 'raub', priority: 1, notes: [] });
    expect(w.d.picture.incidents['E1']?.caller).toBeUndefined();
    expect(w.d.picture.units['foot']).toMatchObject({ callsign: 'Dü 12/90' });
    expect(w.d.picture.units['foot']?.position).toBeUndefined();
    expect(w.d.picture.units['car']?.position).toBeDefined();
    for (const secret of SECRETS) expect(w.raw.join('\n')).not.toContain(secret);

    // A fresh wall gets a redacted snapshot; a resuming one redacted events from the log.
    const late = wall(server.url);
    const resumed = wall(server.url, { lastSeq: 1 });
    await Promise.all([late.d.waitForSeq(server.lage.seq), resumed.d.waitForSeq(server.lage.seq)]);
    for (const secret of SECRETS) {
      expect(late.raw.join('\n')).not.toContain(secret);
      expect(resumed.raw.join('\n')).not.toContain(secret);
    }
    expect(late.d.picture).toEqual(w.d.picture);
  });

  it('a wall is read-only', async () => {
    server = await startTestServer();
    await feed(server);
    const w = wall(server.url);
    await w.d.connected();
    const ack = await w.d.socket.emitWithAck('command', {
      cmd: 'setState',
      incidentId: 'E1',
      state: 'abgeschlossen',
    });
    expect(ack).toEqual({ ok: false, error: 'this view is read-only' });
  });
});
