/**
 * Browser mode on a real server (loopback port, real data dir, HTTP and HTTPS): every response
 * carries the dashboard's CSP (the one definition Electron's window uses too, frame-ancestors
 * included), HTTPS adds HSTS, and the session cookie is named after the port (`__Host-` with TLS),
 * so other services on the host never receive a cookie they could recognise.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCsp } from '#shared/csp';
import type { LageServer } from '../app.ts';
import { startTestServer, tempDir } from '../testing/harness.ts';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A raw request (fetch cannot set Host), over HTTP or, with `ca`, HTTPS. */
function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; ca?: Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const lib = url.startsWith('https:') ? https : http;
    const req = lib.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, ca: options.ca },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const signIn = (server: LageServer, dir: string, ca?: Buffer) =>
  request(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: fs.readFileSync(path.join(dir, 'local-credential.json'), 'utf8'),
    ca,
  });

const haveOpenssl = (() => {
  try {
    execFileSync('openssl', ['version']);
    return true;
  } catch {
    console.log('skipped: the HTTPS case needs the openssl command to make a certificate');
    return false;
  }
})();

describe('browser mode: security headers and the session cookie', () => {
  let server: LageServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends the Electron window’s CSP on every response, without HSTS over plain HTTP', async () => {
    const root = tempDir('lagebild-static-');
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Lagebild</title>');
    server = await startTestServer({ staticDir: root });
    const policy = buildCsp(server.url);
    expect(policy).toContain("frame-ancestors 'none'");
    for (const route of ['/', '/replay', '/missing.js', '/api/v1/health', '/api/v1/snapshot', '/basemap/x']) {
      const res = await request(`${server.url}${route}`);
      expect(res.headers['content-security-policy'], route).toBe(policy);
      expect(res.headers['strict-transport-security'], route).toBeUndefined();
    }
    // The page's own address (the Host it was opened by) is the one connect-src names.
    const byName = await request(`${server.url}/`, { headers: { host: `localhost:${server.port}` } });
    expect(byName.headers['content-security-policy']).toBe(buildCsp(`http://localhost:${server.port}`));
    // A Host that is no plain host[:port] cannot write into the policy.
    const odd = await request(`${server.url}/`, { headers: { host: "evil;script-src 'unsafe-inline'" } });
    expect(odd.headers['content-security-policy']).toBe(policy);
  });

  it('names the session cookie after the port; the old name or another port’s cookie is no session', async () => {
    const dir = tempDir();
    server = await startTestServer({}, dir);
    const res = await signIn(server, dir);
    expect(res.status).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(
      new RegExp(`^lagebild_session_${server.port}=[\\w-]+; Path=/; HttpOnly; SameSite=Strict`),
    );
    const token = setCookie.split(';')[0]!.split('=')[1]!;
    const me = (cookie: string) => request(`${server!.url}/api/v1/auth/me`, { headers: { cookie } });
    expect((await me(`lagebild_session_${server.port}=${token}`)).status).toBe(200);
    expect((await me(`lagebild_session=${token}`)).status).toBe(401);
    expect((await me(`lagebild_session_${server.port + 1}=${token}`)).status).toBe(401);
  });

  it.skipIf(!haveOpenssl)('over HTTPS: HSTS, the same CSP, and a __Host- cookie with the port', async () => {
    const dir = tempDir();
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ]),
      { stdio: 'ignore' },
    );
    server = await startTestServer({ tlsCert: cert, tlsKey: key }, dir);
    const ca = fs.readFileSync(cert);
    const health = await request(`${server.url}/api/v1/health`, { ca });
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(health.headers['content-security-policy']).toBe(buildCsp(server.url));
    expect(health.headers['content-security-policy']).toContain(`wss://127.0.0.1:${server.port}`);
    const res = await signIn(server, dir, ca);
    expect(res.status).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    // __Host-: Secure, Path=/ and no Domain, or the browser drops it.
    expect(setCookie).toMatch(
      new RegExp(
        `^__Host-lagebild_session_${server.port}=[\\w-]+; Path=/; HttpOnly; SameSite=Strict; Max-Age=\\d+; Secure$`,
      ),
    );
    const cookie = setCookie.split(';')[0]!;
    expect((await request(`${server.url}/api/v1/auth/me`, { headers: { cookie }, ca })).status).toBe(200);
  });
});
