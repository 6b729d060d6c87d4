/**
 * Failed sign-ins slow the guesser down, not the owner (issue 13, point 3: ten wrong passwords from
 * anywhere locked the real user out, and two tries a minute kept it locked).
 * - Per user name and address: FREE_FAILURES failures, then each further failure makes that pair
 *   wait BASE_DELAY_MS, twice as long after the next, … up to MAX_DELAY_MS; a try while waiting gets
 *   429 with Retry-After and is not checked. The owner at another address is not affected.
 * - Per user name over addresses (a guesser spreading over many): once `spread` distinct addresses
 *   failed within SPREAD_WINDOW_MS, addresses the user has not signed in from since the server
 *   started wait too; the owner's own workstation (a past success there) still gets in.
 * - Per address over names: the `--login-limit` attempts per minute (Auth, RateLimiter).
 */
export const FREE_FAILURES = 5;
export const BASE_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 15 * 60_000;
export const SPREAD_WINDOW_MS = 15 * 60_000;
/** Entries kept per map; an attacker inventing names or addresses cannot grow them further. */
const MAX_ENTRIES = 10_000;
const MAX_TRUSTED = 20;

interface Pair {
  failures: number;
  until: number;
  last: number;
}

interface UserState {
  /** Address → time of its last failure for this user. */
  failing: Map<string, number>;
  /** Addresses this user signed in from. */
  trusted: Set<string>;
}

export type Verdict = { ok: true } | { ok: false; retryAfterMs: number };

export class LoginThrottle {
  private readonly pairs = new Map<string, Pair>();
  private readonly users = new Map<string, UserState>();

  /** `spread`: distinct failing addresses per user name before unknown addresses wait. */
  constructor(private readonly spread: number) {}

  /** May `user` try a password from `ip` now? */
  check(user: string, ip: string, now: number): Verdict {
    const pair = this.pairs.get(pairKey(user, ip));
    if (pair && pair.until > now) return { ok: false, retryAfterMs: pair.until - now };
    const u = this.users.get(user);
    if (!u || u.trusted.has(ip)) return { ok: true };
    let oldest = Infinity;
    let n = 0;
    for (const [addr, at] of u.failing) {
      if (now - at > SPREAD_WINDOW_MS) u.failing.delete(addr);
      else {
        n++;
        oldest = Math.min(oldest, at);
      }
    }
    if (n < this.spread) return { ok: true };
    return { ok: false, retryAfterMs: Math.max(1_000, oldest + SPREAD_WINDOW_MS - now) };
  }

  failed(user: string, ip: string, now: number): void {
    const key = pairKey(user, ip);
    const pair = this.pairs.get(key) ?? { failures: 0, until: 0, last: now };
    // A pair quiet for longer than the longest delay starts over.
    if (now - pair.last > MAX_DELAY_MS) pair.failures = 0;
    pair.failures++;
    pair.last = now;
    if (pair.failures >= FREE_FAILURES)
      pair.until = now + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (pair.failures - FREE_FAILURES));
    bounded(this.pairs).set(key, pair);
    const u = this.user(user);
    u.failing.delete(ip);
    u.failing.set(ip, now);
    if (u.failing.size > MAX_ENTRIES) u.failing.delete(u.failing.keys().next().value as string);
  }

  succeeded(user: string, ip: string): void {
    this.pairs.delete(pairKey(user, ip));
    const u = this.user(user);
    u.failing.delete(ip);
    u.trusted.add(ip);
    if (u.trusted.size > MAX_TRUSTED) u.trusted.delete(u.trusted.values().next().value as string);
  }

  private user(name: string): UserState {
    let u = this.users.get(name);
    if (!u) bounded(this.users).set(name, (u = { failing: new Map(), trusted: new Set() }));
    return u;
  }
}

const pairKey = (user: string, ip: string) => `${ip}\n${user}`;

/** Drops the oldest entry of a full map before a new one goes in. */
function bounded<V>(map: Map<string, V>): Map<string, V> {
  if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as string);
  return map;
}
