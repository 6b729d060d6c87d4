/**
 * Open incidents as big cards filling the whole screen, led by the number of incidents waiting for a
 * unit and the longest wait; waiting incidents come first, then by priority and age. Only coded
 * fields are shown (number, call type, priority, state, district, age, unit callsigns): never the
 * address or any other free text, which could carry a name even where the server's redaction does
 * not know it as personal data.
 */
import { useMemo } from 'react';
import { usePanelPicture } from '../stores/panelPicture.ts';
import { NO_FILTER } from '../stores/filters.ts';
import { openIncidentList, waitingSummary } from '../panels/incidents/incidentModel.ts';
import { TypeIcon } from '../components/TypeIcon.tsx';
import { useNow } from '../components/useNow.ts';
import { PRIORITY_COLORS } from '../theme/colors.ts';
import { useI18n } from '../i18n/i18n.ts';

/**
 * The cards' grid (columns × rows, in wall.css) fills the screen; more cards would not be readable
 * from across the room, so the rest is counted.
 */
export const CARD_COLUMNS = 4;
export const CARD_ROWS = 4;
export const MAX_CARDS = CARD_COLUMNS * CARD_ROWS;

export function WallIncidents() {
  const i = useI18n();
  const { t } = i;
  const incidents = usePanelPicture((s) => s.picture.incidents);
  const units = usePanelPicture((s) => s.picture.units);
  const now = useNow(5_000);
  const list = useMemo(() => openIncidentList(Object.values(incidents), NO_FILTER), [incidents]);
  const summary = useMemo(() => waitingSummary(list, now), [list, now]);
  if (list.length === 0) return <p className="wall-empty">{t('wall.incidents.empty')}</p>;
  const shown = list.slice(0, MAX_CARDS);
  return (
    <div className="wall-incidents" data-testid="wall-incidents">
      <div
        className={summary.waiting ? 'wall-waiting alert' : 'wall-waiting'}
        data-testid="wall-waiting"
        data-waiting={summary.waiting}
      >
        <span className="wall-waiting-n">{summary.waiting}</span>
        <span>{t('wall.incidents.waiting', { n: summary.waiting })}</span>
        {summary.longestMs !== null && (
          <span className="wall-waiting-longest" data-testid="wall-longest-wait">
            {t('wall.incidents.longestWait', { age: i.duration(summary.longestMs) })}
          </span>
        )}
        <span className="wall-waiting-open">{t('wall.incidents.open', { n: list.length })}</span>
      </div>
      <div className="wall-cards">
        {shown.map((inc) => {
          const assigned = inc.units.map((id) => units[id]?.callsign ?? id);
          return (
            <article
              key={inc.id}
              className={`wall-card prio-${inc.priority}`}
              style={{ borderColor: PRIORITY_COLORS[inc.priority] }}
              data-testid="wall-incident"
              data-incident-id={inc.id}
            >
              <header>
                <TypeIcon type={inc.type} priority={inc.priority} label={t(`callType.${inc.type}`)} />
                <span className="wall-card-type">{t(`callType.${inc.type}`)}</span>
                <span className="wall-card-age">
                  {t('wall.incidents.since', { age: i.duration(now - inc.times.opened) })}
                </span>
              </header>
              <div className="wall-card-meta">
                <span>{inc.number}</span>
                <span>{t(`priority.${inc.priority}`)}</span>
                <span>{t(`incidentState.${inc.state}`)}</span>
                {inc.district && <span>{inc.district}</span>}
              </div>
              <div className={assigned.length ? 'wall-card-units' : 'wall-card-units none'}>
                {assigned.length
                  ? `${t('wall.incidents.units', { n: assigned.length })}: ${assigned.slice(0, 3).join(', ')}${assigned.length > 3 ? ' …' : ''}`
                  : t('wall.incidents.noUnit')}
              </div>
            </article>
          );
        })}
      </div>
      {list.length > shown.length && (
        <div className="wall-more">{t('wall.incidents.more', { n: list.length - shown.length })}</div>
      )}
    </div>
  );
}
