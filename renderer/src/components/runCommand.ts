/**
 * Sends an operator command and tells the operator how it went: a short confirmation, or a refusal
 * that stays on screen until dismissed (the server's reason, or what went wrong on this side).
 */
import type { Command } from '#shared/commands';
import { sendCommand, type CommandResult } from '../connection/commands.ts';
import { pushToast } from '../stores/toastStore.ts';
import { currentLanguage, i18nFor, t } from '../i18n/i18n.ts';
import { linkStore } from '../connection/linkWatch.ts';
import { actionBlockReason } from './LinkLostBanner.tsx';
import { COMMAND_PERMISSION, can } from '#shared/roles';
import { authStore } from '../auth/session.ts';

export function failureText(r: Extract<CommandResult, { ok: false }>): string {
  if (!('code' in r)) return t('command.refused', { error: r.error });
  switch (r.code) {
    case 'offline':
      return t('command.offline');
    case 'timeout':
      return t('command.timeout');
    case 'invalid':
      return t('command.invalid', { error: r.error });
    case 'badAnswer':
      return t('command.badAnswer');
  }
}

/** Resolves with the result; `done` gives the confirmation text once the server committed. */
export async function runCommand(
  cmd: Command,
  done: (r: Extract<CommandResult, { ok: true }>) => string,
): Promise<CommandResult> {
  // Shortcuts reach here too: a role without the permission is told so without asking the server.
  const me = authStore.getState().me;
  if (me && !can(me.roles, COMMAND_PERMISSION[cmd.cmd])) {
    const refused = { ok: false as const, error: t('auth.notAllowed') };
    pushToast('error', refused.error);
    return refused;
  }
  // Without the server the picture is not current: no action on it (shortcuts included), with the reason.
  const blocked = actionBlockReason(linkStore.getState(), i18nFor(currentLanguage()));
  if (blocked) {
    pushToast('error', blocked);
    return { ok: false, code: 'offline', error: blocked };
  }
  const r = await sendCommand(cmd);
  if (r.ok) pushToast('ok', done(r));
  else pushToast('error', failureText(r));
  return r;
}
