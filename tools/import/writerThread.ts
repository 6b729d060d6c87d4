/**
 * The dataset's log written on a thread of its own (writerWorker.ts), so a big import uses both
 * cores: this thread reads, makes the events in log order and folds them for the snapshots; the
 * writing thread runs SQLite and zlib. A page crosses as compact arrays (the stored JSON texts,
 * numbers in one Float64Array, the event types as codes), never as the events' object graphs; a few
 * pages at most are under way, so memory stays bounded when the writing is the slower side.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LageEvent } from '#shared/schemas';
import { compressSnapshot, type DatasetInfo } from '../../server/src/store/public.ts';
import { SNAPSHOT_LEVEL } from './bulkDb.ts';
import type { LogSink, SnapshotText } from './sortLog.ts';

/** A page as it crosses to the writing thread. */
export interface WirePage {
  kind: 'page';
  /** The stored JSON of each event; null for a plain one (plainEvents.ts), written there by plainJson. */
  data: (string | null)[];
  /** seq, time, received and (of a plain status change) status of each event, four numbers each. */
  numbers: Float64Array;
  /** Each event's type as an index into `types`. */
  codes: Uint8Array;
  types: string[];
  /** Two per plain event, in order: a status change's unit and incident (or null), a closing's incident and null. */
  ids: (string | null)[];
  /** Per opening: its index in the page, incident type, priority, lat, lon, district (or null). */
  opened: (string | number | null)[];
  /** The snapshots due in the page: as JSON, or compressed already on the main thread. */
  snapshots: (SnapshotText | { seq: number; time: number; data: Uint8Array })[];
}

export type ToWriter = WirePage | { kind: 'finish'; info: DatasetInfo | undefined };

export type FromWriter =
  | { kind: 'ready' }
  | { kind: 'written'; seq: number }
  | { kind: 'finished'; cpuMs: number | undefined }
  | { kind: 'error'; message: string };

/** Pages sent but not yet stored before `write` waits: enough to keep both threads busy. */
const IN_FLIGHT = 4;

/** Pages waiting for the writing thread from which this thread compresses the snapshots itself. */
const COMPRESS_HERE_FROM = 2;

/**
 * The thread's entry: registers tsx's loader there, then loads writerWorker.ts. (A thread inherits
 * the loader under tsx, but not under the test runner; and a loader given in the thread's own
 * options does not reach its entry file.)
 */
function bootUrl(): URL {
  const require = createRequire(import.meta.url);
  const tsxDir = path.dirname(require.resolve('tsx/package.json'));
  const exports = (
    require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> }
  ).exports;
  const api = pathToFileURL(path.join(tsxDir, exports['./esm/api']!.import.default)).href;
  const worker = new URL('./writerWorker.ts', import.meta.url).href;
  const code = `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(worker)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

export class WriterThread implements LogSink {
  private readonly worker: Worker;
  private seq = 0;
  private sent = 0;
  private acked = 0;
  private failure: Error | undefined;
  private done = false;
  private wake: (() => void) | undefined;
  /** The writing thread's CPU time, once it finished (where the system tells it). */
  cpuMs: number | undefined;

  /** Starts the thread on the dataset file under construction (created, with its schema, and closed). */
  constructor(file: string) {
    this.worker = new Worker(bootUrl(), { workerData: { file } });
    this.worker.on('message', (m: FromWriter) => {
      if (m.kind === 'written') {
        this.seq = m.seq;
        this.acked++;
      } else if (m.kind === 'finished') {
        this.done = true;
        this.cpuMs = m.cpuMs;
      } else if (m.kind === 'error') this.fail(new Error(`the writing thread failed: ${m.message}`));
      this.wake?.();
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      if (!this.done) this.fail(new Error(`the writing thread stopped (exit code ${code})`));
    });
  }

  get written(): number {
    return this.seq;
  }

  async write(events: LageEvent[], data: (string | undefined)[], snapshots: SnapshotText[]): Promise<void> {
    this.check();
    const n = events.length;
    const numbers = new Float64Array(4 * n);
    const codes = new Uint8Array(n);
    const types: string[] = [];
    const texts: (string | null)[] = new Array(n);
    const ids: (string | null)[] = [];
    const opened: (string | number | null)[] = [];
    for (let k = 0; k < n; k++) {
      const e = events[k]!;
      numbers[4 * k] = e.seq;
      numbers[4 * k + 1] = e.time;
      numbers[4 * k + 2] = e.received;
      let code = types.indexOf(e.type);
      if (code < 0) code = types.push(e.type) - 1;
      codes[k] = code;
      const text = data[k];
      texts[k] = text ?? null;
      if (text === undefined) {
        // A plain event: its few fields cross, and plainJson writes its text there.
        if (e.type === 'unit.status') {
          numbers[4 * k + 3] = e.status;
          ids.push(e.unitId, e.incidentId ?? null);
        } else if (e.type === 'incident.closed') ids.push(e.incidentId, null);
        else throw new Error(`a ${e.type} event without its text`);
      } else if (e.type === 'incident.opened') {
        const i = e.incident;
        opened.push(k, i.type, i.priority, i.location.lat, i.location.lon, i.district ?? null);
      }
    }
    // Compressing a snapshot (zlib) costs as much as storing a few thousand events: this thread does
    // it when the writing thread is behind (pages waiting), so neither waits for the other long.
    const behind = this.sent - this.acked >= COMPRESS_HERE_FROM;
    const transfer: ArrayBuffer[] = [numbers.buffer, codes.buffer];
    const snaps: WirePage['snapshots'] = snapshots.map((s) => {
      if (!behind) return s;
      // A copy of its own (zlib's output may share its memory), handed over without another copy.
      const data = compressSnapshot(s.json, SNAPSHOT_LEVEL).subarray().slice();
      transfer.push(data.buffer);
      return { seq: s.seq, time: s.time, data };
    });
    const page: WirePage = {
      kind: 'page',
      data: texts,
      numbers,
      codes,
      types,
      ids,
      opened,
      snapshots: snaps,
    };
    this.worker.postMessage(page, transfer);
    this.sent++;
    while (this.sent - this.acked >= IN_FLIGHT) await this.next();
  }

  async flush(): Promise<void> {
    while (this.acked < this.sent) await this.next();
  }

  /** Writes the description (none: a dry run or nothing imported) and leaves the file complete and closed. */
  async finish(info: DatasetInfo | undefined): Promise<void> {
    await this.flush();
    this.worker.postMessage({ kind: 'finish', info } satisfies ToWriter);
    while (!this.done) await this.next();
  }

  /** Stops the thread if it still runs (after a failure of the import): its file is thrown away. */
  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.worker.terminate();
    }
  }

  private next(): Promise<void> {
    this.check();
    return new Promise<void>((resolve) => (this.wake = resolve)).then(() => {
      this.wake = undefined;
      this.check();
    });
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake?.();
  }
}
