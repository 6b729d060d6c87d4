// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { handleShortcut } from './useShortcuts.ts';
import { SHORTCUTS } from './shortcuts.ts';
import { uiStore } from '../stores/uiStore.ts';
import { selectionStore } from '../stores/selectionStore.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { de } from '../i18n/de.ts';

const press = (key: string, target: EventTarget = document.body, init: KeyboardEventInit = {}) => {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, ...init });
  Object.defineProperty(e, 'target', { value: target });
  return handleShortcut(e);
};

beforeEach(() => {
  uiStore.setState({ helpOpen: false, settingsOpen: false, newIncidentAt: null, assignFor: null });
  selectionStore.setState({ selected: null, followUnitId: null, revealed: 0 });
});

describe('keyboard shortcuts', () => {
  it('"?" toggles the help, Escape closes the topmost overlay and then clears the selection', () => {
    selectionStore.getState().select({ kind: 'unit', id: 'u1' });
    expect(press('?')).toBe(true);
    expect(uiStore.getState().helpOpen).toBe(true);
    press('Escape');
    expect(uiStore.getState().helpOpen).toBe(false);
    expect(selectionStore.getState().selected).not.toBeNull();
    press('Escape');
    expect(selectionStore.getState().selected).toBeNull();
  });

  it('Escape closes an open drop-down menu first (the filter menus are <details>)', () => {
    uiStore.setState({ helpOpen: true });
    const menu = document.createElement('details');
    menu.className = 'filter-menu';
    menu.open = true;
    document.body.append(menu);
    press('Escape');
    expect(menu.open).toBe(false);
    expect(uiStore.getState().helpOpen).toBe(true);
    press('Escape');
    expect(uiStore.getState().helpOpen).toBe(false);
    menu.remove();
  });

  it("Escape is not swallowed by an open <details> that is no menu (MapLibre's compact attribution)", () => {
    uiStore.setState({ settingsOpen: true });
    const attribution = document.createElement('details');
    attribution.className = 'maplibregl-ctrl maplibregl-ctrl-attrib maplibregl-compact';
    attribution.open = true;
    document.body.append(attribution);
    press('Escape');
    expect(uiStore.getState().settingsOpen).toBe(false);
    expect(attribution.open).toBe(true);
    attribution.remove();
  });

  it('"A" opens the assign picker for the selected incident only; "F" follows the selected unit', () => {
    expect(press('a')).toBe(false);
    selectionStore.getState().select({ kind: 'incident', id: 'i1' });
    expect(press('a')).toBe(true);
    expect(uiStore.getState().assignFor).toBe('i1');
    uiStore.getState().openAssign(null);
    selectionStore.getState().select({ kind: 'unit', id: 'u1' });
    press('f');
    expect(selectionStore.getState().followUnitId).toBe('u1');
    press('F');
    expect(selectionStore.getState().followUnitId).toBeNull();
  });

  it('ignores keys typed into a field and keys with modifiers', () => {
    const input = document.createElement('input');
    document.body.append(input);
    expect(press('?', input)).toBe(false);
    expect(press('t', document.body, { altKey: true })).toBe(false);
    input.remove();
  });

  it('"T" and "L" switch theme and language', () => {
    const { theme, language } = settingsStore.getState();
    press('t');
    press('l');
    expect(settingsStore.getState().theme).not.toBe(theme);
    expect(settingsStore.getState().language).not.toBe(language);
    press('t');
    press('l');
  });

  it('the help table describes every shortcut with a translated text', () => {
    for (const s of SHORTCUTS) expect(de[s.what]).toBeTruthy();
  });
});
