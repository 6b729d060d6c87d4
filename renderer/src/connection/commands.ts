/**
 * Operator commands to the server over the live socket (the socket itself stays in liveClient.ts,
 * which plugs in the channel). Every command is checked against the shared schema before it leaves
 * and every answer is checked before the UI believes it; failures come back as a refusal with a
 * code the UI translates, never as an exception.
 */
import { z } from 'zod';
import { commandSchema, type Command, type CommandAck } from '#shared/commands';
import { describeIssues } from '#shared/schemas';

export const COMMAND_TIMEOUT_MS = 5_000;

/** Why a command failed on this side; a refusal by the server has no code and carries its reason. */
export type LocalFailure = 'offline' | 'timeout' | 'invalid' | 'badAnswer';
export type CommandResult = CommandAck | { ok: false; error: string; code: LocalFailure };

export interface CommandChannel {
  connected(): boolean;
  /** Sends and resolves with the server's raw answer; rejects after the timeout. */
  send(cmd: Command, timeoutMs: number): Promise<unknown>;
}

let channel: CommandChannel | null = null;

export function setCommandChannel(next: CommandChannel | null): void {
  channel = next;
}

const ackSchema = z.union([
  z.object({ ok: z.literal(true), seq: z.number().int().nonnegative(), incidentId: z.string().optional() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

export async function sendCommand(cmd: Command): Promise<CommandResult> {
  const parsed = commandSchema.safeParse(cmd);
  if (!parsed.success) return { ok: false, code: 'invalid', error: describeIssues(parsed.error).join('; ') };
  if (!channel || !channel.connected()) return { ok: false, code: 'offline', error: 'not connected' };
  let raw: unknown;
  try {
    raw = await channel.send(parsed.data, COMMAND_TIMEOUT_MS);
  } catch (e) {
    return { ok: false, code: 'timeout', error: e instanceof Error ? e.message : String(e) };
  }
  const ack = ackSchema.safeParse(raw);
  if (!ack.success) return { ok: false, code: 'badAnswer', error: describeIssues(ack.error).join('; ') };
  const a = ack.data;
  if (!a.ok) return { ok: false, error: a.error };
  return a.incidentId === undefined
    ? { ok: true, seq: a.seq }
    : { ok: true, seq: a.seq, incidentId: a.incidentId };
}
