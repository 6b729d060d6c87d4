/**
 * Assign a unit to an incident: available units nearest first, filterable by callsign; arrows move,
 * Enter or a click assigns. Closes once the server has accepted the assignment.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { isStale } from '#shared/picture';
import type { Incident } from '#shared/domain';
import { usePanelPicture } from '../../stores/panelPicture.ts';
import { uiStore, useUi } from '../../stores/uiStore.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { VirtualList } from '../VirtualList.tsx';
import { StatusChip } from '../StatusChip.tsx';
import { assignUnit } from '../actions.ts';
import { useNow } from '../useNow.ts';
import { Dialog } from './Dialog.tsx';
import { nearestAvailable, type Candidate } from './nearest.ts';

const ROW_HEIGHT = 30;
const close = () => uiStore.getState().openAssign(null);
const compact = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

export function AssignDialog() {
  const incidentId = useUi((s) => s.assignFor);
  const incident = usePanelPicture((s) => (incidentId ? s.picture.incidents[incidentId] : undefined));
  if (!incidentId || !incident) return null;
  return <AssignPicker key={incident.id} incident={incident} />;
}

function AssignPicker({ incident }: { incident: Incident }) {
  const i = useI18n();
  const { t } = i;
  const units = usePanelPicture((s) => s.picture.units);
  const staleAfterMs = usePanelPicture((s) => s.staleAfterMs);
  const now = useNow(5000);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState(false);
  const candidates = useMemo(() => {
    const q = compact(query);
    const all = nearestAvailable(Object.values(units), incident.location, 500);
    return q ? all.filter((c) => compact(c.unit.callsign).includes(q)) : all.slice(0, 50);
  }, [units, incident.location, query]);

  const pick = async (c: Candidate | undefined) => {
    if (!c || busy) return;
    setBusy(true);
    const r = await assignUnit(incident, c.unit);
    setBusy(false);
    if (r.ok) close();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(candidates.length - 1, a + 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
    else if (e.key === 'Enter') void pick(candidates[Math.min(active, candidates.length - 1)]);
    else return;
    e.preventDefault();
  };

  const row = (c: Candidate) => (
    <div className="assign-option" data-testid="assign-option" data-unit-id={c.unit.id}>
      <StatusChip status={c.unit.status} />
      <span className="callsign">{c.unit.callsign}</span>
      <span className="muted">{t(`kindShort.${c.unit.kind}`)}</span>
      <span className="muted district">{c.unit.district}</span>
      {isStale(c.unit, now, staleAfterMs) && <span className="badge stale">{t('details.stale')}</span>}
      <span className="distance">
        {t('assign.distance', {
          km: (c.distanceM / 1000).toLocaleString(i.lang, { maximumFractionDigits: 1 }),
        })}
      </span>
    </div>
  );

  return (
    <Dialog title={t('assign.title', { number: incident.number })} testId="assign-dialog" onClose={close}>
      <input
        type="search"
        className="filter-input"
        placeholder={t('assign.filter')}
        aria-label={t('assign.filter')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKey}
        data-testid="assign-filter"
      />
      <p className="muted">{t('assign.nearest')}</p>
      {candidates.length === 0 ? (
        <p className="empty">{t('assign.none')}</p>
      ) : (
        <div className="assign-list" aria-busy={busy}>
          <VirtualList
            count={candidates.length}
            rowHeight={ROW_HEIGHT}
            rowKey={(k) => candidates[k]?.unit.id ?? String(k)}
            activeIndex={Math.min(active, candidates.length - 1)}
            onActiveChange={setActive}
            onOpen={(k) => void pick(candidates[k])}
            label={t('assign.nearest')}
            testId="assign-options"
            fallbackHeight={300}
            renderRow={(k) => row(candidates[k] as Candidate)}
          />
        </div>
      )}
    </Dialog>
  );
}
