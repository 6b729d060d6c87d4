/**
 * The picture as the panels see it: a copy of the picture store's state refreshed at most every
 * PANEL_REFRESH_MS however fast batches arrive. A change that matters to the panels (status,
 * incident, acknowledgement: a "structural" event) goes out at the next slot, at once when the last
 * refresh is older than that; position-only changes wait up to POSITION_REFRESH_MS, since panels
 * barely show positions. Lists, counts and charts subscribe here; the map reads the picture store
 * directly (it has its own per-frame diff).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useEffect, useState } from 'react';
import { pictureStore, type PictureState } from './pictureStore.ts';

export const PANEL_REFRESH_MS = 250;
export const POSITION_REFRESH_MS = 1_000;

export type PanelPicture = Pick<PictureState, 'picture' | 'staleAfterMs' | 'loaded' | 'epoch'>;

const pick = (s: PictureState): PanelPicture => ({
  picture: s.picture,
  staleAfterMs: s.staleAfterMs,
  loaded: s.loaded,
  epoch: s.epoch,
});

export const panelPictureStore = createStore<PanelPicture>()(() => pick(pictureStore.getState()));

let timer: ReturnType<typeof setTimeout> | undefined;
let timerDue = Infinity;
let lastFlush = -Infinity;
let publishedStructural = pictureStore.getState().lastStructuralSeq;

/** Copies the picture store now (tests call it to skip the wait). */
export function flushPanelPicture(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  timerDue = Infinity;
  lastFlush = Date.now();
  const s = pictureStore.getState();
  publishedStructural = s.lastStructuralSeq;
  const cur = panelPictureStore.getState();
  if (cur.picture !== s.picture || cur.loaded !== s.loaded || cur.epoch !== s.epoch) {
    panelPictureStore.setState(pick(s), true);
  }
}

pictureStore.subscribe((s) => {
  const urgent =
    s.lastStructuralSeq !== publishedStructural || s.epoch !== panelPictureStore.getState().epoch;
  const due = lastFlush + (urgent ? PANEL_REFRESH_MS : POSITION_REFRESH_MS);
  if (timer && timerDue <= due) return;
  if (timer) clearTimeout(timer);
  timerDue = due;
  timer = setTimeout(flushPanelPicture, Math.max(0, due - Date.now()));
});

export const usePanelPicture = <T>(select: (s: PanelPicture) => T): T => useStore(panelPictureStore, select);

/**
 * The panel picture re-read every `everyMs` (not on every refresh): for views whose numbers move
 * slowly and are costly to redraw, such as charts.
 */
export function useSampledPicture(everyMs: number): PanelPicture {
  const [state, setState] = useState(panelPictureStore.getState);
  useEffect(() => {
    const timer = setInterval(() => setState(panelPictureStore.getState()), everyMs);
    // The first picture should not wait a whole interval.
    const unsub = panelPictureStore.subscribe((s, prev) => {
      if (s.epoch !== prev.epoch || s.loaded !== prev.loaded) setState(s);
    });
    return () => {
      clearInterval(timer);
      unsub();
    };
  }, [everyMs]);
  return state;
}
