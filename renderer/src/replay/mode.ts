/** Whether this page is the replay view: panels hide operator actions there (the past is read-only). */
import { isReplayMode } from './params.ts';

export const inReplay = (): boolean => typeof location !== 'undefined' && isReplayMode(location.search);
