/**
 * The access matrix on a real server: for each principal (operator, operator limited to a district,
 * wall, analyst, admin, ingest device, the configured ingest token, anonymous) × every HTTP route
 * in the route table (http/routeTable.ts), the live and ingest subscriptions and every command — allowed or refused
 * as roles.ts specifies. Principals sign in through POST /api/v1/auth/login (users) or use their
 * device token. The expected access per route is written down here a second time, so a route
 * added (or loosened) without updating this spec fails the test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { COMMAND_PERMISSION, ROLE_PERMISSIONS, can, type Permission, type Role } from '#shared/roles';
import type { LageServer } from '../app.ts';
import { TEST_TOKEN, TestDashboard, post, startTestServer } from '../testing/harness.ts';
import { ROUTES, routeFor } from '../http/routeTable.ts';

type Spec = 'public' | 'signedIn' | Permission | Permission[];
/** Who may call each route (the specification; the route table's `access` is the implementation). */
const SPEC: Record<string, Spec> = {
  health: 'public',
  'auth.login': 'public',
  'auth.logout': 'public',
  'auth.me': 'signedIn',
  'auth.links': 'users.manage',
  'auth.once': 'public',
  snapshot: ['live.read', 'ingest.write'],
  events: ['events.read', 'ingest.write'],
  heatmap: 'heatmap.read',
  'heatmap.compare': 'heatmap.read',
  geocode: 'command.open',
  'geocode.search': 'command.open',
  'geo.districts': 'live.read',
  'replay.export': 'export',
  replay: 'replay.read',
  incidents: 'live.read',
  'stats.incidents': 'live.read',
  'stats.availability': 'live.read',
  'stats.response-times': 'live.read',
  audit: 'audit.read',
  'audit.list': 'audit.read',
  ingest: 'ingest.write',
  'ingest.tetra': 'ingest.write',
  basemap: 'live.read',
  'basemap.style': 'live.read',
  'basemap.settings': 'live.read',
  'basemap.files': 'public',
  ogc: 'live.read',
  'ogc.landing': 'live.read',
};

/** One request per route, chosen to have no lasting effect (a logout sample uses GET: 405). */
const SAMPLES: Record<string, { method: string; path: string; body?: unknown }> = {
  health: { method: 'GET', path: '/api/v1/health' },
  'auth.login': { method: 'POST', path: '/api/v1/auth/login', body: {} },
  'auth.logout': { method: 'GET', path: '/api/v1/auth/logout' },
  'auth.me': { method: 'GET', path: '/api/v1/auth/me' },
  'auth.links': { method: 'POST', path: '/api/v1/auth/links', body: { role: 'wall' } },
  'auth.once': { method: 'GET', path: '/auth/once?code=nope' },
  snapshot: { method: 'GET', path: '/api/v1/snapshot' },
  events: { method: 'GET', path: '/api/v1/events?fromSeq=1&limit=5' },
  heatmap: { method: 'GET', path: '/api/v1/heatmap?from=0&to=86400000' },
  'heatmap.compare': {
    method: 'GET',
    path: '/api/v1/heatmap/compare?from=0&to=86400000&baseFrom=0&baseTo=86400000',
  },
  geocode: { method: 'GET', path: '/api/v1/geocode/reverse?lat=50.94&lon=6.95' },
  'geocode.search': { method: 'GET', path: '/api/v1/geocode/search?q=Hohe%20Stra%C3%9Fe' },
  'geo.districts': { method: 'GET', path: '/api/v1/geo/districts' },
  'replay.export': { method: 'GET', path: '/api/v1/replay/export?from=0&to=1' },
  replay: { method: 'GET', path: '/api/v1/replay/datasets' },
  incidents: { method: 'GET', path: '/api/v1/incidents/K1/events' },
  'stats.incidents': { method: 'GET', path: '/api/v1/stats/incidents?from=0&to=86400000' },
  'stats.availability': { method: 'GET', path: '/api/v1/stats/availability?from=0&to=86400000' },
  'stats.response-times': { method: 'GET', path: '/api/v1/stats/response-times?from=0&to=86400000' },
  audit: { method: 'GET', path: '/api/v1/audit/entries' },
  'audit.list': { method: 'GET', path: '/api/v1/audit' },
  ingest: { method: 'POST', path: '/api/v1/ingest/units', body: [] },
  'ingest.tetra': { method: 'POST', path: '/api/v1/ingest/tetra', body: [] },
  basemap: { method: 'GET', path: '/api/v1/basemap' },
  'basemap.style': { method: 'GET', path: '/api/v1/basemap/style' },
  'basemap.settings': { method: 'GET', path: '/api/v1/basemap/settings' },
  'basemap.files': { method: 'GET', path: '/basemap/none.pmtiles' },
  ogc: { method: 'GET', path: '/ogc/collections/units/items?limit=5' },
  'ogc.landing': { method: 'GET', path: '/ogc' },
};

