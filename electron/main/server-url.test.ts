import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { chooseServer, firstReachable, parseServerUrl } from './server-url.ts';

/** A real loopback HTTP server whose health check answers `status` (as GET /api/v1/health does). */
async function listening(status: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const srv = http.createServer((req, res) => {
    if (req.url !== '/api/v1/health') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status }));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => srv.close(() => resolve())),
  };
}

describe('parseServerUrl', () => {
  it('finds the loopback URL in a start-up line', () => {
    expect(parseServerUrl('Lage server listening on http://127.0.0.1:41234 (simulate)\n')).toBe(
      'http://127.0.0.1:41234',
    );
  });

  it('ignores a trailing path and terminal colours', () => {
    expect(parseServerUrl('\u001b[32mhttp://127.0.0.1:8080/\u001b[0m')).toBe('http://127.0.0.1:8080');
    expect(parseServerUrl('open \u001b[1mhttp://127.0.0.1:\u001b[0m9000')).toBe('http://127.0.0.1:9000');
  });

  it('returns null without a URL, for other hosts and for impossible ports', () => {
    expect(parseServerUrl('Ingest token: abc')).toBeNull();
    expect(parseServerUrl('http://example.org:80')).toBeNull();
    expect(parseServerUrl('http://127.0.0.1:0')).toBeNull();
    expect(parseServerUrl('http://127.0.0.1:70000')).toBeNull();
  });

  it('takes the first URL when several lines arrive together', () => {
    expect(parseServerUrl('a\nhttp://127.0.0.1:1111\nhttp://127.0.0.1:2222\n')).toBe('http://127.0.0.1:1111');
  });
});

describe('chooseServer', () => {
  it('uses the embedded server when the variable is unset or blank', () => {
    expect(chooseServer(undefined)).toEqual({ kind: 'embedded' });
    expect(chooseServer('  ')).toEqual({ kind: 'embedded' });
  });

  it('accepts http and https origins and normalises them', () => {
    expect(chooseServer('https://lage.polizei.example:8443')).toEqual({
      kind: 'remote',
      origin: 'https://lage.polizei.example:8443',
      origins: ['https://lage.polizei.example:8443'],
    });
    expect(chooseServer('http://10.1.2.3:8080/')).toEqual({
      kind: 'remote',
      origin: 'http://10.1.2.3:8080',
      origins: ['http://10.1.2.3:8080'],
    });
  });

  it('takes several nodes of one cluster, comma-separated, the first as the origin', () => {
    expect(chooseServer('http://10.0.0.11:8080, http://10.0.0.12:8080')).toEqual({
      kind: 'remote',
      origin: 'http://10.0.0.11:8080',
      origins: ['http://10.0.0.11:8080', 'http://10.0.0.12:8080'],
    });
  });

  it.each([
    ['not a url', 'not a URL'],
    ['file:///etc/passwd', 'http or https'],
    ['javascript:alert(1)', 'http or https'],
    ['ws://127.0.0.1:1', 'http or https'],
    ['https://user:pw@host.example', 'credentials'],
    ['https://host.example/app?x=1', 'origins only'],
    ['http://10.0.0.11:8080,ftp://x', 'http or https'],
    ['http://10.0.0.11:8080,http://10.0.0.11:8080/', 'lists http://10.0.0.11:8080 twice'],
    ['http://10.0.0.11:8080,,http://10.0.0.12:8080', 'has an empty entry'],
    ['http://10.0.0.11:8080,nonsense', 'is not a URL: "nonsense"'],
    [',', 'is empty'],
  ])('rejects %s with a clear error', (value, message) => {
    const choice = chooseServer(value);
    expect(choice.kind).toBe('invalid');
    if (choice.kind === 'invalid') expect(choice.error).toContain(message);
  });
});

describe('firstReachable', () => {
  it('skips a node that is down or degraded and takes the first whose health check says ok', async () => {
    const gone = await listening('ok');
    await gone.close(); // nothing listens there any more: connection refused
    const degraded = await listening('degraded');
    const up = await listening('ok');
    try {
      expect(await firstReachable([gone.origin, degraded.origin, up.origin])).toBe(up.origin);
      // None is ok: one that answered at all, else the first (the window reports and retries).
      expect(await firstReachable([gone.origin, degraded.origin])).toBe(degraded.origin);
      expect(await firstReachable([gone.origin, gone.origin.replace(/\d+$/, '1')])).toBe(gone.origin);
      expect(await firstReachable([gone.origin])).toBe(gone.origin);
    } finally {
      await Promise.all([degraded.close(), up.close()]);
    }
  });
});
