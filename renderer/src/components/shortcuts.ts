/**
 * The keyboard shortcuts, in one table that both the handler and the help overlay read, so the
 * help can never disagree with what the keys do. Key labels starting with "key." are translated.
 */
import type { MessageKey } from '../i18n/i18n.ts';

export interface Shortcut {
  keys: readonly string[];
  what: MessageKey;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['?'], what: 'shortcut.help' },
  { keys: ['/', 'Ctrl+K'], what: 'shortcut.search' },
  { keys: ['J'], what: 'shortcut.ack' },
  { keys: ['A'], what: 'shortcut.assign' },
  { keys: ['N'], what: 'shortcut.newIncident' },
  { keys: ['F'], what: 'shortcut.follow' },
  { keys: ['W'], what: 'shortcut.wall' },
  { keys: ['1', '2', '3'], what: 'shortcut.panels' },
  { keys: ['key.arrows'], what: 'shortcut.arrows' },
  { keys: ['key.page'], what: 'shortcut.page' },
  { keys: ['key.enter'], what: 'shortcut.enter' },
  { keys: ['key.escape'], what: 'shortcut.escape' },
  { keys: ['T'], what: 'shortcut.theme' },
  { keys: ['L'], what: 'shortcut.language' },
  { keys: ['S'], what: 'shortcut.settings' },
];

export const PANEL_FOCUS_IDS = ['requests', 'board', 'incidents'] as const;

/** Typing in a field must not trigger shortcuts (except Escape, which leaves the field's dialog). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  return !!(target as Element).closest('input, textarea, select, [contenteditable="true"]');
}
