import { useEffect } from 'react';
import { MapView } from './map/MapView.tsx';
import { BasemapLayer } from './map/layers/BasemapLayer.tsx';
import { ConfiguredBasemap } from './map/layers/ConfiguredBasemap.tsx';
import { HeatmapLayer } from './map/layers/HeatmapLayer.tsx';
import { SideBySideCompare } from './heatmap/compare/SideBySideCompare.tsx';
import { TrailsLayer } from './map/layers/TrailsLayer.tsx';
import { IncidentsLayer } from './map/layers/IncidentsLayer.tsx';
import { UnitsLayer } from './map/layers/UnitsLayer.tsx';
import { MapInteractions } from './map/layers/MapInteractions.tsx';
import { MapFilters } from './map/layers/MapFilters.tsx';
import { MapTheme } from './map/layers/MapTheme.tsx';
import { RevealSelection } from './map/layers/RevealSelection.tsx';
import { MapContextMenu } from './map/layers/MapContextMenu.tsx';
import { MapDropAssign } from './map/layers/MapDropAssign.tsx';
import { CursorCoordinates } from './map/CursorCoordinates.tsx';
import { MapToolbar } from './map/MapToolbar.tsx';
import { ConnectionIndicator } from './components/ConnectionIndicator.tsx';
import { UserMenu } from './auth/UserMenu.tsx';
import { AuditLink } from './admin/AuditLink.tsx';
import { TopActions } from './components/TopActions.tsx';
import { SearchBox } from './components/search/SearchBox.tsx';
import { FilterBar } from './components/filters/FilterBar.tsx';
import { EmergencyBanner } from './components/alarm/EmergencyBanner.tsx';
import { installAudioUnlock } from './components/alarm/alarmSound.ts';
import { Dialogs } from './components/dialogs/Dialogs.tsx';
import { Toasts } from './components/Toasts.tsx';
import { useShortcuts } from './components/useShortcuts.ts';
import { panelsIn, type Dock } from './panels/catalogue.ts';
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

function DockArea({ dock }: { dock: Dock }) {
  return (
    <>
      {panelsIn(dock).map(({ id, Component }) => (
        <Component key={id} />
      ))}
    </>
  );
}

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
  return (
    <div className={`app theme-${theme}`}>
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <SearchBox />
        <FilterBar />
        <TopActions />
        <ConnectionIndicator />
        <AuditLink />
        <UserMenu />
      </header>
      <EmergencyBanner />
      <div className="workspace">
        <aside className="dock dock-left">
          <DockArea dock="left" />
        </aside>
        <main className="map-area">
          <MapView>
            <BasemapLayer />
            <ConfiguredBasemap />
            <HeatmapLayer />
            <TrailsLayer />
            <IncidentsLayer />
            <UnitsLayer />
            <MapInteractions />
            <MapFilters />
            <MapTheme />
            <RevealSelection />
            <MapContextMenu />
            <MapDropAssign />
            <MapToolbar />
            <CursorCoordinates />
            <SideBySideCompare />
          </MapView>
          <div className="panels">
            <DockArea dock="overlay" />
          </div>
        </main>
        <aside className="dock dock-right">
          <DockArea dock="right" />
        </aside>
      </div>
      <footer className="dock dock-bottom">
        <DockArea dock="bottom" />
      </footer>
      <Dialogs />
      <Toasts />
    </div>
  );
}
