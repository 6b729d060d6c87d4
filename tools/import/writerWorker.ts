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
import { IMPORT_BY, plainJson } from './plainEvents.ts';
import type { FromWriter, ToWriter, WirePage } from './writerThread.ts';

const port = parentPort!;
const post = (m: FromWriter) => port.postMessage(m);
const { file } = workerData as { file: string };

const db = forBulkWrite(new Database(file, { fileMustExist: true }));
const log = new EventLog(db);
const snapshots = new Snapshots(db, SNAPSHOT_LEVEL);
const writePage = db.transaction((p: WirePage) => {
  const events = eventsOf(p);
  log.writeSerialized(events, p.data as string[]);
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
 * The page's events as far as EventLog reads them (its columns and the incident index); a plain
 * event whole, and its text written into `p.data` by plainJson, as the main thread would have.
 */
function eventsOf(p: WirePage): LageEvent[] {
  const n = p.data.length;
  const out = new Array<LageEvent>(n);
  const nums = p.numbers;
  const ids = p.ids;
  let j = 0;
  for (let k = 0; k < n; k++) {
    const type = p.types[p.codes[k]!]!;
    const seq = nums[4 * k]!;
    const time = nums[4 * k + 1]!;
    const received = nums[4 * k + 2]!;
    if (p.data[k] !== null) {
      out[k] = { seq, type, time, received } as LageEvent;
      continue;
    }
    const first = ids[j++]!;
    const second = ids[j++];
    const e = (
      type === 'unit.status'
        ? {
            seq,
            type,
            time,
            received,
            by: IMPORT_BY,
            unitId: first,
            status: nums[4 * k + 3]!,
            incidentId: second ?? undefined,
          }
        : { seq, type, time, received, by: IMPORT_BY, incidentId: first }
    ) as LageEvent;
    out[k] = e;
    p.data[k] = plainJson(e);
  }
  const o = p.opened;
  for (let i = 0; i < o.length; i += 6) {
    const e = out[o[i] as number] as { incident?: unknown };
    e.incident = {
      type: o[i + 1],
      priority: o[i + 2],
      location: { lat: o[i + 3], lon: o[i + 4] },
      district: o[i + 5] ?? undefined,
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
