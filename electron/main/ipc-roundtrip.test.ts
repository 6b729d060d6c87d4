// Both halves of the typed IPC against the one shared contract: the preload bridge as the page sees
// it, and main's guard and handlers, joined by plain functions in place of Electron's transport.
// The wall channels run on the real pure modules (assignment, routing) over a fixed display set.
import { describe, expect, it } from 'vitest';
import { ipcContract, ipcEvents, IPC_CHANNELS, IPC_EVENTS, type DisplayList } from '#shared/ipc';
import { createBridge, type Subscribe } from '../preload/bridge.ts';
import { dispatchIpc, type IpcHandlers, type SenderInfo } from './ipc-guard.ts';
import {
  assignWall,
  clearWall,
  planWalls,
  setWorkstation,
  type DisplayDesc,
  type WallSettings,
} from './wall-assignment.ts';
import { routeWallCommand } from './wall-routing.ts';
import { replayUrl } from './replay-url.ts';

const DASH = 'http://127.0.0.1:41234';
const info = { version: '0.1.0', platform: 'linux', serverUrl: DASH, embedded: true };
const rect = (x: number) => ({ x, y: 0, width: 1920, height: 1080 });
const displays: DisplayDesc[] = [
  { id: 1, label: 'Built-in', bounds: rect(0), workArea: rect(0), primary: true },
  { id: 2, label: 'Wand links', bounds: rect(1920), workArea: rect(1920), primary: false },
];

/** A stand-in for main: settings in memory, one listener list per page for wall:command. */
function fakeMain() {
  let settings: WallSettings = { walls: [], workstation: null };
  const wallListeners: ((payload: unknown) => void)[] = [];
  const replayUrls: string[] = [];
  const list = (): DisplayList => {
    const plan = planWalls(displays, settings);
    return {
      displays: displays.map((d) => ({
        ...d,
        wallLayout: plan.walls.find((w) => w.displayId === d.id)?.layout ?? null,
        workstation: d.id === plan.workstationDisplayId,
        restarts: 0,
      })),
      missing: plan.missing.map(({ displayId, label, layout }) => ({ displayId, label, layout })),
      keepAwake: plan.walls.length > 0,
    };
  };
  const handlers: IpcHandlers<SenderInfo> = {
    'app:getInfo': () => info,
    'window:setFullScreen': (_ctx, on) => on,
    'displays:list': list,
    'walls:assign': (_ctx, id, layout) => ((settings = assignWall(settings, displays, id, layout)), list()),
    'walls:clear': (_ctx, id) => ((settings = clearWall(settings, id)), list()),
    'displays:setWorkstation': (_ctx, id) => ((settings = setWorkstation(settings, displays, id)), list()),
    'wall:show': (ctx, command) => {
      const route = routeWallCommand(ctx.role ?? 'unknown', command, [{ displayId: 2, alive: true }]);
      if (!route.ok) throw new Error(route.error);
      for (const listener of wallListeners) listener(route.command);
      return { delivered: route.targets.length };
    },
    'replay:open': (_ctx, params) => {
      replayUrls.push(replayUrl(DASH, params));
      return { windowId: replayUrls.length };
    },
  };
  const subscribe: Subscribe = (_event, listener) => {
    wallListeners.push(listener);
    return () => void wallListeners.splice(wallListeners.indexOf(listener), 1);
  };
  const bridgeFor = (sender: SenderInfo) =>
    createBridge((channel, ...args) => dispatchIpc(channel, sender, args, DASH, sender, handlers), subscribe);
  return { bridgeFor, wallListeners, replayUrls };
}

const noEvents: Subscribe = () => () => undefined;
const workstation: SenderInfo = { url: `${DASH}/`, isMainFrame: true, role: 'workstation' };
const wallSender: SenderInfo = { url: `${DASH}/?mode=wall&layout=overview`, isMainFrame: true, role: 'wall' };

