import { useState } from 'react';

/**
 * The active row of a list, by key so it stays on the same entity while the list reorders. A new
 * selection elsewhere (map, search) moves it there; keyboard moves in between stay local.
 */
export function useActiveRow(selectedKey: string | null): [string | null, (key: string | null) => void] {
  const [state, setState] = useState({ key: selectedKey, sel: selectedKey });
  let key = state.key;
  if (state.sel !== selectedKey) {
    key = selectedKey ?? state.key;
    setState({ key, sel: selectedKey });
  }
  return [key, (next) => setState((s) => ({ ...s, key: next }))];
}
