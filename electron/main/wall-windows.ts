/**
 * The wall windows: one kiosk window per assigned display, showing `/?mode=wall&layout=<name>`,
 * cursor hidden, display kept awake while any wall is open, and a crashed or hung renderer brought
 * back by itself. The decisions (which display, what changed, when to restart, who may send) are
 * the pure modules next to this one; this file only applies them to Electron.
 */
import { BrowserWindow, powerSaveBlocker, screen, type WebContents } from 'electron';
import type { DisplayList, WallCommand } from '#shared/ipc';
import {
  assignWall,
  clearWall,
  planWalls,
  rememberMatches,
  setWorkstation,
  workstationMove,
  type DisplayDesc,
  type WallPlacement,
  type WallPlan,
  type WallSettings,
} from './wall-assignment.ts';
import { diffWalls } from './wall-diff.ts';
import { HANG_GRACE_MS, RestartBackoff } from './wall-restart.ts';
import { routeWallCommand, type WindowRole } from './wall-routing.ts';
import { readWallSettings, writeWallSettings } from './wall-settings-file.ts';
import { secureWebPreferences } from './web-preferences.ts';
import { restoreWindowState } from './window-state.ts';

const HIDE_CURSOR_CSS = '* { cursor: none !important; }';
const LOAD_RETRY_MS = 5_000;

interface Wall {
  placement: WallPlacement;
  win: BrowserWindow;
  backoff: RestartBackoff;
  alive: boolean;
  hang?: NodeJS.Timeout;
}

export interface WallManagerOptions {
  origin: string;
  preloadPath: string;
  devTools: boolean;
  settingsFile: string;
}

export const wallUrl = (origin: string, layout: string, cycle?: number | null): string =>
  `${origin}/?mode=wall&layout=${encodeURIComponent(layout)}${cycle ? `&cycle=${cycle}` : ''}`;

function currentDisplays(): DisplayDesc[] {
  const primaryId = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((d) => ({
    id: d.id,
    label: d.label,
    bounds: d.bounds,
    workArea: d.workArea,
    primary: d.id === primaryId,
  }));
}

export class WallManager {
  private readonly walls = new Map<number, Wall>();
  private settings: WallSettings;
  private plan: WallPlan = { walls: [], workstationDisplayId: null, missing: [] };
  private workstation: BrowserWindow | null = null;
  private blocker: number | null = null;
  private stopped = false;
  private missingLogged = '';

  constructor(private readonly options: WallManagerOptions) {
    this.settings = readWallSettings(options.settingsFile);
  }

  /** Opens the saved walls and follows displays being added, removed or rearranged. */
  start(workstation: BrowserWindow): void {
    this.workstation = workstation;
    const replan = (): void => this.apply();
    screen.on('display-added', replan);
    screen.on('display-removed', replan);
    screen.on('display-metrics-changed', replan);
    this.apply();
  }

  /** Closes every wall and lets the displays sleep again (the app is quitting). */
  stop(): void {
    this.stopped = true;
    for (const wall of this.walls.values()) this.destroy(wall);
    this.walls.clear();
    this.keepAwake();
  }

  roleOf(contents: WebContents): WindowRole {
    const ws = this.workstation;
    if (ws && !ws.isDestroyed() && ws.webContents.id === contents.id) return 'workstation';
    for (const wall of this.walls.values()) {
      if (!wall.win.isDestroyed() && wall.win.webContents.id === contents.id) return 'wall';
    }
    return 'unknown';
  }

  list(): DisplayList {
    return {
      displays: currentDisplays().map((d) => {
        const wall = this.walls.get(d.id);
        return {
          ...d,
          wallLayout: wall?.placement.layout ?? null,
          ...(wall?.placement.cycle ? { wallCycle: wall.placement.cycle } : {}),
          workstation: d.id === this.plan.workstationDisplayId,
          restarts: wall?.backoff.total ?? 0,
        };
      }),
      missing: this.plan.missing.map(({ displayId, label, layout }) => ({ displayId, label, layout })),
      keepAwake: this.blocker !== null,
    };
  }

