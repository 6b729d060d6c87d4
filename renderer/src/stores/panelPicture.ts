/**
 * The picture as the panels see it: a copy of the picture store's state that is refreshed at most
 * every PANEL_REFRESH_MS, however fast batches arrive. Lists, counts and charts subscribe here, so a
 * burst of thousands of positions costs them four renders a second, not a render per batch. The map
 * reads the picture store directly (it has its own per-frame diff).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { useEffect, useState } from 'react';
import { pictureStore, type PictureState } from './pictureStore.ts';

export const PANEL_REFRESH_MS = 250;

export type PanelPicture = Pick<PictureState, 'picture' | 'staleAfterMs' | 'loaded' | 'epoch'>;

const pick = (s: PictureState): PanelPicture => ({
  picture: s.picture,
  staleAfterMs: s.staleAfterMs,
  loaded: s.loaded,
  epoch: s.epoch,
});

export const panelPictureStore = createStore<PanelPicture>()(() => pick(pictureStore.getState()));

let timer: ReturnType<typeof setTimeout> | undefined;
let lastFlush = -Infinity;

/** Copies the picture store now (tests call it to skip the wait). */
export function flushPanelPicture(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  lastFlush = Date.now();
  const s = pictureStore.getState();
  const cur = panelPictureStore.getState();
  if (cur.picture !== s.picture || cur.loaded !== s.loaded || cur.epoch !== s.epoch) {
    panelPictureStore.setState(pick(s), true);
  }
}

pictureStore.subscribe(() => {
  if (timer) return;
  timer = setTimeout(flushPanelPicture, Math.max(0, lastFlush + PANEL_REFRESH_MS - Date.now()));
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
