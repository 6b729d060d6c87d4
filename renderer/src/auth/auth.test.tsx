// @vitest-environment happy-dom
// The login gate and role-aware actions, rendered: the login page until signed in; a wall or analyst
// sees no command buttons, an operator all of them; an unauthorised handshake counts as signed out.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident, Unit } from '#shared/domain';
import type { Role } from '#shared/roles';
import { AuthGate } from './AuthGate.tsx';
import { authStore, sessionLost } from './session.ts';
import { IncidentActions } from '../panels/details/IncidentActions.tsx';
import { UnitActions } from '../panels/details/UnitActions.tsx';
import { isUnauthorized } from '../connection/liveClient.ts';
import { settingsStore } from '../stores/settingsStore.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const incident: Incident = {
  id: 'E1',
  number: '2026-1',
  type: 'einbruch',
  priority: 2,
  state: 'neu',
  location: { lat: 51, lon: 7 },
  times: { opened: 0 },
  units: [],
  notes: [],
};
const unit = {
  id: 'u1',
  callsign: 'K 1',
  kind: 'funkstreifenwagen',
  district: 'D',
  status: 5,
  statusSince: 0,
} as Unit;

let root: Root;
let host: HTMLElement;
beforeEach(() => {
  settingsStore.getState().setLanguage('de');
  authStore.setState(authStore.getInitialState(), true);
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

const signInAs = (roles: Role[]) =>
  authStore.setState({ status: 'signedIn', me: { user: 'x', kind: 'user', roles, districts: null } });
const ids = () => [...host.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid'));

describe('AuthGate', () => {
  it('shows the login page (German first) when signed out, the app when signed in', () => {
    authStore.setState({ status: 'signedOut' });
    act(() => root.render(<AuthGate>{<p data-testid="app">app</p>}</AuthGate>));
    expect(ids()).toContain('login-page');
    expect(host.textContent).toContain('Anmelden');
    expect(ids()).not.toContain('app');
    act(() => signInAs(['operator']));
    expect(ids()).toContain('app');
    act(() => sessionLost());
    expect(ids()).toContain('login-page');
  });

  it('tells how long to wait when the server throttles sign-ins (its Retry-After), else the plain message', () => {
    authStore.setState({ status: 'signedOut', failure: 'rateLimited', retryAfter: 8 });
    act(() => root.render(<AuthGate>{<p data-testid="app">app</p>}</AuthGate>));
    const error = () => host.querySelector('[data-testid="login-error"]')?.textContent;
    expect(error()).toBe('Zu viele Anmeldeversuche. Bitte warten Sie 8 s.');
    act(() => authStore.setState({ retryAfter: null }));
    expect(error()).toBe('Zu viele Anmeldeversuche. Bitte warten Sie eine Minute.');
  });

  it('recognises an unauthorised live handshake', () => {
    expect(
      isUnauthorized(Object.assign(new Error('unauthorized: sign in first'), { data: { status: 401 } })),
    ).toBe(true);
    expect(isUnauthorized(new Error('xhr poll error'))).toBe(false);
    expect(isUnauthorized(Object.assign(new Error('forbidden: …'), { data: { status: 403 } }))).toBe(false);
  });
});

describe('role-aware actions', () => {
  const render = () =>
    act(() =>
      root.render(
        <>
          <IncidentActions incident={incident} />
          <UnitActions unit={unit} />
        </>,
      ),
    );

  it.each([
    [['operator'], true],
    [['admin'], true],
    [['wall'], false],
    [['analyst'], false],
  ] as [Role[], boolean][])('%j: command buttons shown = %s', (roles, shown) => {
    act(() => signInAs(roles));
    render();
    const actions = ['details-assign', 'state-select', 'note-input', 'details-acknowledge'];
    for (const id of actions) expect(ids().includes(id), id).toBe(shown);
  });
});
