/**
 * Import bench (issue 16): throughput of `npm run import` for a generated 1,000,000-row
 * dispatch-per-row CAD export (one row per unit sent, 1-4 units per incident, rows of an incident
 * scattered over the file), goal ≥ 50,000 rows/s. The file is generated once per size and cached in
 * the temp dir; the import is the real importCsv into a fresh data dir (parse, group, merge in time order,
 * write, snapshots, publish). Standalone: `npx tsx bench/import.ts [--quick]` (--quick: 100,000 rows).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importCsv } from '../tools/import/public.ts';
import type { BenchLine } from './server.ts';

export const IMPORT_GOAL_ROWS_PER_S = 50_000;

const MAPPING = {
  version: 1,
  rows: 'dispatches',
  time: { column: 'Call Received', formats: ['ISO'], timeZone: 'America/Los_Angeles' },
  location: { point: 'Location' },
  incident: {
    id: '{Incident}',
    address: '{Address}',
    type: { column: 'Type', map: { 'MVA*': 'verkehrsunfall', Fire: 'brand' }, default: 'sonstiges' },
    priority: { column: 'Priority', default: 2 },
  },
  unit: {
    id: '{Unit}',
    kind: {
      column: 'Unit Type',
      map: { Engine: 'loeschfahrzeug', Medic: 'rettungswagen', Ladder: 'drehleiter' },
    },
    dispatched: 'Dispatched',
    onScene: 'On Scene',
    available: 'Available',
  },
};

const TYPES = ['Engine', 'Medic', 'Ladder'] as const;
const CALLS = ['MVA', 'MVA Freeway', 'Fire', 'Aid Response'] as const;

/** Writes the file in blocks; a unit works one incident at a time, 600 units over about 4 years. */
function generate(file: string, rows: number): void {
  const fd = fs.openSync(`${file}.part`, 'w');
  const iso = (t: number) => new Date(t).toISOString().slice(0, 19) + 'Z';
  let seed = 1;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  fs.writeSync(
    fd,
    'Incident,Type,Priority,Address,Call Received,Unit,Unit Type,Dispatched,On Scene,Available,Location\n',
  );
  const t0 = Date.UTC(2020, 0, 1);
  let written = 0;
  let incident = 0;
  // Rows of each incident are written in reverse and interleaved with the next incident's: not sorted.
  let pending: string[] = [];
  while (written < rows) {
    const block: string[] = [];
    for (let k = 0; k < 10_000 && written < rows; incident++) {
      const call = t0 + incident * 300_000 + Math.floor(rnd() * 240_000);
      const n = Math.min(1 + Math.floor(rnd() * 4), rows - written);
      const lat = (47.5 + rnd() * 0.25).toFixed(6);
      const lon = (-122.4 + rnd() * 0.15).toFixed(6);
      const type = CALLS[incident % CALLS.length]!;
      const own: string[] = [];
      for (let u = 0; u < n; u++) {
        const unitType = TYPES[u % 3]!;
        const unit = `${unitType[0]}${(incident * 3 + u) % 600}`;
        const dispatched = call + 30_000 + Math.floor(rnd() * 120_000);
        const onScene = dispatched + 60_000 + Math.floor(rnd() * 600_000);
        const available = onScene + 300_000 + Math.floor(rnd() * 1_800_000);
        own.push(
          `F${incident},${type},${1 + (incident % 3)},${incident % 997} Main St,${iso(call)},${unit},${unitType},` +
            `${iso(dispatched)},${rnd() < 0.1 ? '' : iso(onScene)},${iso(available)},"(${lat}, ${lon})"`,
        );
      }
      own.reverse();
      block.push(...pending.splice(0), ...own.slice(0, 1));
      pending = own.slice(1);
      written += n;
      k += n;
    }
    fs.writeSync(fd, block.join('\n') + '\n');
  }
  if (pending.length) fs.writeSync(fd, pending.join('\n') + '\n');
  fs.closeSync(fd);
  fs.renameSync(`${file}.part`, file);
}

/** CPU seconds of the calling thread (Linux: /proc/thread-self/stat, ticks of 10 ms); undefined elsewhere. */
function mainThreadCpu(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return undefined;
  }
}

