// The workstation window as main creates it (Electron faked: no binary here): the same locked-down
// web preferences as walls and replays — isolated, sandboxed, no Node, no webview, no devtools
// when packaged — with the preload that sits next to main.cjs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, resetFakeElectron, screen } from './testing/fake-electron.ts';
import { createMainWindow } from './main-window.ts';
import { secureWebPreferences } from './web-preferences.ts';

const userData = mkdtempSync(`${tmpdir()}/lagebild-main-window-`);
const app = vi.hoisted(() => ({ isPackaged: true, getPath: (): string => '' }));
vi.mock('electron', async () => ({ ...(await import('./testing/fake-electron.ts')), app }));

afterEach(() => resetFakeElectron());
afterAll(() => rmSync(userData, { recursive: true, force: true }));

describe('createMainWindow', () => {
  it.each([
    [true, false],
    [false, true],
  ])('packaged %s: secure web preferences, devtools %s', (packaged, devTools) => {
    app.isPackaged = packaged;
    app.getPath = () => userData;
    const rect = { x: 0, y: 0, width: 1920, height: 1080 };
    screen.set([{ id: 1, label: 'Desk', bounds: rect, workArea: rect }], 1);
    createMainWindow('http://127.0.0.1:41234/', 'de');
    const win = BrowserWindow.getAllWindows()[0]!;
    const prefs = win.options['webPreferences'] as Record<string, unknown>;
    expect(String(prefs['preload'])).toMatch(/preload\.cjs$/);
    expect(prefs).toEqual(secureWebPreferences(String(prefs['preload']), devTools));
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(win.urls).toEqual(['http://127.0.0.1:41234/']);
  });
});
