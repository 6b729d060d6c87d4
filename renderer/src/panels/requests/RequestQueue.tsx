/** Open speech requests and emergencies, emergencies first then oldest; "J" or the button acknowledges. */
import { useMemo } from 'react';
import { isOpenEmergency, openSince, type Unit } from '#shared/domain';
import { usePanelPicture } from '../../stores/panelPicture.ts';
import { selectionStore, useSelection } from '../../stores/selectionStore.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { PanelFrame } from '../../components/PanelFrame.tsx';
import { StatusChip } from '../../components/StatusChip.tsx';
import { VirtualList } from '../../components/VirtualList.tsx';
import { useActiveRow } from '../../components/useActiveRow.ts';
import { useNow } from '../../components/useNow.ts';
import { acknowledge } from '../../components/actions.ts';
import { openRequests } from '../../stores/requests.ts';
import { useActionBlock } from '../../components/LinkLostBanner.tsx';

const ROW_HEIGHT = 32;

export function RequestQueue() {
  const i = useI18n();
  const { t } = i;
  const units = usePanelPicture((s) => s.picture.units);
  const queue = useMemo(() => openRequests(Object.values(units)), [units]);
  const now = useNow(1000);
  const blocked = useActionBlock();
  const selectedKey = useSelection((s) => (s.selected?.kind === 'unit' ? s.selected.id : null));
  const [activeKey, setActiveKey] = useActiveRow(selectedKey);
  const activeIndex = activeKey ? queue.findIndex((u) => u.id === activeKey) : -1;

  const row = (u: Unit) => (
    <div
      className={isOpenEmergency(u) ? 'request emergency' : 'request'}
      data-testid="request-row"
      data-unit-id={u.id}
      data-status={u.status}
      data-emergency={isOpenEmergency(u)}
    >
      <StatusChip status={u.status} />
      <span className="callsign">{u.callsign}</span>
      <span className="muted">{u.district}</span>
      <span className="age">{t('requests.waiting', { age: i.duration(now - openSince(u)) })}</span>
      <button
        type="button"
        data-testid="acknowledge"
        disabled={blocked !== null}
        title={blocked ?? undefined}
        onClick={(e) => {
          e.stopPropagation();
          void acknowledge(u);
        }}
      >
        {t('requests.ack')}
      </button>
    </div>
  );

  return (
    <PanelFrame
      title={t('panel.requests')}
      testId="request-queue"
      extra={<span className="count-badge">{queue.length}</span>}
    >
      {queue.length === 0 ? (
        <p className="empty">{t('requests.empty')}</p>
      ) : (
        <VirtualList
          count={queue.length}
          rowHeight={ROW_HEIGHT}
          rowKey={(k) => queue[k]?.id ?? String(k)}
          activeIndex={activeIndex}
          label={t('panel.requests')}
          testId="request-list"
          focusId="requests"
          fallbackHeight={160}
          onActiveChange={(k) => {
            const u = queue[k];
            if (!u) return;
            setActiveKey(u.id);
            selectionStore.getState().select({ kind: 'unit', id: u.id });
          }}
          onOpen={(k) => {
            const u = queue[k];
            if (u) selectionStore.getState().reveal({ kind: 'unit', id: u.id });
          }}
          onKey={(e, k) => {
            const u = queue[k];
            if (!u || e.key.toLowerCase() !== 'j' || e.ctrlKey || e.metaKey || e.altKey) return false;
            void acknowledge(u);
            // The global "J" would acknowledge a second unit.
            e.stopPropagation();
            return true;
          }}
          renderRow={(k) => row(queue[k] as Unit)}
        />
      )}
    </PanelFrame>
  );
}
