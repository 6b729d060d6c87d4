/**
 * The replay's response times for the replayed period (server figures, docs/api.md): median and
 * 90th percentile from call to dispatch and to the first unit on scene, with how many incidents
 * each figure counts and how many it leaves out (no dispatch / nobody on scene).
 */
import type { ResponseFigure, ResponseTimesAnswer } from '../../connection/incidentApi.ts';
import { formatTimer } from '../../components/format.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { KpiTile } from './KpiTile.tsx';

function Row({ label, f, testId }: { label: string; f: ResponseFigure | undefined; testId: string }) {
  const { t } = useI18n();
  const time = (s: number | null | undefined) =>
    s === null || s === undefined ? t('kpi.none') : formatTimer(s * 1000);
  return (
    <div className="median" data-testid={testId}>
      <span className="val">
        {t('kpi.response.values', { median: time(f?.medianS), p90: time(f?.p90S) })}
      </span>
      <span className="muted">
        {label} · {t('kpi.n', { n: f?.n ?? 0 })} · {t('kpi.response.missing', { n: f?.missing ?? 0 })}
      </span>
    </div>
  );
}

export function ResponseTimesTile({ answer }: { answer: ResponseTimesAnswer | null }) {
  const { t } = useI18n();
  return (
    <KpiTile label={t('kpi.response')} testId="kpi-response-times">
      <Row label={t('kpi.response.dispatch')} f={answer?.callToDispatch} testId="kpi-response-dispatch" />
      <Row label={t('kpi.response.onScene')} f={answer?.callToFirstOnScene} testId="kpi-response-on-scene" />
    </KpiTile>
  );
}
