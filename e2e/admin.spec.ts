import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBanners,
  fillSignIn,
  launchBrowser,
  navLabels,
  newPage,
  screenshot,
  signIn,
  startTestServer,
  uniqueName,
  visit,
  type TestServer,
} from './helpers';

async function pickRole(page: Page, label: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Roles/).click();
  await page.getByRole('option', { name: label, exact: true }).click();
  // The list stays open for more picks; leaving the field closes it.
  await page.keyboard.press('Tab');
  await page.getByRole('listbox').waitFor({ state: 'hidden' });
}

async function rowAction(page: Page, username: string, action: string): Promise<void> {
  await page.getByRole('button', { name: `Actions for ${username}` }).click();
  await page.getByRole('menuitem', { name: action }).click();
}

function userRow(page: Page, username: string) {
  return page.locator(`tr[data-username="${username}"]`);
}

describe('administration of user accounts', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows an administrator Admin and Audit but not Search', async () => {
    const { context, page } = await newPage(browser, server.url);
    await signIn(page, 'admin');
    const labels = await navLabels(page);
    expect(labels).toEqual(['Home', 'Audit', 'Admin']);
    expect(labels).not.toContain('Search');
    await visit(page, '/search');
    await page.getByTestId('not-permitted').waitFor();
    await context.close();
  });

  it('creates a user, edits roles, resets the password, disables the account', async () => {
    const username = uniqueName('jtest');
    const { context, page } = await newPage(browser, server.url);
    await signIn(page, 'admin');
    await page.getByTestId('main-nav').getByRole('link', { name: 'Admin' }).click();
    await userRow(page, 'analyst').waitFor();
    expect(await userRow(page, 'agent').innerText()).toContain('NYC');
    await assertBanners(page);

    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Username/).fill(username);
    await dialog.getByLabel('Display name').fill('Jordan Testcase');
    await pickRole(page, 'Analyst');
    await dialog.getByLabel('Field office').fill('BOS');
    await dialog.getByLabel('Initial password').fill('First-pass-2026!');
    await screenshot(page, 'admin-create-user');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await page.getByTestId('admin-notice').getByText(`Created ${username}`).waitFor();
    const row = userRow(page, username);
    await row.waitFor();
    expect(await row.innerText()).toMatch(
      /Jordan Testcase[\s\S]*Analyst[\s\S]*BOS[\s\S]*Active[\s\S]*Never/i,
    );

    await rowAction(page, username, 'Edit roles and office');
    await pickRole(page, 'Supervisor');
    await page.getByRole('dialog').getByRole('button', { name: 'Save changes' }).click();
    await row.getByText('Supervisor').waitFor();

    await rowAction(page, username, 'Reset password');
    const reset = page.getByRole('dialog');
    await reset.getByLabel(/^New password/).fill('Second-pass-2026!');
    await reset.getByLabel('Confirm new password').fill('Second-pass-2026!');
    await reset.getByRole('button', { name: 'Reset password' }).click();
    await page.getByTestId('admin-notice').getByText(`Password reset for ${username}`).waitFor();

    // The new account works with the new password and has the union of its roles' areas.
    const other = await newPage(browser, server.url);
    await signIn(other.page, username, 'Second-pass-2026!');
    expect(await navLabels(other.page)).toEqual([
      'Home',
      'Search',
      'Leads',
      'Status',
      'Organizations',
      'Imports',
      'Match review',
    ]);
    await other.context.close();

    await rowAction(page, username, 'Disable account');
    await page.getByRole('dialog').getByRole('button', { name: 'Disable account' }).click();
    await row.getByTestId('user-status').getByText('Disabled').waitFor();
    await screenshot(page, 'admin-users');

    const refused = await newPage(browser, server.url);
    await visit(refused.page, '/sign-in');
    await fillSignIn(refused.page, username, 'Second-pass-2026!');
    const error = refused.page.getByTestId('sign-in-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/disabled/i);
    await screenshot(refused.page, 'sign-in-disabled');
    await refused.context.close();

    await rowAction(page, username, 'Enable account');
    await row.getByTestId('user-status').getByText('Active').waitFor();
    await context.close();
  });

  it("shows the server's validation errors", async () => {
    const { context, page } = await newPage(browser, server.url);
    await signIn(page, 'admin');
    await visit(page, '/admin');
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Username/).fill('analyst');
    await dialog.getByLabel('Display name').fill('Duplicate Person');
    await pickRole(page, 'Auditor');
    await dialog.getByLabel('Initial password').fill('Some-pass-2026!');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    const error = dialog.getByTestId('api-error');
    await error.waitFor();
    expect((await error.innerText()).length).toBeGreaterThan(20);

    await dialog.getByLabel(/^Username/).fill('no spaces allowed');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await error
      .getByText(/username/i)
      .first()
      .waitFor();
    await screenshot(page, 'admin-validation-error');
    await context.close();
  });
});
