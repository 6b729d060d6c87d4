/**
 * Which runtime runs the embedded server and simulator. The server uses better-sqlite3, a native
 * module compiled for the Node that ran `npm install`. Packaged, Forge rebuilt it for Electron's
 * ABI, so an Electron utility process runs it. In development (`npm start` from a checkout) the
 * module is still built for the system Node, so the launcher hands main that Node's path
 * (LAGEBILD_NODE) and the programs run as plain Node child processes: no rebuild step, and
 * `npm install` + `npm start` stay the whole set-up. Pure, so the rule is unit-tested.
 */
export type Runtime = { kind: 'utility' } | { kind: 'node'; execPath: string };

export function chooseRuntime(options: {
  packaged: boolean;
  nodePath: string | undefined;
  exists: (path: string) => boolean;
}): Runtime {
  const nodePath = options.nodePath?.trim();
  if (options.packaged || !nodePath) return { kind: 'utility' };
  // A stale or wrong path must not fail the start: the utility process is the working fallback
  // wherever better-sqlite3 was rebuilt for Electron.
  return options.exists(nodePath) ? { kind: 'node', execPath: nodePath } : { kind: 'utility' };
}
