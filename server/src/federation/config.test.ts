import { describe, expect, it } from 'vitest';
import { ConfigError, USAGE, parseConfig } from '../config.ts';

const parse = (...args: string[]) => parseConfig(args, {}, '/tmp');

describe('--federate flags', () => {
  it('one peer per --federate, each with its token and optional name, in order', () => {
    const c = parse(
      '--federate',
      'https://hh.example:8443',
      '--federate-token',
      'token-hh-123',
      '--federate',
      'http://127.0.0.1:8081',
      '--federate-token',
      'token-sh-456',
      '--federate-name',
      'sh',
    );
    expect(c.federate).toEqual([
      { name: 'hh.example-8443', url: 'https://hh.example:8443', token: 'token-hh-123' },
      { name: 'sh', url: 'http://127.0.0.1:8081', token: 'token-sh-456' },
    ]);
    expect(parse().federate).toEqual([]);
    expect(USAGE).toContain('--federate <url> --federate-token <t>');
  });

  it.each([
    [['--federate', 'lage.example'], 'must be the URL of a Lage server'],
    [['--federate', 'ftp://x.example'], 'http:// or https://'],
    [['--federate', 'http://x.example/api'], 'address only'],
    [['--federate', 'http://x.example'], 'needs a --federate-token after it'],
    [['--federate-token', 'abcdefgh1'], 'belongs after a --federate <url>'],
    [['--federate', 'http://x.example', '--federate-token', 'short'], 'at least 8 characters'],
    [
      ['--federate', 'http://x.example', '--federate-token', 'abcdefgh1', '--federate-token', 'abcdefgh2'],
      'two --federate-token',
    ],
    [
      ['--federate', 'http://x.example', '--federate-token', 'abcdefgh1', '--federate-name', 'Bad Name'],
      '--federate-name must be',
    ],
    [
      [
        '--federate',
        'http://x.example',
        '--federate-token',
        'abcdefgh1',
        '--federate',
        'http://x.example',
        '--federate-token',
        'abcdefgh2',
        '--federate-name',
        'y',
      ],
      'given twice',
    ],
    [
      [
        '--federate',
        'http://a.example',
        '--federate-token',
        'abcdefgh1',
        '--federate-name',
        'z',
        '--federate',
        'http://b.example',
        '--federate-token',
        'abcdefgh2',
        '--federate-name',
        'z',
      ],
      'two --federate peers are called z',
    ],
    [['--federate'], '--federate needs a value'],
    [
      ['--federate', 'https://lage.hamburg.polizei.example', '--federate-token', 'abcdefgh1'],
      'too long for ids; give it a --federate-name',
    ],
    [
      ['--federate', 'http://x.example', '--federate-token', 'abcdefgh1', '--database', 'postgres://u@h/db'],
      'does not work with --database',
    ],
  ])('%j is refused: %s', (args, message) => {
    expect(() => parse(...args)).toThrow(ConfigError);
    expect(() => parse(...args)).toThrow(message);
  });
});
