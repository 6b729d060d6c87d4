/**
 * What the dashboard's own reads of the server (incident history, statistics) add while a replay is
 * the attached source, so panels show the replayed data as it was at the playhead: the replayed
 * dataset (an imported one instead of the live log; the server records such reads with the
 * replay's reason) and, where the answer must not know the future, the playhead `t`. The replay
 * source states its scope through the feed; nothing is added while the live source is attached.
 */
import { idMap } from '#shared/idMap';
import { serverNow } from '../stores/connectionStore.ts';
import { sourceStore } from '../stores/sourceStore.ts';

/** Query parameters to add (an empty object outside the replay view). */
export function replayReadParams({ atPlayhead = false }: { atPlayhead?: boolean } = {}): Record<
  string,
  string
> {
  const { kind, reads } = sourceStore.getState();
  if (kind !== 'replay') return {};
  const params: Record<string, string> = idMap();
  if (reads.dataset) {
    params['dataset'] = reads.dataset;
    if (reads.reason) params['reason'] = reads.reason;
  }
  // The replay clock counts whole milliseconds: what happened by floor(t) is what happened by t.
  if (atPlayhead) params['t'] = String(Math.floor(serverNow()));
  return params;
}
