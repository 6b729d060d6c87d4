// Both halves of the typed IPC against the one shared contract: the preload bridge as the page sees
// it, and main's guard and handlers, joined by a plain function in place of Electron's transport.
import { describe, expect, it } from 'vitest';
import { ipcContract, IPC_CHANNELS } from '#shared/ipc';
import { createBridge } from '../preload/bridge.ts';
import { dispatchIpc, type IpcHandlers, type SenderInfo } from './ipc-guard.ts';

const DASH = 'http://127.0.0.1:41234';
const info = { version: '0.1.0', platform: 'linux', serverUrl: DASH, embedded: true };
const handlers: IpcHandlers<null> = {
  'app:getInfo': () => info,
  'window:setFullScreen': (_ctx, on) => on,
};
const bridgeFor = (sender: SenderInfo) =>
  createBridge((channel, ...args) => dispatchIpc(channel, sender, args, DASH, null, handlers));

describe('IPC round trip', () => {
  const bridge = bridgeFor({ url: `${DASH}/`, isMainFrame: true });

  it('exposes exactly one bridge function per channel', () => {
    expect(Object.keys(bridge).sort()).toEqual(IPC_CHANNELS.map((c) => ipcContract[c].bridge).sort());
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('carries calls and results through both checks', async () => {
    await expect(bridge.getAppInfo()).resolves.toEqual(info);
    await expect(bridge.setFullScreen(true)).resolves.toBe(true);
  });

  it('stops bad arguments in the page already', async () => {
    // @ts-expect-error: the page passes the wrong type on purpose
    await expect(bridge.setFullScreen('on')).rejects.toThrow('IPC window:setFullScreen: invalid arguments');
  });

  it('lets main refuse a page from another origin', async () => {
    const foreign = bridgeFor({ url: 'https://evil.example/', isMainFrame: true });
    await expect(foreign.getAppInfo()).rejects.toThrow('refused');
  });

  it('rejects a malformed result before it reaches the page', async () => {
    const bridgeWithBadMain = createBridge(async () => ({ version: 7 }));
    await expect(bridgeWithBadMain.getAppInfo()).rejects.toThrow('IPC app:getInfo: invalid result');
  });
});
