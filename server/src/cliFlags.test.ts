import { describe, expect, it } from 'vitest';
import { UsageError, readFlags } from './cliFlags.ts';

const OPTIONS = { 'data-dir': { type: 'string' }, quiet: { type: 'boolean' } } as const;

describe('readFlags: one way to read CLI flags', () => {
  it('reads values (also --flag=value) and booleans', () => {
    const a = readFlags(['--data-dir', 'x', '--quiet'], OPTIONS);
    expect(a.values).toEqual({ 'data-dir': 'x', quiet: true });
    expect(readFlags(['--data-dir=y'], OPTIONS).values['data-dir']).toBe('y');
    expect(readFlags(['a.csv', '--quiet'], OPTIONS, true).positionals).toEqual(['a.csv']);
  });

  it.each([
    [['--bogus'], 'unknown option "--bogus"'],
    [['--data-dir'], '--data-dir needs a value'],
    [['--data-dir', '--quiet'], '--data-dir needs a value'],
    [['--quiet=yes'], '--quiet takes no value'],
    [['stray'], 'unexpected argument "stray"'],
  ])('%j: %s', (argv, message) => {
    expect(() => readFlags(argv, OPTIONS)).toThrow(UsageError);
    expect(() => readFlags(argv, OPTIONS)).toThrow(message);
  });
});
