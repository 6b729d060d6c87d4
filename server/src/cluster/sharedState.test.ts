/**
 * Users, sessions and the saved basemap shared by the nodes of one PostgreSQL (cluster/sharedState.ts),
 * and the messages that are not events (session ended, user changes, basemap changed) reaching a
 * client connected to another node than the one where it happened. Real nodes, real PostgreSQL
 * (server/src/testing/pgFixture.ts), real Socket.IO dashboards.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { UserStore } from '../security/users.ts';
import { tempDir, TestDashboard } from '../testing/harness.ts';
import { until } from '../testing/federation.ts';
import { withPgCluster } from '../testing/pgFixture.ts';

const pgt = withPgCluster('shared state tests');
const { missing } = pgt;
let dirs: string[] = [];

/** n nodes on the cluster, each with its own data dir holding a basemap settings file. */
async function nodes(n: number): Promise<LageServer[]> {
  dirs = Array.from({ length: n }, () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ basemap: { type: 'none' } }));
    return dir;
  });
  // Started at the same time, as an operations team would start them.
  return pgt.nodesTogether(dirs);
}

const waitFor = (check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) =>
  until(what, check, timeoutMs);

async function login(url: string, user: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, password, token: true }),
  });
  const body = (await res.json()) as { token?: string; error?: string };
  if (!res.ok || !body.token) throw new Error(`sign-in failed: ${res.status} ${body.error ?? ''}`);
  return body.token;
}

const status = async (url: string, token: string) =>
  (await fetch(`${url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status;

/** A dashboard that records whether it was told it is signed out. */
function dashboard(url: string, token: string): TestDashboard & { signedOut: boolean } {
  const d = Object.assign(new TestDashboard(url, { token }), { signedOut: false });
  d.socket.on('signedOut', () => (d.signedOut = true));
  return pgt.track(d);
}

describe.skipIf(missing)('users, sessions and settings shared through PostgreSQL', () => {
  it('creates one local user for nodes starting together and shares users added on any node', async () => {
    const [a, b, c] = await nodes(3);
    const names = (s: LageServer) => s.auth.users.list().map((u) => u.name);
    // One local user ('leitstelle'), created by the first node: the others took it in.
    for (const s of [a!, b!, c!]) expect(names(s)).toEqual(['leitstelle']);
    const credentials = [a!, b!, c!].flatMap((s) => s.localCredential ?? []);
    expect(credentials).toHaveLength(1);
    const credential = credentials[0];
    for (const s of [a!, b!, c!])
      expect(await login(s.url, credential!.user, credential!.password)).toBeTruthy();

    // `npm run users` on two nodes' data dirs at once (a second process writing users.json): both kept.
    await UserStore.load(dirs[0]!).addUser('anna', 'anna-password-1', ['operator']);
    await UserStore.load(dirs[1]!).addUser('bert', 'bert-password-1', ['operator']);
    await waitFor(
      () => [a!, b!, c!].every((s) => names(s).join() === 'anna,bert,leitstelle'),
      'every node to know anna and bert',
    );
    expect(JSON.parse(fs.readFileSync(path.join(dirs[2]!, 'users.json'), 'utf8')).users).toHaveLength(3);
  });

  it('lets a session signed in on one node work on the others, and a logout end it everywhere', async () => {
    const [a, b, c] = await nodes(3);
    await UserStore.load(dirs[0]!).addUser('anna', 'anna-password-1', ['operator']);
    await waitFor(() => !!c!.auth.users.principal('anna'), 'node c to know anna');
    const token = await login(a!.url, 'anna', 'anna-password-1');
    // At once on the other nodes: HTTP and a live socket.
    expect(await status(b!.url, token)).toBe(200);
    const onC = dashboard(c!.url, token);
    await onC.connected();
    const onB = dashboard(b!.url, token);
    await onB.connected();
    // Signed out on node b: the socket on node c is told and cut, the token refused everywhere.
    const out = await fetch(`${b!.url}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBeLessThan(300);
    await waitFor(() => onC.signedOut && !onC.socket.connected, 'the socket on node c to be signed out');
    for (const s of [a!, b!, c!]) expect(await status(s.url, token)).toBe(401);
  });

  it('takes a browser session cookie of another node (nodes behind one load balancer on one host)', async () => {
    const [a, b] = await nodes(2);
    const credential = (a!.localCredential ?? b!.localCredential)!;
    const res = await fetch(`${a!.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: credential.user, password: credential.password }),
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(new RegExp(`^lagebild_session_${a!.port}=`));
    const me = (url: string, c: string) => fetch(`${url}/api/v1/auth/me`, { headers: { cookie: c } });
    expect((await me(b!.url, cookie)).status).toBe(200);
    // A token the shared store does not know is refused under any node's name.
    expect((await me(b!.url, `lagebild_session_1=${'x'.repeat(43)}`)).status).toBe(401);
  });

  it('cuts a removed user on every node, live sockets on other nodes too', async () => {
    const [a, b] = await nodes(2);
    await UserStore.load(dirs[0]!).addUser('anna', 'anna-password-1', ['operator']);
    await waitFor(() => !!b!.auth.users.principal('anna'), 'node b to know anna');
    const token = await login(b!.url, 'anna', 'anna-password-1');
    const onB = dashboard(b!.url, token);
    await onB.connected();
    expect(await status(a!.url, token)).toBe(200);
    // Removed with `npm run users` on node a's data dir.
    UserStore.load(dirs[0]!).removeUser('anna');
    await waitFor(() => onB.signedOut && !onB.socket.connected, 'the socket on node b to be signed out');
    expect(await status(b!.url, token)).toBe(401);
    expect(await status(a!.url, token)).toBe(401);
    await waitFor(() => !b!.auth.users.principal('anna'), 'node b to forget anna');
  });

  it('brings a basemap saved on one node to the dashboards of the others', async () => {
    const [a, b] = await nodes(2);
    const credential = (a!.localCredential ?? b!.localCredential)!;
    const token = await login(a!.url, credential.user, credential.password);
    const onB = dashboard(b!.url, token);
    await onB.connected();
    const style = { type: 'style', url: 'https://tiles.example.org/styles/bright/style.json' };
    const res = await fetch(`${a!.url}/api/v1/basemap/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ basemap: style }),
    });
    expect(res.status).toBe(200);
    await waitFor(() => onB.basemapChanges.length === 1, 'the dashboard on node b to hear of it');
    const onFile = JSON.parse(fs.readFileSync(path.join(dirs[1]!, 'settings.json'), 'utf8'));
    expect(onFile.basemap).toEqual(style);
    const got = await fetch(`${b!.url}/api/v1/basemap/settings`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await got.json()) as { basemap: unknown }).basemap).toEqual(style);
  });
});
