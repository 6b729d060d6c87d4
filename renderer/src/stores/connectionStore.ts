/**
 * The picture source's presence (written through the source feed, source/feed.ts) and the live
 * connection's freshness, for the always-visible indicator.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { SourcePresence } from './sourceStore.ts';

export type Presence = SourcePresence;

export interface ConnectionState {
  presence: Presence;
  serverUrl: string;
  /** Server clock of the last data received (batch/snapshot `now`), epoch ms. */
  lastServerNow: number | null;
  /** Local clock when the last data arrived; lag = local now - this. */
  lastDataAt: number | null;
  /** Estimated local clock minus server clock (includes transit time). */
  clockOffsetMs: number;
  error: string | null;
  invalidPayloads: number;
  resyncs: number;
  /**
   * While the workstation has lost the server (connection/linkWatch.ts): the server time the
   * picture is from. Live timers and ages stand still at it instead of counting on from data that
   * is no longer current; null while the link is up.
   */
  frozenAt: number | null;
}

export const connectionStore = createStore<ConnectionState>()(() => ({
  presence: 'connecting',
  serverUrl: '',
  lastServerNow: null,
  lastDataAt: null,
  clockOffsetMs: 0,
  error: null,
  invalidPayloads: 0,
  resyncs: 0,
  frozenAt: null,
}));

export function noteData(serverNow: number, localNow: number = Date.now()): void {
  connectionStore.setState({
    lastServerNow: serverNow,
    lastDataAt: localNow,
    clockOffsetMs: localNow - serverNow,
  });
}

export function setPresence(presence: Presence, error: string | null = null): void {
  connectionStore.setState({ presence, error });
}

/** Lag of the picture behind real time, in ms, or null before any data. */
export function lagMs(s: ConnectionState, localNow: number): number | null {
  return s.lastDataAt === null ? null : Math.max(0, localNow - s.lastDataAt);
}

let clockSource: (() => number) | null = null;
/** Replay: "now" is the playhead, so ages, staleness and charts read as they did at that time. */
export function setClockSource(source: (() => number) | null): void {
  clockSource = source;
}

/** The server's clock as best we know it: staleness is judged against the time the data is from. */
export const serverNow = (): number => {
  if (clockSource) return clockSource();
  const { frozenAt, clockOffsetMs } = connectionStore.getState();
  return frozenAt ?? Date.now() - clockOffsetMs;
};

export const useConnection = <T>(select: (s: ConnectionState) => T): T => useStore(connectionStore, select);
