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

/** A wall layout name as it appears in `/?mode=wall&layout=<name>`: lower-case letters, digits, dashes. */
export const wallLayoutSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,39}$/,
    'must be 1-40 characters of a-z 0-9 - (starting with a letter or digit)',
  );

/** Seconds per view when a wall cycles through the layouts (`&cycle=`), as the renderer accepts. */
export const wallCycleSchema = z.number().int().min(10).max(3600);

/**
 * Electron's display id: an integer, which can change when a display is re-plugged. On Linux it is
 * derived from the EDID and can exceed 2^53, so no safe-integer limit (z.int() would refuse it).
 */
export const displayIdSchema = z
  .number()
  .nonnegative()
  .refine((n) => Number.isInteger(n), 'must be an integer');

const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const displayInfoSchema = z.object({
  id: displayIdSchema,
  /** The name the OS gives the display (may be empty, may repeat for identical monitors). */
  label: z.string(),
  bounds: rectSchema,
  workArea: rectSchema,
  primary: z.boolean(),
  /** The wall layout this display shows, or null (no wall). */
  wallLayout: wallLayoutSchema.nullable(),
  /** Seconds per view when this display's wall cycles through the layouts; absent or null: no cycling. */
  wallCycle: wallCycleSchema.nullable().optional(),
  /** True for the display the workstation window is placed on. */
  workstation: z.boolean(),
  /** How often this display's wall renderer was restarted after a crash or hang (0 without a wall). */
  restarts: z.number().int().nonnegative(),
});
export type DisplayInfo = z.infer<typeof displayInfoSchema>;

export const displayListSchema = z.object({
  displays: z.array(displayInfoSchema),
  /** Saved assignments whose display is not connected now (kept, shown again when it returns). */
  missing: z.array(z.object({ displayId: displayIdSchema, label: z.string(), layout: wallLayoutSchema })),
  /** True while at least one wall is open and the displays are kept from sleeping. */
  keepAwake: z.boolean(),
});
export type DisplayList = z.infer<typeof displayListSchema>;

/** "Send to wall": the workstation asks every wall to show one unit or incident. */
export const wallCommandSchema = z.strictObject({
  kind: z.enum(['unit', 'incident']),
  id: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 . _ : -'),
});
export type WallCommand = z.infer<typeof wallCommandSchema>;

/**
 * "Replay": what the replay window shows (`/?mode=replay&…`, see docs/replay.md). Times are epoch
 * ms; a missing period is chosen by the replay view (an incident's, or the last hour of the data).
 */
export const replayOpenSchema = z
  .strictObject({
    dataset: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a dataset name')
      .optional(),
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().nonnegative().optional(),
    t: z.number().int().nonnegative().optional(),
    speed: z.number().positive().max(3600).optional(),
    incident: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 . _ : -')
      .optional(),
  })
  .refine((p) => p.from === undefined || p.to === undefined || p.to > p.from, '"to" must be after "from"');
export type ReplayOpen = z.infer<typeof replayOpenSchema>;

/**
 * Channels the page invokes. `from: 'workstation'` marks channels a wall window may not use (a wall
 * is read-only: it neither reassigns displays nor sends to other walls); main checks the sender.
 */
export const ipcContract = {
  'app:getInfo': { bridge: 'getAppInfo', args: z.tuple([]), result: appInfoSchema },
  /** Returns the full-screen state after the change. A wall stays in kiosk mode, so not for walls. */
  'window:setFullScreen': {
    bridge: 'setFullScreen',
    args: z.tuple([z.boolean()]),
    result: z.boolean(),
    from: 'workstation',
  },
  'displays:list': { bridge: 'listDisplays', args: z.tuple([]), result: displayListSchema },
  /**
   * Shows the layout as a wall on the display (replacing its layout), optionally cycling through the
   * layouts every n seconds; saved; returns the new list.
   */
  'walls:assign': {
    bridge: 'assignWall',
    args: z.tuple([displayIdSchema, wallLayoutSchema, wallCycleSchema.nullable().optional()]),
    result: displayListSchema,
    from: 'workstation',
  },
  /** Closes the display's wall and forgets its assignment (also for a missing display). */
  'walls:clear': {
    bridge: 'clearWall',
    args: z.tuple([displayIdSchema]),
    result: displayListSchema,
    from: 'workstation',
  },
  /** Keeps the workstation on this display (null: the primary display); saved; returns the new list. */
  'displays:setWorkstation': {
    bridge: 'setWorkstationDisplay',
    args: z.tuple([displayIdSchema.nullable()]),
    result: displayListSchema,
    from: 'workstation',
  },
  /** Forwards a selection to every open wall; returns how many walls it was sent to. */
  'wall:show': {
    bridge: 'showOnWall',
    args: z.tuple([wallCommandSchema]),
    result: z.object({ delivered: z.number().int().nonnegative() }),
    from: 'workstation',
  },
  /** Opens a replay window (a new one each call, like a document); returns its window id. Not from walls. */
  'replay:open': {
    bridge: 'openReplay',
    args: z.tuple([replayOpenSchema]),
    result: z.object({ windowId: z.number().int() }),
    from: 'workstation',
  },
} as const satisfies Record<string, IpcChannelSpec>;

