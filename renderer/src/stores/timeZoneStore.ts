/**
 * Which time zone times are shown in (issue 16). Live, the control room's zone (Europe/Berlin);
 * in a replay of an imported dataset, the dataset's own zone (the mapping's `time.timeZone`, stored
 * with the dataset), so a Seattle export replays in Seattle time. The operator may switch to the
 * workstation's zone; the choice is kept for the session only.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export const CONTROL_ROOM_ZONE = 'Europe/Berlin';

/** The zone this machine runs in (the browser's / Electron's). */
export const workstationZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Whether the runtime knows the IANA zone name (a dataset from an older server may name none). */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface TimeZoneState {
  /** The data's zone: the dataset's in a replay, the control room's otherwise. */
  dataZone: string;
  /** Shows the workstation's zone instead of the data's. */
  useWorkstation: boolean;
  setDataZone(zone: string | undefined): void;
  setUseWorkstation(on: boolean): void;
}

export const timeZoneStore = createStore<TimeZoneState>()((set) => ({
  dataZone: CONTROL_ROOM_ZONE,
  useWorkstation: false,
  setDataZone: (zone) => set({ dataZone: zone && isKnownZone(zone) ? zone : CONTROL_ROOM_ZONE }),
  setUseWorkstation: (useWorkstation) => set({ useWorkstation }),
}));

export const displayZoneOf = (s: Pick<TimeZoneState, 'dataZone' | 'useWorkstation'>): string =>
  s.useWorkstation ? workstationZone() : s.dataZone;
export const displayZone = (): string => displayZoneOf(timeZoneStore.getState());
export const useTimeZone = <T>(select: (s: TimeZoneState) => T): T => useStore(timeZoneStore, select);
