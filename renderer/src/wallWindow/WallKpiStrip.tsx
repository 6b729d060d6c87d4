/** The key figures under the wall map: open incidents, unassigned, available, committed, requests, emergencies. */
import { useMemo } from 'react';
import { isOpenRequest } from '#shared/domain';
import { usePanelPicture } from '../stores/panelPicture.ts';
import { fleetCounts } from '#shared/domain';
import { useI18n, type MessageKey } from '../i18n/i18n.ts';

interface Figure {
  key: MessageKey;
  value: number;
  tone?: 'alarm' | 'warn';
}

export function WallKpiStrip() {
  const { t } = useI18n();
  const picture = usePanelPicture((s) => s.picture);
  const figures = useMemo((): Figure[] => {
    const open = Object.values(picture.incidents).filter((i) => i.state !== 'abgeschlossen');
    const units = Object.values(picture.units);
    const fleet = fleetCounts(units);
    const requests = units.filter((u) => u.status === 5 && isOpenRequest(u)).length;
    return [
      { key: 'wall.kpi.open', value: open.length },
      { key: 'wall.kpi.unassigned', value: open.filter((i) => i.units.length === 0).length, tone: 'warn' },
      { key: 'wall.kpi.available', value: fleet.available },
      { key: 'wall.kpi.committed', value: fleet.committed },
      { key: 'wall.kpi.requests', value: requests, tone: 'warn' },
      { key: 'wall.kpi.emergency', value: fleet.emergency, tone: 'alarm' },
    ];
  }, [picture]);
  return (
    <div className="wall-kpis" data-testid="wall-kpis">
      {figures.map((f) => (
        <div
          key={f.key}
          className={`wall-kpi${f.tone && f.value > 0 ? ` tone-${f.tone}` : ''}`}
          data-testid={f.key.replace(/\./g, '-')}
        >
          <span className="wall-kpi-value">{f.value}</span>
          <span className="wall-kpi-label">{t(f.key)}</span>
        </div>
      ))}
    </div>
  );
}
