// @vitest-environment happy-dom
/** The map symbol set: tactical signs by default, the arrows on request, kept across restarts. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const KEY = 'lagebild.settings';
const fresh = async () => {
  vi.resetModules();
  return (await import('./settingsStore.ts')).settingsStore;
};

describe('symbol set setting', () => {
  beforeEach(() => localStorage.clear());

  it('defaults to the German tactical signs', async () => {
    expect((await fresh()).getState().symbols).toBe('tactical');
  });

  it('keeps the switch to the arrows across a restart', async () => {
    (await fresh()).getState().setSymbols('arrows');
    expect(JSON.parse(localStorage.getItem(KEY) ?? '{}')).toMatchObject({ symbols: 'arrows' });
    expect((await fresh()).getState().symbols).toBe('arrows');
  });

  it('falls back to the default for an unknown stored value and keeps the other settings', async () => {
    localStorage.setItem(KEY, JSON.stringify({ symbols: 'emoji', theme: 'light' }));
    const s = (await fresh()).getState();
    expect(s.symbols).toBe('tactical');
    expect(s.theme).toBe('light');
  });
});
