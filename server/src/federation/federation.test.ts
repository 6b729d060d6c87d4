/**
 * Two real servers on loopback: B shares with A under a policy, A subscribes over B's /live with a
 * federation device token. The policy is checked field by field in what A stored, not in what B meant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { TEST_TOKEN, TestDashboard, authFetch, post, startTestServer } from '../testing/harness.ts';
import { startSharing, until } from '../testing/federation.ts';
import { coarsen } from './share.ts';

const POLICY = {
  districts: ['Nord'],
  kinds: ['funkstreifenwagen', 'handfunkgeraet'],
  unitFields: ['position'],
  incidentFields: ['address'],
  gridMetres: 1000,
};
const unit = (id: string, kind: string, district: string) => ({
  id,
  callsign: `B ${id}`,
  kind,
  district,
  status: 2,
});

let a: LageServer;
let b: LageServer;
let token: string;

beforeAll(async () => {
  const shared = await startSharing({ 'peer-a': POLICY, 'peer-none': { districts: '*', kinds: '*' } });
  b = shared.server;
  token = shared.tokens['peer-a']!;
  const ok = (r: { status: number }) => expect(r.status).toBe(202);
  ok(
    await post(b.url, 'units', [
      unit('n1', 'funkstreifenwagen', 'Nord'),
      unit('n2', 'rettungswagen', 'Nord'),
      unit('s1', 'funkstreifenwagen', 'Süd'),
      unit('h1', 'handfunkgeraet', 'Nord'),
    ]),
  );
  ok(
    await post(b.url, 'positions', [
      { unitId: 'n1', lat: 53.55123, lon: 9.99321, heading: 90, speed: 12, accuracy: 8 },
      { unitId: 'h1', lat: 53.5601, lon: 9.9802 },
      { unitId: 's1', lat: 53.4, lon: 10.1 },
    ]),
  );
  ok(
    await post(b.url, 'incidents', [
      {
        id: 'i1',
        type: 'verkehrsunfall',
        priority: 1,
        lat: 53.5512,
        lon: 9.9934,
        district: 'Nord',
        address: 'Jungfernstieg 1',
        description: 'Radfahrer verletzt, Zeuge Herr Secret',
        caller: { name: 'Erika Geheim', phone: '+49 40 999999' },
      },
      { id: 'i2', type: 'einbruch', priority: 2, lat: 53.4, lon: 10.1, district: 'Süd' },
    ]),
  );
  // A's settings file only sets the audit period (it shares nothing itself).
  a = (await startSharing({}, { federate: [{ name: 'hh', url: b.url, token }] })).server;
});

afterAll(async () => {
  await a?.close();
  await b?.close();
});

const picA = () => a.lage.picture;

describe('federation between two servers', () => {
  it('takes in what the policy shares, namespaced and with its origin', async () => {
    await until(
      'the shared picture',
      () => picA().units['hh:n1'] !== undefined && !!picA().incidents['hh:i1'],
    );
    const n1 = picA().units['hh:n1']!;
    expect(n1.origin).toBe('hh');
    expect(n1.callsign).toBe('B n1');
    expect(n1.position).toMatchObject(coarsen(53.55123, 9.99321, 1000));
    // Fields not named: heading, speed and accuracy stay at home.
    expect(n1.position?.heading).toBeUndefined();
    expect(n1.position?.speed).toBeUndefined();
    expect(n1.position?.accuracy).toBeUndefined();
    // Districts and kinds: Süd and the ambulance stay at home; a handheld only without its position.
    expect(picA().units['hh:s1']).toBeUndefined();
    expect(picA().units['hh:n2']).toBeUndefined();
    expect(picA().units['hh:h1']?.position).toBeUndefined();
    const i1 = picA().incidents['hh:i1']!;
    expect(i1).toMatchObject({
      origin: 'hh',
      address: 'Jungfernstieg 1',
      location: coarsen(53.5512, 9.9934, 1000),
    });
    expect(i1.caller).toBeUndefined();
    expect(i1.description).toBeUndefined();
    expect(picA().incidents['hh:i2']).toBeUndefined();
    // Nothing local was touched: the ids live in the peer's namespace only.
    expect(Object.keys(picA().units).every((id) => id.startsWith('hh:'))).toBe(true);
  });

  it('follows live changes, policy applied field by field; personal data never arrives', async () => {
    await post(b.url, 'positions', [{ unitId: 'n1', lat: 53.6, lon: 10.0, speed: 30, accuracy: 5 }]);
    await post(b.url, 'status', [{ unitId: 'n1', status: 3, incidentId: 'i1' }]);
    await post(b.url, 'incidents', [{ op: 'update', id: 'i1', description: 'noch ein Geheimnis' }]);
    await until('the new status', () => picA().units['hh:n1']?.status === 3);
    expect(picA().units['hh:n1']?.position).toMatchObject(coarsen(53.6, 10.0, 1000));
    // unitFields has no "incident": the binding stays at home.
    expect(picA().units['hh:n1']?.incidentId).toBeUndefined();
    const rows = a.lage.log.range(0, a.lage.seq).map((e) => JSON.stringify(e));
    for (const secret of ['Erika', '999999', 'Secret', 'Geheimnis', '9.99321', '53.55123'])
      expect(rows.filter((r) => r.includes(secret))).toEqual([]);
    expect(rows.every((r) => r.includes('"by":"fed:hh"'))).toBe(true);
  });

  it('audits on both sides: what B sent to peer-a, what A took in from hh', async () => {
    await until(
      'audit entries',
      () =>
        b.audit.list({ action: 'federation.sent' }).length > 0 &&
        a.audit.list({ action: 'federation.received' }).length > 0,
    );
    const sent = b.audit.list({ action: 'federation.sent' })[0]!;
    expect(sent).toMatchObject({ actor: 'peer-a', target: 'peer-a' });
    expect(sent.details).toMatchObject({ districts: ['Nord'], gridMetres: 1000, personal: false });
    const got = a.audit.list({ action: 'federation.received' })[0]!;
    expect(got).toMatchObject({ actor: 'fed:hh', target: 'hh' });
    expect(got.details).toMatchObject({ url: b.url });
  });

  it('foreign units and incidents are read-only: commands and local input are refused clearly', async () => {
    const dash = new TestDashboard(a.url);
    await dash.connected();
    const ack = await dash.socket.emitWithAck('command', { cmd: 'acknowledge', unitId: 'hh:n1' });
    expect(ack).toEqual({
      ok: false,
      error: expect.stringContaining('comes from hh (federation) and is read-only'),
    });
    const note = await dash.socket.emitWithAck('command', { cmd: 'note', incidentId: 'hh:i1', text: 'x' });
    expect(note.ok).toBe(false);
    dash.close();
    const r = await post(a.url, 'positions', [{ unitId: 'hh:n1', lat: 50, lon: 8 }], TEST_TOKEN);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.json)).toContain('read-only');
  });

  it('a federation token reads nothing but its share: HTTP refused, no policy refused', async () => {
    const res = await authFetch(`${b.url}/api/v1/events?after=0`, {}, token);
    expect(res.status).toBe(403);
    const none = await startTestServer({
      federate: [{ name: 'x', url: b.url, token: 'not-a-device-token' }],
    });
    await until('the refusal', () => none.federation.peers()[0]?.lastError !== undefined);
    expect(none.federation.peers()[0]?.lastError).toContain('unauthorized');
    await none.close();
  });

  it('a federation device without a policy in the settings file is refused (403) and told why', async () => {
    const extra = b.auth.users.addDevice('peer-unlisted', ['federation']);
    const c = await startTestServer({ federate: [{ name: 'y', url: b.url, token: extra }] });
    await until('the refusal', () => c.federation.peers()[0]?.lastError !== undefined);
    expect(c.federation.peers()[0]?.lastError).toContain(
      'no sharing policy for the federation device peer-unlisted',
    );
    expect(Object.keys(c.lage.picture.units)).toEqual([]);
    await c.close();
  });
});
