import type { Incident } from '#shared/domain';
import { useI18n } from '../../i18n/i18n.ts';
import { usePicture } from '../../stores/pictureStore.ts';
import { selectionStore } from '../../stores/selectionStore.ts';
import { PRIORITY_COLORS } from '../../theme/colors.ts';
import { serverNow } from '../../stores/connectionStore.ts';
import { IncidentActions } from './IncidentActions.tsx';
import { SendToWallButton } from '../../wallControl/SendToWallButton.tsx';
import { IncidentTimeline } from './IncidentTimeline.tsx';
import { ReplayIncidentButton } from '../../replay/ReplayIncidentButton.tsx';
import { useReplaying } from '../../stores/sourceStore.ts';
import { OriginBadge } from '../../components/OriginBadge.tsx';

export function IncidentDetails({ incident, now: _tick }: { incident: Incident; now: number }) {
  const replaying = useReplaying();
  const i = useI18n();
  const { t } = i;
  const now = serverNow();
  // Callsigns of the assigned units; a joined string keeps the selector's result stable.
  const units = usePicture((s) =>
    incident.units.map((id) => `${id}\u0000${s.picture.units[id]?.callsign ?? id}`).join('\u0001'),
  );
  const { select } = selectionStore.getState();
  return (
    <dl className="details-list">
      {incident.origin !== undefined && (
        <>
          <dt>{t('details.origin')}</dt>
          <dd data-testid="incident-origin">
            <OriginBadge origin={incident.origin} /> {t('details.readOnly', { peer: incident.origin })}
          </dd>
        </>
      )}
      <dt>{t('details.type')}</dt>
      <dd>{t(`callType.${incident.type}`)}</dd>
      <dt>{t('details.priority')}</dt>
      <dd>
        <span className="status-chip" style={{ background: PRIORITY_COLORS[incident.priority] }}>
          {incident.priority}
        </span>{' '}
        {t(`priority.${incident.priority}`)}
      </dd>
      <dt>{t('details.state')}</dt>
      <dd data-testid="incident-state">{t(`incidentState.${incident.state}`)}</dd>
      <dt>{t('details.opened')}</dt>
      <dd>
        {t('details.since', {
          time: i.time(incident.times.opened),
          age: i.duration(now - incident.times.opened),
        })}
      </dd>
      <dt>{t('details.location')}</dt>
      <dd>
        {incident.address ?? `${i.coord(incident.location.lat)}, ${i.coord(incident.location.lon)}`}
        {incident.district && <div className="muted">{incident.district}</div>}
      </dd>
      <dt>{t('details.assignedUnits')}</dt>
      <dd>
        {units ? (
          <ul className="plain">
            {units.split('\u0001').map((pair) => {
              const [id = '', callsign = ''] = pair.split('\u0000');
              return (
                <li key={id}>
                  <button type="button" className="link" onClick={() => select({ kind: 'unit', id })}>
                    {callsign}
                  </button>
                </li>
              );
            })}
          </ul>
        ) : (
          t('details.noUnits')
        )}
      </dd>
      <dd className="actions">
        {!replaying && incident.origin === undefined && <IncidentActions incident={incident} />}
        <ReplayIncidentButton incident={incident} />
        <SendToWallButton target={{ kind: 'incident', id: incident.id }} />
        <IncidentTimeline incident={incident} />
      </dd>
    </dl>
  );
}
