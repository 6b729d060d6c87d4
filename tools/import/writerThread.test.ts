/**
 * The dataset's log written on a thread of its own (writerThread.ts, used for big files) is the log
 * written on the import's own thread, row for row: the same events with the same seqs and JSON, the
 * same incident index, the same snapshots and description. Real data: the Seattle 911 calls, a
 * dispatch-per-row export derived from them and the Liverpool bus trace. Also: the incremental
 * snapshot text of the importer's fold is JSON.stringify of its picture, byte for byte; and a failed
 * import stops the thread and leaves nothing behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import { importCsv, type ImportSummary } from './importer.ts';
import { ImportFold } from './importFold.ts';
import { dispatchCsv, threeImports } from './testing/dispatchFixture.ts';
import { tempDir, writeFile } from './testing/testSupport.ts';

interface Tables {
  events: { seq: number; type: string; time: number; received: number; data: string }[];
  incidentIndex: unknown[];
  snapshots: { seq: number; time: number; json: string }[];
  info: Record<string, unknown>;
}

/** Every row the dataset file holds, with the import's own time (received, importedAt) taken out. */
function tablesOf(s: ImportSummary): Tables {
  const db = new Database(s.file!, { readonly: true });
  try {
    const received = `"received":${s.importedAt}`;
    const events = (
      db.prepare('SELECT seq, type, time, received, data FROM events ORDER BY seq').all() as Tables['events']
    ).map((r) => {
      expect(r.received).toBe(s.importedAt);
      expect(r.data).toContain(received);
      return { ...r, received: 0, data: r.data.replace(received, '"received":0') };
    });
    const snapshots = (
      db.prepare('SELECT seq, time, data FROM snapshots ORDER BY seq').all() as {
        seq: number;
        time: number;
        data: Buffer;
      }[]
    ).map((r) => ({ seq: r.seq, time: r.time, json: inflateSync(r.data).toString('utf8') }));
    const info = JSON.parse(
      (db.prepare("SELECT value FROM meta WHERE key = 'dataset'").pluck().get() as string) ?? 'null',
    ) as Record<string, unknown>;
    return {
      events,
      incidentIndex: db.prepare('SELECT * FROM incident_index ORDER BY seq').all(),
      snapshots,
      info: { ...info, importedAt: 0 },
    };
  } finally {
    db.close();
  }
}

