/**
 * The receiving side: one subscription per `--federate <url>`. It connects to the peer's /live as a
 * dashboard does (device token, `lastSeq`), turns what arrives into events through the federation
 * ingest adapter and commits them together with the peer's seq it has reached (the cursor, in the
 * data dir's meta table, one transaction), so after a crash or disconnect of either side it resumes
 * exactly after the last committed batch: no gap, nothing twice.
 */
import { io, type Socket } from 'socket.io-client';
import type { NewEvent } from '#shared/schemas';
import { LIVE_NAMESPACE, PROTOCOL_VERSION } from '#shared/wire';
import type { Db } from '../store/db.ts';
import type { Lage } from '../lage.ts';
import { fromBatch, fromSnapshot, type Translated } from '../ingest/federation.ts';
import type { FederationPeer } from './config.ts';
import type { AuditSummary } from './auditSummary.ts';

export interface PeerStatus {
  name: string;
  url: string;
  connected: boolean;
  /** The peer's seq up to which everything is committed here. */
  cursor: number;
  /** Events committed from this peer since start. */
  received: number;
  /** Events (or messages) left out since start, with the newest reasons. */
  refused: number;
  lastError: string | undefined;
}

const cursorKey = (p: FederationPeer) => `federation.cursor:${p.name}@${p.url}`;

export class PeerSubscription {
  private readonly socket: Socket;
  private readonly readCursor;
  private readonly writeCursor;
  private cursor: number;
  private received = 0;
  private refused = 0;
  private lastError: string | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly lage: Lage,
    private readonly db: Db,
    private readonly peer: FederationPeer,
    private readonly summary: AuditSummary,
    private readonly log: (m: string) => void,
  ) {
    this.readCursor = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    this.writeCursor = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    const stored = this.readCursor.get(cursorKey(peer)) as string | undefined;
    this.cursor = stored === undefined ? 0 : Number(stored);
    this.socket = io(`${peer.url}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      // Read at every (re)connect: resume after the last batch committed here.
      auth: (cb) => cb({ token: peer.token, ...(this.cursor > 0 ? { lastSeq: this.cursor } : {}) }),
    });
    this.socket.on('connect', () => {
      if (this.lastError) this.log(`federation ${peer.name}: connected again`);
      this.lastError = undefined;
    });
    this.socket.on('connect_error', (err: Error & { data?: { status?: number } }) => {
      this.fail(`cannot connect to ${peer.url}: ${err.message}`);
      // A refusal by the peer's middleware is not retried by Socket.IO itself; the peer may add
      // the policy or the device later, so keep asking (not too often).
      if (!this.socket.active) this.later(5_000);
    });
    this.socket.on('snapshot', (msg: unknown) => this.onSnapshot(msg));
    this.socket.on('batch', (msg: unknown) => this.onBatch(msg));
    this.socket.on('signedOut', () => this.fail('the peer signed this server out (device removed?)'));
  }

  status(): PeerStatus {
    return {
      name: this.peer.name,
      url: this.peer.url,
      connected: this.socket.connected,
      cursor: this.cursor,
      received: this.received,
      refused: this.refused,
      lastError: this.lastError,
    };
  }

  close(): void {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.socket.disconnect();
  }

  private later(ms: number): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      if (!this.closed && !this.socket.connected) this.socket.connect();
    }, ms);
  }

  private fail(error: string): void {
    if (error !== this.lastError) this.log(`federation ${this.peer.name}: ${error}`);
    this.lastError = error;
  }

  private onSnapshot(msg: unknown): void {
    const protocol = (msg as { info?: { protocol?: unknown } } | null)?.info?.protocol;
    if (protocol !== PROTOCOL_VERSION) {
      this.refused++;
      return this.fail(`the peer speaks protocol ${String(protocol)}, this server ${PROTOCOL_VERSION}`);
    }
    const t = fromSnapshot(this.peer.name, msg);
    // A snapshot restarts the run: whatever seq it stands at is where batches continue.
    if (t.ok) this.commit(t, t.to, { snapshots: 1 });
    else this.reject(t.error);
  }

  private onBatch(msg: unknown): void {
    const t = fromBatch(this.peer.name, msg);
    if (!t.ok) return this.reject(t.error);
    if (t.to <= this.cursor) return; // already committed (a page sent again around a reconnect)
    if (t.from !== this.cursor + 1) {
      // A gap: ask for what is missing, as a dashboard does; the peer serves it from its log.
      this.socket.emit('resync', this.cursor);
      return;
    }
    this.commit(t, t.to, {});
  }

  /** A message that is not what the protocol says: left out, counted, logged; the run goes on. */
  private reject(error: string): void {
    this.refused++;
    this.fail(error);
    this.summary.add(
      this.peer.name,
      { fromSeq: this.cursor, toSeq: this.cursor },
      { rejected: error.slice(0, 300) },
    );
  }

  /** Commits the events and the cursor in one transaction; an event that cannot be folded is left out. */
  private commit(t: Extract<Translated, { ok: true }>, to: number, counts: { snapshots?: number }): void {
    if (t.refused.length) {
      this.refused += t.refused.length;
      this.fail(`left out ${t.refused.length} event(s): ${t.refused[0]}`);
    }
    const key = cursorKey(this.peer);
    const store = this.db.transaction((events: readonly NewEvent[]) => {
      // The cursor first: if the commit throws, both roll back together.
      this.writeCursor.run(key, String(to));
      this.lage.commit(events);
    });
    try {
      store(t.events);
    } catch (err) {
      // A full disk, or (not seen: every event passed the log's schema) one the picture refuses.
      return this.storeFailed(err);
    }
    this.cursor = to;
    this.received += t.events.length;
    this.summary.add(
      this.peer.name,
      { events: t.events.length, fromSeq: t.from, toSeq: to, ...counts },
      { url: this.peer.url, refused: t.refused.length },
    );
  }

  /**
   * Nothing was stored (disk full, or an event the picture refuses): disconnect and come back
   * later from the same cursor, so the peer sends the same events again.
   */
  private storeFailed(err: unknown): void {
    this.fail(`not stored: ${(err as Error).message}`);
    this.socket.disconnect();
    this.later(5_000);
  }
}
