/**
 * What the dashboard's own reads of the server (incident history, statistics) add in the replay
 * view, so panels show the replayed data as it was at the playhead: the replayed dataset (an
 * imported one instead of the live log; the server records such reads with the replay's reason)
 * and, where the answer must not know the future, the playhead `t`. Nothing outside the replay.
 */
import { idMap } from '#shared/idMap';
import { serverNow } from '../stores/connectionStore.ts';
import { inReplay } from './mode.ts';
import { LIVE_DATASET } from './params.ts';
import { replayStore } from './replayStore.ts';

/** Query parameters to add (an empty object outside the replay view). */
export function replayReadParams({ atPlayhead = false }: { atPlayhead?: boolean } = {}): Record<
  string,
  string
> {
  if (!inReplay()) return {};
  const { dataset, reason } = replayStore.getState();
  const params: Record<string, string> = idMap();
  if (dataset && dataset !== LIVE_DATASET) {
    params['dataset'] = dataset;
    if (reason) params['reason'] = reason;
  }
  // The replay clock counts whole milliseconds: what happened by floor(t) is what happened by t.
  if (atPlayhead) params['t'] = String(Math.floor(serverNow()));
  return params;
}
