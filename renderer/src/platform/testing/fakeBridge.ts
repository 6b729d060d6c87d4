/**
 * Test stand-in for the Electron bridge's wall functions (`window.lagebild`): keeps a display list
 * the way main does (assign, clear, workstation) and records every call. Only for tests.
 */
import { BRIDGE_GLOBAL, type DisplayInfo, type DisplayList, type WallCommand } from '#shared/ipc';

const rect = (x: number, width = 1920, height = 1080) => ({ x, y: 0, width, height });

export function display(id: number, label: string, x: number, more: Partial<DisplayInfo> = {}): DisplayInfo {
  return {
    id,
    label,
    bounds: rect(x),
    workArea: rect(x),
    primary: false,
    wallLayout: null,
    workstation: false,
    restarts: 0,
    ...more,
  };
}

export interface FakeBridge {
  calls: unknown[][];
  list: DisplayList;
  /** Walls a send reaches (default: the open walls). */
  delivered?: number;
  /** The next call throws this (once). */
  failNext?: string;
  uninstall(): void;
}

export function installFakeBridge(displays: DisplayInfo[], missing: DisplayList['missing'] = []): FakeBridge {
  const fake: FakeBridge = {
    calls: [],
    list: { displays, missing, keepAwake: displays.some((d) => d.wallLayout) },
    uninstall: () => void delete (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL],
  };
  const answer = (name: string, args: unknown[], change?: (l: DisplayList) => DisplayList) => {
    fake.calls.push([name, ...args]);
    if (fake.failNext) {
      const error = fake.failNext;
      fake.failNext = undefined;
      return Promise.reject(new Error(error));
    }
    if (change) {
      const next = change(fake.list);
      fake.list = { ...next, keepAwake: next.displays.some((d) => d.wallLayout) };
    }
    return Promise.resolve(fake.list);
  };
  const patch = (id: number, p: Partial<DisplayInfo>) => (l: DisplayList) => ({
    ...l,
    displays: l.displays.map((d) => (d.id === id ? { ...d, ...p } : d)),
  });
  const bridge = {
    getAppInfo: () =>
      Promise.resolve({ version: '0', platform: 'linux', serverUrl: location.origin, embedded: true }),
    setFullScreen: (on: boolean) => Promise.resolve(on),
    listDisplays: () => answer('listDisplays', []),
    assignWall: (id: number, layout: string, cycle?: number | null) =>
      answer(
        'assignWall',
        [id, layout, cycle ?? null],
        patch(id, { wallLayout: layout, wallCycle: cycle ?? null }),
      ),
    clearWall: (id: number) =>
      answer('clearWall', [id], (l) => ({
        ...patch(id, { wallLayout: null, wallCycle: null })(l),
        missing: l.missing.filter((m) => m.displayId !== id),
      })),
    setWorkstationDisplay: (id: number | null) =>
      answer('setWorkstationDisplay', [id], (l) => ({
        ...l,
        displays: l.displays.map((d) => ({ ...d, workstation: id === null ? d.primary : d.id === id })),
      })),
    showOnWall: (command: WallCommand) => {
      fake.calls.push(['showOnWall', command]);
      const open = fake.list.displays.filter((d) => d.wallLayout).length;
      return Promise.resolve({ delivered: fake.delivered ?? open });
    },
    onWallCommand: () => () => undefined,
  };
  (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] = bridge;
  return fake;
}
