/**
 * What the nodes share besides the log (docs/scale-out.md, "Shared besides the log"): versioned
 * documents (users.json, the basemap setting) in `shared_docs`, and short messages between nodes
 * (a session ended) over LISTEN/NOTIFY. NOTIFY is not durable (a node whose listening connection
 * was down misses it), so every node also polls: the documents' versions, and whether the sessions
 * it holds still exist. A missed message therefore costs at most one poll interval, never a change.
 */
import type pg from 'pg';
import type { PgLog } from '../store/pg/pgLog.ts';
import { PgListener } from '../store/pg/pgListener.ts';

export const SHARED_CHANNEL = 'lagebild_shared';

export interface SharedDoc {
  version: number;
  body: string;
}

type DocListener = (doc: SharedDoc) => void | Promise<void>;
type MessageListener = (payload: string) => void;

export class SharedBus {
  private readonly docListeners = new Map<string, DocListener>();
  private readonly seen = new Map<string, number>();
  private readonly messageListeners = new Map<string, MessageListener>();
  private readonly pollers: (() => Promise<void>)[] = [];
  private readonly listener: PgListener;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  /** A poll was asked for while one ran (a NOTIFY during it): one more follows. */
  private again = false;
  private closed = false;
  onError: (message: string) => void = () => {};
  private lastError: string | undefined;

  constructor(
    readonly log: PgLog,
    private readonly pollMs = 1_000,
  ) {
    this.listener = new PgListener(
      log.url,
      SHARED_CHANNEL,
      (payload) => this.notified(payload),
      (err) => this.failed(err),
    );
  }

  get pool(): pg.Pool {
    return this.log.pool;
  }

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
    this.listener.ensure();
  }

  /** Calls `listener` with every newer version of the document (from any node, this one too). */
  followDoc(name: string, version: number, listener: DocListener): void {
    this.seen.set(name, version);
    this.docListeners.set(name, listener);
  }

  /** Messages `kind:payload` sent by any node (this one too) with send(). */
  onMessage(kind: string, listener: MessageListener): void {
    this.messageListeners.set(kind, listener);
  }

  /** Runs on every poll besides the documents' versions (a check that makes up for lost messages). */
  alsoPoll(fn: () => Promise<void>): void {
    this.pollers.push(fn);
  }

  async send(kind: string, payload: string, client: pg.ClientBase | pg.Pool = this.pool): Promise<void> {
    await client.query('SELECT pg_notify($1, $2)', [SHARED_CHANNEL, `${kind}:${payload}`]);
  }

  /**
   * Changes a document under its row lock: `change` gets the stored one (undefined: none yet) and
   * returns the new body, or undefined to leave it. Other nodes are told in the same transaction.
   * Returns the document as stored afterwards.
   */
  async updateDoc(
    name: string,
    change: (stored: SharedDoc | undefined) => string | undefined | Promise<string | undefined>,
  ): Promise<SharedDoc | undefined> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      // The row exists before it is locked, so two nodes creating it at once wait for each other.
      await client.query(
        "INSERT INTO shared_docs (name, version, body) VALUES ($1, 0, '') ON CONFLICT (name) DO NOTHING",
        [name],
      );
      const r = await client.query<{ version: string; body: string }>(
        'SELECT version, body FROM shared_docs WHERE name = $1 FOR UPDATE',
        [name],
      );
      const row = r.rows[0]!;
      const stored = Number(row.version) === 0 ? undefined : { version: Number(row.version), body: row.body };
      const next = await change(stored);
      if (next === undefined || next === stored?.body) {
        await client.query('COMMIT');
        return stored;
      }
      const version = (stored?.version ?? 0) + 1;
      await client.query('UPDATE shared_docs SET version = $2, body = $3 WHERE name = $1', [
        name,
        version,
        next,
      ]);
      await this.send('doc', name, client);
      await client.query('COMMIT');
      this.seen.set(name, Math.max(this.seen.get(name) ?? 0, version));
      return { version, body: next };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }

  async readDoc(name: string): Promise<SharedDoc | undefined> {
    const r = await this.pool.query<{ version: string; body: string }>(
      'SELECT version, body FROM shared_docs WHERE name = $1 AND version > 0',
      [name],
    );
    const row = r.rows[0];
    return row ? { version: Number(row.version), body: row.body } : undefined;
  }

  /** Looks for newer documents and runs the extra checks; one poll at a time. */
  poll(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.listener.ensure();
    if (this.polling) {
      this.again = true;
      return this.polling;
    }
    this.polling = (async () => {
      do {
        this.again = false;
        await this.pollOnce();
      } while (this.again && !this.closed);
    })().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    try {
      const names = [...this.docListeners.keys()];
      const r = await this.pool.query<{ name: string; version: string; body: string }>(
        'SELECT name, version, body FROM shared_docs WHERE name = ANY($1) AND version > 0',
        [names],
      );
      for (const row of r.rows) {
        const version = Number(row.version);
        if (version <= (this.seen.get(row.name) ?? 0)) continue;
        this.seen.set(row.name, version);
        await this.docListeners.get(row.name)?.({ version, body: row.body });
      }
      for (const fn of this.pollers) await fn();
      this.lastError = undefined;
    } catch (err) {
      this.failed(err);
    }
  }

  private notified(message: string): void {
    const colon = message.indexOf(':');
    const kind = message.slice(0, colon);
    const payload = message.slice(colon + 1);
    if (kind === 'doc') return void this.poll();
    this.messageListeners.get(kind)?.(payload);
  }

  private failed(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    if (this.lastError !== message) this.onError(`PostgreSQL (shared state): ${message}`);
    this.lastError = message;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.polling;
    await this.listener.close();
  }
}