  assign(displayId: number, layout: string, cycle: number | null = null): DisplayList {
    this.save(assignWall(this.settings, currentDisplays(), displayId, layout, cycle));
    return this.list();
  }

  clear(displayId: number): DisplayList {
    this.save(clearWall(this.settings, displayId));
    return this.list();
  }

  setWorkstation(displayId: number | null): DisplayList {
    this.save(setWorkstation(this.settings, currentDisplays(), displayId));
    return this.list();
  }

  show(sender: WindowRole, command: WallCommand): { delivered: number } {
    const walls = [...this.walls.values()].map((w) => ({ ...w, displayId: w.placement.displayId }));
    const route = routeWallCommand(sender, command, walls);
    if (!route.ok) throw new Error(route.error);
    for (const wall of route.targets) wall.win.webContents.send('wall:command', route.command);
    return { delivered: route.targets.length };
  }

  private save(next: WallSettings): void {
    writeWallSettings(this.options.settingsFile, next);
    this.settings = next;
    this.apply();
  }

  /** Re-runs the plan against the displays present now and changes only what differs. */
  private apply(): void {
    if (this.stopped) return;
    const displays = currentDisplays();
    const remembered = rememberMatches(this.settings, displays);
    if (remembered !== this.settings) {
      this.settings = remembered;
      try {
        writeWallSettings(this.options.settingsFile, remembered);
      } catch (error) {
        console.warn(
          `Lagebild: walls: could not save ${this.options.settingsFile}: ${(error as Error).message}`,
        );
      }
    }
    this.plan = planWalls(displays, this.settings);
    const diff = diffWalls(
      [...this.walls.values()].map((w) => w.placement),
      this.plan.walls,
    );
    for (const id of diff.close) {
      const wall = this.walls.get(id);
      this.walls.delete(id);
      if (wall) this.destroy(wall);
      console.log(`Lagebild: walls: closed the wall on display ${id}`);
    }
    for (const placement of diff.move) this.place(placement);
    for (const placement of diff.relayout) this.load(placement);
    for (const placement of diff.open) this.open(placement);
    // Metrics change often (a taskbar, a scale setting); say what is missing only when it changes.
    const names = this.plan.missing.map((m) => `${m.label || m.displayId} (${m.layout})`).join(', ');
    if (names && names !== this.missingLogged)
      console.log(`Lagebild: walls: display not connected: ${names}`);
    this.missingLogged = names;
    this.keepAwake();
    this.moveWorkstation(displays);
  }

  private keepAwake(): void {
    if (this.walls.size > 0 && this.blocker === null) {
      this.blocker = powerSaveBlocker.start('prevent-display-sleep');
    } else if (this.walls.size === 0 && this.blocker !== null) {
      powerSaveBlocker.stop(this.blocker);
      this.blocker = null;
    }
  }

  private moveWorkstation(displays: DisplayDesc[]): void {
    const win = this.workstation;
    if (!win || win.isDestroyed()) return;
    const current = displays.length ? screen.getDisplayMatching(win.getBounds()).id : null;
    const target = displays.find((d) => d.id === workstationMove(current, this.plan, this.settings));
    if (!target) return;
    const wasFullScreen = win.isFullScreen();
    if (wasFullScreen) win.setFullScreen(false);
    win.setBounds(restoreWindowState({ bounds: win.getNormalBounds() }, [target], target).bounds);
    if (wasFullScreen) win.setFullScreen(true);
  }

