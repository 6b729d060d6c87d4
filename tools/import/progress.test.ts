/**
 * Progress of a long import (issue 16): while the file is read (rows, share of the bytes) and while the
 * sorted events are written afterwards (events of the total), so a big file never goes quiet.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCsv } from './importer.ts';
import { formatProgress, formatWriteProgress } from './summary.ts';
import { buildIncidents, dispatchCsv, DISPATCH_MAPPING } from './testing/dispatchFixture.ts';
import { tempDir, writeFile } from './testing/testSupport.ts';

describe('import progress', () => {
  it('reports reading up to the whole file and writing up to every event', async () => {
    const dir = tempDir();
    const incidents = buildIncidents(3_000).filter((i) => i.dispatches.length > 0);
    const csv = writeFile(dir, 'dispatches.csv', dispatchCsv(incidents));
    const reads: { rows: number; bytes: number }[] = [];
    const writes: { events: number; total: number }[] = [];
    const s = await importCsv({
      dataDir: dir,
      mappingFile: writeFile(dir, 'mapping.json', DISPATCH_MAPPING),
      csvFile: csv,
      onProgress: (p) => reads.push(p),
      onWriteProgress: (p) => writes.push(p),
    });
    const rows = incidents.reduce((n, i) => n + i.dispatches.length, 0);
    expect(s.rows).toBe(rows);
    expect(reads.length).toBeGreaterThan(0);
    for (let i = 1; i < reads.length; i++) {
      expect(reads[i]!.rows).toBeGreaterThanOrEqual(reads[i - 1]!.rows);
      expect(reads[i]!.bytes).toBeGreaterThan(reads[i - 1]!.bytes);
    }
    expect(reads.at(-1)!.bytes).toBe(fs.statSync(csv).size);
    // Several pages of events: the writing phase reports as it goes, ending at every event.
    expect(s.events).toBeGreaterThan(20_000);
    expect(writes.length).toBeGreaterThan(1);
    // Events of a dispatch export are made as they are written: the total is extrapolated (within
    // a tenth here) until the last page, where it is exact.
    for (const w of writes) {
      expect(w.total).toBeGreaterThanOrEqual(w.events);
      expect(Math.abs(w.total - s.events)).toBeLessThan(s.events / 10);
    }
    for (let i = 1; i < writes.length; i++) expect(writes[i]!.events).toBeGreaterThan(writes[i - 1]!.events);
    expect(writes.at(-1)).toEqual({ events: s.events, total: s.events });
  });

  it('prints rows, share, rate and time left', () => {
    // A quarter of the file in 10 s: 30 s to go.
    expect(formatProgress({ rows: 250_000, bytes: 25, size: 100, ms: 10_000 })).toBe(
      'progress: 250,000 rows, 25 %, 25,000 rows/s, ETA 30 s'.slice('progress: '.length),
    );
    // 1,000,000 of 3,000,000 events in 4 s: 250,000 events/s, 8 s to go.
    expect(formatWriteProgress({ events: 1_000_000, total: 3_000_000, ms: 4_000 })).toBe(
      'writing 1,000,000 of 3,000,000 events, 33 %, 250,000 events/s, ETA 8 s',
    );
  });
});
