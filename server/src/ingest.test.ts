import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { LageServer } from './app.ts';
import { TEST_TOKEN, authFetch, getJson, post, startTestServer, units } from './testing/harness.ts';

let server: LageServer;
let before: { seq: number; events: unknown[] };

async function logState(): Promise<{ seq: number; events: unknown[] }> {
  const { seq } = await getJson<{ seq: number }>(`${server.url}/api/v1/health`);
  const { events } = await getJson<{ events: unknown[] }>(
    `${server.url}/api/v1/events?fromSeq=1&limit=10000`,
  );
  return { seq, events };
}

beforeAll(async () => {
  server = await startTestServer({ maxBodyBytes: 64 * 1024 });
  await post(server.url, 'units', units(3));
  await post(server.url, 'incidents', [{ id: 'E1', type: 'brand', priority: 1, lat: 51.2, lon: 6.7 }]);
  await post(server.url, 'incidents', [
    { id: 'E2', type: 'diebstahl', priority: 3, lat: 51.2, lon: 6.7 },
    { op: 'close', id: 'E2' },
  ]);
  before = await logState();
});
afterAll(() => server.close());

const ok = { unitId: 'u0', lat: 51.2, lon: 6.7 };
const future = new Date(Date.now() + 3600_000).toISOString();
type Case = [name: string, kind: string, body: unknown, status: number, message: RegExp];
const corpus: Case[] = [
  ['not an array', 'positions', { unitId: 'u0' }, 400, /JSON array/],
  ['malformed JSON', 'positions', '[{"unitId": "u0", ', 400, /malformed JSON/],
  ['empty body', 'positions', '', 400, /empty/],
  ['wrong types', 'positions', [{ unitId: 'u0', lat: '51.2', lon: 6.7 }], 400, /lat/],
  ['missing fields', 'positions', [{ unitId: 'u0' }], 400, /lat[\s\S]*lon|lon[\s\S]*lat/],
  ['latitude out of range', 'positions', [{ ...ok, lat: 91 }], 400, /latitude must be ≤ 90/],
  ['longitude out of range', 'positions', [{ ...ok, lon: -180.5 }], 400, /longitude must be ≥ -180/],
  ['NaN-like number', 'positions', '[{"unitId":"u0","lat":1e999,"lon":6.7}]', 400, /lat/],
  ['unknown unit', 'positions', [{ ...ok, unitId: 'ghost' }], 400, /unknown unit .*ghost/],
  [
    'one bad item spoils the request',
    'positions',
    [ok, ok, { ...ok, lat: null }],
    400,
    /1 of 3 items invalid/,
  ],
  ['unknown field', 'positions', [{ ...ok, altitude: 3 }], 400, /altitude/],
  ['time far in the future', 'positions', [{ ...ok, time: future }], 400, /in the future/],
  [
    'bad time format',
    'positions',
    [{ ...ok, time: '26.11.2026 10:00' }],
    400,
    /time: must be epoch milliseconds or an ISO 8601/,
  ],
  ['injection in id', 'positions', [{ ...ok, unitId: "u0'; DROP TABLE events;--" }], 400, /unitId/],
  [
    'script in callsign',
    'units',
    [{ id: 'x1', callsign: '<script>alert(1)</script>', kind: 'motorrad', district: 'D' }],
    400,
    /callsign/,
  ],
  [
    'unknown unit kind',
    'units',
    [{ id: 'x1', callsign: 'Dü 1/1', kind: 'panzer', district: 'D' }],
    400,
    /kind/,
  ],
  ['FMS status out of range', 'status', [{ unitId: 'u0', status: 10 }], 400, /status/],
  ['status for closed incident', 'status', [{ unitId: 'u0', status: 3, incidentId: 'E2' }], 400, /closed/],
  [
    'unknown call type',
    'incidents',
    [{ id: 'E9', type: 'alien', priority: 1, lat: 51, lon: 6 }],
    400,
    /type: Invalid option: expected one of/,
  ],
  [
    'priority 4',
    'incidents',
    [{ id: 'E9', type: 'brand', priority: 4, lat: 51, lon: 6 }],
    400,
    /priority must be 1, 2 or 3/,
  ],
  [
    'duplicate incident',
    'incidents',
    [{ id: 'E1', type: 'brand', priority: 1, lat: 51, lon: 6 }],
    400,
    /exists already/,
  ],
  ['assign unknown unit', 'incidents', [{ op: 'assign', id: 'E1', unitId: 'ghost' }], 400, /unknown unit/],
  ['close unknown incident', 'incidents', [{ op: 'close', id: 'E404' }], 400, /unknown incident/],
  [
    'unknown op',
    'incidents',
    [{ op: 'explode', id: 'E1' }],
    400,
    /op must be one of open, update, assign, close/,
  ],
  ['oversized body', 'positions', JSON.stringify(Array.from({ length: 2000 }, () => ok)), 413, /too large/],
  ['unknown kind', 'weather', [ok], 404, /no such API route/],
  [
    'prototype pollution',
    'positions',
    '[{"__proto__":{"admin":true},"unitId":"u0","lat":1,"lon":1}]',
    400,
    /__proto__|Unrecognized/,
  ],
];

