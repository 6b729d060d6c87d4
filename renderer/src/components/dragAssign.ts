/**
 * Drag a unit (a board row) onto an incident (a list row or its symbol on the map) to assign it.
 * The same command as the assign picker; the keyboard way stays "A" on the selected incident.
 */
import type { DragEvent } from 'react';
import { pictureStore } from '../stores/pictureStore.ts';
import { assignUnit } from './actions.ts';

export const UNIT_DRAG_TYPE = 'application/x-lagebild-unit';

/** Start of a drag on a unit row. */
export function startUnitDrag(e: DragEvent, unitId: string): void {
  e.dataTransfer.setData(UNIT_DRAG_TYPE, unitId);
  e.dataTransfer.effectAllowed = 'link';
}

/** True while a unit is dragged over a drop target (the data itself is readable only on drop). */
export const carriesUnit = (types: readonly string[]): boolean => types.includes(UNIT_DRAG_TYPE);

/** Assigns the dropped unit to the incident; false when the drop carried no known unit or incident. */
export function dropUnitOn(incidentId: string, dataTransfer: DataTransfer | null): boolean {
  const unitId = dataTransfer?.getData(UNIT_DRAG_TYPE);
  const { picture } = pictureStore.getState();
  const unit = unitId ? picture.units[unitId] : undefined;
  const incident = picture.incidents[incidentId];
  if (!unit || !incident) return false;
  void assignUnit(incident, unit);
  return true;
}
