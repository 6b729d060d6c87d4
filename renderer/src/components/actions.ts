/**
 * The operator's actions, shared by panels, dialogs, the alarm banner and the keyboard shortcuts.
 * Each one is a command to the server; the picture changes only when the server's events arrive.
 */
import {
  isOpenEmergency,
  isOpenRequest,
  type CallType,
  type Incident,
  type IncidentState,
  type Priority,
  type Unit,
} from '#shared/domain';
import { runCommand } from './runCommand.ts';
import { t } from '../i18n/i18n.ts';
import { pictureStore } from '../stores/pictureStore.ts';
import { selectionStore } from '../stores/selectionStore.ts';
import type { CommandResult } from '../connection/commands.ts';

/** An open emergency is acknowledged as such (it may outlast status 0); otherwise the speech request. */
export const acknowledge = (unit: Unit): Promise<CommandResult> =>
  isOpenEmergency(unit)
    ? runCommand({ cmd: 'acknowledgeEmergency', unitId: unit.id }, () =>
        t('emergency.done', { callsign: unit.callsign }),
      )
    : runCommand({ cmd: 'acknowledge', unitId: unit.id }, () =>
        t('requests.done', { callsign: unit.callsign }),
      );

export const assignUnit = (incident: Incident, unit: Unit): Promise<CommandResult> =>
  runCommand({ cmd: 'assign', incidentId: incident.id, unitId: unit.id }, () =>
    t('assign.done', { callsign: unit.callsign, number: incident.number }),
  );

export const setIncidentState = (incident: Incident, state: IncidentState): Promise<CommandResult> =>
  runCommand({ cmd: 'setState', incidentId: incident.id, state }, () =>
    t('command.stateDone', { number: incident.number, state: t(`incidentState.${state}`) }),
  );

export const addNote = (incident: Incident, text: string): Promise<CommandResult> =>
  runCommand({ cmd: 'note', incidentId: incident.id, text }, () =>
    t('command.noteDone', { number: incident.number }),
  );

export interface NewIncident {
  type: CallType;
  priority: Priority;
  lat: number;
  lon: number;
  address?: string;
  description?: string;
}

export const openIncident = (n: NewIncident): Promise<CommandResult> =>
  runCommand({ cmd: 'open', ...n }, (r) => t('newIncident.done', { id: r.incidentId ?? '?' }));

/**
 * "J": the selected unit's request if it has one, else the head of the queue (emergencies first,
 * then the oldest). Returns the unit acknowledged, or null when there was nothing to acknowledge.
 */
export function acknowledgeNext(queue: readonly Unit[]): Unit | null {
  const sel = selectionStore.getState().selected;
  const selected = sel?.kind === 'unit' ? pictureStore.getState().picture.units[sel.id] : undefined;
  const target = selected && isOpenRequest(selected) ? selected : queue[0];
  if (!target) return null;
  void acknowledge(target);
  return target;
}
