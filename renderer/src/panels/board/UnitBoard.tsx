/**
 * The FMS unit board: counts per status (click to filter), units grouped by status with
 * time-in-status timers that turn amber and red at the configured thresholds, stale badges.
 */
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { FMS_STATUSES, type FmsStatus } from '#shared/domain';
import { usePanelPicture } from '../../stores/panelPicture.ts';
import { currentFilter, filterStore, useFilter } from '../../stores/filterStore.ts';
import { selectionStore, useSelection } from '../../stores/selectionStore.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { PanelFrame } from '../../components/PanelFrame.tsx';
import { StatusChip } from '../../components/StatusChip.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import { useActiveRow } from '../../components/useActiveRow.ts';
import { useNow } from '../../components/useNow.ts';
import { boardRows, groupByStatus, statusCounts, type BoardRow } from './boardModel.ts';
import { BoardRowView } from './BoardRowView.tsx';

export const BOARD_ROW_HEIGHT = 28;

const rowKey = (r: BoardRow): string => (r.kind === 'header' ? `h:${r.status}` : `u:${r.unit.id}`);

export function UnitBoard() {
  const { t } = useI18n();
  const units = usePanelPicture((s) => s.picture.units);
  const staleAfterMs = usePanelPicture((s) => s.staleAfterMs);
  const filter = useFilter(useShallow(currentFilter));
  const activeStatuses = useFilter((s) => s.statuses);
  const now = useNow(1000);
  const [collapsed, setCollapsed] = useState<ReadonlySet<FmsStatus>>(new Set());

  const all = useMemo(() => Object.values(units), [units]);
  const groups = useMemo(() => groupByStatus(all, filter), [all, filter]);
  const counts = useMemo(() => statusCounts(groups.flatMap((g) => g.units)), [groups]);
  const rows = useMemo(() => boardRows(groups, collapsed), [groups, collapsed]);
  const shown = groups.reduce((n, g) => n + g.units.length, 0);

  const selectedKey = useSelection((s) => (s.selected?.kind === 'unit' ? `u:${s.selected.id}` : null));
  const [activeKey, setActiveKey] = useActiveRow(selectedKey);
  const activeIndex = activeKey ? rows.findIndex((r) => rowKey(r) === activeKey) : -1;

  const toggleGroup = (status: FmsStatus) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(status)) next.add(status);
      return next;
    });

  const countsBar = (
    <div className="status-counts" role="group" aria-label={t('filter.statuses')}>
      {FMS_STATUSES.map((s) => (
        <button
          key={s}
          type="button"
          className="count-chip"
          aria-pressed={activeStatuses.includes(s)}
          data-testid={`status-count-${s}`}
          title={t('board.countTitle', { status: s, label: t(`fms.${s}`), n: counts[s] })}
          onClick={() => filterStore.getState().toggle('statuses', s)}
        >
          <StatusChip status={s} />
          <span className="n">{counts[s]}</span>
        </button>
      ))}
    </div>
  );

  return (
    <PanelFrame
      title={t('panel.board')}
      testId="unit-board"
      extra={<span className="muted">{t('board.shown', { shown, total: all.length })}</span>}
    >
      {countsBar}
      {rows.length === 0 ? (
        <p className="empty">{t('board.empty')}</p>
      ) : (
        <VirtualList
          count={rows.length}
          rowHeight={BOARD_ROW_HEIGHT}
          rowKey={(i) => rowKey(rows[i] as BoardRow)}
          activeIndex={activeIndex}
          label={t('panel.board')}
          testId="unit-board-list"
          focusId="board"
          onActiveChange={(i) => {
            const row = rows[i];
            if (!row) return;
            setActiveKey(rowKey(row));
            if (row.kind === 'unit') selectionStore.getState().select({ kind: 'unit', id: row.unit.id });
          }}
          onOpen={(i) => {
            const row = rows[i];
            if (row?.kind === 'header') toggleGroup(row.status);
            else if (row) selectionStore.getState().reveal({ kind: 'unit', id: row.unit.id });
          }}
          renderRow={(i) => (
            <BoardRowView
              row={rows[i] as BoardRow}
              now={now}
              staleAfterMs={staleAfterMs}
              collapsed={collapsed}
            />
          )}
        />
      )}
    </PanelFrame>
  );
}
