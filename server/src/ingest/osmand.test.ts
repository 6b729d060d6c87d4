/**
 * The OsmAnd/Traccar listener (`--osmand-port`) on a real server: every sample request of Traccar's
 * own decoder test decodes to the values Traccar's decoder gives them (knots → m/s), a device made
 * by `npm run users -- add-device … --unit` reports its unit and only that one, and bad input gets
 * a 4xx naming the problem without touching the log.
 *
 * Samples: traccar/traccar, src/test/java/org/traccar/protocol/OsmAndProtocolDecoderTest.java
 * (testDecodeQuery, testDecodeJson); semantics: src/main/java/org/traccar/protocol/OsmAndProtocolDecoder.java.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LageServer } from '../app.ts';
import { UserStore } from '../security/users.ts';
import { TEST_TOKEN, getJson, post, startTestServer, tempDir } from '../testing/harness.ts';
import { KNOT_MS } from './osmand.ts';

let server: LageServer;
let base: string;
let dataDir: string;

/** The sample requests' ids, each made a device token bound to a unit of its own. */
const SAMPLE_IDS = ['123456', '902064', '353861053849681', '861001000719969', '123456789012345'];
const JSON_IDS = ['48241179', '658765', '8737767034'];

beforeAll(async () => {
  dataDir = tempDir();
  const store = UserStore.load(dataDir);
  for (const id of [...SAMPLE_IDS, ...JSON_IDS])
    store.addDevice(`t${id.slice(0, 20)}`, ['ingest'], id, `car-${id}`);
  store.addDevice('unbound', ['ingest'], 'unbound-token-1234');
  store.addDevice('viewer', ['wall'], 'wall-device-token-1234', 'car-123456');
  server = await startTestServer({ osmandPort: 0 }, dataDir);
  base = `http://127.0.0.1:${server.osmandPort}`;
  const units = [...SAMPLE_IDS, ...JSON_IDS, 'cli', 'other'].map((id) => ({
    id: id === 'cli' || id === 'other' ? id : `car-${id}`,
    callsign: `Tr ${id.slice(0, 10)}`,
    kind: 'funkstreifenwagen',
    district: 'PP Köln',
  }));
  expect((await post(server.url, 'units', units)).status).toBe(202);
});
afterAll(() => server.close());

interface Pos {
  type: string;
  unitId: string;
  lat: number;
  lon: number;
  heading?: number;
  speed?: number;
  accuracy?: number;
  time: number;
  by: string;
}

async function eventsAfter(seq: number): Promise<Pos[]> {
  const { events } = await getJson<{ events: Pos[] }>(
    `${server.url}/api/v1/events?fromSeq=${seq + 1}&limit=100`,
  );
  return events;
}

/** Sends one request and returns the status, the error and the position event it committed. */
async function send(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; error?: string; event?: Pos }> {
  const seq = server.lage.seq;
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  const events = await eventsAfter(seq);
  const error = text ? (JSON.parse(text) as { error?: string }).error : undefined;
  return { status: res.status, ...(error ? { error } : {}), ...(events[0] ? { event: events[0] } : {}) };
}

