import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBanners,
  launchBrowser,
  newPage,
  screenshot,
  signIn,
  startTestServer,
  uniqueName,
  visit,
  type TestServer,
} from './helpers';

describe('Imports page', () => {
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

  it('lets an analyst upload a file, see the counts, and open its rejected rows', async () => {
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'analyst');
    await visit(page, '/imports');
    const p = uniqueName('e2e');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lt-e2e-up-')), 'people.csv');
    fs.writeFileSync(
      file,
      `record_id,given_name,middle_name,family_name,birth_date,ssn,address_line1,address_line2,city,state,postal_code,country,phone,email,employer,observed_date
${p}-1,Ana,,Silva,1990-01-01,900-12-3456,1 Main St,,Boston,MA,02110,USA,+16175550101,ana@example.test,Acme,2026-01-01
${p}-2,Jurij,,Petrov,1956-02-30,,2 Elm St,,Boston,MA,02110,USA,,,,2026-01-01
,No,,Id,1990-01-01,,,,,,,,,,,
`,
    );
    await page.getByPlaceholder('Choose the source').click();
    await page.getByRole('option', { name: /commercial/i }).click();
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('button', { name: 'Load' }).click();
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(
      /Read 3 rows: 2 accepted \(1 with flagged fields, kept as received\), 1 rejected/,
    );
    await assertBanners(page);
    await screenshot(page, 'imports-uploaded');
    await page.getByTestId('batches-table').getByText('people.csv').first().click();
    const rejects = page.getByTestId('rejects-table');
    await rejects.waitFor();
    expect(await rejects.innerText()).toContain('missing record_id');
    await screenshot(page, 'imports-rejects');
  });

  it('does not offer Imports to an auditor', async () => {
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'auditor');
    await page.goto('/imports');
    await page
      .getByText(/not permitted|may not|permission/i)
      .first()
      .waitFor();
    await assertBanners(page);
  });
});
