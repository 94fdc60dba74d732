import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBanners, type InProcessServer, launchBrowser, newPage, screenshot, signIn, startInProcessServer, visit } from './helpers';
import { loadSearchWorld, type SearchWorld } from './search-world';

/** One keyboard slip in the middle of a name: 'Hernandez' → 'Hernnadez'. */
function misspell(word: string): string {
  const i = Math.max(1, Math.floor(word.length / 2) - 1);
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

describe('search and profiles in the browser', () => {
  let server: InProcessServer;
  let browser: Browser;
  let world: SearchWorld;

  beforeAll(async () => {
    server = await startInProcessServer();
    world = await loadSearchWorld(server.database, path.join(server.dataDir, 'world'));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds a misspelled name in another order, explains the match, and opens the profile', async () => {
    const { context, page } = await newPage(browser, server.url);
    await signIn(page, 'analyst');
    await page.getByTestId('main-nav').getByRole('link', { name: 'Search' }).click();
    const q = `${misspell(world.student.family)} ${world.student.given}`;
    await page.getByLabel('Name, date of birth or identifier').fill(q);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByTestId('search-result').first().waitFor();
    const hrefs = await page.getByTestId('result-name').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(hrefs).toContain(`/search/persons/${world.student.entityId}`);
    const reasons = await page.getByTestId('result-reasons').first().innerText();
    expect(reasons).toMatch(/name: trigram \d\.\d\d on '.*'/);
    await assertBanners(page);
    await screenshot(page, 'search-results');

    await page.locator(`a[href="/search/persons/${world.student.entityId}"]`).first().click();
    await page.getByTestId('person-profile').waitFor();
    await page.getByTestId('identity').waitFor();
    expect(await page.getByTestId('sevis').innerText()).toMatch(/SEVIS/);
    const masked = await page.getByTestId('masked-notice').innerText();
    expect(masked).toMatch(/Social Security numbers/);
    expect(await page.getByTestId('identifiers').innerText()).toMatch(/\*\*\*-\*\*-\d{4}/);
    await assertBanners(page);
    await screenshot(page, 'person-profile-masked');

    await page.getByTestId('identity').getByTestId('source-badge').first().click();
    await page.getByTestId('record-drawer').waitFor();
    expect(await page.getByTestId('record-drawer').innerText()).toMatch(/Versions/);
    await screenshot(page, 'person-record-drawer');
    await page.keyboard.press('Escape');
    await page.getByTestId('record-drawer').waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'State a purpose' }).click();
    await page.getByRole('textbox', { name: 'Purpose' }).fill('Case 2026-0412: status violation review');
    await page.getByRole('button', { name: 'State purpose' }).click();
    await page.getByTestId('purpose-stated').waitFor();
    // A purpose opens the SSN; marked records (call records, named tipsters) stay withheld from an analyst.
    await page.getByTestId('masked-notice').filter({ hasText: 'Social Security numbers' }).waitFor({ state: 'detached' });
    expect(await page.getByTestId('identifiers').innerText()).toMatch(/\b\d{3}-\d{2}-\d{4}\b/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'person-profile-purpose');

    await page.getByTestId('organizations').getByRole('link').first().click();
    await page.getByTestId('organization-profile').waitFor();
    expect(await page.getByTestId('students-by-status').innerText()).toMatch(/[A-Z]+ \d+/);
    await assertBanners(page);
    await screenshot(page, 'organization-profile-top');
    await page.getByTestId('students').scrollIntoViewIfNeeded();
    await screenshot(page, 'organization-profile');
    await context.close();
  });

  it('keeps a field agent out of search', async () => {
    const { context, page } = await newPage(browser, server.url);
    await signIn(page, 'agent');
    await visit(page, '/search');
    await page.getByText(/not permitted|may not/i).first().waitFor();
    const res = await page.request.get('/api/search?q=garcia');
    expect(res.status()).toBe(403);
    await context.close();
  });
});
