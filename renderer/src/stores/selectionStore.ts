/** What the operator selected on the map (or later in a panel), and which unit the map follows. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type Selection = { kind: 'unit'; id: string } | { kind: 'incident'; id: string };

export interface SelectionState {
  selected: Selection | null;
  followUnitId: string | null;
  select(selection: Selection | null): void;
  follow(unitId: string | null): void;
}

export const selectionStore = createStore<SelectionState>()((set) => ({
  selected: null,
  followUnitId: null,
  select: (selected) => set({ selected }),
  follow: (followUnitId) => set({ followUnitId }),
}));

export const useSelection = <T>(select: (s: SelectionState) => T): T => useStore(selectionStore, select);
