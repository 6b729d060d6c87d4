/**
 * Map icons drawn at runtime on a canvas (nothing fetched): one image per unit shape and FMS
 * status colour, and one per incident priority. Names are built by iconName()/incidentIconName().
 */
import { FMS_STATUSES, PRIORITIES, type FmsStatus, type Priority, type UnitKind } from '#shared/domain';
import { PRIORITY_COLORS, STATUS_COLORS, THEME } from '../theme/colors.ts';

export const UNIT_SHAPES = ['arrow', 'dot', 'heli', 'person', 'fire', 'ems'] as const;
export type UnitShape = (typeof UNIT_SHAPES)[number];

const FIRE: ReadonlySet<UnitKind> = new Set(['loeschfahrzeug', 'drehleiter', 'einsatzleitwagen']);
const EMS: ReadonlySet<UnitKind> = new Set([
  'rettungswagen',
  'notarzteinsatzfahrzeug',
  'krankentransportwagen',
]);

/**
 * Vehicles point along their heading; persons and helicopters keep their own shape, and fire (a
 * square) and EMS units (a cross) of imported CAD exports are told apart from police at a glance.
 */
export function unitShape(kind: UnitKind, hasHeading: boolean): UnitShape {
  if (kind === 'hubschrauber') return 'heli';
  if (FIRE.has(kind)) return 'fire';
  if (EMS.has(kind)) return 'ems';
  if (kind === 'fussstreife' || kind === 'handfunkgeraet' || kind === 'diensthundefuehrer') return 'person';
  return hasHeading ? 'arrow' : 'dot';
}

export const iconName = (shape: UnitShape, status: FmsStatus): string => `unit-${shape}-${status}`;
export const incidentIconName = (priority: Priority): string => `incident-${priority}`;

const SIZE = 28;
/** Incident markers are pins: a square with a point at the bottom, the point on the incident's place. */
export const INCIDENT_ICON_HEIGHT = 32;
/** Height of the pin square's centre above the point (where the short code sits). */
export const INCIDENT_SQUARE_CENTRE = INCIDENT_ICON_HEIGHT - SIZE / 2;

/** A canvas of `px` × `height` device pixels, drawn on in icon pixels (scaled by `ratio`). */
function iconCanvas(px: number, height: number, ratio: number): CanvasRenderingContext2D {
  const canvas = document.createElement('canvas');
  canvas.width = px;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('Canvas 2D is not available: map icons cannot be drawn');
  ctx.scale(ratio, ratio);
  return ctx;
}

function draw(shape: UnitShape | 'incident', fill: string, ratio: number): ImageData {
  const px = Math.round(SIZE * ratio);
  const height = shape === 'incident' ? Math.round(INCIDENT_ICON_HEIGHT * ratio) : px;
  const ctx = iconCanvas(px, height, ratio);
  ctx.lineWidth = 2;
  ctx.strokeStyle = THEME.labelHalo;
  ctx.fillStyle = fill;
  ctx.beginPath();
  const c = SIZE / 2;
  switch (shape) {
    case 'arrow':
      ctx.moveTo(c, 2);
      ctx.lineTo(c + 10, SIZE - 4);
      ctx.lineTo(c, SIZE - 9);
      ctx.lineTo(c - 10, SIZE - 4);
      ctx.closePath();
      break;
    case 'dot':
      ctx.arc(c, c, 8, 0, Math.PI * 2);
      break;
    case 'heli':
      ctx.moveTo(c, 3);
      ctx.lineTo(SIZE - 3, c);
      ctx.lineTo(c, SIZE - 3);
      ctx.lineTo(3, c);
      ctx.closePath();
      break;
    case 'person':
      ctx.arc(c, c - 5, 4.5, 0, Math.PI * 2);
      ctx.moveTo(c - 7, SIZE - 5);
      ctx.arc(c, SIZE - 5, 7, Math.PI, 0);
      ctx.closePath();
      break;
    case 'fire':
      ctx.rect(6, 6, SIZE - 12, SIZE - 12);
      break;
    case 'ems':
      for (const [x, y, w, h] of [
        [c - 3.5, 5, 7, SIZE - 10],
        [5, c - 3.5, SIZE - 10, 7],
      ] as const)
        ctx.rect(x, y, w, h);
      break;
    case 'incident':
      ctx.roundRect(3, 3, SIZE - 6, SIZE - 6, 5);
      ctx.moveTo(c - 5, SIZE - 3);
      ctx.lineTo(c, INCIDENT_ICON_HEIGHT - 1);
      ctx.lineTo(c + 5, SIZE - 3);
      break;
  }
  ctx.fill();
  ctx.stroke();
  return ctx.getImageData(0, 0, px, height);
}

export interface NamedIcon {
  name: string;
  image: ImageData;
  /** Drawn in one colour chosen by the layer (icon-color), e.g. the theme's selection colour. */
  sdf?: boolean;
}

export const SELECTION_RING = 'selection-ring';
/** The ring's radius in icon pixels; the layer sizes it per symbol set (icon-size). */
export const SELECTION_RING_RADIUS = 17;

/** The ring around a selected unit, as an icon so it follows the unit's drawn place (icon-offset). */
function selectionRing(ratio: number): ImageData {
  const px = Math.round((SELECTION_RING_RADIUS * 2 + 6) * ratio);
  const ctx = iconCanvas(px, px, ratio);
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = '#000';
  ctx.beginPath();
  ctx.arc(SELECTION_RING_RADIUS + 3, SELECTION_RING_RADIUS + 3, SELECTION_RING_RADIUS, 0, Math.PI * 2);
  ctx.stroke();
  return ctx.getImageData(0, 0, px, px);
}

export function makeIcons(ratio: number): NamedIcon[] {
  const icons: NamedIcon[] = [];
  for (const shape of UNIT_SHAPES) {
    for (const status of FMS_STATUSES)
      icons.push({ name: iconName(shape, status), image: draw(shape, STATUS_COLORS[status], ratio) });
  }
  for (const p of PRIORITIES)
    icons.push({ name: incidentIconName(p), image: draw('incident', PRIORITY_COLORS[p], ratio) });
  icons.push({ name: SELECTION_RING, image: selectionRing(ratio), sdf: true });
  return icons;
}
