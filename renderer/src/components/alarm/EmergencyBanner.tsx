/**
 * The emergency banner: red, across the top, one line per unacknowledged emergency, and it stays
 * until an operator (here or on any other dashboard) acknowledges, whatever status the unit sends
 * meanwhile (that status shows beside it as usual). "J" acknowledges too.
 */
import { openSince } from '#shared/domain';
import { StatusChip } from '../StatusChip.tsx';
import { useActionBlock } from '../LinkLostBanner.tsx';
import { useI18n } from '../../i18n/i18n.ts';
import { selectionStore } from '../../stores/selectionStore.ts';
import { acknowledge } from '../actions.ts';
import { useNow } from '../useNow.ts';
import { alarmSound } from './alarmSound.ts';
import { useEmergencyAlarm } from './useEmergencyAlarm.ts';

export function EmergencyBanner() {
  const i = useI18n();
  const { t } = i;
  const { emergencies, sound } = useEmergencyAlarm();
  const now = useNow(1000);
  const blocked = useActionBlock();
  if (emergencies.length === 0) return null;
  return (
    <div className="emergency-banner" role="alert" data-testid="emergency-banner" data-sound={sound}>
      {emergencies.map((u) => (
        <div key={u.id} className="emergency-item" data-testid="emergency-item" data-unit-id={u.id}>
          <strong className="title">{t('emergency.title')}</strong>
          <span className="callsign">{u.callsign}</span>
          <span className="muted-on-red">{u.district}</span>
          <span>
            {t('emergency.since', { time: i.time(openSince(u)), age: i.duration(now - openSince(u)) })}
          </span>
          {u.status !== 0 && (
            <span className="emergency-now" data-testid="emergency-now">
              {t('emergency.now')} <StatusChip status={u.status} />
            </span>
          )}
          <button type="button" onClick={() => selectionStore.getState().reveal({ kind: 'unit', id: u.id })}>
            {t('emergency.show')}
          </button>
          <button
            type="button"
            className="ack"
            data-testid="emergency-ack"
            disabled={blocked !== null}
            title={blocked ?? undefined}
            onClick={() => void acknowledge(u)}
          >
            {t('emergency.ack')}
          </button>
        </div>
      ))}
      {sound === 'blocked' && (
        <button type="button" className="sound-blocked" onClick={() => alarmSound.unlock()}>
          {t('emergency.soundBlocked')}
        </button>
      )}
    </div>
  );
}
