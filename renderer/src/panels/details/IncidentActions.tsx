/** Operator actions on an incident: assign a unit, change its state, add a note. */
import { useState, type FormEvent } from 'react';
import { INCIDENT_STATES, type Incident, type IncidentState } from '#shared/domain';
import { useI18n } from '../../i18n/i18n.ts';
import { uiStore } from '../../stores/uiStore.ts';
import { addNote, setIncidentState } from '../../components/actions.ts';
import { useCan } from '../../auth/session.ts';
import { useActionBlock } from '../../components/LinkLostBanner.tsx';

export function IncidentActions({ incident }: { incident: Incident }) {
  const { t } = useI18n();
  // The chosen state follows the incident when it changes elsewhere (another dashboard).
  const [draft, setDraft] = useState<{ from: IncidentState; value: IncidentState }>({
    from: incident.state,
    value: incident.state,
  });
  if (draft.from !== incident.state) setDraft({ from: incident.state, value: incident.state });
  const state = draft.from === incident.state ? draft.value : incident.state;
  const setState = (value: IncidentState) => setDraft({ from: incident.state, value });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // Only what the role may do is offered (the server refuses the rest anyway).
  const mayAssign = useCan('command.assign');
  const maySetState = useCan('command.setState');
  const mayNote = useCan('command.note');
  const blocked = useActionBlock();
  if (incident.state === 'abgeschlossen' || !(mayAssign || maySetState || mayNote)) return null;

  const changeState = async (e: FormEvent) => {
    e.preventDefault();
    if (state === incident.state || busy) return;
    setBusy(true);
    await setIncidentState(incident, state);
    setBusy(false);
  };
  const saveNote = async (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim() || busy) return;
    setBusy(true);
    const r = await addNote(incident, note.trim());
    setBusy(false);
    if (r.ok) setNote('');
  };

  return (
    // One fieldset disables every action at once while the server is lost, its title says why.
    <fieldset
      className="incident-actions"
      disabled={blocked !== null}
      title={blocked ?? undefined}
      data-testid="incident-actions"
    >
      {mayAssign && (
        <button
          type="button"
          className="primary"
          data-testid="details-assign"
          onClick={() => uiStore.getState().openAssign(incident.id)}
        >
          {t('actions.assign')} <kbd>A</kbd>
        </button>
      )}
      {maySetState && (
        <form className="row" onSubmit={(e) => void changeState(e)}>
          <label>
            {t('actions.state')}{' '}
            <select
              data-testid="state-select"
              value={state}
              onChange={(e) => setState(INCIDENT_STATES.find((s) => s === e.target.value) ?? incident.state)}
            >
              {INCIDENT_STATES.map((s) => (
                <option key={s} value={s}>
                  {t(`incidentState.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy || state === incident.state} data-testid="state-set">
            {t('actions.setState')}
          </button>
        </form>
      )}
      {mayNote && (
        <form className="row" onSubmit={(e) => void saveNote(e)}>
          <input
            aria-label={t('actions.note')}
            placeholder={t('actions.notePlaceholder')}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="note-input"
          />
          <button type="submit" disabled={busy || !note.trim()} data-testid="note-save">
            {t('actions.addNote')}
          </button>
        </form>
      )}
    </fieldset>
  );
}
