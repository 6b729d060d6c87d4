import { describe, expect, it } from 'vitest';
import { buildCsp as sharedCsp } from '#shared/csp';
import { buildCsp, socketOrigin, withCsp } from './csp.ts';

const directives = (csp: string): Map<string, string[]> =>
  new Map(
    csp.split(';').map((d) => {
      const [name = '', ...sources] = d.trim().split(/\s+/);
      return [name, sources];
    }),
  );

describe('socketOrigin', () => {
  it('maps http to ws and https to wss', () => {
    expect(socketOrigin('http://127.0.0.1:41234')).toBe('ws://127.0.0.1:41234');
    expect(socketOrigin('https://lage.example:8443')).toBe('wss://lage.example:8443');
  });
});

describe('buildCsp', () => {
  const csp = directives(buildCsp('http://127.0.0.1:41234'));

  it('denies by default and allows scripts only from the server', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('lets the page talk to its server over HTTP and WebSocket only', () => {
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://127.0.0.1:41234', 'ws://127.0.0.1:41234']);
  });

  it('allows blob: workers and data:/blob: images for MapLibre', () => {
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it('names no remote host and never allows eval or inline scripts', () => {
    const text = buildCsp('https://lage.example:8443');
    const hosts = text.match(/[a-z]+:\/\/[^\s;]+/g) ?? [];
    expect(new Set(hosts)).toEqual(new Set(['https://lage.example:8443', 'wss://lage.example:8443']));
    expect(text).not.toContain('unsafe-eval');
    expect(directives(text).get('script-src')).not.toContain("'unsafe-inline'");
    expect(text).not.toContain('*');
  });
});

describe('one policy for the window and browser mode', () => {
  it('is the definition the server sends in browser mode (shared/src/csp.ts), for any dashboard URL', () => {
    expect(buildCsp('http://127.0.0.1:41234/?mode=wall')).toBe(sharedCsp('http://127.0.0.1:41234'));
    expect(buildCsp('https://Lage.Example:8443/replay')).toBe(sharedCsp('https://lage.example:8443'));
    expect(() => sharedCsp("http://x; script-src 'unsafe-inline'")).toThrow(/not an http\(s\) origin/);
  });
});

describe('withCsp', () => {
  it('adds the policy and keeps other headers as arrays', () => {
    expect(withCsp({ 'Content-Type': 'text/html', 'X-A': ['1', '2'] }, 'default-src none')).toEqual({
      'Content-Type': ['text/html'],
      'X-A': ['1', '2'],
      'Content-Security-Policy': ['default-src none'],
    });
  });

  it("keeps the server's own policy next to ours, whatever its header case", () => {
    const out = withCsp({ 'content-security-policy': ["script-src 'self'"] }, 'default-src none');
    expect(out['Content-Security-Policy']).toEqual(["script-src 'self'", 'default-src none']);
    expect(out['content-security-policy']).toBeUndefined();
  });

  it('works without headers', () => {
    expect(withCsp(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});
