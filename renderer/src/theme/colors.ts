/** Map and legend colours of the dark control-room theme. FMS 0 (emergency) is red, 5 (speech request) amber. */
import type { FmsStatus, Priority } from '#shared/domain';

export const STATUS_COLORS: Readonly<Record<FmsStatus, string>> = {
  0: '#ff1f3d',
  1: '#3ddc84',
  2: '#1fa67a',
  3: '#3fa9ff',
  4: '#b07cff',
  5: '#ffb300',
  6: '#8a94a6',
  7: '#c9a27e',
  8: '#c9a27e',
  9: '#c9a27e',
};

export const PRIORITY_COLORS: Readonly<Record<Priority, string>> = {
  1: '#ff3b30',
  2: '#ff8c1a',
  3: '#f2d024',
};

export const THEME = {
  water: '#0b1622',
  land: '#17212b',
  landOutline: '#2a3a4a',
  border: '#5b6b7d',
  label: '#e6edf3',
  labelHalo: '#0b1118',
  trail: '#7fb8ff',
  selection: '#ffffff',
  cluster: '#2d4a66',
  clusterText: '#e6edf3',
} as const;
