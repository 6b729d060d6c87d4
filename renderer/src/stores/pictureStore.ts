/**
 * The situation picture as the dashboard holds it: folded from snapshot + batches with the shared
 * reducer, exactly like the server. The map reads it outside React (store.subscribe); panels read it
 * through selectors.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { applyAll } from '#shared/reducer';
import { emptyPicture, DEFAULT_STALE_AFTER_MS, type Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import type { ServerInfo } from '#shared/wire';
import { trails } from './trails.ts';

export interface PictureState {
  picture: Picture;
  /** Server facts from the last snapshot (stale threshold, batch interval). */
  staleAfterMs: number;
  /** True once a snapshot or the first batch arrived: before that the picture means nothing. */
  loaded: boolean;
  /** Bumped whenever the picture is replaced wholesale (snapshot): views drop what they derived. */
  epoch: number;
  /**
   * Seq of the last event that was not a position (status, incident, acknowledgement, …): panels
   * show such changes promptly and let position-only changes wait longer.
   */
  lastStructuralSeq: number;
}

export const pictureStore = createStore<PictureState>()(() => ({
  picture: emptyPicture(),
  staleAfterMs: DEFAULT_STALE_AFTER_MS,
  loaded: false,
  epoch: 0,
  lastStructuralSeq: 0,
}));

export function replacePicture(picture: Picture, info: ServerInfo): void {
  trails.clear();
  for (const unit of Object.values(picture.units)) {
    if (unit.position) trails.add(unit.id, unit.position.lon, unit.position.lat, unit.position.time);
  }
  pictureStore.setState((s) => ({
    picture,
    staleAfterMs: info.staleAfterMs,
    loaded: true,
    epoch: s.epoch + 1,
    lastStructuralSeq: picture.seq,
  }));
}

/** Folds events (already checked for contiguity) into the picture in one store update. */
export function foldEvents(events: readonly LageEvent[], toSeq: number): void {
  const { picture } = pictureStore.getState();
  let next = applyAll(picture, events);
  // Coalesced position events leave holes in the seq run; the batch's `to` is where we really are.
  if (next.seq !== toSeq) next = { ...next, seq: toSeq };
  let structural = false;
  for (const e of events) {
    if (e.type === 'unit.position') trails.add(e.unitId, e.lon, e.lat, e.time);
    else structural = true;
  }
  pictureStore.setState(
    structural ? { picture: next, loaded: true, lastStructuralSeq: toSeq } : { picture: next, loaded: true },
  );
}

export const usePicture = <T>(select: (s: PictureState) => T): T => useStore(pictureStore, select);
