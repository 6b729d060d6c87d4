/**
 * The events most of an import consists of (status changes, closings, openings), stamped as the
 * shared schema would stamp them but checked by hand: the full zod parse costs several times the
 * rest of an event's way into the log. Each builder returns undefined when a field is anything but
 * plainly valid; toDraft then runs the schema, which either says why or stamps the unusual but
 * valid value (a string to be trimmed, a caller). Key order is the order each kind had in the log
 * before (plainEvents.test.ts compares the JSON with the schema's output), so datasets stay the same.
 */
import { CALL_TYPES } from '#shared/domain';
import { ID_PATTERN, MAX_TIME, MIN_TIME, type EventOf, type LageEvent, type NewEvent } from '#shared/schemas';

/** Who caused imported events, in the events' "by" field. */
export const IMPORT_BY = 'import';

const timeOk = (t: number) => Number.isSafeInteger(t) && t >= MIN_TIME && t <= MAX_TIME;
const isId = (v: unknown): v is string => typeof v === 'string' && ID_PATTERN.test(v);
/** shortText of the schema without its trim: text that the trim would change goes the slow way. */
const textOk = (v: unknown, max: number) =>
  typeof v === 'string' && v.length >= 1 && v.length <= max && v.trim().length === v.length;
const optionalTextOk = (v: unknown, max: number) => v === undefined || textOk(v, max);
const callTypes: ReadonlySet<string> = new Set(CALL_TYPES);

/** A unit's status change; incidentId may be undefined (then the key is left out). */
export function plainStatus(
  time: number,
  received: number,
  unitId: string,
  status: number,
  incidentId: string | undefined,
): LageEvent | undefined {
  if (!timeOk(time) || !timeOk(received) || !isId(unitId)) return undefined;
  if (!Number.isInteger(status) || status < 0 || status > 9) return undefined;
  if (incidentId === undefined)
    return { seq: 0, type: 'unit.status', time, received, by: IMPORT_BY, unitId, status: status as 0 };
  if (!isId(incidentId)) return undefined;
  return {
    seq: 0,
    type: 'unit.status',
    time,
    received,
    by: IMPORT_BY,
    unitId,
    status: status as 0,
    incidentId,
  };
}

export function plainClosed(time: number, received: number, incidentId: string): LageEvent | undefined {
  if (!timeOk(time) || !timeOk(received) || !isId(incidentId)) return undefined;
  return { seq: 0, type: 'incident.closed', time, received, by: IMPORT_BY, incidentId };
}

type Opened = EventOf<'incident.opened'>['incident'];
const OPENED_KEYS = new Set([
  'id',
  'number',
  'type',
  'priority',
  'location',
  'address',
  'district',
  'description',
]);

/** An opening whose incident has only the fields an import gives (no caller, no origin). */
export function plainOpened(time: number, received: number, i: Opened): LageEvent | undefined {
  if (!timeOk(time) || !timeOk(received) || !isId(i.id) || !textOk(i.number, 32)) return undefined;
  if (!callTypes.has(i.type) || !(i.priority === 1 || i.priority === 2 || i.priority === 3)) return undefined;
  const { lat, lon } = i.location;
  if (!(Number.isFinite(lat) && lat >= -90 && lat <= 90 && Number.isFinite(lon) && lon >= -180 && lon <= 180))
    return undefined;
  if (Object.keys(i.location).length !== 2) return undefined;
  if (
    !optionalTextOk(i.address, 200) ||
    !optionalTextOk(i.district, 64) ||
    !optionalTextOk(i.description, 2000)
  )
    return undefined;
  for (const key of Object.keys(i)) if (!OPENED_KEYS.has(key)) return undefined;
  const incident: Opened = {
    id: i.id,
    number: i.number,
    type: i.type,
    priority: i.priority,
    location: { lat, lon },
  };
  if (i.address !== undefined) incident.address = i.address;
  if (i.district !== undefined) incident.district = i.district;
  if (i.description !== undefined) incident.description = i.description;
  return { seq: 0, time, received, by: IMPORT_BY, type: 'incident.opened', incident };
}

/** The event stamped by hand, or undefined when it must go through the schema. */
export function plainEvent(e: NewEvent, received: number): LageEvent | undefined {
  if (e.by !== undefined) return undefined;
  switch (e.type) {
    case 'unit.status':
      if (Object.keys(e).length !== (Object.hasOwn(e, 'incidentId') ? 5 : 4)) return undefined;
      return plainStatus(e.time, received, e.unitId, e.status, e.incidentId);
    case 'incident.closed':
      if (Object.keys(e).length !== 3) return undefined;
      return plainClosed(e.time, received, e.incidentId);
    case 'incident.opened':
      if (Object.keys(e).length !== 3) return undefined;
      return plainOpened(e.time, received, e.incident);
    default:
      return undefined;
  }
}
