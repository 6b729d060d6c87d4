/**
 * Hostile input against sign-in and ingest on a real server: malformed JSON, wrong types, deep
 * nesting, oversized bodies, injection strings, odd unicode, prototype-pollution keys, junk
 * credentials. Each is refused with a clear 4xx JSON error; the server keeps answering; nothing is
 * stored (event seq, users file and sessions unchanged); the audit chain stays intact.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { LageServer } from '../app.ts';
import { TEST_TOKEN, startTestServer, tempDir } from '../testing/harness.ts';
import { verifyAudit } from './audit.ts';

const DEEP = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
const DEEP_OBJECT = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
const INJECTION = [
  "' OR '1'='1' --",
  '"; DROP TABLE events; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${process.exit(1)}',
  '../../etc/passwd',
  'ü\u0000\u202e\uFEFF',
  '\uD800',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🚓',
];

/** Bodies for POST /api/v1/auth/login, as raw text. */
const LOGIN_BODIES: [string, string][] = [
  ['empty', ''],
  ['null', 'null'],
  ['array', '[]'],
  ['string', '"leitstelle"'],
  ['number', '42'],
  ['broken JSON', '{"user":'],
  ['numbers for strings', '{"user":1,"password":2}'],
  ['missing password', '{"user":"leitstelle"}'],
  ['null password', '{"user":"leitstelle","password":null}'],
  ['object password', '{"user":"leitstelle","password":{"$ne":""}}'],
  ['array user', '{"user":["leitstelle"],"password":"x"}'],
  ['__proto__', '{"__proto__":{"admin":true},"user":"leitstelle","password":"x"}'],
  ['constructor', '{"constructor":{"prototype":{"admin":true}},"user":"a","password":"b"}'],
  ['extra role', '{"user":"leitstelle","password":"x","roles":["admin"]}'],
  ['deep array', DEEP],
  ['deep object', DEEP_OBJECT],
  ['long user', JSON.stringify({ user: 'u'.repeat(100_000), password: 'x' })],
  ['long password', JSON.stringify({ user: 'leitstelle', password: 'p'.repeat(2_000) })],
  ['oversized', JSON.stringify({ user: 'a', password: 'b', pad: 'x'.repeat(200_000) })],
  ...INJECTION.map((s): [string, string] => [
    `injection user ${s}`,
    JSON.stringify({ user: s, password: s }),
  ]),
];

let server: LageServer;
let dataDir: string;
let usersBefore: string;
let seqBefore: number;

beforeAll(async () => {
  dataDir = tempDir();
  server = await startTestServer({ loginPerIp: 100_000 }, dataDir);
  await fetch(`${server.url}/api/v1/ingest/units`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ id: 'u1', callsign: 'K 1', kind: 'funkstreifenwagen', district: 'PP Köln' }]),
  });
  usersBefore = fs.readFileSync(path.join(dataDir, 'users.json'), 'utf8');
  seqBefore = server.lage.seq;
});
afterAll(async () => server?.close());

async function send(route: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  let json: { error?: unknown } = {};
  try {
    json = JSON.parse(text) as { error?: unknown };
  } catch {
    json = { error: `not JSON: ${text.slice(0, 80)}` };
  }
  return { status: res.status, error: json.error, setCookie: res.headers.get('set-cookie') };
}

