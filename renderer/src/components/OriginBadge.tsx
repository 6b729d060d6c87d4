/** Marks a unit or incident that a federation peer shares with this server (read-only here). */
import { useI18n } from '../i18n/i18n.ts';

export function OriginBadge({ origin }: { origin: string | undefined }) {
  const { t } = useI18n();
  if (origin === undefined) return null;
  return (
    <span className="badge origin" data-testid="origin-badge" title={t('origin.title', { peer: origin })}>
      {t('origin.badge', { peer: origin })}
    </span>
  );
}
