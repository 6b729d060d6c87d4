/**
 * The IPC contract between the Electron main process and the preload bridge. One entry per channel:
 * the bridge function name the renderer sees, and zod schemas of the argument tuple and the result.
 * Preload checks arguments and results against it, main checks arguments (and the sender) again,
 * because a compromised renderer can call ipcRenderer directly past the preload.
 */
import { z } from 'zod';

export const appInfoSchema = z.object({
  /** App version from package.json. */
  version: z.string(),
  /** `process.platform` of the main process (linux, darwin, win32). */
  platform: z.string(),
  /** Origin of the Lage server the window shows, e.g. `http://127.0.0.1:41234`. */
  serverUrl: z.string(),
  /** True when main started the server itself (the embedded default), false for a remote server. */
  embedded: z.boolean(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const ipcContract = {
  'app:getInfo': { bridge: 'getAppInfo', args: z.tuple([]), result: appInfoSchema },
  /** Returns the full-screen state after the change. */
  'window:setFullScreen': { bridge: 'setFullScreen', args: z.tuple([z.boolean()]), result: z.boolean() },
} as const satisfies Record<string, IpcChannelSpec>;

export interface IpcChannelSpec {
  bridge: string;
  args: z.ZodTuple;
  result: z.ZodType;
}

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcArgs<C extends IpcChannel> = z.infer<IpcContract[C]['args']>;
export type IpcResult<C extends IpcChannel> = z.infer<IpcContract[C]['result']>;

export const IPC_CHANNELS = Object.keys(ipcContract) as IpcChannel[];

/** The object preload exposes as `window.lagebild`: one async function per channel. */
export type LagebildBridge = {
  [C in IpcChannel as IpcContract[C]['bridge']]: (...args: IpcArgs<C>) => Promise<IpcResult<C>>;
};

/** Name of the global the bridge is exposed under (`window.lagebild`). */
export const BRIDGE_GLOBAL = 'lagebild';

export type IpcCheck<T> = { ok: true; value: T } | { ok: false; error: string };

export const isIpcChannel = (name: unknown): name is IpcChannel =>
  typeof name === 'string' && Object.hasOwn(ipcContract, name);

const describe = (error: z.ZodError): string =>
  error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(args)'}: ${i.message}`).join('; ');

/** Validates an argument list against the channel's tuple schema; a clear error names the channel. */
export function checkIpcArgs<C extends IpcChannel>(channel: C, args: unknown): IpcCheck<IpcArgs<C>> {
  const parsed = ipcContract[channel].args.safeParse(args);
  if (parsed.success) return { ok: true, value: parsed.data as IpcArgs<C> };
  return { ok: false, error: `IPC ${channel}: invalid arguments: ${describe(parsed.error)}` };
}

export function checkIpcResult<C extends IpcChannel>(channel: C, result: unknown): IpcCheck<IpcResult<C>> {
  const parsed = ipcContract[channel].result.safeParse(result);
  if (parsed.success) return { ok: true, value: parsed.data as IpcResult<C> };
  return { ok: false, error: `IPC ${channel}: invalid result: ${describe(parsed.error)}` };
}
