// Types for electron-binary.mjs (plain JS so `npm start` runs on Node 20 without a build step).
export type ElectronLookup = { path: string; reason?: undefined } | { path?: undefined; reason: string };

export function installedElectronPath(electronDir: string, env?: NodeJS.ProcessEnv): ElectronLookup;
export function findElectron(options: {
  repoRoot: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  probeMs?: number;
}): ElectronLookup;
export function userDataDir(options?: {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
}): string;
