/**
 * Compare two periods side by side: period A and period B each on its own map, cameras linked, each
 * with its period, total and legend (one colour scale for both). Laid over the main map while the
 * heatmap compares in this view; closing it hands the camera back to the main map.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { useMap } from '../../map/mapContext.ts';
import { BasemapLayer } from '../../map/layers/BasemapLayer.tsx';
import { ConfiguredBasemap } from '../../map/layers/ConfiguredBasemap.tsx';
import { MapTheme } from '../../map/layers/MapTheme.tsx';
import { heatmapStore, useHeatmap } from '../heatmapStore.ts';
import { exposeDebug } from '../../debug/debugHook.ts';
import { useI18n } from '../../i18n/i18n.ts';
import type { CompareAnswer } from '../api.ts';
import type { TimeWindow } from '../windows.ts';
import { CompareMap } from './CompareMap.tsx';
import { PeriodLayer } from './PeriodLayer.tsx';
import { sharedScale, type Side } from './periods.ts';
import { syncCameras } from './cameraSync.ts';
import './compare.css';

function PaneHeader(p: { side: Side; window: TimeWindow | null; answer: CompareAnswer | null }) {
  const { t, dateTime } = useI18n();
  const scale = p.answer ? sharedScale(p.answer) : null;
  return (
    <div className="compare-header" data-testid={`compare-header-${p.side}`}>
      <div className="compare-title">{t(p.side === 'a' ? 'heatmap.periodA' : 'heatmap.periodB')}</div>
      {p.window && (
        <div className="compare-range">
          {t('heatmap.period', { from: dateTime(p.window.from), to: dateTime(p.window.to) })}
        </div>
      )}
      {p.answer && (
        <div className="compare-total" data-testid={`compare-total-${p.side}`}>
          {t('heatmap.total', { n: p.answer.totals[p.side] })}
        </div>
      )}
      {scale && (
        <div className="compare-legend" title={t('heatmap.sharedScale')}>
          <div
            className="heatmap-legend-bar"
            style={{ background: `linear-gradient(to right, ${scale.stops.map((s) => s.color).join(', ')})` }}
          />
          <div className="heatmap-legend-stops">
            {scale.stops.map((s) => (
              <span key={s.value}>{s.value}</span>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}

function SplitView() {
  const { t } = useI18n();
  const main = useMap();
  const data = useHeatmap((s) => (s.data?.mode === 'compare' ? s.data : null));
  const [start] = useState(() => ({
    center: main.getCenter().toArray() as [number, number],
    zoom: main.getZoom(),
  }));
  const maps = useRef<Partial<Record<Side, MaplibreMap>>>({});
  const unlink = useRef<(() => void) | null>(null);

  const onMap = useCallback((side: Side, m: MaplibreMap | null) => {
    if (m) maps.current[side] = m;
    else delete maps.current[side];
    unlink.current?.();
    unlink.current = null;
    const { a, b } = maps.current;
    if (a && b) unlink.current = syncCameras(a, b);
    exposeDebug({ compareMaps: { ...maps.current } });
  }, []);

  useEffect(
    () => () => {
      // Back to one map: it shows where the operator looked last.
      const a = maps.current.a;
      if (a) main.jumpTo({ center: a.getCenter(), zoom: a.getZoom() });
      unlink.current?.();
      exposeDebug({ compareMaps: undefined });
    },
    [main],
  );

  return (
    <div className="compare-split" data-testid="compare-split">
      {(['a', 'b'] as const).map((side) => (
        <section
          className="compare-pane"
          key={side}
          aria-label={t(side === 'a' ? 'heatmap.periodA' : 'heatmap.periodB')}
        >
          <CompareMap testId={`compare-map-${side}`} start={start} onMap={(m) => onMap(side, m)}>
            <BasemapLayer />
            <ConfiguredBasemap />
            <MapTheme />
            <PeriodLayer side={side} />
          </CompareMap>
          <PaneHeader
            side={side}
            window={data ? (side === 'a' ? data.window : data.base) : null}
            answer={data?.answer ?? null}
          />
        </section>
      ))}
      <button
        type="button"
        className="compare-close"
        data-testid="compare-close"
        onClick={() => heatmapStore.getState().set({ compareView: 'difference' })}
      >
        {t('heatmap.showDifference')}
      </button>
    </div>
  );
}

/** Mounted among the main map's children; shows the split view only while it is chosen. */
export function SideBySideCompare() {
  const open = useHeatmap((s) => s.enabled && s.mode === 'compare' && s.compareView === 'sideBySide');
  return open ? <SplitView /> : null;
}
