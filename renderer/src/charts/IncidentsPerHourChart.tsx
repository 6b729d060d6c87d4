import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HourBucket } from './kpi.ts';
import { useChartColors } from './chartTheme.ts';
import { useI18n } from '../i18n/i18n.ts';

/** Bars per Berlin clock hour over the last 24 h, labelled "HH". */
export function IncidentsPerHourChart({ buckets }: { buckets: readonly HourBucket[] }) {
  const c = useChartColors();
  const i = useI18n();
  const data = buckets.map((b) => ({ hour: i.time(b.start).slice(0, 2), count: b.count }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} margin={{ top: 4, right: 4, bottom: 12, left: -8 }}>
        <CartesianGrid stroke={c.grid} vertical={false} />
        <XAxis
          dataKey="hour"
          stroke={c.axis}
          tick={{ fill: c.text, fontSize: 10 }}
          interval={2}
          label={{
            value: i.t('chart.axis.hour'),
            position: 'insideBottom',
            offset: -10,
            fill: c.text,
            fontSize: 10,
          }}
        />
        <YAxis
          stroke={c.axis}
          tick={{ fill: c.text, fontSize: 10 }}
          allowDecimals={false}
          label={{ value: i.t('chart.axis.incidents'), angle: -90, fill: c.text, fontSize: 10 }}
        />
        <Tooltip
          contentStyle={{ background: c.tooltipBg, borderColor: c.grid, color: c.text }}
          cursor={{ fill: c.grid }}
        />
        <Bar dataKey="count" name={i.t('chart.count')} fill={c.bar} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
