/**
 * Builds the `window.lagebild` object: one async function per channel of the shared contract and
 * one subscription per event main sends. Arguments are checked before they leave the page, results
 * and event payloads before they reach it, so renderer code gets a clear error instead of a
 * malformed value. Pure: the transport is passed in.
 */
import {
  checkIpcArgs,
  checkIpcPayload,
  checkIpcResult,
  IPC_CHANNELS,
  IPC_EVENTS,
  ipcContract,
  ipcEvents,
  type IpcChannel,
  type IpcEvent,
  type LagebildBridge,
} from '#shared/ipc';

export type Invoke = (channel: IpcChannel, ...args: unknown[]) => Promise<unknown>;
/** Listens to one event from main; returns the function that stops listening. */
export type Subscribe = (event: IpcEvent, listener: (payload: unknown) => void) => () => void;

export function createBridge(invoke: Invoke, subscribe: Subscribe): LagebildBridge {
  // Keys are the IPC contract's own method names, and contextBridge copies a plain object.
  // eslint-disable-next-line no-restricted-syntax
  const bridge: Record<string, (...args: never[]) => unknown> = {};
  for (const channel of IPC_CHANNELS) {
    bridge[ipcContract[channel].bridge] = async (...args: unknown[]) => {
      const checkedArgs = checkIpcArgs(channel, args);
      if (!checkedArgs.ok) throw new Error(checkedArgs.error);
      const result = checkIpcResult(channel, await invoke(channel, ...checkedArgs.value));
      if (!result.ok) throw new Error(result.error);
      return result.value;
    };
  }
  for (const event of IPC_EVENTS) {
    const name = ipcEvents[event].bridge;
    bridge[name] = (callback: unknown) => {
      if (typeof callback !== 'function') throw new Error(`IPC ${event}: ${name} needs a callback function`);
      return subscribe(event, (payload) => {
        const checked = checkIpcPayload(event, payload);
        if (checked.ok) (callback as (value: unknown) => void)(checked.value);
        else console.warn(checked.error);
      });
    };
  }
  return Object.freeze(bridge) as unknown as LagebildBridge;
}
