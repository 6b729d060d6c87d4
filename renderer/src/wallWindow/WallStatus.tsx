/** FMS status counts as large tiles on the status colours, in the board's order (emergency first). */
import { useMemo } from 'react';
import { statusCounts, BOARD_ORDER } from '../panels/board/boardModel.ts';
import { usePanelPicture } from '../stores/panelPicture.ts';
import { STATUS_COLORS } from '../theme/colors.ts';
import { useI18n } from '../i18n/i18n.ts';

export function WallStatus() {
  const { t } = useI18n();
  const units = usePanelPicture((s) => s.picture.units);
  const { counts, total } = useMemo(() => {
    const list = Object.values(units);
    return { counts: statusCounts(list), total: list.length };
  }, [units]);
  return (
    <div className="wall-status" data-testid="wall-status">
      <div className="wall-status-grid">
        {BOARD_ORDER.map((status) => (
          <div
            key={status}
            className={`wall-status-tile${counts[status] === 0 ? ' empty' : ''}${status === 0 && counts[0] > 0 ? ' alarm' : ''}`}
            style={{ borderColor: STATUS_COLORS[status] }}
            data-testid="wall-status-tile"
            data-status={status}
            data-count={counts[status]}
          >
            <span className="wall-status-code" style={{ background: STATUS_COLORS[status] }}>
              {status}
            </span>
            <span className="wall-status-count">{counts[status]}</span>
            <span className="wall-status-label">{t(`fms.${status}`)}</span>
          </div>
        ))}
      </div>
      <div className="wall-status-total">{t('wall.status.total', { n: total })}</div>
    </div>
  );
}
