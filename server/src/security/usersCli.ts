/**
 * `npm run users -- --data-dir <dir> <command>`: manage the users and device tokens of
 * `<data-dir>/users.json` (only hashes are stored). Exit 0 done, 1 failed, 2 usage or bad input
 * (users.json unchanged). Safe while the server runs: the file is replaced whole (tmp + rename)
 * under a lock file, the server takes the new version in within a second, and every change is
 * appended to the audit log (actor `cli:<os user>`, never a password or token).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuditLog } from './audit.ts';
import { CREDENTIAL_FILE, readLocalCredential } from './localCredential.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.ts';
import { UserStore, type Listed } from './users.ts';
import { parseArgs, UsageError, USAGE, type CliArgs } from './usersArgs.ts';
import { processAlive } from '../pid.ts';

export { parseArgs, UsageError, USAGE, type CliArgs } from './usersArgs.ts';

/** Checks the arguments against the users file as it is now; throws UsageError. */
export function checkAgainst(store: UserStore, args: CliArgs): void {
  const name = args.name ?? '';
  const user = store.hasUser(name);
  const device = store.hasDevice(name);
  switch (args.command) {
    case 'add-user':
    case 'add-device':
      if (user || device)
        throw new UsageError(
          `${name} exists already as a ${user ? 'user' : 'device'}` +
            (user ? ' (passwd or set-roles change it)' : ' (remove-device first for a new token)'),
        );
      return;
    case 'set-roles':
      if (!user && !device) throw new UsageError(`no user or device named ${name}`);
      if (device && args.districts !== undefined)
        throw new UsageError(`${name} is a device; devices have no districts`);
      return;
    case 'passwd':
    case 'remove':
      if (!user)
        throw new UsageError(device ? `${name} is a device (use remove-device)` : `no user named ${name}`);
      return;
    case 'remove-device':
      if (!device) throw new UsageError(user ? `${name} is a user (use remove)` : `no device named ${name}`);
      return;
    case 'list':
      return;
  }
}

export function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new UsageError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new UsageError(`the password may have at most ${MAX_PASSWORD_LENGTH} characters`);
  return password;
}

/** The first line of a piped stdin (without its line end); '' when there is none. */
async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += chunk.toString();
    if (text.includes('\n') || text.length > MAX_PASSWORD_LENGTH + 2) break;
  }
  return text.split('\n')[0]!.replace(/\r$/, '');
}

/** What was typed after the last line read (typed ahead of the prompt). */
let ahead = '';

