/** Where the replay's data comes from: the server's replay API (api.ts) or, in tests, a log in memory. */
import type { Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';

export interface EventPage {
  /** Events of the asked time range in log order (positions decoded back into events). */
  events: LageEvent[];
  /** Pass as afterSeq for the next page; null when the range is exhausted. */
  nextAfterSeq: number | null;
}

export interface ReplaySource {
  /** The whole picture as it was at t (every event with time <= t folded in). */
  picture(t: number, signal?: AbortSignal): Promise<Picture>;
  /** Events with from <= time < to after afterSeq, at most limit. */
  events(from: number, to: number, afterSeq: number, limit: number, signal?: AbortSignal): Promise<EventPage>;
}
