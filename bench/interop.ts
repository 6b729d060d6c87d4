/**
 * Interop benchmarks (issue 18): messages/s decoded and committed by each protocol adapter, against
 * the real server process. OsmAnd/Traccar: one position per HTTP request (as the apps send them),
 * TETRA: LIP short location reports from a gateway, batches of 500 over HTTP, 4 in flight.
 * 64 requests in flight (a fleet reporting at once) over keep-alive connections, from a device bound to a unit.
 * OGC API – Features: item pages of 1,000 of 5,000 positioned units, 4 GIS clients at once.
 * Cursor on Target: position reports of 5,000 mapped TAK uids streamed over 8 plain TCP connections (loopback).
 * Federation: status changes of a peer's 1,000 units taken in over its /live and committed (federation.ts).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { defaultToken } from '../server/src/public.ts';
import { benchUnits, postJson, postRaw, startServerProcess } from './lib/serverProcess.ts';
import type { BenchLine } from './server.ts';
import { federationThroughput } from './federation.ts';

/** A free loopback port (the listener's port must be known before the server starts). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** `npm run users -- add-device`: the device token, printed on the last line. */
function addDevice(dataDir: string, name: string, unit: string): Promise<string> {
  const args = ['--import', 'tsx', 'server/src/security/usersCli.ts', '--data-dir', dataDir];
  const child = spawn(process.execPath, [...args, 'add-device', name, '--roles', 'ingest', '--unit', unit], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) =>
    child.once('close', (code) =>
      code === 0 ? resolve(out.trim().split('\n').at(-1)!) : reject(new Error(`add-device failed (${code})`)),
    ),
  );
}

