import { describe, expect, it } from 'vitest';
import { MAX_ROUND_DELAY_MS, NEXT_SERVER_DELAY_MS, ServerRotation, parseServerList } from './serverList.ts';

describe('parseServerList', () => {
  it('takes one origin or several, comma-separated, trimmed, trailing slash allowed', () => {
    expect(parseServerList('http://10.0.0.11:8080', 'X')).toEqual({
      ok: true,
      origins: ['http://10.0.0.11:8080'],
    });
    expect(parseServerList(' https://a.example:8443/ ,http://10.0.0.12:8080', 'X')).toEqual({
      ok: true,
      origins: ['https://a.example:8443', 'http://10.0.0.12:8080'],
    });
  });

  it('refuses bad entries with one line naming the setting and the entry', () => {
    const error = (raw: string) => {
      const r = parseServerList(raw, 'LAGEBILD_SERVER_URL');
      return r.ok ? 'accepted' : r.error;
    };
    expect(error('')).toBe('LAGEBILD_SERVER_URL is empty');
    expect(error('http://a:1,,http://b:2')).toMatch(/has an empty entry/);
    expect(error('http://a:1,nonsense')).toBe('LAGEBILD_SERVER_URL is not a URL: "nonsense"');
    expect(error('ws://a:1')).toMatch(/must use http or https, not "ws"/);
    expect(error('http://u:p@a:1')).toMatch(/must not contain credentials/);
    expect(error('http://a:1/dashboard')).toMatch(/origins only, e\.g\. http:\/\/a:1/);
    expect(error('http://a:1,http://a:1/')).toBe('LAGEBILD_SERVER_URL lists http://a:1 twice');
  });
});

describe('ServerRotation', () => {
  it('moves on to the next server at once and back to the first after the last', () => {
    const r = new ServerRotation(['http://a', 'http://b', 'http://c']);
    expect(r.current).toBe('http://a');
    expect(r.failed()).toEqual({ origin: 'http://b', delayMs: NEXT_SERVER_DELAY_MS });
    expect(r.failed()).toEqual({ origin: 'http://c', delayMs: NEXT_SERVER_DELAY_MS });
    // Every server failed once: the round ends with a longer wait before the first again.
    expect(r.failed()).toEqual({ origin: 'http://a', delayMs: 500 });
  });

  it('waits longer each round while all fail, up to a maximum, and starts over after a success', () => {
    const r = new ServerRotation(['http://a', 'http://b']);
    const roundEnds = Array.from({ length: 12 }, () => r.failed().delayMs).filter((_, i) => i % 2 === 1);
    expect(roundEnds).toEqual([500, 1000, 2000, MAX_ROUND_DELAY_MS, MAX_ROUND_DELAY_MS, MAX_ROUND_DELAY_MS]);
    r.succeeded();
    expect(r.current).toBe('http://a');
    expect(r.failed()).toEqual({ origin: 'http://b', delayMs: NEXT_SERVER_DELAY_MS });
  });

  it('with one server stays on it and backs off as a reconnecting client does', () => {
    const r = new ServerRotation(['http://a']);
    expect([r.failed(), r.failed(), r.failed()]).toEqual([
      { origin: 'http://a', delayMs: 500 },
      { origin: 'http://a', delayMs: 1000 },
      { origin: 'http://a', delayMs: 2000 },
    ]);
    expect(() => new ServerRotation([])).toThrow(/at least one/);
  });
});
