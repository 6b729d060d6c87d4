/**
 * Several Lage servers (nodes of one PostgreSQL cluster, docs/scale-out.md) for one client: which
 * one to try next when the current one cannot be reached. Pure, so the choice is unit-tested
 * without sockets or windows.
 */

/** Wait before trying the next server while a round through the list has not failed yet. */
export const NEXT_SERVER_DELAY_MS = 250;
/** After every server of the list failed once, the wait doubles from this up to the maximum. */
export const ROUND_DELAY_MS = 500;
export const MAX_ROUND_DELAY_MS = 3_000;

/**
 * Which server a client uses, and which next. A failure moves on to the next server in list order
 * at once (a node that died must not cost more than a short pause: the others are likely fine);
 * once every server failed in a row, each further round waits longer (500 ms doubling to 3 s), so
 * a client does not hammer a cluster that is down as a whole. A success ends the round.
 */
export class ServerRotation {
  private index = 0;
  private failedInRow = 0;

  constructor(readonly origins: readonly string[]) {
    if (origins.length === 0) throw new Error('ServerRotation needs at least one server');
  }

  get current(): string {
    return this.origins[this.index]!;
  }

  /** The current server is connected and serving. */
  succeeded(): void {
    this.failedInRow = 0;
  }

  /** The current server failed (unreachable, refused for now, closed): where to go and when. */
  failed(): { origin: string; delayMs: number } {
    this.failedInRow++;
    this.index = (this.index + 1) % this.origins.length;
    const rounds = Math.floor(this.failedInRow / this.origins.length);
    const delayMs =
      this.failedInRow % this.origins.length !== 0 || rounds === 0
        ? NEXT_SERVER_DELAY_MS
        : Math.min(ROUND_DELAY_MS * 2 ** (rounds - 1), MAX_ROUND_DELAY_MS);
    return { origin: this.current, delayMs };
  }
}