export async function runImportBench({ quick = false } = {}): Promise<BenchLine[]> {
  const rows = quick ? 100_000 : 1_000_000;
  const dir = path.join(os.tmpdir(), 'lagebild-bench-import');
  fs.mkdirSync(dir, { recursive: true });
  const csv = path.join(dir, `dispatches-${rows}-v1.csv`);
  if (!fs.existsSync(csv)) {
    console.log(`import: generating ${rows.toLocaleString('en')} dispatch rows in ${csv} (cached) …`);
    generate(csv, rows);
  }
  const mapping = path.join(dir, 'mapping.json');
  fs.writeFileSync(mapping, JSON.stringify(MAPPING));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lagebild-bench-import-data-'));
  try {
    const load = os.loadavg()[0]!;
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    const cpuSince = () => {
      const used = process.cpuUsage(cpu0);
      return (used.user + used.system) / 1e6;
    };
    // The CPU time when the last chunk was read: reading (parse, check, group) against the rest
    // (events made in log order, written, folded, snapshots, publish).
    let readCpu = 0;
    let readSeconds = 0;
    let readMainCpu: number | undefined;
    const main0 = mainThreadCpu();
    const s = await importCsv({
      dataDir,
      mappingFile: mapping,
      csvFile: csv,
      dataset: 'bench',
      onProgress: () => {
        readCpu = cpuSince();
        const main = mainThreadCpu();
        readMainCpu = main === undefined || main0 === undefined ? undefined : main - main0;
        readSeconds = (performance.now() - started) / 1000;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpuSince();
    const main1 = mainThreadCpu();
    // The log is written on a thread of its own (writerThread.ts): the process's CPU time is both
    // threads' (and V8's helpers'), so per row it says what the import costs, parallel or not.
    const threads =
      main0 !== undefined && main1 !== undefined && s.writerCpuMs !== undefined
        ? `; of it main thread ${(main1 - main0).toFixed(1)} s, writing thread ${(s.writerCpuMs / 1000).toFixed(1)} s`
        : '';
    if (s.imported !== rows) throw new Error(`imported ${s.imported} of ${rows} rows`);
    const rate = rows / seconds;
    const cpuRate = rows / cpuSeconds;
    const fmt = (n: number) => Math.round(n).toLocaleString('en');
    const judged = (r: number) => (r >= IMPORT_GOAL_ROWS_PER_S ? 'met' : 'MISS');
    // The goal is the wall-clock rate on this two-core machine, judged here; it depends on the load, so
    // read it on a quiet machine (the load average is printed). The CPU time says what the import costs
    // whatever the load; with the writing thread it is no longer the speed on an idle machine (two
    // threads work at once), so it is printed as a cost (rows per CPU-second, µs per row), not judged.
    console.log(
      `import: ${fmt(rows)} dispatch rows → ${fmt(s.incidents)} incidents, ${fmt(s.events)} events in ` +
        `${seconds.toFixed(1)} s: ${fmt(rate)} rows/s ${judged(rate)} (goal ${fmt(IMPORT_GOAL_ROWS_PER_S)}); ` +
        `reading took ${readSeconds.toFixed(1)} s, writing ${(seconds - readSeconds).toFixed(1)} s; ` +
        `CPU ${cpuSeconds.toFixed(1)} s (reading ${readCpu.toFixed(1)} s${readMainCpu === undefined ? '' : ` (main thread ${readMainCpu.toFixed(1)} s)`}, writing ${(cpuSeconds - readCpu).toFixed(1)} s${threads}) ` +
        `= ${fmt(cpuRate)} rows per CPU-second, ${((cpuSeconds / rows) * 1e6).toFixed(1)} µs CPU per row; ` +
        `peak memory ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GB (of this process); ` +
        `load average ${load.toFixed(2)} before, ${os.loadavg()[0]!.toFixed(2)} after (${os.cpus().length} cores)`,
    );
    const name = `import of ${rows.toLocaleString('en')} dispatch rows`;
    return [
      {
        name,
        value: rate,
        unit: 'rows/s',
        goal: IMPORT_GOAL_ROWS_PER_S,
        ratio: rate / IMPORT_GOAL_ROWS_PER_S,
      },
    ];
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const lines = await runImportBench({ quick: process.argv.includes('--quick') });
  for (const l of lines)
    console.log(`${l.name}: ${Math.round(l.value)} ${l.unit} (ratio to goal ${l.ratio.toFixed(2)})`);
}
