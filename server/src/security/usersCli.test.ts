/**
 * `npm run users` end to end: the CLI is spawned as a real process on a temp data dir; bad input
 * exits 2 and leaves users.json as it was. With a real server on a loopback port: a user added by
 * the CLI signs in without a restart, a role change reaches an existing session and its live
 * socket, a removed user's session answers 401 and its socket is cut, a removed device's token is
 * refused, an invalid file is not taken in. Every change is audited and the chain verifies.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LageServer } from '../app.ts';
import { TestDashboard, post, sleep, startTestServer, tempDir } from '../testing/harness.ts';
import { AuditLog } from './audit.ts';
import { UserStore } from './users.ts';
import { UsageError, parseArgs, run } from './usersCli.ts';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `server/src/security/usersCli.ts` (what `npm run users` runs); `input` is piped to stdin. */
function users(args: string[], input = ''): Promise<Run> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/security/usersCli.ts', ...args], {
    env: { PATH: process.env.PATH },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function npmRun(script: string, args: string[]): Promise<Run> {
  const child = spawn('npm', ['run', '-s', script, '--', ...args], { env: process.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const PASSWORD = 'ein-langes-passwort';
const ACTOR = `cli:${os.userInfo().username}`;
const usersFile = (dir: string) => path.join(dir, 'users.json');
const auditEntries = (dir: string) => {
  const audit = new AuditLog(dir);
  try {
    return audit.list({ limit: 10_000 });
  } finally {
    audit.close();
  }
};

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

let server: LageServer | undefined;
const closers: (() => void)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) c();
  await server?.close();
  server = undefined;
  vi.restoreAllMocks();
});