interface Who {
  id: string;
  roles: Role[];
  districts?: string[];
  /** Session token, device token or none (anonymous). */
  token?: string;
}

const PASSWORD = 'matrix-password-0123';
const USERS: { name: string; roles: Role[]; districts?: string[] }[] = [
  { name: 'op', roles: ['operator'] },
  { name: 'op-koeln', roles: ['operator'], districts: ['PP Köln'] },
  { name: 'wall', roles: ['wall'] },
  { name: 'analyst', roles: ['analyst'] },
  { name: 'admin', roles: ['admin'] },
];
const SECRET = {
  caller: 'Erika Geheim',
  phone: '0221 5550199',
  description: 'Täter flüchtig Richtung Dom',
  note: 'Zeugin Frau Vertraulich',
};

let server: LageServer;
const who: Who[] = [];

async function login(name: string, password: string) {
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: name, password, token: true }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  server = await startTestServer();
  for (const u of USERS) await server.auth.users.addUser(u.name, PASSWORD, u.roles, u.districts);
  for (const u of USERS) {
    const { status, body } = await login(u.name, PASSWORD);
    expect(status, u.name).toBe(200);
    expect(body).toMatchObject({ user: u.name, roles: u.roles });
    who.push({
      id: u.name,
      roles: u.roles,
      ...(u.districts ? { districts: u.districts } : {}),
      token: body['token'] as string,
    });
  }
  const gateway = server.auth.users.addDevice('gateway-1', ['ingest']);
  who.push({ id: 'device gateway-1', roles: ['ingest'], token: gateway });
  who.push({ id: 'ingest token', roles: ['ingest'], token: TEST_TOKEN });
  // A federation peer without a sharing policy here: no HTTP route, and /live refused for want of one.
  const peer = server.auth.users.addDevice('peer-1', ['federation']);
  who.push({ id: 'device peer-1', roles: ['federation'], token: peer });
  who.push({ id: 'anonymous', roles: [] });

  await post(server.url, 'units', [
    { id: 'k1', callsign: 'K 11/1', kind: 'funkstreifenwagen', district: 'PP Köln', status: 2 },
    { id: 'k2', callsign: 'K 11/2', kind: 'funkstreifenwagen', district: 'PP Köln', status: 5 },
    { id: 'kh', callsign: 'K Hand 1', kind: 'handfunkgeraet', district: 'PP Köln', status: 2 },
    { id: 'd1', callsign: 'Dü 12/1', kind: 'funkstreifenwagen', district: 'PP Düsseldorf', status: 5 },
  ]);
  await post(server.url, 'positions', [
    { unitId: 'kh', lat: 50.94, lon: 6.95 },
    { unitId: 'k1', lat: 50.95, lon: 6.96 },
  ]);
  await post(server.url, 'incidents', [
    {
      id: 'K1',
      type: 'einbruch',
      priority: 2,
      lat: 50.94,
      lon: 6.95,
      district: 'PP Köln',
      description: SECRET.description,
      caller: { name: SECRET.caller, phone: SECRET.phone },
    },
    { id: 'D1', type: 'einbruch', priority: 2, lat: 51.22, lon: 6.77, district: 'PP Düsseldorf' },
  ]);
});
afterAll(async () => server?.close());

const expected = (w: Who, spec: Spec) =>
  spec === 'public'
    ? true
    : spec === 'signedIn'
      ? w.token !== undefined
      : [spec].flat().some((p) => can(w.roles, p));

