/**
 * Operator commands, sent by dashboards over the live namespace. The server validates each one,
 * turns it into events recorded with the operator's name, and acknowledges after the commit.
 */
import { z } from 'zod';
import {
  callTypeSchema,
  idSchema,
  incidentStateSchema,
  latSchema,
  lonSchema,
  prioritySchema,
} from './schemas.ts';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const commandSchema = z.discriminatedUnion(
  'cmd',
  [
    z.strictObject({ cmd: z.literal('assign'), incidentId: idSchema, unitId: idSchema }),
    z.strictObject({ cmd: z.literal('acknowledge'), unitId: idSchema }),
    z.strictObject({ cmd: z.literal('acknowledgeEmergency'), unitId: idSchema }),
    z.strictObject({ cmd: z.literal('setState'), incidentId: idSchema, state: incidentStateSchema }),
    z.strictObject({
      cmd: z.literal('open'),
      type: callTypeSchema,
      priority: prioritySchema,
      lat: latSchema,
      lon: lonSchema,
      address: text(200).optional(),
      district: text(64).optional(),
      description: text(2000).optional(),
    }),
    z.strictObject({ cmd: z.literal('note'), incidentId: idSchema, text: text(2000) }),
  ],
  { message: 'cmd must be one of assign, acknowledge, acknowledgeEmergency, setState, open, note' },
);
export type Command = z.infer<typeof commandSchema>;

export type CommandAck = { ok: true; seq: number; incidentId?: string } | { ok: false; error: string };
