/**
 * The "send to wall" action on a unit's or an incident's details: every open wall shows it (the
 * lage layout, centred on it, for a minute). Shown only in Electron with at least one wall open.
 */
import { useEffect } from 'react';
import type { Selection } from '../stores/selectionStore.ts';
import { useI18n } from '../i18n/i18n.ts';
import { hasOpenWall, refreshWalls, useWalls, wallsStore } from './wallsStore.ts';
import { sendSelectionToWall } from './sendSelection.ts';

/** Reads the display list when none is known yet (the settings dialog refreshes it on each change). */
export function useWallsLoaded(): void {
  useEffect(() => {
    if (!wallsStore.getState().list) void refreshWalls();
  }, []);
}

export function SendToWallButton({ target }: { target: Selection }) {
  const { t } = useI18n();
  useWallsLoaded();
  const visible = useWalls(hasOpenWall);
  if (!visible) return null;
  return (
    <button
      type="button"
      data-testid="send-to-wall"
      title={t('walls.sendTitle')}
      onClick={() => sendSelectionToWall(target)}
    >
      {t('walls.send')} <kbd>W</kbd>
    </button>
  );
}
