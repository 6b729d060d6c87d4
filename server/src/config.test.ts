import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('--cot-port: plain only on loopback, TLS files all three or none', () => {
    expect(parseConfig(['--cot-port', '8087'], {}, '/srv')).toMatchObject({
      cotPort: 8087,
      cotTls: undefined,
    });
    expect(() => parseConfig(['--cot-port', '8087', '--host', '0.0.0.0'], {}, '/srv')).toThrow(
      /--cot-port without TLS would take positions from anyone who reaches 0\.0\.0\.0/,
    );
    const tls = ['--cot-cert', 's.crt', '--cot-key', 's.key', '--cot-ca', 'ca.crt'];
    expect(parseConfig(['--cot-port', '8089', '--host', '0.0.0.0', ...tls], {}, '/srv').cotTls).toEqual({
      cert: '/srv/s.crt',
      key: '/srv/s.key',
      ca: '/srv/ca.crt',
    });
    expect(() => parseConfig(['--cot-port', '8089', '--cot-cert', 's.crt'], {}, '/srv')).toThrow(
      /go together/,
    );
    expect(() => parseConfig(tls, {}, '/srv')).toThrow(/need --cot-port/);
  });

  it('has safe defaults: loopback, a generated token, full durability', () => {
    const c = parseConfig([], {}, '/srv');
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      dataDir: '/srv/.data',
      durability: 'full',
      tokenGenerated: true,
      staleAfterMs: 60_000,
      batchMs: 100,
    });
    expect(c.ingestToken.length).toBeGreaterThanOrEqual(32);
  });

  it('reads the basemap folders (--basemap-dir a:b or LAGEBILD_BASEMAP_DIRS), none by default', () => {
    expect(parseConfig([], {}, '/srv').basemapDirs).toEqual([]);
    expect(parseConfig(['--basemap-dir', 'maps:/opt/fonts'], {}, '/srv').basemapDirs).toEqual([
      '/srv/maps',
      '/opt/fonts',
    ]);
    expect(parseConfig([], { LAGEBILD_BASEMAP_DIRS: '/a::b' }, '/srv').basemapDirs).toEqual(['/a', '/srv/b']);
  });

  it('reads flags over environment variables and passes simulator flags through', () => {
    const c = parseConfig(
      [
        '--port',
        '0',
        '--data-dir=d',
        '--simulate',
        '--seed',
        '7',
        '--roads',
        'r.geojson',
        '--stale-after',
        '30',
      ],
      { LAGEBILD_PORT: '9', LAGEBILD_INGEST_TOKEN: 'from-env-123' },
      '/x',
    );
    expect(c).toMatchObject({
      port: 0,
      dataDir: '/x/d',
      simulate: true,
      ingestToken: 'from-env-123',
      tokenGenerated: false,
      staleAfterMs: 30_000,
    });
    expect(c.simulatorArgs).toEqual(['--seed', '7', '--roads', 'r.geojson']);
  });

  it.each([
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['--port'], /--port needs a value/],
    [['--bogus', '1'], /unknown option --bogus/],
    [['serve'], /unexpected argument "serve"/],
    [['--ingest-token', 'short'], /at least 8 characters/],
    [['--durability', 'maybe'], /normal or full/],
    [['--stale-after', '0'], /--stale-after must be/],
    [['--tls-cert', 'c.pem'], /--tls-cert and --tls-key go together/],
    [['--session-idle', '0'], /--session-idle must be/],
    [['--login-limit', 'many'], /--login-limit must be/],
  ])('refuses %j clearly', (argv, message) => {
    expect(() => parseConfig(argv, {}, '/')).toThrow(ConfigError);
    expect(() => parseConfig(argv, {}, '/')).toThrow(message);
  });

  it('reads TLS files, session limits and the login limit from flags or environment', () => {
    const c = parseConfig(
      ['--tls-cert', 'c.pem', '--session-idle', '30', '--login-limit', '5'],
      { LAGEBILD_TLS_KEY: 'k.pem', LAGEBILD_SESSION_MAX: '8' },
      '/x',
    );
    expect(c).toMatchObject({
      tlsCert: '/x/c.pem',
      tlsKey: '/x/k.pem',
      sessionIdleMs: 30 * 60_000,
      sessionMaxMs: 8 * 3_600_000,
      loginPerIp: 5,
    });
    expect(parseConfig([], {}, '/')).toMatchObject({
      tlsCert: undefined,
      sessionIdleMs: 720 * 60_000,
      loginPerIp: 30,
    });
  });
  it('reads the audit seal key and the audit retention period', () => {
    expect(parseConfig([], {}, '/srv')).toMatchObject({
      auditKey: undefined,
      auditRetention: { kind: 'end-of-next-year' },
    });
    expect(
      parseConfig(['--audit-key', 'keys/audit.key', '--audit-retention', '365'], {}, '/srv'),
    ).toMatchObject({ auditKey: '/srv/keys/audit.key', auditRetention: { kind: 'days', days: 365 } });
    expect(
      parseConfig(
        [],
        { LAGEBILD_AUDIT_KEY: '/etc/lagebild/audit.key', LAGEBILD_AUDIT_RETENTION: 'off' },
        '/srv',
      ),
    ).toMatchObject({ auditKey: '/etc/lagebild/audit.key', auditRetention: { kind: 'off' } });
    expect(() => parseConfig(['--audit-retention', 'forever'], {}, '/srv')).toThrow(ConfigError);
  });
});