// Each CLI run starts a Node process with tsx: generous time on a busy machine.
describe('npm run users (the CLI on a data dir)', { timeout: 120_000 }, () => {
  it('adds, lists, changes and removes users and devices; only hashes stored; every change audited', async () => {
    const dir = tempDir();
    const add = await users(
      ['--data-dir', dir, 'add-user', 'mueller', '--roles', 'operator', '--districts', 'PP Köln, PP Bonn'],
      `${PASSWORD}\nignored second line\n`,
    );
    expect(add).toMatchObject({ status: 0, stderr: '' });
    expect(add.stdout).toBe('user mueller added (roles operator; districts PP Köln, PP Bonn)\n');

    const gen = await users([
      '--data-dir',
      dir,
      'add-user',
      'chef',
      '--roles',
      'admin,analyst',
      '--generate',
    ]);
    expect(gen.status).toBe(0);
    const generated = gen.stdout.trim().split('\n').at(-1)!;
    expect(generated.length).toBeGreaterThanOrEqual(12);

    const dev = await users(['--data-dir', dir, 'add-device', 'fuestw-1241']);
    expect(dev.status).toBe(0);
    const token = dev.stdout.trim().split('\n').at(-1)!;
    expect(token).toMatch(/^[\w-]{32}$/);

    const text = fs.readFileSync(usersFile(dir), 'utf8');
    for (const secret of [PASSWORD, generated, token]) expect(text).not.toContain(secret);
    expect(fs.statSync(usersFile(dir)).mode & 0o077).toBe(0);
    let store = UserStore.load(dir);
    expect(await store.authenticate('mueller', PASSWORD)).toEqual({
      name: 'mueller',
      roles: ['operator'],
      districts: ['PP Köln', 'PP Bonn'],
      kind: 'user',
    });
    expect((await store.authenticate('chef', generated))?.roles).toEqual(['admin', 'analyst']);
    expect(store.authenticateDevice(token)).toEqual({
      name: 'fuestw-1241',
      roles: ['ingest'],
      kind: 'device',
    });

    const listed = await users(['--data-dir', dir, 'list']);
    expect(listed.status).toBe(0);
    expect(listed.stdout.split('\n').map((l) => l.trimEnd())).toEqual([
      'name         kind    roles          districts',
      'chef         user    admin,analyst  all',
      'mueller      user    operator       PP Köln, PP Bonn',
      'fuestw-1241  device  ingest         -',
      '',
    ]);
    expect(listed.stdout).not.toContain('scrypt');

    const roles = await users([
      '--data-dir',
      dir,
      'set-roles',
      'mueller',
      '--roles',
      'operator,wall',
      '--all-districts',
    ]);
    expect(roles).toMatchObject({ status: 0, stdout: 'user mueller: roles operator,wall; districts all\n' });
    const keep = await users(['--data-dir', dir, 'set-roles', 'chef', '--districts', 'PP Köln']);
    expect(keep.stdout).toBe('user chef: roles admin,analyst; districts PP Köln\n');
    const devRoles = await users(['--data-dir', dir, 'set-roles', 'fuestw-1241', '--roles', 'ingest,wall']);
    expect(devRoles.stdout).toBe('device fuestw-1241: roles ingest,wall\n');

    const NEW = 'noch-ein-langes-passwort';
    expect((await users(['--data-dir', dir, 'passwd', 'mueller'], `${NEW}\r\n`)).status).toBe(0);
    store = UserStore.load(dir);
    expect(await store.authenticate('mueller', PASSWORD)).toBeUndefined();
    expect(await store.authenticate('mueller', NEW)).toMatchObject({ roles: ['operator', 'wall'] });

    expect((await users(['--data-dir', dir, 'remove', 'chef'])).stdout).toBe('user chef removed\n');
    expect((await users(['--data-dir', dir, 'remove-device', 'fuestw-1241'])).stdout).toBe(
      'device fuestw-1241 removed\n',
    );
    store = UserStore.load(dir);
    expect(store.list().map((e) => e.name)).toEqual(['mueller']);
    expect(store.authenticateDevice(token)).toBeUndefined();
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp') || f.endsWith('.lock'))).toEqual([]);

    const entries = auditEntries(dir);
    expect(entries.map((e) => [e.actor, e.action, e.target])).toEqual([
      [ACTOR, 'user.add', 'mueller'],
      [ACTOR, 'user.add', 'chef'],
      [ACTOR, 'device.add', 'fuestw-1241'],
      [ACTOR, 'user.roles', 'mueller'],
      [ACTOR, 'user.roles', 'chef'],
      [ACTOR, 'device.roles', 'fuestw-1241'],
      [ACTOR, 'user.password', 'mueller'],
      [ACTOR, 'user.remove', 'chef'],
      [ACTOR, 'device.remove', 'fuestw-1241'],
    ]);
    expect(entries[0]!.details).toEqual({
      roles: ['operator'],
      districts: ['PP Köln', 'PP Bonn'],
      password: 'given',
      source: 'cli',
      osUser: os.userInfo().username,
    });
    expect(entries[1]!.details).toMatchObject({ password: 'generated' });
    expect(entries[3]!.details).toMatchObject({
      before: { roles: ['operator'], districts: ['PP Köln', 'PP Bonn'] },
      roles: ['operator', 'wall'],
      districts: 'all',
    });
    const raw = fs.readFileSync(path.join(dir, 'audit.sqlite')).toString('latin1');
    for (const secret of [PASSWORD, NEW, generated, token]) expect(raw).not.toContain(secret);
    const verified = await npmRun('audit:verify', ['--data-dir', dir]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^audit log intact: 9 entries/);
  });

  it('refuses bad input with one line on stderr and exit 2; users.json stays byte for byte, nothing audited', async () => {
    const dir = tempDir();
    expect(
      (await users(['--data-dir', dir, 'add-user', 'mueller', '--roles', 'operator'], PASSWORD)).status,
    ).toBe(0);
    expect((await users(['--data-dir', dir, 'add-device', 'gw-1'])).status).toBe(0);
    const before = fs.readFileSync(usersFile(dir));
    const stat = fs.statSync(usersFile(dir));
    const audited = auditEntries(dir).length;
    const d = ['--data-dir', dir];
    const cases: [string[], string, RegExp][] = [
      [['list'], '', /^users: --data-dir is missing/],
      [['--data-dir', path.join(dir, 'nope'), 'list'], '', /^users: no such data dir: /],
      [[...d], '', /^users: no command given/],
      [[...d, 'frobnicate'], '', /^users: unknown command "frobnicate"/],
      [[...d, 'list', '--verbose'], '', /^users: unknown option "--verbose"/],
      [[...d, 'list', 'extra'], '', /^users: list takes no name/],
      [
        [...d, 'add-user', 'neu', '--roles', 'operator,boss'],
        PASSWORD,
        /^users: unknown role "boss" \(roles: operator, wall/,
      ],
      [[...d, 'add-user', 'neu', '--roles', ''], PASSWORD, /^users: --roles: empty entry/],
      [[...d, 'add-user', 'neu'], PASSWORD, /^users: add-user needs --roles/],
      [[...d, 'add-user', 'Neu!', '--roles', 'operator'], PASSWORD, /^users: bad name "Neu!"/],
      [[...d, 'add-user', 'x', '--roles', 'operator'], PASSWORD, /^users: bad name "x"/],
      [
        [...d, 'add-user', 'ingest', '--roles', 'operator'],
        PASSWORD,
        /reserved for the server's --ingest-token/,
      ],
      [
        [...d, 'add-user', 'neu', '--roles', 'operator'],
        'zu-kurz\n',
        /^users: the password needs at least 12 characters/,
      ],
      [[...d, 'add-user', 'neu', '--roles', 'operator'], '', /^users: no password: pipe it/],
      [[...d, 'add-user', 'neu', '--roles', 'operator'], '\nsecond-line-password\n', /^users: no password/],
      [
        [...d, 'add-user', 'mueller', '--roles', 'admin'],
        PASSWORD,
        /^users: mueller exists already as a user/,
      ],
      [[...d, 'add-user', 'gw-1', '--roles', 'admin'], PASSWORD, /^users: gw-1 exists already as a device/],
      [[...d, 'add-user', 'neu', '--roles', 'operator', '--districts', 'a,,b'], PASSWORD, /empty entry/],
      [
        [...d, 'add-user', 'neu', '--roles', 'operator', '--districts', 'x'.repeat(65)],
        PASSWORD,
        /longer than 64/,
      ],
      [[...d, 'set-roles', 'mueller'], '', /^users: set-roles needs --roles, --districts or --all-districts/],
      [[...d, 'set-roles', 'mueller', '--districts', 'a', '--all-districts'], '', /not both/],
      [[...d, 'set-roles', 'niemand', '--roles', 'admin'], '', /^users: no user or device named niemand/],
      [
        [...d, 'set-roles', 'gw-1', '--districts', 'PP Köln'],
        '',
        /^users: gw-1 is a device; devices have no districts/,
      ],
      [[...d, 'set-roles', 'mueller', '--roles'], '', /^users: --roles needs a value/],
      [[...d, 'passwd', 'niemand'], PASSWORD, /^users: no user named niemand/],
      [[...d, 'passwd', 'mueller'], 'kurz', /at least 12 characters/],
      [[...d, 'passwd'], PASSWORD, /^users: passwd needs a name/],
      [[...d, 'remove', 'gw-1'], '', /^users: gw-1 is a device \(use remove-device\)/],
      [[...d, 'remove-device', 'mueller'], '', /^users: mueller is a user \(use remove\)/],
      [
        [...d, 'add-device', 'gw-2', '--districts', 'a'],
        '',
        /^users: --districts does not apply to add-device/,
      ],
      [[...d, 'add-device', 'gw-1'], '', /^users: gw-1 exists already as a device/],
      [[...d, 'remove', 'mueller', '--generate'], '', /does not apply to remove/],
      [
        [...d, 'set-roles', 'mueller', '--roles', 'admin', '--roles=operator'],
        '',
        /^users: --roles is given twice/,
      ],
      [[...d, 'list', '--generate=yes'], '', /^users: --generate takes no value/],
    ];
    // A process each for the password cases and a few others (two at a time: each starts tsx);
    // the rest through the same parseArgs and run() in this process.
    const spawned = new Set([0, 3, 6, 9, 12, 13, 14, 15, 25, 29]);
    for (const [i, [args, , message]] of cases.entries()) {
      const label = args.join(' ');
      if (spawned.has(i)) continue;
      const error = await Promise.resolve()
        .then(() => run(parseArgs(args, {}, process.cwd())))
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error, label).toBeInstanceOf(UsageError);
      expect(`users: ${(error as Error).message}`, label).toMatch(message);
    }
    const chosen = cases.filter((_, i) => spawned.has(i));
    const results: Run[] = [];
    for (let i = 0; i < chosen.length; i += 2)
      results.push(...(await Promise.all(chosen.slice(i, i + 2).map(([args, input]) => users(args, input)))));
    results.forEach((r, i) => {
      const [args, , message] = chosen[i]!;
      const label = args.join(' ');
      expect(r.status, label).toBe(2);
      expect(r.stdout, label).toBe('');
      expect(r.stderr.trimEnd().split('\n'), label).toHaveLength(1);
      expect(r.stderr, label).toMatch(message);
    });
    expect(fs.readFileSync(usersFile(dir)).equals(before)).toBe(true);
    expect(fs.statSync(usersFile(dir)).mtimeMs).toBe(stat.mtimeMs);
    expect(auditEntries(dir)).toHaveLength(audited);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.tmp') || f.endsWith('.lock'))).toEqual([]);
  });

  it('leaves a damaged users.json and a lock held by a running change alone (exit 1)', async () => {
    const dir = tempDir();
    fs.writeFileSync(usersFile(dir), '{"users": [', { mode: 0o600 });
    const damaged = await users(['--data-dir', dir, 'add-user', 'neu', '--roles', 'operator'], PASSWORD);
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toMatch(/^users: .*users\.json is not a valid users file/);
    expect(fs.readFileSync(usersFile(dir), 'utf8')).toBe('{"users": [');

    fs.rmSync(usersFile(dir));
    fs.writeFileSync(path.join(dir, 'users.json.lock'), `${process.pid}\n`);
    const locked = await users(['--data-dir', dir, 'add-device', 'gw-1']);
    expect(locked.status).toBe(1);
    expect(locked.stderr).toMatch(/another npm run users \(pid \d+\) is changing users\.json/);
    expect(fs.existsSync(usersFile(dir))).toBe(false);
    // A lock left behind by a process that is gone is taken over.
    fs.writeFileSync(path.join(dir, 'users.json.lock'), '999999999\n');
    expect((await users(['--data-dir', dir, 'add-device', 'gw-1'])).status).toBe(0);
    expect(fs.existsSync(path.join(dir, 'users.json.lock'))).toBe(false);
  });

  it('a new password for the local user removes local-credential.json (it holds the old one)', async () => {
    const dir = tempDir();
    server = await startTestServer({}, dir);
    await server.close();
    server = undefined;
    expect(fs.existsSync(path.join(dir, 'local-credential.json'))).toBe(true);
    const r = await users(['--data-dir', dir, 'passwd', 'leitstelle', '--generate']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/local-credential\.json removed/);
    expect(fs.existsSync(path.join(dir, 'local-credential.json'))).toBe(false);
  });
});

