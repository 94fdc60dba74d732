import { readFileSync } from 'node:fs';
import path from 'node:path';
import { request, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLASSIFICATION } from '../src/modules/disclosures/pdf-frame';
import { pdfPageTexts } from '../src/modules/disclosures/pdf-text';
import { makeTestPerson, type TestPerson } from '../src/modules/disclosures/test-fixtures';
import { assertBanners, DEMO_PASSWORD, type InProcessServer, launchBrowser, navLabels, newPage, renderPdf, screenshot, signIn, startInProcessServer, visit } from './helpers';

/** The Privacy Office in a browser: find a person, who accessed them, their accounting, a release decision, a disclosure package. */
describe('Privacy Office', () => {
  let server: InProcessServer;
  let browser: Browser;
  let person: TestPerson;

  beforeAll(async () => {
    // In process, so the test can put a synthetic person into the server's own database.
    server = await startInProcessServer();
    person = await makeTestPerson(server.database, 'Yelena');
    // An analyst looks the person up, so there is someone to find in the access log.
    const api = await request.newContext({ baseURL: server.url });
    await api.post('/api/auth/login', { data: { username: 'analyst', password: DEMO_PASSWORD } });
    expect((await api.get(`/api/persons/${person.id}`, { headers: { 'x-purpose': 'Status review of case 2026-114' } })).status()).toBe(200);
    await api.dispose();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openPerson(page: Page): Promise<void> {
    await visit(page, '/privacy');
    await page.getByLabel('Name, date of birth or identifier').fill(person.family);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByTestId('privacy-search-results').getByRole('link', { name: person.name }).click();
    await page.getByRole('heading', { name: person.name }).waitFor();
    await assertBanners(page);
  }

  it('lets a privacy officer find a person and see who has accessed them', async () => {
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'privacy');
    expect(await navLabels(page)).toContain('Privacy Office');
    await openPerson(page);
    await page.getByRole('tab', { name: 'Who has accessed' }).click();
    const users = page.getByTestId('access-users');
    await users.waitFor();
    expect(await users.innerText()).toMatch(/analyst\s+1\s/);
    expect(await page.getByTestId('access-events').innerText()).toContain('Status review of case 2026-114');
    await screenshot(page, 'privacy-access-log');
  });

  it('discloses under routine use G, downloads the package PDF and shows the accounting', async () => {
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'privacy');
    await openPerson(page);
    await page.getByRole('button', { name: 'Disclose…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Recipient agency').fill('Springfield Police Department');
    await dialog.getByLabel('Recipient name').fill('Det. Casey Marsh');
    await dialog.getByLabel('Recipient address').fill('100 Main Street, Springfield, IL 62701');
    await dialog.getByLabel(/^Legal basis/).click();
    await page.getByRole('option', { name: /Routine use G/ }).click();
    await dialog.getByTestId('basis-text').waitFor();
    await dialog.getByLabel('Purpose').fill('Referral of a suspected overstay for investigation');
    await screenshot(page, 'privacy-disclose-dialog');
    await dialog.getByRole('button', { name: 'Disclose and produce the package' }).click();
    const done = dialog.getByTestId('disclosure-done');
    await done.waitFor();
    const ref = /Disclosure (DSC-\d{4}-\d{6}) recorded/.exec(await done.innerText())?.[1];
    expect(ref).toBeDefined();
    await screenshot(page, 'privacy-disclosed');

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('link', { name: 'Download package (PDF)' }).click()]);
    const file = path.join(server.dataDir, `${ref}.pdf`);
    await download.saveAs(file);
    const pages = pdfPageTexts(readFileSync(file));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const [i, text] of pages.entries()) {
      expect(text.split(CLASSIFICATION).length - 1).toBe(2);
      expect(text).toContain(`Disclosure ${ref} · page ${i + 1} of ${pages.length}`);
    }
    expect(pages.join('\n')).toContain(person.passport);
    expect(renderPdf(readFileSync(file), 'privacy-package-page', { first: 1, last: 2 })).toHaveLength(2);

    await dialog.getByRole('button', { name: 'Close' }).click();
    const table = page.getByTestId('accounting-table');
    await table.waitFor();
    expect(await table.innerText()).toMatch(/Springfield Police Department[\s\S]*Routine use G[\s\S]*Undecided/i);
    await assertBanners(page);
    await screenshot(page, 'privacy-accounting');

    const [accounting] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Accounting (PDF)' }).click()]);
    const accountingFile = path.join(server.dataDir, 'accounting.pdf');
    await accounting.saveAs(accountingFile);
    const accountingText = pdfPageTexts(readFileSync(accountingFile)).join('\n');
    expect(accountingText).toContain(`Accounting of disclosures · person ${person.id}`);
    expect(accountingText).toContain('Det. Casey Marsh, 100 Main Street, Springfield, IL 62701');
    expect(renderPdf(readFileSync(accountingFile), 'privacy-accounting-pdf', { first: 1, last: 1 })).toHaveLength(1);
  });

  it('records a release decision and shows what may be released', async () => {
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'privacy');
    await openPerson(page);
    await page.getByRole('tab', { name: 'Release to the individual' }).click();
    await expect.poll(async () => page.getByTestId('release-view').innerText()).toMatch(/No release decision/);
    await page.getByLabel('Reason').fill('Referral still open: release would alert the subject.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByTestId('decision-saved').waitFor();
    await expect.poll(async () => page.getByTestId('release-view').innerText()).toMatch(/withhold[\s\S]*\(j\)\(2\)/);
    await screenshot(page, 'privacy-release-decision');
  });

  it('does not open the Privacy Office to an analyst', async () => {
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'analyst');
    expect(await navLabels(page)).not.toContain('Privacy Office');
    await page.goto('/privacy');
    await page.getByText(/not permitted|may not|permission/i).first().waitFor();
    await assertBanners(page);
  });
});
