import type { FmsStatus } from '#shared/domain';
import { isStale } from '#shared/picture';
import { useI18n } from '../../i18n/i18n.ts';
import { useSettings } from '../../stores/settingsStore.ts';
import { usePanelPicture } from '../../stores/panelPicture.ts';
import { StatusChip } from '../../components/StatusChip.tsx';
import { OriginBadge } from '../../components/OriginBadge.tsx';
import { startUnitDrag } from '../../components/dragAssign.ts';
import { formatTimer, timerLevel, type BoardRow } from './boardModel.ts';

interface Props {
  row: BoardRow;
  now: number;
  staleAfterMs: number;
  collapsed: ReadonlySet<FmsStatus>;
}

export function BoardRowView({ row, now, staleAfterMs, collapsed }: Props) {
  const i = useI18n();
  const { t } = i;
  const status = row.kind === 'header' ? row.status : row.unit.status;
  const thresholds = useSettings((s) => s.thresholds[status]);
  const incidentId = row.kind === 'unit' ? row.unit.incidentId : undefined;
  const incidentNumber = usePanelPicture((s) =>
    incidentId ? s.picture.incidents[incidentId]?.number : undefined,
  );
  if (row.kind === 'header') {
    const closed = collapsed.has(row.status);
    return (
      <div
        className="board-group"
        data-testid="board-group"
        data-status={row.status}
        title={closed ? t('board.expand') : t('board.collapse')}
      >
        <span className="twisty" aria-hidden="true">
          {closed ? '▸' : '▾'}
        </span>
        <StatusChip status={row.status} />
        <span className="label">{t(`fms.${row.status}`)}</span>
        <span className="n">{row.count}</span>
      </div>
    );
  }
  const u = row.unit;
  const inStatus = now - u.statusSince;
  const level = timerLevel(inStatus, thresholds);
  const stale = isStale(u, now, staleAfterMs);
  return (
    <div
      className="board-unit"
      data-testid="board-unit"
      data-unit-id={u.id}
      data-status={u.status}
      draggable
      onDragStart={(e) => startUnitDrag(e, u.id)}
      title={t('board.dragHint')}
    >
      <StatusChip status={u.status} />
      <span className="callsign">{u.callsign}</span>
      <span className="muted kind">{t(`kindShort.${u.kind}`)}</span>
      <span className="muted district">{u.district}</span>
      <OriginBadge origin={u.origin} />
      {incidentNumber && <span className="incident-ref">{incidentNumber}</span>}
      {stale && (
        <span className="badge stale" data-testid="stale-badge">
          {t('details.stale')}
        </span>
      )}
      <span
        className={`timer level-${level}`}
        data-testid="status-timer"
        data-level={level}
        title={t('board.timerTitle', { status: u.status, time: i.time(u.statusSince) })}
      >
        {formatTimer(inStatus)}
      </span>
    </div>
  );
}
