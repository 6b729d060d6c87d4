/** Acknowledge the unit's open speech request or emergency from its details (same as "J"). */
import { isOpenEmergency, isOpenRequest, type Unit } from '#shared/domain';
import { useI18n } from '../../i18n/i18n.ts';
import { acknowledge } from '../../components/actions.ts';
import { useCan } from '../../auth/session.ts';

export function UnitActions({ unit }: { unit: Unit }) {
  const { t } = useI18n();
  const allowed = useCan('command.acknowledge');
  if (!isOpenRequest(unit) || !allowed) return null;
  return (
    <button
      type="button"
      className="primary"
      data-testid="details-acknowledge"
      onClick={() => void acknowledge(unit)}
    >
      {isOpenEmergency(unit) ? t('emergency.ack') : `${t('requests.ack')} (J)`}
    </button>
  );
}
