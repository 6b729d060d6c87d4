/**
 * Open incidents waiting for a unit first, then by priority and age, with type icon, assigned units
 * and a warning when an incident has had no unit for longer than the configured minutes. Call type
 * and state are never cut off: the assign button appears only on the hovered or selected row (it
 * would take their room otherwise). Enter shows it on the map with details; "A" (or the button)
 * opens the assign picker.
 */
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Incident, Unit } from '#shared/domain';
import { usePanelPicture } from '../../stores/panelPicture.ts';
import { currentFilter, useFilter } from '../../stores/filterStore.ts';
import { selectionStore, useSelection } from '../../stores/selectionStore.ts';
import { useSettings } from '../../stores/settingsStore.ts';
import { uiStore } from '../../stores/uiStore.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { PanelFrame } from '../../components/PanelFrame.tsx';
import { TypeIcon } from '../../components/TypeIcon.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import { useReplaying } from '../../stores/sourceStore.ts';
import { useActiveRow } from '../../components/useActiveRow.ts';
import { useNow } from '../../components/useNow.ts';
import { carriesUnit, dropUnitOn } from '../../components/dragAssign.ts';
import { needsUnit, openIncidentList } from './incidentModel.ts';
import { OriginBadge } from '../../components/OriginBadge.tsx';

const ROW_HEIGHT = 48;

function callsigns(inc: Incident, units: Readonly<Record<string, Unit>>): string {
  return inc.units.map((id) => units[id]?.callsign ?? id).join(', ');
}

export function IncidentList() {
  const i = useI18n();
  const { t } = i;
  const incidents = usePanelPicture((s) => s.picture.incidents);
  const units = usePanelPicture((s) => s.picture.units);
  const filter = useFilter(useShallow(currentFilter));
  const warnMin = useSettings((s) => s.unassignedWarnMin);
  const now = useNow(5000);
  const list = useMemo(() => openIncidentList(Object.values(incidents), filter), [incidents, filter]);
  const selectedKey = useSelection((s) => (s.selected?.kind === 'incident' ? s.selected.id : null));
  const [activeKey, setActiveKey] = useActiveRow(selectedKey);
  const activeIndex = activeKey ? list.findIndex((inc) => inc.id === activeKey) : -1;
  // The row a unit is dragged over, highlighted as the drop target.
  const [dropTarget, setDropTarget] = useState<string | null>(null);

  // The past is read-only: no assign button in the replay view.
  const replaying = useReplaying();
  const row = (inc: Incident) => {
    const warn = needsUnit(inc, now, warnMin);
    return (
      <div
        className={`incident-row${warn ? ' warn' : ''}${dropTarget === inc.id ? ' drop-target' : ''}`}
        data-testid="incident-row"
        data-incident-id={inc.id}
        data-state={inc.state}
        data-units={inc.units.length}
        data-warn={warn}
        onDragOver={(e) => {
          if (!carriesUnit(e.dataTransfer.types)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'link';
          if (dropTarget !== inc.id) setDropTarget(inc.id);
        }}
        onDragLeave={() => setDropTarget(null)}
        onDrop={(e) => {
          setDropTarget(null);
          if (dropUnitOn(inc.id, e.dataTransfer)) e.preventDefault();
        }}
      >
        <TypeIcon type={inc.type} priority={inc.priority} label={t(`callType.${inc.type}`)} />
        <div className="lines">
          <div className="line1">
            <span className="type">{t(`callType.${inc.type}`)}</span>
            <span className="state muted">{t(`incidentState.${inc.state}`)}</span>
            <span className="age muted">
              {t('incidents.age', { age: i.duration(now - inc.times.opened) })}
            </span>
          </div>
          <div className="line2">
            <span className="number">{inc.number}</span>
            <OriginBadge origin={inc.origin} />
            {warn ? (
              <span className="warning">
                ⚠ {t('incidents.noUnit', { age: i.duration(now - inc.times.opened) })}
              </span>
            ) : inc.units.length > 0 ? (
              <span className="units">{t('incidents.units', { callsigns: callsigns(inc, units) })}</span>
            ) : null}
            <span className="muted address">{inc.address ?? inc.district ?? ''}</span>
          </div>
        </div>
        {/* A peer's incident is read-only here: no assign button. */}
        {!replaying && inc.origin === undefined && (
          <button
            type="button"
            className="row-assign"
            data-testid="open-assign"
            title={t('actions.assign')}
            onClick={(e) => {
              e.stopPropagation();
              uiStore.getState().openAssign(inc.id);
            }}
          >
            {t('incidents.assign')}
          </button>
        )}
      </div>
    );
  };

  return (
    <PanelFrame
      title={t('panel.incidents')}
      testId="incident-list"
      extra={<span className="count-badge">{list.length}</span>}
    >
      {list.length === 0 ? (
        <p className="empty">{t('incidents.empty')}</p>
      ) : (
        <VirtualList
          count={list.length}
          rowHeight={ROW_HEIGHT}
          rowKey={(k) => list[k]?.id ?? String(k)}
          activeIndex={activeIndex}
          label={t('panel.incidents')}
          testId="incident-list-rows"
          focusId="incidents"
          onActiveChange={(k) => {
            const inc = list[k];
            if (!inc) return;
            setActiveKey(inc.id);
            selectionStore.getState().select({ kind: 'incident', id: inc.id });
          }}
          onOpen={(k) => {
            const inc = list[k];
            if (inc) selectionStore.getState().reveal({ kind: 'incident', id: inc.id });
          }}
          renderRow={(k) => row(list[k] as Incident)}
        />
      )}
    </PanelFrame>
  );
}
