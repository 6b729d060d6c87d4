import { describe, expect, it } from 'vitest';
import { chooseRuntime } from './runtime.ts';

const exists = (p: string) => p === '/usr/bin/node';

describe('chooseRuntime', () => {
  it('runs the programs with the system Node in development when the launcher names it', () => {
    expect(chooseRuntime({ packaged: false, nodePath: '/usr/bin/node', exists })).toEqual({
      kind: 'node',
      execPath: '/usr/bin/node',
    });
  });

  it('uses utility processes in the packaged app, whatever the environment says', () => {
    expect(chooseRuntime({ packaged: true, nodePath: '/usr/bin/node', exists })).toEqual({ kind: 'utility' });
  });

  it('falls back to utility processes without a Node path or with one that does not exist', () => {
    expect(chooseRuntime({ packaged: false, nodePath: undefined, exists })).toEqual({ kind: 'utility' });
    expect(chooseRuntime({ packaged: false, nodePath: '  ', exists })).toEqual({ kind: 'utility' });
    expect(chooseRuntime({ packaged: false, nodePath: '/gone/node', exists })).toEqual({ kind: 'utility' });
  });
});
