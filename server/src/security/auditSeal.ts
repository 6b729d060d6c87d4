/**
 * The audit seal: an HMAC-SHA256 key kept OUTSIDE the data dir. Every audit entry, the anchor file
 * and the start of the chain after expiry carry an HMAC of their hash under this key, so someone
 * who can write the data dir (but not the key) cannot append entries with recomputed hashes,
 * truncate the tail and rewrite the anchor, or delete old entries: `npm run audit:verify` needs the
 * key and finds each of these. Threat model: docs/security.md#audit-seal.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class AuditKeyError extends Error {}

/** `--audit-key` / LAGEBILD_AUDIT_KEY, else `$XDG_CONFIG_HOME/lagebild/audit.key` (~/.config/…). */
export function defaultAuditKeyFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env['LAGEBILD_AUDIT_KEY']) return path.resolve(env['LAGEBILD_AUDIT_KEY']);
  const config = env['XDG_CONFIG_HOME'] || path.join(os.homedir(), '.config');
  return path.join(config, 'lagebild', 'audit.key');
}

export type AuditKey = Buffer;

/** Refuses a key file inside the data dir: a key beside the log it seals protects nothing. */
export function checkKeyPlace(keyFile: string, dataDir: string): void {
  const rel = path.relative(path.resolve(dataDir), path.resolve(keyFile));
  if (!rel.startsWith('..') && !path.isAbsolute(rel))
    throw new AuditKeyError(
      `the audit key ${keyFile} is inside the data dir ${dataDir}; keep it outside (--audit-key / LAGEBILD_AUDIT_KEY)`,
    );
}

/** Reads the key (64 hex characters); undefined when the file does not exist. */
export function readAuditKey(keyFile: string): AuditKey | undefined {
  let text: string;
  try {
    text = fs.readFileSync(keyFile, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AuditKeyError(`cannot read the audit key ${keyFile}: ${(err as Error).message}`);
  }
  if (!/^[0-9a-f]{64}$/.test(text))
    throw new AuditKeyError(`the audit key ${keyFile} is not 64 hexadecimal characters`);
  return Buffer.from(text, 'hex');
}

/**
 * Creates a new key (0600, its directory 0700). Written to a temporary file and linked into place,
 * so two processes starting at once end up with one key, and a reader never sees half a key.
 */
export function createAuditKey(keyFile: string): AuditKey {
  fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
  const tmp = `${keyFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  try {
    fs.linkSync(tmp, keyFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return readAuditKey(keyFile) as AuditKey;
}

/** The seal of an entry (`entry`), the anchor (`anchor`) or the chain's start after expiry (`base`). */
export function seal(key: AuditKey, kind: 'entry' | 'anchor' | 'base', id: number, hash: string): string {
  return createHmac('sha256', key).update(`${kind}:${id}:${hash}`).digest('hex');
}

export function sealMatches(
  key: AuditKey,
  kind: 'entry' | 'anchor' | 'base',
  id: number,
  hash: string,
  given: string | null | undefined,
): boolean {
  if (typeof given !== 'string' || !/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(seal(key, kind, id, hash), 'hex'), Buffer.from(given, 'hex'));
}
