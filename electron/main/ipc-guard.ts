/**
 * The checks every IPC call passes in main before its handler runs: the channel must be in the
 * contract, the sender must be the main frame of a page on the dashboard origin, and the arguments
 * must match the channel's schema. Results are checked too, so a handler bug is caught in main.
 * Pure (the Electron event is an opaque context), so the rules are tested without Electron.
 */
import {
  channelSender,
  checkIpcArgs,
  checkIpcResult,
  isIpcChannel,
  type IpcArgs,
  type IpcChannel,
  type IpcResult,
} from '#shared/ipc';
import { webOrigin } from './url-policy.ts';
import type { WindowRole } from './wall-routing.ts';

export interface SenderInfo {
  /** URL of the frame that sent the message (`event.senderFrame.url`); null if it is gone. */
  url: string | null | undefined;
  /** True for a top-level frame (`senderFrame.parent === null`). */
  isMainFrame: boolean;
  /** Which of main's windows sent it; channels marked `from: 'workstation'` need 'workstation'. */
  role?: WindowRole;
}

export type IpcHandlers<Ctx> = {
  [C in IpcChannel]: (ctx: Ctx, ...args: IpcArgs<C>) => IpcResult<C> | Promise<IpcResult<C>>;
};

export function isTrustedSender(sender: SenderInfo, dashboardOrigin: string): boolean {
  return sender.isMainFrame && webOrigin(sender.url) === dashboardOrigin;
}

export type GuardResult<C extends IpcChannel> = { ok: true; args: IpcArgs<C> } | { ok: false; error: string };

export function guardIpcCall<C extends IpcChannel>(
  channel: C,
  sender: SenderInfo,
  args: unknown[],
  dashboardOrigin: string,
): GuardResult<C> {
  if (!isIpcChannel(channel)) return { ok: false, error: `IPC: unknown channel "${String(channel)}"` };
  if (!isTrustedSender(sender, dashboardOrigin)) {
    const from = sender.url || '(unknown frame)';
    return { ok: false, error: `IPC ${channel}: refused, sender ${from} is not the dashboard main frame` };
  }
  if (channelSender(channel) === 'workstation' && sender.role !== 'workstation') {
    return {
      ok: false,
      error: `IPC ${channel}: refused, only the workstation window may call it (sender: ${sender.role ?? 'unknown'})`,
    };
  }
  const checked = checkIpcArgs(channel, args);
  return checked.ok ? { ok: true, args: checked.value } : checked;
}

/** Runs one call through the guard and its handler; every refusal is an Error with a clear message. */
export async function dispatchIpc<Ctx>(
  channel: string,
  sender: SenderInfo,
  args: unknown[],
  dashboardOrigin: string,
  ctx: Ctx,
  handlers: IpcHandlers<Ctx>,
): Promise<unknown> {
  if (!isIpcChannel(channel)) throw new Error(`IPC: unknown channel "${channel}"`);
  const guard = guardIpcCall(channel, sender, args, dashboardOrigin);
  if (!guard.ok) throw new Error(guard.error);
  // The mapped type cannot correlate channel and handler for TypeScript; the guard did the checking.
  const handler = handlers[channel] as (ctx: Ctx, ...args: unknown[]) => unknown;
  const result = checkIpcResult(channel, await handler(ctx, ...guard.args));
  if (!result.ok) throw new Error(result.error);
  return result.value;
}
