/**
 * "Einsatz wiedergeben" in an incident's details: opens the replay from 5 min before the first call
 * to 10 min after closure (open incidents: until now), focused on the incident and its units. In the
 * replay view itself it re-opens the view on that incident.
 */
import type { Incident } from '#shared/domain';
import { useI18n } from '../i18n/i18n.ts';
import { serverNow } from '../stores/connectionStore.ts';
import { openReplay } from '../platform/replayWindow.ts';
import { incidentPeriod, replaySearch } from './params.ts';
import { useReplaying } from '../stores/sourceStore.ts';
import { replayStore } from './replayStore.ts';

export function ReplayIncidentButton({ incident }: { incident: Incident }) {
  const { t } = useI18n();
  const replaying = useReplaying();
  const open = () => {
    const now = replaying ? replayStore.getState().to : serverNow();
    const { from, to } = incidentPeriod(incident.times, Math.round(now));
    const params = {
      from,
      to,
      incident: incident.id,
      ...(replaying ? { dataset: replayStore.getState().dataset } : {}),
    };
    if (replaying) location.search = replaySearch(params);
    else void openReplay(params);
  };
  return (
    <button
      type="button"
      className="replay-incident-button"
      title={t('replay.openIncident.hint')}
      data-testid="replay-incident"
      onClick={open}
    >
      {t('replay.openIncident')}
    </button>
  );
}
