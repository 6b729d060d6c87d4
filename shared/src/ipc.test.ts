import { describe, expect, it } from 'vitest';
import { checkIpcArgs, checkIpcResult, ipcContract, isIpcChannel } from './ipc.ts';

describe('IPC contract', () => {
  it('gives every channel a distinct bridge name', () => {
    const names = Object.values(ipcContract).map((spec) => spec.bridge);
    expect(new Set(names).size).toBe(names.length);
  });

  it('recognises own channels only', () => {
    expect(isIpcChannel('app:getInfo')).toBe(true);
    expect(isIpcChannel('toString')).toBe(false);
    expect(isIpcChannel('hasOwnProperty')).toBe(false);
    expect(isIpcChannel(42)).toBe(false);
  });

  it('checks argument tuples strictly', () => {
    expect(checkIpcArgs('window:setFullScreen', [false])).toEqual({ ok: true, value: [false] });
    expect(checkIpcArgs('window:setFullScreen', 'true').ok).toBe(false);
    expect(checkIpcArgs('app:getInfo', [undefined]).ok).toBe(false);
  });

  it('checks results and names the channel in the error', () => {
    const bad = checkIpcResult('app:getInfo', { version: '1', platform: 'linux', serverUrl: 'x' });
    expect(bad).toEqual({
      ok: false,
      error: expect.stringMatching(/^IPC app:getInfo: invalid result: embedded/),
    });
  });
});
