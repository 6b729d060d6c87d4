/** Details of the selected unit or incident. Re-renders only when that one entity changes. */
import { useSelection, selectionStore } from '../../stores/selectionStore.ts';
import { usePicture } from '../../stores/pictureStore.ts';
import { selectIncident, selectUnit } from '../../stores/selectors.ts';
import { useI18n } from '../../i18n/i18n.ts';
import { UnitDetails } from './UnitDetails.tsx';
import { IncidentDetails } from './IncidentDetails.tsx';
import { useNow } from '../../components/useNow.ts';

export function DetailsPanel() {
  const selected = useSelection((s) => s.selected);
  if (!selected) return null;
  return selected.kind === 'unit' ? <UnitPanel id={selected.id} /> : <IncidentPanel id={selected.id} />;
}

function Shell({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <aside className="details-panel" data-testid={testId} aria-label={title}>
      <header>
        <h2>{title}</h2>
        <button
          type="button"
          className="close"
          onClick={() => selectionStore.getState().select(null)}
          aria-label={t('details.close')}
        >
          ×
        </button>
      </header>
      {children}
    </aside>
  );
}

function UnitPanel({ id }: { id: string }) {
  const { t } = useI18n();
  const unit = usePicture(selectUnit(id));
  const now = useNow(2000);
  return (
    <Shell title={unit?.callsign ?? t('details.unit')} testId="unit-details">
      {unit ? <UnitDetails unit={unit} now={now} /> : <p>{t('details.notFound')}</p>}
    </Shell>
  );
}

function IncidentPanel({ id }: { id: string }) {
  const { t } = useI18n();
  const incident = usePicture(selectIncident(id));
  const now = useNow(5000);
  return (
    <Shell
      title={incident ? `${t('details.incident')} ${incident.number}` : t('details.incident')}
      testId="incident-details"
    >
      {incident ? <IncidentDetails incident={incident} now={now} /> : <p>{t('details.notFound')}</p>}
    </Shell>
  );
}
