/**
 * The sandboxed preload: exposes the typed bridge (calls and event subscriptions) and nothing else. It runs without Node (only the
 * sandbox's `electron` subset), so it is bundled into one CommonJS file with the contract and zod.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { z } from 'zod';
import { BRIDGE_GLOBAL } from '#shared/ipc';
import { createBridge } from './bridge.ts';

// zod would probe `new Function` for its fast path; the CSP forbids eval, so never try.
z.config({ jitless: true });

contextBridge.exposeInMainWorld(
  BRIDGE_GLOBAL,
  createBridge(
    (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    (event, listener) => {
      // ipcRenderer.on only hears main (webContents.send), never another page.
      const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(event, handler);
      return () => void ipcRenderer.removeListener(event, handler);
    },
  ),
);