export interface IpcChannelSpec {
  bridge: string;
  args: z.ZodTuple;
  result: z.ZodType;
  /** Only this kind of window may call the channel; absent = any window on the dashboard origin. */
  from?: 'workstation';
}

/**
 * Events main sends to pages (webContents.send). The preload exposes each as a subscription
 * `bridge(callback) → unsubscribe` and checks every payload before the callback sees it.
 */
export const ipcEvents = {
  'wall:command': { bridge: 'onWallCommand', payload: wallCommandSchema },
} as const satisfies Record<string, IpcEventSpec>;

export interface IpcEventSpec {
  bridge: string;
  payload: z.ZodType;
}
export type IpcEvents = typeof ipcEvents;
export type IpcEvent = keyof IpcEvents;
export type IpcPayload<E extends IpcEvent> = z.infer<IpcEvents[E]['payload']>;
export const IPC_EVENTS = Object.keys(ipcEvents) as IpcEvent[];

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcArgs<C extends IpcChannel> = z.infer<IpcContract[C]['args']>;
export type IpcResult<C extends IpcChannel> = z.infer<IpcContract[C]['result']>;

export const IPC_CHANNELS = Object.keys(ipcContract) as IpcChannel[];

/** The object preload exposes as `window.lagebild`: one async function per channel, one subscription per event. */
export type LagebildBridge = {
  [C in IpcChannel as IpcContract[C]['bridge']]: (...args: IpcArgs<C>) => Promise<IpcResult<C>>;
} & {
  [E in IpcEvent as IpcEvents[E]['bridge']]: (callback: (payload: IpcPayload<E>) => void) => () => void;
};

/** Name of the global the bridge is exposed under (`window.lagebild`). */
export const BRIDGE_GLOBAL = 'lagebild';

export type IpcCheck<T> = { ok: true; value: T } | { ok: false; error: string };

export const isIpcChannel = (name: unknown): name is IpcChannel =>
  typeof name === 'string' && Object.hasOwn(ipcContract, name);

const describe = (error: z.ZodError, root = '(args)'): string =>
  error.issues.map((i) => `${i.path.length ? i.path.join('.') : root}: ${i.message}`).join('; ');

/** Validates an argument list against the channel's tuple schema; a clear error names the channel. */
export function checkIpcArgs<C extends IpcChannel>(channel: C, args: unknown): IpcCheck<IpcArgs<C>> {
  const parsed = ipcContract[channel].args.safeParse(args);
  if (parsed.success) return { ok: true, value: parsed.data as IpcArgs<C> };
  return { ok: false, error: `IPC ${channel}: invalid arguments: ${describe(parsed.error)}` };
}

/** The window kinds a channel may require (see `from` in the contract). */
export const channelSender = (channel: IpcChannel): 'workstation' | 'any' => {
  const spec: IpcChannelSpec = ipcContract[channel];
  return spec.from ?? 'any';
};

export const isIpcEvent = (name: unknown): name is IpcEvent =>
  typeof name === 'string' && Object.hasOwn(ipcEvents, name);

export function checkIpcPayload<E extends IpcEvent>(event: E, payload: unknown): IpcCheck<IpcPayload<E>> {
  const parsed = ipcEvents[event].payload.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data as IpcPayload<E> };
  return { ok: false, error: `IPC ${event}: invalid payload: ${describe(parsed.error, '(payload)')}` };
}

export function checkIpcResult<C extends IpcChannel>(channel: C, result: unknown): IpcCheck<IpcResult<C>> {
  const parsed = ipcContract[channel].result.safeParse(result);
  if (parsed.success) return { ok: true, value: parsed.data as IpcResult<C> };
  return { ok: false, error: `IPC ${channel}: invalid result: ${describe(parsed.error)}` };
}
