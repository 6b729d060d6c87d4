import { describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import { PROTOCOL_VERSION } from '#shared/wire';
import { foldEvents, pictureStore, replacePicture } from './pictureStore.ts';
import { PANEL_REFRESH_MS, flushPanelPicture, panelPictureStore } from './panelPicture.ts';

describe('panel picture', () => {
  it('follows the picture at most every PANEL_REFRESH_MS however fast batches come', async () => {
    replacePicture(
      {
        seq: 1,
        units: {
          u: { id: 'u', callsign: 'K 1', kind: 'motorrad', district: 'K', status: 2, statusSince: 0 },
        },
        incidents: {},
      },
      { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: 100, now: 0 },
    );
    flushPanelPicture();
    let updates = 0;
    const unsub = panelPictureStore.subscribe(() => updates++);
    const start = Date.now();
    let seq = 1;
    // One batch every 5 ms for a full second: 200 picture updates.
    while (Date.now() - start < 1000) {
      seq++;
      const e: LageEvent = {
        type: 'unit.position',
        seq,
        time: seq,
        received: seq,
        unitId: 'u',
        lat: 50,
        lon: 7,
      };
      foldEvents([e], seq);
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, PANEL_REFRESH_MS + 50));
    unsub();
    expect(pictureStore.getState().picture.seq).toBe(seq);
    expect(panelPictureStore.getState().picture.seq).toBe(seq);
    // 1 s / 250 ms = 4 refreshes, plus one trailing refresh and one for timer jitter at the edges.
    expect(updates).toBeGreaterThanOrEqual(3);
    expect(updates).toBeLessThanOrEqual(6);
  });
});
