import type { Incident } from '#shared/domain';
import { useI18n, type I18n } from '../../i18n/i18n.ts';
import { usePanelPicture } from '../../stores/panelPicture.ts';
import { historyTimeline, incidentTimeline, type TimelineEntry } from './timeline.ts';
import { useIncidentHistory } from './useIncidentHistory.ts';

const FIELDS = ['address', 'description', 'location', 'priority', 'type'] as const;

function text(e: TimelineEntry, i: I18n): string {
  const { t } = i;
  switch (e.kind) {
    case 'note':
      return t('timeline.note', { author: e.author || '?', text: e.text });
    case 'assigned':
      return t('timeline.assigned', { callsign: e.callsign });
    case 'status':
      return t('timeline.status', { callsign: e.callsign, status: e.status, label: t(`fms.${e.status}`) });
    case 'state':
      return t('timeline.state', { state: t(`incidentState.${e.state}`) });
    case 'updated':
      return t('timeline.updated', {
        fields: e.fields
          .map((f) => {
            const known = FIELDS.find((x) => x === f);
            return known ? t(`timeline.field.${known}`) : f;
          })
          .join(', '),
      });
    default:
      return t(`timeline.${e.kind}`);
  }
}

/**
 * The incident's steps with their times (Europe/Berlin) and who did each one, from the server's
 * log (in replay: the replayed data up to the playhead); from the picture while that answer is on
 * its way or when the server cannot give it.
 */
export function IncidentTimeline({ incident }: { incident: Incident }) {
  const i = useI18n();
  const units = usePanelPicture((s) => s.picture.units);
  // A new picture (a resync; in replay every seek) asks the server again, as does any change of
  // the incident or of the status of one of its units. In replay the answer holds only what the
  // log held at the playhead, so it follows the picture back and forth.
  const epoch = usePanelPicture((s) => s.epoch);
  const unitKey = incident.units.map((id) => `${id}:${units[id]?.status}:${units[id]?.statusSince}`).join();
  const changeKey = `${epoch}|${JSON.stringify(incident)}|${unitKey}`;
  const history = useIncidentHistory(incident.id, changeKey);
  const entries =
    history.status === 'ok' ? historyTimeline(history.events, units) : incidentTimeline(incident, units);
  return (
    <section className="timeline" aria-label={i.t('timeline.title')}>
      <h3>{i.t('timeline.title')}</h3>
      <ol data-testid="incident-timeline" data-source={history.status === 'ok' ? 'log' : 'picture'}>
        {entries.map((e, k) => (
          <li key={k} className={`tl-${e.kind}`} data-kind={e.kind}>
            <time title={e.time === null ? undefined : i.dateTime(e.time)}>
              {e.time === null ? i.t('timeline.noTime') : i.time(e.time)}
            </time>
            <span>{text(e, i)}</span>
            {'by' in e && e.by && <span className="muted by">{i.t('timeline.by', { by: e.by })}</span>}
          </li>
        ))}
      </ol>
      {history.status === 'failed' && (
        <p className="muted" data-testid="timeline-fallback" title={history.error}>
          {i.t('timeline.fromPicture')}
        </p>
      )}
      {history.status === 'ok' && history.truncated && <p className="muted">{i.t('timeline.truncated')}</p>}
    </section>
  );
}
