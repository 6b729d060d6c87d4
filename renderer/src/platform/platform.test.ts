import { describe, expect, it } from 'vitest';
import { serverUrlFromLocation } from './platform.ts';

const loc = (href: string) => {
  const u = new URL(href);
  return { href, origin: u.origin, protocol: u.protocol };
};

describe('serverUrlFromLocation', () => {
  it('uses the page origin: the dashboard is served by the server', () => {
    expect(serverUrlFromLocation(loc('http://127.0.0.1:8080/'))).toBe('http://127.0.0.1:8080');
  });

  it('takes a ?server= override (development with the Vite dev server)', () => {
    expect(serverUrlFromLocation(loc('http://127.0.0.1:5173/?server=http://127.0.0.1:8080/x'))).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('refuses other protocols with a clear error', () => {
    expect(() => serverUrlFromLocation(loc('http://h/?server=file:///etc/passwd'))).toThrow(
      /must be an http\(s\) URL/,
    );
    expect(() => serverUrlFromLocation(loc('file:///app/index.html'))).toThrow(/opened from file:/);
  });
});
