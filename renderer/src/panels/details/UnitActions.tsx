/** Acknowledge the unit's open speech request or emergency from its details (same as "J"). */
import { isOpenEmergency, isOpenRequest, type Unit } from '#shared/domain';
import { useI18n } from '../../i18n/i18n.ts';
import { acknowledge } from '../../components/actions.ts';
import { useCan } from '../../auth/session.ts';
import { useActionBlock } from '../../components/LinkLostBanner.tsx';

export function UnitActions({ unit }: { unit: Unit }) {
  const { t } = useI18n();
  const allowed = useCan('command.acknowledge');
  const blocked = useActionBlock();
  if (!isOpenRequest(unit) || !allowed) return null;
  return (
    <button
      type="button"
      className="primary"
      data-testid="details-acknowledge"
      disabled={blocked !== null}
      title={blocked ?? undefined}
      onClick={() => void acknowledge(unit)}
    >
      {isOpenEmergency(unit) ? t('emergency.ack') : `${t('requests.ack')} (J)`}
    </button>
  );
}
