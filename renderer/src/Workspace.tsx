/**
 * The dashboard's workspace: docks with the catalogue's panels around the one map and its layers.
 * The live dashboard and the replay view both render it, so a replay shows the picture with exactly
 * the layers and panels the operators had live; each adds only its own pieces through the slots.
 */
import type { ReactNode } from 'react';
import { MapView } from './map/MapView.tsx';
import { BasemapLayer } from './map/layers/BasemapLayer.tsx';
import { ConfiguredBasemap } from './map/layers/ConfiguredBasemap.tsx';
import { HeatmapLayer } from './heatmap/HeatmapLayer.tsx';
import { TrailsLayer } from './map/layers/TrailsLayer.tsx';
import { IncidentsLayer } from './map/layers/IncidentsLayer.tsx';
import { UnitsLayer } from './map/layers/UnitsLayer.tsx';
import { MapInteractions } from './map/layers/MapInteractions.tsx';
import { MapFilters } from './map/layers/MapFilters.tsx';
import { MapTheme } from './map/layers/MapTheme.tsx';
import { RevealSelection } from './map/layers/RevealSelection.tsx';
import { CursorCoordinates } from './map/CursorCoordinates.tsx';
import { MapToolbar } from './map/MapToolbar.tsx';
import { MapLegend } from './map/MapLegend.tsx';
import { panelsIn, type Dock } from './panels/catalogue.ts';

export function DockArea({ dock }: { dock: Dock }) {
  return (
    <>
      {panelsIn(dock).map(({ id, Component }) => (
        <Component key={id} />
      ))}
    </>
  );
}

export interface WorkspaceSlots {
  /** Map layers drawn above the trails and below incidents and units (e.g. a replay's focus). */
  underSymbols?: ReactNode;
  /** Map interactions beyond selecting (e.g. the live context menu and drag-and-drop assign). */
  tools?: ReactNode;
  /** Drawn over the map after everything else (e.g. the side-by-side heatmap comparison). */
  overMap?: ReactNode;
  /** Between the map row and the bottom dock (e.g. the replay controls and timeline). */
  aboveBottom?: ReactNode;
}

export function Workspace({ underSymbols, tools, overMap, aboveBottom }: WorkspaceSlots) {
  return (
    <>
      <div className="workspace">
        <aside className="dock dock-left">
          <DockArea dock="left" />
        </aside>
        <main className="map-area">
          <MapView onBasemap>
            <BasemapLayer />
            <ConfiguredBasemap />
            <HeatmapLayer />
            <TrailsLayer />
            {underSymbols}
            <IncidentsLayer />
            <UnitsLayer />
            <MapInteractions />
            <MapFilters />
            <MapTheme />
            <RevealSelection />
            {tools}
            <MapToolbar />
            <MapLegend />
            <CursorCoordinates />
            {overMap}
          </MapView>
          <div className="panels">
            <DockArea dock="overlay" />
          </div>
        </main>
        <aside className="dock dock-right">
          <DockArea dock="right" />
        </aside>
      </div>
      {aboveBottom}
      <footer className="dock dock-bottom">
        <DockArea dock="bottom" />
      </footer>
    </>
  );
}
