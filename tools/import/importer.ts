/**
 * Imports a CSV file into a named replay dataset. Rows become events in a scratch table; SQLite then
 * sorts them by time (ties in file order) before they get sequence numbers, so the log order is
 * time order however the file is sorted and however large it is. The dataset is built in a
 * temporary directory and only renamed into place when complete: an existing dataset is never
 * half-overwritten.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../server/src/store/public.ts';
import { Row, RowError } from './cells.ts';
import { EncodingError, readCsvFile } from './csv.ts';
import {
  createDatasetDb,
  finishDatasetDb,
  datasetFile,
  datasetsDir,
  nameFromFile,
  writeInfo,
  type DatasetInfo,
} from '../../server/src/store/public.ts';
import type { Draft } from './drafts.ts';
import { DispatchRows } from './dispatchRows.ts';
import { IncidentRows } from './incidentRows.ts';
import { columnIndex, loadMapping, MappingError, type Mapping } from './mapping.ts';
import { PositionRows } from './positionRows.ts';
import type { Converter } from './rows.ts';
import { forBulkWrite } from './bulkDb.ts';
import { InlineSink, orderedPages, stagedPages, writeLog } from './sortLog.ts';
import { Staging } from './staging.ts';
import { WriterThread } from './writerThread.ts';
import { removeAbandonedImports } from '../../server/src/store/public.ts';

export const DEFAULT_SNAPSHOT_EVERY = 2_000;

/**
 * From this file size on (about 30,000 dispatch rows) the log is written on a thread of its own:
 * starting it (loading the store's modules there) takes a few hundred ms of CPU.
 */
export const THREAD_FROM_BYTES = 4 * 1024 * 1024;

export interface ImportOptions {
  dataDir: string;
  mappingFile: string;
  csvFile: string;
  /** Dataset name; default from the CSV file name. */
  dataset?: string | undefined;
  /** Replace an existing dataset of that name (otherwise its existence is an error). */
  replace?: boolean | undefined;
  snapshotEvery?: number | undefined;
  /** Each bad row, as it is found. */
  onRowError?: ((line: number, message: string) => void) | undefined;
  /** Each row that repeats an incident id of an earlier row. */
  onDuplicate?: ((line: number, message: string) => void) | undefined;
  /** After each chunk of the file: rows read so far and bytes of the file read. */
  onProgress?: ((p: { rows: number; bytes: number }) => void) | undefined;
  /**
   * After the file is read, while the sorted events are written (as long as the reading for a big
   * file): events written so far and of how many.
   */
  onWriteProgress?: ((p: { events: number; total: number }) => void) | undefined;
  /** Check everything and count, but write no dataset. */
  dryRun?: boolean | undefined;
  /**
   * Where the dataset's log is written: on a thread of its own (writerThread.ts) or on this one.
   * Default: its own thread for a file of THREAD_FROM_BYTES or more.
   */
  writer?: 'thread' | 'inline' | undefined;
  /** Each leftover of a killed import that was removed before this one. */
  onLeftover?: ((entry: string) => void) | undefined;
}

export interface ImportSummary extends DatasetInfo {
  /** Where the dataset was written; undefined when nothing could be imported or on a dry run. */
  file: string | undefined;
  dryRun: boolean;
  ms: number;
  /** CPU time of the writing thread, when the log was written on one (writerThread.ts) and it is known. */
  writerCpuMs?: number;
}

/** A problem with the arguments, the mapping or the file as a whole (exit code 2). */
export class ImportArgError extends Error {}

