/** The one path from a picture source into the stores (picture, presence, source facts). */
import { foldEvents, replacePicture } from '../stores/pictureStore.ts';
import { setPresence } from '../stores/connectionStore.ts';
import { sourceStore } from '../stores/sourceStore.ts';
import type { PictureFeed } from './pictureSource.ts';

export const storeFeed: PictureFeed = {
  replace: (picture, info) => replacePicture(picture, info),
  fold: (events, toSeq) => foldEvents(events, toSeq),
  presence: (presence, error = null) => setPresence(presence, error),
  seeked: () => sourceStore.setState((s) => ({ seekCount: s.seekCount + 1 })),
  scope: (reads) => sourceStore.setState({ reads }),
};
