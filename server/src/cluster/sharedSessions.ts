/**
 * Sessions shared by every node through PostgreSQL (table `sessions`: the token's SHA-256, never
 * the token). A sign-in is answered after its session is stored, so the token works on any node at
 * once: a node that does not hold it looks it up (Auth.admit). A session ended on one node (logout,
 * its user removed) is deleted and announced (NOTIFY `session-end`): every node signs out its
 * sockets of that session. A lost announcement is made up for by the poll, which also shares
 * last-seen times (a session used on one node is not idle on another) and forgets expired rows.
 */
import type { Auth } from '../security/auth.ts';
import type { Session, SessionMirror } from '../security/sessions.ts';
import type { SharedBus } from './sharedBus.ts';

export class SharedSessions implements SessionMirror {
  /** Writes in flight, in order; a failed one is kept and tried again on the next poll. */
  private pending: Promise<void> = Promise.resolve();
  private readonly unsaved = new Map<string, Session>();
  private readonly unended = new Set<string>();

  constructor(
    private readonly bus: SharedBus,
    private readonly auth: Auth,
    private readonly idleMs: number,
    private readonly report: (message: string) => void,
  ) {}

  /**
   * Shares this node's sessions from now on. Those in its sessions.json are not offered: one that
   * is not in PostgreSQL ended while this node was down (a logout elsewhere) and the poll ends it.
   */
  start(): void {
    const { sessions } = this.auth;
    sessions.mirror = this;
    this.auth.sessionSource = (id) => this.fetch(id);
    this.bus.onMessage('session-end', (id) => this.auth.sessionEndedElsewhere(id));
    this.bus.alsoPoll(() => this.poll());
  }

  saved(s: Session): void {
    this.unsaved.set(s.id, s);
    this.write();
  }

  ended(id: string): void {
    this.unsaved.delete(id);
    this.unended.add(id);
    this.write();
  }

  settled(): Promise<void> {
    return this.pending;
  }

  async fetch(id: string): Promise<Session | undefined> {
    const r = await this.bus.pool.query<{ body: string; last_seen: string }>(
      'SELECT body, last_seen FROM sessions WHERE id = $1',
      [id],
    );
    const row = r.rows[0];
    if (!row) return undefined;
    const s = { ...(JSON.parse(row.body) as Session), lastSeen: Number(row.last_seen) };
    // A session of a user this node has not taken in yet: take the users in first, or following
    // the user would end a session that is valid.
    if (s.account && !this.auth.users.principal(s.principal.name)) await this.bus.poll();
    return s;
  }

  private write(): void {
    this.pending = this.pending
      .then(() => this.flush())
      .catch((err: unknown) => {
        this.report(`sessions not shared yet (retried): ${(err as Error).message}`);
      });
  }

  private async flush(): Promise<void> {
    for (const [id, s] of [...this.unsaved]) {
      await this.bus.pool.query(
        `INSERT INTO sessions (id, body, last_seen, expires) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET body = $2, last_seen = GREATEST(sessions.last_seen, $3), expires = $4`,
        [id, JSON.stringify(s), s.lastSeen, s.expires],
      );
      if (this.unsaved.get(id) === s) this.unsaved.delete(id);
    }
    for (const id of [...this.unended]) {
      const client = await this.bus.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('DELETE FROM sessions WHERE id = $1', [id]);
        await this.bus.send('session-end', id, client);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
      this.unended.delete(id);
    }
  }

  /** Forgets expired sessions (a job of one node at a time: jobs.ts `once`). */
  async clean(now = Date.now()): Promise<void> {
    await this.bus.pool.query('DELETE FROM sessions WHERE expires < $1 OR last_seen < $2', [
      now,
      now - this.idleMs,
    ]);
  }

  /** Retries, shares last-seen times, and ends here what ended elsewhere while a message was lost. */
  private async poll(): Promise<void> {
    if (this.unsaved.size || this.unended.size) this.write();
    await this.pending;
    const { sessions } = this.auth;
    for (const s of sessions.takeUsed())
      await this.bus.pool.query('UPDATE sessions SET last_seen = GREATEST(last_seen, $2) WHERE id = $1', [
        s.id,
        s.lastSeen,
      ]);
    const held = sessions.all().map((s) => s.id);
    if (held.length === 0) return;
    const r = await this.bus.pool.query<{ id: string; last_seen: string }>(
      'SELECT id, last_seen FROM sessions WHERE id = ANY($1)',
      [held],
    );
    const found = new Map(r.rows.map((row) => [row.id, Number(row.last_seen)]));
    for (const id of held) {
      const lastSeen = found.get(id);
      if (lastSeen !== undefined) sessions.seen(id, lastSeen);
      else if (!this.unsaved.has(id)) this.auth.sessionEndedElsewhere(id);
    }
  }
}
