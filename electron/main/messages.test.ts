import { describe, expect, it } from 'vitest';
import { langFor, message } from './messages.ts';

describe('main-process messages', () => {
  it('speaks German unless the locale is English', () => {
    expect(langFor('de-DE')).toBe('de');
    expect(langFor('en-GB')).toBe('en');
    expect(langFor('EN')).toBe('en');
    expect(langFor('tr-TR')).toBe('de');
    expect(langFor('')).toBe('de');
  });

  it('fills parameters and leaves unknown ones visible', () => {
    expect(message('en', 'loadFailed', { url: 'https://x', reason: 'ERR', seconds: 5 })).toBe(
      'The situation picture at https://x is not reachable (ERR). Retrying in 5 s.',
    );
    expect(message('de', 'loadFailed', { url: 'https://x' })).toContain('({reason})');
  });
});
