import { describe, expect, it } from 'vitest';
import { parseServerUrl } from './server-url.mjs';

describe('parseServerUrl (start script)', () => {
  it('finds the loopback origin in server output', () => {
    expect(parseServerUrl('Lage server listening on http://127.0.0.1:43799 (data: x, seq 0)')).toBe(
      'http://127.0.0.1:43799',
    );
    expect(parseServerUrl('\u001b[32mhttp://127.0.0.1:8080/\u001b[0m')).toBe('http://127.0.0.1:8080');
  });

  it('returns null for anything else', () => {
    expect(parseServerUrl('Ingest token: abc')).toBeNull();
    expect(parseServerUrl('http://127.0.0.1:0')).toBeNull();
    expect(parseServerUrl('http://127.0.0.1:99999')).toBeNull();
  });
});
