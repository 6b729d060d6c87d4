/**
 * "Send to wall": the workstation names a unit or incident, main forwards it to every open wall.
 * Pure routing rules: only the workstation may send, the command must match the contract, and
 * walls whose page is gone are skipped. Main does the webContents.send.
 */
import { checkIpcPayload, type WallCommand } from '#shared/ipc';

export type WindowRole = 'workstation' | 'wall' | 'unknown';

export interface WallTarget {
  displayId: number;
  /** False while the wall's page is crashed, reloading or destroyed. */
  alive: boolean;
}

export type WallRoute<T extends WallTarget> =
  { ok: true; command: WallCommand; targets: T[] } | { ok: false; error: string };

export function routeWallCommand<T extends WallTarget>(
  sender: WindowRole,
  command: unknown,
  walls: readonly T[],
): WallRoute<T> {
  if (sender !== 'workstation') {
    return {
      ok: false,
      error: `IPC wall:show: refused, only the workstation sends to walls (sender: ${sender})`,
    };
  }
  const checked = checkIpcPayload('wall:command', command);
  if (!checked.ok) return checked;
  return { ok: true, command: checked.value, targets: walls.filter((w) => w.alive) };
}
