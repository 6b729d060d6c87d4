/**
 * Interop benchmarks (issue 18): messages/s decoded and committed by each protocol adapter, against
 * the real server process. OsmAnd/Traccar: one position per HTTP request (as the apps send them),
 * 64 requests in flight (a fleet reporting at once) over keep-alive connections, from a device bound to a unit.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { benchUnits, postJson, startServerProcess } from './lib/serverProcess.ts';
import type { BenchLine } from './server.ts';

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

export async function runInteropBench(): Promise<BenchLine[]> {
  const osmand = await osmandThroughput(5);
  // Goal: a fleet of 1,000 trackers reporting every second.
  return [
    {
      name: 'interop: OsmAnd/Traccar positions/s decoded and committed (1 per request)',
      value: osmand,
      unit: 'msg/s',
      goal: 1_000,
      ratio: osmand / 1_000,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await runInteropBench())
    console.log(
      `${line.name}: ${Math.round(line.value).toLocaleString('en')} ${line.unit} (ratio ${line.ratio.toFixed(2)})`,
    );
}
