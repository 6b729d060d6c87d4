/**
 * One Lagebild per user: a second launch (a double click on the icon) focuses the running window
 * instead of starting a second server on the same data dir.
 */
import { app, type BrowserWindow } from 'electron';

/** Returns false when another instance holds the lock; this one should quit then. */
export function claimSingleInstance(getWindow: () => BrowserWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const win = getWindow();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}