export async function importCsv(o: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const mapping = loadMapping(o.mappingFile);
  const name = o.dataset ?? nameFromFile(o.csvFile);
  const final = datasetFile(o.dataDir, name);
  let size: number;
  try {
    const stat = fs.statSync(o.csvFile);
    if (!stat.isFile()) throw new Error('not a file');
    size = stat.size;
    fs.accessSync(o.csvFile, fs.constants.R_OK);
  } catch (err) {
    throw new ImportArgError(`cannot read ${o.csvFile}: ${(err as Error).message}`);
  }
  if (fs.existsSync(final) && !o.replace && !o.dryRun)
    throw new ImportArgError(`dataset "${name}" already exists (${final}); add --replace to import it again`);
  fs.mkdirSync(datasetsDir(o.dataDir), { recursive: true, mode: 0o700 });
  for (const entry of removeAbandonedImports(o.dataDir)) o.onLeftover?.(entry);
  const tmpDir = path.join(
    datasetsDir(o.dataDir),
    `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const created = createDatasetDb(tmpDir);
  let db: Db | undefined = created.db;
  // A big file is written on a thread of its own (writerThread.ts), a small one on this thread
  // (starting the thread costs more than it saves there).
  const threaded = o.writer === 'thread' || (o.writer === undefined && size >= THREAD_FROM_BYTES);
  let thread: WriterThread | undefined;
  if (threaded) {
    db.close();
    db = undefined;
  } else forBulkWrite(db);
  const staging = new Staging(tmpDir);
  try {
    // Started now, it loads while the file is read.
    if (threaded) thread = new WriterThread(created.file);
    const importedAt = Date.now();
    const { counts, finished } = await stage(staging, mapping, o, importedAt);
    const every = o.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
    const ordered = finished.inLogOrder && staging.size === 0 ? finished.inLogOrder : undefined;
    if (!ordered) staging.add(finished.drafts);
    const sink = thread ?? new InlineSink(db!);
    const { events, from, to } = ordered
      ? await writeLog(
          sink,
          orderedPages(finished.drafts, importedAt),
          every,
          () => ordered.expected(),
          o.onWriteProgress,
        )
      : await writeLog(sink, stagedPages(staging, importedAt), every, () => staging.size, o.onWriteProgress);
    staging.close();
    const info: DatasetInfo = {
      name,
      sourceFile: path.resolve(o.csvFile),
      mappingFile: path.resolve(o.mappingFile),
      mapping,
      timeZone: mapping.time.timeZone,
      from,
      to,
      ...counts,
      events,
      snapshotEvery: o.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY,
      importedAt,
    };
    let file: string | undefined;
    const complete = counts.imported > 0 && !o.dryRun;
    if (thread) await thread.finish(complete ? info : undefined);
    else if (complete) {
      writeInfo(db!, info);
      finishDatasetDb(db!);
      db = undefined;
    }
    if (complete) {
      publish(created.file, final, o.replace === true);
      file = final;
    }
    const ms = Math.round(performance.now() - started);
    const writerCpuMs = thread?.cpuMs;
    return {
      ...info,
      file,
      dryRun: o.dryRun === true,
      ms,
      ...(writerCpuMs === undefined ? {} : { writerCpuMs }),
    };
  } finally {
    staging.close();
    db?.close();
    await thread?.close();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

async function stage(staging: Staging, mapping: Mapping, o: ImportOptions, received: number) {
  const insertAll = (drafts: Iterable<Draft>) => staging.add(drafts);
  const converter: Converter =
    mapping.rows === 'incidents'
      ? new IncidentRows(mapping, received)
      : mapping.rows === 'dispatches'
        ? new DispatchRows(mapping, received)
        : new PositionRows(mapping, received);
  const csv = { delimiter: mapping.csv.delimiter, quote: mapping.csv.quote, encoding: mapping.csv.encoding };
  let header: string[] | undefined;
  let index: Map<string, number> | undefined;
  let rows = 0;
  let imported = 0;
  let skipped = 0;
  let duplicates = 0;
  const bad = (line: number, message: string) => {
    skipped++;
    o.onRowError?.(line, message);
  };
  const progress = o.onProgress;
  let bytes = 0;
  try {
    for await (const records of readCsvFile(o.csvFile, csv, (n) => (bytes += n))) {
      const drafts: Draft[] = [];
      for (const rec of records) {
        if (!header || !index) {
          if ('error' in rec)
            throw new MappingError(`${o.csvFile} line ${rec.line}: the header: ${rec.error}`);
          header = mapping.csv.header
            ? rec.fields.map((h) => h.trim())
            : rec.fields.map((_, i) => String(i + 1));
          index = columnIndex(mapping, header, o.csvFile);
          if (mapping.csv.header) continue;
        }
        rows++;
        if ('error' in rec) {
          bad(rec.line, rec.error);
          continue;
        }
        if (rec.fields.length !== header.length) {
          bad(rec.line, `has ${rec.fields.length} fields, the header has ${header.length}`);
          continue;
        }
        try {
          const r = converter.row(new Row(rec.line, rec.fields, index, mapping.csv.trim));
          if ('drafts' in r) {
            imported++;
            for (const d of r.drafts) drafts.push(d);
          } else {
            duplicates++;
            const what = r.what ?? `incident ${r.id}`;
            o.onDuplicate?.(rec.line, `repeats ${what} of line ${r.duplicateOf}; not imported again`);
          }
        } catch (err) {
          if (!(err instanceof RowError)) throw err;
          bad(rec.line, err.message);
        }
      }
      insertAll(drafts);
      progress?.({ rows, bytes });
    }
  } catch (err) {
    if (err instanceof EncodingError) throw new ImportArgError(err.message);
    throw err;
  }
  if (!header) throw new ImportArgError(`${o.csvFile} is empty (not even a header line)`);
  // Rows dropped as a group are counted here, not once per report.
  // Its drafts are staged or written by the caller; the counts are known already.
  const finished = converter.finish((line, message) => o.onRowError?.(line, message));
  imported -= finished.rejectedRows;
  skipped += finished.rejectedRows;
  return { counts: { rows, imported, skipped, duplicates, ...converter.stats() }, finished };
}

/** Moves the finished file into place atomically; without replace, never over an existing one. */
function publish(tmp: string, final: string, replace: boolean): void {
  const fd = fs.openSync(tmp, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  if (replace) fs.renameSync(tmp, final);
  else {
    try {
      fs.linkSync(tmp, final);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST')
        throw new ImportArgError(`dataset file ${final} appeared during the import; nothing was changed`);
      throw err;
    }
  }
  const dir = fs.openSync(path.dirname(final), 'r');
  fs.fsyncSync(dir);
  fs.closeSync(dir);
}
