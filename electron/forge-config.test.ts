// The packaged app's hardening that no runtime check can see: the Electron Fuses in forge.config.ts.
import { describe, expect, it } from 'vitest';
import config, { fuses } from '../forge.config.ts';

// Indices of @electron/fuses' FuseV1Options.
const RUN_AS_NODE = 0;
const COOKIE_ENCRYPTION = 1;
const NODE_OPTIONS_ENV = 2;
const NODE_CLI_INSPECT = 3;
const ASAR_INTEGRITY = 4;
const ONLY_LOAD_FROM_ASAR = 5;
const FILE_PROTOCOL_PRIVILEGES = 7;

describe('forge.config.ts', () => {
  it('flips the security fuses', () => {
    expect(fuses.version).toBe('1');
    expect(fuses[RUN_AS_NODE]).toBe(false);
    expect(fuses[COOKIE_ENCRYPTION]).toBe(true);
    expect(fuses[NODE_OPTIONS_ENV]).toBe(false);
    expect(fuses[NODE_CLI_INSPECT]).toBe(false);
    expect(fuses[ASAR_INTEGRITY]).toBe(true);
    expect(fuses[ONLY_LOAD_FROM_ASAR]).toBe(true);
    expect(fuses[FILE_PROTOCOL_PRIVILEGES]).toBe(false);
  });

  it('sets no fuse beyond these (a new one is a decision, not an accident)', () => {
    expect(Object.keys(fuses).sort()).toEqual(['0', '1', '2', '3', '4', '5', '7', 'version']);
  });

  it('uses the fuses plugin with that config and packages into an asar', () => {
    const plugin = config.plugins.find((p) => p.name === '@electron-forge/plugin-fuses');
    expect(plugin?.config).toBe(fuses);
    expect(config.packagerConfig.asar).toBeTruthy();
  });
});
