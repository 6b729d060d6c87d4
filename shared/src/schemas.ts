/**
 * Runtime schemas for every payload that crosses a process boundary. Types are inferred from them,
 * so a wire type can never drift from its validation.
 */
import { z } from 'zod';
import { CALL_TYPES, INCIDENT_STATES, UNIT_KINDS, type FmsStatus, type Priority } from './domain.ts';
import { toIdMap } from './idMap.ts';

export const MIN_TIME = Date.UTC(2000, 0, 1);
export const MAX_TIME = Date.UTC(2100, 0, 1);
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export const idSchema = z.string().regex(ID_PATTERN, 'must be 1-64 characters of A-Z a-z 0-9 . _ : -');
/** A federation peer's name as the receiving server calls it (`--federate-name`); prefixes its ids. */
export const PEER_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]{0,23}$/;
export const originSchema = z.string().regex(PEER_NAME_PATTERN, 'must be 1-24 characters of a-z 0-9 . -');

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const TIME_HELP =
  'must be epoch milliseconds or an ISO 8601 date-time with offset, e.g. 2026-11-26T10:00:00Z';

/** Epoch milliseconds, or an ISO 8601 date-time with offset ("2026-11-26T10:00:00Z"). */
export const timeInSchema = z.unknown().transform((v, ctx): number => {
  const ms = typeof v === 'number' ? v : typeof v === 'string' && ISO_DATE_TIME.test(v) ? Date.parse(v) : NaN;
  if (!Number.isInteger(ms)) {
    ctx.addIssue({ code: 'custom', message: TIME_HELP });
    return z.NEVER;
  }
  if (ms < MIN_TIME || ms > MAX_TIME) {
    ctx.addIssue({ code: 'custom', message: 'must be between 2000-01-01 and 2100-01-01' });
    return z.NEVER;
  }
  return ms;
});
export const timeSchema = z.number().int().min(MIN_TIME).max(MAX_TIME);

export const latSchema = z.number().min(-90, 'latitude must be ≥ -90').max(90, 'latitude must be ≤ 90');
export const lonSchema = z.number().min(-180, 'longitude must be ≥ -180').max(180, 'longitude must be ≤ 180');
export const headingSchema = z.number().min(0).max(360);
/** m/s; 150 m/s covers a helicopter. */
export const speedSchema = z.number().min(0).max(150);
export const accuracySchema = z.number().min(0).max(100_000);
export const fmsSchema = z
  .number({ message: 'must be an FMS status 0-9' })
  .int('must be an FMS status 0-9')
  .min(0, 'must be an FMS status 0-9')
  .max(9, 'must be an FMS status 0-9')
  .transform((n) => n as FmsStatus);
export const prioritySchema = z
  .number({ message: 'priority must be 1, 2 or 3' })
  .int('priority must be 1, 2 or 3')
  .min(1, 'priority must be 1, 2 or 3')
  .max(3, 'priority must be 1, 2 or 3')
  .transform((n) => n as Priority);
export const unitKindSchema = z.enum(UNIT_KINDS);
export const callTypeSchema = z.enum(CALL_TYPES);
export const incidentStateSchema = z.enum(INCIDENT_STATES);
const shortText = (max: number) => z.string().trim().min(1).max(max);
export const callsignSchema = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} ./-]{0,31}$/u, 'callsign: letters, digits, space . / -, at most 32');
export const latLonSchema = z.strictObject({ lat: latSchema, lon: lonSchema });
export const callerSchema = z.strictObject({
  name: shortText(120).optional(),
  phone: shortText(40).optional(),
});

// ---- ingest items (what terminals, gateways and the CAD send) ----

export const positionInSchema = z.strictObject({
  unitId: idSchema,
  lat: latSchema,
  lon: lonSchema,
  heading: headingSchema.optional(),
  speed: speedSchema.optional(),
  accuracy: accuracySchema.optional(),
  time: timeInSchema.optional(),
});
export type PositionIn = z.infer<typeof positionInSchema>;

export const statusInSchema = z.strictObject({
  unitId: idSchema,
  status: fmsSchema,
  incidentId: idSchema.optional(),
  time: timeInSchema.optional(),
});
export type StatusIn = z.infer<typeof statusInSchema>;

