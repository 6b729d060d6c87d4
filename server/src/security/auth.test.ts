/**
 * Sign-in on a real server: 401 without credentials, login/logout/me with the session cookie and
 * Bearer tokens, one-time links, rate limits, the embedded local user, TLS with a self-signed
 * certificate, and a wall that never receives personal data. Session expiry is tested on the
 * store with explicit clock values (no timers).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { TEST_TOKEN, TestDashboard, post, startTestServer, tempDir } from '../testing/harness.ts';
import { SessionStore } from './sessions.ts';

let server: LageServer | undefined;
const closers: (() => void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) c();
  await server?.close();
  server = undefined;
});

const json = async (res: Response) => ({
  status: res.status,
  body: (await res.json()) as Record<string, unknown>,
});
const login = (base: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('without credentials', () => {
  it.each([
    '/api/v1/snapshot',
    '/api/v1/events',
    '/api/v1/replay/datasets',
    '/api/v1/replay/picture?t=0',
    '/api/v1/heatmap?from=0&to=1000',
    '/api/v1/heatmap/compare?from=0&to=1000&baseFrom=0&baseTo=1000',
    '/api/v1/auth/me',
    '/api/v1/geocode/reverse?lat=1&lon=1',
  ])('GET %s → 401 with a clear error', async (route) => {
    server = await startTestServer();
    const { status, body } = await json(await fetch(`${server.url}${route}`));
    expect(status).toBe(401);
    expect(body.error).toBe('sign in first (session cookie or Authorization: Bearer <token>)');
  });

  it('the live namespace refuses the handshake; health stays public', async () => {
    server = await startTestServer();
    const d = new TestDashboard(server.url, { token: null });
    closers.push(() => d.close());
    await expect(d.connected()).rejects.toThrow(/^unauthorized/);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });
});

describe('login, cookie, Bearer, logout', () => {
  it('signs the local user in with an HttpOnly SameSite=Strict cookie; me and logout follow it', async () => {
    const dir = tempDir();
    server = await startTestServer({}, dir);
    const credential = JSON.parse(fs.readFileSync(path.join(dir, 'local-credential.json'), 'utf8')) as {
      user: string;
      password: string;
    };
    expect(fs.statSync(path.join(dir, 'local-credential.json')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'users.json'), 'utf8')).not.toContain(credential.password);
    const res = await login(server.url, credential);
    const { status, body } = await json(res);
    expect(status).toBe(200);
    expect(body).toMatchObject({ user: 'leitstelle', roles: ['operator', 'admin'], districts: null });
    expect(body.token).toBeUndefined();
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(
      new RegExp(
        `^lagebild_session_${server.port}=[\\w-]+; Path=/; HttpOnly; SameSite=Strict; Max-Age=\\d+$`,
      ),
    );
    const cookie = setCookie.split(';')[0]!;
    expect(
      (await json(await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } }))).body,
    ).toMatchObject({
      user: 'leitstelle',
    });
    expect((await fetch(`${server.url}/api/v1/snapshot`, { headers: { cookie } })).status).toBe(200);
    // A cookie-signed request from another site is refused.
    const foreign = await fetch(`${server.url}/api/v1/auth/links`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'wall' }),
    });
    expect(foreign.status).toBe(403);
    const out = await fetch(`${server.url}/api/v1/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('gives non-browser clients a Bearer token; logout ends it and cuts its live socket', async () => {
    const dir = tempDir();
    server = await startTestServer({}, dir);
    const credential = JSON.parse(fs.readFileSync(path.join(dir, 'local-credential.json'), 'utf8')) as object;
    const { body } = await json(await login(server.url, { ...credential, token: true }));
    const token = body.token as string;
    const d = new TestDashboard(server.url, { token });
    closers.push(() => d.close());
    await d.connected();
    const gone = new Promise((resolve) => d.socket.once('disconnect', resolve));
    await fetch(`${server.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    await gone;
    expect(
      (await fetch(`${server.url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${token}` } }))
        .status,
    ).toBe(401);
  });

  it('keeps sessions across a restart of the server on the same data dir', async () => {
    const dir = tempDir();
    server = await startTestServer({}, dir);
    const credential = JSON.parse(fs.readFileSync(path.join(dir, 'local-credential.json'), 'utf8')) as object;
    const token = (await json(await login(server.url, { ...credential, token: true }))).body.token as string;
    await server.close();
    server = await startTestServer({}, dir);
    expect(
      (await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
  });

  it('limits sign-in attempts per user name and per address with 429', async () => {
    server = await startTestServer({ loginPerIp: 15 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await login(server.url, { user: 'leitstelle', password: `falsch-${i}` })).status);
    // Per user name and address: five failures, then growing waits (loginThrottle.test.ts).
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(401));
    expect(statuses.slice(5)).toEqual(Array(7).fill(429));
    const { body } = await json(await login(server.url, { user: 'someone-else', password: 'x' }));
    expect(body.error).toBe('wrong user name or password');
    for (let i = 0; i < 3; i++) await login(server.url, { user: `u${i}`, password: 'x' });
    const limited = await json(await login(server.url, { user: 'new-name', password: 'x' }));
    expect(limited).toEqual({
      status: 429,
      body: { error: expect.stringMatching(/^too many sign-in attempts; try again in \d+ s$/) },
    });
    // The ingest rate limit is separate and still works for gateways.
    expect((await post(server.url, 'units', [])).status).not.toBe(429);
  });
});

describe('one-time links and walls', () => {
  it('an admin creates a wall link; it signs in once as a wall and redirects to the wall page', async () => {
    server = await startTestServer();
    const res = await json(
      await fetch(`${server.url}/api/v1/auth/links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sessionOf(server)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ role: 'wall', next: '/?mode=wall&layout=lage' }),
      }),
    );
    expect(res.status).toBe(201);
    const link = res.body.link as string;
    expect(link).toMatch(new RegExp(`^${server.url}/auth/once\\?code=[\\w-]+&next=`));
    const first = await fetch(link, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/?mode=wall&layout=lage');
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(
      (await json(await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } }))).body,
    ).toMatchObject({
      user: 'wall',
      roles: ['wall'],
    });
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: string }).error).toMatch(/invalid, expired or was already used/);
    // Only an admin may create links; a wall may not.
    const refused = await fetch(`${server.url}/api/v1/auth/links`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'wall' }),
    });
    expect(refused.status).toBe(403);
  });

  it('a wall principal receives no personal data in any payload: snapshot, live snapshot and batches', async () => {
    server = await startTestServer();
    const wallToken = server.auth.startSession({ name: 'wand-1', roles: ['wall'], kind: 'user' }).token;
    await post(server.url, 'units', [
      { id: 'h1', callsign: 'Hand 1', kind: 'handfunkgeraet', district: 'PP Köln' },
      { id: 'k1', callsign: 'K 1', kind: 'funkstreifenwagen', district: 'PP Köln' },
    ]);
    const secrets = [
      'Erika Geheim',
      '0221 5550199',
      'Täter flüchtig',
      'Vertrauliche Notiz',
      'Neue Beschreibung',
    ];
    await post(server.url, 'incidents', [
      {
        id: 'E1',
        type: 'einbruch',
        priority: 2,
        lat: 50.9,
        lon: 6.9,
        description: secrets[2],
        caller: { name: secrets[0], phone: secrets[1] },
      },
    ]);
    const received: unknown[] = [];
    const wall = new TestDashboard(server.url, { token: wallToken });
    closers.push(() => wall.close());
    wall.socket.onAny((_event, payload) => received.push(payload));
    await wall.connected();
    await wall.waitForSeq(server.lage.seq);
    const op = new TestDashboard(server.url);
    closers.push(() => op.close());
    await op.connected();
    await op.socket.emitWithAck('command', { cmd: 'note', incidentId: 'E1', text: secrets[3] });
    await post(server.url, 'incidents', [{ op: 'update', id: 'E1', description: secrets[4] }]);
    await post(server.url, 'positions', [
      { unitId: 'h1', lat: 50.91, lon: 6.91 },
      { unitId: 'k1', lat: 50.92, lon: 6.92 },
    ]);
    await wall.waitForSeq(server.lage.seq);
    const snapshot = await (
      await fetch(`${server.url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${wallToken}` } })
    ).text();
    const everything = JSON.stringify(received) + snapshot + JSON.stringify(wall.picture);
    for (const s of secrets) expect(everything).not.toContain(s);
    expect(everything).not.toContain('50.91');
    expect(everything).toContain('50.92'); // the car's position did arrive
    // The operator saw them (the secrets are real data, not missing data).
    expect(JSON.stringify(op.picture)).toContain(secrets[3]);
  });

  it('a gateway with the ingest token may resync: snapshot and events as a wall sees them', async () => {
    server = await startTestServer();
    await post(server.url, 'incidents', [
      { id: 'E1', type: 'einbruch', priority: 2, lat: 50.9, lon: 6.9, caller: { name: 'Erika Geheim' } },
    ]);
    const headers = { authorization: `Bearer ${TEST_TOKEN}` };
    const snap = await fetch(`${server.url}/api/v1/snapshot`, { headers });
    const events = await fetch(`${server.url}/api/v1/events`, { headers });
    expect([snap.status, events.status]).toEqual([200, 200]);
    const text = (await snap.text()) + (await events.text());
    expect(text).toContain('E1');
    expect(text).not.toContain('Erika Geheim');
    expect((await fetch(`${server.url}/api/v1/replay/datasets`, { headers })).status).toBe(403);
  });
});

const sessionOf = (s: LageServer) =>
  s.auth.startSession({ name: 'chef', roles: ['admin'], kind: 'user' }).token;

describe('session expiry (explicit clock)', () => {
  const limits = { idleMs: 1_000, absoluteMs: 10_000, wallAbsoluteMs: 100_000 };
  const op = { name: 'op', roles: ['operator' as const], kind: 'user' as const };

  it('ends a session after idleMs unused, and absoluteMs after sign-in even when used', () => {
    const store = new SessionStore(undefined, limits);
    const { token } = store.create(op, 0);
    expect(store.lookup(token, 900)).toBeDefined();
    expect(store.lookup(token, 1_800)).toBeDefined(); // used at 900: idle 900 ms
    expect(store.lookup(token, 2_900)).toBeUndefined(); // 1,100 ms idle
    const used = store.create(op, 0).token;
    for (let t = 500; t < 10_000; t += 500) expect(store.lookup(used, t), String(t)).toBeDefined();
    expect(store.lookup(used, 10_000)).toBeUndefined();
  });

  it('lets wall sessions live longer and survives a reload from its file; end() is final', () => {
    const dir = tempDir();
    const file = path.join(dir, 'sessions.json');
    const store = new SessionStore(file, { ...limits, idleMs: 1_000_000 });
    const wall = store.create({ name: 'wand', roles: ['wall'], kind: 'user' }, 0);
    const opToken = store.create(op, 0).token;
    expect(store.lookup(wall.token, 50_000)).toBeDefined();
    expect(store.lookup(opToken, 50_000)).toBeUndefined();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).not.toContain(wall.token);
    const reloaded = new SessionStore(file, { ...limits, idleMs: 1_000_000 });
    expect(reloaded.lookup(wall.token, 60_000)?.principal.name).toBe('wand');
    reloaded.end(wall.session.id);
    expect(reloaded.lookup(wall.token, 60_000)).toBeUndefined();
  });
});

describe('TLS', () => {
  const haveOpenssl = (() => {
    try {
      execFileSync('openssl', ['version']);
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!haveOpenssl)(
    'serves HTTPS with --tls-cert/--tls-key; the session cookie is Secure',
    async () => {
      const dir = tempDir();
      const cert = path.join(dir, 'cert.pem');
      const key = path.join(dir, 'key.pem');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
          '-keyout',
          key,
          '-out',
          cert,
        ],
        { stdio: 'ignore' },
      );
      server = await startTestServer({ tlsCert: cert, tlsKey: key }, dir);
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = fs.readFileSync(cert);
      const request = (route: string, body?: string) =>
        new Promise<{ status: number; headers: Record<string, unknown>; text: string }>((resolve, reject) => {
          const req = https.request(
            `${server!.url}${route}`,
            {
              ca,
              method: body ? 'POST' : 'GET',
              headers: body ? { 'content-type': 'application/json' } : {},
            },
            (res) => {
              let text = '';
              res.on('data', (c: Buffer) => (text += c.toString()));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
            },
          );
          req.on('error', reject);
          req.end(body);
        });
      expect((await request('/api/v1/health')).status).toBe(200);
      expect((await request('/api/v1/snapshot')).status).toBe(401);
      const credential = fs.readFileSync(path.join(dir, 'local-credential.json'), 'utf8');
      const res = await request('/api/v1/auth/login', credential);
      expect(res.status).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure$/);
      // Plain HTTP to the TLS port gets nowhere.
      await expect(fetch(server.url.replace('https:', 'http:') + '/api/v1/health')).rejects.toThrow();
    },
  );
});