describe('the log written on its own thread', () => {
  const dir = tempDir();
  const { dispatchIncidents, sources } = threeImports(dir);
  // The dispatch export with broken records all through it (several reading chunks): bad rows are
  // reported and left out alike, whichever thread writes the log.
  const broken = dispatchCsv(dispatchIncidents)
    .split('\n')
    .flatMap((line, i) =>
      i > 0 && i % 97 === 0
        ? [line, `X${i},"bad"quote`, `X${i},too,few`, `"X${i}","multi\nline",${'y,'.repeat(20)}`]
        : [line],
    )
    .join('\n');
  const sourcesWithErrors = {
    ...sources,
    broken: {
      csvFile: writeFile(dir, 'broken.csv', `${broken}"unclosed,quote\n`),
      mappingFile: sources.dispatches.mappingFile,
    },
  };
  const written = new Map<string, { inline: ImportSummary; thread: ImportSummary }>();
  /** What the import reported as it went (bad rows, repeated rows, progress of the reading), per import. */
  const reported = new Map<string, string[]>();

  beforeAll(async () => {
    for (const [name, s] of Object.entries(sourcesWithErrors)) {
      // Snapshots more often than the default, so every log has many (and pages end between them).
      const o = { dataDir: dir, snapshotEvery: 300, ...s };
      const run = async (writer: 'inline' | 'thread') => {
        const log: string[] = [];
        reported.set(`${name}-${writer}`, log);
        return importCsv({
          ...o,
          dataset: `${name}-${writer}`,
          writer,
          onRowError: (line, message) => log.push(`error line ${line}: ${message}`),
          onDuplicate: (line, message) => log.push(`duplicate line ${line}: ${message}`),
          onProgress: (p) => log.push(`progress ${p.rows} rows ${p.bytes} bytes`),
        });
      };
      written.set(name, { inline: await run('inline'), thread: await run('thread') });
    }
  }, 300_000);

  for (const name of Object.keys(sourcesWithErrors)) {
    it(`holds the same rows as the one written inline: ${name}`, () => {
      const { inline, thread } = written.get(name)!;
      // The same summary, and the same bad-row, duplicate and progress reports, in the same order.
      const said = reported.get(`${name}-inline`)!;
      expect(said.filter((l) => l.startsWith('progress')).length).toBeGreaterThan(0);
      expect(said.at(-1)).toBe(
        `progress ${inline.rows} rows ${fs.statSync(sourcesWithErrors[name as 'broken'].csvFile).size} bytes`,
      );
      expect(reported.get(`${name}-thread`)).toEqual(said);
      expect({ ...thread, name: '', file: '', ms: 0, writerCpuMs: 0 }).toEqual({
        ...inline,
        name: '',
        file: '',
        ms: 0,
        writerCpuMs: 0,
        importedAt: thread.importedAt,
      });
      expect(thread.writerCpuMs === undefined || thread.writerCpuMs >= 0).toBe(true);
      expect(inline.writerCpuMs).toBeUndefined();
      const a = tablesOf(inline);
      const b = tablesOf(thread);
      expect(a.events.length).toBeGreaterThan(1_000);
      expect(a.snapshots.length).toBeGreaterThan(3);
      expect(b.events.length).toBe(a.events.length);
      // Compared in slices: a difference names its place instead of printing millions of rows.
      for (let i = 0; i < a.events.length; i += 5_000)
        expect(b.events.slice(i, i + 5_000), `events from seq ${i + 1}`).toEqual(
          a.events.slice(i, i + 5_000),
        );
      expect(b.incidentIndex).toEqual(a.incidentIndex);
      expect(b.snapshots.map((s) => [s.seq, s.time])).toEqual(a.snapshots.map((s) => [s.seq, s.time]));
      for (let i = 0; i < a.snapshots.length; i++)
        expect(b.snapshots[i]!.json === a.snapshots[i]!.json, `snapshot at seq ${a.snapshots[i]!.seq}`).toBe(
          true,
        );
      expect({ ...b.info, name: '' }).toEqual({ ...a.info, name: '' });
      // Only the published files: no temporary folder of either import is left.
      expect(fs.readdirSync(path.join(dir, 'datasets')).filter((f) => f.startsWith('.'))).toEqual([]);
    });
  }

  it('snapshot text of the fold = JSON.stringify of its picture, after every page', () => {
    for (const name of Object.keys(sources)) {
      const db = new Database(written.get(name)!.inline.file!, { readonly: true });
      const events = (db.prepare('SELECT data FROM events ORDER BY seq').pluck().all() as string[]).map(
        (d) => JSON.parse(d) as LageEvent,
      );
      db.close();
      const fold = new ImportFold();
      let pages = 0;
      // Uneven pages (about 30 per log), so the texts are asked for between every kind of change.
      const page = Math.floor(events.length / 30) | 1;
      for (let i = 0; i < events.length; i += page) {
        fold.fold(events.slice(i, i + page));
        expect(fold.json() === JSON.stringify(fold.picture), `${name} after event ${i + page}`).toBe(true);
        pages++;
      }
      expect(pages).toBeGreaterThan(20);
    }
  });

  it('stops with the same error with the writing thread: empty file, broken header', async () => {
    const failing = tempDir();
    const files = {
      empty: writeFile(failing, 'empty.csv', ''),
      header: writeFile(failing, 'header.csv', 'Incident Number,"Type\n'),
    };
    for (const [what, csvFile] of Object.entries(files)) {
      const o = { dataDir: failing, csvFile, mappingFile: sources.dispatches.mappingFile };
      const inline = await importCsv({ ...o, writer: 'inline' }).then(
        () => 'imported',
        (err: Error) => `${err.constructor.name}: ${err.message}`,
      );
      expect(inline, what).toMatch(/empty|header/);
      await expect(
        importCsv({ ...o, writer: 'thread' }).then(
          () => 'imported',
          (err: Error) => `${err.constructor.name}: ${err.message}`,
        ),
        what,
      ).resolves.toBe(inline);
    }
    expect(fs.readdirSync(path.join(failing, 'datasets'))).toEqual([]);
  });

  it('stops the thread when the import fails and leaves nothing behind', async () => {
    const failing = tempDir();
    // Latin-1 bytes (ü) in a file declared UTF-8: the reading stops with an error while the thread runs.
    const csv = path.join(failing, 'latin1.csv');
    const text = fs.readFileSync(sources.dispatches.csvFile, 'latin1');
    fs.writeFileSync(
      csv,
      Buffer.concat([Buffer.from(text, 'latin1'), Buffer.from('F1,M\xfcll\n', 'latin1')]),
    );
    await expect(
      importCsv({
        dataDir: failing,
        csvFile: csv,
        mappingFile: sources.dispatches.mappingFile,
        writer: 'thread',
      }),
    ).rejects.toThrow(/bytes that are not valid utf-8/);
    expect(fs.readdirSync(path.join(failing, 'datasets'))).toEqual([]);
  });
});
