// Replay windows against the stand-in for Electron (no binary here): the route, the hardened web
// preferences (the same as every Lagebild window), placement, crash reload and closing.
import type * as Electron from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, resetFakeElectron } from './testing/fake-electron.ts';
import { replayBounds, replayUrl, ReplayWindows } from './replay-window.ts';
import { secureWebPreferences } from './web-preferences.ts';
import { checkIpcArgs, channelSender } from '#shared/ipc';

vi.mock('electron', () => import('./testing/fake-electron.ts'));

const ORIGIN = 'http://127.0.0.1:41234';

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  resetFakeElectron();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('replay route', () => {
  it('puts the parameters into /?mode=replay&…', () => {
    expect(replayUrl(ORIGIN, {})).toBe(`${ORIGIN}/?mode=replay`);
    expect(
      replayUrl(ORIGIN, { dataset: 'seattle', from: 1000, to: 5000, t: 2000, speed: 60, incident: 'E-1' }),
    ).toBe(`${ORIGIN}/?mode=replay&dataset=seattle&from=1000&to=5000&t=2000&speed=60&incident=E-1`);
    expect(replayUrl(ORIGIN, { dataset: 'live', incident: 'E-1' })).toBe(
      `${ORIGIN}/?mode=replay&incident=E-1`,
    );
  });

  it('refuses what the contract refuses (main checks again after the preload)', () => {
    expect(() => replayUrl(ORIGIN, { from: 5000, to: 1000 })).toThrow(/after/);
    expect(() => replayUrl(ORIGIN, { dataset: '../x' })).toThrow(/dataset/);
    expect(checkIpcArgs('replay:open', [{ incident: 'E 1' }]).ok).toBe(false);
    expect(checkIpcArgs('replay:open', [{ incident: 'E1', extra: 1 }]).ok).toBe(false);
    expect(checkIpcArgs('replay:open', [{ incident: 'E1', from: 1, to: 2 }]).ok).toBe(true);
    expect(channelSender('replay:open')).toBe('workstation');
  });

  it('cascades a new window from the one that asked, within sensible sizes', () => {
    expect(replayBounds(null)).toEqual({ width: 1440, height: 900 });
    expect(replayBounds({ x: 100, y: 50, width: 3000, height: 2000 })).toEqual({
      x: 132,
      y: 82,
      width: 1440,
      height: 900,
    });
    expect(replayBounds({ x: 0, y: 0, width: 500, height: 400 })).toMatchObject({ width: 960, height: 600 });
  });
});

describe('replay windows', () => {
  const manager = () => new ReplayWindows({ origin: ORIGIN, preloadPath: '/x/preload.cjs', devTools: false });

  it('opens a hardened window on the replay route and shows it when ready', () => {
    const replays = manager();
    const { windowId } = replays.open({ incident: 'E-7', speed: 60 });
    const win = BrowserWindow.getAllWindows()[0]!;
    expect(windowId).toBe(win.webContents.id);
    expect(win.urls).toEqual([`${ORIGIN}/?mode=replay&speed=60&incident=E-7`]);
    expect(win.options['webPreferences']).toEqual(secureWebPreferences('/x/preload.cjs', false));
    expect(win.options['webPreferences']).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('opens one window per request, each forgotten when closed', () => {
    const replays = manager();
    const near = new BrowserWindow({ x: 10, y: 10, width: 1600, height: 1000 });
    replays.open({}, near as unknown as Electron.BrowserWindow);
    replays.open({});
    expect(replays.size).toBe(2);
    const [, first] = BrowserWindow.getAllWindows();
    expect(first!.bounds).toMatchObject({ x: 42, y: 42 });
    first!.destroy();
    expect(replays.size).toBe(1);
    replays.closeAll();
    expect(replays.size).toBe(0);
    expect(BrowserWindow.getAllWindows()).toEqual([near]);
  });

  it('reloads a crashed replay page, not a cleanly closed one', () => {
    const replays = manager();
    replays.open({ incident: 'E-1' });
    const win = BrowserWindow.getAllWindows()[0]!;
    win.webContents.emit('render-process-gone', {}, { reason: 'clean-exit' });
    vi.advanceTimersByTime(2000);
    expect(win.urls).toHaveLength(1);
    win.webContents.forcefullyCrashRenderer();
    vi.advanceTimersByTime(2000);
    expect(win.urls).toHaveLength(2);
    expect(win.urls[1]).toBe(win.urls[0]);
  });
});
