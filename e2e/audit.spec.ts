/**
 * The audit log in the real dashboard, against the real server with retention on: an admin reaches
 * it from the top bar, sees sign-in, retention run and their own viewing recorded (newest first),
 * filters by kind, verifies the hash chain, and downloads a CSV export that records itself.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { LageServer } from './fixtures/lageServer.ts';

let lage: LageServer;
test.beforeAll(async () => {
  lage = await LageServer.start({ args: ['--retention-days', '30'] });
});
test.afterAll(async () => {
  await lage?.stop();
  lage?.removeData();
});

test('an admin opens the audit log from the dashboard, filters, verifies and exports it', async ({
  page,
}) => {
  await lage.open(page, '/');
  await page.getByTestId('audit-link').click();
  await expect(page).toHaveURL(/\?view=audit$/);
  await expect(page.getByRole('heading', { name: 'Audit-Protokoll' })).toBeVisible();
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toContainText('audit.view');
  const actions = await page.locator('[data-testid="audit-row"] td:nth-child(4)').allTextContents();
  expect(actions).toEqual(expect.arrayContaining(['auth.login', 'retention.run', 'audit.view']));

  await page.getByTestId('audit-action').fill('retention.run');
  await page.getByTestId('audit-apply').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('system:retention');
  await expect(rows.first()).toContainText('"trigger":"start"');

  await page.getByTestId('audit-verify').click();
  await expect(page.getByTestId('audit-verify-status')).toHaveText(
    /^Hash-Kette intakt: \d+ Einträge geprüft\.$/,
  );

  await page.getByTestId('audit-action').fill('');
  await page.getByTestId('audit-apply').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('audit-export-csv').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^lagebild-audit-.*\.csv$/);
  const csv = fs
    .readFileSync((await download.path())!, 'utf8')
    .trimEnd()
    .split('\n');
  expect(csv[0]).toBe('id,time,actor,action,target,details,prev_hash,hash');
  expect(csv.at(-1)).toMatch(/,audit\.export,audit log,/);
  expect(csv.some((l) => l.includes(',retention.run,event log,'))).toBe(true);
});

test('a wall principal (no audit.read) opening ?view=audit is refused by the server', async ({ page }) => {
  // Signs in through an admin's one-time wall link, as a wall screen does.
  await lage.open(page, '/?view=audit', { as: 'wall' });
  await expect(page.getByTestId('audit-error')).toContainText('audit.read');
  await expect(page.getByTestId('audit-row')).toHaveCount(0);
});
