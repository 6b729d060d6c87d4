/** The way into the audit log from the dashboard's top bar, for roles with audit.read only. */
import { can } from '#shared/roles';
import { useAuth } from '../auth/session.ts';
import { useI18n } from '../i18n/i18n.ts';
import { AUDIT_VIEW_QUERY } from './view.ts';

export function AuditLink() {
  const { t } = useI18n();
  const allowed = useAuth((s) => !!s.me && can(s.me.roles, 'audit.read'));
  if (!allowed) return null;
  return (
    <a className="audit-link" href={`?${AUDIT_VIEW_QUERY}`} data-testid="audit-link">
      {t('admin.audit.open')}
    </a>
  );
}
