/**
 * Memory bench (issue 19, goal 3): the map bench page in real Chromium with 10,000 units reporting
 * at 1 Hz and the trails of all units drawn, for `--minutes` (default 10; `--quick` 2). Every few
 * seconds it samples the memory of the page's renderer process and of Chromium's GPU process
 * (proportional set size from /proc, which counts shared pages once: what the process really costs)
 * and the page's JS heap. The figure is renderer + GPU process at the end (goal ≤ 300 MB; the
 * renderer holds the JS heaps of the page and of MapLibre's workers, so it is stricter than "JS heap
 * + GPU process"); growth is the rise over the last half of the run from a least-squares line
 * through its samples (goal: none, i.e. below 3 % of the figure, which is sampling noise).
 *
 * Standalone: `npx tsx bench/mapMemory.ts [--minutes N] [--quick]`. Linux only (reads /proc).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from './mapStatic.ts';
import { CHROMIUM, CHROMIUM_ARGS, DIST, loadAverage } from './map.ts';

export const MEMORY_GOAL_MB = 300;
/** Growth over the last half below this share of the figure counts as none (sampling noise). */
export const GROWTH_TOLERANCE = 0.03;
const UNITS = 10_000;

export interface MemorySample {
  atS: number;
  rendererMb: number;
  gpuMb: number;
  jsHeapMb: number;
}

export interface MemoryBenchResult {
  name: string;
  minutes: number;
  /** Renderer + GPU process at the end of the run (mean of the last samples). */
  totalMb: number;
  jsHeapMb: number;
  gpuMb: number;
  /** Rise of renderer + GPU over the last half of the run, MB. */
  growthMb: number;
  /** Renderer + GPU with the empty map, before the units (for comparison). */
  emptyMb: number;
  pass: boolean;
  samples: MemorySample[];
}

/** Proportional set size of a process in MB (0 when it is gone). */
function pssMb(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Every process on the machine with its parent, from /proc. */
function processTree(): Map<number, number> {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the fields after its closing one count.
      parentOf.set(pid, Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return parentOf;
}

const argsOf = (pid: number): string[] => {
  try {
    // Chromium rewrites its command line into one string: split at spaces as well.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  } catch {
    return [];
  }
};

/** Processes below `root` (Chromium starts renderers and the GPU process from its zygotes). */
function descendants(root: number): number[] {
  const parentOf = processTree();
  const out: number[] = [];
  const below = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parentOf) {
      if (below.has(ppid) && !below.has(pid)) {
        below.add(pid);
        out.push(pid);
        grew = true;
      }
    }
  }
  return out;
}

/** Chromium processes below `root` with `--type=<type>` (the browser's own UI renderer left out). */
function descendantsOfType(root: number, type: string): number[] {
  return descendants(root).filter((pid) => {
    const args = argsOf(pid);
    return args.includes(`--type=${type}`) && !args.includes('--top-chrome-webui');
  });
}

/** Least-squares slope of y over x. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Rise over the last half of the samples, from the line through them (MB). */
export function growthOverLastHalf(samples: readonly { atS: number; mb: number }[]): number {
  const last = samples.slice(Math.floor(samples.length / 2));
  if (last.length < 2) return 0;
  const span = last[last.length - 1]!.atS - last[0]!.atS;
  return slope(last.map((s) => ({ x: s.atS, y: s.mb }))) * span;
}

/**
 * The page's renderer: the biggest renderer process once the map holds its units (the browser has
 * only this page; Chromium may keep a spare renderer beside it).
 */
function rendererPid(browserPid: number): number {
  const biggest = descendantsOfType(browserPid, 'renderer').sort((x, y) => pssMb(y) - pssMb(x))[0];
  if (!biggest) throw new Error('memory bench: no renderer process found under the browser');
  return biggest;
}

/** What the bench page (renderer/src/bench/main.tsx) exposes; bench/ does not import the renderer. */
interface BenchPage {
  __bench?: { show(units: number): void; trails(mode: 'all'): void };
  __lagebild?: { map?: { loaded(): boolean; jumpTo(o: { zoom: number }): void } };
}

