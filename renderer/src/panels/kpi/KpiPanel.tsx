/**
 * Key figures of the shift: open incidents, available vs committed units, median times to dispatch
 * and to the first unit on scene (last hour and this shift), and three charts. Recomputed every few
 * seconds from the picture, never per event. With a filter set (Bereich, Art, Status, Einsatzart) the
 * tiles follow it (they come from the picture, which the filter narrows like the lists); the charts
 * come from the server's log for the whole picture and say so.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { currentFilter, useFilter } from '../../stores/filterStore.ts';
import { incidentMatches, isFilterActive, unitMatches } from '../../stores/filters.ts';
import { useSampledPicture } from '../../stores/panelPicture.ts';
import { useHistory } from '../../stores/historyStore.ts';
import { fleetCounts } from '#shared/domain';
import { useI18n } from '../../i18n/i18n.ts';
import { PanelFrame } from '../../components/PanelFrame.tsx';
import { useNow } from '../../components/useNow.ts';
import {
  HOUR_MS,
  dayWindow,
  incidentsByType,
  incidentsPerHour,
  medianTimeTo,
  mergeByType,
  mergeHourly,
  openIncidentCount,
} from '../../charts/kpi.ts';
import { useIncidentStats } from './useIncidentStats.ts';
import { useResponseTimes } from './useResponseTimes.ts';
import { ResponseTimesTile } from './ResponseTimesTile.tsx';
import { joinAvailability, useServerAvailability } from './useAvailabilityHistory.ts';
import { shiftStartIn } from '../../charts/shift.ts';
import { IncidentsPerHourChart } from '../../charts/IncidentsPerHourChart.tsx';
import { IncidentsByTypeChart } from '../../charts/IncidentsByTypeChart.tsx';
import { AvailabilityChart } from '../../charts/AvailabilityChart.tsx';
import { KpiTile, MedianValue } from './KpiTile.tsx';

const REFRESH_MS = 2_000;

export function KpiPanel() {
  const i = useI18n();
  const { t } = i;
  const { picture } = useSampledPicture(REFRESH_MS);
  const now = useNow(REFRESH_MS);
  const local = useHistory((s) => s.samples);
  const fromLog = useServerAvailability(now);
  const samples = useMemo(() => joinAvailability(fromLog, local), [fromLog, local]);
  const incidentCount = Object.keys(picture.incidents).length;
  const stats = useIncidentStats(now, incidentCount);
  // Replay only: the server's response times for the replayed period (null live).
  const response = useResponseTimes(now);
  const replay = response !== null;
  const filter = useFilter(useShallow(currentFilter));
  const filtered = isFilterActive(filter);
  const k = useMemo(() => {
    const incidents = Object.values(picture.incidents);
    // The tiles follow the filter; the charts join the log's counts for the whole picture.
    const shown = filtered ? incidents.filter((inc) => incidentMatches(inc, filter)) : incidents;
    const units = Object.values(picture.units);
    const day = dayWindow(now);
    // Shifts in the local time shown (a replayed Seattle dataset: Seattle's shifts).
    const shift = shiftStartIn(now, i.zone);
    const end = now + 1;
    return {
      open: openIncidentCount(shown),
      fleet: fleetCounts(filtered ? units.filter((u) => unitMatches(u, filter)) : units),
      shift,
      dispatchHour: medianTimeTo(shown, 'dispatched', now - HOUR_MS, end),
      dispatchShift: medianTimeTo(shown, 'dispatched', shift, end),
      sceneHour: medianTimeTo(shown, 'firstOnScene', now - HOUR_MS, end),
      sceneShift: medianTimeTo(shown, 'firstOnScene', shift, end),
      // Per hour and by type from the log (the picture lacks closed incidents older than 12 h), joined
      // with the picture for what happened since the server was last asked.
      perHour: mergeHourly(stats?.perHour ?? null, incidentsPerHour(incidents, now)),
      byType: mergeByType(stats?.byType ?? null, incidentsByType(incidents, day.from, day.to)),
    };
  }, [picture, now, stats, filter, filtered, i.zone]);
  const shiftLabel = t('kpi.shift', { time: i.time(k.shift).slice(0, 5) });
  return (
    <PanelFrame title={t('panel.kpi')} testId="kpi-panel">
      {filtered && (
        <p className="kpi-filter-note" data-testid="kpi-filter-note">
          {t('kpi.filterNote')}
        </p>
      )}
      <div className="kpi-grid">
        <div className="kpi-tiles" data-filtered={filtered}>
          <KpiTile label={t('kpi.open')} testId="kpi-open">
            <span className="big">{k.open}</span>
          </KpiTile>
          <KpiTile label={t('kpi.fleet')} testId="kpi-fleet">
            <span className="big">
              {t('kpi.fleetValue', { available: k.fleet.available, committed: k.fleet.committed })}
            </span>
          </KpiTile>
          <KpiTile label={t('kpi.dispatch')} testId="kpi-dispatch">
            <MedianValue kpi={k.dispatchHour} caption={t('kpi.lastHour')} />
            <MedianValue kpi={k.dispatchShift} caption={shiftLabel} />
          </KpiTile>
          <KpiTile label={t('kpi.onScene')} testId="kpi-on-scene">
            <MedianValue kpi={k.sceneHour} caption={t('kpi.lastHour')} />
            <MedianValue kpi={k.sceneShift} caption={shiftLabel} />
          </KpiTile>
          {replay && <ResponseTimesTile answer={response} />}
        </div>
        <figure className="chart" data-testid="chart-per-hour" data-source={stats ? 'log' : 'picture'}>
          <figcaption title={t('chart.perHourNote')}>
            {t('chart.perHour')}
            {filtered && <span className="muted"> · {t('kpi.wholePicture')}</span>}
          </figcaption>
          <div className="chart-body">
            <IncidentsPerHourChart buckets={k.perHour} />
          </div>
        </figure>
        <figure className="chart" data-testid="chart-by-type" data-source={stats ? 'log' : 'picture'}>
          <figcaption title={t('chart.perHourNote')}>
            {t('chart.byType')}
            {filtered && <span className="muted"> · {t('kpi.wholePicture')}</span>}
          </figcaption>
          <div className="chart-body">
            {k.byType.length ? (
              <IncidentsByTypeChart counts={k.byType} />
            ) : (
              <p className="empty">{t('chart.noData')}</p>
            )}
          </div>
        </figure>
        <figure
          className="chart"
          data-testid="chart-availability"
          data-samples={samples.length}
          data-source={fromLog.length ? 'log' : 'dashboard'}
        >
          <figcaption>
            {t('chart.availability')}
            {filtered && <span className="muted"> · {t('kpi.wholePicture')}</span>}
          </figcaption>
          <div className="chart-body">
            {samples.length ? (
              <AvailabilityChart samples={samples} />
            ) : (
              <p className="empty">{t('chart.noData')}</p>
            )}
          </div>
        </figure>
      </div>
    </PanelFrame>
  );
}
