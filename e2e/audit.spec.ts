import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBanners,
  DEMO_PASSWORD,
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

interface Row {
  actor: string;
  action: string;
  outcome: string;
}

async function auditRows(page: Page): Promise<Row[]> {
  await page.getByTestId('audit-table').waitFor();
  return page.getByTestId('audit-row').evaluateAll((rows) =>
    rows.map((row) => {
      const cell = (id: string) =>
        row.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? '';
      return {
        actor: cell('audit-actor'),
        action: cell('audit-action'),
        outcome: cell('audit-outcome'),
      };
    }),
  );
}

async function applyUserFilter(page: Page, username: string): Promise<void> {
  await page.getByRole('combobox', { name: 'User', exact: true }).fill(username);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForURL((url) => url.searchParams.get('actor') === username);
}

describe('the audit trail in the browser', () => {
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

  it('shows an auditor failed and successful sign-ins, filtered by user, and verifies the chain', async () => {
    const analyst = await newPage(browser, server.url);
    await visit(analyst.page, '/sign-in');
    await fillSignIn(analyst.page, 'analyst', 'wrong-password');
    await analyst.page.getByTestId('sign-in-error').waitFor();
    await fillSignIn(analyst.page, 'analyst', DEMO_PASSWORD);
    await analyst.page.getByTestId('main-nav').waitFor();
    await analyst.context.close();

    const { context, page } = await newPage(browser, server.url);
    await signIn(page, 'auditor');
    expect(await navLabels(page)).toEqual(['Home', 'Audit']);
    await page.getByTestId('main-nav').getByRole('link', { name: 'Audit' }).click();
    const all = await auditRows(page);
    const logins = all.filter((r) => r.action === 'auth.login');
    expect(logins).toContainEqual({ actor: 'analyst', action: 'auth.login', outcome: 'failure' });
    expect(logins).toContainEqual({ actor: 'analyst', action: 'auth.login', outcome: 'success' });
    expect(logins).toContainEqual({ actor: 'auditor', action: 'auth.login', outcome: 'success' });
    await assertBanners(page);
    await screenshot(page, 'audit-events');

    await applyUserFilter(page, 'analyst');
    await page.getByTestId('audit-count').getByText('matching the filters').waitFor();
    const filtered = await auditRows(page);
    expect(filtered.length).toBeGreaterThanOrEqual(2);
    expect(new Set(filtered.map((r) => r.actor))).toEqual(new Set(['analyst']));
    expect(filtered.map((r) => r.outcome)).toEqual(expect.arrayContaining(['success', 'failure']));

    await page
      .getByRole('button', { name: /^Show details of event/ })
      .first()
      .click();
    const details = page.getByTestId('audit-details').first();
    await details.waitFor();
    expect(await details.innerText()).toContain('"username"');
    await screenshot(page, 'audit-filtered');

    await page.getByRole('button', { name: 'Verify chain' }).click();
    const verdict = page.getByTestId('verify-result');
    await verdict.waitFor();
    expect(await verdict.innerText()).toMatch(/intact/i);
    await screenshot(page, 'audit-verify');
    await context.close();
  });

  it('filters by time range from the address, and says when nothing matches', async () => {
    const { context, page } = await newPage(browser, server.url);
    await signIn(page, 'auditor');
    await visit(page, '/audit?from=2099-01-01T00:00:00.000Z');
    await page.getByTestId('audit-empty').getByText('Nothing matches these filters').waitFor();
    expect(await page.getByRole('textbox', { name: 'From (UTC)' }).count()).toBe(0);
    expect(await page.getByLabel('From (UTC)').innerText()).toContain('2099-01-01 00:00');

    await visit(page, '/audit?to=2000-01-01T00:00:00.000Z&from=1999-01-01T00:00:00.000Z');
    await page.getByTestId('audit-empty').waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForURL((url) => url.search === '');
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByTestId('audit-row').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('pages through more events than fit on one page with "Load more"', async () => {
    // Unknown usernames never lock, and their failures are recorded under the name tried.
    const stranger = uniqueName('nobody');
    const { context, page } = await newPage(browser, server.url);
    for (let i = 0; i < 55; i++) {
      const res = await page.request.post('/api/auth/login', {
        data: { username: stranger, password: 'x' },
      });
      expect(res.status()).toBe(401);
    }
    await signIn(page, 'admin');
    await visit(page, `/audit?actor=${stranger}`);
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByTestId('audit-row').count()).toBe(50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.getByTestId('audit-count').getByText('end of the trail').waitFor();
    const rows = await auditRows(page);
    expect(rows).toHaveLength(55);
    expect(rows.every((r) => r.actor === stranger && r.outcome === 'failure')).toBe(true);
    expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    await context.close();
  });
});