  private open(placement: WallPlacement): void {
    const { x, y, width, height } = placement.bounds;
    const win = new BrowserWindow({
      x,
      y,
      width,
      height,
      show: false,
      frame: false,
      title: `Lagebild – ${placement.layout}`,
      backgroundColor: '#101418',
      autoHideMenuBar: true,
      webPreferences: {
        ...secureWebPreferences(this.options.preloadPath, this.options.devTools),
        backgroundThrottling: false,
      },
    });
    const wall: Wall = { placement, win, backoff: new RestartBackoff(), alive: false };
    this.walls.set(placement.displayId, wall);
    this.supervise(wall);
    // Kiosk only once the window is mapped at the display's bounds: some window managers put a
    // window that starts in full screen on the primary display, whatever its position.
    win.once('ready-to-show', () => {
      win.show();
      win.setBounds(wall.placement.bounds);
      win.setKiosk(true);
    });
    console.log(`Lagebild: walls: opening "${placement.layout}" on display ${placement.displayId}`);
    this.load(placement);
  }

  private place(placement: WallPlacement): void {
    const wall = this.walls.get(placement.displayId);
    if (!wall) return;
    wall.placement = placement;
    // A kiosk window keeps its old size until it leaves kiosk mode.
    wall.win.setKiosk(false);
    wall.win.setBounds(placement.bounds);
    wall.win.setKiosk(true);
  }

  private load(placement: WallPlacement): void {
    const wall = this.walls.get(placement.displayId);
    if (!wall || wall.win.isDestroyed()) return;
    wall.placement = placement;
    void wall.win
      .loadURL(wallUrl(this.options.origin, placement.layout, placement.cycle))
      .catch(() => undefined);
  }

  private supervise(wall: Wall): void {
    const { win } = wall;
    const contents = win.webContents;
    const name = (): string => `wall on display ${wall.placement.displayId} (${wall.placement.layout})`;
    const reloadLater = (delay: number): void => {
      setTimeout(() => this.load(wall.placement), delay);
    };
    contents.on('dom-ready', () => {
      contents
        .insertCSS(HIDE_CURSOR_CSS)
        .catch((e: unknown) => console.warn(`Lagebild: ${name()}: ${String(e)}`));
    });
    contents.on('did-finish-load', () => (wall.alive = true));
    contents.on('did-fail-load', (_event, code, reason, _url, isMainFrame) => {
      if (!isMainFrame || code === -3) return;
      wall.alive = false;
      console.warn(`Lagebild: ${name()}: load failed (${reason}); retrying in ${LOAD_RETRY_MS / 1000} s`);
      reloadLater(LOAD_RETRY_MS);
    });
    contents.on('render-process-gone', (_event, details) => {
      wall.alive = false;
      clearTimeout(wall.hang);
      if (details.reason === 'clean-exit' || this.stopped) return;
      const delay = wall.backoff.next(Date.now());
      console.warn(
        `Lagebild: ${name()}: renderer gone (${details.reason}); restart ${wall.backoff.total} in ${delay} ms`,
      );
      reloadLater(delay);
    });
    contents.on('unresponsive', () => {
      clearTimeout(wall.hang);
      wall.hang = setTimeout(() => {
        console.warn(
          `Lagebild: ${name()}: unresponsive for ${HANG_GRACE_MS / 1000} s; restarting its renderer`,
        );
        // render-process-gone follows and reloads with the backoff.
        if (!contents.isDestroyed()) contents.forcefullyCrashRenderer();
      }, HANG_GRACE_MS);
    });
    contents.on('responsive', () => clearTimeout(wall.hang));
    win.on('closed', () => {
      clearTimeout(wall.hang);
      if (this.walls.get(wall.placement.displayId) !== wall) return;
      // Closed from outside (Alt+F4, window manager): it belongs there, so it comes back.
      this.walls.delete(wall.placement.displayId);
      if (!this.stopped) setTimeout(() => this.apply(), wall.backoff.next(Date.now()));
    });
  }

  private destroy(wall: Wall): void {
    clearTimeout(wall.hang);
    if (!wall.win.isDestroyed()) wall.win.destroy();
  }
}
