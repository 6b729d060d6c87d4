/** The sign-in form: user name and password; the server answers with a session cookie. */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { signIn, useAuth } from './session.ts';
import './login.css';

export function LoginPage() {
  const { t, lang } = useI18n();
  const failure = useAuth((s) => s.failure);
  const retryAfter = useAuth((s) => s.retryAfter);
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || !user || !password) return;
    setBusy(true);
    const ok = await signIn(user.trim(), password);
    setBusy(false);
    if (!ok) setPassword('');
  };

  return (
    <main className="login-page" data-testid="login-page">
      <form className="login-box" onSubmit={(e) => void submit(e)}>
        <h1>{t('app.title')}</h1>
        <p>{t('auth.prompt')}</p>
        <label>
          {t('auth.user')}
          <input
            data-testid="login-user"
            autoComplete="username"
            autoFocus
            value={user}
            onChange={(e) => setUser(e.target.value)}
          />
        </label>
        <label>
          {t('auth.password')}
          <input
            data-testid="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {failure && (
          <p className="login-error" role="alert" data-testid="login-error">
            {failure === 'rateLimited' && retryAfter
              ? t('auth.failure.rateLimitedFor', { seconds: retryAfter })
              : t(`auth.failure.${failure}`)}
          </p>
        )}
        <button type="submit" className="primary" data-testid="login-submit" disabled={busy}>
          {t('auth.submit')}
        </button>
        <button
          type="button"
          className="login-lang"
          onClick={() => settingsStore.getState().setLanguage(lang === 'de' ? 'en' : 'de')}
        >
          {t('auth.otherLanguage')}
        </button>
      </form>
    </main>
  );
}
