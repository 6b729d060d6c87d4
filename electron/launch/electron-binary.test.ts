import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectron, installedElectronPath, userDataDir } from './electron-binary.mjs';

const root = mkdtempSync(join(tmpdir(), 'lagebild-electron-bin-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A stand-in "binary": a shell script with the given body. */
function fakeBinary(name: string, body: string): string {
  const file = join(root, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('installedElectronPath', () => {
  it('reports a package that never downloaded its binary', () => {
    const dir = join(root, 'pkg-empty');
    mkdirSync(dir);
    expect(installedElectronPath(dir, {})).toEqual({
      reason: 'the electron package has not downloaded its binary',
    });
  });

  it('reports a path.txt whose binary is gone', () => {
    const dir = join(root, 'pkg-gone');
    mkdirSync(dir);
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect(installedElectronPath(dir, {}).reason).toMatch(/pkg-gone\/dist\/electron is missing$/);
  });

  it('finds the binary under dist or ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dir = join(root, 'pkg-ok');
    mkdirSync(join(dir, 'dist'), { recursive: true });
    writeFileSync(join(dir, 'path.txt'), 'electron');
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect(installedElectronPath(dir, {})).toEqual({ path: join(dir, 'dist', 'electron') });
    const override = join(root, 'override');
    mkdirSync(override);
    writeFileSync(join(override, 'electron'), '');
    expect(installedElectronPath(dir, { ELECTRON_OVERRIDE_DIST_PATH: override })).toEqual({
      path: join(override, 'electron'),
    });
  });
});

describe('findElectron', () => {
  const display = { DISPLAY: ':0' };

  it('accepts a binary that runs', () => {
    const ok = fakeBinary('ok', 'echo v22.0.0');
    expect(
      findElectron({ repoRoot: root, env: { ...display, LAGEBILD_ELECTRON: ok }, platform: 'linux' }),
    ).toEqual({
      path: ok,
    });
  });

  it('refuses a named binary that does not exist', () => {
    const env = { ...display, LAGEBILD_ELECTRON: join(root, 'nope') };
    expect(findElectron({ repoRoot: root, env, platform: 'linux' }).reason).toContain('does not exist');
  });

  it('refuses a binary that fails or hangs', () => {
    const broken = fakeBinary(
      'broken',
      'echo "error while loading shared libraries: libnss3.so" >&2; exit 127',
    );
    const hangs = fakeBinary('hangs', 'sleep 5');
    const env = (bin: string) => ({ ...display, LAGEBILD_ELECTRON: bin });
    expect(findElectron({ repoRoot: root, env: env(broken), platform: 'linux' }).reason).toContain(
      'libnss3.so',
    );
    const started = Date.now();
    expect(
      findElectron({ repoRoot: root, env: env(hangs), platform: 'linux', probeMs: 300 }).reason,
    ).toContain('does not run');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('needs a display on Linux', () => {
    const ok = fakeBinary('ok2', 'exit 0');
    expect(
      findElectron({ repoRoot: root, env: { LAGEBILD_ELECTRON: ok }, platform: 'linux' }).reason,
    ).toContain('no display');
    expect(
      findElectron({
        repoRoot: root,
        env: { LAGEBILD_ELECTRON: ok, WAYLAND_DISPLAY: 'wayland-0' },
        platform: 'linux',
      }),
    ).toEqual({ path: ok });
  });

  it('without an override, looks into node_modules/electron of the repo', () => {
    expect(findElectron({ repoRoot: join(root, 'no-repo'), env: display, platform: 'linux' })).toEqual({
      reason: 'the electron package has not downloaded its binary',
    });
  });
});

describe('userDataDir', () => {
  const home = '/home/op';
  it("matches Electron's app.getPath('userData') for the app name", () => {
    expect(userDataDir({ env: {}, platform: 'linux', home })).toBe('/home/op/.config/lagebild');
    expect(userDataDir({ env: { XDG_CONFIG_HOME: '/cfg' }, platform: 'linux', home })).toBe('/cfg/lagebild');
    expect(userDataDir({ env: {}, platform: 'darwin', home })).toBe(
      '/home/op/Library/Application Support/lagebild',
    );
    expect(userDataDir({ env: { APPDATA: 'C:/Users/op/AppData/Roaming' }, platform: 'win32', home })).toBe(
      join('C:/Users/op/AppData/Roaming', 'lagebild'),
    );
  });

  it('honours LAGEBILD_USER_DATA_DIR', () => {
    expect(userDataDir({ env: { LAGEBILD_USER_DATA_DIR: '/tmp/x' }, platform: 'linux', home })).toBe(
      '/tmp/x',
    );
  });
});
