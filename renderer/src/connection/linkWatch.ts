/**
 * Has this workstation lost the server? The same rule as the wall (staleness.ts): the socket is
 * not live, or it stayed silent longer than WALL_SILENCE_MS without the health probe confirming
 * that nothing newer exists. Checked every LINK_CHECK_MS, so the workstation marks itself within
 * the 10 s the control room asked for. Before any data has arrived nothing is marked: there is no
 * picture to dim and the connection indicator already says "connecting".
 *
 * While lost, the picture is dimmed, a banner gives the data age, live timers stand still at the
 * time the data is from (`frozenAt` in the connection store) and operator actions are disabled
 * with the reason, until the link is back.
 */
import { useEffect } from 'react';
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { connectionStore, type ConnectionState } from '../stores/connectionStore.ts';
import { WALL_SILENCE_MS, wallFreshness, type StaleReason } from './staleness.ts';
import { probeStore, useQuietProbe } from './quietProbe.ts';

export const LINK_CHECK_MS = 1_000;
/**
 * A check that runs this much later than due comes from a page whose main thread was busy (10,000
 * units on a software-rendered map): what the socket's worker received meanwhile may still wait
 * behind it, so silence that the stall explains is not judged on this turn (issue 19, point 2).
 * A dropped socket still shows at once, and so does silence that began before the stall.
 */
export const LATE_CHECK_MS = 2_000;

export interface LinkState {
  lost: boolean;
  reason: Exclude<StaleReason, 'waiting'> | null;
  /** Local ms since the data was last known current (last message or probe confirmation). */
  ageMs: number | null;
  /** Server time the picture is from, or null before any data. */
  asOf: number | null;
}

type LinkInput = Pick<ConnectionState, 'presence' | 'lastDataAt' | 'clockOffsetMs'> & {
  confirmedAt: number | null;
};

export function linkState(s: LinkInput, now: number): LinkState {
  const fresh = wallFreshness(s, now);
  const last = s.lastDataAt === null ? null : Math.max(s.lastDataAt, s.confirmedAt ?? -Infinity);
  const asOf = last === null ? null : last - s.clockOffsetMs;
  if (!fresh.stale || fresh.reason === 'waiting' || fresh.reason === null)
    return { lost: false, reason: null, ageMs: fresh.ageMs, asOf };
  return { lost: true, reason: fresh.reason, ageMs: fresh.ageMs, asOf };
}

export const linkStore = createStore<LinkState>()(() => ({
  lost: false,
  reason: null,
  ageMs: null,
  asOf: null,
}));
export const useLink = <T>(select: (s: LinkState) => T): T => useStore(linkStore, select);

/**
 * A late check (`sinceLastMs`: time since the previous check ran) does not turn a live link into a
 * silent one on silence the stall explains: data may be waiting behind it. It is judged by the data
 * age the previous check saw instead, so a page that stays busy still shows a feed that really
 * stopped, at most one stall later than an idle page would.
 */
export function judgeLate(prev: LinkState, next: LinkState, sinceLastMs: number): LinkState {
  if (sinceLastMs <= LINK_CHECK_MS + LATE_CHECK_MS || prev.lost || next.reason !== 'silent') return next;
  if ((next.ageMs ?? 0) - sinceLastMs > WALL_SILENCE_MS) return next;
  return { ...next, lost: false, reason: null };
}

/**
 * One check: updates the link store and freezes or releases the clock of the live timers.
 * `sinceLastMs`: how long ago the previous regular check ran (see LATE_CHECK_MS).
 */
export function checkLink(now: number = Date.now(), sinceLastMs = 0): LinkState {
  const c = connectionStore.getState();
  const fresh = linkState({ ...c, confirmedAt: probeStore.getState().confirmedAt }, now);
  const next = judgeLate(linkStore.getState(), fresh, sinceLastMs);
  linkStore.setState(next);
  const frozenAt = next.lost ? next.asOf : null;
  if (c.frozenAt !== frozenAt) connectionStore.setState({ frozenAt });
  return next;
}

/** Mounted once by the workstation app: the probe for quiet servers and the once-a-second check. */
export function useLinkWatch(): void {
  useQuietProbe();
  useEffect(() => {
    checkLink();
    let lastAt = Date.now();
    const timer = setInterval(() => {
      const now = Date.now();
      checkLink(now, now - lastAt);
      lastAt = now;
    }, LINK_CHECK_MS);
    // A lost socket shows at once, not at the next tick.
    const stop = connectionStore.subscribe((s, prev) => {
      if (s.presence !== prev.presence) checkLink();
    });
    return () => {
      clearInterval(timer);
      stop();
      linkStore.setState(linkStore.getInitialState(), true);
      connectionStore.setState({ frozenAt: null });
    };
  }, []);
}
