import type { ReactNode } from 'react';
import type { MedianKpi } from '../../charts/kpi.ts';
import { formatTimer } from '../../components/format.ts';
import { useI18n } from '../../i18n/i18n.ts';

export function KpiTile({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="kpi-tile" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{children}</div>
    </div>
  );
}

/** A median duration with its window and sample size, or a dash when nothing was measured. */
export function MedianValue({ kpi, caption }: { kpi: MedianKpi; caption: string }) {
  const { t } = useI18n();
  return (
    <div className="median">
      <span className="val">{kpi.median === null ? t('kpi.none') : formatTimer(kpi.median)}</span>
      <span className="muted">
        {caption} · {t('kpi.n', { n: kpi.n })}
      </span>
    </div>
  );
}
