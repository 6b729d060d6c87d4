/**
 * Who is asking: sessions (cookie or Bearer), device tokens (users.json) and the configured ingest
 * token; login with rate limits per address and per user name; one-time sign-in codes. Every
 * login and refusal goes to the audit log. users.json is followed while the server runs: each
 * identification first checks whether the file changed (`npm run users`), a session of a user
 * gets the user's current roles and districts, and ends when the user is removed.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { RateLimiter } from './rateLimiter.ts';
import { bearer, tokenMatches } from './tokens.ts';
import { sessionCookieName } from '#shared/sessionCookie';
import type { AuditLog } from './audit.ts';
import { RefusalTally } from './refusals.ts';
import { LoginThrottle } from './loginThrottle.ts';
import { SessionStore, type Session, type SessionLimits } from './sessions.ts';
import { UserStore, samePrincipal, sha256, type Principal, type UsersDiff } from './users.ts';

/** The configured ingest token (--ingest-token) is a device of role ingest with this name. */
export const INGEST_DEVICE: Principal = { name: 'ingest', roles: ['ingest'], kind: 'device' };
export const ONE_TIME_CODE_MS = 10 * 60_000;

export interface Identity {
  principal: Principal;
  /** Set for sessions (not for device tokens): logout ends it, live sockets follow it. */
  sessionId?: string;
  via: 'cookie' | 'bearer' | 'device';
  /** A device of users.json: the SHA-256 of its token (a removed or replaced device is refused). */
  deviceDigest?: string;
}

export interface AuthOptions extends SessionLimits {
  dataDir: string;
  ingestToken: string;
  secureCookies: boolean;
  /** Login attempts per client address: burst, then per minute. */
  loginPerIp: { burst: number; perMinute: number };
  /** Distinct addresses failing for one user name before unknown addresses wait (loginThrottle.ts). */
  loginPerUser: number;
}

export type LoginResult =
  | { ok: true; principal: Principal; token: string; expires: number; sessionId: string }
  | { ok: false; status: 401 | 429; error: string; retryAfter?: number };

/**
 * Text from outside (a user name typed at login) as the audit stores it: SQLite keeps UTF-8, where a
 * lone surrogate would silently become U+FFFD and break the entry's hash; very long names are cut.
 */
export const auditText = (s: string): string => s.slice(0, 200).replace(/\p{Cs}/gu, '\uFFFD');

const names = (list: string[]) => (list.length ? list : undefined);
export const WRONG_CREDENTIALS = 'wrong user name or password';

export class Auth {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  private readonly codes = new Map<string, { principal: Principal; expires: number }>();
  private readonly perIp: RateLimiter;
  private readonly throttle: LoginThrottle;
  private readonly endListeners = new Set<(sessionId: string) => void>();
  private readonly usersListeners = new Set<() => void>();
  /** Anonymous refusals, one audit row per source and minute (refusals.ts). */
  private readonly anonymousRefusals = new RefusalTally();
  private readonly refusalTimer: NodeJS.Timeout;

  /**
   * Several nodes (cluster/sharedSessions.ts): a session this node does not hold, or holds as idle,
   * is looked up there before a request or socket is identified.
   */
  sessionSource: ((id: string) => Promise<Session | undefined>) | undefined;

  /** The listening port (0 until the server listens; no request arrives before). */
  private port = 0;

  constructor(
    private readonly options: AuthOptions,
    readonly audit: AuditLog,
  ) {
    this.users = UserStore.load(options.dataDir);
    this.sessions = SessionStore.inDataDir(options.dataDir, options);
    this.perIp = new RateLimiter(options.loginPerIp.perMinute / 60, options.loginPerIp.burst);
    this.throttle = new LoginThrottle(options.loginPerUser);
    // Sessions stored before sessions knew whether they follow a user: those whose principal is
    // exactly a user of the file (as a password sign-in made them) follow it from now on.
    for (const s of this.sessions.all())
      if (s.account === undefined) this.sessions.setAccount(s.id, this.users.matches(s.principal));
    this.users.onChange((diff) => this.usersChanged(diff));
    this.refusalTimer = setInterval(() => this.flushRefusals(), 5_000);
    this.refusalTimer.unref();
  }

  /** Writes the anonymous refusals of finished minutes (all of them with `all`, at shutdown). */
  flushRefusals(all = false, now = Date.now()): void {
    for (const row of this.anonymousRefusals.take(now, all)) this.audit.append(row);
  }

  /** Takes in a changed users.json (cheap when it did not change); the server also calls it every second. */
  refreshUsers(): void {
    this.users.refresh();
  }

  /** Called after users.json changed and the sessions followed it (live sockets follow too). */
  onUsersChange(listener: () => void): void {
    this.usersListeners.add(listener);
  }