export const unitInSchema = z.strictObject({
  id: idSchema,
  callsign: callsignSchema,
  kind: unitKindSchema,
  district: shortText(64),
  status: fmsSchema.optional(),
  time: timeInSchema.optional(),
});
export type UnitIn = z.infer<typeof unitInSchema>;

const incidentOpenIn = z.strictObject({
  op: z.literal('open'),
  id: idSchema,
  number: shortText(32).optional(),
  type: callTypeSchema,
  priority: prioritySchema,
  lat: latSchema,
  lon: lonSchema,
  address: shortText(200).optional(),
  district: shortText(64).optional(),
  description: shortText(2000).optional(),
  caller: callerSchema.optional(),
  time: timeInSchema.optional(),
});
const incidentUpdateIn = z.strictObject({
  op: z.literal('update'),
  id: idSchema,
  type: callTypeSchema.optional(),
  priority: prioritySchema.optional(),
  state: incidentStateSchema.optional(),
  lat: latSchema.optional(),
  lon: lonSchema.optional(),
  address: shortText(200).optional(),
  description: shortText(2000).optional(),
  time: timeInSchema.optional(),
});
const incidentAssignIn = z.strictObject({
  op: z.literal('assign'),
  id: idSchema,
  unitId: idSchema,
  time: timeInSchema.optional(),
});
const incidentCloseIn = z.strictObject({
  op: z.literal('close'),
  id: idSchema,
  time: timeInSchema.optional(),
});

/** An item without "op" opens an incident (the common case for a CAD feed). */
export const incidentInSchema = z.preprocess(
  (v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !('op' in v) ? { ...v, op: 'open' } : v,
  z.discriminatedUnion('op', [incidentOpenIn, incidentUpdateIn, incidentAssignIn, incidentCloseIn], {
    message: 'op must be one of open, update, assign, close',
  }),
);
export type IncidentIn = z.infer<typeof incidentInSchema>;

export const INGEST_KINDS = ['units', 'positions', 'status', 'incidents'] as const;
export type IngestKind = (typeof INGEST_KINDS)[number];
export const ingestItemSchemas = {
  units: unitInSchema,
  positions: positionInSchema,
  status: statusInSchema,
  incidents: incidentInSchema,
} as const;

// ---- events (what the log stores and dashboards receive) ----

const base = {
  seq: z.number().int().nonnegative(),
  /** When it happened (epoch ms). */
  time: timeSchema,
  /** When the server received it (epoch ms). */
  received: timeSchema,
  /** Who caused it: an ingest device name or an operator's user name. */
  by: z.string().max(64).optional(),
};

export const unitRegisteredSchema = z.strictObject({
  ...base,
  type: z.literal('unit.registered'),
  unit: z.strictObject({
    id: idSchema,
    callsign: callsignSchema,
    kind: unitKindSchema,
    district: shortText(64),
    status: fmsSchema.optional(),
    /** Set only by the federation adapter: the peer this unit comes from (read-only here, never passed on). */
    origin: originSchema.optional(),
  }),
});
export const unitPositionSchema = z.strictObject({
  ...base,
  type: z.literal('unit.position'),
  unitId: idSchema,
  lat: latSchema,
  lon: lonSchema,
  heading: headingSchema.optional(),
  speed: speedSchema.optional(),
  accuracy: accuracySchema.optional(),
});
export const unitStatusSchema = z.strictObject({
  ...base,
  type: z.literal('unit.status'),
  unitId: idSchema,
  status: fmsSchema,
  incidentId: idSchema.optional(),
});
export const incidentOpenedSchema = z.strictObject({
  ...base,
  type: z.literal('incident.opened'),
  incident: z.strictObject({
    id: idSchema,
    number: shortText(32),
    type: callTypeSchema,
    priority: prioritySchema,
    location: latLonSchema,
    address: shortText(200).optional(),
    district: shortText(64).optional(),
    description: shortText(2000).optional(),
    caller: callerSchema.optional(),
    origin: originSchema.optional(),
  }),
});
export const incidentUpdatedSchema = z.strictObject({
  ...base,
  type: z.literal('incident.updated'),
  incidentId: idSchema,
  patch: z.strictObject({
    type: callTypeSchema.optional(),
    priority: prioritySchema.optional(),
    state: incidentStateSchema.optional(),
    location: latLonSchema.optional(),
    address: shortText(200).optional(),
    description: shortText(2000).optional(),
  }),
});
export const incidentAssignedSchema = z.strictObject({
  ...base,
  type: z.literal('incident.assigned'),
  incidentId: idSchema,
  unitId: idSchema,
});
export const incidentClosedSchema = z.strictObject({
  ...base,
  type: z.literal('incident.closed'),
  incidentId: idSchema,
});
/** An operator acknowledged a speech request or emergency (the "J" answer to status 5 or 0). */
export const unitAcknowledgedSchema = z.strictObject({
  ...base,
  type: z.literal('unit.acknowledged'),
  unitId: idSchema,
});
/** An operator acknowledged a unit's emergency: clears `emergencySince`, whatever the unit's status now. */
export const unitEmergencyAcknowledgedSchema = z.strictObject({
  ...base,
  type: z.literal('unit.emergencyAcknowledged'),
  unitId: idSchema,
});
export const incidentNoteSchema = z.strictObject({
  ...base,
  type: z.literal('incident.note'),
  incidentId: idSchema,
  text: shortText(2000),
});

export const lageEventSchema = z.discriminatedUnion('type', [
  unitRegisteredSchema,
  unitPositionSchema,
  unitStatusSchema,
  incidentOpenedSchema,
  incidentUpdatedSchema,
  incidentAssignedSchema,
  incidentClosedSchema,
  incidentNoteSchema,
  unitAcknowledgedSchema,
  unitEmergencyAcknowledgedSchema,
]);
export type LageEvent = z.infer<typeof lageEventSchema>;
export type LageEventType = LageEvent['type'];
export type EventOf<T extends LageEventType> = Extract<LageEvent, { type: T }>;
/** An event before the server has stamped it with seq and received time. */
export type NewEvent = LageEvent extends infer E
  ? E extends LageEvent
    ? Omit<E, 'seq' | 'received'>
    : never
  : never;

/** Turns a zod error into one line per problem: "lat: latitude must be ≤ 90". */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
}

