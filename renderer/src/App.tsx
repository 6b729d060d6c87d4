import { useEffect } from 'react';
import { MapView } from './map/MapView.tsx';
import { BasemapLayer } from './map/layers/BasemapLayer.tsx';
import { TrailsLayer } from './map/layers/TrailsLayer.tsx';
import { IncidentsLayer } from './map/layers/IncidentsLayer.tsx';
import { UnitsLayer } from './map/layers/UnitsLayer.tsx';
import { MapInteractions } from './map/layers/MapInteractions.tsx';
import { CursorCoordinates } from './map/CursorCoordinates.tsx';
import { MapToolbar } from './map/MapToolbar.tsx';
import { ConnectionIndicator } from './components/ConnectionIndicator.tsx';
import { panels } from './panels/catalogue.ts';
import { useI18n } from './i18n/i18n.ts';

export function App() {
  const { t, lang } = useI18n();
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);
  return (
    <div className="app theme-dark">
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <ConnectionIndicator />
      </header>
      <main className="map-area">
        <MapView>
          <BasemapLayer />
          <TrailsLayer />
          <IncidentsLayer />
          <UnitsLayer />
          <MapInteractions />
          <MapToolbar />
          <CursorCoordinates />
        </MapView>
        <div className="panels">
          {panels.map(({ id, Component }) => (
            <Component key={id} />
          ))}
        </div>
      </main>
    </div>
  );
}
