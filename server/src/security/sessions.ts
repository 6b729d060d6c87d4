/**
 * Server-side sessions: a random token (cookie or Bearer) maps to a principal. Only the token's
 * SHA-256 is kept, in memory and in `<data-dir>/sessions.json` (user-only permissions), so a
 * restarted server keeps its dashboards signed in. A session ends on logout, after `idleMs`
 * without use, or `absoluteMs` after sign-in, whichever comes first. A session started by signing in
 * as a user of users.json follows that user (`account`): Auth re-reads its roles and districts
 * from the file on each use and ends it when the user is removed.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLES } from '#shared/roles';
import { sha256, type Principal } from './users.ts';

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
  /** Walls run for weeks and see no personal data; their sessions may last longer. */
  wallAbsoluteMs: number;
}

export interface Session {
  id: string;
  principal: Principal;
  created: number;
  lastSeen: number;
  expires: number;
  /**
   * True: the principal is a user of users.json and follows it (roles, districts, removal).
   * False: a principal of its own (a one-time wall link). Undefined: stored by an older version.
   */
  account?: boolean;
}

const principalSchema = z.object({
  name: z.string(),
  roles: z.array(z.enum(ROLES)).min(1),
  districts: z.array(z.string()).optional(),
  kind: z.enum(['user', 'device']),
});
const fileSchema = z.array(
  z.object({
    id: z.string().regex(/^[0-9a-f]{64}$/),
    principal: principalSchema,
    created: z.number(),
    lastSeen: z.number(),
    expires: z.number(),
    account: z.boolean().optional(),
  }),
);

const MAX_SESSIONS = 10_000;

/**
 * Told when a session starts or is ended here (logout, its user removed), so several nodes can
 * share sessions (cluster/sharedSessions.ts). Expiry is not told: every node expires by itself.
 */
export interface SessionMirror {
  saved(s: Session): void;
  ended(id: string): void;
  /** Resolves once what was told so far is shared (a sign-in answers after that). */
  settled(): Promise<void>;
}

export class SessionStore {
  private readonly byId = new Map<string, Session>();
  private dirty = false;
  /** Ids used (touched, looked up) since taken(): their last-seen time is shared with other nodes. */
  private readonly used = new Set<string>();
  mirror: SessionMirror | undefined;

  constructor(
    private readonly file: string | undefined,
    private readonly limits: SessionLimits,
  ) {
    if (file && fs.existsSync(file)) {
      try {
        const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
        if (parsed.success) for (const s of parsed.data) this.byId.set(s.id, s as Session);
      } catch {
        // A damaged sessions file only signs everybody out; it holds nothing else.
      }
    }
  }

  static inDataDir(dataDir: string, limits: SessionLimits): SessionStore {
    return new SessionStore(path.join(dataDir, 'sessions.json'), limits);
  }

  /** Starts a session; the token is returned once and only its hash is kept. */
  create(principal: Principal, now = Date.now(), account = false): { token: string; session: Session } {
    this.sweep(now);
    if (this.byId.size >= MAX_SESSIONS) this.dropOldest();
    const token = randomBytes(32).toString('base64url');
    const session: Session = {
      id: sha256(token),
      principal,
      created: now,
      lastSeen: now,
      expires: now + this.absoluteFor(principal),
      account,
    };
    this.byId.set(session.id, session);
    this.save();
    this.mirror?.saved(session);
    return { token, session };
  }

  /** The live session for a token (and marks it used), or undefined. */
  lookup(token: string, now = Date.now()): Session | undefined {
    if (token.length > 200) return undefined;
    const id = sha256(token);
    const s = this.byId.get(id);
    if (!s) return undefined;
    if (!this.valid(s, now)) {
      this.byId.delete(id);
      this.save();
      return undefined;
    }
    s.lastSeen = now;
    this.dirty = true;
    this.used.add(id);
    return s;
  }