describe("Traccar's OsmAnd decoder test samples (testDecodeQuery)", () => {
  const t = (iso: string) => Date.parse(iso);
  const cases: [string, Partial<Pos>][] = [
    [
      '/?id=902064&lat=42.06288&lon=-88.23412&timestamp=2016-01-27T18%3A55%3A47Z&hdop=6.0&altitude=224.0&speed=0.0',
      { lat: 42.06288, lon: -88.23412, time: t('2016-01-27T18:55:47Z'), speed: 0 },
    ],
    [
      '/?id=902064&lat=42.06288&lon=-88.23412&timestamp=1442068686579&hdop=6.0&altitude=224.0&speed=0.0',
      { lat: 42.06288, lon: -88.23412, time: 1442068686579, speed: 0 },
    ],
    [
      '/?lat=49.60688&lon=6.15788&timestamp=2014-06-04+09%3A10%3A11&altitude=384.7&speed=0.0&id=353861053849681',
      { lat: 49.60688, lon: 6.15788, time: t('2014-06-04T09:10:11Z'), speed: 0 },
    ],
    [
      '/?id=123456&timestamp=1377177267&lat=60.0&lon=30.0&speed=0.0&bearing=0.0&altitude=0&hdop=0.0',
      { lat: 60, lon: 30, time: 1377177267000, speed: 0, heading: 0 },
    ],
    ['/?id=123456&timestamp=1377177267&lat=60.0&lon=30.0', { lat: 60, lon: 30, time: 1377177267000 }],
    [
      '/?lat=60.0&lon=30.0&speed=0.0&heading=0.0&vacc=0&hacc=0&altitude=0&deviceid=123456',
      { lat: 60, lon: 30, speed: 0, heading: 0 },
    ],
    [
      '/?id=861001000719969&lat=41.666667&lon=-0.883333&altitude=350.059479&speed=0.000000&batt=87',
      { lat: 41.666667, lon: -0.883333, speed: 0 },
    ],
    ['/?id=123456&timestamp=1377177267&location=60.0,30.0', { lat: 60, lon: 30, time: 1377177267000 }],
    [
      '/?id=123456789012345&timestamp=1504763810&lat=40.7232948571&lon=-74.0061408571&bearing=7.19889788244&speed=40&ignition=true&rpm=933&fuel=24',
      { lat: 40.7232948571, lon: -74.0061408571, time: 1504763810000, heading: 7.19889788244, speed: 20.578 },
    ],
  ];
  it.each(cases)('%s', async (path, expected) => {
    const id = /[?&](?:id|deviceid)=(\d+)/.exec(path)![1]!;
    const before = Date.now();
    const r = await send(path);
    expect(r).toMatchObject({
      status: 200,
      event: { type: 'unit.position', unitId: `car-${id}`, ...expected },
    });
    if (expected.time === undefined) expect(r.event!.time).toBeGreaterThanOrEqual(before);
  });

  it('40 knots are 20.578 m/s (Traccar converts its speed from knots the same way)', () => {
    expect(Math.round(40 * KNOT_MS * 1000) / 1000).toBe(20.578);
  });

  it('a request without id is refused (Traccar: verifyNull) and stores nothing', async () => {
    const r = await send('/?timestamp=1377177267&lat=60.0&lon=30.0');
    expect(r).toEqual({ status: 401, error: expect.stringMatching(/id .*device token.* missing/) });
  });

  it('cell/wifi only (no fix): refused with the reason, since a picture needs a position', async () => {
    const r = await send(
      '/?id=123456&timestamp=1377177267&cell=257,02,16,2224&cell=257,02,16,2223,-90&wifi=00-14-22-01-23-45,-80',
    );
    expect(r).toEqual({ status: 400, error: expect.stringMatching(/no position: lat and lon/) });
  });
});

