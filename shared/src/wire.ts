/**
 * The Socket.IO protocol between server and dashboards/terminals. Typed event maps give
 * compile-time help only; every payload is validated at the receiving boundary with these schemas.
 */
import { z } from 'zod';
import type { CommandAck } from './commands.ts';
import {
  accuracySchema,
  headingSchema,
  idSchema,
  lageEventSchema,
  latSchema,
  lonSchema,
  pictureSchema,
  speedSchema,
  timeSchema,
  type EventOf,
  type IngestKind,
  type LageEvent,
} from './schemas.ts';
import type { Picture } from './picture.ts';

export const PROTOCOL_VERSION = 1;
export const LIVE_NAMESPACE = '/live';
export const INGEST_NAMESPACE = '/ingest';

/** Server facts a dashboard needs to interpret the picture. */
export const serverInfoSchema = z.object({
  protocol: z.number().int(),
  staleAfterMs: z.number().int().positive(),
  batchMs: z.number().int().positive(),
  /** Server clock when sent, for the lag display. */
  now: z.number(),
});
export type ServerInfo = z.infer<typeof serverInfoSchema>;

/**
 * A contiguous run of the log: covers every seq in from..to. Position events may have been
 * coalesced away (only a unit's latest position in the run is sent); all other events are present.
 */
export interface Batch {
  from: number;
  to: number;
  events: LageEvent[];
  /** Server clock when sent. */
  now: number;
}

/**
 * On the wire, positions (nearly all of the traffic) travel as compact tuples
 * [seq, unitId, lat, lon, time, heading, speed, accuracy] (null for absent values), about a third of
 * the bytes of the event objects. Who sent them and when they were received stay in the log only:
 * decoded live positions carry received = time and no `by` (the picture uses neither).
 */
const positionTupleSchema = z.tuple([
  z.number().int().positive(),
  idSchema,
  latSchema,
  lonSchema,
  timeSchema,
  headingSchema.nullable(),
  speedSchema.nullable(),
  accuracySchema.nullable(),
]);
type PositionTuple = z.infer<typeof positionTupleSchema>;
export interface WireBatch {
  from: number;
  to: number;
  now: number;
  events: LageEvent[];
  positions: PositionTuple[];
}

export function encodeBatch(batch: Batch): WireBatch {
  const events: LageEvent[] = [];
  const positions: PositionTuple[] = [];
  for (const e of batch.events) {
    if (e.type !== 'unit.position') events.push(e);
    else
      positions.push([
        e.seq,
        e.unitId,
        e.lat,
        e.lon,
        e.time,
        e.heading ?? null,
        e.speed ?? null,
        e.accuracy ?? null,
      ]);
  }
  return { from: batch.from, to: batch.to, now: batch.now, events, positions };
}

/** Restores log order by merging the positions back between the other events by seq. */
export function decodeBatch(wire: WireBatch): Batch {
  const out: LageEvent[] = [];
  const { events, positions } = wire;
  let i = 0;
  for (const [seq, unitId, lat, lon, time, heading, speed, accuracy] of positions) {
    while (i < events.length && events[i]!.seq < seq) out.push(events[i++]!);
    const e: EventOf<'unit.position'> = {
      seq,
      time,
      received: time,
      type: 'unit.position',
      unitId,
      lat,
      lon,
    };
    if (heading !== null) e.heading = heading;
    if (speed !== null) e.speed = speed;
    if (accuracy !== null) e.accuracy = accuracy;
    out.push(e);
  }
  while (i < events.length) out.push(events[i++]!);
  return { from: wire.from, to: wire.to, now: wire.now, events: out };
}

/** Validates a wire batch and decodes it into a Batch in log order. */
export const batchSchema = z
  .object({
    from: z.number().int().positive(),
    to: z.number().int().nonnegative(),
    now: z.number(),
    events: z.array(lageEventSchema),
    positions: z.array(positionTupleSchema).default([]),
  })
  .transform((w) => decodeBatch(w as WireBatch));

export interface SnapshotMessage {
  picture: Picture;
  info: ServerInfo;
}

/** Handshake auth of the live namespace: the last seq the dashboard holds, to resume without gaps. */
export const liveAuthSchema = z
  .object({
    lastSeq: z.number().int().nonnegative().optional(),
    view: z.enum(['operator', 'wall']).optional(),
  })
  .passthrough();

/**
 * Sent to every live dashboard (walls included) after the basemap settings were changed and the
 * server serves the new basemap: fetch the basemap summary and style again. `changedAt` is the
 * server clock when the change took effect; the message carries nothing else (no user, no entry).
 */
export const basemapChangedSchema = z.object({ changedAt: timeSchema });
export type BasemapChanged = z.infer<typeof basemapChangedSchema>;

export interface LiveServerToClient {
  snapshot: (msg: SnapshotMessage) => void;
  batch: (batch: WireBatch) => void;
  basemapChanged: (msg: BasemapChanged) => void;
  /**
   * The socket's session ended (sign-out, expiry, the user removed); the server disconnects it right
   * after. The dashboard shows the sign-in instead of reconnecting.
   */
  signedOut: () => void;
}
export interface LiveClientToServer {
  /** Ask for everything after lastSeq again (after a detected gap). */
  resync: (lastSeq: number) => void;
  /** An operator command (shared/src/commands.ts); acknowledged after the commit or refused. */
  command: (cmd: unknown, ack: (res: CommandAck) => void) => void;
}

export type IngestAck =
  | { ok: true; accepted: number; seq: number }
  | { ok: false; status: number; error: string; items?: ItemError[] };
export interface ItemError {
  index: number;
  errors: string[];
}

export type IngestClientToServer = {
  [K in IngestKind]: (items: unknown, ack: (res: IngestAck) => void) => void;
} & {
  /** TETRA gateway items `{issi, time?, lip | status}` (docs/interop.md), answered like the kinds. */
  tetra: (items: unknown, ack: (res: IngestAck) => void) => void;
  /** A terminal names its unit(s) to get notifications for them; a gateway subscribes to "*". */
  subscribe: (unitIds: unknown, ack?: (res: { ok: boolean; error?: string }) => void) => void;
};
export interface IngestServerToClient {
  /** Sent to a terminal when something concerns its unit (e.g. speech request acknowledged). */
  notify: (msg: { unitId: string; event: LageEvent }) => void;
  /** The device or user behind the socket was removed or lost ingest rights; it is disconnected next. */
  signedOut: () => void;
}

export const snapshotMessageSchema = z.object({ picture: pictureSchema, info: serverInfoSchema });
