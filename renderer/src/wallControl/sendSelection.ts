/** "Send to wall" for what the operator selected (the W key and the details button). */
import type { Selection } from '../stores/selectionStore.ts';
import { pictureStore } from '../stores/pictureStore.ts';
import { hasOpenWall, sendToWall, wallsStore } from './wallsStore.ts';

/** The name the toast uses: the unit's callsign or the incident's number. */
export function selectionName(selection: Selection): string {
  const p = pictureStore.getState().picture;
  if (selection.kind === 'unit') return p.units[selection.id]?.callsign ?? selection.id;
  return p.incidents[selection.id]?.number ?? selection.id;
}

/** Sends the selection to every open wall; false (nothing done) without a bridge or an open wall. */
export function sendSelectionToWall(selection: Selection | null): boolean {
  if (!selection || !hasOpenWall(wallsStore.getState())) return false;
  void sendToWall({ kind: selection.kind, id: selection.id }, selectionName(selection));
  return true;
}
