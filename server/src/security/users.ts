/**
 * Users (people, with passwords) and devices (terminals and gateways, with tokens) from
 * `<data-dir>/users.json`, written with user-only permissions. Only hashes are stored.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '#shared/roles';
import { hashPassword, verifyPassword } from './passwords.ts';

export interface Principal {
  name: string;
  roles: Role[];
  /** Operators may be limited to districts; undefined = all. */
  districts?: string[];
  kind: 'user' | 'device';
}

const nameSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'names are 2-32 characters a-z 0-9 . _ -');
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
    }),
  ),
});
type UsersFile = z.infer<typeof fileSchema>;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
// Verifying an unknown user costs the same as a known one, so timing does not reveal names.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export class UserStore {
  private constructor(
    private readonly file: string,
    private data: UsersFile,
  ) {}

  static load(dataDir: string): UserStore {
    const file = path.join(dataDir, 'users.json');
    if (!fs.existsSync(file)) return new UserStore(file, { users: [], devices: [] });
    const parsed = fileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success)
      throw new Error(`${file} is not a valid users file: ${parsed.error.issues[0]?.message}`);
    return new UserStore(file, parsed.data);
  }

  get isEmpty(): boolean {
    return this.data.users.length === 0;
  }

  async authenticate(name: string, password: string): Promise<Principal | undefined> {
    const user = this.data.users.find((u) => u.name === name);
    const ok = await verifyPassword(password, user?.password ?? DUMMY_HASH);
    if (!user || !ok) return undefined;
    return {
      name: user.name,
      roles: user.roles,
      ...(user.districts ? { districts: user.districts } : {}),
      kind: 'user',
    };
  }

  /** The principal of a user by name, without a password (one-time links for a known user). */
  principal(name: string): Principal | undefined {
    const user = this.data.users.find((u) => u.name === name);
    if (!user) return undefined;
    return {
      name: user.name,
      roles: user.roles,
      ...(user.districts ? { districts: user.districts } : {}),
      kind: 'user',
    };
  }

  authenticateDevice(token: string): Principal | undefined {
    const digest = Buffer.from(sha256(token), 'hex');
    const device = this.data.devices.find((d) => timingSafeEqual(Buffer.from(d.tokenSha256, 'hex'), digest));
    return device ? { name: device.name, roles: device.roles, kind: 'device' } : undefined;
  }

  async addUser(name: string, password: string, roles: Role[], districts?: string[]): Promise<void> {
    nameSchema.parse(name);
    const entry = {
      name,
      password: await hashPassword(password),
      roles,
      ...(districts ? { districts } : {}),
    };
    this.data.users = [...this.data.users.filter((u) => u.name !== name), entry];
    this.save();
  }

  /** Creates a device and returns its token (shown once, stored only as a hash). */
  addDevice(name: string, roles: Role[] = ['ingest'], token = randomBytes(24).toString('base64url')): string {
    nameSchema.parse(name);
    this.data.devices = [
      ...this.data.devices.filter((d) => d.name !== name),
      { name, tokenSha256: sha256(token), roles },
    ];
    this.save();
    return token;
  }

  private save(): void {
    const tmp = `${this.file}.tmp`;
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    fs.writeFileSync(tmp, JSON.stringify(this.data, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}
