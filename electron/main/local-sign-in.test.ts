// The embedded sign-in against the real Lage server, started by path like main starts its build.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCredential, readCredential, signIn } from './local-sign-in.ts';

let child: ChildProcess;
let origin = '';
const dataDir = mkdtempSync(join(tmpdir(), 'lagebild-signin-'));

beforeAll(async () => {
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/src/cli.ts', '--port', '0', '--data-dir', dataDir, '--quiet'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (m) resolve(m[0]);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
});
afterAll(async () => {
  const exited = new Promise((resolve) => child?.once('exit', resolve));
  child?.kill('SIGTERM');
  await exited;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded sign-in', () => {
  it('reads the credential the server created (user-only file) and gets a session cookie for it', async () => {
    expect(statSync(join(dataDir, 'local-credential.json')).mode & 0o777).toBe(0o600);
    const credential = readCredential(dataDir);
    expect(credential?.user).toBe('leitstelle');
    const cookie = await signIn(origin, credential!);
    expect(cookie).toMatchObject({
      url: origin,
      // Named after the server's port (shared/src/sessionCookie.ts), as the server sets it.
      name: `lagebild_session_${new URL(origin).port}`,
      httpOnly: true,
      sameSite: 'strict',
    });
    const me = await fetch(`${origin}/api/v1/auth/me`, {
      headers: { cookie: `${cookie.name}=${cookie.value}` },
    });
    expect(await me.json()).toMatchObject({ user: 'leitstelle', roles: ['operator', 'admin'] });
  });

  it('fails clearly with a wrong password, and parses only a well-formed file', async () => {
    await expect(signIn(origin, { user: 'leitstelle', password: 'wrong-password-123' })).rejects.toThrow(
      /401/,
    );
    expect(parseCredential('{"user":"a"}')).toBeUndefined();
    expect(parseCredential('not json')).toBeUndefined();
  });
});
