/**
 * A node that cannot reach PostgreSQL cannot know what the other nodes committed: its picture is
 * stale. Its dashboards must show that (docs/scale-out.md, "PostgreSQL down"): after
 * UNREACHABLE_AFTER_MS without an answer the node signs its live sockets off the feed (they keep
 * their last picture, which the dashboard marks stale once the link is not live: linkWatch.ts) and
 * refuses new ones with "unavailable: …" (503) until PostgreSQL answers again; the dashboards retry
 * and resume from their own seq, with no fresh picture.
 */
import type { Server } from 'socket.io';
import { LIVE_NAMESPACE } from '#shared/wire';
import type { Lage } from '../lage.ts';

/** Short failures (a PostgreSQL restart's first refused connection) do not cut anybody off. */
export const UNREACHABLE_AFTER_MS = 3_000;
export const UNREACHABLE_ERROR =
  'unavailable: this Lage server cannot reach its database; its picture is stale';

/** Is the node cut off from the shared log now (for long enough to say so)? */
export function unreachable(lage: Lage, now = Date.now()): boolean {
  const since = lage.shared?.health.failingSince;
  return since !== undefined && now - since >= UNREACHABLE_AFTER_MS;
}

/** Refuses live handshakes while cut off; returns the check that disconnects the connected ones. */
export function guardLiveFeed(io: Server, lage: Lage): () => void {
  const live = io.of(LIVE_NAMESPACE);
  live.use((_socket, next) => {
    if (!unreachable(lage)) return next();
    next(Object.assign(new Error(UNREACHABLE_ERROR), { data: { status: 503 } }));
  });
  return () => {
    if (!unreachable(lage)) return;
    for (const socket of live.sockets.values()) socket.disconnect(true);
  };
}
