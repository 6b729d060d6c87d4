/**
 * TETRA gateway input: LIP short and long location reports (ETSI TS 100 392-18-1) decoded from hex,
 * ISSI → unit and SDS status → FMS through the settings' `tetra` tables, on a real server over HTTP
 * and the /ingest socket; bad input gets a 4xx naming the problem and stores nothing.
 *
 * LIP vectors: vitaly-zubentsov/parser-tetra-lip-messages, src/test/java/controller/TestParserLipMessages.java
 * (its bit strings, from the SDS protocol identifier 0x0A on, written as hex; the expected values are
 * those the test asserts: lon raw 3509265 = 37.6503288746°, lat raw 5194779 = 55.7339322567°, …).
 */
import fs from 'node:fs';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestAck } from '#shared/wire';
import type { LageServer } from '../app.ts';
import { UserStore } from '../security/users.ts';
import { TEST_TOKEN, getJson, post, startTestServer, tempDir } from '../testing/harness.ts';
import { decodeLip, velocityMs } from './lip.ts';
import { resolveTimeOfPosition } from './tetra.ts';

const LON = 37.6503288746;
const LAT = 55.7339322567;
/** testParsedShortLipMessage: < 5 s, error < 2 m, 0 km/h, direction 0 (N). */
const SHORT = '0A01AC608A7A20D8000000';
/** testParsedShortLipMessageWithUserDefinedData: 0/0, error unknown, speed unknown, direction 15 (NNW). */
const SHORT_UNKNOWN = '0A00000000000007FFF550';
/** testParsedLongLipType1Message: no time, circle with altitude, velocity type 5: 0 km/h, 0°. */
const LONG_1 = '0A4C51AC608A7A20D80FFF40000000';
/** testParsedLongLipType2Message: time elapsed, speed unknown (127), direction 255 = 358.6°, ack requested. */
const LONG_2 = '0A4D146B18229E8837FBFFDFFFF000';
/** testParsedLongLipType3Message: time of position day 1 00:00:00. */
const LONG_3 = '0A4E08000146B18229E883603FFD00000000';

