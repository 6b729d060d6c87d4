/**
 * Memory bench (issue 19, goal 3): the map bench page in real Chromium with 10,000 units reporting
 * at 1 Hz and the trails of all units drawn, for `--minutes` (default 10; `--quick` 2). Every few
 * seconds it samples the live JS heaps (after a collection) of the page and of each of its workers
 * (MapLibre's tile workers hold the sources' data and indexes; read over CDP) and Chromium's GPU process (proportional set
 * size from /proc, which counts shared pages once: what the process really costs).
 *
 * The figure is the issue's: JS heap (page + workers) plus the GPU process at the end, goal ≤ 300 MB;
 * growth is its rise over the last half of the run from a least-squares line through the samples
 * (goal: none, i.e. below 3 % of the figure, which is sampling noise). Printed beside it, not hidden,
 * the stricter whole-process figure: renderer PSS + GPU process (the renderer also holds Blink, the
 * compiled code and WebGL's client-side buffers).
 *
 * Standalone: `npx tsx bench/mapMemory.ts [--minutes N] [--quick]`. Linux only (reads /proc).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
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
  /** The page's JS heap. */
  jsHeapMb: number;
  /** The JS heaps of the page's workers together. */
  workerHeapMb: number;
}

export interface MemoryBenchResult {
  name: string;
  minutes: number;
  /** JS heaps (page + workers) + GPU process at the end of the run (mean of the last samples). */
  totalMb: number;
  /** Renderer PSS + GPU process at the end (the stricter whole-process figure). */
  processMb: number;
  jsHeapMb: number;
  workerHeapMb: number;
  gpuMb: number;
  /** Rise of the figure (JS heaps + GPU) over the last half of the run, MB. */
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

type Cdp = Awaited<ReturnType<BrowserContext['newCDPSession']>>;

/**
 * The used JS heap of every worker of the page, in MB. Playwright's CDP session cannot address a
 * worker directly, so the page's session attaches to them without flattening and talks to each
 * through Target.sendMessageToTarget.
 */
async function workerHeaps(cdp: Cdp): Promise<() => Promise<number>> {
  const sessions = new Set<string>();
  const waiting = new Map<number, (usedSize: number) => void>();
  let next = 0;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') sessions.add(e.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (e) => sessions.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: { usedSize?: number } };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result?.usedSize ?? 0);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const ask = async (sessionId: string, method: string): Promise<number> => {
    const id = ++next;
    const answered = new Promise<number>((resolve) => waiting.set(id, resolve));
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`memory bench: a worker did not answer ${method} in 30 s`)),
        30_000,
      );
    });
    try {
      return await Promise.race([answered, late]);
    } finally {
      clearTimeout(timer);
      waiting.delete(id);
    }
  };
  return async () => {
    const sizes = await Promise.all(
      [...sessions].map(async (sessionId) => {
        await ask(sessionId, 'HeapProfiler.collectGarbage');
        return ask(sessionId, 'Runtime.getHeapUsage');
      }),
    );
    if (sessions.size === 0)
      throw new Error('memory bench: the page has no worker (MapLibre runs its tiles in one)');
    return sizes.reduce((a, b) => a + b, 0) / 2 ** 20;
  };
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
    const workersMb = await workerHeaps(cdp);
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
      // Live heap: what the page keeps, not the garbage V8 has not collected yet (Chromium's task
      // manager shows both; the used size before a collection swings with V8's heap policy).
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      samples.push({
        atS: (Date.now() - t0) / 1000,
        rendererMb: pssMb(renderer),
        gpuMb: pssMb(gpu),
        jsHeapMb: heap.usedSize / 2 ** 20,
        workerHeapMb: await workersMb(),
      });
    }
    if (errors.length) throw new Error(`memory bench page errors: ${errors.join('; ')}`);
    const figure = (s: MemorySample) => s.jsHeapMb + s.workerHeapMb + s.gpuMb;
    const total = samples.map((s) => ({ atS: s.atS, mb: figure(s) }));
    const tail = samples.slice(-3);
    const mean = (f: (s: MemorySample) => number) => tail.reduce((a, s) => a + f(s), 0) / tail.length;
    const totalMb = mean(figure);
    const processMb = mean((s) => s.rendererMb + s.gpuMb);
    const growthMb = growthOverLastHalf(total);
    const growthOf = (f: (s: MemorySample) => number) =>
      growthOverLastHalf(samples.map((s) => ({ atS: s.atS, mb: f(s) }))).toFixed(1);
    const growthParts = `page ${growthOf((s) => s.jsHeapMb)}, workers ${growthOf((s) => s.workerHeapMb)}, GPU ${growthOf((s) => s.gpuMb)}`;
    const pass = totalMb <= MEMORY_GOAL_MB && growthMb <= GROWTH_TOLERANCE * totalMb;
    const result: MemoryBenchResult = {
      name: `memory: JS heaps (page + workers) + GPU process after ${minutes} min, ${UNITS.toLocaleString('en')} units at 1 Hz, trails of all units`,
      minutes,
      totalMb,
      processMb,
      jsHeapMb: mean((s) => s.jsHeapMb),
      workerHeapMb: mean((s) => s.workerHeapMb),
      gpuMb: mean((s) => s.gpuMb),
      growthMb,
      emptyMb,
      pass,
      samples,
    };
    log(
      `${result.name}: ${totalMb.toFixed(0)} MB (page JS heap ${result.jsHeapMb.toFixed(0)} MB, workers ${result.workerHeapMb.toFixed(0)} MB, GPU process ${result.gpuMb.toFixed(0)} MB; goal ≤ ${MEMORY_GOAL_MB} MB), growth over the last half ${growthMb.toFixed(1)} MB (${growthParts}; goal none: < ${(GROWTH_TOLERANCE * 100).toFixed(0)} %) ${pass ? 'met' : 'MISS'}; whole processes (renderer PSS + GPU) ${processMb.toFixed(0)} MB, the empty map ${emptyMb.toFixed(0)} MB; load average ${loadAverage()}`,
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
