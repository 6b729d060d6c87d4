/** Turns validated operator commands into events, checking them against the current picture. */
import { randomBytes } from 'node:crypto';
import { commandSchema, type Command, type CommandAck } from '#shared/commands';
import { describeIssues, type NewEvent } from '#shared/schemas';
import type { Picture } from '#shared/picture';
import { UnfoldableError, type Lage } from './lage.ts';
import { own } from '#shared/idMap';
import type { Geo } from './geo/geo.ts';

/**
 * The id of an incident an operator opens: 96 random bits. Ids from the log position (`L<seq+1>`)
 * could be predicted, and a gateway could open and close the incident before the operator did.
 */
export function newIncidentId(): string {
  return `L-${randomBytes(12).toString('base64url')}`;
}

export function execute(
  lage: Lage,
  raw: unknown,
  by: string,
  now = Date.now(),
  geo?: Geo,
  incidentId: () => string = newIncidentId,
): CommandAck | Promise<CommandAck> {
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error).join('; ') };
  const cmd = parsed.data;
  // Several nodes: planned against the picture caught up to the global head, under its lock, so
  // of two nodes racing on one incident the second sees what the first did (and is refused).
  if (lage.shared)
    return lage.shared
      .run<CommandAck>((picture, seq) => {
        const planned = plan(cmd, picture, seq, by, now, geo, incidentId);
        if ('error' in planned) return { answer: { ok: false, error: planned.error } };
        const extra = planned.incidentId ? { incidentId: planned.incidentId } : {};
        return { events: planned.events, answer: (last) => ({ ok: true, seq: last, ...extra }) };
      }, now)
      .catch(commandFailure);
  const planned = plan(cmd, lage.picture, lage.seq, by, now, geo, incidentId);
  if ('error' in planned) return { ok: false, error: planned.error };
  try {
    lage.commit(planned.events, now);
  } catch (err) {
    return commandFailure(err);
  }
  return { ok: true, seq: lage.seq, ...(planned.incidentId ? { incidentId: planned.incidentId } : {}) };
}

function commandFailure(err: unknown): CommandAck {
  if (err instanceof UnfoldableError) return { ok: false, error: `${err.message}; nothing stored` };
  return { ok: false, error: `could not store: ${(err as Error).message}` };
}

type Plan = { events: NewEvent[]; incidentId?: string } | { error: string };

function plan(
  cmd: Command,
  p: Picture,
  seq: number,
  by: string,
  time: number,
  geo: Geo | undefined,
  newId: () => string,
): Plan {
  const openIncident = (id: string) => {
    const inc = own(p.incidents, id);
    if (!inc) return `unknown incident "${id}"`;
    if (inc.state === 'abgeschlossen') return `incident ${inc.number} is closed`;
    return undefined;
  };
  switch (cmd.cmd) {
    case 'assign': {
      const unit = own(p.units, cmd.unitId);
      const problem = openIncident(cmd.incidentId) ?? (unit ? undefined : `unknown unit "${cmd.unitId}"`);
      if (problem) return { error: problem };
      return {
        events: [{ type: 'incident.assigned', time, by, incidentId: cmd.incidentId, unitId: cmd.unitId }],
      };
    }
    case 'acknowledge': {
      const unit = own(p.units, cmd.unitId);
      if (!unit) return { error: `unknown unit "${cmd.unitId}"` };
      if (unit.status !== 0 && unit.status !== 5) {
        return {
          error: `${unit.callsign} has no speech request or emergency to acknowledge (status ${unit.status})`,
        };
      }
      return { events: [{ type: 'unit.acknowledged', time, by, unitId: cmd.unitId }] };
    }
    case 'acknowledgeEmergency': {
      const unit = p.units[cmd.unitId];
      if (!unit) return { error: `unknown unit "${cmd.unitId}"` };
      if (unit.emergencySince === undefined && unit.status !== 0)
        return { error: `${unit.callsign} has no emergency to acknowledge (status ${unit.status})` };
      return { events: [{ type: 'unit.emergencyAcknowledged', time, by, unitId: cmd.unitId }] };
    }
    case 'setState': {
      const problem = openIncident(cmd.incidentId);
      if (problem) return { error: problem };
      if (cmd.state === 'abgeschlossen')
        return { events: [{ type: 'incident.closed', time, by, incidentId: cmd.incidentId }] };
      return {
        events: [
          { type: 'incident.updated', time, by, incidentId: cmd.incidentId, patch: { state: cmd.state } },
        ],
      };
    }
    case 'note': {
      const problem = openIncident(cmd.incidentId);
      if (problem) return { error: problem };
      return { events: [{ type: 'incident.note', time, by, incidentId: cmd.incidentId, text: cmd.text }] };
    }
    case 'open': {
      const id = newId();
      // Opening never takes over an incident that exists (it would keep that one's state and units).
      if (p.incidents[id]) return { error: `incident id "${id}" exists already; nothing was opened` };
      // The number people read and say: from the log position, unique without a separate counter.
      const n = seq + 1;
      const number = `${new Date(time).getUTCFullYear()}-L${String(n).padStart(7, '0')}`;
      const { cmd: _c, lat, lon, ...rest } = cmd;
      // Address and district from the organisation's street and district data when not given.
      const address = rest.address ?? geo?.reverse(lat, lon)?.address;
      const district = rest.district ?? geo?.district(lat, lon);
      if (address) rest.address = address;
      if (district) rest.district = district;
      return {
        incidentId: id,
        events: [
          { type: 'incident.opened', time, by, incident: { id, number, ...rest, location: { lat, lon } } },
        ],
      };
    }
  }
}
