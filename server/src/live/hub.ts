/**
 * Live fan-out to dashboards. Every dashboard sees a gap-free run of the log: a snapshot or the
 * missed events on connect, then contiguous batches (from = previous to + 1) at most every batchMs.
 * A batch is encoded once and broadcast to the room; only dashboards that joined between two
 * batches get a trimmed copy of their first one.
 */
import type { Namespace, Socket } from 'socket.io';
import {
  PROTOCOL_VERSION,
  encodeBatch,
  type Batch,
  type LiveClientToServer,
  type LiveServerToClient,
  type ServerInfo,
} from '#shared/wire';
import type { LageEvent } from '#shared/schemas';
import type { Lage } from '../lage.ts';
import { Pending } from './pending.ts';

const ROOM = 'live';
const RESUME_CHUNK = 5_000;

export type LiveSocket = Socket<LiveClientToServer, LiveServerToClient>;
export type LiveNamespace = Namespace<LiveClientToServer, LiveServerToClient>;

export interface HubOptions {
  batchMs: number;
  staleAfterMs: number;
  maxResumeEvents: number;
}

export class LiveHub {
  private readonly pending = new Pending();
  private flushedSeq: number;
  private lastFlushAt = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Dashboards already sent up to a seq beyond flushedSeq; they join the room at the next flush. */
  private readonly joining = new Map<LiveSocket, number>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly nsp: LiveNamespace,
    private readonly lage: Lage,
    private readonly options: HubOptions,
  ) {
    this.flushedSeq = lage.seq;
    this.unsubscribe = lage.onCommit((events) => this.onCommit(events));
  }

  info(): ServerInfo {
    return {
      protocol: PROTOCOL_VERSION,
      staleAfterMs: this.options.staleAfterMs,
      batchMs: this.options.batchMs,
      now: Date.now(),
    };
  }

  /** Brings a dashboard up to date from lastSeq (or from nothing) and adds it to the live room. */
  attach(socket: LiveSocket, lastSeq: number | undefined): void {
    void socket.leave(ROOM);
    this.joining.delete(socket);
    const committed = this.lage.seq;
    const tooFar =
      lastSeq === undefined || lastSeq > committed || committed - lastSeq > this.options.maxResumeEvents;
    if (tooFar) {
      socket.emit('snapshot', { picture: this.lage.picture, info: this.info() });
    } else {
      for (let after = lastSeq; after < committed; after += RESUME_CHUNK) {
        const to = Math.min(committed, after + RESUME_CHUNK);
        socket.emit(
          'batch',
          encodeBatch({ from: after + 1, to, events: this.lage.log.range(after, to), now: Date.now() }),
        );
      }
    }
    if (committed === this.flushedSeq) void socket.join(ROOM);
    else this.joining.set(socket, committed);
  }

  detach(socket: LiveSocket): void {
    this.joining.delete(socket);
  }

  close(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private onCommit(events: readonly LageEvent[]): void {
    this.pending.add(events);
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlushAt + this.options.batchMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    this.timer = undefined;
    if (this.pending.isEmpty) return;
    this.lastFlushAt = Date.now();
    const { to, events } = this.pending.take();
    const batch: Batch = { from: this.flushedSeq + 1, to, events, now: this.lastFlushAt };
    this.flushedSeq = to;
    const joiners = [...this.joining];
    this.joining.clear();
    this.nsp.to(ROOM).emit('batch', encodeBatch(batch));
    for (const [socket, sentUpTo] of joiners) {
      if (sentUpTo < to) {
        socket.emit(
          'batch',
          encodeBatch({
            from: sentUpTo + 1,
            to,
            events: events.filter((e) => e.seq > sentUpTo),
            now: batch.now,
          }),
        );
      }
      void socket.join(ROOM);
    }
  }
}