export async function runMapMemoryBench(
  opts: { minutes?: number; quick?: boolean; log?: (line: string) => void } = {},
): Promise<MemoryBenchResult> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const minutes = opts.minutes ?? (opts.quick ? 2 : 10);
  const sampleMs = Math.max(2_000, (minutes * 60_000) / 60);
  const server = await serveStatic(DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const browserPid = browserProcessPid();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/bench.html?radius=0.8`);
    await page.waitForFunction(
      () => {
        const w = window as unknown as BenchPage;
        return !!w.__bench && !!w.__lagebild?.map?.loaded();
      },
      null,
      { timeout: 60_000 },
    );
    const gpu = descendantsOfType(browserPid, 'gpu-process')[0];
    if (!gpu) throw new Error('memory bench: no GPU process found under the browser');
    const cdp = await page.context().newCDPSession(page);
    // The empty map first: what the page costs before any unit (printed for comparison).
    await new Promise((r) => setTimeout(r, 3_000));
    const emptyMb = pssMb(rendererPid(browserPid)) + pssMb(gpu);
    await page.evaluate((n) => {
      const w = window as unknown as BenchPage;
      w.__lagebild?.map?.jumpTo({ zoom: 11 });
      w.__bench?.trails('all');
      w.__bench?.show(n);
    }, UNITS);
    await new Promise((r) => setTimeout(r, 3_000));
    const renderer = rendererPid(browserPid);
    const samples: MemorySample[] = [];
    const t0 = Date.now();
    while (Date.now() - t0 < minutes * 60_000) {
      await new Promise((r) => setTimeout(r, sampleMs));
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      samples.push({
        atS: (Date.now() - t0) / 1000,
        rendererMb: pssMb(renderer),
        gpuMb: pssMb(gpu),
        jsHeapMb: heap.usedSize / 2 ** 20,
      });
    }
    if (errors.length) throw new Error(`memory bench page errors: ${errors.join('; ')}`);
    const total = samples.map((s) => ({ atS: s.atS, mb: s.rendererMb + s.gpuMb }));
    const tail = samples.slice(-3);
    const mean = (f: (s: MemorySample) => number) => tail.reduce((a, s) => a + f(s), 0) / tail.length;
    const totalMb = mean((s) => s.rendererMb + s.gpuMb);
    const growthMb = growthOverLastHalf(total);
    const pass = totalMb <= MEMORY_GOAL_MB && growthMb <= GROWTH_TOLERANCE * totalMb;
    const result: MemoryBenchResult = {
      name: `memory: renderer + GPU process after ${minutes} min, ${UNITS.toLocaleString('en')} units at 1 Hz, trails of all units`,
      minutes,
      totalMb,
      jsHeapMb: mean((s) => s.jsHeapMb),
      gpuMb: mean((s) => s.gpuMb),
      growthMb,
      emptyMb,
      pass,
      samples,
    };
    log(
      `${result.name}: ${totalMb.toFixed(0)} MB (GPU process ${result.gpuMb.toFixed(0)} MB, page JS heap ${result.jsHeapMb.toFixed(0)} MB; the empty map ${emptyMb.toFixed(0)} MB; goal ≤ ${MEMORY_GOAL_MB} MB), growth over the last half ${growthMb.toFixed(1)} MB (goal none: < ${(GROWTH_TOLERANCE * 100).toFixed(0)} %) ${pass ? 'met' : 'MISS'}; load average ${loadAverage()}`,
    );
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The Chromium that playwright launched: a Chromium child of this process without `--type` (the browser). */
function browserProcessPid(): number {
  for (const pid of descendants(process.pid)) {
    const args = argsOf(pid);
    // Debian's /usr/bin/chromium is a script that execs /usr/lib/chromium/chromium (same pid).
    if (/chrom/i.test(path.basename(args[0] ?? '')) && !args.some((a) => a.startsWith('--type='))) return pid;
  }
  throw new Error(`memory bench: no ${CHROMIUM} process under this one`);
}

export function minutesFlag(argv: readonly string[]): number | undefined {
  const at = argv.indexOf('--minutes');
  if (at < 0) return undefined;
  const n = Number(argv[at + 1]);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`--minutes wants a positive number, got "${argv[at + 1]}"`);
  return n;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runMapMemoryBench({ minutes: minutesFlag(process.argv), quick: process.argv.includes('--quick') }).then(
    (r) => {
      process.exitCode = r.pass ? 0 : 1;
    },
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 2;
    },
  );
}
