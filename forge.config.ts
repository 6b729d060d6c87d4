/**
 * Electron Forge packaging for Lagebild. Not run in this environment: Forge 8 needs Node >= 22.13
 * (here: Node 20) and Electron's binary, which cannot be downloaded here. So @electron-forge/* is
 * not installed, and the config is typed with the small local types below instead of
 * `ForgeConfig`; where Forge is available, `npx electron-forge make` uses this file as it is
 * (the plugin and maker names are resolved by Forge).
 *
 * What it does: packages dist/ (built by `npm run build`) into an asar archive, rebuilds native
 * modules (better-sqlite3) for Electron, unpacks them from the asar, and flips the Electron Fuses
 * so the packaged binary cannot be used as a plain Node runtime or debugged from outside.
 */

/**
 * The fuse wire indices of @electron/fuses' `FuseV1Options` enum (a numeric enum: the plugin's
 * config is keyed by these numbers, not by names), mirrored here because the package is not installed.
 */
const FuseV1Options = {
  RunAsNode: 0,
  EnableCookieEncryption: 1,
  EnableNodeOptionsEnvironmentVariable: 2,
  EnableNodeCliInspectArguments: 3,
  EnableEmbeddedAsarIntegrityValidation: 4,
  OnlyLoadAppFromAsar: 5,
  LoadBrowserProcessSpecificV8Snapshot: 6,
  GrantFileProtocolExtraPrivileges: 7,
} as const;
/** `FuseVersion.V1` of @electron/fuses. */
const FUSE_VERSION_V1 = '1';

interface NamedEntry {
  name: string;
  platforms?: string[];
  config?: Record<string, unknown>;
}

interface LagebildForgeConfig {
  packagerConfig: Record<string, unknown>;
  rebuildConfig: Record<string, unknown>;
  makers: NamedEntry[];
  plugins: NamedEntry[];
}

export const fuses = {
  version: FUSE_VERSION_V1,
  // No ELECTRON_RUN_AS_NODE: the shipped binary must not run arbitrary scripts as Node.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // No NODE_OPTIONS and no --inspect: nothing outside the app can inject code or attach a debugger.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // App code is loaded only from app.asar, and the asar is checked against its embedded hash.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The window never loads file: URLs; they get no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const;

const config: LagebildForgeConfig = {
  packagerConfig: {
    name: 'Lagebild',
    executableName: 'lagebild',
    appBundleId: 'nrw.polizei.lagebild',
    appCategoryType: 'public.app-category.productivity',
    // The Fuses above require the app inside an asar; native modules must live outside it.
    // The demo region is read by the server and simulator processes as plain files, so it stays unpacked.
    asar: { unpack: '{**/*.node,assets/demo-region/**}' },
    // Only the build output, the demo region (assets/demo-region) and runtime dependencies go into the package.
    ignore: [
      /^\/(electron|renderer|server|shared|simulator|scripts|e2e|bench|docs)\//,
      /^\/assets\/(?!demo-region(\/|$))/,
      /^\/(test-results|playwright-report|\.ci)\//,
      /^\/(forge\.config\.ts|tsconfig\.base\.json|eslint\.config\.js|vitest\.config\.ts)$/,
      /\.map$/,
    ],
    extraResource: [],
  },
  rebuildConfig: { onlyModules: ['better-sqlite3'], force: true },
  makers: [
    { name: '@electron-forge/maker-zip', platforms: ['darwin', 'linux', 'win32'] },
    {
      name: '@electron-forge/maker-deb',
      platforms: ['linux'],
      config: { options: { categories: ['Utility'] } },
    },
    { name: '@electron-forge/maker-squirrel', platforms: ['win32'], config: { name: 'lagebild' } },
  ],
  plugins: [
    { name: '@electron-forge/plugin-auto-unpack-natives', config: {} },
    { name: '@electron-forge/plugin-fuses', config: fuses },
  ],
};

export default config;
