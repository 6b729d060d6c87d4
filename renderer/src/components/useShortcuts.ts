/** The global keyboard shortcuts (table in shortcuts.ts); lists handle their own arrows and Enter. */
import { useEffect } from 'react';
import { pictureStore } from '../stores/pictureStore.ts';
import { selectionStore } from '../stores/selectionStore.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { mapBridge, uiStore } from '../stores/uiStore.ts';
import { openRequests } from '../stores/requests.ts';
import { acknowledgeNext } from './actions.ts';
import { sendSelectionToWall } from '../wallControl/sendSelection.ts';
import { PANEL_FOCUS_IDS, isTypingTarget } from './shortcuts.ts';

export const SEARCH_INPUT_ID = 'global-search';

function focusPanel(n: number): void {
  const id = PANEL_FOCUS_IDS[n];
  document.querySelector<HTMLElement>(`[data-focus-id="${id}"]`)?.focus();
}

/** Returns true when the key was a shortcut and has been handled. */
export function handleShortcut(e: KeyboardEvent): boolean {
  const ui = uiStore.getState();
  const sel = selectionStore.getState();
  if (e.key === 'Escape') {
    if (!closeMenus() && !ui.closeTop()) sel.select(null);
    return true;
  }
  if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
    document.getElementById(SEARCH_INPUT_ID)?.focus();
    return true;
  }
  if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return false;
  // Dialogs own the keyboard while open.
  if (ui.assignFor || ui.newIncidentAt || ui.settingsOpen) return false;
  const settings = settingsStore.getState();
  switch (e.key) {
    case '?':
      ui.setHelp(!ui.helpOpen);
      return true;
    case '/':
      document.getElementById(SEARCH_INPUT_ID)?.focus();
      return true;
    case 'j':
    case 'J':
      acknowledgeNext(openRequests(Object.values(pictureStore.getState().picture.units)));
      return true;
    case 'a':
    case 'A':
      if (sel.selected?.kind !== 'incident') return false;
      ui.openAssign(sel.selected.id);
      return true;
    case 'n':
    case 'N': {
      const at = mapBridge.center();
      if (at) ui.openNewIncident(at);
      return at !== null;
    }
    case 'f':
    case 'F':
      if (sel.selected?.kind !== 'unit') return false;
      sel.follow(sel.followUnitId === sel.selected.id ? null : sel.selected.id);
      return true;
    case 'w':
    case 'W':
      return sendSelectionToWall(sel.selected);
    case '1':
    case '2':
    case '3':
      focusPanel(Number(e.key) - 1);
      return true;
    case 't':
    case 'T':
      settings.setTheme(settings.theme === 'dark' ? 'light' : 'dark');
      return true;
    case 'l':
    case 'L':
      settings.setLanguage(settings.language === 'de' ? 'en' : 'de');
      return true;
    case 's':
    case 'S':
      ui.setSettings(true);
      return true;
  }
  return false;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.repeat) return;
      if (handleShortcut(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Our drop-down menus and the map legend; other <details> (MapLibre's attribution control) are not pop-ups. */
export const MENU_SELECTOR = 'details.filter-menu[open], details.map-legend[open]';

/**
 * Drop-down menus are native <details> (the filter menus), which the browser does not close on
 * Escape; an open one goes first, like any other pop-up. True when one was open.
 */
function closeMenus(): boolean {
  const open = [...document.querySelectorAll<HTMLDetailsElement>(MENU_SELECTOR)];
  for (const d of open) d.open = false;
  return open.length > 0;
}
