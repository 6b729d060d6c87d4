/**
 * The panels the app shows, in order, with where they dock. Panels register here and never import
 * each other; they talk through the stores (selection, picture, filters, ui). The wall mode picks
 * its panels from this list too.
 */
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/i18n.ts';
import { DetailsPanel } from './details/DetailsPanel.tsx';
import { RequestQueue } from './requests/RequestQueue.tsx';
import { UnitBoard } from './board/UnitBoard.tsx';
import { IncidentList } from './incidents/IncidentList.tsx';
import { KpiPanel } from './kpi/KpiPanel.tsx';
import { HeatmapPanel } from './heatmap/HeatmapPanel.tsx';

/** left/right: docked beside the map; bottom: the strip under it; overlay: floating on the map. */
export type Dock = 'left' | 'right' | 'bottom' | 'overlay';

export interface PanelEntry {
  id: string;
  /** The panel's name (i18n key), for layouts and wall configuration. */
  title: MessageKey;
  dock: Dock;
  Component: ComponentType;
}

export const panels: readonly PanelEntry[] = [
  { id: 'requests', title: 'panel.requests', dock: 'left', Component: RequestQueue },
  { id: 'board', title: 'panel.board', dock: 'left', Component: UnitBoard },
  { id: 'incidents', title: 'panel.incidents', dock: 'right', Component: IncidentList },
  { id: 'heatmap', title: 'panel.heatmap', dock: 'right', Component: HeatmapPanel },
  { id: 'kpi', title: 'panel.kpi', dock: 'bottom', Component: KpiPanel },
  { id: 'details', title: 'details.incident', dock: 'overlay', Component: DetailsPanel },
];

export const panelsIn = (dock: Dock): readonly PanelEntry[] => panels.filter((p) => p.dock === dock);
