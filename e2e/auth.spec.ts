import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBanners,
  createUserViaApi,
  DEMO_PASSWORD,
  fillSignIn,
  launchBrowser,
  navLabels,
  newPage,
  screenshot,
  signIn,
  signOut,
  startTestServer,
  uniqueName,
  visit,
  type TestServer,
} from './helpers';

describe('sign-in, navigation by role, sign-out', () => {
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

  it('sends a visitor to the sign-in page, which carries the banner and the LeadTrac title', async () => {
    const { context, page } = await newPage(browser, server.url);
    await page.goto('/leads');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await assertBanners(page);
    expect(await page.title()).toMatch(/^LeadTrac/);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await screenshot(page, 'sign-in');
    await context.close();
  });

  it('says so when the password is wrong, and stays on the sign-in page', async () => {
    const { context, page } = await newPage(browser, server.url);
    await visit(page, '/sign-in');
    await fillSignIn(page, 'supervisor', 'not-the-password');
    const error = page.getByTestId('sign-in-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.innerText()).toContain('Wrong username or password');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    // The password field is cleared so the user retypes it rather than resubmitting.
    expect(await page.getByLabel(/^Password/).inputValue()).toBe('');
    await assertBanners(page);
    await screenshot(page, 'sign-in-wrong-password');
    await context.close();
  });

  it("explains a locked account with the server's message", async () => {
    // A throwaway account, so a shared database (DATABASE_URL) keeps its demo accounts usable.
    const username = uniqueName('locked');
    await createUserViaApi(server.url, {
      username,
      displayName: 'Lockout Testcase',
      roles: ['records_officer'],
      password: 'Right-pass-2026!',
    });
    const { context, page } = await newPage(browser, server.url);
    // The server locks an account after repeated failures (LOGIN_MAX_FAILURES, 5 by default).
    for (let i = 0; i < 5; i++) {
      await page.request.post('/api/auth/login', { data: { username, password: 'guess' } });
    }
    await visit(page, '/sign-in');
    await fillSignIn(page, username, 'Right-pass-2026!');
    const error = page.getByTestId('sign-in-error');
    await error.waitFor();
    const text = await error.innerText();
    expect(text).toMatch(/Account locked/);
    expect(text).toMatch(/locked after repeated failed sign-ins/);
    await screenshot(page, 'sign-in-locked');
    await context.close();
  });

  it('goes to sign-in when the session ends, and back to the page afterwards', async () => {
    const { context, page } = await newPage(browser, server.url);
    await signIn(page, 'auditor');
    // The server forgets the session; the next API call answers 401.
    await context.clearCookies();
    await page.getByTestId('main-nav').getByRole('link', { name: 'Audit' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByTestId('session-expired').waitFor();
    await assertBanners(page);
    await fillSignIn(page, 'auditor', DEMO_PASSWORD);
    await page.waitForURL((url) => url.pathname === '/audit');
    await page.getByTestId('audit-table').waitFor();
    await context.close();
  });

  it('shows an analyst only their areas, and refuses /admin and /audit with a not-permitted page', async () => {
    const { context, page } = await newPage(browser, server.url);
    await signIn(page, 'analyst');
    expect(await navLabels(page)).toEqual([
      'Home',
      'Search',
      'Leads',
      'Status',
      'Organizations',
      'Imports',
      'Match review',
    ]);
    expect(await page.getByTestId('user-display-name').innerText()).toContain('Dana Analyst');
    expect(await page.getByTestId('user-roles').innerText()).toMatch(/analyst/i);
    expect(await page.title()).toMatch(/^LeadTrac/);
    await screenshot(page, 'analyst-home');

    await page.getByTestId('main-nav').getByRole('link', { name: 'Search' }).click();
    await page.waitForURL((url) => url.pathname === '/search');
    await page.getByRole('form', { name: 'Search' }).getByLabel('Name, date of birth or identifier').waitFor();
    await assertBanners(page);
    await screenshot(page, 'analyst-search');

    for (const pathname of ['/admin', '/audit']) {
      await visit(page, pathname);
      const refused = page.getByTestId('not-permitted');
      await refused.waitFor();
      expect(await refused.innerText()).toMatch(/not permitted/i);
      expect(await navLabels(page)).not.toContain(pathname === '/admin' ? 'Admin' : 'Audit');
      if (pathname === '/admin') await screenshot(page, 'analyst-admin-not-permitted');
    }

    await visit(page, '/no-such-page');
    await page.getByTestId('not-found').waitFor();
    await context.close();
  });

  it('shows a field agent only Leads, with their field office', async () => {
    const { context, page } = await newPage(browser, server.url);
    await signIn(page, 'agent');
    expect(await navLabels(page)).toEqual(['Home', 'Leads']);
    expect(await page.getByTestId('user-display-name').innerText()).toContain('NYC');
    await context.close();
  });

  it('signs out back to the sign-in page, and the old session no longer opens pages', async () => {
    const { context, page } = await newPage(browser, server.url);
    await signIn(page, 'supervisor');
    await visit(page, '/status');
    await page.getByTestId('no-runs').waitFor();
    await signOut(page);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.goto('/status');
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await assertBanners(page);
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
    await context.close();
  });
});
