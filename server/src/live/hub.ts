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
import { FULL_VIEW, policyKey, redactEvent, redactPicture, type ViewPolicy } from '#shared/redact';
import { eventLookup } from '../store/incidentDistricts.ts';
import { RESUME_PAGE, ResumeQueue, ResyncBudget } from './resume.ts';
import type { ShareFilter } from '../federation/sharing.ts';

const roomOf = (key: string) => `live:${key}`;

export type LiveSocket = Socket<LiveClientToServer, LiveServerToClient>;
export type LiveNamespace = Namespace<LiveClientToServer, LiveServerToClient>;

export interface HubOptions {
  batchMs: number;
  staleAfterMs: number;
  maxResumeEvents: number;
  /** Cuts a federation peer's view down to its sharing policy (server/src/federation/sharing.ts). */
  share?: ShareFilter;
}

export class LiveHub {
  private readonly pending = new Pending();
  private flushedSeq: number;
  private lastFlushAt = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Dashboards already sent up to a seq beyond flushedSeq; they join their room at the next flush. */
  private readonly joining = new Map<LiveSocket, { sentUpTo: number; policy: ViewPolicy }>();
  /** One room per view policy: each batch is redacted and encoded once per policy. */
  private readonly views = new Map<string, ViewPolicy>();
  private readonly room = new Map<LiveSocket, string>();
  /** Dashboards being brought up to date page by page (resume.ts): the seq sent so far and their view. */
  private readonly resuming = new Map<LiveSocket, { after: number; policy: ViewPolicy }>();
  private readonly queue = new ResumeQueue<LiveSocket>((socket) => this.resumeStep(socket));
  private readonly budget = new ResyncBudget<LiveSocket>();
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

  /** Tells every connected dashboard (every view) that the basemap settings changed. */
  basemapChanged(changedAt: number = Date.now()): void {
    this.nsp.emit('basemapChanged', { changedAt });
  }

  /**
   * Brings a dashboard up to date from lastSeq (or from nothing) and adds it to its view's room. A
   * snapshot or a gap of at most one page is sent at once; a longer gap page by page (resume.ts).
   */
  attach(socket: LiveSocket, lastSeq: number | undefined, policy: ViewPolicy = FULL_VIEW): void {
    this.detach(socket);
    const committed = this.lage.seq;
    if (lastSeq === undefined || this.tooFar(lastSeq, committed)) {
      socket.emit('snapshot', { picture: this.redactPicture(policy), info: this.info() });
      return this.joinAt(socket, committed, policy);
    }
    this.resuming.set(socket, { after: lastSeq, policy });
    if (committed - lastSeq <= RESUME_PAGE) {
      this.resumeStep(socket);
      this.resuming.delete(socket);
    } else this.queue.add(socket);
  }

  /**
   * A dashboard's `resync`: served under the socket's rate limit (resume.ts), in the view the socket
   * has when it is served (`policyOf`: users.json may have changed while it waited).
   */
  resync(socket: LiveSocket, lastSeq: number | undefined, policyOf: () => ViewPolicy): void {
    this.budget.request(socket, () => {
      if (socket.connected) this.attach(socket, lastSeq, policyOf());
    });
  }

  /** Dashboards still being brought up to date page by page. */
  get resumes(): number {
    return this.queue.size;
  }

  // Below the retention floor the log holds reduced events, not what the dashboard missed.
  private tooFar(lastSeq: number, committed: number): boolean {
    return (
      lastSeq > committed ||
      committed - lastSeq > this.options.maxResumeEvents ||
      lastSeq < this.lage.log.floorSeq
    );
  }

  /** Sends the next page of a resume; true when the dashboard is up to date and has joined. */
  private resumeStep(socket: LiveSocket): boolean {
    const job = this.resuming.get(socket);
    if (!job) return true;
    const committed = this.lage.seq;
    // The log may outrun a slow resume: past the resume limit a snapshot is cheaper for both ends.
    if (this.tooFar(job.after, committed)) {
      this.resuming.delete(socket);
      this.attach(socket, undefined, job.policy);
      return true;
    }
    if (job.after < committed) {
      const to = Math.min(committed, job.after + RESUME_PAGE);
      const events = this.redact(this.lage.log.range(job.after, to), job.policy);
      socket.emit('batch', encodeBatch({ from: job.after + 1, to, events, now: Date.now() }));
      job.after = to;
    }
    if (job.after < committed) return false;
    this.resuming.delete(socket);
    this.joinAt(socket, committed, job.policy);
    return true;
  }

  /** Joins the room now, or at the next flush when events beyond the last batch were already sent. */
  private joinAt(socket: LiveSocket, sentUpTo: number, policy: ViewPolicy): void {
    if (sentUpTo === this.flushedSeq) this.join(socket, policy);
    else this.joining.set(socket, { sentUpTo, policy });
  }

  detach(socket: LiveSocket): void {
    this.joining.delete(socket);
    this.resuming.delete(socket);
    this.queue.delete(socket);
    const room = this.room.get(socket);
    if (room) void socket.leave(room);
    this.room.delete(socket);
  }

  private join(socket: LiveSocket, policy: ViewPolicy): void {
    const key = policyKey(policy);
    this.views.set(key, policy);
    this.room.set(socket, roomOf(key));
    void socket.join(roomOf(key));
  }

  private redact(events: LageEvent[], policy: ViewPolicy): LageEvent[] {
    if (policyKey(policy) === policyKey(FULL_VIEW)) return events;
    const lookup = eventLookup(this.lage.log.db, (id) => this.lage.picture.units[id]);
    const seen = events.flatMap((e) => redactEvent(e, policy, lookup) ?? []);
    // A peer without a sharing filter gets nothing (never the unfiltered view).
    if (policy.share !== undefined) return this.options.share?.events(policy.share, seen) ?? [];
    return seen;
  }

  private redactPicture(policy: ViewPolicy) {
    const seen = redactPicture(this.lage.picture, policy);
    if (policy.share === undefined) return seen;
    return this.options.share?.picture(policy.share, seen) ?? { ...seen, units: {}, incidents: {} };
  }

  /** A socket that left: also its waiting resync. */
  forget(socket: LiveSocket): void {
    this.detach(socket);
    this.budget.forget(socket);
  }

  close(): void {
    this.unsubscribe();
    this.queue.close();
    this.budget.close();
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
    for (const [key, policy] of this.views) {
      if (!this.nsp.adapter.rooms.get(roomOf(key))?.size) {
        this.views.delete(key);
        continue;
      }
      this.nsp.to(roomOf(key)).emit('batch', encodeBatch({ ...batch, events: this.redact(events, policy) }));
    }
    for (const [socket, { sentUpTo, policy }] of joiners) {
      if (sentUpTo < to) {
        const mine = this.redact(
          events.filter((e) => e.seq > sentUpTo),
          policy,
        );
        socket.emit('batch', encodeBatch({ from: sentUpTo + 1, to, events: mine, now: batch.now }));
      }
      this.join(socket, policy);
    }
  }
}
