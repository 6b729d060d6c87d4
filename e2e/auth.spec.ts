/**
 * Sign-in in the real dashboard: without a session the login page shows (German first) and the
 * live connection stays shut; a wrong password is refused clearly; the local user's credential signs
 * in and the dashboard goes live with user name and sign-out; sign-out returns to the login page.
 * A wall opened through an admin's one-time link is a wall principal: no command buttons, no
 * personal data. The one-time link `npm run serve` prints works once.
 */
import { expect, test } from '@playwright/test';
import { LageServer } from './fixtures/lageServer.ts';
import { waitForMap } from './fixtures/dashboard.ts';

let lage: LageServer;
test.beforeAll(async () => {
  lage = await LageServer.start({ simulate: true, units: 20 });
});
test.afterAll(async () => {
  await lage?.stop();
  lage?.removeData();
});

test('login page, wrong password, sign-in, live dashboard, sign-out', async ({ page }) => {
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await lage.open(page, '/', { as: 'nobody' });
  await expect(page.getByTestId('login-page')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
  expect(sockets).toEqual([]);

  await page.getByTestId('login-user').fill('leitstelle');
  await page.getByTestId('login-password').fill('falsches-passwort-123');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveText('Benutzername oder Passwort falsch.');

  const { user, password } = lage.credential();
  await page.getByTestId('login-user').fill(user);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await waitForMap(page);
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('user-name')).toHaveText('leitstelle');
  const cookies = await page.context().cookies();
  // Named after the server's port (shared/src/sessionCookie.ts): other services on the host never see it.
  const port = new URL(lage.url).port;
  expect(cookies.find((c) => c.name === `lagebild_session_${port}`)).toMatchObject({
    httpOnly: true,
    sameSite: 'Strict',
  });

  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-page')).toBeVisible();
  expect(await page.evaluate(async () => (await fetch('/api/v1/snapshot')).status)).toBe(401);
});

test('a session ended elsewhere signs the dashboard out at once (signedOut), without knocking again', async ({
  page,
  context,
}) => {
  // Socket.IO handshakes (a first request without a sid): each is one connection attempt.
  const handshakes: number[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/socket.io/') && !url.searchParams.has('sid')) handshakes.push(Date.now());
  });
  await lage.open(page, '/');
  await waitForMap(page);
  await expect(page.getByTestId('connection-indicator')).toHaveAttribute('data-state', 'live');
  // The same session signs out in a second tab: the server ends it and tells the first tab's socket.
  const other = await context.newPage();
  await other.goto(`${lage.url}/api/v1/health`);
  const loggedOutAt = Date.now();
  const status = await other.evaluate(
    async () => (await fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'include' })).status,
  );
  expect(status).toBeLessThan(300);
  await expect(page.getByTestId('login-page')).toBeVisible();
  // Told by the server, the dashboard shows the sign-in without first trying to connect again
  // (before `signedOut` it reconnected, was refused, and only then signed out).
  expect(handshakes.filter((t) => t >= loggedOutAt)).toEqual([]);
  await other.close();
});

test('a wall signed in with a one-time link: live, read-only, no personal data', async ({ page }) => {
  await lage.ingest('incidents', [
    {
      id: 'AUTH-E1',
      type: 'einbruch',
      priority: 1,
      lat: 50.94,
      lon: 6.95,
      description: 'Geheime Beschreibung AUTH',
      caller: { name: 'Anrufer Geheim AUTH', phone: '0221 000111' },
    },
  ]);
  await lage.open(page, '/?mode=wall&layout=einsaetze', { as: 'wall' });
  await expect(page).toHaveURL(/mode=wall/);
  await expect(page.getByTestId('wall-live')).toBeVisible({ timeout: 60_000 });
  const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
  expect(me).toMatchObject({ user: 'wall', roles: ['wall'] });
  const snapshot = await page.evaluate(async () => (await fetch('/api/v1/snapshot')).text());
  expect(snapshot).toContain('AUTH-E1');
  expect(snapshot).not.toContain('Geheim');
  await expect(page.locator('body')).not.toContainText('Geheim');
  // The wall's session may not do what an operator does.
  expect(
    await page.evaluate(async () => (await fetch('/api/v1/geocode/reverse?lat=50.9&lon=6.9')).status),
  ).toBe(403);
});

test('the one-time link printed at start signs in once', async ({ page, browser }) => {
  const printed = /Sign in \(once, within 10 min\): (\S+)/.exec(lage.log.join(''))?.[1];
  expect(printed).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\/once\?code=/);
  await page.goto(printed!);
  await waitForMap(page);
  await expect(page.getByTestId('user-name')).toHaveText('leitstelle');
  const other = await browser.newContext();
  try {
    const res = await (await other.newPage()).goto(printed!);
    expect(res?.status()).toBe(401);
  } finally {
    await other.close();
  }
});