  /**
   * The identity as it stands now: a session's user with the current roles and districts, a
   * device still in the file. Undefined when the session ended or the user or device was removed.
   */
  current(identity: Identity): Identity | undefined {
    this.users.refresh();
    if (identity.sessionId) {
      const s = this.sessions.get(identity.sessionId);
      const principal = s && this.follow(s);
      return principal ? { ...identity, principal } : undefined;
    }
    if (identity.deviceDigest) {
      const principal = this.users.deviceByDigest(identity.deviceDigest);
      return principal ? { ...identity, principal } : undefined;
    }
    return identity;
  }

  /** A session's principal as users.json has it now; ends the session when its user is gone. */
  private follow(s: Session): Principal | undefined {
    if (!s.account) return s.principal;
    const now = this.users.principal(s.principal.name);
    if (!now) {
      this.endSession(s.id);
      return undefined;
    }
    if (!samePrincipal(now, s.principal)) this.sessions.update(s.id, now);
    return now;
  }

  /**
   * Before identify(): with several nodes, a session started on another node (or used there while
   * idle here) is fetched first. Never throws: an unreachable source leaves what this node holds.
   */
  async admit(headers: IncomingHttpHeaders, authToken?: unknown): Promise<void> {
    if (!this.sessionSource) return;
    const token =
      typeof authToken === 'string'
        ? authToken
        : (bearer(headers.authorization) ?? this.sessionCookie(headers));
    if (token === undefined || token.length > 512) return;
    const id = sha256(token);
    if (this.sessions.get(id)) return;
    const s = await this.sessionSource(id).catch(() => undefined);
    if (s) this.sessions.adopt(s);
  }

  /** The session ended on another node: its sockets here are signed out too. */
  sessionEndedElsewhere(id: string): void {
    if (this.sessions.drop(id)) for (const l of this.endListeners) l(id);
  }

  private endSession(id: string): boolean {
    if (!this.sessions.end(id)) return false;
    for (const l of this.endListeners) l(id);
    return true;
  }

  private usersChanged(diff: UsersDiff): void {
    let ended = 0;
    let changed = 0;
    for (const s of this.sessions.all()) {
      if (!s.account) continue;
      const before = s.principal;
      const now = this.follow(s);
      if (!now) ended++;
      else if (!samePrincipal(now, before)) changed++;
    }
    this.audit.append({
      actor: 'system:users',
      action: 'users.reload',
      target: 'users.json',
      details: {
        ...(names(diff.users.added) ? { usersAdded: diff.users.added } : {}),
        ...(names(diff.users.removed) ? { usersRemoved: diff.users.removed } : {}),
        ...(names(diff.users.changed) ? { usersChanged: diff.users.changed } : {}),
        ...(names(diff.devices.added) ? { devicesAdded: diff.devices.added } : {}),
        ...(names(diff.devices.removed) ? { devicesRemoved: diff.devices.removed } : {}),
        ...(names(diff.devices.changed) ? { devicesChanged: diff.devices.changed } : {}),
        sessionsEnded: ended,
        sessionsChanged: changed,
      },
    });
    for (const l of this.usersListeners) l();
  }

  /** The identity behind a request's cookie or Bearer token (or a socket's auth.token). */
  identify(headers: IncomingHttpHeaders, authToken?: unknown): Identity | undefined {
    this.users.refresh();
    const token = typeof authToken === 'string' ? authToken : bearer(headers.authorization);
    if (token !== undefined) return this.byToken(token);
    const cookie = this.sessionCookie(headers);
    if (!cookie) return undefined;
    const s = this.sessions.lookup(cookie);
    const principal = s && this.follow(s);
    return s && principal ? { principal, sessionId: s.id, via: 'cookie' } : undefined;
  }

  private byToken(token: string): Identity | undefined {
    if (token.length > 512) return undefined;
    const s = this.sessions.lookup(token);
    if (s) {
      const principal = this.follow(s);
      return principal ? { principal, sessionId: s.id, via: 'bearer' } : undefined;
    }
    const digest = sha256(token);
    const device = this.users.deviceByDigest(digest);
    if (device) return { principal: device, via: 'device', deviceDigest: digest };
    if (tokenMatches(token, this.options.ingestToken)) return { principal: INGEST_DEVICE, via: 'device' };
    return undefined;
  }

