import type { Incident } from '#shared/domain';
import { useI18n } from '../../i18n/i18n.ts';
import { usePanelPicture } from '../../stores/panelPicture.ts';
import { incidentTimeline, type TimelineEntry } from './timeline.ts';

function text(e: TimelineEntry, t: ReturnType<typeof useI18n>['t']): string {
  switch (e.kind) {
    case 'note':
      return t('timeline.note', { author: e.author || '?', text: e.text });
    case 'assigned':
      return t('timeline.assigned', { callsign: e.callsign });
    default:
      return t(`timeline.${e.kind}`);
  }
}

export function IncidentTimeline({ incident }: { incident: Incident }) {
  const i = useI18n();
  const units = usePanelPicture((s) => s.picture.units);
  const entries = incidentTimeline(incident, units);
  return (
    <section className="timeline" aria-label={i.t('timeline.title')}>
      <h3>{i.t('timeline.title')}</h3>
      <ol data-testid="incident-timeline">
        {entries.map((e, k) => (
          <li key={k} className={`tl-${e.kind}`} data-kind={e.kind}>
            <time>{e.time === null ? i.t('timeline.noTime') : i.time(e.time)}</time>
            <span>{text(e, i.t)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