describe('the running server follows users.json', { timeout: 120_000 }, () => {
  const login = async (base: string, user: string, password: string) => {
    const res = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, password, token: true }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const get = (base: string, route: string, token: string) =>
    fetch(`${base}${route}`, { headers: { authorization: `Bearer ${token}` } });

  it('signs in a user added by the CLI, applies role and district changes to a live session, ends a removed user', async () => {
    const dir = tempDir();
    server = await startTestServer({}, dir);
    const base = server.url;
    await post(base, 'units', [
      { id: 'k1', callsign: 'K 1', kind: 'funkstreifenwagen', district: 'PP Köln' },
      { id: 'd1', callsign: 'Dü 1', kind: 'funkstreifenwagen', district: 'PP Düsseldorf' },
    ]);
    await post(base, 'incidents', [
      {
        id: 'E1',
        type: 'einbruch',
        priority: 2,
        lat: 50.9,
        lon: 6.9,
        district: 'PP Köln',
        caller: { name: 'Erika Geheim' },
      },
    ]);

    expect((await login(base, 'mueller', PASSWORD)).status).toBe(401);
    const add = await users(
      ['--data-dir', dir, 'add-user', 'mueller', '--roles', 'operator', '--districts', 'PP Köln'],
      PASSWORD,
    );
    expect(add.status, add.stderr).toBe(0);
    // No restart: the next sign-in reads the new file.
    const signedIn = await login(base, 'mueller', PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ roles: ['operator'], districts: ['PP Köln'] });
    const token = signedIn.body.token as string;
    expect((await get(base, '/api/v1/replay/datasets', token)).status).toBe(403);

    const dash = new TestDashboard(base, { token });
    closers.push(() => dash.close());
    await dash.connected();
    await dash.waitForSeq(server.lage.seq);
    expect(Object.keys(dash.picture.units)).toEqual(['k1']);
    expect(JSON.stringify(dash.picture)).toContain('Erika Geheim');
    const snapshots = dash.snapshots;

    // More roles, all districts: the same session gets them at once; the live socket a fresh snapshot.
    const wider = await users([
      '--data-dir',
      dir,
      'set-roles',
      'mueller',
      '--roles',
      'operator,analyst',
      '--all-districts',
    ]);
    expect(wider.status, wider.stderr).toBe(0);
    expect((await get(base, '/api/v1/replay/datasets', token)).status).toBe(200);
    const me = (await (await get(base, '/api/v1/auth/me', token)).json()) as Record<string, unknown>;
    expect(me).toMatchObject({ user: 'mueller', roles: ['operator', 'analyst'], districts: null });
    await until(
      'a fresh snapshot with all districts',
      () => dash.snapshots > snapshots && dash.picture.units.d1,
    );
    expect(Object.keys(dash.picture.units).sort()).toEqual(['d1', 'k1']);

    // Down to a wall: no personal data in the next snapshot, commands refused, on the same socket.
    const narrower = await users(['--data-dir', dir, 'set-roles', 'mueller', '--roles', 'wall']);
    expect(narrower.status, narrower.stderr).toBe(0);
    const ack = (await dash.socket.emitWithAck('command', {
      cmd: 'note',
      incidentId: 'E1',
      text: 'Notiz',
    })) as {
      ok: boolean;
      error?: string;
    };
    expect(ack).toMatchObject({ ok: false, error: expect.stringMatching(/not allowed/) as unknown });
    await until(
      'a snapshot without personal data',
      () => !JSON.stringify(dash.picture).includes('Erika Geheim'),
    );
    expect(dash.socket.connected).toBe(true);
    expect((await get(base, '/api/v1/snapshot', token)).status).toBe(200);
    expect(await (await get(base, '/api/v1/snapshot', token)).text()).not.toContain('Erika Geheim');

    // Removed: the session answers 401 and the live socket is cut.
    const signedOut = new Promise<void>((resolve) => dash.socket.once('signedOut', () => resolve()));
    const gone = new Promise<string>((resolve) => dash.socket.once('disconnect', resolve));
    const removed = await users(['--data-dir', dir, 'remove', 'mueller']);
    expect(removed.status, removed.stderr).toBe(0);
    expect((await get(base, '/api/v1/auth/me', token)).status).toBe(401);
    expect(await gone).toBe('io server disconnect');
    await signedOut;
    expect((await login(base, 'mueller', PASSWORD)).status).toBe(401);
    const again = new TestDashboard(base, { token });
    closers.push(() => again.close());
    await expect(again.connected()).rejects.toThrow(/^unauthorized/);

    // The CLI's entries and the server's reloads are in one chain.
    // (The CLI appends after its write; the server may take the file in before or after that.)
    const entries = server.audit.list({ limit: 10_000 });
    expect(entries.filter((e) => e.actor === ACTOR).map((e) => [e.action, e.target])).toEqual([
      ['user.add', 'mueller'],
      ['user.roles', 'mueller'],
      ['user.roles', 'mueller'],
      ['user.remove', 'mueller'],
    ]);
    const reloads = entries.filter((e) => e.action === 'users.reload');
    expect(reloads.map((e) => [e.actor, e.target])).toEqual(Array(4).fill(['system:users', 'users.json']));
    expect(reloads.map((e) => e.details)).toEqual([
      { usersAdded: ['mueller'], sessionsEnded: 0, sessionsChanged: 0 },
      { usersChanged: ['mueller'], sessionsEnded: 0, sessionsChanged: 1 },
      { usersChanged: ['mueller'], sessionsEnded: 0, sessionsChanged: 1 },
      { usersRemoved: ['mueller'], sessionsEnded: 1, sessionsChanged: 0 },
    ]);
    await server.close();
    server = undefined;
    const verified = await npmRun('audit:verify', ['--data-dir', dir]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^audit log intact/);
  });

  it('cuts the live socket of a removed user without any request (the server looks every second)', async () => {
    const dir = tempDir();
    server = await startTestServer({}, dir);
    expect(
      (await users(['--data-dir', dir, 'add-user', 'wache', '--roles', 'operator'], PASSWORD)).status,
    ).toBe(0);
    const token = (await login(server.url, 'wache', PASSWORD)).body.token as string;
    const dash = new TestDashboard(server.url, { token });
    closers.push(() => dash.close());
    await dash.connected();
    const gone = new Promise<string>((resolve) => dash.socket.once('disconnect', resolve));
    // Written as the CLI does, but by hand: nothing else touches the server meanwhile.
    const store = UserStore.load(dir);
    store.removeUser('wache');
    const t0 = Date.now();
    expect(await gone).toBe('io server disconnect');
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('refuses the token of a device removed by the CLI; a device added by the CLI may ingest', async () => {
    const dir = tempDir();
    server = await startTestServer({}, dir);
    const added = await users(['--data-dir', dir, 'add-device', 'gateway-7']);
    expect(added.status, added.stderr).toBe(0);
    const token = added.stdout.trim().split('\n').at(-1)!;
    const unit = [{ id: 'g1', callsign: 'G 1', kind: 'funkstreifenwagen', district: 'PP Köln' }];
    expect((await post(server.url, 'units', unit, token)).status).toBe(202);
    expect((await users(['--data-dir', dir, 'remove-device', 'gateway-7'])).status).toBe(0);
    expect((await post(server.url, 'units', unit, token)).status).toBe(401);
  });

  it('keeps the users it has when the file becomes invalid, says so once, and takes the next valid one', async () => {
    const dir = tempDir();
    server = await startTestServer({}, dir);
    expect(
      (await users(['--data-dir', dir, 'add-user', 'mueller', '--roles', 'operator'], PASSWORD)).status,
    ).toBe(0);
    const token = (await login(server.url, 'mueller', PASSWORD)).body.token as string;
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const valid = JSON.parse(fs.readFileSync(usersFile(dir), 'utf8')) as {
      users: { name: string; roles: string[] }[];
    };
    const withRole = (role: string) =>
      JSON.stringify({
        ...valid,
        users: valid.users.map((u) => (u.name === 'mueller' ? { ...u, roles: [role] } : u)),
      });
    fs.writeFileSync(usersFile(dir), withRole('kaiser'));
    for (let i = 0; i < 3; i++) expect((await get(server.url, '/api/v1/auth/me', token)).status).toBe(200);
    expect((await login(server.url, 'mueller', PASSWORD)).status).toBe(200);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toMatch(
      /^lagebild: users file not reloaded, the users and devices loaded before stay in force: .*users\.json is not a valid users file/,
    );
    fs.rmSync(usersFile(dir));
    expect((await get(server.url, '/api/v1/auth/me', token)).status).toBe(200);
    expect(errors).toHaveBeenCalledTimes(2);
    expect(String(errors.mock.calls[1]![0])).toMatch(/users\.json was removed/);
    fs.writeFileSync(usersFile(dir), withRole('analyst'), { mode: 0o600 });
    const me = (await (await get(server.url, '/api/v1/auth/me', token)).json()) as Record<string, unknown>;
    expect(me.roles).toEqual(['analyst']);
  });

  it('sessions stored before sessions knew their account follow their user after a restart', async () => {
    const dir = tempDir();
    server = await startTestServer({}, dir);
    expect(
      (await users(['--data-dir', dir, 'add-user', 'mueller', '--roles', 'operator'], PASSWORD)).status,
    ).toBe(0);
    const token = (await login(server.url, 'mueller', PASSWORD)).body.token as string;
    const wall = server.auth.startSession({ name: 'wand-1', roles: ['wall'], kind: 'user' }).token;
    await server.close();
    const file = path.join(dir, 'sessions.json');
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>[];
    expect(stored.map((s) => s.account)).toContain(true);
    fs.writeFileSync(file, JSON.stringify(stored.map(({ account: _, ...s }) => s)), { mode: 0o600 });
    server = await startTestServer({}, dir);
    expect((await get(server.url, '/api/v1/auth/me', token)).status).toBe(200);
    expect((await users(['--data-dir', dir, 'remove', 'mueller'])).status).toBe(0);
    expect((await get(server.url, '/api/v1/auth/me', token)).status).toBe(401);
    // A wall link's own principal is no user of the file: users.json changes leave it alone.
    expect((await get(server.url, '/api/v1/auth/me', wall)).status).toBe(200);
  });
});
