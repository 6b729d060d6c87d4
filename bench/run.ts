/**
 * `npm run bench`: every benchmark, measured side by side in one run, each figure printed with its
 * goal and the ratio to it (≥ 1 means the goal is met; the map figure is itself a ratio of frame rates
 * with and without units). Needs `npm run build:renderer` for the map part (built when missing).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { runServerBench } from './server.ts';
import { loadAverage, runMapBench } from './map.ts';
import { minutesFlag, runMapMemoryBench } from './mapMemory.ts';
import { runInteractionsBench } from './interactions.ts';
import { runReplayBench } from './replay.ts';
import { runImportBench } from './import.ts';
import { runResyncBench } from './resync.ts';
import { runInteropBench } from './interop.ts';
import { runScaleOutBench } from './scaleOut.ts';
import { runFirstStartBench } from './firstStart.ts';

interface Row {
  name: string;
  figure: string;
  goal: string;
  met: boolean;
}

const rows: Row[] = [];
const fmt = (n: number) => Math.round(n).toLocaleString('en');

console.log('Lagebild benchmarks (2-core machine; WebGL in software, so map speed is judged as a ratio)\n');
const scaleOut = await runScaleOutBench({ quick: process.argv.includes('--quick') });
const server = await runServerBench({ quick: process.argv.includes('--quick') });
for (const line of [...server, ...(await runInteropBench()), ...scaleOut]) {
  const atMost = line.atMost ?? line.unit === 'ms';
  rows.push({
    name: line.name,
    figure: `${fmt(line.value)} ${line.unit}`,
    goal: `${atMost ? '≤' : '≥'} ${fmt(line.goal)} ${line.unit}`,
    met: line.ratio >= 1,
  });
  console.log(`${line.name}: ${fmt(line.value)} ${line.unit} (ratio to goal ${line.ratio.toFixed(2)})`);
}

// Hostile resyncs: health and other dashboards, quiet and under attack side by side (resync.ts).
for (const line of await runResyncBench()) {
  const ms = line.unit === 'ms';
  const figure = ms ? `${line.value.toFixed(1)} ms` : `ratio ${line.value.toFixed(2)}`;
  rows.push({
    name: line.name,
    figure,
    goal: `${ms ? '≤' : '≥'} ${line.goal}${ms ? ' ms' : ''}`,
    met: line.ratio >= 1,
  });
}

// The bench page is built with the renderer; rebuilt when missing or older than its sources.
const built = fs.existsSync('dist/renderer/bench.html') ? fs.statSync('dist/renderer/bench.html').mtimeMs : 0;
const benchSources = fs
  .readdirSync('renderer/src/bench')
  .map((f) => fs.statSync(`renderer/src/bench/${f}`).mtimeMs);
if (built < Math.max(...benchSources)) spawnSync('npm', ['run', 'build:renderer'], { stdio: 'inherit' });
for (const r of await runMapBench({ quick: process.argv.includes('--quick') })) {
  rows.push({
    name: r.name,
    figure: `ratio ${r.ratio.toFixed(2)} (${r.loadedFps.toFixed(1)} vs ${r.baselineFps.toFixed(1)} fps)`,
    goal: `≥ ${r.goal}`,
    met: r.pass,
  });
}
// Interactions in the real dashboard under 10,000 units at 1 Hz (bench/interactions.ts).
for (const line of await runInteractionsBench({ quick: process.argv.includes('--quick') })) {
  rows.push({
    name: line.name,
    figure: `${Math.round(line.value)} ${line.unit}`,
    goal: `${line.unit === 'ms' ? '≤' : '='} ${line.goal} ${line.unit}`,
    met: line.met,
  });
}
// Renderer memory over a long live run, --minutes N (default 10; --quick: 2).
const memory = await runMapMemoryBench({
  minutes: minutesFlag(process.argv),
  quick: process.argv.includes('--quick'),
});
rows.push({
  name: memory.name,
  figure: `${memory.totalMb.toFixed(0)} MB, growth over the last half ${memory.growthMb.toFixed(1)} MB (whole processes ${memory.processMb.toFixed(0)} MB)`,
  goal: '≤ 300 MB, no growth',
  met: memory.pass,
});

// First start of the embedded default (issue 19.4) and the wall's first frame against the dashboard's.
for (const line of await runFirstStartBench({ rounds: process.argv.includes('--quick') ? 1 : 3 })) {
  rows.push({
    name: line.name,
    figure: line.unit === 'ms' ? `${fmt(line.value)} ms` : `ratio ${line.value.toFixed(2)}`,
    goal: `≤ ${line.unit === 'ms' ? `${fmt(line.goal)} ms` : line.goal}`,
    met: line.met,
  });
}

const replay = await runReplayBench({ quick: process.argv.includes('--quick') });
for (const line of replay.lines) {
  rows.push({
    name: line.name,
    figure: `${fmt(line.value)} ${line.unit}`,
    goal: `≤ ${fmt(line.goal)} ${line.unit}`,
    met: line.ratio >= 1,
  });
}
if (replay.playback) {
  const p = replay.playback;
  rows.push({
    name: p.name,
    figure: `ratio ${p.ratio.toFixed(2)} (${p.replayFps.toFixed(1)} vs ${p.liveFps.toFixed(1)} fps)`,
    goal: `≥ ${p.goal}`,
    met: p.pass,
  });
}

for (const line of await runImportBench({ quick: process.argv.includes('--quick') })) {
  rows.push({
    name: line.name,
    figure: `${fmt(line.value)} ${line.unit}`,
    goal: `≥ ${fmt(line.goal)} ${line.unit}`,
    met: line.ratio >= 1,
  });
}

console.log(`\nsummary (load average ${loadAverage()})`);
for (const r of rows) console.log(`${r.met ? 'met ' : 'MISS'}  ${r.name}: ${r.figure} (goal ${r.goal})`);
process.exitCode = rows.every((r) => r.met) ? 0 : 1;
