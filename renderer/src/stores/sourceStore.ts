/**
 * What the dashboard knows about the source of its picture (source/pictureSource.ts): live or
 * replay, what it can do, how often it seeked, and what reads of the server must add in it. Set by
 * the source that is attached (source/attach.ts), never guessed from the page address, so views
 * and the dashboard's own server reads are told the mode instead of looking it up.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type SourceKind = 'live' | 'replay';

/** As Lichtblick/Foxglove's player presence: `live` is a source that delivers (live or played back). */
export const SOURCE_PRESENCES = ['connecting', 'live', 'reconnecting', 'buffering', 'error'] as const;
export type SourcePresence = (typeof SOURCE_PRESENCES)[number];

export interface SourceCapabilities {
  /** The picture can be moved to another time (the replay's playhead). */
  canSeek: boolean;
  /** Playback speed can be changed. */
  canChangeSpeed: boolean;
}

/** What the dashboard's own reads of the server add (replay: the dataset and the reason it was opened). */
export interface ReadScope {
  dataset?: string;
  reason?: string;
}

export interface SourceState {
  kind: SourceKind;
  capabilities: SourceCapabilities;
  /** Bumped on every seek: views drop what they derived from the picture before it. */
  seekCount: number;
  reads: ReadScope;
}

export const LIVE_CAPABILITIES: SourceCapabilities = { canSeek: false, canChangeSpeed: false };

export const sourceStore = createStore<SourceState>()(() => ({
  kind: 'live',
  capabilities: LIVE_CAPABILITIES,
  seekCount: 0,
  reads: {},
}));

export const useSource = <T>(select: (s: SourceState) => T): T => useStore(sourceStore, select);

/** The past is read-only: a replayed picture offers no operator actions. */
export const useReplaying = (): boolean => useSource((s) => s.kind === 'replay');