async function osmandThroughput(seconds: number): Promise<number> {
  const port = await freePort();
  const server = await startServerProcess([
    '--osmand-port',
    String(port),
    ...(process.env.DUR ? ['--durability', 'normal'] : []),
  ]);
  try {
    await postJson(`${server.url}/api/v1/ingest/units`, benchUnits(1));
    const token = encodeURIComponent(await addDevice(server.dataDir, 'bench-car', 'b0'));
    const seqOf = async () =>
      ((await (await fetch(`${server.url}/api/v1/health`)).json()) as { seq: number }).seq;
    const start = await seqOf();
    const t0 = performance.now();
    let i = 0;
    const worker = async () => {
      while (performance.now() - t0 < seconds * 1000) {
        const k = i++;
        const q = `id=${token}&lat=${51.2 + (k % 100) * 1e-4}&lon=6.77&speed=24.3&bearing=${k % 360}&timestamp=${Date.now()}`;
        const res = await fetch(`http://127.0.0.1:${port}/?${q}`);
        if (res.status !== 200) throw new Error(`osmand: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
    return ((await seqOf()) - start) / ((performance.now() - t0) / 1000);
  } finally {
    await server.stop();
  }
}

/** A LIP short location report (hex, with the 0x0A protocol identifier) for a point. */
function lipHex(lat: number, lon: number): string {
  const lonRaw = Math.round((lon / 360) * 2 ** 25) & (2 ** 25 - 1);
  const latRaw = Math.round((lat / 180) * 2 ** 24) & (2 ** 24 - 1);
  // pdu type 00, time elapsed 00, lon 25, lat 24, error 001, velocity 20 km/h, direction 4 (90°), 0, 0x00
  const bits = `0000${lonRaw.toString(2).padStart(25, '0')}${latRaw.toString(2).padStart(24, '0')}001${(20).toString(2).padStart(7, '0')}0100000000000`;
  const padded = bits.padEnd(80, '0');
  return `0A${BigInt(`0b${padded}`).toString(16).toUpperCase().padStart(20, '0')}`;
}

async function tetraThroughput(seconds: number): Promise<number> {
  const server = await startServerProcess();
  try {
    const units = 5000;
    await postJson(`${server.url}/api/v1/ingest/units`, benchUnits(units));
    const issi = Object.fromEntries(
      Array.from({ length: units }, (_, i) => [String(2_620_000 + i), `b${i}`]),
    );
    const settings = { tetra: { issi, status: { '32770': 2 } } };
    fs.writeFileSync(path.join(server.dataDir, 'settings.json'), JSON.stringify(settings));
    const now = Date.now();
    const bodies = Array.from({ length: 20 }, (_, k) =>
      JSON.stringify(
        Array.from({ length: 500 }, (_, j) => ({
          issi: 2_620_000 + ((k * 500 + j) % units),
          time: now,
          lip: lipHex(51.2 + (j % 100) * 1e-4, 6.77 + (k % 100) * 1e-4),
        })),
      ),
    );
    const base = `${server.url}/api/v1/ingest/tetra`;
    const start = (await postRaw(base, bodies[0]!)).seq;
    const t0 = performance.now();
    let i = 0;
    const worker = async () => {
      while (performance.now() - t0 < seconds * 1000) await postRaw(base, bodies[i++ % bodies.length]!);
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const end = (await (await fetch(`${server.url}/api/v1/health`)).json()) as { seq: number };
    return (end.seq - start) / ((performance.now() - t0) / 1000);
  } finally {
    await server.stop();
  }
}

/** Features/s served by /ogc/collections/units/items (GeoJSON pages of 1,000), signed in as the local user. */
async function ogcThroughput(seconds: number): Promise<number> {
  const server = await startServerProcess();
  try {
    const units = 5000;
    await postJson(`${server.url}/api/v1/ingest/units`, benchUnits(units));
    const now = Date.now();
    await postJson(
      `${server.url}/api/v1/ingest/positions`,
      Array.from({ length: units }, (_, i) => ({
        unitId: `b${i}`,
        lat: 50.8 + (i % 100) * 0.004,
        lon: 6.8 + Math.floor(i / 100) * 0.008,
        time: now,
      })),
    );
    const headers = { authorization: `Bearer ${defaultToken(server.url) ?? ''}` };
    let features = 0;
    let i = 0;
    const t0 = performance.now();
    const worker = async () => {
      while (performance.now() - t0 < seconds * 1000) {
        const offset = (i++ % 5) * 1000;
        const res = await fetch(`${server.url}/ogc/collections/units/items?limit=1000&offset=${offset}`, {
          headers,
        });
        if (res.status !== 200) throw new Error(`ogc: ${res.status} ${await res.text()}`);
        features += ((await res.json()) as { numberReturned: number }).numberReturned;
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return features / ((performance.now() - t0) / 1000);
  } finally {
    await server.stop();
  }
}

/** A CoT position report as ATAK sends it (its shape: dfpc-coe/node-CoT test/cot-itak.test.ts). */
function cotEvent(uid: string, lat: number, lon: number, now: number): string {
  const t = new Date(now).toISOString();
  const stale = new Date(now + 120_000).toISOString();
  return `<event version="2.0" uid="${uid}" type="a-f-G-U-C" time="${t}" start="${t}" stale="${stale}" how="m-g"><point lat="${lat}" lon="${lon}" hae="50.0" ce="9.9" le="9999999"/><detail><contact callsign="${uid}" endpoint="*:-1:stcp"/><track speed="13.4" course="91.5"/></detail></event>`;
}

/** CoT position reports/s decoded and committed (plain TCP on loopback, 8 connections). */
async function cotThroughput(seconds: number): Promise<number> {
  const port = await freePort();
  const server = await startServerProcess(['--cot-port', String(port)]);
  try {
    const units = 5000;
    await postJson(`${server.url}/api/v1/ingest/units`, benchUnits(units));
    const uid = Object.fromEntries(Array.from({ length: units }, (_, i) => [`ANDROID-${i}`, `b${i}`]));
    fs.writeFileSync(path.join(server.dataDir, 'settings.json'), JSON.stringify({ cot: { uid } }));
    const seqOf = async () =>
      ((await (await fetch(`${server.url}/api/v1/health`)).json()) as { seq: number }).seq;
    // The settings are read at most once a second: give the server a moment to see the new table.
    await new Promise((r) => setTimeout(r, 1500));
    const start = await seqOf();
    const t0 = performance.now();
    const connection = async (c: number) => {
      const socket = net.connect(port, '127.0.0.1');
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      socket.on('data', () => undefined); // the picture coming back
      let k = c;
      while (performance.now() - t0 < seconds * 1000) {
        const now = Date.now();
        const chunk = Array.from({ length: 50 }, () => {
          k += 8;
          return cotEvent(`ANDROID-${k % units}`, 51.2 + (k % 100) * 1e-4, 6.77, now);
        }).join('');
        if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
        await new Promise((r) => setImmediate(r));
      }
      socket.destroy();
    };
    await Promise.all(Array.from({ length: 8 }, (_, c) => connection(c)));
    // What was sent is counted once the server has committed what it received.
    let last = -1;
    let seq = await seqOf();
    while (seq !== last) {
      last = seq;
      await new Promise((r) => setTimeout(r, 300));
      seq = await seqOf();
    }
    return (seq - start) / ((performance.now() - t0) / 1000);
  } finally {
    await server.stop();
  }
}

export async function runInteropBench(): Promise<BenchLine[]> {
  const osmand = await osmandThroughput(5);
  const tetra = await tetraThroughput(5);
  const ogc = await ogcThroughput(5);
  const cot = await cotThroughput(5);
  const federation = await federationThroughput(5);
  // Goal: a fleet of 1,000 trackers reporting every second.
  return [
    {
      name: 'interop: OsmAnd/Traccar positions/s decoded and committed (1 per request)',
      value: osmand,
      unit: 'msg/s',
      goal: 1_000,
      ratio: osmand / 1_000,
    },
    {
      // Goal: every radio of a large authority (10,000) reporting every 10 s, ten times over.
      name: 'interop: TETRA LIP reports/s decoded and committed (gateway batches of 500)',
      value: tetra,
      unit: 'msg/s',
      goal: 10_000,
      ratio: tetra / 10_000,
    },
    {
      // Goal: 20 GIS clients refreshing 5,000 units every 10 s, ten times over.
      name: 'interop: OGC API features/s served (GeoJSON pages of 1,000, 4 clients)',
      value: ogc,
      unit: 'features/s',
      goal: 100_000,
      ratio: ogc / 100_000,
    },
    {
      // Goal: 1,000 TAK clients reporting every second (ATAK's default SA interval is a few seconds).
      name: 'interop: CoT position reports/s decoded and committed (8 TCP streams)',
      value: cot,
      unit: 'msg/s',
      goal: 1_000,
      ratio: cot / 1_000,
    },
    {
      // Goal: a neighbour's 5,000 shared units each changing something every second.
      name: 'interop: federated events/s received and committed (peer over /live)',
      value: federation,
      unit: 'events/s',
      goal: 5_000,
      ratio: federation / 5_000,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runInteropBench())
    console.log(
      `${line.name}: ${Math.round(line.value).toLocaleString('en')} ${line.unit} (ratio ${line.ratio.toFixed(2)})`,
    );
}
