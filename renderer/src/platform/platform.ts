/**
 * The only code that may touch the Electron bridge (`window.lagebild`, exposed by the preload).
 * In a plain browser there is no bridge and the server is the page's own origin.
 */
import { BRIDGE_GLOBAL, type AppInfo, type LagebildBridge, type WallCommand } from '#shared/ipc';

export interface Platform {
  kind: 'electron' | 'browser';
  /** Origin of the Lage server, e.g. http://127.0.0.1:8080. */
  serverUrl: string;
  appInfo: AppInfo | null;
}

function bridge(): LagebildBridge | null {
  const candidate = (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
  if (!candidate || typeof candidate !== 'object') return null;
  return typeof (candidate as Partial<LagebildBridge>).getAppInfo === 'function'
    ? (candidate as LagebildBridge)
    : null;
}

/**
 * Where the server is: the bridge's answer in Electron; otherwise the page origin, or a `?server=`
 * override for a dashboard served from elsewhere (development with the Vite dev server).
 */
export function serverUrlFromLocation(loc: Pick<Location, 'href' | 'origin' | 'protocol'>): string {
  const override = new URL(loc.href).searchParams.get('server');
  if (override) {
    const url = new URL(override);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`?server= must be an http(s) URL, got ${override}`);
    return url.origin;
  }
  if (loc.protocol !== 'http:' && loc.protocol !== 'https:') {
    throw new Error(`The dashboard was opened from ${loc.protocol} and has no server to talk to`);
  }
  return loc.origin;
}

export async function detectPlatform(): Promise<Platform> {
  const b = bridge();
  if (b) {
    const appInfo = await b.getAppInfo();
    return { kind: 'electron', serverUrl: appInfo.serverUrl, appInfo };
  }
  return { kind: 'browser', serverUrl: serverUrlFromLocation(location), appInfo: null };
}

/**
 * "Send to wall": the workstation's selection arrives here in an Electron wall window. A browser
 * has no workstation to send, so there it is a no-op. Returns the unsubscribe function.
 */
export function onWallCommand(callback: (command: WallCommand) => void): () => void {
  const b = bridge();
  if (!b || typeof b.onWallCommand !== 'function') return () => undefined;
  return b.onWallCommand(callback);
}

/** The wall functions of the Electron bridge (display list, assignment, send to wall). */
export type WallBridge = Pick<
  LagebildBridge,
  'listDisplays' | 'assignWall' | 'clearWall' | 'setWorkstationDisplay' | 'showOnWall'
>;

/** The bridge's wall functions, or null in a browser (walls there are plain `/?mode=wall` URLs). */
export function wallBridge(): WallBridge | null {
  const b = bridge();
  if (!b) return null;
  const names = ['listDisplays', 'assignWall', 'clearWall', 'setWorkstationDisplay', 'showOnWall'] as const;
  return names.every((n) => typeof b[n] === 'function') ? b : null;
}
