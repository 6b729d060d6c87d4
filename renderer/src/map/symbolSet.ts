/**
 * The two symbol sets of the map and what each means for the unit and incident layers: the German
 * tactical signs (DV 102, the default) or the simple arrows. Pure: the layers apply these layouts,
 * unit tests read them.
 */
import type { ExpressionSpecification, SymbolLayerSpecification } from 'maplibre-gl';
import type { CallType, FmsStatus, Priority, UnitKind } from '#shared/domain';
import type { SymbolSet } from '../stores/settingsStore.ts';
import { INCIDENT_ICON_HEIGHT, INCIDENT_SQUARE_CENTRE } from './icons.ts';

export const tacticalUnitIconName = (kind: UnitKind, status: FmsStatus): string => `tz-${kind}-${status}`;
export const tacticalIncidentIconName = (type: CallType, priority: Priority): string =>
  `tz-incident-${type}-${priority}`;

const UNIT_TACTICAL_ICON: ExpressionSpecification = [
  'concat',
  'tz-',
  ['get', 'kind'],
  '-',
  ['to-string', ['get', 'status']],
];
const INCIDENT_TACTICAL_ICON: ExpressionSpecification = [
  'concat',
  'tz-incident-',
  ['get', 'type'],
  '-',
  ['to-string', ['get', 'priority']],
];

/** Emergencies and speech requests are drawn on top of the others (a higher key is drawn later). */
export const UNIT_SORT_KEY: ExpressionSpecification = [
  'match',
  ['get', 'status'],
  0,
  5,
  5,
  4,
  [3, 4],
  3,
  [1, 2],
  1,
  0,
];

/** Label and icon sizes; a wall scales them up (wallScale). */
export interface MapScale {
  text: number;
  icon: number;
}
export const NORMAL_SCALE: MapScale = { text: 1, icon: 1 };

export type SymbolLayout = NonNullable<SymbolLayerSpecification['layout']>;

export function unitLayout(set: SymbolSet, scale: MapScale): SymbolLayout {
  const tactical = set === 'tactical';
  return {
    'icon-image': tactical ? UNIT_TACTICAL_ICON : ['get', 'icon'],
    // Tactical signs stay upright; arrows point along the heading.
    'icon-rotate': tactical ? 0 : ['get', 'heading'],
    'icon-rotation-alignment': tactical ? 'viewport' : 'map',
    'icon-size': scale.icon,
    'text-size': Math.round(12 * scale.text),
    // Labels that would collide move to another side or are left out (decluttered); icons never are.
    'text-radial-offset': tactical ? 1.5 : 1.1,
  };
}

export function incidentLayout(set: SymbolSet, scale: MapScale): SymbolLayout {
  const tactical = set === 'tactical';
  const textSize = Math.round((tactical ? 11 : 10) * scale.text);
  return {
    'icon-image': tactical ? INCIDENT_TACTICAL_ICON : ['get', 'icon'],
    'icon-size': scale.icon,
    'text-size': textSize,
    // Tactical: the readable type name below the triangle's tip, left out where it would collide.
    // Arrows: the short code inside the pin's square, always shown.
    'text-field': tactical ? ['get', 'name'] : ['get', 'short'],
    'text-anchor': tactical ? 'top' : 'center',
    'text-offset': tactical ? [0, 0.3] : [0, -(INCIDENT_SQUARE_CENTRE * scale.icon) / textSize],
    'text-allow-overlap': !tactical,
    'text-ignore-placement': !tactical,
    'text-optional': tactical,
  };
}

/**
 * Incident markers stand above their place (anchor at the bottom: the triangle's tip, the pin's
 * point), so a unit on the spot stays visible below them; this is how far their middle is lifted.
 */
export const incidentLift = (iconSize: number): number => (INCIDENT_ICON_HEIGHT / 2) * iconSize;
