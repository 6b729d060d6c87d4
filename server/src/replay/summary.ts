/** The import summary as the CLI prints it. */
import path from 'node:path';
import type { ImportSummary } from './importer.ts';

const n = (x: number): string => x.toLocaleString('en-US');
const count = (x: number, one: string, many = `${one}s`): string => `${n(x)} ${x === 1 ? one : many}`;
const iso = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z');

export function formatSummary(s: ImportSummary, csvFile: string): string {
  const source = path.basename(csvFile);
  if (!s.file) {
    const dup = s.duplicates ? `, ${count(s.duplicates, 'duplicate')}` : '';
    return `Nothing imported from ${source}: ${count(s.rows, 'row')}, ${n(s.skipped)} bad${dup}. No dataset was written.`;
  }
  const lines = [
    `Imported ${n(s.imported)} of ${count(s.rows, 'row')} from ${source} into dataset "${s.name}" (${s.file})`,
    `  skipped: ${count(s.skipped, 'bad row')}` +
      (s.duplicates ? `, ${count(s.duplicates, 'row')} repeating an incident id already imported` : ''),
    `  events: ${n(s.events)} (${count(s.incidents, 'incident')}, ${count(s.units, 'unit')}, ` +
      `${count(s.positions, 'position')})`,
    `  time range: ${iso(s.from)} to ${iso(s.to)} (days counted in ${s.timeZone})`,
    `  took ${(s.ms / 1000).toFixed(2)} s`,
  ];
  return lines.join('\n');
}
