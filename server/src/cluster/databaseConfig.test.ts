/**
 * `--database` / LAGEBILD_DATABASE_URL. The URLs are samples from node-postgres' own connection
 * string tests (brianc/node-postgres, packages/pg-connection-string/test/parse.test.ts), the
 * parser the `pg` driver uses for them.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../config.ts';

const parse = (args: string[], env: NodeJS.ProcessEnv = {}) => parseConfig(args, env, '/tmp');

describe('--database', () => {
  it('is off by default: SQLite only', () => {
    expect(parse([]).database).toBeUndefined();
    expect(parse([], { LAGEBILD_DATABASE_URL: '' }).database).toBeUndefined();
  });

  it('takes postgres:// URLs from the flag or LAGEBILD_DATABASE_URL (the flag wins)', () => {
    // "using connection string in client constructor"
    expect(parse(['--database', 'postgres://brian:pw@boom:381/lala']).database).toBe(
      'postgres://brian:pw@boom:381/lala',
    );
    // "do not double escape spaces"
    expect(parse([], { LAGEBILD_DATABASE_URL: 'postgres://localhost/post%20gres' }).database).toBe(
      'postgres://localhost/post%20gres',
    );
    // "url with encoded socket" (postgresql:// is the other spelling libpq takes)
    expect(parse(['--database', 'postgresql://user:pass@%2Funix%2Fsocket/dbname']).database).toBe(
      'postgresql://user:pass@%2Funix%2Fsocket/dbname',
    );
    expect(
      parse(['--database', 'postgres://a@h/one'], { LAGEBILD_DATABASE_URL: 'postgres://b@h/two' }).database,
    ).toBe('postgres://a@h/one');
  });

  it('refuses a URL without a database or host, or of another scheme, saying what it needs', () => {
    // "no pathname returns null database" / 'pathname of "/" returns null database'
    expect(() => parse(['--database', 'postgres://myhost'])).toThrow(/needs a database name/);
    expect(() => parse(['--database', 'postgres://myhost/'])).toThrow(/needs a database name/);
    expect(() => parse(['--database', 'postgres:///dbname'])).toThrow(/needs a host/);
    // "initializing with unix domain socket, the health way"
    expect(() => parse(['--database', 'socket:/some path/?db=my[db]&encoding=utf8'])).toThrow(
      /postgres:\/\/ or postgresql:\/\//,
    );
    expect(() => parse(['--database', 'not a url'])).toThrow(ConfigError);
  });

  it('never repeats the password of a URL it refuses', () => {
    // "when throwing on invalid url does not print out the password in the error message"
    const password = 'g#4624$@F$#v`';
    const url = `postgres://user:${password}@localhost:5432/db`;
    let message = '';
    try {
      parse(['--database', url]);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/--database must be a URL/);
    expect(message).not.toContain('4624');
    expect(message).toContain('REDACTED');
  });

  it('refuses --retention-days with --database (it would change one replica only)', () => {
    expect(() => parse(['--database', 'postgres://u@h/db', '--retention-days', '30'])).toThrow(
      /--retention-days does not work with --database/,
    );
  });
});
