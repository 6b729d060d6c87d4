/**
 * The dataset's writing thread (started by writerThread.ts): opens the dataset file under
 * construction and stores the pages the main thread sends, each in one transaction through the live
 * log's own EventLog and Snapshots (compressing the snapshots here), acknowledging each page; at the
 * end writes the description and leaves the file self-contained. The main thread meanwhile makes
 * and folds the next pages: SQLite and zlib were about half of a big import's CPU time.
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { LageEvent } from '#shared/schemas';
import { EventLog, finishDatasetDb, Snapshots, writeInfo } from '../../server/src/store/public.ts';
import { forBulkWrite, SNAPSHOT_LEVEL } from './bulkDb.ts';
import type { FromWriter, ToWriter, WirePage } from './writerThread.ts';

const port = parentPort!;
const post = (m: FromWriter) => port.postMessage(m);
const { file } = workerData as { file: string };

const db = forBulkWrite(new Database(file, { fileMustExist: true }));
const log = new EventLog(db);
const snapshots = new Snapshots(db, SNAPSHOT_LEVEL);
const writePage = db.transaction((p: WirePage) => {
  log.writeSerialized(eventsOf(p), p.data);
  for (const s of p.snapshots) {
    if ('json' in s) snapshots.saveSerialized(s.seq, s.time, s.json);
    else
      snapshots.saveCompressed(
        s.seq,
        s.time,
        Buffer.from(s.data.buffer, s.data.byteOffset, s.data.byteLength),
      );
  }
});

port.on('message', (m: ToWriter) => {
  try {
    if (m.kind === 'page') {
      writePage(m);
      post({ kind: 'written', seq: log.lastSeq });
    } else {
      if (m.info) {
        writeInfo(db, m.info);
        finishDatasetDb(db);
      } else db.close();
      post({ kind: 'finished', cpuMs: threadCpuMs() });
      port.close();
    }
  } catch (err) {
    if (db.open) db.close();
    post({ kind: 'error', message: (err as Error).stack ?? String(err) });
    port.close();
  }
});
post({ kind: 'ready' });

/**
 * The page's events as far as EventLog reads them (its columns and the incident index): the JSON
 * text that is stored came along whole, so nothing else of each event is rebuilt here.
 */
function eventsOf(p: WirePage): LageEvent[] {
  const n = p.data.length;
  const out = new Array<LageEvent>(n);
  const nums = p.numbers;
  for (let k = 0; k < n; k++) {
    out[k] = {
      seq: nums[3 * k]!,
      type: p.types[p.codes[k]!]!,
      time: nums[3 * k + 1]!,
      received: nums[3 * k + 2]!,
    } as LageEvent;
  }
  const o = p.opened;
  for (let j = 0; j < o.length; j += 6) {
    const e = out[o[j] as number] as { incident?: unknown };
    e.incident = {
      type: o[j + 1],
      priority: o[j + 2],
      location: { lat: o[j + 3], lon: o[j + 4] },
      district: o[j + 5] ?? undefined,
    };
  }
  return out;
}

/** CPU time of this thread (Linux: /proc/thread-self/stat, in ticks of 10 ms); undefined elsewhere. */
function threadCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return undefined;
  }
}