describe('LIP decoding (vectors of parser-tetra-lip-messages)', () => {
  it('short location report', () => {
    const r = decodeLip(SHORT);
    expect(r.ok && r.fix).toMatchObject({ kind: 'short', speed: 0, heading: 0, accuracy: 2 });
    if (!r.ok) return;
    expect(r.fix.lon).toBeCloseTo(LON, 9);
    expect(r.fix.lat).toBeCloseTo(LAT, 9);
  });
  it('short report with unknown error and speed: neither is made up', () => {
    const r = decodeLip(SHORT_UNKNOWN);
    expect(r).toEqual({ ok: true, fix: { kind: 'short', lat: 0, lon: 0, heading: 337.5 } });
  });
  it('long report, circle with altitude, velocity with extended direction', () => {
    const r = decodeLip(LONG_1);
    expect(r.ok && r.fix).toMatchObject({ kind: 'long', speed: 0, heading: 0 });
    if (r.ok) expect([r.fix.lat, r.fix.lon]).toEqual([expect.closeTo(LAT, 9), expect.closeTo(LON, 9)]);
  });
  it('long report with time elapsed, speed unknown, direction 358.6°', () => {
    const r = decodeLip(LONG_2);
    expect(r.ok && r.fix).toMatchObject({ kind: 'long', heading: 358.59 });
    expect(r.ok && r.fix).not.toHaveProperty('speed');
  });
  it('long report with time of position', () => {
    const r = decodeLip(LONG_3);
    expect(r.ok && r.fix).toMatchObject({ timeOfPosition: { day: 1, hour: 0, minute: 0, second: 0 } });
  });
  it('horizontal velocity per the standard: linear to 28 km/h, then 16 × 1.038^(v−13)', () => {
    expect(velocityMs(28)).toBeCloseTo(28 / 3.6, 3);
    expect(velocityMs(29)).toBeCloseTo((16 * 1.038 ** 16) / 3.6, 3);
    expect(velocityMs(127)).toBeUndefined();
  });
  it.each([
    ['', /lip is empty/],
    ['0AZZ', /hex digits/],
    ['0B01AC608A7A20D8000000', /protocol identifier 0A/],
    ['0A01AC60', /cut short/],
    ['0A8000000000000000000000', /PDU type 2 is not a location report/],
    ['0A4000000000000000', /extension 0 is not a long location report/],
    ['0A4C000000000000', /without a location/],
  ])('bad payload %j', (hex, message) => {
    const r = decodeLip(hex);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
  it('time of position: the latest such day and time at or before receipt', () => {
    const received = Date.UTC(2026, 11, 7, 6, 0, 0);
    const t = (day: number, hour: number) =>
      resolveTimeOfPosition({ day, hour, minute: 0, second: 0 }, received);
    expect(t(7, 5)).toBe(Date.UTC(2026, 11, 7, 5));
    expect(t(7, 7)).toBe(Date.UTC(2026, 10, 7, 7)); // an hour ahead: last month's 7th
    expect(t(31, 0)).toBe(Date.UTC(2026, 9, 31)); // November has no 31st
  });
});

let server: LageServer;
let dataDir: string;
const TABLES = {
  tetra: {
    issi: { '2620101': 'k-1', '2620102': 'k-2' },
    status: { '32770': 2, '32771': 3, '32779': 6 },
  },
};

beforeAll(async () => {
  dataDir = tempDir();
  UserStore.load(dataDir).addDevice('phone-k1', ['ingest'], 'phone-k1-token-123', 'k-1');
  server = await startTestServer({}, dataDir);
  const units = ['k-1', 'k-2'].map((id) => ({
    id,
    callsign: `Kö ${id}`,
    kind: 'funkstreifenwagen',
    district: 'PP Köln',
  }));
  expect((await post(server.url, 'units', units)).status).toBe(202);
});
afterAll(() => server.close());

async function lastEvents(n: number): Promise<Record<string, unknown>[]> {
  const from = Math.max(1, server.lage.seq - n + 1);
  return (
    await getJson<{ events: Record<string, unknown>[] }>(
      `${server.url}/api/v1/events?fromSeq=${from}&limit=${n}`,
    )
  ).events;
}

describe('POST /api/v1/ingest/tetra on a real server', () => {
  it('without tables in the settings: 503 naming the missing section, nothing stored', async () => {
    const seq = server.lage.seq;
    const r = await post(server.url, 'tetra', [{ issi: 2620101, lip: SHORT }]);
    expect(r.status).toBe(503);
    expect(r.json.error).toMatch(/no TETRA tables: add a "tetra" section/);
    expect(server.lage.seq).toBe(seq);
  });

  it('tables written to settings.json apply without a restart; LIP and status become the unit’s events', async () => {
    fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify(TABLES));
    const time = Date.now() - 1000;
    const r = await post(server.url, 'tetra', [
      { issi: 2620101, time, lip: SHORT },
      { issi: '2620102', lip: LONG_1 },
      { issi: 2620101, time, status: 32771 },
    ]);
    expect(r).toEqual({ status: 202, json: { accepted: 3, seq: server.lage.seq } });
    const [a, b, c] = await lastEvents(3);
    expect(a).toMatchObject({
      type: 'unit.position',
      unitId: 'k-1',
      time,
      speed: 0,
      heading: 0,
      accuracy: 2,
    });
    expect(a!.lat).toBeCloseTo(LAT, 9);
    expect(b).toMatchObject({ type: 'unit.position', unitId: 'k-2', speed: 0, heading: 0 });
    expect(c).toMatchObject({ type: 'unit.status', unitId: 'k-1', status: 3, time });
    const snap = await getJson<{ units: { id: string; status: number }[] }>(`${server.url}/api/v1/snapshot`);
    expect(snap.units.find((u) => u.id === 'k-1')?.status).toBe(3);
  });

  it('a long report with time of position is stored at that time', async () => {
    const received = Date.now();
    await post(server.url, 'tetra', [{ issi: 2620102, time: received, lip: LONG_3 }]);
    const [e] = await lastEvents(1);
    const expected = resolveTimeOfPosition({ day: 1, hour: 0, minute: 0, second: 0 }, received);
    expect(e).toMatchObject({ unitId: 'k-2', time: expected });
    expect(new Date(e!.time as number).getUTCDate()).toBe(1);
  });

  it('the /ingest socket takes the same items with event "tetra"', async () => {
    const socket = connect(`${server.url}/ingest`, {
      auth: { token: TEST_TOKEN },
      transports: ['websocket'],
    });
    try {
      const ack = await new Promise<IngestAck>((resolve) =>
        socket.emit('tetra', [{ issi: 2620102, status: 32779 }], resolve),
      );
      expect(ack).toEqual({ ok: true, accepted: 1, seq: server.lage.seq });
      const bad = await new Promise<IngestAck>((resolve) =>
        socket.emit('tetra', [{ issi: 1, status: 1 }], resolve),
      );
      expect(bad).toMatchObject({
        ok: false,
        status: 400,
        items: [{ index: 0, errors: [expect.stringMatching(/ISSI table/)] }],
      });
    } finally {
      socket.close();
    }
    const [e] = await lastEvents(1);
    expect(e).toMatchObject({ type: 'unit.status', unitId: 'k-2', status: 6 });
  });
});

describe('bad TETRA input: a clear error, nothing stored', () => {
  const ok = { issi: 2620101, lip: SHORT };
  const cases: [string, unknown, number, RegExp][] = [
    ['not an array', ok, 400, /JSON array/],
    ['unknown ISSI', [{ ...ok, issi: 999 }], 400, /issi: 999 is not in the ISSI table/],
    ['ISSI out of range', [{ ...ok, issi: 2 ** 24 }], 400, /issi must be a number 1-16777214/],
    ['ISSI not a number', [{ ...ok, issi: 'abc' }], 400, /issi must be a number/],
    [
      'unknown SDS status',
      [{ issi: 2620101, status: 32790 }],
      400,
      /SDS status 32790 \(0x8016\) is not in the status table/,
    ],
    ['status out of range', [{ issi: 2620101, status: 70000 }], 400, /SDS status value 0-65535/],
    ['lip and status', [{ ...ok, status: 32770 }], 400, /either lip or status/],
    ['neither', [{ issi: 2620101 }], 400, /either lip or status/],
    ['bad hex', [{ ...ok, lip: 'hello' }], 400, /hex digits/],
    ['not LIP', [{ ...ok, lip: '8204FFFF' }], 400, /protocol identifier 0A/],
    ['truncated', [{ ...ok, lip: '0A01AC' }], 400, /cut short/],
    ['unknown field', [{ ...ok, altitude: 3 }], 400, /altitude/],
    ['future time', [{ ...ok, time: Date.now() + 3_600_000 }], 400, /in the future/],
    ['one bad item spoils all', [ok, { ...ok, lip: 'zz' }], 400, /1 of 2 items invalid; nothing stored/],
  ];
  it.each(cases)('%s', async (_name, body, status, message) => {
    const seq = server.lage.seq;
    const r = await post(server.url, 'tetra', body);
    expect(r.status).toBe(status);
    expect(JSON.stringify(r.json)).toMatch(message);
    expect(server.lage.seq).toBe(seq);
  });

  it('a device bound to a unit may not act as a TETRA gateway', async () => {
    const r = await post(server.url, 'tetra', [ok], 'phone-k1-token-123');
    expect(r.status).toBe(403);
    expect(r.json.error).toMatch(/bound to unit k-1/);
  });

  it('random payloads never get a 5xx; every 202 is one stored event', async () => {
    let seed = 11;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const hex = (n: number) => Array.from({ length: n }, () => '0123456789ABCDEF'[rnd(16)]).join('');
    let stored = 0;
    const seq = server.lage.seq;
    for (let i = 0; i < 60; i++) {
      const lip = `0A${hex(rnd(40))}`;
      const r = await post(server.url, 'tetra', [{ issi: 2620101, lip }]);
      expect(r.status, lip).toBeLessThan(500);
      if (r.status === 202) stored++;
    }
    expect(server.lage.seq - seq).toBe(stored);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });
});
