/**
 * Cursor on Target with TLS and client certificates, made by the test with openssl: a device of role
 * ingest sends and sees a wall's picture, an operator device and a district-limited user see their
 * views, certificates without a device or user, of another CA or none are refused.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, expect, describe, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { sleep, startTestServer, tempDir } from '../testing/harness.ts';
import { CotReader, ITAK, fresh, seed, text, until } from './cotTestSupport.ts';

/** The certificates are made with the openssl command (Node's crypto cannot issue X.509 certificates). */
const OPENSSL = (() => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    console.warn(
      'cot.test: SKIPPED the TLS tests: no openssl command on this machine (apt-get install openssl)',
    );
    return false;
  }
})();

describe.runIf(OPENSSL)('TLS with client certificates (made here with openssl)', () => {
  let server: LageServer;
  let dir: string;
  const pem = (name: string) => path.join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  function clientCert(name: string, cn: string, ca = 'ca') {
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      pem(`${name}.key`),
      '-out',
      pem(`${name}.csr`),
      '-subj',
      `/CN=${cn}`,
    );
    ssl(
      'x509',
      '-req',
      '-in',
      pem(`${name}.csr`),
      '-CA',
      pem(`${ca}.crt`),
      '-CAkey',
      pem(`${ca}.key`),
      '-CAcreateserial',
      '-days',
      '2',
      '-out',
      pem(`${name}.crt`),
    );
  }
  const connectTls = (name?: string) =>
    new Promise<CotReader>((resolve, reject) => {
      const s = tls.connect({
        port: server.cot!.port,
        host: '127.0.0.1',
        ca: fs.readFileSync(pem('ca.crt')),
        servername: 'localhost',
        ...(name
          ? { cert: fs.readFileSync(pem(`${name}.crt`)), key: fs.readFileSync(pem(`${name}.key`)) }
          : {}),
      });
      const r = new CotReader(s);
      s.once('secureConnect', () => resolve(r));
      s.once('error', reject);
    });

  beforeAll(async () => {
    dir = tempDir('lagebild-cot-tls-');
    for (const ca of ['ca', 'other-ca'])
      ssl(
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        pem(`${ca}.key`),
        '-out',
        pem(`${ca}.crt`),
        '-days',
        '2',
        '-subj',
        `/CN=${ca}`,
      );
    ssl(
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      pem('server.key'),
      '-out',
      pem('server.csr'),
      '-subj',
      '/CN=localhost',
    );
    fs.writeFileSync(pem('san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    ssl(
      'x509',
      '-req',
      '-in',
      pem('server.csr'),
      '-CA',
      pem('ca.crt'),
      '-CAkey',
      pem('ca.key'),
      '-CAcreateserial',
      '-days',
      '2',
      '-extfile',
      pem('san.ext'),
      '-out',
      pem('server.crt'),
    );
    clientCert('tak1', 'tak-1');
    clientCert('lead', 'tak-lead');
    clientCert('stranger', 'nobody');
    clientCert('koeln', 'mueller');
    clientCert('forged', 'tak-1', 'other-ca');
    const dataDir = tempDir();
    fs.writeFileSync(
      path.join(dataDir, 'settings.json'),
      JSON.stringify({ cot: { uid: { 'C94B9215-9BD4-4DBE-BDE1-83625F09153F': 'k1' } } }),
    );
    server = await startTestServer(
      { cotPort: 0, cotTls: { cert: pem('server.crt'), key: pem('server.key'), ca: pem('ca.crt') } },
      dataDir,
    );
    server.auth.users.addDevice('tak-1', ['ingest']);
    server.auth.users.addDevice('tak-lead', ['operator']);
    await server.auth.users.addUser('mueller', 'password-0123456789', ['operator'], ['PP Köln']);
    await seed(server);
  }, 60_000);
  afterAll(async () => server?.close());

  it('a device certificate (ingest) sends positions and sees the picture as a wall', async () => {
    const c = await connectTls('tak1');
    try {
      await c.waitFor('picture', () => !!c.latest('lagebild.incident.K1'));
      expect(JSON.stringify(c.events)).not.toMatch(/Täter/);
      expect(c.latest('lagebild.unit.kh')).toBeUndefined();
      expect(c.latest('lagebild.unit.d1')).toBeDefined(); // a wall of no district sees all
      c.socket.write(fresh(ITAK));
      await until('k1 position', () => server.lage.picture.units['k1']?.position?.lat === 41.52309645);
    } finally {
      c.socket.destroy();
    }
  });

  it('a certificate whose device has the operator role sees more (description, handhelds), audited; it may not send', async () => {
    const c = await connectTls('lead');
    try {
      await c.waitFor('picture', () => !!c.latest('lagebild.incident.K1') && !!c.latest('lagebild.unit.kh'));
      expect(text(c.latest('lagebild.incident.K1'), 'remarks')?.text).toMatch(/Täter flüchtig/);
      expect(
        server.audit
          .list({ limit: 1000 })
          .some((e) => e.action === 'personal.view' && e.actor === 'tak-lead' && e.target === 'cot'),
      ).toBe(true);
      const seq = server.lage.seq;
      c.socket.write(fresh(ITAK.replace('lat="41.52309645"', 'lat="10"')));
      await until('refusal', () =>
        server.cot!.refusals.some((r) => /tak-lead may not send positions/.test(r)),
      );
      expect(server.lage.seq).toBe(seq);
    } finally {
      c.socket.destroy();
    }
  });

  it('a certificate naming a user limited to PP Köln: that user’s view, the district rule', async () => {
    const c = await connectTls('koeln');
    try {
      await c.waitFor('picture', () => !!c.latest('lagebild.incident.K1') && !!c.latest('lagebild.unit.k2'));
      await sleep(1200); // one more feed interval: nothing of Düsseldorf comes later either
      expect(c.latest('lagebild.unit.d1')).toBeUndefined();
      expect(text(c.latest('lagebild.incident.K1'), 'remarks')?.text).toMatch(/Täter flüchtig/);
    } finally {
      c.socket.destroy();
    }
  });

  it('a device removed from users.json is cut off within a feed interval', async () => {
    server.auth.users.addDevice('tak-temp', ['ingest']);
    clientCert('temp', 'tak-temp');
    const c = await connectTls('temp');
    await c.waitFor('picture', () => c.events.length > 0);
    server.auth.users.removeDevice('tak-temp');
    await c.waitFor('the connection to end', () => c.closed);
  });

  /** Connects and waits until the server ends it (or the handshake fails): what arrived before. */
  const refused = (name?: string) =>
    connectTls(name).then(
      async (r) => {
        await r.waitFor('the server to close', () => r.closed, 10_000);
        return r.events.length;
      },
      () => 0,
    );

  it('refused: no certificate, a certificate of another CA, a CN that is no device', async () => {
    expect(await refused()).toBe(0);
    expect(await refused('forged')).toBe(0);
    await until('TLS refusals', () => server.cot!.refusals.filter((r) => /TLS:/.test(r)).length >= 2);
    const stranger = await connectTls('stranger');
    await stranger.waitFor('close', () => stranger.closed, 10_000);
    expect(stranger.events).toEqual([]);
    expect(server.cot!.refusals.some((r) => /certificate CN "nobody" is no device or user/.test(r))).toBe(
      true,
    );
  });
});
