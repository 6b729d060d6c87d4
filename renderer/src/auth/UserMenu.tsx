/** Who is signed in (name and roles) and the way out. */
import { useI18n } from '../i18n/i18n.ts';
import { signOut, useAuth } from './session.ts';

export function UserMenu() {
  const { t } = useI18n();
  const me = useAuth((s) => s.me);
  if (!me) return null;
  return (
    <div className="user-menu" data-testid="user-menu">
      <span title={me.roles.map((r) => t(`role.${r}`)).join(', ')} data-testid="user-name">
        {me.user}
      </span>
      <button type="button" data-testid="logout" onClick={() => void signOut()}>
        {t('auth.logout')}
      </button>
    </div>
  );
}
