/**
 * May this principal run this command? The role needs the command's permission (COMMAND_PERMISSION)
 * and an operator limited to districts may act only on incidents and units of those districts
 * (incidents without a district are visible to all and may be acted on; a unit must be theirs).
 */
import { commandSchema, type Command } from '#shared/commands';
import { COMMAND_PERMISSION, can } from '#shared/roles';
import type { Picture } from '#shared/picture';
import type { Principal } from './users.ts';

export type Refusal = { error: string; why: string } | undefined;

export function refuseCommand(
  principal: Principal,
  raw: unknown,
  picture: Picture,
  districtAt?: (lat: number, lon: number) => string | undefined,
): Refusal {
  const name = (raw as { cmd?: unknown } | null)?.cmd;
  if (typeof name !== 'string' || !Object.hasOwn(COMMAND_PERMISSION, name)) return undefined; // invalid: execute says why
  const permission = COMMAND_PERMISSION[name as keyof typeof COMMAND_PERMISSION];
  if (!can(principal.roles, permission)) {
    const why = `the role ${principal.roles.join('+')} lacks the permission ${permission}`;
    return { error: `not allowed: ${why}`, why };
  }
  const parsed = commandSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const cmd = parsed.data;
  const foreign = foreignTarget(cmd, picture);
  if (foreign) return foreign;
  const mine = principal.districts;
  if (!mine?.length) return undefined;
  const outside = (what: string, district: string | undefined) => {
    if (district !== undefined && mine.includes(district)) return undefined;
    const why = `${what} is ${district ? `in ${district}` : 'in no district'}, outside ${mine.join(', ')}`;
    return { error: `not allowed: ${why}`, why };
  };
  const incident = (id: string) => {
    const d = picture.incidents[id]?.district;
    return d === undefined ? undefined : outside(`incident ${id}`, d);
  };
  const unit = (id: string) => {
    const u = picture.units[id];
    return u ? outside(`unit ${id}`, u.district) : undefined;
  };
  switch (cmd.cmd) {
    case 'assign':
      return incident(cmd.incidentId) ?? unit(cmd.unitId);
    case 'acknowledge':
    case 'acknowledgeEmergency':
      return unit(cmd.unitId);
    case 'setState':
    case 'note':
      return incident(cmd.incidentId);
    case 'open':
      return outside('the new incident', cmd.district ?? districtAt?.(cmd.lat, cmd.lon));
  }
}

/** Units and incidents of a federation peer are shown read-only: the peer's control room owns them. */
function foreignTarget(cmd: Command, picture: Picture): Refusal {
  const ids: [what: string, origin: string | undefined][] = [];
  if ('unitId' in cmd) ids.push([`unit ${cmd.unitId}`, picture.units[cmd.unitId]?.origin]);
  if ('incidentId' in cmd)
    ids.push([`incident ${cmd.incidentId}`, picture.incidents[cmd.incidentId]?.origin]);
  for (const [what, origin] of ids)
    if (origin !== undefined) {
      const why = `${what} comes from ${origin} (federation) and is read-only here`;
      return { error: `not allowed: ${why}`, why };
    }
  return undefined;
}