describe('bad input', () => {
  it.each(corpus)('%s → clear error, nothing stored', async (_name, kind, body, status, message) => {
    const res = await post(server.url, kind, body);
    expect(res.status).toBe(status);
    expect(JSON.stringify(res.json)).toMatch(message);
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect((await post(server.url, 'positions', [ok], 'wrong-token-123')).status).toBe(401);
    const res = await fetch(`${server.url}/api/v1/ingest/positions`, {
      method: 'POST',
      body: JSON.stringify([ok]),
    });
    expect(res.status).toBe(401);
  });

  it('refuses non-JSON content types and wrong methods', async () => {
    const res = await fetch(`${server.url}/api/v1/ingest/positions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'text/xml' },
      body: '<x/>',
    });
    expect(res.status).toBe(415);
    expect((await fetch(`${server.url}/api/v1/ingest/positions`)).status).toBe(401);
    const asGateway = { headers: { authorization: `Bearer ${TEST_TOKEN}` } };
    expect((await fetch(`${server.url}/api/v1/ingest/positions`, asGateway)).status).toBe(405);
    expect((await authFetch(`${server.url}/api/v1/events?fromSeq=abc`)).status).toBe(400);
  });

  it('refuses bad socket ingest with an error ack, and unauthenticated sockets', async () => {
    const good = connect(`${server.url}/ingest`, { auth: { token: TEST_TOKEN }, transports: ['websocket'] });
    const ack = await good.emitWithAck('positions', [{ ...ok, lat: 'x' }]);
    expect(ack).toMatchObject({ ok: false, status: 400 });
    const ack2 = await good.emitWithAck('positions', 'not even an array');
    expect(ack2).toMatchObject({ ok: false, error: expect.stringMatching(/JSON array/) });
    good.close();
    const bad = connect(`${server.url}/ingest`, {
      auth: { token: 'nope-nope-nope' },
      transports: ['websocket'],
    });
    const err = await new Promise<Error>((resolve) => bad.once('connect_error', resolve));
    expect(err.message).toMatch(/unauthorized/);
    bad.close();
  });

  it('a flood of junk neither crashes the server nor changes the log', async () => {
    const junk = [
      'null',
      '0',
      '"x"',
      '[[[[[]]]]]',
      '{}',
      '[1,2,3]',
      '[{"unitId":{}}]',
      '\u0000\u0001',
      '[' + '['.repeat(5000),
    ];
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => post(server.url, 'positions', junk[i % junk.length]!)),
    );
    expect(results.every((r) => r.status === 400)).toBe(true);
    expect(await logState()).toEqual(before);
  });

  it('leaves the log exactly as it was after the whole corpus', async () => {
    expect(await logState()).toEqual(before);
    // and a good request still works afterwards
    expect((await post(server.url, 'positions', [ok])).status).toBe(202);
  });
});