describe('login fuzz', () => {
  it.each(LOGIN_BODIES)('%s → a clear 4xx, no session', async (_name, body) => {
    const r = await send('/api/v1/auth/login', body);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(typeof r.error).toBe('string');
    expect((r.error as string).length).toBeGreaterThan(5);
    expect(r.setCookie).toBeNull();
  });

  it('wrong content type, invalid UTF-8 and junk credentials are refused too', async () => {
    expect(
      (
        await send('/api/v1/auth/login', 'user=a&password=b', {
          'content-type': 'application/x-www-form-urlencoded',
        })
      ).status,
    ).toBe(415);
    const bytes = Buffer.from([0x7b, 0x22, 0x75, 0x73, 0x65, 0x72, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    expect((await send('/api/v1/auth/login', bytes)).status).toBe(400);
    for (const authorization of [
      'Bearer ' + 'x'.repeat(10_000),
      "Bearer ' OR 1=1 --",
      'Basic YWRtaW46YWRtaW4=',
      'Bearer',
    ]) {
      const res = await fetch(`${server.url}/api/v1/snapshot`, { headers: { authorization } });
      expect(res.status, authorization.slice(0, 20)).toBe(401);
    }
    for (const cookie of [
      'lagebild_session=' + 'a'.repeat(5_000),
      'lagebild_session=; x=y',
      'lagebild_session=%00%ff',
      '=;;;=',
    ]) {
      const res = await fetch(`${server.url}/api/v1/snapshot`, { headers: { cookie } });
      expect(res.status).toBe(401);
    }
  });

  it('an unknown user and a wrong password get the same answer', async () => {
    const unknown = await send(
      '/api/v1/auth/login',
      JSON.stringify({ user: 'niemand', password: 'irgendwas-langes' }),
    );
    const wrong = await send(
      '/api/v1/auth/login',
      JSON.stringify({ user: 'leitstelle', password: 'irgendwas-langes' }),
    );
    expect(unknown).toEqual(wrong);
    expect(unknown).toMatchObject({ status: 401, error: 'wrong user name or password' });
  });

  it('no prototype was polluted', () => {
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });
});

/** Ingest bodies with hostile content, each invalid for the schema. */
const INGEST_BODIES: [string, string, string][] = [
  ['units', 'object not array', '{"id":"u9"}'],
  ['units', 'deep array', DEEP],
  ['units', 'deep object', `[${DEEP_OBJECT}]`],
  [
    'units',
    '__proto__ item',
    '[{"__proto__":{"polluted":true},"id":"u9","callsign":"x","kind":"funkstreifenwagen","district":"d"}]',
  ],
  ['units', 'constructor item', '[{"constructor":{"prototype":{"polluted":true}}}]'],
  ['positions', 'strings for numbers', '[{"unitId":"u1","lat":"51.2","lon":"6.7"}]'],
  ['positions', 'NaN-ish', '[{"unitId":"u1","lat":1e999,"lon":-1e999}]'],
  ['status', 'status out of range', '[{"unitId":"u1","status":99}]'],
  ['incidents', 'unknown op', '[{"op":"delete","id":"E1"}]'],
  ['incidents', 'broken JSON', '[{"op":"open",'],
  ...INJECTION.map((s): [string, string, string] => [
    'units',
    `injection id ${s}`,
    JSON.stringify([{ id: s, callsign: s, kind: s, district: s }]),
  ]),
  ...INJECTION.map((s): [string, string, string] => [
    'incidents',
    `injection incident ${s}`,
    JSON.stringify([{ op: 'open', id: s, type: s, priority: s, lat: s, lon: s }]),
  ]),
];

describe('ingest fuzz', () => {
  it.each(INGEST_BODIES)('%s: %s → a clear 4xx', async (kind, _name, body) => {
    const r = await send(`/api/v1/ingest/${kind}`, body, { authorization: `Bearer ${TEST_TOKEN}` });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(typeof r.error).toBe('string');
  });

  it('oversized bodies get 413, a valid body with a wrong or hostile token 401', async () => {
    const big = JSON.stringify([{ pad: 'x'.repeat(5 * 1024 * 1024) }]);
    expect((await send('/api/v1/ingest/units', big, { authorization: `Bearer ${TEST_TOKEN}` })).status).toBe(
      413,
    );
    const valid = JSON.stringify([{ id: 'u7', callsign: 'x', kind: 'funkstreifenwagen', district: 'd' }]);
    for (const token of ["' OR 1=1 --", '<script>', 'x'.repeat(4_000), 'ü']) {
      const r = await send('/api/v1/ingest/units', valid, { authorization: `Bearer ${token}` });
      expect(r.status).toBe(401);
      expect(r.error).toMatch(/ingest token/);
    }
  });

  it('hostile socket payloads are refused in the acknowledgement', async () => {
    const s = connect(`${server.url}/ingest`, {
      transports: ['websocket'],
      auth: { token: TEST_TOKEN },
      reconnection: false,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        s.once('connect', resolve);
        s.once('connect_error', reject);
      });
      let deep: unknown = 1;
      for (let i = 0; i < 2_000; i++) deep = [{ a: deep }];
      const hostile: unknown[] = [
        null,
        'x',
        42,
        JSON.parse('{"__proto__":{"a":1}}'),
        [{ id: "' OR 1=1" }],
        deep,
      ];
      for (const payload of hostile) {
        const ack = (await s
          .timeout(5_000)
          .emitWithAck('units', payload)
          .catch(() => ({ ok: false, error: 'dropped' }))) as {
          ok: boolean;
          error?: string;
        };
        expect(ack.ok).toBe(false);
        expect(typeof ack.error).toBe('string');
      }
    } finally {
      s.close();
    }
  });
});

describe('after the fuzz', () => {
  it('the server still answers, nothing was stored and the audit chain is intact', async () => {
    const health = (await (await fetch(`${server.url}/api/v1/health`)).json()) as {
      status: string;
      seq: number;
    };
    expect(health).toEqual({ status: 'ok', seq: seqBefore });
    expect(server.lage.seq).toBe(seqBefore);
    expect(fs.readFileSync(path.join(dataDir, 'users.json'), 'utf8')).toBe(usersBefore);
    expect(verifyAudit(dataDir)).toMatchObject({ ok: true });
    expect(
      server.audit.list({ action: 'auth.login', limit: 10_000 }).some((e) => e.details['ok'] === true),
    ).toBe(false);
  });
});