describe("Traccar's OsmAnd decoder test samples (testDecodeJson, the Traccar Client's JSON body)", () => {
  const json = (body: unknown): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  it('motionchange with heading -1 (unknown): position, accuracy, speed 0, time; no heading', async () => {
    const r = await send(
      '/',
      json({
        location: {
          timestamp: '2025-06-15T13:45:12.862Z',
          coords: {
            latitude: 37.4219983,
            longitude: -122.084,
            accuracy: 5,
            speed: 0,
            heading: -1,
            altitude: 5,
          },
          is_moving: false,
          odometer: 0,
          event: 'motionchange',
          battery: { level: 1, is_charging: false },
          activity: { type: 'still' },
          extras: {},
          _: '&id=48241179&lat=37.4219983&lon=-122.084&timestamp=2025-06-15T13:45:12.862Z&',
        },
        device_id: '48241179',
      }),
    );
    expect(r.status).toBe(200);
    expect(r.event).toMatchObject({
      unitId: 'car-48241179',
      lat: 37.4219983,
      lon: -122.084,
      accuracy: 5,
      speed: 0,
    });
    expect(r.event!.time).toBe(Date.parse('2025-06-15T13:45:12.862Z'));
    expect(r.event).not.toHaveProperty('heading');
  });
  it('iOS sample with speed -1 and heading -1: both left out', async () => {
    const r = await send(
      '/',
      json({
        location: {
          extras: {},
          mock: true,
          coords: {
            speed_accuracy: -1,
            speed: -1,
            longitude: -122.406417,
            ellipsoidal_altitude: 0,
            floor: null,
            heading_accuracy: -1,
            latitude: 37.785834,
            accuracy: 5,
            altitude_accuracy: -1,
            altitude: 0,
            heading: -1,
          },
          is_moving: false,
          age: 188,
          uuid: '2FB04C65-99CF-42AB-8DD3-EBCB4B108BF8',
          event: 'motionchange',
          battery: { level: -1, is_charging: false },
          timestamp: '2025-05-09T04:11:30.579Z',
        },
        device_id: '658765',
      }),
    );
    expect(r.status).toBe(200);
    expect(r.event).toMatchObject({ unitId: 'car-658765', lat: 37.785834, lon: -122.406417, accuracy: 5 });
    expect(r.event!.time).toBe(Date.parse('2025-05-09T04:11:30.579Z'));
    expect(r.event).not.toHaveProperty('speed');
    expect(r.event).not.toHaveProperty('heading');
  });
  it('moving sample: speed 18.67 m/s (JSON speeds are m/s), heading 63, accuracy 3.8', async () => {
    const r = await send(
      '/',
      json({
        location: {
          event: 'motionchange',
          is_moving: false,
          uuid: '0e9a2473-a9a7-4c00-997b-fb97d2154e75',
          timestamp: '2021-07-21T08:06:34.444Z',
          odometer: 0,
          coords: {
            latitude: -6.1148096,
            longitude: 106.6837015,
            accuracy: 3.8,
            speed: 18.67,
            speed_accuracy: 0.26,
            heading: 63,
            heading_accuracy: 0.28,
            altitude: 35.7,
            altitude_accuracy: 3.8,
          },
          activity: { type: 'still', confidence: 100 },
          battery: { is_charging: false, level: 0.79 },
          extras: {},
        },
        device_id: '8737767034',
      }),
    );
    expect(r.event).toMatchObject({
      unitId: 'car-8737767034',
      lat: -6.1148096,
      lon: 106.6837015,
      accuracy: 3.8,
      speed: 18.67,
      heading: 63,
      time: Date.parse('2021-07-21T08:06:34.444Z'),
    });
  });
  it('form body (POST application/x-www-form-urlencoded) decodes like the query', async () => {
    const r = await send('/', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'id=123456&timestamp=1377177267&lat=50.9&lon=6.9&speed=10&bearing=180&accuracy=12',
    });
    expect(r.event).toMatchObject({ unitId: 'car-123456', lat: 50.9, lon: 6.9, heading: 180, accuracy: 12 });
    expect(r.event!.speed).toBeCloseTo(10 * KNOT_MS, 3);
  });
});

