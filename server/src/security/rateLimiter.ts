/** A token bucket per client: bursts pass, floods get 429 instead of starving everyone else. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  take(key: string, now = Date.now()): boolean {
    const b = this.refill(key, now);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  /** Would `take` succeed? Consumes nothing (e.g. count only failed logins, but check before). */
  peek(key: string, now = Date.now()): boolean {
    return this.refill(key, now).tokens >= 1;
  }

  private refill(key: string, now: number): { tokens: number; at: number } {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (this.buckets.size >= 10_000 && !this.buckets.has(key)) this.buckets.clear();
    this.buckets.set(key, b);
    return b;
  }
}
