/**
 * Builds the `window.lagebild` object: one async function per channel of the shared contract.
 * Arguments are checked before they leave the page and results before they reach it, so renderer
 * code gets a clear error instead of a malformed value. Pure: the transport is passed in.
 */
import {
  checkIpcArgs,
  checkIpcResult,
  IPC_CHANNELS,
  ipcContract,
  type IpcChannel,
  type LagebildBridge,
} from '#shared/ipc';

export type Invoke = (channel: IpcChannel, ...args: unknown[]) => Promise<unknown>;

export function createBridge(invoke: Invoke): LagebildBridge {
  const bridge: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const channel of IPC_CHANNELS) {
    bridge[ipcContract[channel].bridge] = async (...args: unknown[]) => {
      const checkedArgs = checkIpcArgs(channel, args);
      if (!checkedArgs.ok) throw new Error(checkedArgs.error);
      const result = checkIpcResult(channel, await invoke(channel, ...checkedArgs.value));
      if (!result.ok) throw new Error(result.error);
      return result.value;
    };
  }
  return Object.freeze(bridge) as unknown as LagebildBridge;
}
