import { describe, expect, it } from 'vitest';
import { routeWallCommand } from './wall-routing.ts';

const walls = [
  { displayId: 2, alive: true },
  { displayId: 3, alive: false },
  { displayId: 4, alive: true },
];

describe('routeWallCommand', () => {
  it('sends a unit or incident from the workstation to every live wall', () => {
    expect(routeWallCommand('workstation', { kind: 'unit', id: 'KO-1-21' }, walls)).toEqual({
      ok: true,
      command: { kind: 'unit', id: 'KO-1-21' },
      targets: [walls[0], walls[2]],
    });
    const none = routeWallCommand('workstation', { kind: 'incident', id: 'E-2026-1' }, []);
    expect(none).toEqual({ ok: true, command: { kind: 'incident', id: 'E-2026-1' }, targets: [] });
  });

  it('refuses a wall or an unknown window as sender', () => {
    for (const sender of ['wall', 'unknown'] as const) {
      const route = routeWallCommand(sender, { kind: 'unit', id: 'x' }, walls);
      expect(route).toEqual({
        ok: false,
        error: expect.stringContaining('only the workstation sends to walls'),
      });
    }
  });

  it.each([
    [{ kind: 'caller', id: 'x' }, 'kind'],
    [{ kind: 'unit', id: '' }, 'id'],
    [{ kind: 'unit', id: 'a b' }, 'id'],
    [{ kind: 'unit', id: 'x', note: 'Name des Anrufers' }, 'note'],
    ['unit:x', '(payload)'],
  ])('refuses the malformed command %j with a clear error', (command, where) => {
    const route = routeWallCommand('workstation', command, walls);
    expect(route.ok).toBe(false);
    if (!route.ok) expect(route.error).toMatch(/^IPC wall:command: invalid payload: /);
    if (!route.ok) expect(route.error).toContain(where);
  });
});