  /** Is the session (by id) still valid? Used to cut off live sockets whose session ended. */
  isLive(id: string, now = Date.now()): boolean {
    const s = this.byId.get(id);
    return !!s && this.valid(s, now);
  }

  /** The valid session with this id, without marking it used. */
  get(id: string, now = Date.now()): Session | undefined {
    const s = this.byId.get(id);
    return s && this.valid(s, now) ? s : undefined;
  }

  /** Every session held (valid or not yet swept). */
  all(): Session[] {
    return [...this.byId.values()];
  }

  /**
   * The session's user changed (roles, districts): it goes on with the new principal. A session
   * that lost the wall-only roles also loses the wall's longer lifetime.
   */
  update(id: string, principal: Principal): void {
    const s = this.byId.get(id);
    if (!s) return;
    s.principal = principal;
    s.expires = Math.min(s.expires, s.created + this.absoluteFor(principal));
    this.save();
  }

  /** Marks a session stored by an older version as following its user (or not). */
  setAccount(id: string, account: boolean): void {
    const s = this.byId.get(id);
    if (s && s.account !== account) {
      s.account = account;
      this.dirty = true;
    }
  }

  touch(id: string, now = Date.now()): void {
    const s = this.byId.get(id);
    if (s && this.valid(s, now)) {
      s.lastSeen = now;
      this.dirty = true;
      this.used.add(id);
    }
  }

  /** Ends the session; false when there was none. */
  end(id: string): boolean {
    if (!this.byId.delete(id)) return false;
    this.save();
    this.mirror?.ended(id);
    return true;
  }

  /** A session started on another node (or a newer copy of it): kept here too, not told back. */
  adopt(s: Session): void {
    const mine = this.byId.get(s.id);
    this.byId.set(s.id, mine ? { ...s, lastSeen: Math.max(s.lastSeen, mine.lastSeen) } : s);
    this.dirty = true;
  }

  /** A session ended on another node: gone here too, not told back. False when there was none. */
  drop(id: string): boolean {
    if (!this.byId.delete(id)) return false;
    this.dirty = true;
    return true;
  }

  /** Another node saw the session used at `lastSeen`: it is not idle here either. */
  seen(id: string, lastSeen: number): void {
    const s = this.byId.get(id);
    if (s && lastSeen > s.lastSeen) {
      s.lastSeen = lastSeen;
      this.dirty = true;
    }
  }

  /** The sessions used since the last call (their last-seen times go to the other nodes). */
  takeUsed(): Session[] {
    const out = [...this.used].flatMap((id) => this.byId.get(id) ?? []);
    this.used.clear();
    return out;
  }

  get size(): number {
    return this.byId.size;
  }

  /** Writes last-seen times (kept in memory between sign-ins) to disk. */
  flush(): void {
    if (this.dirty) this.save();
  }

  private absoluteFor(principal: Principal): number {
    return principal.roles.every((r) => r === 'wall') ? this.limits.wallAbsoluteMs : this.limits.absoluteMs;
  }

  private valid(s: Session, now: number): boolean {
    return now < s.expires && now - s.lastSeen < this.limits.idleMs;
  }

  private sweep(now: number): void {
    for (const [id, s] of this.byId) if (!this.valid(s, now)) this.byId.delete(id);
  }

  private dropOldest(): void {
    const oldest = [...this.byId.values()].sort((a, b) => a.lastSeen - b.lastSeen)[0];
    if (oldest) this.byId.delete(oldest.id);
  }

  private save(): void {
    this.dirty = false;
    if (!this.file) return;
    const tmp = `${this.file}.tmp`;
    try {
      fs.writeFileSync(tmp, JSON.stringify([...this.byId.values()]), { mode: 0o600 });
      fs.renameSync(tmp, this.file);
    } catch (err) {
      // Sessions still work from memory; only a restart would sign everybody out.
      console.error(`lagebild: could not save sessions: ${(err as Error).message}`);
    }
  }
}
