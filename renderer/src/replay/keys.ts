/**
 * Keyboard of the replay view: Space play/pause, ←/→ ±10 s, Shift+←/→ ±1 min, Home/End to the start
 * or end of the period, +/− faster/slower. Pure: the view turns the action into clock calls.
 */
export type ReplayAction =
  | { kind: 'toggle' }
  | { kind: 'step'; ms: number }
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'speed'; dir: 1 | -1 };

export interface KeyLike {
  key: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

export const SMALL_STEP_MS = 10_000;
export const BIG_STEP_MS = 60_000;

export function replayKeyAction(e: KeyLike): ReplayAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case ' ':
    case 'Spacebar':
      return { kind: 'toggle' };
    case 'ArrowLeft':
      return { kind: 'step', ms: -(e.shiftKey ? BIG_STEP_MS : SMALL_STEP_MS) };
    case 'ArrowRight':
      return { kind: 'step', ms: e.shiftKey ? BIG_STEP_MS : SMALL_STEP_MS };
    case 'Home':
      return { kind: 'start' };
    case 'End':
      return { kind: 'end' };
    case '+':
      return { kind: 'speed', dir: 1 };
    case '-':
      return { kind: 'speed', dir: -1 };
    default:
      return null;
  }
}

/** The keys as the help tooltip lists them (label keys resolved by the view). */
export const REPLAY_KEYS = [
  { keys: 'Leertaste', keysEn: 'Space', what: 'replay.key.toggle' },
  { keys: '← / →', keysEn: '← / →', what: 'replay.key.step' },
  { keys: 'Umschalt + ← / →', keysEn: 'Shift + ← / →', what: 'replay.key.bigStep' },
  { keys: 'Pos1 / Ende', keysEn: 'Home / End', what: 'replay.key.ends' },
  { keys: '+ / −', keysEn: '+ / −', what: 'replay.key.speed' },
] as const;
