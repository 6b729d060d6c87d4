import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TypeCount } from './kpi.ts';
import { useChartColors } from './chartTheme.ts';
import { useI18n } from '../i18n/i18n.ts';

/**
 * Horizontal bars, most frequent call type on top (at most eight, the rest is rarely worth the room),
 * labelled with the type's name, not a bare two-letter code.
 */
export function IncidentsByTypeChart({ counts }: { counts: readonly TypeCount[] }) {
  const c = useChartColors();
  const { t } = useI18n();
  const i18nCount = t('chart.axis.incidents');
  const data = counts
    .slice(0, 8)
    .map((x) => ({ type: t(`callType.${x.type}`), name: t(`callType.${x.type}`), count: x.count }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 8, bottom: 12, left: 0 }}>
        <XAxis
          type="number"
          stroke={c.axis}
          tick={{ fill: c.text, fontSize: 10 }}
          allowDecimals={false}
          label={{ value: i18nCount, position: 'insideBottom', offset: -10, fill: c.text, fontSize: 10 }}
        />
        <YAxis
          type="category"
          dataKey="type"
          interval={0}
          stroke={c.axis}
          tick={{ fill: c.text, fontSize: 10 }}
          width={112}
        />
        <Tooltip
          contentStyle={{ background: c.tooltipBg, borderColor: c.grid, color: c.text }}
          cursor={{ fill: c.grid }}
          labelFormatter={(_label, payload) => String(payload[0]?.payload?.name ?? '')}
        />
        <Bar dataKey="count" name={t('chart.count')} fill={c.bar} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
