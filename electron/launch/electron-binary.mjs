// Finds a usable Electron binary WITHOUT `require('electron')`: that require downloads the binary
// on first use (electron >= 45 installs lazily), which hangs or fails offline. Shared by
// electron/launch/start.mjs and the Electron journeys in e2e/electron.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where `node_modules/electron` would have put its binary, or why there is none. */
export function installedElectronPath(electronDir, env = process.env) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return { reason: 'the electron package has not downloaded its binary' };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
  const binary = join(distDir, relative);
  return existsSync(binary) ? { path: binary } : { reason: `${binary} is missing` };
}

/**
 * A runnable Electron binary ({ path }) or the reason there is none ({ reason }).
 * `LAGEBILD_ELECTRON` may name a binary explicitly (e.g. a system-wide Electron 45).
 */
export function findElectron({ repoRoot, env = process.env, platform = process.platform, probeMs = 5000 }) {
  const explicit = env.LAGEBILD_ELECTRON;
  const found = explicit
    ? existsSync(explicit)
      ? { path: explicit }
      : { reason: `LAGEBILD_ELECTRON=${explicit} does not exist` }
    : installedElectronPath(join(repoRoot, 'node_modules', 'electron'), env);
  if (!found.path) return found;
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  // A binary that cannot start (missing system libraries, wrong architecture) is no binary. As
  // Node it starts without a window, so the probe is quick and invisible.
  const probe = spawnSync(found.path, ['--version'], {
    timeout: probeMs,
    encoding: 'utf8',
    env: { ...env, ELECTRON_RUN_AS_NODE: '1' },
  });
  if (probe.error || probe.status !== 0) {
    const why = probe.error?.message ?? (probe.stderr.trim().split('\n')[0] || `exit code ${probe.status}`);
    return { reason: `${found.path} does not run: ${why}` };
  }
  return { path: found.path };
}

/** The folder Electron uses as app.getPath('userData') for this app, so both modes share one data dir. */
export function userDataDir({ env = process.env, platform = process.platform, home = homedir() } = {}) {
  if (env.LAGEBILD_USER_DATA_DIR) return env.LAGEBILD_USER_DATA_DIR;
  const appData =
    platform === 'win32'
      ? env.APPDATA || join(home, 'AppData', 'Roaming')
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : env.XDG_CONFIG_HOME || join(home, '.config');
  return join(appData, 'lagebild');
}
