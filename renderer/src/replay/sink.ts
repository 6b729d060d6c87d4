/**
 * Feeds the replay into the dashboard's own stores (picture, trails) through the picture feed (the
 * one path every source writes through, source/feed.ts), so the map, panels, charts and heatmap
 * show the picture at T through exactly the code paths they use live.
 */
import type { Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import { PROTOCOL_VERSION } from '#shared/wire';
import { pictureStore } from '../stores/pictureStore.ts';
import { trails } from '../stores/trails.ts';
import { storeFeed } from '../source/feed.ts';
import type { PictureFeed } from '../source/pictureSource.ts';
import type { ReplaySink } from './driver.ts';
import { replayStore } from './replayStore.ts';

export function sinkFor(feed: PictureFeed): ReplaySink {
  return {
    replace(picture: Picture, t: number): void {
      feed.replace(picture, {
        protocol: PROTOCOL_VERSION,
        // The server's --stale-after (from the catalogue), so stale units are those the dashboards showed.
        staleAfterMs: replayStore.getState().staleAfterMs,
        batchMs: 100,
        now: t,
      });
    },
    fold(events: readonly LageEvent[], toSeq: number): void {
      feed.fold(events, toSeq);
    },
    trails(positions: readonly LageEvent[]): void {
      trails.clear();
      for (const e of positions) if (e.type === 'unit.position') trails.add(e.unitId, e.lon, e.lat, e.time);
      for (const u of Object.values(pictureStore.getState().picture.units)) {
        if (u.position) trails.add(u.id, u.position.lon, u.position.lat, u.position.time);
      }
    },
  };
}

/** The sink over the store feed itself (the replay benchmark drives it as the replay view does). */
export const storeSink: ReplaySink = sinkFor(storeFeed);
