/**
 * Issue 13 point 3: ten wrong passwords locked the real user out (the right password then got 429)
 * and two tries a minute kept it locked. Now failures slow down the address that makes them, with
 * growing delays (429 + Retry-After), and the owner at another address still gets in.
 */
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { sleep, startTestServer, tempDir } from '../testing/harness.ts';
import { readLocalCredential } from './localCredential.ts';
import {
  BASE_DELAY_MS,
  FREE_FAILURES,
  LoginThrottle,
  MAX_DELAY_MS,
  SPREAD_WINDOW_MS,
} from './loginThrottle.ts';

let server: LageServer | undefined;
afterAll(async () => server?.close());

interface Answer {
  status: number;
  retryAfter: number | undefined;
  error: string | undefined;
}

/** POST /api/v1/auth/login from a chosen loopback address (all of 127/8 is local on Linux). */
function login(url: string, from: string, user: string, password: string): Promise<Answer> {
  const body = JSON.stringify({ user, password });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/api/v1/auth/login`,
      {
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => {
          const retry = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: retry === undefined ? undefined : Number(retry),
            error: (JSON.parse(text) as { error?: string }).error,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('sign-in throttle on a real server', () => {
  it('after 10 wrong passwords from an attacker address the owner still gets in from their workstation', async () => {
    const dataDir = tempDir();
    server = await startTestServer({}, dataDir);
    const { user, password } = readLocalCredential(dataDir)!;
    const attacker = '127.0.0.2';
    const owner = '127.0.0.1';
    const answers: Answer[] = [];
    for (let i = 0; i < 10; i++) answers.push(await login(server.url, attacker, user, `falsch-${i}`));
    expect(answers.slice(0, FREE_FAILURES).map((a) => a.status)).toEqual(Array(FREE_FAILURES).fill(401));
    // Then the attacker waits: 429 with Retry-After, the password is not even checked.
    for (const a of answers.slice(FREE_FAILURES)) {
      expect(a.status).toBe(429);
      expect(a.retryAfter).toBeGreaterThanOrEqual(1);
      expect(a.error).toMatch(/^too many sign-in attempts; try again in \d+ s$/);
    }
    // The owner, at their workstation, signs in at once with the right password.
    expect((await login(server.url, owner, user, password)).status).toBe(200);
    // Even the right password from the attacker's address waits (it is not checked while waiting).
    const waiting = await login(server.url, attacker, user, password);
    expect(waiting.status).toBe(429);

    // The delays grow: after waiting what the server said, the next failure earns a longer wait.
    const first = waiting.retryAfter!;
    await sleep(first * 1000 + 50);
    expect((await login(server.url, attacker, user, 'falsch-10')).status).toBe(401);
    const next = await login(server.url, attacker, user, 'falsch-11');
    expect(next.status).toBe(429);
    expect(next.retryAfter!).toBeGreaterThan(first);

    // Every attempt is in the audit log, the throttled ones with their wait.
    const limited = server.audit
      .list({ limit: 1000 })
      .filter((e) => e.action === 'auth.login' && e.details['why'] === 'rate limited');
    expect(limited.length).toBeGreaterThanOrEqual(6);
    expect(limited.every((e) => Number(e.details['retryAfter']) >= 1)).toBe(true);
  });
});

describe('LoginThrottle', () => {
  it('doubles the wait per failure after the free ones, up to the maximum', () => {
    const t = new LoginThrottle(10);
    let now = 1_000_000;
    const waits: number[] = [];
    for (let i = 0; i < 20; i++) {
      const v = t.check('anna', '10.0.0.9', now);
      if (!v.ok) now += v.retryAfterMs;
      t.failed('anna', '10.0.0.9', now);
      const after = t.check('anna', '10.0.0.9', now);
      waits.push(after.ok ? 0 : after.retryAfterMs);
    }
    expect(waits.slice(0, FREE_FAILURES - 1)).toEqual(Array(FREE_FAILURES - 1).fill(0));
    expect(waits.slice(FREE_FAILURES - 1, FREE_FAILURES + 3)).toEqual(
      [1, 2, 4, 8].map((k) => k * BASE_DELAY_MS),
    );
    expect(Math.max(...waits)).toBe(MAX_DELAY_MS);
    // The owner elsewhere is not affected; a success clears that address's failures.
    expect(t.check('anna', '10.0.0.1', now)).toEqual({ ok: true });
  });

  it('a guesser spread over many addresses makes unknown addresses wait, never the known workstation', () => {
    const t = new LoginThrottle(10);
    const now = 5_000_000;
    t.succeeded('anna', '10.0.0.1');
    for (let i = 0; i < 10; i++) t.failed('anna', `192.0.2.${i}`, now);
    expect(t.check('anna', '198.51.100.7', now)).toMatchObject({ ok: false });
    expect(t.check('anna', '10.0.0.1', now)).toEqual({ ok: true });
    expect(t.check('bernd', '198.51.100.7', now)).toEqual({ ok: true });
    expect(t.check('anna', '198.51.100.7', now + SPREAD_WINDOW_MS + 1)).toEqual({ ok: true });
  });
});
