import { describe, expect, it } from 'vitest';
import { FOCUS_MS, activeFocus, showOnWall, wallFocusStore } from './wallFocus.ts';

describe('send-to-wall focus', () => {
  it('lasts FOCUS_MS after the command, then ends', () => {
    showOnWall({ kind: 'incident', id: 'E-1' }, 1_000);
    const s = wallFocusStore.getState();
    expect(activeFocus(s, 1_000)).toEqual({ kind: 'incident', id: 'E-1', at: 1_000 });
    expect(activeFocus(s, 1_000 + FOCUS_MS - 1)).not.toBeNull();
    expect(activeFocus(s, 1_000 + FOCUS_MS)).toBeNull();
  });

  it('a newer command replaces the older one', () => {
    showOnWall({ kind: 'incident', id: 'E-1' }, 1_000);
    showOnWall({ kind: 'unit', id: 'U-7' }, 2_000);
    expect(activeFocus(wallFocusStore.getState(), 2_500)).toMatchObject({ kind: 'unit', id: 'U-7' });
  });
});
