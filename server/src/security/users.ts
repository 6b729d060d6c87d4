/**
 * Users (people, with passwords) and devices (terminals and gateways, with tokens) from
 * `<data-dir>/users.json`, written with user-only permissions. Only hashes are stored.
 * Administrators change it with `npm run users` (usersCli.ts); a running server notices a changed
 * file (refresh(): a stat per call) and keeps what it had when the new file is not valid.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '#shared/roles';
import { idSchema } from '#shared/schemas';
import { hashPassword, verifyPassword } from './passwords.ts';

export interface Principal {
  name: string;
  roles: Role[];
  /** Operators may be limited to districts; undefined = all. */
  districts?: string[];
  kind: 'user' | 'device';
  /** A device bound to one unit (`add-device … --unit`) may only report that unit. */
  unit?: string;
}

export const nameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'names are 2-32 characters a-z 0-9 . _ -');
const fileSchema = z.strictObject({
  users: z.array(
    z.strictObject({
      name: nameSchema,
      password: z.string().startsWith('scrypt$'),
      roles: z.array(z.enum(ROLES)).min(1),
      districts: z.array(z.string().min(1).max(64)).optional(),
    }),
  ),
  devices: z.array(
    z.strictObject({
      name: nameSchema,
      tokenSha256: z.string().regex(/^[0-9a-f]{64}$/),
      roles: z.array(z.enum(ROLES)).min(1),
      unit: idSchema.optional(),
    }),
  ),
});
type UsersFile = z.infer<typeof fileSchema>;
type UserEntry = UsersFile['users'][number];

/** What changed between two versions of the file, by name (for the audit; never hashes). */
export interface UsersDiff {
  users: { added: string[]; removed: string[]; changed: string[] };
  devices: { added: string[]; removed: string[]; changed: string[] };
}

/** A user or device as `npm run users -- list` shows it: no hashes. */
export interface Listed {
  name: string;
  kind: 'user' | 'device';
  roles: Role[];
  districts?: string[];
  /** Devices: the unit they are bound to. */
  unit?: string;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// Verifying an unknown user costs the same as a known one, so timing does not reveal names.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const sameSet = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean => {
  if (a === undefined || b === undefined) return a === b;
  const sa = [...a].sort();
  const sb = [...b].sort();
  return sa.length === sb.length && sa.every((x, i) => x === sb[i]);
};

/** Same name, kind, roles and districts (order does not matter). */
export const samePrincipal = (a: Principal, b: Principal): boolean =>
  a.name === b.name && a.kind === b.kind && sameSet(a.roles, b.roles) && sameSet(a.districts, b.districts);

const userPrincipal = (user: UserEntry): Principal => ({
  name: user.name,
  roles: user.roles,
  ...(user.districts ? { districts: user.districts } : {}),
  kind: 'user',
});

/** Identifies the file's version: a write (tmp + rename) gives a new inode, an edit a new size or mtime. */
function versionOf(file: string): string {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  return st ? `${st.ino}:${st.size}:${st.mtimeMs}` : 'missing';
}

function parseFile(file: string): UsersFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} is not a valid users file: ${(e as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
    throw new Error(`${file} is not a valid users file: ${issue?.message}${where}`);
  }
  return parsed.data;
}

function diff(before: UsersFile, after: UsersFile): UsersDiff {
  const compare = <T extends { name: string }>(a: T[], b: T[]) => {
    const old = new Map(a.map((e) => [e.name, JSON.stringify(e)]));
    const now = new Map(b.map((e) => [e.name, JSON.stringify(e)]));
    return {
      added: [...now.keys()].filter((n) => !old.has(n)),
      removed: [...old.keys()].filter((n) => !now.has(n)),
      changed: [...now.keys()].filter((n) => old.has(n) && old.get(n) !== now.get(n)),
    };
  };
  return { users: compare(before.users, after.users), devices: compare(before.devices, after.devices) };
}

export class UserStore {
  private readonly listeners = new Set<(diff: UsersDiff) => void>();
  /** The version of the file whose content `data` holds (or that was found invalid last). */
  private version: string;
  private badVersion: string | undefined;

  private constructor(
    private readonly file: string,
    private data: UsersFile,
  ) {
    this.version = versionOf(file);
  }

  /** Reads `<dataDir>/users.json` (none yet: no users); throws when it is not valid. */
  static load(dataDir: string): UserStore {
    const file = path.join(dataDir, 'users.json');
    if (!fs.existsSync(file)) return new UserStore(file, { users: [], devices: [] });
    return new UserStore(file, parseFile(file));
  }

  /**
   * Re-reads the file when it changed since it was read (one stat when it did not). A file that is
   * missing or not valid leaves the users as they were and logs one error per bad version.
   * Returns what changed, and tells the listeners.
   */
  refresh(): UsersDiff | undefined {
    const version = versionOf(this.file);
    if (version === this.version || version === this.badVersion) return undefined;
    let next: UsersFile;
    try {
      if (version === 'missing') throw new Error(`${this.file} was removed`);
      next = parseFile(this.file);
    } catch (e) {
      this.badVersion = version;
      console.error(
        `lagebild: users file not reloaded, the users and devices loaded before stay in force: ${(e as Error).message}`,
      );
      return undefined;
    }
    const changes = diff(this.data, next);
    this.data = next;
    this.version = version;
    this.badVersion = undefined;
    for (const l of this.listeners) l(changes);
    return changes;
  }

  /** Called with what changed whenever refresh() took in a new version of the file. */
  onChange(listener: (diff: UsersDiff) => void): void {
    this.listeners.add(listener);
  }

  get isEmpty(): boolean {
    return this.data.users.length === 0;
  }