// ---- the picture (snapshots) ----

export const positionSchema = z.object({
  lat: latSchema,
  lon: lonSchema,
  heading: headingSchema.optional(),
  speed: speedSchema.optional(),
  accuracy: accuracySchema.optional(),
  time: timeSchema,
});
export const unitSchema = z.object({
  id: idSchema,
  callsign: callsignSchema,
  kind: unitKindSchema,
  district: z.string().max(64),
  status: fmsSchema,
  statusSince: timeSchema,
  position: positionSchema.optional(),
  incidentId: idSchema.optional(),
  acknowledgedAt: timeSchema.optional(),
  emergencySince: timeSchema.optional(),
  origin: originSchema.optional(),
});
export const incidentSchema = z.object({
  id: idSchema,
  number: z.string().max(32),
  type: callTypeSchema,
  priority: prioritySchema,
  state: incidentStateSchema,
  location: latLonSchema,
  address: z.string().max(200).optional(),
  district: z.string().max(64).optional(),
  description: z.string().max(2000).optional(),
  times: z.object({
    opened: timeSchema,
    dispatched: timeSchema.optional(),
    firstOnScene: timeSchema.optional(),
    closed: timeSchema.optional(),
  }),
  units: z.array(idSchema),
  caller: callerSchema.optional(),
  notes: z.array(z.object({ time: timeSchema, author: z.string().max(64), text: z.string().max(2000) })),
  origin: originSchema.optional(),
});
export const pictureSchema = z.object({
  seq: z.number().int().nonnegative(),
  // Prototype-free maps (idMap.ts): a picture read from JSON is as safe to index as a folded one.
  units: z.record(z.string(), unitSchema).transform(toIdMap),
  incidents: z.record(z.string(), incidentSchema).transform(toIdMap),
});
