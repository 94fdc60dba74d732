import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRows, makeEntity, randomDigits, uniqueSurname } from '../src/modules/search/test-world';
import { assertBanners, BANNER_TEXT, type InProcessServer, launchBrowser, navLabels, newPage, screenshot, signIn, signOut, startInProcessServer, uniqueName, visit } from './helpers';

/**
 * Issue 6, done when: a field agent cannot see an unreferred subject. The demo field agent (`agent`,
 * office NYC) has no Search, is refused an unreferred person's profile, sees the subject of a lead
 * referred to NYC on the lead page (the referral is their assignment: the SSN shows), and finds
 * nothing at a lead referred to another office.
 */
describe('Need to know: a field agent sees only what was referred to their office', () => {
  let server: InProcessServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const ssn = `9${randomDigits(2)}-${randomDigits(2)}-${randomDigits(4)}`;
  const family = uniqueSurname().latin;
  const ids = { referred: '', unreferred: '', nycLead: '', bosLead: '' };

  async function person(given: string, withSsn: string | null): Promise<string> {
    const db = server.database;
    const a = await ingestRows(db, 'adis-arrivals', [{ record_id: 'A1', admission_number: randomDigits(11), family_name: family, given_name: given, birth_date: '1992-05-17', citizenship_country: 'BRA', passport_number: `P${randomDigits(7)}`, passport_country: 'BRA', class_of_admission: 'F1', admission_date: '2024-08-19' }]);
    const refs = [a.refs['A1']!];
    if (withSsn) refs.push((await ingestRows(db, 'public', [{ record_id: 'P1', family_name: family, given_name: given, ssn: withSsn, address_line1: '12 Grove Street', city: 'Jersey City', state: 'NJ', postal_code: '07302', country: 'USA' }])).refs['P1']!);
    return makeEntity(db, { displayName: `${given} ${family}`, links: refs.map((ref) => ({ ref })) });
  }

  async function lead(subjectId: string, name: string, office: string): Promise<string> {
    const [row] = await server.database.transaction((tx) =>
      tx.query<{ id: string }>(
        `INSERT INTO leads (number, subject_type, subject_id, subject_name, lead_type, priority, state, title, owner_id, field_office, due_date)
         SELECT $1, 'person', $2::uuid, $3, 'STATUS_VIOLATION', 'HIGH', 'referred', $4, u.id, $5, '2030-01-01' FROM users u WHERE u.username = 'analyst'
         RETURNING id::text AS id`,
        [uniqueName('LT-E2E-').toUpperCase(), subjectId, name, `Suspected overstay of ${name}`, office],
      ),
    );
    return row!.id;
  }

  beforeAll(async () => {
    // In process, so the test can plant its synthetic subjects and leads in the server's database.
    server = await startInProcessServer();
    ids.referred = await person('Marisol', ssn);
    ids.unreferred = await person('Tomasz', null);
    const other = await person('Kwame', null);
    ids.nycLead = await lead(ids.referred, `Marisol ${family}`, 'NYC');
    ids.bosLead = await lead(other, `Kwame ${family}`, 'BOS');
    browser = await launchBrowser();
    ({ context, page } = await newPage(browser, server.url));
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('has no Search in the navigation', async () => {
    await signIn(page, 'agent');
    const labels = await navLabels(page);
    expect(labels).toContain('Leads');
    expect(labels).not.toContain('Search');
    await screenshot(page, 'need-to-know-agent-home');
  });

  it('is refused the profile of an unreferred subject (not permitted)', async () => {
    await visit(page, `/search/persons/${ids.unreferred}`);
    await page.getByTestId('not-permitted').waitFor();
    expect(await page.getByTestId('not-permitted').innerText()).toContain('You are not permitted to use Search');
    expect(await page.content()).not.toContain(`Tomasz ${family}`);
    await screenshot(page, 'need-to-know-agent-profile-refused');
  });

  it('sees a lead referred to NYC with its subject, the SSN shown through the assignment', async () => {
    await visit(page, `/leads/${ids.nycLead}`);
    const panel = page.getByTestId('lead-subject');
    await panel.waitFor();
    await assertBanners(page);
    expect(await page.getByTestId('lead-subject-names').innerText()).toContain(family);
    expect(await page.getByTestId('lead-subject-identifiers').innerText()).toContain(ssn);
    expect(await page.getByTestId('lead-subject-basis').innerText()).toMatch(/^Need to know: lead:LT-E2E-/i);
    await page.getByTestId('assignment-notice').waitFor();
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'need-to-know-agent-lead');
  });

  it('finds nothing at a lead referred to another office', async () => {
    await visit(page, `/leads/${ids.bosLead}`);
    await page.getByTestId('lead-not-found').waitFor();
    expect(await page.getByTestId('lead-not-found').innerText()).toContain('Lead not found');
    expect(await page.content()).not.toContain(`Kwame ${family}`);
    await screenshot(page, 'need-to-know-agent-lead-not-found');
  });

  it('shows the auditor an alert for the refused read, linked to its events, and an extract to download', async () => {
    await signOut(page);
    await signIn(page, 'auditor');
    await visit(page, '/audit');
    await page.getByRole('tab', { name: 'Alerts' }).click();
    const row = page.getByTestId('alert-row').filter({ hasText: 'agent' }).filter({ hasText: 'Outside office' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Field agent refused');
    await screenshot(page, 'need-to-know-audit-alerts');
    await row.getByRole('link', { name: 'Show events' }).click();
    await page.getByTestId('audit-table').waitFor();
    expect(new URL(page.url()).searchParams.get('actor')).toBe('agent');
    expect(await page.getByTestId('audit-table').innerText()).toContain('access.denied');
    await assertBanners(page);
    await screenshot(page, 'need-to-know-audit-alert-events');
    const href = await page.getByTestId('audit-extract').getAttribute('href');
    expect(href).toContain('actor=agent');
    const csv = await (await page.request.get(href!)).text();
    expect(csv.split('\n')[0]).toBe(BANNER_TEXT);
    expect(csv).toContain(',agent,access.denied,denied,');
  });
});