  async login(name: string, password: string, ip: string): Promise<LoginResult> {
    const now = Date.now();
    const verdict = this.perIp.take(`ip:${ip}`, now)
      ? this.throttle.check(name, ip, now)
      : { ok: false as const, retryAfterMs: 60_000 / this.options.loginPerIp.perMinute };
    if (!verdict.ok) {
      const retryAfter = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      this.audit.append({
        actor: auditText(name),
        action: 'auth.login',
        details: { ok: false, why: 'rate limited', ip, retryAfter },
      });
      return {
        ok: false,
        status: 429,
        error: `too many sign-in attempts; try again in ${retryAfter} s`,
        retryAfter,
      };
    }
    this.users.refresh();
    const principal = await this.users.authenticate(name, password);
    if (!principal) {
      this.throttle.failed(name, ip, Date.now());
      this.audit.append({
        actor: auditText(name),
        action: 'auth.login',
        details: { ok: false, why: WRONG_CREDENTIALS, ip },
      });
      return { ok: false, status: 401, error: WRONG_CREDENTIALS };
    }
    this.throttle.succeeded(name, ip);
    // Recorded first: a sign-in that cannot be audited (a full disk) starts no session.
    this.audit.append({ actor: principal.name, action: 'auth.login', details: { ok: true, ip } });
    const { token, session } = this.sessions.create(principal, Date.now(), true);
    // Several nodes: the token works on every node once this is answered.
    await this.sessions.mirror?.settled();
    return { ok: true, principal, token, expires: session.expires, sessionId: session.id };
  }

  /**
   * A session for a principal without a password (one-time links, tests). It follows users.json
   * when the principal is exactly one of its users (the local user's link), not otherwise (a wall
   * link's own principal).
   */
  startSession(principal: Principal): { token: string; expires: number; sessionId: string } {
    this.users.refresh();
    const { token, session } = this.sessions.create(principal, Date.now(), this.users.matches(principal));
    return { token, expires: session.expires, sessionId: session.id };
  }

  logout(identity: Identity | undefined): void {
    if (!identity?.sessionId) return;
    this.endSession(identity.sessionId);
    this.audit.append({ actor: identity.principal.name, action: 'auth.logout' });
  }

  onSessionEnd(listener: (sessionId: string) => void): void {
    this.endListeners.add(listener);
  }

  /** A single-use code that signs `principal` in once within ONE_TIME_CODE_MS. */
  createCode(principal: Principal, now = Date.now()): string {
    for (const [k, c] of this.codes) if (c.expires <= now) this.codes.delete(k);
    if (this.codes.size > 1000) throw new Error('too many open sign-in links');
    const code = randomBytes(24).toString('base64url');
    this.codes.set(sha256(code), { principal, expires: now + ONE_TIME_CODE_MS });
    return code;
  }

  redeemCode(code: string, now = Date.now()): Principal | undefined {
    if (code.length > 100) return undefined;
    const key = sha256(code);
    const c = this.codes.get(key);
    this.codes.delete(key);
    return c && c.expires > now ? c.principal : undefined;
  }

  /**
   * The session cookie of the request. Several nodes behind one load balancer listen on different
   * ports (on one host), so the browser holds the cookie named after the node that signed it in:
   * with shared sessions any node's name is taken (a token unknown to the shared store is refused).
   */
  private sessionCookie(headers: IncomingHttpHeaders): string | undefined {
    const own = readCookie(headers.cookie, this.cookieName);
    if (own !== undefined || !this.sessionSource || !headers.cookie) return own;
    const prefix = this.cookieName.replace(/\d+$/, '');
    for (const part of headers.cookie.split(';')) {
      const eq = part.indexOf('=');
      const name = part.slice(0, eq).trim();
      if (eq > 0 && name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
        return part.slice(eq + 1).trim() || undefined;
    }
    return undefined;
  }

  /** The session cookie's name (shared/src/sessionCookie.ts): it carries the port, known once listening. */
  get cookieName(): string {
    return sessionCookieName(this.port, this.options.secureCookies);
  }

  /** Called once the server listens: the port goes into the cookie's name. */
  listening(port: number): void {
    this.port = port;
  }

  cookie(token: string, expires: number): string {
    const maxAge = Math.max(0, Math.floor((expires - Date.now()) / 1000));
    return `${this.cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${this.options.secureCookies ? '; Secure' : ''}`;
  }

  clearCookie(): string {
    return `${this.cookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${this.options.secureCookies ? '; Secure' : ''}`;
  }

  /**
   * Records a refusal: who, what, why. An anonymous caller's refusals are counted per source address
   * (`details.ip`) and minute and written as one row when the minute is over.
   */
  refused(
    identity: { principal: Principal } | undefined,
    what: string,
    why: string,
    details: Record<string, unknown> = {},
  ): void {
    if (!identity) {
      const ip = typeof details['ip'] === 'string' ? details['ip'] : 'unknown';
      return this.anonymousRefusals.add(ip, auditText(what), why, Date.now());
    }
    this.audit.append({
      actor: identity?.principal.name ?? 'anonymous',
      action: 'refused',
      target: auditText(what),
      details: { why, ...details },
    });
  }

  close(): void {
    clearInterval(this.refusalTimer);
    this.flushRefusals(true);
    this.sessions.flush();
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}
