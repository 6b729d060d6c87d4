/**
 * The one path from a picture source into the stores: the attached source's kind and capabilities
 * are known before it delivers, its pictures, events, presence, seeks and read scope land in the
 * stores, and a source that was detached or replaced writes nothing more.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { emptyPicture } from '#shared/picture';
import { PROTOCOL_VERSION } from '#shared/wire';
import { pictureStore } from '../stores/pictureStore.ts';
import { connectionStore } from '../stores/connectionStore.ts';
import { sourceStore } from '../stores/sourceStore.ts';
import { attachSource } from './attach.ts';
import type { PictureFeed, PictureSource } from './pictureSource.ts';

const info = { protocol: PROTOCOL_VERSION, staleAfterMs: 60_000, batchMs: 100, now: 1_000 };

/** A source the test drives by hand: it keeps the feed it is given. */
function handSource(kind: PictureSource['kind'], canSeek: boolean) {
  const source = {
    kind,
    capabilities: { canSeek, canChangeSpeed: canSeek },
    feed: null as PictureFeed | null,
    closed: 0,
    listen(feed: PictureFeed) {
      source.feed = feed;
    },
    close() {
      source.closed++;
    },
  };
  return source;
}

afterEach(() => {
  sourceStore.setState(sourceStore.getInitialState(), true);
  pictureStore.setState(pictureStore.getInitialState(), true);
  connectionStore.setState(connectionStore.getInitialState(), true);
});

describe('attachSource', () => {
  it('states kind and capabilities before the source delivers, then feeds the stores', () => {
    const source = handSource('replay', true);
    attachSource(source);
    expect(sourceStore.getState()).toMatchObject({
      kind: 'replay',
      capabilities: { canSeek: true, canChangeSpeed: true },
      seekCount: 0,
    });
    const feed = source.feed!;
    feed.presence('buffering');
    expect(connectionStore.getState().presence).toBe('buffering');
    feed.seeked();
    feed.replace({ ...emptyPicture(), seq: 4 }, info);
    expect(pictureStore.getState()).toMatchObject({ loaded: true, epoch: 1, staleAfterMs: 60_000 });
    feed.fold(
      [
        {
          seq: 5,
          time: 1_001,
          received: 1_001,
          type: 'unit.registered',
          unit: { id: 'u1', callsign: 'K 1', kind: 'funkstreifenwagen', district: 'Köln-Mitte' },
        },
      ],
      5,
    );
    expect(pictureStore.getState().picture.seq).toBe(5);
    expect(Object.keys(pictureStore.getState().picture.units)).toEqual(['u1']);
    feed.scope({ dataset: 'cad', reason: 'Schulung' });
    feed.presence('live');
    expect(sourceStore.getState()).toMatchObject({
      seekCount: 1,
      reads: { dataset: 'cad', reason: 'Schulung' },
    });
    expect(connectionStore.getState()).toMatchObject({ presence: 'live', error: null });
  });

  it('a detached or replaced source writes nothing more', () => {
    const old = handSource('replay', true);
    const detach = attachSource(old);
    const oldFeed = old.feed!;
    detach();
    expect(old.closed).toBe(1);
    oldFeed.replace({ ...emptyPicture(), seq: 9 }, info);
    oldFeed.presence('error', 'late answer');
    expect(pictureStore.getState().loaded).toBe(false);
    expect(connectionStore.getState().presence).toBe('connecting');

    const live = handSource('live', false);
    attachSource(live);
    const replaced = handSource('replay', true);
    attachSource(replaced);
    live.feed!.seeked();
    expect(sourceStore.getState()).toMatchObject({ kind: 'replay', seekCount: 0 });
    replaced.feed!.seeked();
    expect(sourceStore.getState().seekCount).toBe(1);
  });
});
