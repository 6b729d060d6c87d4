import type { Unit } from '#shared/domain';
import { isStale } from '#shared/picture';
import { useI18n } from '../../i18n/i18n.ts';
import { usePicture } from '../../stores/pictureStore.ts';
import { selectionStore, useSelection } from '../../stores/selectionStore.ts';
import { STATUS_COLORS } from '../../theme/colors.ts';
import { serverNow } from '../../stores/connectionStore.ts';
import { UnitActions } from './UnitActions.tsx';
import { useReplaying } from '../../stores/sourceStore.ts';
import { SendToWallButton } from '../../wallControl/SendToWallButton.tsx';
import { OriginBadge } from '../../components/OriginBadge.tsx';

export function UnitDetails({ unit, now: _tick }: { unit: Unit; now: number }) {
  const replaying = useReplaying();
  const i = useI18n();
  const { t } = i;
  const staleAfterMs = usePicture((s) => s.staleAfterMs);
  const incident = usePicture((s) => (unit.incidentId ? s.picture.incidents[unit.incidentId] : undefined));
  const following = useSelection((s) => s.followUnitId === unit.id);
  const now = serverNow();
  const pos = unit.position;
  const stale = isStale(unit, now, staleAfterMs);
  const { select, follow } = selectionStore.getState();
  return (
    <dl className="details-list">
      <dt>{t('details.status')}</dt>
      <dd data-testid="unit-status">
        <span className="status-chip" style={{ background: STATUS_COLORS[unit.status] }}>
          {unit.status}
        </span>{' '}
        {t(`fms.${unit.status}`)}
        <div className="muted">
          {t('details.since', { time: i.time(unit.statusSince), age: i.duration(now - unit.statusSince) })}
        </div>
      </dd>
      <dt>{t('details.kind')}</dt>
      <dd>{t(`kind.${unit.kind}`)}</dd>
      <dt>{t('details.district')}</dt>
      <dd>{unit.district}</dd>
      {unit.origin !== undefined && (
        <>
          <dt>{t('details.origin')}</dt>
          <dd data-testid="unit-origin">
            <OriginBadge origin={unit.origin} /> {t('details.readOnly', { peer: unit.origin })}
          </dd>
        </>
      )}
      <dt>{t('details.assignedIncident')}</dt>
      <dd>
        {incident ? (
          <button
            type="button"
            className="link"
            onClick={() => select({ kind: 'incident', id: incident.id })}
          >
            {incident.number} · {t(`callType.${incident.type}`)}
          </button>
        ) : (
          t('details.noIncident')
        )}
      </dd>
      <dt>{t('details.lastFix')}</dt>
      <dd data-testid="unit-last-fix">
        {pos ? (
          <>
            {t('details.fixAt', { time: i.time(pos.time), age: i.duration(now - pos.time) })}
            {stale && <span className="badge stale"> {t('details.stale')}</span>}
            <div className="muted">
              {i.coord(pos.lat)}, {i.coord(pos.lon)}
            </div>
            {pos.speed !== undefined && (
              <div className="muted">
                {t('details.speed')}: {t('details.speedValue', { kmh: Math.round(pos.speed * 3.6) })}
                {pos.heading !== undefined &&
                  ` · ${t('details.heading')}: ${t('details.headingValue', { deg: Math.round(pos.heading) })}`}
              </div>
            )}
          </>
        ) : (
          t('details.noFix')
        )}
      </dd>
      <dd className="actions">
        {!replaying && unit.origin === undefined && <UnitActions unit={unit} />}{' '}
        <SendToWallButton target={{ kind: 'unit', id: unit.id }} />{' '}
        <button
          type="button"
          data-testid="follow-unit"
          disabled={!pos}
          onClick={() => follow(following ? null : unit.id)}
        >
          {following ? t('details.unfollow') : t('details.follow')}
        </button>
      </dd>
    </dl>
  );
}
