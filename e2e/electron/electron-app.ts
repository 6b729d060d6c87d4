/**
 * Launching the built app under Playwright's `_electron` for the journeys: finds a runnable Electron
 * binary without downloading one, gives every launch its own user-data folder (window state, data
 * dir, single-instance lock), and reports why the journeys skip when there is no binary.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { findElectron } from '../../electron/launch/electron-binary.mjs';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const electron = findElectron({ repoRoot });

export const electronPath = electron.path;
/** Printed and used as the skip reason wherever no Electron binary can run. */
export const NO_ELECTRON = `skipped: no Electron binary (${electron.reason ?? ''})`;

export function newUserDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'lagebild-e2e-electron-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface Launched {
  app: ElectronApplication;
  page: Page;
  origin: string;
  /** Every line main printed (stdout and stderr) since the launch, for journeys that check logs. */
  logs: string[];
}

export async function launchApp(userData: string, extraEnv: Record<string, string> = {}): Promise<Launched> {
  if (!electronPath) throw new Error(NO_ELECTRON);
  const main = join(repoRoot, 'dist', 'electron', 'main.cjs');
  if (!existsSync(main))
    throw new Error(`${main} is missing: run "npm run build" before the Electron journeys`);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  const app = await _electron.launch({
    executablePath: electronPath,
    args: [repoRoot],
    cwd: repoRoot,
    env: { ...env, LAGEBILD_USER_DATA_DIR: userData, ...extraEnv },
    timeout: 60_000,
  });
  const logs: string[] = [];
  const collect = (chunk: Buffer): void => void logs.push(...String(chunk).split('\n').filter(Boolean));
  app.process().stdout?.on('data', collect);
  app.process().stderr?.on('data', collect);
  const page = await app.firstWindow({ timeout: 60_000 });
  await page.waitForURL(/^https?:\/\//, { timeout: 60_000 });
  return { app, page, origin: new URL(page.url()).origin, logs };
}