  /** Users and devices without their hashes, users first, each sorted by name. */
  list(): Listed[] {
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    return [
      ...[...this.data.users].sort(byName).map((u) => userPrincipal(u)),
      ...[...this.data.devices].sort(byName).map((d) => ({
        name: d.name,
        kind: 'device' as const,
        roles: d.roles,
        ...(d.unit ? { unit: d.unit } : {}),
      })),
    ];
  }

  hasUser(name: string): boolean {
    return this.data.users.some((u) => u.name === name);
  }

  hasDevice(name: string): boolean {
    return this.data.devices.some((d) => d.name === name);
  }

  async authenticate(name: string, password: string): Promise<Principal | undefined> {
    const user = this.data.users.find((u) => u.name === name);
    const ok = await verifyPassword(password, user?.password ?? DUMMY_HASH);
    if (!user || !ok) return undefined;
    return userPrincipal(user);
  }

  /** The principal of a user by name, without a password (one-time links for a known user). */
  principal(name: string): Principal | undefined {
    const user = this.data.users.find((u) => u.name === name);
    return user ? userPrincipal(user) : undefined;
  }

  /** Is this principal exactly a user of the file (name, roles, districts)? */
  matches(principal: Principal): boolean {
    const user = principal.kind === 'user' ? this.principal(principal.name) : undefined;
    return !!user && samePrincipal(user, principal);
  }

  /** A device by its name: a TAK client's certificate names its device (ingest/cotServer.ts). */
  deviceByName(name: string): Principal | undefined {
    const device = this.data.devices.find((d) => d.name === name);
    if (!device) return undefined;
    return {
      name: device.name,
      roles: device.roles,
      kind: 'device',
      ...(device.unit ? { unit: device.unit } : {}),
    };
  }

  authenticateDevice(token: string): Principal | undefined {
    return this.deviceByDigest(sha256(token));
  }

  /** The device whose token has this SHA-256 (hex), if it is still in the file. */
  deviceByDigest(digestHex: string): Principal | undefined {
    const digest = Buffer.from(digestHex, 'hex');
    if (digest.length !== 32) return undefined;
    const device = this.data.devices.find((d) => timingSafeEqual(Buffer.from(d.tokenSha256, 'hex'), digest));
    if (!device) return undefined;
    return {
      name: device.name,
      roles: device.roles,
      kind: 'device',
      ...(device.unit ? { unit: device.unit } : {}),
    };
  }

  /** Adds a user, or replaces the one of that name. */
  async addUser(name: string, password: string, roles: Role[], districts?: string[]): Promise<void> {
    nameSchema.parse(name);
    const entry = {
      name,
      password: await hashPassword(password),
      roles,
      ...(districts ? { districts } : {}),
    };
    this.write({ ...this.data, users: [...this.data.users.filter((u) => u.name !== name), entry] });
  }

  async setPassword(name: string, password: string): Promise<void> {
    const hash = await hashPassword(password);
    this.write({
      ...this.data,
      users: this.data.users.map((u) => (u.name === name ? { ...u, password: hash } : u)),
    });
  }

  /**
   * New roles for a user or device; districts (users only): a list limits the user to them, null
   * lifts the limit, undefined keeps what the user had.
   */
  setRoles(name: string, roles: Role[], districts?: string[] | null): void {
    const users = this.data.users.map((u) => {
      if (u.name !== name) return u;
      const { districts: old, ...rest } = u;
      const next = districts === undefined ? old : (districts ?? undefined);
      return { ...rest, roles, ...(next ? { districts: next } : {}) };
    });
    const devices = this.data.devices.map((d) => (d.name === name ? { ...d, roles } : d));
    this.write({ users, devices });
  }

  removeUser(name: string): void {
    this.write({ ...this.data, users: this.data.users.filter((u) => u.name !== name) });
  }

  /**
   * Creates a device and returns its token (shown once, stored only as a hash). With `unit`, the
   * device may only report that unit (a tracker or phone in one car: OsmAnd/Traccar, ingest API).
   */
  addDevice(
    name: string,
    roles: Role[] = ['ingest'],
    token = randomBytes(24).toString('base64url'),
    unit?: string,
  ): string {
    nameSchema.parse(name);
    this.write({
      ...this.data,
      devices: [
        ...this.data.devices.filter((d) => d.name !== name),
        { name, tokenSha256: sha256(token), roles, ...(unit !== undefined ? { unit } : {}) },
      ],
    });
    return token;
  }

  removeDevice(name: string): void {
    this.write({ ...this.data, devices: this.data.devices.filter((d) => d.name !== name) });
  }

  /** The whole content as JSON text (hashes included): what several nodes share (cluster/sharedUsers.ts). */
  content(): string {
    return JSON.stringify(this.data);
  }

  /**
   * Takes in content from elsewhere (another node, through PostgreSQL): checked, written to the
   * file and announced to the listeners like a changed file. Throws when it is not valid.
   */
  replace(text: string): UsersDiff {
    const next = fileSchema.parse(JSON.parse(text));
    const changes = diff(this.data, next);
    this.write(next);
    for (const l of this.listeners) l(changes);
    return changes;
  }

  /** Checks the new content against the file's schema, then writes it (tmp + rename, 0600). */
  private write(next: UsersFile): void {
    const checked = fileSchema.parse(next);
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(tmp, JSON.stringify(checked, null, 2), { mode: 0o600 });
      fs.renameSync(tmp, this.file);
    } catch (e) {
      fs.rmSync(tmp, { force: true });
      throw e;
    }
    this.data = checked;
    this.version = versionOf(this.file);
    this.badVersion = undefined;
  }
}
