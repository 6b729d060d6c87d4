// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionIndicator, indicatorText } from './ConnectionIndicator.tsx';
import { connectionStore, noteData, setPresence } from '../stores/connectionStore.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { i18nFor } from '../i18n/i18n.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const T = Date.UTC(2026, 10, 26, 9, 15, 30); // 10:15:30 in Berlin

beforeEach(() => {
  connectionStore.setState(connectionStore.getInitialState(), true);
  settingsStore.getState().setLanguage('de');
});

describe('indicatorText', () => {
  const de = i18nFor('de');
  const at = (patch: Partial<ReturnType<typeof connectionStore.getState>>) => ({
    ...connectionStore.getState(),
    ...patch,
  });

  it('says Live while data is fresh, and adds the time of the data when it lags', () => {
    const s = at({ presence: 'live', lastServerNow: T, lastDataAt: T });
    expect(indicatorText(s, T + 1000, de)).toEqual({ label: 'Live', detail: null });
    expect(indicatorText(s, T + 12_000, de)).toEqual({ label: 'Live', detail: 'Stand 10:15:30 (vor 12 s)' });
  });

  it('shows reconnecting with the time of the last data', () => {
    const s = at({ presence: 'reconnecting', lastServerNow: T, lastDataAt: T });
    expect(indicatorText(s, T + 125_000, de)).toEqual({
      label: 'Verbindung wird wiederhergestellt…',
      detail: 'Stand 10:15:30 (vor 2 min)',
    });
  });

  it('shows the error when there never was data', () => {
    expect(indicatorText(at({ presence: 'error', error: 'refused' }), T, i18nFor('en'))).toEqual({
      label: 'No connection',
      detail: 'refused',
    });
  });
});

describe('<ConnectionIndicator>', () => {
  let host: HTMLDivElement;
  afterEach(() => host.remove());

  it('is always rendered and follows the presence in data-state', async () => {
    host = document.createElement('div');
    document.body.append(host);
    const root = createRoot(host);
    await act(async () => root.render(<ConnectionIndicator />));
    const el = () => host.querySelector('[data-testid="connection-indicator"]');
    expect(el()?.getAttribute('data-state')).toBe('connecting');
    await act(async () => {
      noteData(Date.now());
      setPresence('live');
    });
    expect(el()?.getAttribute('data-state')).toBe('live');
    expect(el()?.textContent).toBe('Live');
    await act(async () => setPresence('reconnecting'));
    expect(el()?.getAttribute('data-state')).toBe('reconnecting');
    expect(el()?.textContent).toMatch(/^Verbindung wird wiederhergestellt…Stand \d\d:\d\d:\d\d \(vor 0 s\)$/);
    await act(async () => settingsStore.getState().setLanguage('en'));
    expect(el()?.textContent).toMatch(/^Reconnecting…As of/);
    await act(async () => root.unmount());
  });
});
