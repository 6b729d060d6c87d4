/** Test helpers for federation: a sharing server with a policy and a device, waiting for conditions. */
import fs from 'node:fs';
import path from 'node:path';
import { idMap } from '#shared/idMap';
import type { LageServer } from '../app.ts';
import type { ServerConfig } from '../config.ts';
import { UserStore } from '../security/users.ts';
import { startTestServer, tempDir } from './harness.ts';

export async function until(
  what: string,
  ok: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A data dir prepared for sharing: the settings file with the policies (audit summaries every
 * second) and a federation device per peer; returns the devices' tokens.
 */
export function prepareSharing(dataDir: string, share: Record<string, unknown>): Record<string, string> {
  fs.writeFileSync(
    path.join(dataDir, 'settings.json'),
    JSON.stringify({ federation: { share, auditEverySeconds: 1 } }),
  );
  const users = UserStore.load(dataDir);
  const tokens: Record<string, string> = idMap();
  for (const device of Object.keys(share)) tokens[device] = users.addDevice(device, ['federation']);
  return tokens;
}

/** A started in-process server whose data dir shares with `share`'s devices. */
export async function startSharing(
  share: Record<string, unknown>,
  overrides: Partial<ServerConfig> = {},
): Promise<{ server: LageServer; tokens: Record<string, string>; dataDir: string }> {
  const dataDir = tempDir('lagebild-fed-');
  const tokens = prepareSharing(dataDir, share);
  const server = await startTestServer(overrides, dataDir);
  return { server, tokens, dataDir };
}
