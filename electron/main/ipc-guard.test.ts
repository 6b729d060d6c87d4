import { describe, expect, it } from 'vitest';
import { dispatchIpc, guardIpcCall, isTrustedSender, type IpcHandlers } from './ipc-guard.ts';

const DASH = 'http://127.0.0.1:41234';
const dashboard = { url: `${DASH}/`, isMainFrame: true, role: 'workstation' as const };
const wallPage = { url: `${DASH}/?mode=wall&layout=overview`, isMainFrame: true, role: 'wall' as const };
const list = { displays: [], missing: [], keepAwake: false };

const handlers: IpcHandlers<{ fullScreen: boolean }> = {
  'app:getInfo': () => ({ version: '0.1.0', platform: 'linux', serverUrl: DASH, embedded: true }),
  'window:setFullScreen': (ctx, on) => {
    ctx.fullScreen = on;
    return on;
  },
  'displays:list': () => list,
  'walls:assign': () => list,
  'walls:clear': () => list,
  'displays:setWorkstation': () => list,
  'wall:show': () => ({ delivered: 0 }),
  'replay:open': () => ({ windowId: 1 }),
};

describe('isTrustedSender', () => {
  it('trusts the main frame of the dashboard origin only', () => {
    expect(isTrustedSender(dashboard, DASH)).toBe(true);
    expect(isTrustedSender({ url: `${DASH}/`, isMainFrame: false }, DASH)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, DASH)).toBe(false);
    expect(isTrustedSender({ url: 'http://127.0.0.1:41235/', isMainFrame: true }, DASH)).toBe(false);
    expect(isTrustedSender({ url: 'file:///index.html', isMainFrame: true }, DASH)).toBe(false);
    expect(isTrustedSender({ url: 'about:blank', isMainFrame: true }, DASH)).toBe(false);
    expect(isTrustedSender({ url: null, isMainFrame: true }, DASH)).toBe(false);
  });
});

describe('guardIpcCall', () => {
  it('passes valid arguments from the dashboard', () => {
    expect(guardIpcCall('window:setFullScreen', dashboard, [true], DASH)).toEqual({ ok: true, args: [true] });
    expect(guardIpcCall('app:getInfo', dashboard, [], DASH)).toEqual({ ok: true, args: [] });
  });

  it('refuses foreign senders before looking at arguments', () => {
    const result = guardIpcCall(
      'window:setFullScreen',
      { url: 'https://evil.example/', isMainFrame: true },
      [true],
      DASH,
    );
    expect(result).toEqual({
      ok: false,
      error:
        'IPC window:setFullScreen: refused, sender https://evil.example/ is not the dashboard main frame',
    });
  });

  it.each([
    [[], 'window:setFullScreen'],
    [['yes'], 'expected boolean'],
    [[1], 'expected boolean'],
    [[true, 'extra'], 'invalid arguments'],
    [[{ toString: 'x' }], 'expected boolean'],
  ])('refuses setFullScreen(%j) with a clear error', (args, message) => {
    const result = guardIpcCall('window:setFullScreen', dashboard, args, DASH);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('lets a wall read but not reassign displays or send to walls', () => {
    expect(guardIpcCall('displays:list', wallPage, [], DASH).ok).toBe(true);
    expect(guardIpcCall('app:getInfo', wallPage, [], DASH).ok).toBe(true);
    for (const [channel, args] of [
      ['walls:assign', [1, 'overview']],
      ['walls:clear', [1]],
      ['displays:setWorkstation', [null]],
      ['wall:show', [{ kind: 'unit', id: 'x' }]],
      ['window:setFullScreen', [false]],
    ] as const) {
      expect(guardIpcCall(channel, wallPage, [...args], DASH)).toEqual({
        ok: false,
        error: `IPC ${channel}: refused, only the workstation window may call it (sender: wall)`,
      });
      const unknown = guardIpcCall(channel, { url: `${DASH}/`, isMainFrame: true }, [...args], DASH);
      expect(unknown.ok).toBe(false);
    }
  });

  it.each([
    ['walls:assign', [1, 'Über Sicht'], 'invalid arguments: 1: must be 1-40 characters'],
    ['walls:assign', [-1, 'overview'], 'invalid arguments: 0:'],
    ['walls:assign', [1.5, 'overview'], 'invalid arguments: 0:'],
    ['walls:clear', ['1'], 'invalid arguments: 0:'],
    ['wall:show', [{ kind: 'unit', id: 'x', caller: 'Max' }], 'invalid arguments: 0:'],
  ] as const)('refuses %s(%j) from the workstation with a clear error', (channel, args, message) => {
    const result = guardIpcCall(channel, dashboard, [...args], DASH);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });

  it('refuses arguments to a channel that takes none', () => {
    const result = guardIpcCall('app:getInfo', dashboard, ['x'], DASH);
    expect(result.ok).toBe(false);
  });
});

describe('dispatchIpc', () => {
  it('runs the handler with the checked arguments and returns its result', async () => {
    const ctx = { fullScreen: false };
    await expect(dispatchIpc('window:setFullScreen', dashboard, [true], DASH, ctx, handlers)).resolves.toBe(
      true,
    );
    expect(ctx.fullScreen).toBe(true);
  });

  it('rejects unknown channels, including prototype names', async () => {
    for (const channel of ['shell:openExternal', 'toString', '__proto__', 'constructor']) {
      await expect(dispatchIpc(channel, dashboard, [], DASH, {}, handlers as never)).rejects.toThrow(
        `IPC: unknown channel "${channel}"`,
      );
    }
  });

  it('never runs the handler for a refused call', async () => {
    const ctx = { fullScreen: false };
    await expect(
      dispatchIpc(
        'window:setFullScreen',
        { url: `${DASH}/`, isMainFrame: false },
        [true],
        DASH,
        ctx,
        handlers,
      ),
    ).rejects.toThrow('refused');
    expect(ctx.fullScreen).toBe(false);
  });

  it('rejects a handler result that breaks the contract', async () => {
    const broken = { ...handlers, 'app:getInfo': () => ({ version: 1 }) } as unknown as typeof handlers;
    await expect(
      dispatchIpc('app:getInfo', dashboard, [], DASH, { fullScreen: false }, broken),
    ).rejects.toThrow('IPC app:getInfo: invalid result');
  });
});
