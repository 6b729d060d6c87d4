import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { startTestServer, tempDir } from '../testing/harness.ts';
import { parseRange } from './static.ts';

describe('parseRange', () => {
  it.each([
    ['bytes=0-9', 100, [0, 9]],
    ['bytes=90-', 100, [90, 99]],
    ['bytes=-10', 100, [90, 99]],
    ['bytes=50-500', 100, [50, 99]],
    ['bytes=100-', 100, 'invalid'],
    ['bytes=9-0', 100, 'invalid'],
    ['items=0-1', 100, 'invalid'],
    [undefined, 100, undefined],
  ])('%s of %i bytes → %j', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });
});

describe('static dashboard', () => {
  let server: LageServer;
  const root = tempDir('lagebild-static-');
  beforeAll(async () => {
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Lagebild</title>');
    fs.mkdirSync(path.join(root, 'tiles'));
    fs.writeFileSync(
      path.join(root, 'tiles', 'a.pmtiles'),
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    );
    fs.writeFileSync(path.join(tempDir(), 'secret.txt'), 'no');
    server = await startTestServer({ staticDir: root });
  });
  afterAll(() => server.close());

  it('serves index.html for app routes and 404 for missing files', async () => {
    expect(await (await fetch(`${server.url}/replay`)).text()).toContain('<title>Lagebild</title>');
    expect((await fetch(`${server.url}/missing.js`)).status).toBe(404);
  });

  it('answers byte ranges (PMTiles archives are read that way)', async () => {
    const res = await fetch(`${server.url}/tiles/a.pmtiles`, { headers: { range: 'bytes=16-31' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 16-31/256');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual(
      Array.from({ length: 16 }, (_, i) => 16 + i),
    );
    expect((await fetch(`${server.url}/tiles/a.pmtiles`, { headers: { range: 'bytes=300-' } })).status).toBe(
      416,
    );
  });

  it('never serves files outside its root', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      const res = await fetch(`${server.url}${p}`);
      const body = await res.text();
      // Refused, or normalised inside the root (where the app shell answers): never the outside file.
      if (res.status === 200) expect(body).toContain('<title>Lagebild</title>');
      else expect([403, 404]).toContain(res.status);
      expect(body).not.toMatch(/root:|^no$/);
    }
  });

  it('does not follow links out of its root (a file or a folder linked from inside)', async () => {
    const outside = tempDir('lagebild-outside-');
    fs.writeFileSync(path.join(outside, 'users.json'), '{"secret":"hash"}');
    fs.symlinkSync(path.join(outside, 'users.json'), path.join(root, 'leak.json'));
    fs.symlinkSync(outside, path.join(root, 'linked'));
    fs.writeFileSync(path.join(root, 'inside.json'), '{"ok":true}');
    fs.symlinkSync(path.join(root, 'inside.json'), path.join(root, 'alias.json'));
    for (const p of ['/leak.json', '/linked/users.json']) {
      const res = await fetch(`${server.url}${p}`);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('secret');
    }
    // A link that stays inside the root is served.
    expect(await (await fetch(`${server.url}/alias.json`)).json()).toEqual({ ok: true });
  });
});
