/** The legend and totals of what the heatmap shows now. */
import { useHeatmap } from '../../heatmap/heatmapStore.ts';
import { legendFor } from '../../heatmap/legend.ts';
import { HEAT_COLORS } from '../../heatmap/ramp.ts';
import { useI18n } from '../../i18n/i18n.ts';

export function HeatmapLegend() {
  const { t, dateTime } = useI18n();
  const data = useHeatmap((s) => s.data);
  if (!data) return null;
  const legend = legendFor(data);
  const gradient =
    legend.kind === 'density'
      ? `linear-gradient(to right, ${HEAT_COLORS.join(', ')})`
      : `linear-gradient(to right, ${legend.stops.map((s) => s.color).join(', ')})`;
  const range = (w: { from: number; to: number }) => ({ from: dateTime(w.from), to: dateTime(w.to) });
  return (
    <div className="heatmap-legend" data-testid="heatmap-legend" data-kind={legend.kind}>
      <div className="heatmap-legend-title">{t(`heatmap.legend.${legend.kind}`)}</div>
      <div className="heatmap-legend-bar" style={{ background: gradient }} />
      {legend.kind !== 'density' && (
        <div className="heatmap-legend-stops">
          {legend.stops.map((s) => (
            <span key={s.value}>{legend.kind === 'diff' && s.value > 0 ? `+${s.value}` : s.value}</span>
          ))}
        </div>
      )}
      <div className="heatmap-total" data-testid="heatmap-total">
        {data.mode === 'compare'
          ? t('heatmap.compareTotals', { a: data.answer.totals.a, b: data.answer.totals.b })
          : t('heatmap.total', { n: data.answer.total })}
      </div>
      <div className="heatmap-period">{t('heatmap.period', range(data.window))}</div>
      {data.mode === 'compare' && <div className="heatmap-period">{t('heatmap.base', range(data.base))}</div>}
    </div>
  );
}
