import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AvailabilitySample } from '../stores/historyStore.ts';
import { useChartColors } from './chartTheme.ts';
import { useI18n } from '../i18n/i18n.ts';

const SERIES = ['emergency', 'request', 'committed', 'available', 'unavailable'] as const;

/** Stacked areas of the fleet's categories over the sampled history (one sample a minute), with a legend. */
export function AvailabilityChart({ samples }: { samples: readonly AvailabilitySample[] }) {
  const c = useChartColors();
  const i = useI18n();
  const data = samples.map((s) => ({ ...s, label: i.time(s.time).slice(0, 5) }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <AreaChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: -8 }}>
        <CartesianGrid stroke={c.grid} vertical={false} />
        <XAxis dataKey="label" stroke={c.axis} tick={{ fill: c.text, fontSize: 10 }} minTickGap={24} />
        <YAxis
          stroke={c.axis}
          tick={{ fill: c.text, fontSize: 10 }}
          allowDecimals={false}
          label={{ value: i.t('chart.axis.units'), angle: -90, fill: c.text, fontSize: 10 }}
        />
        <Tooltip contentStyle={{ background: c.tooltipBg, borderColor: c.grid, color: c.text }} />
        <Legend iconSize={8} wrapperStyle={{ fontSize: 10, color: c.text }} />
        {SERIES.map((key) => (
          <Area
            key={key}
            type="stepAfter"
            dataKey={key}
            name={i.t(`category.${key}`)}
            stackId="fleet"
            stroke={c[key]}
            fill={c[key]}
            fillOpacity={0.55}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ResponsiveContainer>
  );
}
