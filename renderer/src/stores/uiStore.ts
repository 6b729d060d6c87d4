/** Which dialogs and overlays are open. Panels open them through here; they never import each other. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { LatLon } from '#shared/domain';

export interface UiState {
  helpOpen: boolean;
  settingsOpen: boolean;
  /** Where the operator asked to open a new incident (map context menu), or null. */
  newIncidentAt: LatLon | null;
  /** The incident whose "assign a unit" picker is open, or null. */
  assignFor: string | null;
  setHelp(open: boolean): void;
  setSettings(open: boolean): void;
  openNewIncident(at: LatLon | null): void;
  openAssign(incidentId: string | null): void;
  /** Escape: closes the topmost overlay; false when nothing was open. */
  closeTop(): boolean;
}

export const uiStore = createStore<UiState>()((set, get) => ({
  helpOpen: false,
  settingsOpen: false,
  newIncidentAt: null,
  assignFor: null,
  setHelp: (helpOpen) => set({ helpOpen }),
  setSettings: (settingsOpen) => set({ settingsOpen }),
  openNewIncident: (newIncidentAt) => set({ newIncidentAt }),
  openAssign: (assignFor) => set({ assignFor }),
  closeTop: () => {
    const s = get();
    if (s.helpOpen) set({ helpOpen: false });
    else if (s.settingsOpen) set({ settingsOpen: false });
    else if (s.newIncidentAt) set({ newIncidentAt: null });
    else if (s.assignFor) set({ assignFor: null });
    else return false;
    return true;
  },
}));

export const useUi = <T>(select: (s: UiState) => T): T => useStore(uiStore, select);

/**
 * What the map offers to code outside it, set by a map component while the map exists: the
 * keyboard's "new incident" opens at the map centre.
 */
export const mapBridge: { center: () => LatLon | null } = { center: () => null };