describe('IPC round trip', () => {
  const main = fakeMain();
  const bridge = main.bridgeFor(workstation);

  it('exposes exactly one bridge function per channel and per event', () => {
    const names = [
      ...IPC_CHANNELS.map((c) => ipcContract[c].bridge),
      ...IPC_EVENTS.map((e) => ipcEvents[e].bridge),
    ];
    expect(Object.keys(bridge).sort()).toEqual(names.sort());
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('carries calls and results through both checks', async () => {
    await expect(bridge.getAppInfo()).resolves.toEqual(info);
    await expect(bridge.setFullScreen(true)).resolves.toBe(true);
  });

  it('stops bad arguments in the page already', async () => {
    // @ts-expect-error: the page passes the wrong type on purpose
    await expect(bridge.setFullScreen('on')).rejects.toThrow('IPC window:setFullScreen: invalid arguments');
    await expect(bridge.assignWall(2, 'Wand 1')).rejects.toThrow('IPC walls:assign: invalid arguments');
  });

  it('opens a replay window from the workstation only, with checked parameters', async () => {
    await expect(bridge.openReplay({ incident: 'E-1', from: 1000, to: 2000 })).resolves.toEqual({
      windowId: 1,
    });
    expect(main.replayUrls).toEqual([`${DASH}/?mode=replay&from=1000&to=2000&incident=E-1`]);
    await expect(bridge.openReplay({ from: 2000, to: 1000 })).rejects.toThrow(
      'IPC replay:open: invalid arguments',
    );
    const wall = main.bridgeFor(wallSender);
    await expect(wall.openReplay({ incident: 'E-1' })).rejects.toThrow('only the workstation');
    expect(main.replayUrls).toHaveLength(1);
  });

  it('lets main refuse a page from another origin', async () => {
    const foreign = main.bridgeFor({ url: 'https://evil.example/', isMainFrame: true, role: 'unknown' });
    await expect(foreign.getAppInfo()).rejects.toThrow('refused');
  });

  it('rejects a malformed result before it reaches the page', async () => {
    const bridgeWithBadMain = createBridge(async () => ({ version: 7 }), noEvents);
    await expect(bridgeWithBadMain.getAppInfo()).rejects.toThrow('IPC app:getInfo: invalid result');
  });

  it('lists displays and assigns and clears a wall layout', async () => {
    const before = await bridge.listDisplays();
    expect(before.displays.map((d) => [d.id, d.wallLayout, d.workstation])).toEqual([
      [1, null, true],
      [2, null, false],
    ]);
    const assigned = await bridge.assignWall(2, 'overview');
    expect(assigned.displays[1]?.wallLayout).toBe('overview');
    expect(assigned.keepAwake).toBe(true);
    await expect(bridge.assignWall(7, 'overview')).rejects.toThrow('no display with id 7');
    expect((await bridge.clearWall(2)).displays[1]?.wallLayout).toBeNull();
    const moved = await bridge.setWorkstationDisplay(2);
    expect(moved.displays.map((d) => d.workstation)).toEqual([false, true]);
    expect((await bridge.setWorkstationDisplay(null)).displays[0]?.workstation).toBe(true);
  });

  it('sends a selection from the workstation to the wall page, and only from there', async () => {
    const wallPage = main.bridgeFor(wallSender);
    const seen: unknown[] = [];
    const stop = wallPage.onWallCommand((command) => seen.push(command));
    await expect(bridge.showOnWall({ kind: 'incident', id: 'E-2026-0042' })).resolves.toEqual({
      delivered: 1,
    });
    expect(seen).toEqual([{ kind: 'incident', id: 'E-2026-0042' }]);
    await expect(wallPage.showOnWall({ kind: 'unit', id: 'KO-1' })).rejects.toThrow(
      'only the workstation window may call it',
    );
    await expect(wallPage.assignWall(1, 'overview')).rejects.toThrow(
      'only the workstation window may call it',
    );
    stop();
    await bridge.showOnWall({ kind: 'unit', id: 'KO-1' });
    expect(seen).toHaveLength(1);
  });

  it('drops an event payload that breaks the contract before the page sees it', () => {
    const seen: unknown[] = [];
    let emit: (payload: unknown) => void = () => undefined;
    const page = createBridge(
      async () => null,
      (_event, listener) => ((emit = listener), () => undefined),
    );
    page.onWallCommand((c) => seen.push(c));
    emit({ kind: 'unit', id: 'ok-1' });
    emit({ kind: 'unit', id: 'ok-2', callerPhone: '0221 1234' });
    emit('unit:x');
    expect(seen).toEqual([{ kind: 'unit', id: 'ok-1' }]);
  });

  it('refuses a subscription without a callback', () => {
    const page = createBridge(async () => null, noEvents);
    // @ts-expect-error: a page passing no function on purpose
    expect(() => page.onWallCommand('x')).toThrow(
      'IPC wall:command: onWallCommand needs a callback function',
    );
  });
});
