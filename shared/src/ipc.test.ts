import { describe, expect, it } from 'vitest';
import {
  channelSender,
  checkIpcArgs,
  checkIpcPayload,
  checkIpcResult,
  ipcContract,
  ipcEvents,
  isIpcChannel,
  isIpcEvent,
} from './ipc.ts';

describe('IPC contract', () => {
  it('gives every channel and event a distinct bridge name', () => {
    const names = [...Object.values(ipcContract), ...Object.values(ipcEvents)].map((spec) => spec.bridge);
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

  it('marks the channels that change walls as workstation-only', () => {
    expect(channelSender('walls:assign')).toBe('workstation');
    expect(channelSender('walls:clear')).toBe('workstation');
    expect(channelSender('wall:show')).toBe('workstation');
    expect(channelSender('window:setFullScreen')).toBe('workstation');
    expect(channelSender('displays:list')).toBe('any');
  });

  it('checks wall layouts and event payloads', () => {
    expect(checkIpcArgs('walls:assign', [2, 'overview']).ok).toBe(true);
    expect(checkIpcArgs('walls:assign', [2, 'heatmap-4k']).ok).toBe(true);
    // An optional cycle in whole seconds, 10-3600 like the wall's own `&cycle=`.
    expect(checkIpcArgs('walls:assign', [2, 'lage', 60]).ok).toBe(true);
    expect(checkIpcArgs('walls:assign', [2, 'lage', null]).ok).toBe(true);
    for (const cycle of [5, 3601, 12.5, '60'])
      expect(checkIpcArgs('walls:assign', [2, 'lage', cycle]).ok).toBe(false);
    // EDID-derived ids on Linux exceed Number.MAX_SAFE_INTEGER.
    expect(checkIpcArgs('walls:clear', [2 ** 55 + 2 ** 41]).ok).toBe(true);
    expect(checkIpcArgs('walls:clear', [1.5]).ok).toBe(false);
    expect(checkIpcArgs('walls:clear', [-1]).ok).toBe(false);
    for (const bad of ['', 'Overview', '-x', 'a/b', 'x'.repeat(41), '../wall']) {
      expect(checkIpcArgs('walls:assign', [2, bad]).ok).toBe(false);
    }
    expect(isIpcEvent('wall:command')).toBe(true);
    expect(isIpcEvent('constructor')).toBe(false);
    expect(checkIpcPayload('wall:command', { kind: 'unit', id: 'KO 1' })).toEqual({
      ok: false,
      error: expect.stringMatching(/^IPC wall:command: invalid payload: id: /),
    });
  });
});
