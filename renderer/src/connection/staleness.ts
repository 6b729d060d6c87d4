/**
 * When is the whole wall stale? Batches arrive only when something happens, so silence alone is a
 * weak signal; a lost connection is a strong one. The wall is stale when the socket is not live, or
 * when no message arrived for WALL_SILENCE_MS (a feed that hangs with the socket still open: the
 * socket's own ping would notice only after ~18 s). Checked every second, so the mark appears
 * within the 10 s the control room asked for. A quiet server is not a dead one: after
 * PROBE_AFTER_MS of silence the wall asks the server's health route for its seq, and an answer
 * that shows nothing newer than the wall holds confirms the picture as current (confirmedAt).
 */
import type { ConnectionState } from '../stores/connectionStore.ts';

export const WALL_SILENCE_MS = 8_000;
/**
 * Early enough that, on a slow machine, two probes can be answered inside WALL_SILENCE_MS: a quiet
 * server that answers must never look lost (a click refused as "no connection" right after a restart).
 */
export const PROBE_AFTER_MS = 3_000;

export type StaleReason = 'waiting' | 'disconnected' | 'silent';

export interface WallFreshness {
  stale: boolean;
  reason: StaleReason | null;
  /** Local ms since the last message, or null before any. */
  ageMs: number | null;
}

export interface FreshnessInput extends Pick<ConnectionState, 'presence' | 'lastDataAt'> {
  /** Local time the health probe last confirmed that nothing newer exists, or null. */
  confirmedAt?: number | null;
}

export function wallFreshness(
  s: FreshnessInput,
  now: number,
  silenceMs: number = WALL_SILENCE_MS,
): WallFreshness {
  const last = s.lastDataAt === null ? null : Math.max(s.lastDataAt, s.confirmedAt ?? -Infinity);
  const ageMs = last === null ? null : Math.max(0, now - last);
  if (s.presence !== 'live')
    return { stale: true, reason: ageMs === null ? 'waiting' : 'disconnected', ageMs };
  if (ageMs === null) return { stale: true, reason: 'waiting', ageMs };
  if (ageMs > silenceMs) return { stale: true, reason: 'silent', ageMs };
  return { stale: false, reason: null, ageMs };
}

/** The health probe confirms the picture when the server's seq is not ahead of what the wall holds. */
export const probeConfirms = (serverSeq: unknown, heldSeq: number): boolean =>
  typeof serverSeq === 'number' && Number.isSafeInteger(serverSeq) && serverSeq <= heldSeq;
