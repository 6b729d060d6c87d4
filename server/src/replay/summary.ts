/** The import summary as the CLI prints it. */
import path from 'node:path';
import type { ImportSummary } from './importer.ts';

const n = (x: number): string => x.toLocaleString('en-US');
const iso = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z');

export function formatSummary(s: ImportSummary, csvFile: string): string {
  const source = path.basename(csvFile);
  if (!s.file) {
    return [
      `Nothing imported from ${source}: ${n(s.rows)} rows, ${n(s.skipped)} bad` +
        (s.duplicates ? `, ${n(s.duplicates)} duplicates` : '') +
        '. No dataset was written.',
    ].join('\n');
  }
  const lines = [
    `Imported ${n(s.imported)} of ${n(s.rows)} rows from ${source} into dataset "${s.name}" (${s.file})`,
    `  skipped: ${n(s.skipped)} bad rows` +
      (s.duplicates ? `, ${n(s.duplicates)} rows repeating an incident id already imported` : ''),
    `  events: ${n(s.events)} (${n(s.incidents)} incidents, ${n(s.units)} units, ${n(s.positions)} positions)`,
    `  time range: ${iso(s.from)} to ${iso(s.to)} (days counted in ${s.timeZone})`,
    `  took ${(s.ms / 1000).toFixed(2)} s`,
  ];
  return lines.join('\n');
}
