/** The heatmap layout: the wall map with the heatmap layer switched on (density, last 24 h) and its legend. */
import { useEffect } from 'react';
import { heatmapStore, useHeatmap } from '../heatmap/heatmapStore.ts';
import { HeatmapLegend } from '../panels/heatmap/HeatmapLegend.tsx';
import { useI18n } from '../i18n/i18n.ts';
import { WallMap } from './WallMap.tsx';

export function WallHeatmap() {
  const { t } = useI18n();
  const hasData = useHeatmap((s) => s.data !== null);
  useEffect(() => {
    heatmapStore.getState().set({ enabled: true, mode: 'heat', preset: 'day', types: [] });
    return () => heatmapStore.getState().set({ enabled: false });
  }, []);
  return (
    <div className="wall-heatmap" data-testid="wall-heatmap">
      <WallMap />
      <div className="wall-legend">{hasData ? <HeatmapLegend /> : t('wall.heatmap.none')}</div>
    </div>
  );
}
