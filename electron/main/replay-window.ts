/**
 * Replay windows: each "replay" request opens its own window on `/?mode=replay&…`, with the same
 * locked-down web preferences as the workstation (the session's CSP, permission and navigation
 * guards apply to every web contents already). A crashed replay page reloads by itself.
 */
import { BrowserWindow } from 'electron';
import type { ReplayOpen } from '#shared/ipc';
import { secureWebPreferences } from './web-preferences.ts';
import { MIN, replayBounds, replayUrl } from './replay-url.ts';

export { replayBounds, replayUrl };

export interface ReplayWindowOptions {
  origin: string;
  preloadPath: string;
  devTools: boolean;
}

export class ReplayWindows {
  private readonly windows = new Set<BrowserWindow>();

  constructor(private readonly options: ReplayWindowOptions) {}

  open(params: ReplayOpen, near: BrowserWindow | null = null): { windowId: number } {
    const url = replayUrl(this.options.origin, params);
    const win = new BrowserWindow({
      ...replayBounds(near && !near.isDestroyed() ? near.getBounds() : null),
      minWidth: MIN.width,
      minHeight: MIN.height,
      show: false,
      title: 'Lagebild – Wiedergabe',
      backgroundColor: '#101418',
      autoHideMenuBar: true,
      webPreferences: secureWebPreferences(this.options.preloadPath, this.options.devTools),
    });
    this.windows.add(win);
    win.on('closed', () => this.windows.delete(win));
    win.once('ready-to-show', () => win.show());
    win.webContents.on('render-process-gone', (_event, details: { reason: string }) => {
      if (details.reason === 'clean-exit') return;
      console.warn(`Lagebild: replay renderer gone (${details.reason}); reloading`);
      setTimeout(() => {
        if (!win.isDestroyed()) void win.loadURL(url).catch(() => undefined);
      }, 1_000);
    });
    void win.loadURL(url).catch(() => undefined);
    return { windowId: win.webContents.id };
  }

  /** Open replay windows (tests; closing the workstation closes them). */
  get size(): number {
    return this.windows.size;
  }

  closeAll(): void {
    for (const win of [...this.windows]) if (!win.isDestroyed()) win.destroy();
    this.windows.clear();
  }
}
