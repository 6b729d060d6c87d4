/**
 * The selected incident's events from the server, fetched again whenever something about the
 * incident changes in the picture (`changeKey`); the answer of a superseded request is dropped.
 */
import { useEffect, useState } from 'react';
import type { LageEvent } from '#shared/schemas';
import { fetchIncidentHistory } from '../../connection/incidentApi.ts';

export type HistoryState =
  | { status: 'loading' }
  | { status: 'ok'; events: LageEvent[]; truncated: boolean }
  | { status: 'failed'; error: string };

export function useIncidentHistory(incidentId: string, changeKey: string): HistoryState {
  const [state, setState] = useState<{ id: string; value: HistoryState }>({
    id: incidentId,
    value: { status: 'loading' },
  });
  useEffect(() => {
    const abort = new AbortController();
    fetchIncidentHistory(incidentId, abort.signal).then(
      (h) => setState({ id: incidentId, value: { status: 'ok', ...h } }),
      (e: unknown) => {
        if (!abort.signal.aborted)
          setState({
            id: incidentId,
            value: { status: 'failed', error: e instanceof Error ? e.message : String(e) },
          });
      },
    );
    return () => abort.abort();
  }, [incidentId, changeKey]);
  // Another incident's answer never shows under this one.
  return state.id === incidentId ? state.value : { status: 'loading' };
}