/** `npm run users` as a real process. */
function usersCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/security/usersCli.ts', ...args], {
    env: { PATH: process.env.PATH },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end();
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('a device bound to a unit (npm run users -- add-device … --roles ingest --unit)', () => {
  let token: string;
  beforeAll(async () => {
    const r = await usersCli([
      '--data-dir',
      dataDir,
      'add-device',
      'phone-cli',
      '--roles',
      'ingest',
      '--unit',
      'cli',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/reports only unit cli/);
    token = r.stdout.trim().split('\n').at(-1)!;
  });

  it('reports its unit over OsmAnd without a server restart', async () => {
    const r = await send(`/?id=${encodeURIComponent(token)}&lat=50.94&lon=6.96&speed=5`);
    expect(r).toMatchObject({ status: 200, event: { unitId: 'cli', lat: 50.94, by: 'phone-cli' } });
  });

  it('may report only that unit through the JSON API as well', async () => {
    const seq = server.lage.seq;
    const other = await post(server.url, 'positions', [{ unitId: 'other', lat: 50, lon: 6 }], token);
    expect(other.status).toBe(403);
    expect(other.json.error).toMatch(/bound to unit cli and may only report that unit/);
    const incident = await post(
      server.url,
      'incidents',
      [{ id: 'X1', type: 'brand', priority: 1, lat: 50, lon: 6 }],
      token,
    );
    expect(incident.status).toBe(403);
    expect(server.lage.seq).toBe(seq);
    expect((await post(server.url, 'positions', [{ unitId: 'cli', lat: 50, lon: 6 }], token)).status).toBe(
      202,
    );
  });

  it('list shows the binding; a bad --unit is a usage error', async () => {
    expect((await usersCli(['--data-dir', dataDir, 'list'])).stdout).toMatch(
      /phone-cli\s+device\s+ingest\s+unit cli/,
    );
    const bad = await usersCli(['--data-dir', dataDir, 'add-device', 'x-bad', '--unit', 'a b']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad --unit/);
  });
});

describe('bad input: a clear 4xx, nothing stored, the server keeps serving', () => {
  const bad: [string, string, RequestInit, number, RegExp][] = [
    ['unknown token', '/?id=nobody-knows&lat=50&lon=6', {}, 401, /unknown device/],
    ['ingest token is not bound', `/?id=${TEST_TOKEN}&lat=50&lon=6`, {}, 403, /not bound to a unit/],
    ['unbound device', '/?id=unbound-token-1234&lat=50&lon=6', {}, 403, /not bound to a unit/],
    [
      'device without ingest',
      '/?id=wall-device-token-1234&lat=50&lon=6',
      {},
      403,
      /lacks the permission ingest.write/,
    ],
    ['lat not a number', '/?id=123456&lat=abc&lon=6', {}, 400, /lat: "abc" is not a number/],
    ['lat out of range', '/?id=123456&lat=91&lon=6', {}, 400, /latitude must be ≤ 90/],
    ['bearing out of range', '/?id=123456&lat=50&lon=6&bearing=400', {}, 400, /heading/],
    ['speed too high', '/?id=123456&lat=50&lon=6&speed=1000', {}, 400, /speed/],
    ['bad timestamp', '/?id=123456&lat=50&lon=6&timestamp=yesterday', {}, 400, /timestamp: "yesterday"/],
    [
      'timestamp in the future',
      `/?id=123456&lat=50&lon=6&timestamp=${Math.floor(Date.now() / 1000) + 86400}`,
      {},
      400,
      /in the future/,
    ],
    ['bad location', '/?id=123456&location=60', {}, 400, /location: "60" is not "lat,lon"/],
    ['no parameters', '/', {}, 400, /no parameters/],
    ['wrong method', '/?id=123456&lat=50&lon=6', { method: 'PUT' }, 405, /GET or POST/],
    [
      'malformed JSON',
      '/',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"device_id": ' },
      400,
      /malformed JSON/,
    ],
    [
      'JSON array',
      '/',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1]' },
      400,
      /must be an object/,
    ],
    [
      'JSON without coords',
      '/',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"device_id":"123456"}' },
      400,
      /location.coords is missing/,
    ],
    [
      'JSON latitude a string',
      '/',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"device_id":"123456","location":{"coords":{"latitude":"50","longitude":6}}}',
      },
      400,
      /latitude is not a number/,
    ],
    ['oversized body', '/', { method: 'POST', body: 'a'.repeat(70 * 1024) }, 413, /too large/],
  ];
  it.each(bad)('%s', async (_name, path, init, status, message) => {
    const seq = server.lage.seq;
    const r = await send(path, init);
    expect(r.status).toBe(status);
    expect(r.error).toMatch(message);
    expect(server.lage.seq).toBe(seq);
  });

  it('a refused token is audited (anonymous refusals are counted per address and minute)', () => {
    server.auth.flushRefusals(true);
    const refused = server.audit.list({ action: 'refused', limit: 500 });
    const row = refused.find((e) => (e.details.targets as string[] | undefined)?.includes('GET osmand'));
    expect(row?.details.whys).toContain('unknown device token');
  });

  it('random parameter soup never gets a 5xx; every 200 is one stored event', async () => {
    const keys = [
      'id',
      'lat',
      'lon',
      'speed',
      'bearing',
      'timestamp',
      'location',
      'accuracy',
      'batt',
      '%zz',
      '',
    ];
    const values = [
      '123456',
      '50.1',
      '-0',
      '1e400',
      'NaN',
      '',
      '%',
      '0x10',
      '2014-06-04 09:10:11',
      ',',
      '9'.repeat(30),
    ];
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    let stored = 0;
    const seq = server.lage.seq;
    for (let i = 0; i < 150; i++) {
      const parts = Array.from(
        { length: 1 + rnd(6) },
        () => `${keys[rnd(keys.length)]}=${values[rnd(values.length)]}`,
      );
      const res = await fetch(`${base}/?id=123456&${parts.join('&')}`);
      expect(res.status, parts.join('&')).toBeLessThan(500);
      if (res.status === 200) stored++;
      await res.arrayBuffer();
    }
    expect(server.lage.seq - seq).toBe(stored);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });
});
