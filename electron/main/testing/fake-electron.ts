/**
 * A small stand-in for the parts of Electron the wall manager uses (screen, powerSaveBlocker,
 * BrowserWindow with its webContents), for unit tests where no Electron binary exists. It records
 * what main asked for and lets a test play the OS: plug displays, crash or hang a renderer.
 * The journeys in e2e/electron/wall.spec.ts run the real thing where a binary exists.
 */
import { EventEmitter } from 'node:events';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface FakeDisplay {
  id: number;
  label: string;
  bounds: Rect;
  workArea: Rect;
}

class Screen extends EventEmitter {
  displays: FakeDisplay[] = [];
  primaryId = 0;
  getAllDisplays = (): FakeDisplay[] => this.displays.map((d) => ({ ...d }));
  getPrimaryDisplay = (): FakeDisplay =>
    this.displays.find((d) => d.id === this.primaryId) ?? this.displays[0]!;
  getDisplayMatching = (r: Rect): FakeDisplay => {
    const cx = r.x + r.width / 2;
    const cy = r.y + r.height / 2;
    const inside = (d: FakeDisplay): boolean =>
      cx >= d.bounds.x &&
      cx < d.bounds.x + d.bounds.width &&
      cy >= d.bounds.y &&
      cy < d.bounds.y + d.bounds.height;
    return this.displays.find(inside) ?? this.getPrimaryDisplay();
  };
  set(displays: FakeDisplay[], primaryId: number): void {
    this.displays = displays;
    this.primaryId = primaryId;
  }
}
export const screen = new Screen();

export const powerSaveBlocker = {
  active: new Set<number>(),
  next: 1,
  start(type: string): number {
    if (type !== 'prevent-display-sleep') throw new Error(`unexpected blocker ${type}`);
    const id = this.next++;
    this.active.add(id);
    return id;
  },
  stop(id: number): void {
    this.active.delete(id);
  },
};

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  sent: [string, unknown][] = [];
  css: string[] = [];
  destroyed = false;
  constructor(private readonly win: BrowserWindow) {
    super();
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  async insertCSS(css: string): Promise<string> {
    this.css.push(css);
    return 'key';
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  forcefullyCrashRenderer(): void {
    this.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
  }
  /** What a successful load looks like from main. */
  finishLoad(): void {
    this.emit('dom-ready');
    this.emit('did-finish-load');
  }
  get url(): string {
    return this.win.urls.at(-1) ?? '';
  }
}

export class BrowserWindow extends EventEmitter {
  static all: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents(this);
  urls: string[] = [];
  bounds: Rect;
  kiosk = false;
  shown = false;
  fullScreen = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    const o = options as Partial<Rect>;
    this.bounds = { x: o.x ?? 0, y: o.y ?? 0, width: o.width ?? 800, height: o.height ?? 600 };
    this.kiosk = options.kiosk === true;
    BrowserWindow.all.push(this);
  }
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }
  async loadURL(url: string): Promise<void> {
    this.urls.push(url);
  }
  show(): void {
    this.shown = true;
  }
  setBounds(r: Rect): void {
    this.bounds = { ...r };
  }
  getBounds(): Rect {
    return { ...this.bounds };
  }
  getNormalBounds(): Rect {
    return { ...this.bounds };
  }
  setKiosk(on: boolean): void {
    this.kiosk = on;
  }
  isFullScreen(): boolean {
    return this.fullScreen;
  }
  setFullScreen(on: boolean): void {
    this.fullScreen = on;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

export function resetFakeElectron(): void {
  BrowserWindow.all = [];
  powerSaveBlocker.active.clear();
  screen.removeAllListeners();
  screen.set([], 0);
}
