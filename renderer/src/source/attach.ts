/**
 * Attaches the page's picture source (main.tsx: the live connection or the replay player): the
 * source store learns its kind and capabilities before anything renders, and the source is given
 * the store feed. A source that was detached (or replaced) can no longer write: its late answers
 * must not land in the next source's picture.
 */
import { sourceStore } from '../stores/sourceStore.ts';
import { storeFeed } from './feed.ts';
import type { PictureFeed, PictureSource } from './pictureSource.ts';

let attached = 0;

export function attachSource(source: PictureSource): () => void {
  const token = ++attached;
  sourceStore.setState({ kind: source.kind, capabilities: source.capabilities, seekCount: 0, reads: {} });
  const current = () => token === attached;
  const feed: PictureFeed = {
    replace: (picture, info) => current() && storeFeed.replace(picture, info),
    fold: (events, toSeq) => current() && storeFeed.fold(events, toSeq),
    presence: (presence, error) => current() && storeFeed.presence(presence, error),
    seeked: () => current() && storeFeed.seeked(),
    scope: (reads) => current() && storeFeed.scope(reads),
  };
  source.listen(feed);
  return () => {
    if (current()) attached++;
    source.close();
  };
}
