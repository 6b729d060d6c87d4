import { beforeAll, describe, expect, it } from 'vitest';
import type { LageEvent } from '#shared/schemas';
import { PROTOCOL_VERSION } from '#shared/wire';
import { foldEvents, pictureStore, replacePicture } from './pictureStore.ts';
import {
  PANEL_REFRESH_MS,
  POSITION_REFRESH_MS,
  flushPanelPicture,
  panelPictureStore,
} from './panelPicture.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let seq = 1;
const position = (): LageEvent => {
  seq++;
  return { type: 'unit.position', seq, time: seq, received: seq, unitId: 'u', lat: 50, lon: 7 };
};
const status = (code: 2 | 6): LageEvent => {
  seq++;
  return { type: 'unit.status', seq, time: seq, received: seq, unitId: 'u', status: code };
};

/** Folds a batch every 5 ms for `ms` and counts the panel picture's updates (after a trailing wait). */
async function storm(ms: number, make: () => LageEvent): Promise<number> {
  flushPanelPicture();
  let updates = 0;
  const unsub = panelPictureStore.subscribe(() => updates++);
  const start = Date.now();
  while (Date.now() - start < ms) {
    foldEvents([make()], seq);
    await sleep(5);
  }
  await sleep(POSITION_REFRESH_MS + 50);
  unsub();
  expect(panelPictureStore.getState().picture.seq).toBe(seq);
  return updates;
}

beforeAll(() => {
  replacePicture(
    {
      seq: 1,
      units: { u: { id: 'u', callsign: 'K 1', kind: 'motorrad', district: 'K', status: 2, statusSince: 0 } },
      incidents: {},
    },
    { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: 100, now: 0 },
  );
});

describe('panel picture throttle', () => {
  it('status changes: at most one refresh per PANEL_REFRESH_MS however fast they come', async () => {
    let n = 0;
    const updates = await storm(1000, () => status(n++ % 2 ? 2 : 6));
    // 1 s / 250 ms = 4, plus the trailing refresh and one for timer jitter at the edges.
    expect(updates).toBeGreaterThanOrEqual(3);
    expect(updates).toBeLessThanOrEqual(6);
  });

  it('position-only changes: about one refresh per second', async () => {
    const updates = await storm(1000, position);
    expect(updates).toBeGreaterThanOrEqual(1);
    expect(updates).toBeLessThanOrEqual(3);
  });

  it('a status change amid position traffic goes out at once when the last refresh is old enough', async () => {
    flushPanelPicture();
    await sleep(PANEL_REFRESH_MS + 20);
    foldEvents([position()], seq);
    const before = panelPictureStore.getState().picture.seq;
    foldEvents([status(6)], seq);
    await sleep(20);
    expect(pictureStore.getState().picture.units['u']?.status).toBe(6);
    expect(panelPictureStore.getState().picture.seq).toBeGreaterThan(before);
    expect(panelPictureStore.getState().picture.units['u']?.status).toBe(6);
  });
});
