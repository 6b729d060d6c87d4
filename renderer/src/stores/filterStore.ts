/** The filters that apply to the map and the lists alike, and the search box's text. */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { NO_FILTER, toggled, type Filter } from './filters.ts';

export interface FilterState extends Filter {
  query: string;
  toggle<K extends keyof Filter>(key: K, value: Filter[K][number]): void;
  clear(): void;
  setQuery(query: string): void;
}

export const filterStore = createStore<FilterState>()((set, get) => ({
  ...NO_FILTER,
  query: '',
  toggle: (key, value) => set({ [key]: toggled(get()[key] as readonly unknown[], value) }),
  clear: () => set({ ...NO_FILTER }),
  setQuery: (query) => set({ query }),
}));

export const useFilter = <T>(select: (s: FilterState) => T): T => useStore(filterStore, select);

/** The filter part of the state, for predicates and map expressions. */
export const currentFilter = (s: FilterState = filterStore.getState()): Filter => ({
  districts: s.districts,
  kinds: s.kinds,
  statuses: s.statuses,
  types: s.types,
});
