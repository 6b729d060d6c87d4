/**
 * The embedded default: on first start (no users yet) the server creates one local user with a
 * generated password and keeps the credential in `<data-dir>/local-credential.json` (0600), where
 * the Electron app on the same machine reads it to sign itself in. The password is never printed.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { UserStore } from './users.ts';

export const LOCAL_USER = 'leitstelle';
export const CREDENTIAL_FILE = 'local-credential.json';

export interface LocalCredential {
  user: string;
  password: string;
}

/** Creates the local user when there are no users at all; returns the credential if it exists. */
export async function ensureLocalUser(
  users: UserStore,
  dataDir: string,
): Promise<LocalCredential | undefined> {
  const file = path.join(dataDir, CREDENTIAL_FILE);
  if (users.isEmpty) {
    const credential = { user: LOCAL_USER, password: randomBytes(24).toString('base64url') };
    await users.addUser(credential.user, credential.password, ['operator', 'admin']);
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(credential, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, file);
    return credential;
  }
  return readLocalCredential(dataDir);
}

export function readLocalCredential(dataDir: string): LocalCredential | undefined {
  try {
    const raw = JSON.parse(
      fs.readFileSync(path.join(dataDir, CREDENTIAL_FILE), 'utf8'),
    ) as Partial<LocalCredential>;
    return typeof raw.user === 'string' && typeof raw.password === 'string'
      ? { user: raw.user, password: raw.password }
      : undefined;
  } catch {
    return undefined;
  }
}
