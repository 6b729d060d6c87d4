/**
 * The workstation's view of the wall displays (Electron only): the display list main keeps, the
 * operator's changes to it, and "send to wall". In a browser there is no bridge; `available` stays
 * false and every action is a no-op, so the UI hides them.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { DisplayList, WallCommand } from '#shared/ipc';
import { wallBridge } from '../platform/platform.ts';
import { pushToast } from '../stores/toastStore.ts';
import { t } from '../i18n/i18n.ts';

export interface WallsState {
  /** True when the Electron bridge offers the wall functions. */
  available: boolean;
  list: DisplayList | null;
  busy: boolean;
  error: string | null;
}

export const wallsStore = createStore<WallsState>()(() => ({
  available: false,
  list: null,
  busy: false,
  error: null,
}));

export const useWalls = <T>(select: (s: WallsState) => T): T => useStore(wallsStore, select);

/** True when at least one wall window is open (a saved wall on a missing display does not count). */
export const hasOpenWall = (s: Pick<WallsState, 'available' | 'list'>): boolean =>
  s.available && !!s.list?.displays.some((d) => d.wallLayout !== null);

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function run(change: () => Promise<DisplayList>): Promise<boolean> {
  wallsStore.setState({ busy: true });
  try {
    const list = await change();
    wallsStore.setState({ list, busy: false, error: null });
    return true;
  } catch (e) {
    wallsStore.setState({ busy: false, error: message(e) });
    return false;
  }
}

/** Reads the displays from main (at start and when the settings open). */
export function refreshWalls(): Promise<boolean> {
  const b = wallBridge();
  wallsStore.setState({ available: b !== null });
  if (!b) return Promise.resolve(false);
  return run(() => b.listDisplays());
}

export function assignWall(displayId: number, layout: string, cycleS: number | null): Promise<boolean> {
  const b = wallBridge();
  return b ? run(() => b.assignWall(displayId, layout, cycleS)) : Promise.resolve(false);
}

export function clearWall(displayId: number): Promise<boolean> {
  const b = wallBridge();
  return b ? run(() => b.clearWall(displayId)) : Promise.resolve(false);
}

export function setWorkstationDisplay(displayId: number | null): Promise<boolean> {
  const b = wallBridge();
  return b ? run(() => b.setWorkstationDisplay(displayId)) : Promise.resolve(false);
}

/**
 * "Send to wall": every open wall shows the unit or incident. Says how many walls got it (or that
 * none is open) in a toast; returns the count, or null without a bridge or on failure.
 */
export async function sendToWall(command: WallCommand, name: string): Promise<number | null> {
  const b = wallBridge();
  if (!b) return null;
  try {
    const { delivered } = await b.showOnWall(command);
    if (delivered > 0) pushToast('ok', t('walls.sent', { name, n: delivered }));
    else pushToast('error', t('walls.noneOpen'));
    return delivered;
  } catch (e) {
    pushToast('error', t('walls.sendFailed', { detail: message(e) }));
    return null;
  }
}
