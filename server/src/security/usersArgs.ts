/** The arguments of `npm run users` (usersCli.ts), read and checked before anything is touched. */
import fs from 'node:fs';
import path from 'node:path';
import { ROLES, type Role } from '#shared/roles';
import { ID_PATTERN } from '#shared/schemas';
import { readFlags, UsageError } from '../cliFlags.ts';
import { MIN_PASSWORD_LENGTH } from './passwords.ts';
import { INGEST_DEVICE } from './auth.ts';
import { nameSchema } from './users.ts';

export { UsageError };

export const USAGE = `usage: npm run users -- --data-dir <dir> <command>
  list                                      users and devices: name, kind, roles, districts
  add-user <name> --roles <r,…> [--districts <a,…>] [--generate]
  set-roles <name> [--roles <r,…>] [--districts <a,…> | --all-districts]
  passwd <name> [--generate]                a new password
  remove <name>                             remove a user (their sessions end)
  add-device <name> [--roles <r,…>] [--unit <unitId>]
                                            a device token (default role ingest), printed once;
                                            with --unit it may only report that unit (OsmAnd/Traccar)
  remove-device <name>                      its token stops working
  --data-dir <dir>   the server's data dir (env LAGEBILD_DATA_DIR)
Roles: ${ROLES.join(', ')}. Names: 2-32 characters a-z 0-9 . _ -
Passwords (at least ${MIN_PASSWORD_LENGTH} characters): the first line of stdin when piped, typed twice
without echo in a terminal, or --generate (printed once).`;

export type Command =
  'list' | 'add-user' | 'set-roles' | 'passwd' | 'remove' | 'add-device' | 'remove-device';
const COMMANDS: Record<Command, { name: boolean; flags: readonly string[] }> = {
  list: { name: false, flags: [] },
  'add-user': { name: true, flags: ['--roles', '--districts', '--generate'] },
  'set-roles': { name: true, flags: ['--roles', '--districts', '--all-districts'] },
  passwd: { name: true, flags: ['--generate'] },
  remove: { name: true, flags: [] },
  'add-device': { name: true, flags: ['--roles', '--unit'] },
  'remove-device': { name: true, flags: [] },
};
const FLAGS = {
  'data-dir': { type: 'string' },
  roles: { type: 'string' },
  districts: { type: 'string' },
  unit: { type: 'string' },
  generate: { type: 'boolean' },
  'all-districts': { type: 'boolean' },
} as const;
const VALUE_FLAGS = ['--data-dir', '--roles', '--districts', '--unit'];

export interface CliArgs {
  dataDir: string;
  command: Command;
  name?: string;
  roles?: Role[];
  /** A list limits a user to these districts; null lifts the limit; undefined leaves it. */
  districts?: string[] | null;
  /** add-device: the unit the device is bound to. */
  unit?: string;
  generate: boolean;
}

const isCommand = (s: string): s is Command => Object.hasOwn(COMMANDS, s);

function list(value: string, what: string): string[] {
  const items = [...new Set(value.split(',').map((s) => s.trim()))];
  if (items.some((s) => s === '')) throw new UsageError(`${what}: empty entry in "${value}"`);
  return items;
}

/** Parses and checks the arguments; throws UsageError (exit 2) for anything wrong. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): CliArgs {
  // parseArgs keeps the last of a repeated flag; here a second one is a mistake worth naming.
  for (const flag of VALUE_FLAGS)
    if (argv.filter((a) => a === flag || a.startsWith(`${flag}=`)).length > 1)
      throw new UsageError(`${flag} is given twice`);
  const { values: v, positionals: positional } = readFlags(argv, FLAGS, true);
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (const [flag, value] of Object.entries(v)) {
    if (value === true) flags.add(`--${flag}`);
    else if (typeof value === 'string') values.set(`--${flag}`, value);
  }
  const [command, name, ...extra] = positional;
  if (command === undefined) throw new UsageError('no command given');
  if (!isCommand(command)) throw new UsageError(`unknown command "${command}"`);
  const spec = COMMANDS[command];
  if (spec.name && name === undefined) throw new UsageError(`${command} needs a name`);
  if (!spec.name && name !== undefined) throw new UsageError(`${command} takes no name ("${name}")`);
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  for (const f of [...values.keys(), ...flags])
    if (f !== '--data-dir' && !spec.flags.includes(f))
      throw new UsageError(`${f} does not apply to ${command}`);

  const dataDir = values.get('--data-dir') ?? env.LAGEBILD_DATA_DIR;
  if (!dataDir) throw new UsageError('--data-dir is missing');
  const dir = path.resolve(cwd, dataDir);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`no such data dir: ${dir}`);

  if (name !== undefined) {
    const checked = nameSchema.safeParse(name);
    if (!checked.success) throw new UsageError(`bad name "${name}": names are 2-32 characters a-z 0-9 . _ -`);
  }
  const rolesText = values.get('--roles');
  let roles: Role[] | undefined;
  if (rolesText !== undefined) {
    roles = list(rolesText, '--roles') as Role[];
    const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (unknown.length) throw new UsageError(`unknown role "${unknown[0]}" (roles: ${ROLES.join(', ')})`);
  }
  const districtsText = values.get('--districts');
  let districts: string[] | null | undefined;
  if (districtsText !== undefined) {
    if (flags.has('--all-districts')) throw new UsageError('give --districts or --all-districts, not both');
    districts = list(districtsText, '--districts');
    const long = districts.find((d) => d.length > 64);
    if (long) throw new UsageError(`district "${long.slice(0, 20)}…" is longer than 64 characters`);
  } else if (flags.has('--all-districts')) districts = null;
  const unit = values.get('--unit');
  if (unit !== undefined && !ID_PATTERN.test(unit))
    throw new UsageError(
      `bad --unit "${unit.slice(0, 70)}": unit ids are 1-64 characters A-Z a-z 0-9 . _ : -`,
    );
  if (command === 'add-user' && !roles) throw new UsageError('add-user needs --roles');
  if (command === 'set-roles' && !roles && districts === undefined)
    throw new UsageError('set-roles needs --roles, --districts or --all-districts');
  if ((command === 'add-user' || command === 'add-device') && name === INGEST_DEVICE.name)
    throw new UsageError(`the name "${name}" is reserved for the server's --ingest-token`);
  return {
    dataDir: dir,
    command,
    ...(name !== undefined ? { name } : {}),
    ...(roles ? { roles } : {}),
    ...(districts !== undefined ? { districts } : {}),
    ...(unit !== undefined ? { unit } : {}),
    generate: flags.has('--generate'),
  };
}
