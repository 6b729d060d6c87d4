import { useEffect } from 'react';
import { SideBySideCompare } from './heatmap/compare/SideBySideCompare.tsx';
import { MapContextMenu } from './map/layers/MapContextMenu.tsx';
import { MapDropAssign } from './map/layers/MapDropAssign.tsx';
import { ConnectionIndicator } from './components/ConnectionIndicator.tsx';
import { UserMenu } from './auth/UserMenu.tsx';
import { AuditLink } from './admin/AuditLink.tsx';
import { TopActions } from './components/TopActions.tsx';
import { SearchBox } from './components/search/SearchBox.tsx';
import { FilterBar } from './components/filters/FilterBar.tsx';
import { EmergencyBanner } from './components/alarm/EmergencyBanner.tsx';
import { LinkLostBanner } from './components/LinkLostBanner.tsx';
import { useLink, useLinkWatch } from './connection/linkWatch.ts';
import { installAudioUnlock } from './components/alarm/alarmSound.ts';
import { Dialogs } from './components/dialogs/Dialogs.tsx';
import { Toasts } from './components/Toasts.tsx';
import { useShortcuts } from './components/useShortcuts.ts';
import { Workspace } from './Workspace.tsx';
import { startAvailabilitySampler } from './stores/historyStore.ts';
import { useSettings } from './stores/settingsStore.ts';
import { useI18n } from './i18n/i18n.ts';
import './styles/theme.css';
import './styles/layout.css';
import './styles/lists.css';
import './styles/kpi.css';
import './styles/topbar.css';
import './styles/dialogs.css';
import './styles/heatmap.css';

export function App() {
  const { t, lang } = useI18n();
  const theme = useSettings((s) => s.theme);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  useEffect(() => startAvailabilitySampler(), []);
  useEffect(() => installAudioUnlock(), []);
  useShortcuts();
  useLinkWatch();
  const lost = useLink((s) => s.lost);
  return (
    <div className={`app theme-${theme}`} data-link={lost ? 'lost' : 'live'} data-testid="app">
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <SearchBox />
        <FilterBar />
        <TopActions />
        <ConnectionIndicator />
        <AuditLink />
        <UserMenu />
      </header>
      <LinkLostBanner />
      <EmergencyBanner />
      <Workspace
        tools={
          <>
            <MapContextMenu />
            <MapDropAssign />
          </>
        }
        overMap={<SideBySideCompare />}
      />
      <Dialogs />
      <Toasts />
    </div>
  );
}
