// @vitest-environment happy-dom
// The admin's audit view, rendered against a stand-in for GET /api/v1/audit… that answers like the
// server (server/src/http/auditRoutes.test.ts checks the server itself): newest first with a
// cursor, filters in the query, the chain status, export links, errors shown, German first.
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { authStore } from '../auth/session.ts';
import { settingsStore } from '../stores/settingsStore.ts';
import { AuditView, toFilter } from './AuditView.tsx';
import { AuditLink } from './AuditLink.tsx';
import type { AuditEntry } from './auditApi.ts';
import { isAuditView } from './view.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SERVER = 'http://127.0.0.1:4711';
const entry = (id: number): AuditEntry => ({
  id,
  time: Date.UTC(2026, 10, 26, 10, 0, id),
  actor: id % 2 ? 'anna' : 'system:retention',
  action: id % 2 ? 'replay' : 'retention.run',
  target: `T${id}`,
  details: id % 2 ? { why: 'Nachbereitung' } : {},
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
});
const ALL = Array.from({ length: 150 }, (_, i) => entry(i + 1));

let requests: URL[];
let verifyAnswer: unknown;
let status: number;

function stubServer(): void {
  vi.stubGlobal('fetch', async (input: string) => {
    const url = new URL(input);
    requests.push(url);
    if (status !== 200)
      return new Response(
        JSON.stringify({ error: 'not allowed: the role operator lacks the permission audit.read' }),
        { status },
      );
    if (url.pathname === '/api/v1/audit/verify') return Response.json(verifyAnswer);
    const actor = url.searchParams.get('actor');
    const cursor = Number(url.searchParams.get('cursor') ?? Infinity);
    const limit = Number(url.searchParams.get('limit'));
    const matching = ALL.filter((e) => (!actor || e.actor === actor) && e.id < cursor).reverse();
    const entries = matching.slice(0, limit);
    return Response.json({ entries, nextCursor: entries.length === limit ? entries.at(-1)!.id : null });
  });
}

let root: Root;
let host: HTMLElement;
beforeEach(() => {
  requests = [];
  status = 200;
  verifyAnswer = { ok: true, entries: 150, head: 'c'.repeat(64) };
  settingsStore.getState().setLanguage('de');
  authStore.setState({ ...authStore.getInitialState(), serverUrl: SERVER }, true);
  stubServer();
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.unstubAllGlobals();
});

const q = (id: string) => host.querySelector(`[data-testid="${id}"]`);
const rows = () => [...host.querySelectorAll('[data-testid="audit-row"]')];
const settle = async () => {
  for (let i = 0; i < 5; i++) await act(async () => await new Promise((r) => setTimeout(r, 0)));
};
const click = async (id: string) => {
  await act(async () => (q(id) as HTMLElement).click());
  await settle();
};
const type = async (id: string, value: string) => {
  const input = q(id) as HTMLInputElement;
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
};

describe('AuditView', () => {
  it('shows the newest entries first in German and loads older ones with the cursor', async () => {
    act(() => root.render(<AuditView />));
    await settle();
    expect(host.querySelector('h1')?.textContent).toBe('Audit-Protokoll');
    expect(rows()).toHaveLength(100);
    expect(rows()[0]?.textContent).toContain('150');
    expect(requests[0]?.searchParams.get('order')).toBe('desc');
    expect(q('audit-count')?.textContent).toBe('100 Einträge angezeigt');
    await click('audit-more');
    expect(requests.at(-1)?.searchParams.get('cursor')).toBe('51');
    expect(rows()).toHaveLength(150);
    expect(q('audit-more')).toBeNull();
  });

  it('filters by actor and period; the export links carry the same filter', async () => {
    act(() => root.render(<AuditView />));
    await settle();
    await type('audit-actor', 'system:retention');
    await type('audit-from', '26.11.2026 09:00');
    await click('audit-apply');
    const last = requests.at(-1)!;
    expect(last.searchParams.get('actor')).toBe('system:retention');
    // Typed in German order, read as the control room's time (Berlin, UTC+1 in November).
    expect(Number(last.searchParams.get('from'))).toBe(Date.UTC(2026, 10, 26, 8));
    expect(rows()).toHaveLength(75);
    expect(rows().every((r) => r.textContent?.includes('retention.run'))).toBe(true);
    const csv = new URL((q('audit-export-csv') as HTMLAnchorElement).href);
    expect(csv.pathname).toBe('/api/v1/audit/export');
    expect(csv.searchParams.get('format')).toBe('csv');
    expect(csv.searchParams.get('actor')).toBe('system:retention');
    expect(new URL((q('audit-export-jsonl') as HTMLAnchorElement).href).searchParams.get('format')).toBe(
      'jsonl',
    );
  });

  it('refuses a period that ends before it starts, without asking the server', async () => {
    const berlin = 'Europe/Berlin';
    expect(
      toFilter({ from: '26.11.2026 10:00', to: '26.11.2026 09:00', actor: '', action: '' }, berlin),
    ).toBe('badPeriod');
    // Dates are typed day-first in the UI language; the US order or an ISO value is no date here.
    expect(toFilter({ from: '11/26/2026 10:00', to: '', actor: '', action: '' }, berlin)).toBe('badDateTime');
    // 26.11.2026 10:00 in Berlin (UTC+1 in November) is 09:00 UTC.
    expect(toFilter({ from: '26.11.2026 10:00', to: '', actor: '', action: '' }, berlin)).toEqual({
      from: Date.UTC(2026, 10, 26, 9),
    });
    act(() => root.render(<AuditView />));
    await settle();
    const asked = requests.length;
    await type('audit-from', '26.11.2026 10:00');
    await type('audit-to', '26.11.2026 09:00');
    await click('audit-apply');
    expect(requests).toHaveLength(asked);
    expect(q('audit-error')?.textContent).toMatch(/„Bis“ muss nach „Von“ liegen/);
  });

  it('shows the chain status: intact, or the entry that broke it', async () => {
    act(() => root.render(<AuditView />));
    await settle();
    expect(q('audit-verify-status')?.textContent).toBe('Die Kette wurde noch nicht geprüft.');
    await click('audit-verify');
    expect(q('audit-verify-status')?.textContent).toBe('Hash-Kette intakt: 150 Einträge geprüft.');
    verifyAnswer = { ok: false, entries: 4, problem: 'entry #5 was modified (hash mismatch)' };
    await click('audit-verify');
    expect(q('audit-verify-status')?.textContent).toMatch(/NICHT intakt: entry #5 was modified/);
    expect(q('audit-verify-status')?.className).toBe('audit-broken');
  });

  it("shows the server's refusal, in English when chosen", async () => {
    status = 403;
    settingsStore.getState().setLanguage('en');
    act(() => root.render(<AuditView />));
    await settle();
    expect(host.querySelector('h1')?.textContent).toBe('Audit log');
    expect(q('audit-error')?.textContent).toMatch(/Error from the server: not allowed: .*audit\.read/);
    expect(rows()).toHaveLength(0);
  });
});

describe('AuditLink', () => {
  it('is shown to roles with audit.read only', () => {
    authStore.setState({
      status: 'signedIn',
      me: { user: 'o', kind: 'user', roles: ['operator'], districts: null },
    });
    act(() => root.render(<AuditLink />));
    expect(q('audit-link')).toBeNull();
    act(() => authStore.setState({ me: { user: 'a', kind: 'user', roles: ['admin'], districts: null } }));
    expect(q('audit-link')?.getAttribute('href')).toBe('?view=audit');
    expect(isAuditView('?view=audit')).toBe(true);
    expect(isAuditView('?mode=wall')).toBe(false);
  });
});