/** The gate's refusal (not a handler's own 401, e.g. of a used sign-in link or a wrong login). */
const gateRefused = (status: number, error: unknown) =>
  (status === 401 || status === 403) &&
  /^(sign in first|not allowed|missing or wrong ingest token)/.test(String(error));

describe('HTTP routes × principals', () => {
  it('every route in the route table has a specification and a sample request here', () => {
    expect(Object.keys(SPEC).sort()).toEqual(ROUTES.map((r) => r.id).sort());
    expect(Object.keys(SAMPLES).sort()).toEqual(ROUTES.map((r) => r.id).sort());
    for (const r of ROUTES) expect(routeFor(SAMPLES[r.id]!.path.split('?')[0]!)?.route.id, r.id).toBe(r.id);
  });

  it('every API path the handlers answer has an entry (a route added without one fails here)', () => {
    const sources: [string, string][] = [
      ['server/src/http/incidentRoutes.ts', '/api/v1'],
      ['server/src/http/auditRoutes.ts', '/api/v1'],
      ['server/src/http/replayRoutes.ts', '/api/v1'],
      ['server/src/security/authRoutes.ts', ''],
      ['server/src/basemap/serve.ts', ''],
      ['server/src/basemap/settingsRoute.ts', ''],
    ];
    const found: string[] = [];
    for (const [file, prefix] of sources) {
      if (!fs.existsSync(file)) continue;
      const text = fs.readFileSync(path.resolve(file), 'utf8');
      for (const m of text.matchAll(/(?:route|path)(?:\.startsWith\(|\s*===\s*)'(\/[^'$]*)'/g))
        found.push(`${prefix}${m[1]}`);
      for (const m of text.matchAll(/'(\/(?:api\/v1|auth|basemap)\/[^'$]*)'/g)) found.push(m[1]!);
    }
    expect(found.length).toBeGreaterThan(10);
    const undeclared = found.filter((p) => !routeFor(p) && !routeFor(`${p}x`));
    expect(undeclared).toEqual([]);
  });

  const cases = ROUTES.flatMap((r) =>
    [...USERS.map((u) => u.name), 'device gateway-1', 'device peer-1', 'ingest token', 'anonymous'].map(
      (w) => [r.id, w] as const,
    ),
  );
  it.each(cases)('%s as %s', async (id, whoId) => {
    const w = who.find((x) => x.id === whoId)!;
    const sample = SAMPLES[id]!;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (w.token) headers['authorization'] = `Bearer ${w.token}`;
    const res = await fetch(`${server.url}${sample.path}`, {
      method: sample.method,
      headers,
      redirect: 'manual',
      ...(sample.body !== undefined ? { body: JSON.stringify(sample.body) } : {}),
    });
    const text = await res.text();
    const error = res.headers.get('content-type')?.includes('json')
      ? (JSON.parse(text) as { error?: string }).error
      : '';
    const allowed = expected(w, SPEC[id]!);
    if (allowed) expect(gateRefused(res.status, error), `${res.status} ${error}`).toBe(false);
    else {
      expect(res.status).toBe(w.token ? 403 : 401);
      expect(error).toMatch(
        w.token
          ? /^not allowed: the role .* lacks the permission/
          : /^(sign in first|missing or wrong ingest token)/,
      );
    }
  });
});

/**
 * Routes that read an imported dataset with `&dataset=` (the replay view of that dataset) need
 * replay.read besides their own permission. The dataset does not exist: whoever may ask gets 404.
 */
const DATASET_SAMPLES: Record<string, string> = {
  heatmap: '/api/v1/heatmap?from=0&to=86400000&dataset=nope',
  incidents: '/api/v1/incidents/K1/events?t=1&dataset=nope',
  'stats.incidents': '/api/v1/stats/incidents?from=0&to=86400000&dataset=nope',
  'stats.availability': '/api/v1/stats/availability?from=0&to=86400000&dataset=nope',
  'stats.response-times': '/api/v1/stats/response-times?from=0&to=86400000&dataset=nope',
};

describe('&dataset= × principals', () => {
  const cases = Object.keys(DATASET_SAMPLES).flatMap((id) =>
    [...USERS.map((u) => u.name), 'device gateway-1', 'anonymous'].map((w) => [id, w] as const),
  );
  it.each(cases)('%s with a dataset as %s: also needs replay.read', async (id, whoId) => {
    const w = who.find((x) => x.id === whoId)!;
    const res = await fetch(`${server.url}${DATASET_SAMPLES[id]!}`, {
      headers: w.token ? { authorization: `Bearer ${w.token}` } : {},
    });
    const { error } = (await res.json()) as { error?: string };
    const allowed = expected(w, SPEC[id]!) && can(w.roles, 'replay.read');
    if (allowed) expect([res.status, error]).toEqual([404, 'no dataset "nope" in the data dir']);
    else {
      expect(res.status).toBe(w.token ? 403 : 401);
      expect(error).toMatch(w.token ? /^not allowed: the role .* lacks the permission/ : /^sign in first/);
    }
  });
});

describe('subscriptions and commands × principals', () => {
  const live = (w: Who, view?: 'wall' | 'operator') =>
    new TestDashboard(server.url, { token: w.token ?? null, ...(view ? { view } : {}) });

  it.each([
    'op',
    'op-koeln',
    'wall',
    'analyst',
    'admin',
    'device gateway-1',
    'device peer-1',
    'ingest token',
    'anonymous',
  ])('/live as %s: allowed with live.read, with the view its role gives', async (whoId) => {
    const w = who.find((x) => x.id === whoId)!;
    const d = live(w);
    try {
      if (!can(w.roles, 'live.read')) {
        const err = (await d.connected().catch((e: unknown) => e)) as Error;
        const forbidden = can(w.roles, 'federation.read')
          ? /^forbidden: no sharing policy/
          : /^forbidden: .*live\.read/;
        expect(err.message).toMatch(w.token ? forbidden : /^unauthorized/);
        return;
      }
      await d.connected();
      await d.waitForSeq(server.lage.seq);
      const text = JSON.stringify(d.picture);
      expect(text.includes(SECRET.caller)).toBe(can(w.roles, 'personal.read'));
      expect(!!d.picture.units['kh']?.position).toBe(can(w.roles, 'handheld.read'));
      expect(!!d.picture.units['d1']).toBe(!w.districts);
      expect(!!d.picture.incidents['D1']).toBe(!w.districts);
    } finally {
      d.close();
    }
  });

  it('a wall principal asking for the operator view still gets the wall view and no commands', async () => {
    const w = who.find((x) => x.id === 'wall')!;
    const d = live(w, 'operator');
    try {
      await d.connected();
      await d.waitForSeq(server.lage.seq);
      expect(JSON.stringify(d.picture)).not.toContain(SECRET.caller);
      expect(d.picture.units['kh']?.position).toBeUndefined();
      const ack = await d.socket.emitWithAck('command', { cmd: 'note', incidentId: 'K1', text: 'x' });
      expect(ack).toEqual({
        ok: false,
        error: 'not allowed: the role wall lacks the permission command.note',
      });
    } finally {
      d.close();
    }
  });

  const commands = [
    { cmd: 'note', incidentId: 'K1', text: 'Matrix-Vermerk' },
    { cmd: 'assign', incidentId: 'K1', unitId: 'k1' },
    { cmd: 'acknowledge', unitId: 'k2' },
    { cmd: 'acknowledgeEmergency', unitId: 'k2' },
    { cmd: 'setState', incidentId: 'K1', state: 'in_bearbeitung' },
    { cmd: 'open', type: 'einbruch', priority: 3, lat: 50.93, lon: 6.94, district: 'PP Köln' },
  ] as const;
  const liveRoles = ['op', 'op-koeln', 'wall', 'analyst', 'admin'];
  it.each(liveRoles.flatMap((w) => commands.map((c) => [c.cmd, w] as const)))(
    'command %s as %s: allowed exactly with its COMMAND_PERMISSION',
    async (name, whoId) => {
      const w = who.find((x) => x.id === whoId)!;
      const d = live(w);
      try {
        await d.connected();
        const before = server.lage.seq;
        const ack = (await d.socket.emitWithAck(
          'command',
          commands.find((c) => c.cmd === name),
        )) as {
          ok: boolean;
          error?: string;
        };
        if (can(w.roles, COMMAND_PERMISSION[name])) {
          expect(ack.error ?? '').not.toMatch(/not allowed|read-only/);
        } else {
          expect(ack).toEqual({
            ok: false,
            error: `not allowed: the role ${w.roles.join('+')} lacks the permission ${COMMAND_PERMISSION[name]}`,
          });
          expect(server.lage.seq).toBe(before);
        }
      } finally {
        d.close();
      }
    },
  );

  it('an operator limited to PP Köln may not act on Düsseldorf incidents or units', async () => {
    const d = live(who.find((x) => x.id === 'op-koeln')!);
    try {
      await d.connected();
      const before = server.lage.seq;
      const refused = [
        { cmd: 'note', incidentId: 'D1', text: 'fremd' },
        { cmd: 'assign', incidentId: 'D1', unitId: 'k1' },
        { cmd: 'assign', incidentId: 'K1', unitId: 'd1' },
        { cmd: 'acknowledge', unitId: 'd1' },
        { cmd: 'acknowledgeEmergency', unitId: 'd1' },
        { cmd: 'setState', incidentId: 'D1', state: 'abgeschlossen' },
        { cmd: 'open', type: 'einbruch', priority: 3, lat: 51.2, lon: 6.7, district: 'PP Düsseldorf' },
        { cmd: 'open', type: 'einbruch', priority: 3, lat: 51.2, lon: 6.7 },
      ];
      for (const cmd of refused) {
        const ack = (await d.socket.emitWithAck('command', cmd)) as { ok: boolean; error?: string };
        expect(ack.ok, JSON.stringify(cmd)).toBe(false);
        expect(ack.error).toMatch(/^not allowed: .*outside PP Köln/);
      }
      expect(server.lage.seq).toBe(before);
    } finally {
      d.close();
    }
  });

  it.each(['op', 'wall', 'analyst', 'admin', 'device gateway-1', 'ingest token', 'anonymous'])(
    '/ingest as %s: only with ingest.write',
    async (whoId) => {
      const w = who.find((x) => x.id === whoId)!;
      const s = connect(`${server.url}/ingest`, {
        transports: ['websocket'],
        reconnection: false,
        auth: w.token ? { token: w.token } : {},
      });
      try {
        const outcome = await new Promise<string>((resolve) => {
          s.once('connect', () => resolve('connected'));
          s.once('connect_error', (e) => resolve(e.message));
        });
        if (can(w.roles, 'ingest.write')) expect(outcome).toBe('connected');
        else expect(outcome).toMatch(w.token ? /^forbidden: .*ingest\.write/ : /^unauthorized/);
      } finally {
        s.close();
      }
    },
  );

  it('refusals, sign-ins and views of personal data are in the audit log', () => {
    // Anonymous refusals are counted per source and minute; write the open minutes now.
    server.auth.flushRefusals(true);
    const entries = server.audit.list({ limit: 10_000 });
    const has = (f: (e: (typeof entries)[number]) => boolean) => entries.some(f);
    expect(has((e) => e.action === 'auth.login' && e.actor === 'op' && e.details['ok'] === true)).toBe(true);
    expect(has((e) => e.action === 'refused' && e.actor === 'wall' && e.target === 'command note')).toBe(
      true,
    );
    expect(
      has(
        (e) =>
          e.action === 'refused' &&
          e.actor === 'anonymous' &&
          (e.details['targets'] as string[]).includes('GET /api/v1/snapshot'),
      ),
    ).toBe(true);
    expect(
      has(
        (e) =>
          e.action === 'refused' &&
          e.actor === 'op-koeln' &&
          /outside PP Köln/.test(String(e.details['why'])),
      ),
    ).toBe(true);
    expect(has((e) => e.action === 'personal.view' && e.actor === 'analyst' && e.target === 'live')).toBe(
      true,
    );
    expect(
      has(
        (e) => e.action === 'command' && e.actor === 'op' && e.target === 'note' && e.details['ok'] === true,
      ),
    ).toBe(true);
    // Every role's permissions are exercised above; the matrix itself is the one in roles.ts.
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual([
      'admin',
      'analyst',
      'federation',
      'ingest',
      'operator',
      'wall',
    ]);
  });
});
