/**
 * The replay view (`/?mode=replay&…`, its own window in Electron): the dashboard's map and panels
 * showing the picture at the playhead, fed by the replay driver instead of the live connection,
 * with the period chooser on top and the timeline below. No operator actions, no alarm sound.
 */
import { useEffect, useState } from 'react';
import { MapView } from '../map/MapView.tsx';
import { BasemapLayer } from '../map/layers/BasemapLayer.tsx';
import { ConfiguredBasemap } from '../map/layers/ConfiguredBasemap.tsx';
import { HeatmapLayer } from '../map/layers/HeatmapLayer.tsx';
import { TrailsLayer } from '../map/layers/TrailsLayer.tsx';
import { IncidentsLayer } from '../map/layers/IncidentsLayer.tsx';
import { UnitsLayer } from '../map/layers/UnitsLayer.tsx';
import { MapInteractions } from '../map/layers/MapInteractions.tsx';
import { MapFilters } from '../map/layers/MapFilters.tsx';
import { MapTheme } from '../map/layers/MapTheme.tsx';
import { RevealSelection } from '../map/layers/RevealSelection.tsx';
import { MapToolbar } from '../map/MapToolbar.tsx';
import { CursorCoordinates } from '../map/CursorCoordinates.tsx';
import { SearchBox } from '../components/search/SearchBox.tsx';
import { FilterBar } from '../components/filters/FilterBar.tsx';
import { Toasts } from '../components/Toasts.tsx';
import { panelsIn, type Dock } from '../panels/catalogue.ts';
import { useSettings } from '../stores/settingsStore.ts';
import { useI18n } from '../i18n/i18n.ts';
import { ReplayController } from './controller.ts';
import { ReplayBar } from './ReplayBar.tsx';
import { ReplayControls } from './ReplayControls.tsx';
import { ReplayTimeline } from './ReplayTimeline.tsx';
import { ReplayProblems } from './ReplayProblems.tsx';
import { ReplayFocusLayer } from './ReplayFocusLayer.tsx';
import { useReplayKeys } from './useReplayKeys.ts';
import { useReplay } from './replayStore.ts';
import '../styles/theme.css';
import '../styles/layout.css';
import '../styles/lists.css';
import '../styles/kpi.css';
import '../styles/topbar.css';
import '../styles/dialogs.css';
import '../styles/heatmap.css';
import '../styles/replay.css';

function DockArea({ dock }: { dock: Dock }) {
  return (
    <>
      {panelsIn(dock).map(({ id, Component }) => (
        <Component key={id} />
      ))}
    </>
  );
}

export function ReplayApp({ serverUrl, search }: { serverUrl: string; search: string }) {
  const { t, lang } = useI18n();
  const theme = useSettings((s) => s.theme);
  const [controller] = useState(() => new ReplayController(serverUrl));
  const problems = useReplay((s) => s.problems.length > 0);
  const focusNumber = useReplay((s) => s.markers.find((m) => m.id === s.focus?.incidentId)?.number);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t('app.title')} – ${t('replay.title')}`;
  }, [lang, t]);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  useEffect(() => {
    void controller.start(search);
    return () => controller.dispose();
  }, [controller, search]);
  useReplayKeys(controller);

  return (
    <div className={`app replay-app theme-${theme}`} data-testid="replay-app">
      <header className="topbar">
        <h1>
          {t('app.title')} <span className="replay-badge">{t('replay.badge')}</span>
        </h1>
        {focusNumber && (
          <span className="replay-focus-name">{t('replay.incident', { number: focusNumber })}</span>
        )}
        <ReplayBar controller={controller} serverUrl={serverUrl} />
        <SearchBox />
        <FilterBar />
      </header>
      {problems ? (
        <ReplayProblems />
      ) : (
        <>
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
                <ReplayFocusLayer />
                <IncidentsLayer />
                <UnitsLayer />
                <MapInteractions />
                <MapFilters />
                <MapTheme />
                <RevealSelection />
                <MapToolbar />
                <CursorCoordinates />
              </MapView>
              <div className="panels">
                <DockArea dock="overlay" />
              </div>
            </main>
            <aside className="dock dock-right">
              <DockArea dock="right" />
            </aside>
          </div>
          <footer className="replay-footer">
            <ReplayControls controller={controller} />
            <ReplayTimeline controller={controller} />
          </footer>
          <footer className="dock dock-bottom">
            <DockArea dock="bottom" />
          </footer>
        </>
      )}
      <Toasts />
    </div>
  );
}
