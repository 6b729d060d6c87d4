/** Top bar buttons: theme, settings, keyboard help. */
import { settingsStore, useSettings } from '../stores/settingsStore.ts';
import { uiStore } from '../stores/uiStore.ts';
import { useI18n } from '../i18n/i18n.ts';

export function TopActions() {
  const { t } = useI18n();
  const theme = useSettings((s) => s.theme);
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <div className="top-actions">
      <button
        type="button"
        data-testid="theme-toggle"
        aria-label={`${t('theme.label')}: ${t(`theme.${next}`)}`}
        title={`${t('theme.label')} (T)`}
        onClick={() => settingsStore.getState().setTheme(next)}
      >
        {t(`theme.${next}`)}
      </button>
      <button
        type="button"
        data-testid="settings-open"
        title={`${t('settings.title')} (S)`}
        onClick={() => uiStore.getState().setSettings(true)}
      >
        {t('settings.title')}
      </button>
      <button
        type="button"
        data-testid="help-open"
        title={`${t('help.title')} (?)`}
        onClick={() => uiStore.getState().setHelp(true)}
      >
        {t('help.button')} <kbd>?</kbd>
      </button>
    </div>
  );
}
