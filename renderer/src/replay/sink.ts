/**
 * Feeds the replay into the dashboard's own stores (picture, trails), so the map, panels, charts and
 * heatmap show the picture at T through exactly the code paths they use live. The live connection is
 * never started in replay mode, so nothing else writes there.
 */
import type { Picture } from '#shared/picture';
import type { LageEvent } from '#shared/schemas';
import { PROTOCOL_VERSION } from '#shared/wire';
import { foldEvents, pictureStore, replacePicture } from '../stores/pictureStore.ts';
import { trails } from '../stores/trails.ts';
import type { ReplaySink } from './driver.ts';
import { replayStore } from './replayStore.ts';

export const storeSink: ReplaySink = {
  replace(picture: Picture, t: number): void {
    replacePicture(picture, {
      protocol: PROTOCOL_VERSION,
      // The server's --stale-after (from the catalogue), so stale units are those the dashboards showed.
      staleAfterMs: replayStore.getState().staleAfterMs,
      batchMs: 100,
      now: t,
    });
  },
  fold(events: readonly LageEvent[], toSeq: number): void {
    foldEvents(events, toSeq);
  },
  trails(positions: readonly LageEvent[]): void {
    trails.clear();
    for (const e of positions) if (e.type === 'unit.position') trails.add(e.unitId, e.lon, e.lat, e.time);
    for (const u of Object.values(pictureStore.getState().picture.units)) {
      if (u.position) trails.add(u.id, u.position.lon, u.position.lat, u.position.time);
    }
  },
};
