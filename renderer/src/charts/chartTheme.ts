/**
 * Chart colours per theme. Recharts draws SVG with presentation attributes, where CSS variables are
 * not reliable, so the colours come from here and follow the theme setting.
 */
import { useSettings, type Theme } from '../stores/settingsStore.ts';
import { STATUS_COLORS } from '../theme/colors.ts';

export interface ChartColors {
  axis: string;
  grid: string;
  text: string;
  bar: string;
  tooltipBg: string;
  available: string;
  committed: string;
  request: string;
  unavailable: string;
  emergency: string;
}

const shared = {
  available: STATUS_COLORS[2],
  committed: STATUS_COLORS[3],
  request: STATUS_COLORS[5],
  unavailable: STATUS_COLORS[6],
  emergency: STATUS_COLORS[0],
};

export const CHART_COLORS: Record<Theme, ChartColors> = {
  dark: {
    axis: '#5b6b7d',
    grid: '#233243',
    text: '#8ea0b3',
    bar: '#3fa9ff',
    tooltipBg: '#121b24',
    ...shared,
  },
  light: {
    axis: '#6b7785',
    grid: '#d5dce4',
    text: '#3d4a58',
    bar: '#1f6fbf',
    tooltipBg: '#ffffff',
    ...shared,
  },
};

export const useChartColors = (): ChartColors => CHART_COLORS[useSettings((s) => s.theme)];
