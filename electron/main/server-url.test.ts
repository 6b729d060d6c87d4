import { describe, expect, it } from 'vitest';
import { chooseServer, parseServerUrl } from './server-url.ts';

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
    });
    expect(chooseServer('http://10.1.2.3:8080/')).toEqual({ kind: 'remote', origin: 'http://10.1.2.3:8080' });
  });

  it.each([
    ['not a url', 'not a URL'],
    ['file:///etc/passwd', 'http or https'],
    ['javascript:alert(1)', 'http or https'],
    ['ws://127.0.0.1:1', 'http or https'],
    ['https://user:pw@host.example', 'credentials'],
    ['https://host.example/app?x=1', 'origin only'],
  ])('rejects %s with a clear error', (value, message) => {
    const choice = chooseServer(value);
    expect(choice.kind).toBe('invalid');
    if (choice.kind === 'invalid') expect(choice.error).toContain(message);
  });
});