/** Reads lines from the terminal without echoing them (raw mode; keeps what was typed ahead). */
async function hiddenLines(prompts: string[]): Promise<string[]> {
  const stdin = process.stdin;
  const lines: string[] = [];
  let text = '';
  stdin.setRawMode(true);
  try {
    for (const prompt of prompts) {
      process.stderr.write(prompt);
      lines.push(
        await new Promise<string>((resolve, reject) => {
          const take = (chars: string): boolean => {
            for (const [i, ch] of [...chars].entries()) {
              if (ch === '\r' || ch === '\n' || ch === '\u0004') {
                const line = text;
                text = '';
                ahead = [...chars].slice(i + 1).join('');
                resolve(line);
                return true;
              }
              if (ch === '\u0003') {
                reject(new UsageError('cancelled'));
                return true;
              }
              if (ch === '\u007f' || ch === '\b') text = [...text].slice(0, -1).join('');
              else if (ch >= ' ') text += ch;
            }
            return false;
          };
          const onData = (buf: Buffer) => {
            if (take(buf.toString('utf8'))) stdin.off('data', onData);
          };
          const pending = ahead;
          ahead = '';
          if (!take(pending)) stdin.on('data', onData);
        }),
      );
      process.stderr.write('\n');
    }
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
  return lines;
}

/** The password for add-user / passwd: generated, piped, or typed twice. */
async function readPassword(
  name: string,
  generate: boolean,
): Promise<{ password: string; generated: boolean }> {
  if (generate) return { password: randomBytes(18).toString('base64url'), generated: true };
  if (process.stdin.isTTY) {
    const [first, again] = await hiddenLines([`New password for ${name}: `, 'Repeat it: ']);
    if (first !== again) throw new UsageError('the passwords do not match');
    return { password: checkPassword(first!), generated: false };
  }
  const line = await firstLine(process.stdin);
  if (line === '')
    throw new UsageError(
      'no password: pipe it as the first line of stdin, type it in a terminal, or use --generate',
    );
  return { password: checkPassword(line), generated: false };
}

/** Only one `npm run users` changes the file at a time (a lock left by a dead process is taken over). */
function lock(dataDir: string): () => void {
  const file = path.join(dataDir, 'users.json.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isSafeInteger(pid) && pid > 0 && processAlive(pid))
        throw new Error(`another npm run users (pid ${pid}) is changing users.json; try again`);
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${file}`);
}

function osUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? `uid ${process.getuid?.() ?? '?'}`;
  }
}

const rolesText = (roles: readonly string[]) => roles.join(',');
const districtsText = (d: readonly string[] | undefined) => (d ? d.join(', ') : 'all');

function formatList(entries: Listed[]): string {
  const rows = [
    ['name', 'kind', 'roles', 'districts'],
    ...entries.map((e) => [
      e.name,
      e.kind,
      rolesText(e.roles),
      e.kind === 'device' ? (e.unit ? `unit ${e.unit}` : '-') : districtsText(e.districts),
    ]),
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c < 3 ? cell.padEnd(widths[c]!) : cell)).join('  ')).join('\n');
}

/** The local user's credential file holds a password that no longer works: it goes. */
function dropLocalCredential(dataDir: string, name: string, out: string[]): void {
  if (readLocalCredential(dataDir)?.user !== name) return;
  fs.rmSync(path.join(dataDir, CREDENTIAL_FILE), { force: true });
  out.push(`${CREDENTIAL_FILE} removed (it held the old password of ${name}; the app now asks to sign in)`);
}

/** Runs one command; returns the lines for stdout. Throws UsageError (2) or Error (1). */
export async function run(args: CliArgs): Promise<string[]> {
  const store = UserStore.load(args.dataDir);
  if (args.command === 'list') {
    const entries = store.list();
    return entries.length ? [formatList(entries)] : ['no users or devices yet'];
  }
  checkAgainst(store, args);
  const name = args.name!;
  const secret =
    args.command === 'add-user' || args.command === 'passwd'
      ? await readPassword(name, args.generate)
      : undefined;

  // Open the audit first: a change is made only when it can be recorded.
  const audit = new AuditLog(args.dataDir);
  const unlock = lock(args.dataDir);
  const out: string[] = [];
  let entry: { action: string; details: Record<string, unknown> };
  try {
    // The file as it is now (another change may have come in while the password was typed).
    const fresh = UserStore.load(args.dataDir);
    checkAgainst(fresh, args);
    const before = fresh.list().find((e) => e.name === name);
    switch (args.command) {
      case 'add-user': {
        const roles = args.roles!;
        const districts = args.districts ?? undefined;
        await fresh.addUser(name, secret!.password, roles, districts);
        entry = {
          action: 'user.add',
          details: {
            roles,
            districts: districts ?? 'all',
            password: secret!.generated ? 'generated' : 'given',
          },
        };
        out.push(`user ${name} added (roles ${rolesText(roles)}; districts ${districtsText(districts)})`);
        if (secret!.generated) out.push(`password (shown only now):`, secret!.password);
        break;
      }
      case 'set-roles': {
        const roles = args.roles ?? before!.roles;
        fresh.setRoles(name, roles, args.districts);
        const after = fresh.list().find((e) => e.name === name)!;
        const isUser = after.kind === 'user';
        entry = {
          action: isUser ? 'user.roles' : 'device.roles',
          details: {
            before: { roles: before!.roles, ...(isUser ? { districts: before!.districts ?? 'all' } : {}) },
            roles: after.roles,
            ...(isUser ? { districts: after.districts ?? 'all' } : {}),
          },
        };
        out.push(
          `${after.kind} ${name}: roles ${rolesText(after.roles)}` +
            (isUser ? `; districts ${districtsText(after.districts)}` : ''),
        );
        break;
      }
      case 'passwd':
        await fresh.setPassword(name, secret!.password);
        entry = { action: 'user.password', details: { password: secret!.generated ? 'generated' : 'given' } };
        out.push(`password of ${name} changed`);
        if (secret!.generated) out.push(`password (shown only now):`, secret!.password);
        dropLocalCredential(args.dataDir, name, out);
        break;
      case 'remove':
        fresh.removeUser(name);
        entry = { action: 'user.remove', details: { roles: before!.roles } };
        out.push(`user ${name} removed`);
        dropLocalCredential(args.dataDir, name, out);
        break;
      case 'add-device': {
        const roles = args.roles ?? ['ingest'];
        const token = fresh.addDevice(name, roles, undefined, args.unit);
        const bound = args.unit !== undefined ? { unit: args.unit } : {};
        entry = { action: 'device.add', details: { roles, ...bound } };
        const to = args.unit !== undefined ? `, reports only unit ${args.unit}` : '';
        out.push(`device ${name} added (roles ${rolesText(roles)}${to}); its token (shown only now):`, token);
        break;
      }
      case 'remove-device':
        fresh.removeDevice(name);
        entry = { action: 'device.remove', details: { roles: before!.roles } };
        out.push(`device ${name} removed`);
        break;
    }
  } finally {
    unlock();
  }
  try {
    const user = osUser();
    audit.append({
      actor: `cli:${user}`,
      action: entry.action,
      target: name,
      details: { ...entry.details, source: 'cli', osUser: user },
    });
  } catch (e) {
    throw new Error(`users.json was changed, but the audit entry failed: ${(e as Error).message}`);
  } finally {
    audit.close();
  }
  return out;
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  try {
    const args = parseArgs(argv, process.env, process.cwd());
    for (const line of await run(args)) console.log(line);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      // One line; the usage only when nothing was asked at all.
      if (argv.length === 0) console.error(USAGE);
      else console.error(`users: ${e.message} (npm run users -- --help)`);
      return 2;
    }
    console.error(`users: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exitCode = await main();
}
