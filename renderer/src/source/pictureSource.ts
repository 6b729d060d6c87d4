/**
 * One source interface for the live connection and the replay player, as Lichtblick/Foxglove's
 * Player: a source has presence, capabilities and a seek counter, and it writes the picture through
 * the one feed it is given (source/feed.ts) — the only path into the picture store. Implemented by
 * connection/liveSource.ts and replay/controller.ts; attached by source/attach.ts.
 */
import type { Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { ServerInfo } from '#shared/wire';
import type { ReadScope, SourceCapabilities, SourceKind, SourcePresence } from '../stores/sourceStore.ts';

export type { ReadScope, SourceCapabilities, SourceKind, SourcePresence };

/** What a source may do to the dashboard. */
export interface PictureFeed {
  /** A whole picture (live snapshot, replay picture at t): views drop what they derived. */
  replace(picture: Picture, info: ServerInfo): void;
  /** Events that continue the picture up to `toSeq` (already checked for contiguity). */
  fold(events: readonly LageEvent[], toSeq: number): void;
  presence(presence: SourcePresence, error?: string | null): void;
  /** The source jumped to another time: bumps the seek counter. */
  seeked(): void;
  /** What the dashboard's reads of the server add while this source is attached. */
  scope(reads: ReadScope): void;
}

export interface PictureSource {
  readonly kind: SourceKind;
  readonly capabilities: SourceCapabilities;
  /** Start delivering into `feed`. */
  listen(feed: PictureFeed): void;
  /** Stop delivering; the feed is not used after this. */
  close(): void;
}
