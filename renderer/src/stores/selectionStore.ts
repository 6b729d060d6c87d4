/** What the operator selected on the map (or later in a panel), and which unit the map follows. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type Selection = { kind: 'unit'; id: string } | { kind: 'incident'; id: string };

export interface SelectionState {
  selected: Selection | null;
  followUnitId: string | null;
  /** Bumped when a list or the search asks the map to bring the selection into view. */
  revealed: number;
  select(selection: Selection | null): void;
  /** Selects and asks the map to fly to it. */
  reveal(selection: Selection): void;
  follow(unitId: string | null): void;
}

export const selectionStore = createStore<SelectionState>()((set) => ({
  selected: null,
  followUnitId: null,
  revealed: 0,
  select: (selected) => set({ selected }),
  reveal: (selected) => set((s) => ({ selected, revealed: s.revealed + 1 })),
  follow: (followUnitId) => set({ followUnitId }),
}));

export const useSelection = <T>(select: (s: SelectionState) => T): T => useStore(selectionStore, select);
