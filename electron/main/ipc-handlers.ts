/**
 * Registers one ipcMain handler per channel of the shared contract. Each call goes through
 * dispatchIpc (channel, sender origin, argument and result checks) before and after its handler.
 */
import { app, BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS, type AppInfo } from '#shared/ipc';
import { dispatchIpc, type IpcHandlers } from './ipc-guard.ts';

function windowOf(event: IpcMainInvokeEvent): BrowserWindow {
  const win = BrowserWindow.fromWebContents(event.sender);
  if (!win) throw new Error('IPC: the sender has no window');
  return win;
}

export function ipcHandlers(serverUrl: string, embedded: boolean): IpcHandlers<IpcMainInvokeEvent> {
  const info: AppInfo = { version: app.getVersion(), platform: process.platform, serverUrl, embedded };
  return {
    'app:getInfo': () => info,
    'window:setFullScreen': (event, on) => {
      windowOf(event).setFullScreen(on);
      return on;
    },
  };
}

export function registerIpcHandlers(
  dashboardOrigin: string,
  handlers: IpcHandlers<IpcMainInvokeEvent>,
): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      const frame = event.senderFrame;
      const sender = { url: frame?.url, isMainFrame: frame ? frame.parent === null : false };
      return dispatchIpc(channel, sender, args, dashboardOrigin, event, handlers).catch((error: unknown) => {
        console.warn(`Lagebild: ${(error as Error).message}`);
        throw error;
      });
    });
  }
}
