// The wall manager against a stand-in for Electron (no binary here; the real one runs in
// e2e/electron/wall.spec.ts): windows per display, kiosk, cursor, keep-awake, display changes,
// crash and hang restarts, send to wall, stop. Our own modules are real; only Electron is faked.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Electron from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, powerSaveBlocker, resetFakeElectron, screen } from './testing/fake-electron.ts';
import { WallManager } from './wall-windows.ts';

vi.mock('electron', () => import('./testing/fake-electron.ts'));

const ORIGIN = 'http://127.0.0.1:41234';
const rect = (x: number) => ({ x, y: 0, width: 1920, height: 1080 });
const desk = { id: 1, label: 'Built-in', bounds: rect(0), workArea: rect(0) };
const wallA = { id: 2, label: 'DELL U2720Q', bounds: rect(1920), workArea: rect(1920) };

let dir = '';
let file = '';
let workstation: BrowserWindow;

function manager(walls: { id: number; label: string; bounds: ReturnType<typeof rect> }[]): WallManager {
  const entries = walls.map((d) => ({
    displayId: d.id,
    label: d.label,
    bounds: d.bounds,
    layout: 'overview',
  }));
  writeFileSync(file, JSON.stringify({ version: 1, walls: entries }));
  const m = new WallManager({
    origin: ORIGIN,
    preloadPath: '/x/preload.cjs',
    devTools: false,
    settingsFile: file,
  });
  m.start(workstation as unknown as Electron.BrowserWindow);
  return m;
}
const wallWindows = () => BrowserWindow.getAllWindows().filter((w) => w !== workstation);
const onlyWall = (): BrowserWindow => {
  const walls = wallWindows();
  expect(walls).toHaveLength(1);
  return walls[0]!;
};

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  resetFakeElectron();
  screen.set([desk, wallA], 1);
  workstation = new BrowserWindow({ x: 100, y: 100, width: 1440, height: 900 });
  dir = mkdtempSync(join(tmpdir(), 'lagebild-wallmgr-'));
  file = join(dir, 'walls.json');
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('WallManager', () => {
  it('opens a kiosk wall on its display with the wall URL, hides the cursor and keeps displays awake', () => {
    const m = manager([wallA]);
    const wall = onlyWall();
    expect(wall.bounds).toEqual(wallA.bounds);
    expect(wall.options).toMatchObject({ frame: false, show: false });
    expect(wall.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(wall.urls).toEqual([`${ORIGIN}/?mode=wall&layout=overview`]);
    wall.emit('ready-to-show');
    expect({ shown: wall.shown, kiosk: wall.kiosk }).toEqual({ shown: true, kiosk: true });
    wall.webContents.finishLoad();
    expect(wall.webContents.css).toEqual(['* { cursor: none !important; }']);
    expect(powerSaveBlocker.active.size).toBe(1);
    expect(m.list()).toMatchObject({
      keepAwake: true,
      missing: [],
      displays: [
        { id: 1, wallLayout: null, workstation: true },
        { id: 2, wallLayout: 'overview', workstation: false, restarts: 0 },
      ],
    });
  });

  it('follows a display being unplugged and re-plugged under a new id', () => {
    const m = manager([wallA]);
    const first = onlyWall();
    screen.set([desk], 1);
    screen.emit('display-removed');
    expect(first.destroyed).toBe(true);
    expect(wallWindows()).toEqual([]);
    expect(powerSaveBlocker.active.size).toBe(0);
    expect(m.list().missing).toEqual([{ displayId: 2, label: wallA.label, layout: 'overview' }]);
    screen.emit('display-metrics-changed');
    const notConnected = vi
      .mocked(console.log)
      .mock.calls.filter(([line]) => /not connected/.test(String(line)));
    expect(notConnected).toEqual([['Lagebild: walls: display not connected: DELL U2720Q (overview)']]);

    screen.set([desk, { ...wallA, id: 17 }], 1);
    screen.emit('display-added');
    expect(onlyWall().bounds).toEqual(wallA.bounds);
    expect(m.list().displays.find((d) => d.id === 17)?.wallLayout).toBe('overview');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ walls: [{ displayId: 17 }] });
  });

  it('moves a wall when its display changes resolution and reloads it for a new layout', () => {
    const m = manager([wallA]);
    const wall = onlyWall();
    screen.set([desk, { ...wallA, bounds: { ...wallA.bounds, width: 3840, height: 2160 } }], 1);
    screen.emit('display-metrics-changed');
    expect(wall.bounds).toEqual({ x: 1920, y: 0, width: 3840, height: 2160 });
    expect(wall.kiosk).toBe(true);
    m.assign(2, 'heatmap');
    expect(wallWindows()).toEqual([wall]);
    expect(wall.urls.at(-1)).toBe(`${ORIGIN}/?mode=wall&layout=heatmap`);
  });

  it('cycles a wall through the layouts when assigned with a cycle, and reloads when only the cycle changes', () => {
    const m = manager([wallA]);
    const wall = onlyWall();
    m.assign(2, 'status', 60);
    expect(wall.urls.at(-1)).toBe(`${ORIGIN}/?mode=wall&layout=status&cycle=60`);
    expect(m.list().displays.find((d) => d.id === 2)).toMatchObject({ wallLayout: 'status', wallCycle: 60 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      walls: [{ layout: 'status', cycle: 60 }],
    });
    m.assign(2, 'status');
    expect(wall.urls.at(-1)).toBe(`${ORIGIN}/?mode=wall&layout=status`);
    expect(m.list().displays.find((d) => d.id === 2)?.wallCycle).toBeUndefined();
    expect(wallWindows()).toEqual([wall]);
  });

  it('restarts a crashed renderer with a growing delay and counts it', () => {
    const m = manager([wallA]);
    const wall = onlyWall();
    wall.webContents.forcefullyCrashRenderer();
    vi.advanceTimersByTime(999);
    expect(wall.urls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(wall.urls).toHaveLength(2);
    wall.webContents.forcefullyCrashRenderer();
    vi.advanceTimersByTime(1_999);
    expect(wall.urls).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(wall.urls).toHaveLength(3);
    expect(m.list().displays[1]?.restarts).toBe(2);
    expect(console.warn).toHaveBeenCalledWith(
      expect.stringContaining('renderer gone (killed); restart 2 in 2000 ms'),
    );
  });

  it('restarts a renderer that hangs past the grace period, not one that recovers', () => {
    manager([wallA]);
    const wall = onlyWall();
    wall.webContents.emit('unresponsive');
    vi.advanceTimersByTime(10_000);
    wall.webContents.emit('responsive');
    vi.advanceTimersByTime(60_000);
    expect(wall.urls).toHaveLength(1);
    wall.webContents.emit('unresponsive');
    vi.advanceTimersByTime(15_000 + 1_000);
    expect(wall.urls).toHaveLength(2);
  });

  it('sends a selection from the workstation to every loaded wall and refuses it from a wall', () => {
    const m = manager([wallA]);
    const wall = onlyWall();
    const ws = workstation.webContents as unknown as Electron.WebContents;
    expect(m.show(m.roleOf(ws), { kind: 'unit', id: 'KO-1' })).toEqual({ delivered: 0 }); // not loaded yet
    wall.webContents.finishLoad();
    expect(m.show(m.roleOf(ws), { kind: 'unit', id: 'KO-1' })).toEqual({ delivered: 1 });
    expect(wall.webContents.sent).toEqual([['wall:command', { kind: 'unit', id: 'KO-1' }]]);
    const fromWall = m.roleOf(wall.webContents as unknown as Electron.WebContents);
    expect(fromWall).toBe('wall');
    expect(() => m.show(fromWall, { kind: 'unit', id: 'KO-1' })).toThrow(
      'only the workstation sends to walls',
    );
  });

  it('reopens a wall closed from outside, and closes everything for good on stop', () => {
    const m = manager([wallA]);
    onlyWall().destroy();
    expect(wallWindows()).toEqual([]);
    vi.advanceTimersByTime(1_000);
    const reopened = onlyWall();
    m.stop();
    expect(reopened.destroyed).toBe(true);
    expect(powerSaveBlocker.active.size).toBe(0);
    vi.advanceTimersByTime(120_000);
    screen.emit('display-added');
    expect(wallWindows()).toEqual([]);
  });

  it('moves the workstation off a display that gets a wall', () => {
    screen.set([desk, wallA], 1);
    const m = manager([]);
    m.assign(1, 'overview');
    expect(screen.getDisplayMatching(workstation.getBounds()).id).toBe(2);
    expect(m.list().displays.map((d) => [d.id, d.wallLayout, d.workstation])).toEqual([
      [1, 'overview', false],
      [2, null, true],
    ]);
  });
});
