/**
 * The workstation window: locked-down web preferences, restored position and size, and recovery
 * from a failed load or a crashed renderer (a control-room screen must come back by itself).
 */
import { join } from 'node:path';
import { app, BrowserWindow, screen } from 'electron';
import { message, type Lang } from './messages.ts';
import { secureWebPreferences } from './web-preferences.ts';
import { readWindowState, writeWindowState } from './window-state-file.ts';
import { MIN_SIZE, restoreWindowState, type WindowState } from './window-state.ts';

const SAVE_DELAY_MS = 500;
const RETRY_DELAY_MS = 5_000;

function currentState(win: BrowserWindow): WindowState {
  return { bounds: win.getNormalBounds(), maximized: win.isMaximized(), fullScreen: win.isFullScreen() };
}

function rememberState(win: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = (): void => {
    clearTimeout(timer);
    if (win.isDestroyed()) return;
    try {
      writeWindowState(file, currentState(win));
    } catch (error) {
      console.warn(`Lagebild: could not save window state: ${(error as Error).message}`);
    }
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_DELAY_MS);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('enter-full-screen', later);
  win.on('leave-full-screen', later);
  win.on('close', save);
}

function recover(win: BrowserWindow, url: string, lang: Lang): void {
  win.webContents.on('did-fail-load', (_event, code, reason, failedUrl, isMainFrame) => {
    if (!isMainFrame || code === -3 /* ERR_ABORTED: a navigation we blocked or replaced */) return;
    console.warn(message(lang, 'loadFailed', { url: failedUrl, reason, seconds: RETRY_DELAY_MS / 1000 }));
    setTimeout(() => {
      if (!win.isDestroyed()) void win.loadURL(url).catch(() => undefined);
    }, RETRY_DELAY_MS);
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    console.warn(`Lagebild: renderer gone (${details.reason}); reloading`);
    setTimeout(() => {
      if (!win.isDestroyed()) void win.loadURL(url).catch(() => undefined);
    }, 1_000);
  });
}

export function createMainWindow(dashboardUrl: string, lang: Lang): BrowserWindow {
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state = restoreWindowState(
    readWindowState(stateFile),
    screen.getAllDisplays(),
    screen.getPrimaryDisplay(),
  );
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Lagebild',
    backgroundColor: '#101418',
    autoHideMenuBar: true,
    // The build puts preload.cjs next to main.cjs; devtools only in development.
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs'), !app.isPackaged),
  });
  if (state.maximized) win.maximize();
  if (state.fullScreen) win.setFullScreen(true);
  win.once('ready-to-show', () => win.show());
  rememberState(win, stateFile);
  recover(win, dashboardUrl, lang);
  void win.loadURL(dashboardUrl).catch(() => undefined); // did-fail-load reports and retries
  return win;
}
