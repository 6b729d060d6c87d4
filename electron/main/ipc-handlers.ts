/**
 * Registers one ipcMain handler per channel of the shared contract. Each call goes through
 * dispatchIpc (channel, sender origin, argument and result checks) before and after its handler.
 */
import { app, BrowserWindow, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_CHANNELS, type AppInfo } from '#shared/ipc';
import { dispatchIpc, type IpcHandlers } from './ipc-guard.ts';
import type { WindowRole } from './wall-routing.ts';
import type { WallManager } from './wall-windows.ts';
import type { ReplayWindows } from './replay-window.ts';

function windowOf(event: IpcMainInvokeEvent): BrowserWindow {
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win) throw new Error('IPC: the sender has no window');
  return win;
}

export function ipcHandlers(
  serverUrl: string,
  embedded: boolean,
  walls: WallManager,
  replays: ReplayWindows,
): IpcHandlers<IpcMainInvokeEvent> {
  const info: AppInfo = { version: app.getVersion(), platform: process.platform, serverUrl, embedded };
  return {
    'app:getInfo': () => info,
    'window:setFullScreen': (event, on) => {
      windowOf(event).setFullScreen(on);
      return on;
    },
    'displays:list': () => walls.list(),
    'walls:assign': (_event, displayId, layout, cycle) => walls.assign(displayId, layout, cycle ?? null),
    'walls:clear': (_event, displayId) => walls.clear(displayId),
    'displays:setWorkstation': (_event, displayId) => walls.setWorkstation(displayId),
    'wall:show': (event, command) => walls.show(walls.roleOf(event.sender), command),
    'replay:open': (event, params) => replays.open(params, windowOf(event)),
  };
}

export function registerIpcHandlers(
  dashboardOrigin: string,
  handlers: IpcHandlers<IpcMainInvokeEvent>,
  roleOf: (contents: WebContents) => WindowRole,
): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      const frame = event.senderFrame;
      const isMainFrame = frame ? frame.parent === null : false;
      const sender = { url: frame?.url, isMainFrame, role: roleOf(event.sender) };
      return dispatchIpc(channel, sender, args, dashboardOrigin, event, handlers).catch((error: unknown) => {
        console.warn(`Lagebild: ${(error as Error).message}`);
        throw error;
      });
    });
  }
}
