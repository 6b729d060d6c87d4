/**
 * The Socket.IO protocol between server and dashboards/terminals. Typed event maps give
 * compile-time help only; every payload is validated at the receiving boundary with these schemas.
 */
import { z } from 'zod';
import { lageEventSchema, pictureSchema, type IngestKind, type LageEvent } from './schemas.ts';
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
export const batchSchema = z.object({
  from: z.number().int().positive(),
  to: z.number().int().nonnegative(),
  events: z.array(lageEventSchema),
  /** Server clock when sent. */
  now: z.number(),
});
export type Batch = z.infer<typeof batchSchema>;

export interface SnapshotMessage {
  picture: Picture;
  info: ServerInfo;
}

/** Handshake auth of the live namespace: the last seq the dashboard holds, to resume without gaps. */
export const liveAuthSchema = z.object({ lastSeq: z.number().int().nonnegative().optional() }).passthrough();

export interface LiveServerToClient {
  snapshot: (msg: SnapshotMessage) => void;
  batch: (batch: Batch) => void;
}
export interface LiveClientToServer {
  /** Ask for everything after lastSeq again (after a detected gap). */
  resync: (lastSeq: number) => void;
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
};
export interface IngestServerToClient {
  /** Sent to a terminal when something concerns its unit (e.g. speech request acknowledged). */
  notify: (msg: { unitId: string; event: LageEvent }) => void;
}

export const snapshotMessageSchema = z.object({ picture: pictureSchema, info: serverInfoSchema });
