/**
 * The live protocol's receiving side, without the socket: validates each payload, checks that
 * batches continue the picture's seq without a gap, and hands them to the picture feed (the
 * source's one path into the stores, source/feed.ts); a basemap change makes the maps reload the
 * basemap. The socket wrapper (liveClient.ts) and the map bench both use it, so the bench measures
 * the real path.
 */
import { basemapChangedSchema, batchSchema, snapshotMessageSchema, type Batch } from '#shared/wire';
import { describeIssues } from '#shared/schemas';
import { pictureStore } from '../stores/pictureStore.ts';
import { connectionStore, noteData } from '../stores/connectionStore.ts';
import { reloadBasemap } from '../basemap/basemapStore.ts';
import { storeFeed } from '../source/feed.ts';
import type { PictureFeed } from '../source/pictureSource.ts';

export type FeedOutcome =
  | { kind: 'applied'; seq: number }
  | { kind: 'duplicate'; seq: number }
  | { kind: 'gap'; seq: number; from: number }
  | Invalid;
type Invalid = { kind: 'invalid'; detail: string };

function invalid(what: string, lines: string[]): Invalid {
  const detail = `${what}: ${lines.slice(0, 3).join('; ')}${lines.length > 3 ? ` (+${lines.length - 3})` : ''}`;
  connectionStore.setState((s) => ({ invalidPayloads: s.invalidPayloads + 1, error: detail }));
  return { kind: 'invalid', detail };
}

export function receiveSnapshot(
  raw: unknown,
  localNow: number = Date.now(),
  feed: PictureFeed = storeFeed,
): FeedOutcome {
  const parsed = snapshotMessageSchema.safeParse(raw);
  if (!parsed.success) return invalid('snapshot', describeIssues(parsed.error));
  const { picture, info } = parsed.data;
  feed.replace(picture, info);
  noteData(info.now, localNow);
  return { kind: 'applied', seq: picture.seq };
}

/** A feed that may hold batches back (coalesce.ts): contiguity is checked against what it holds. */
type BatchFeed = PictureFeed & { heldSeq?(): number | undefined };

export function receiveBatch(
  raw: unknown,
  localNow: number = Date.now(),
  feed: BatchFeed = storeFeed,
): FeedOutcome {
  const parsed = batchSchema.safeParse(raw);
  if (!parsed.success) return invalid('batch', describeIssues(parsed.error));
  return receiveCheckedBatch(parsed.data, localNow, feed);
}

/** A batch already checked against batchSchema and decoded (by the live socket's worker). */
export function receiveCheckedBatch(
  batch: Batch,
  localNow: number = Date.now(),
  feed: BatchFeed = storeFeed,
): FeedOutcome {
  if (batch.to < batch.from - 1) return invalid('batch', [`to (${batch.to}) is before from (${batch.from})`]);
  const seq = feed.heldSeq?.() ?? pictureStore.getState().picture.seq;
  noteData(batch.now, localNow);
  if (batch.to <= seq) return { kind: 'duplicate', seq };
  if (batch.from > seq + 1) return { kind: 'gap', seq, from: batch.from };
  // A batch that overlaps what we hold (e.g. after a resync) is folded from our seq on.
  const events = batch.from <= seq ? batch.events.filter((e) => e.seq > seq) : batch.events;
  feed.fold(events, batch.to);
  return { kind: 'applied', seq: batch.to };
}

/**
 * The basemap settings were changed (by any dashboard, this one included): every map fetches the
 * summary and style again, as after saving in this dashboard's settings.
 */
export function receiveBasemapChanged(raw: unknown): { kind: 'reloaded'; changedAt: number } | Invalid {
  const parsed = basemapChangedSchema.safeParse(raw);
  if (!parsed.success) return invalid('basemapChanged', describeIssues(parsed.error));
  reloadBasemap();
  return { kind: 'reloaded', changedAt: parsed.data.changedAt };
}
