/** What "send to wall" asked the wall to show, and when; the wall shows it on the map for FOCUS_MS. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { WallCommand } from '#shared/ipc';

export const FOCUS_MS = 60_000;

export interface WallFocus {
  focus: (WallCommand & { at: number }) | null;
}

export const wallFocusStore = createStore<WallFocus>()(() => ({ focus: null }));

export const showOnWall = (command: WallCommand, at: number = Date.now()): void =>
  wallFocusStore.setState({ focus: { kind: command.kind, id: command.id, at } });

/** The focus while it lasts, else null. */
export const activeFocus = (s: WallFocus, now: number): WallFocus['focus'] =>
  s.focus && now - s.focus.at < FOCUS_MS ? s.focus : null;

export const useWallFocus = <T>(select: (s: WallFocus) => T): T => useStore(wallFocusStore, select);
