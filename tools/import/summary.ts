/** The import summary as the CLI prints it. */
import path from 'node:path';
import type { DatasetInfo } from '../../server/src/store/public.ts';
import type { ImportSummary } from './importer.ts';

const n = (x: number): string => x.toLocaleString('en-US');
const count = (x: number, one: string, many = `${one}s`): string => `${n(x)} ${x === 1 ? one : many}`;
const iso = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z');

export function formatSummary(s: ImportSummary, csvFile: string): string {
  const source = path.basename(csvFile);
  if (s.dryRun && s.imported > 0) {
    return [
      `Dry run: ${n(s.imported)} of ${count(s.rows, 'row')} from ${source} would be imported into dataset "${s.name}"; nothing was written`,
      ...details(s),
    ].join('\n');
  }
  if (!s.file) {
    const dup = s.duplicates ? `, ${count(s.duplicates, 'duplicate')}` : '';
    return `Nothing imported from ${source}: ${count(s.rows, 'row')}, ${n(s.skipped)} bad${dup}. No dataset was written.`;
  }
  return [
    `Imported ${n(s.imported)} of ${count(s.rows, 'row')} from ${source} into dataset "${s.name}" (${s.file})`,
    ...details(s),
  ].join('\n');
}

function details(s: ImportSummary): string[] {
  return [
    `  skipped: ${count(s.skipped, 'bad row')}` +
      (s.duplicates
        ? `, ${count(s.duplicates, 'row')} repeating ${
            (s.mapping as { rows?: string }).rows === 'dispatches' ? 'a dispatch' : 'an incident id'
          } already imported`
        : ''),
    `  events: ${n(s.events)} (${count(s.incidents, 'incident')}, ${count(s.units, 'unit')}, ` +
      `${count(s.positions, 'position')})`,
    `  time range: ${iso(s.from)} to ${iso(s.to)} (days counted in ${s.timeZone})`,
    `  took ${(s.ms / 1000).toFixed(2)} s (${n(Math.round(s.rows / Math.max(s.ms / 1000, 0.001)))} rows/s)`,
  ];
}

/** One progress line for stderr: rows, share of the file, rows/s and the time left. */
export function formatProgress(p: { rows: number; bytes: number; size: number; ms: number }): string {
  const share = p.size > 0 ? p.bytes / p.size : 1;
  const rate = p.ms > 0 ? p.rows / (p.ms / 1000) : 0;
  const left = share > 0 ? (p.ms / share - p.ms) / 1000 : 0;
  return `${n(p.rows)} rows, ${Math.floor(share * 100)} %, ${n(Math.round(rate))} rows/s, ETA ${Math.ceil(left)} s`;
}

/** One progress line for stderr while the sorted events are written. */
export function formatWriteProgress(p: { events: number; total: number; ms: number }): string {
  const share = p.total > 0 ? p.events / p.total : 1;
  const rate = p.ms > 0 ? p.events / (p.ms / 1000) : 0;
  const left = rate > 0 ? (p.total - p.events) / rate : 0;
  return (
    `writing ${n(p.events)} of ${n(p.total)} events, ${Math.floor(share * 100)} %, ` +
    `${n(Math.round(rate))} events/s, ETA ${Math.ceil(left)} s`
  );
}

/** One line of `--list`: name, time range, counts, time zone, source. */
export function formatListEntry(d: DatasetInfo): string {
  return (
    `${d.name}  ${iso(d.from)} to ${iso(d.to)}  ${count(d.incidents, 'incident')}, ${count(d.units, 'unit')}, ` +
    `${count(d.positions, 'position')}  (${d.timeZone}; from ${path.basename(d.sourceFile)})`
  );
}
