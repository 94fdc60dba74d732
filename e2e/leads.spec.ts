import { readFileSync } from 'node:fs';
import path from 'node:path';
import { request, type APIRequestContext, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/http/server';
import { pdfPageTexts } from '../src/modules/disclosures/pdf-text';
import { loadDemoWorld } from '../src/modules/demo/demo-load';
import { CLASSIFICATION } from '../src/modules/leads/referral-data';
import { runResolve } from '../src/modules/resolve';
import { runAssessment } from '../src/modules/status';
import { systemContext } from '../src/shared/context';
import { assertBanners, DEMO_PASSWORD, type InProcessServer, launchBrowser, newPage, renderPdf, screenshot, signIn, signOut, startInProcessServer, visit } from './helpers';

interface Violator {
  id: string;
  name: string;
}

/** The highest-risk suspected violator of the run who has no open lead yet (the world may be reused). */
async function topViolator(server: RunningServer): Promise<Violator> {
  const rows = await server.database.transaction((tx) =>
    tx.query<Violator>(
      `SELECT r.entity_id::text AS id, e.display_name AS name FROM status_risks r JOIN entities e ON e.id = r.entity_id
       WHERE r.run_id = (SELECT id FROM status_runs WHERE superseded_at IS NULL AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1)
         AND 'SUSPECTED_IN_COUNTRY_OVERSTAY' = ANY(r.violations)
         AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.subject_id = r.entity_id AND l.state <> 'closed')
       ORDER BY r.score DESC, r.person_key LIMIT 1`,
    ),
  );
  if (!rows[0]) throw new Error('the demo world has no suspected in-country overstay without a lead');
  return rows[0];
}

async function act(page: Page, action: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
  await page.getByTestId('lead-actions').getByRole('button', { name: action }).click();
  const dialog = page.getByRole('dialog', { name: action });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: action }).click();
  await page.getByTestId('lead-notice').waitFor();
  await dialog.waitFor({ state: 'detached' });
}

async function openFromQueue(page: Page, tab: RegExp, number: string): Promise<void> {
  await visit(page, '/leads');
  await page.getByRole('tab', { name: tab }).click();
  await page.getByTestId(`lead-row-${number}`).getByRole('link', { name: number }).click();
  await page.getByTestId('lead-summary').waitFor();
  await assertBanners(page);
}

/** Waits until the lead page shows this state (the page refreshes after each move). */
async function expectState(page: Page, label: string): Promise<void> {
  await page.getByTestId('lead-state').filter({ hasText: new RegExp(`^${label}$`, 'i') }).waitFor();
}

interface PlantedOverlap {
  kind: string;
  persons: string[];
  value?: string | null;
  school_code?: string;
}

/** The entity each true person of the world was resolved to (the one most of their records link to). */
async function entitiesOfTruePersons(server: RunningServer, worldDir: string): Promise<Map<string, string>> {
  const truth = readFileSync(path.join(worldDir, 'ground-truth', 'persons.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const links = await server.database.transaction((tx) =>
    tx.query<{ key: string; entity_id: string }>(`SELECT r.source || '|' || r.record_id AS key, l.entity_id::text AS entity_id
       FROM record_links l JOIN source_records r ON r.id = l.source_record_id WHERE l.role = 'subject'`),
  );
  const entityOf = new Map(links.map((l) => [l.key, l.entity_id]));
  const votes = new Map<string, Map<string, number>>();
  for (const [source, recordId, person, role] of truth) {
    const entity = role === 'subject' ? entityOf.get(`${source}|${recordId}`) : undefined;
    if (!person || !entity) continue;
    const v = votes.get(person) ?? new Map<string, number>();
    v.set(entity, (v.get(entity) ?? 0) + 1);
    votes.set(person, v);
  }
  return new Map([...votes].map(([person, v]) => [person, [...v].sort((a, b) => b[1] - a[1])[0]![0]]));
}

async function apiAs(baseURL: string, username: string): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await request.newContext({ baseURL });
  const login = await api.post('/api/auth/login', { data: { username, password: DEMO_PASSWORD } });
  return { api, csrf: ((await login.json()) as { csrfToken: string }).csrfToken };
}

/**
 * Issue 7, done when: a lead goes from a status finding to a field-office outcome in the browser,
 * by three different users. A small synthetic world is loaded, resolved and assessed first.
 */
describe('Leads: from a status finding to a field-office outcome', () => {
  let server: InProcessServer;
  let browser: Browser;
  let subject: Violator;
  let worldDir: string;

  beforeAll(async () => {
    // In process, so the test can load the synthetic world into the server's own database.
    server = await startInProcessServer();
    worldDir = path.join(server.dataDir, 'world');
    await loadDemoWorld(server.database, { persons: 200, seed: 7, outDir: worldDir });
    await runResolve(server.database, systemContext('e2e resolve', ['records_officer']), {});
    await runAssessment(server.database, systemContext('e2e assess', ['analyst']), { asOf: '2026-11-01' });
    subject = await topViolator(server);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('analyst finds, supervisor approves and refers to NYC, the NYC agent accepts and records the outcome', async () => {
    const { page } = await newPage(browser, server.url);

    // 1. The analyst makes a lead of the finding from the subject's profile, researches it and submits it.
    await signIn(page, 'analyst');
    await visit(page, `/search/persons/${subject.id}`);
    const panel = page.getByTestId('subject-leads');
    await panel.getByRole('button', { name: 'Create lead' }).click();
    const form = page.getByRole('dialog', { name: 'New lead' });
    await form.getByRole('button', { name: 'Create lead' }).waitFor();
    const title = form.getByLabel(/^Title/);
    if (!(await form.getByTestId('finding-prefill').isVisible())) {
      // The status panel's words were not available: describe the finding by hand.
      await form.getByLabel('Type').click();
      await page.getByRole('option', { name: 'Status violation' }).click();
      await title.fill('Suspected in-country overstay');
    }
    expect(await title.inputValue()).toMatch(/overstay/i);
    await screenshot(page, 'leads-1-analyst-create');
    await form.getByRole('button', { name: 'Create lead' }).click();
    await page.getByTestId('lead-summary').waitFor();
    await expectState(page, 'New');
    const heading = await page.getByRole('heading', { level: 1 }).innerText();
    const number = /LT-\d{4}-\d{6}/.exec(heading)![0];
    const leadUrl = page.url();

    await act(page, 'Start research');
    await expectState(page, 'Under research');
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await page.getByLabel(/^What it shows/).fill('Commercial data show a Queens address observed after the admit-until date.');
    await page.getByRole('form', { name: 'Add evidence' }).getByRole('button', { name: 'Add evidence' }).click();
    await page.getByText('Commercial data show a Queens address').waitFor();
    await page.getByRole('button', { name: 'Check overlaps' }).click();
    await page.getByTestId('overlaps-result').waitFor();
    await act(page, 'Submit for review');
    await expectState(page, 'Ready for review');
    expect(await page.getByTestId('lead-actions').innerText()).not.toContain('Approve');
    await screenshot(page, 'leads-2-analyst-submitted');
    await signOut(page);

    // 2. A supervisor — not the preparer — approves it from the review queue and refers it to NYC.
    await signIn(page, 'supervisor');
    await visit(page, '/leads');
    await page.getByRole('tab', { name: 'Awaiting my review' }).click();
    await page.getByTestId(`lead-row-${number}`).waitFor();
    await screenshot(page, 'leads-3-supervisor-review-queue');
    await page.getByTestId(`lead-row-${number}`).getByRole('link', { name: number }).click();
    await page.getByTestId('lead-summary').waitFor();
    await act(page, 'Approve for referral');
    await expectState(page, 'Approved for referral');
    await page.getByTestId('lead-actions').getByRole('button', { name: 'Refer to field office' }).click();
    const refer = page.getByRole('dialog', { name: 'Refer to field office' });
    await refer.getByLabel(/^Field office/).fill('NYC');
    await refer.getByLabel(/^Note/).fill('Subject believed to live in Queens.');
    await screenshot(page, 'leads-4-supervisor-refer');
    await refer.getByRole('button', { name: 'Refer to field office' }).click();
    await page.getByTestId('lead-notice').waitFor();
    await expectState(page, 'Referred');
    expect(await page.getByTestId('lead-summary').innerText()).toContain('NYC');
    await signOut(page);

    // 3. The NYC agent finds it in the office's queue, accepts it and records the outcome.
    await signIn(page, 'agent');
    await openFromQueue(page, /Referred to NYC/, number);
    await act(page, 'Accept');
    await expectState(page, 'Accepted');
    await act(page, 'Record outcome', async (dialog) => {
      await dialog.getByLabel(/^Outcome/).click();
      await page.getByRole('option', { name: 'Removal proceedings' }).click();
      await dialog.getByLabel(/^What happened/).fill('Subject located at the Queens address; NTA served 2026-11-20.');
    });
    await expectState(page, 'Outcome recorded');
    expect(await page.getByTestId('lead-outcome').textContent()).toBe('Removal proceedings');
    expect(await page.getByTestId('lead-timeline').innerText()).toMatch(/Record outcome[\s\S]*agent/);
    await screenshot(page, 'leads-5-agent-outcome');

    // The referral package, as the field office receives it: marked on every page.
    const pdf = await page.request.get(`${leadUrl.replace('/leads/', '/api/leads/')}/referral.pdf`);
    expect(pdf.status()).toBe(200);
    const body = await pdf.body();
    const pages = pdfPageTexts(body);
    for (const text of pages) {
      expect(text.split(CLASSIFICATION).length - 1).toBe(2);
      expect(text).toContain(`Lead ${number}`);
    }
    const all = pages.join('\n').replace(/\s+/g, ' ');
    expect(all).toContain('Status determination');
    expect(all).toContain('Chain of custody');
    expect(all).toContain('REMOVAL PROCEEDINGS');
    expect(renderPdf(body, 'leads-referral')).toHaveLength(pages.length);
    await signOut(page);

    // 4. The outcome is on the subject's profile.
    await signIn(page, 'analyst');
    await visit(page, `/search/persons/${subject.id}`);
    const leads = page.getByTestId('subject-leads');
    await leads.getByText(number).waitFor();
    expect(await leads.textContent()).toMatch(/Removal proceedings \(NYC\)/);
    await leads.scrollIntoViewIfNeeded();
    await screenshot(page, 'leads-6-profile-outcome');
  });

  it('lets a supervisor assign leads in bulk, and shows an overdue lead as overdue', async () => {
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'supervisor');
    // Two more leads, made through the API as the supervisor, to hand to the analyst.
    const numbers: string[] = [];
    const others = await server.database.transaction((tx) =>
      tx.query<{ id: string }>(`SELECT e.id::text AS id FROM entities e WHERE e.kind = 'person'
         AND NOT EXISTS (SELECT 1 FROM leads l WHERE l.subject_id = e.id AND l.state <> 'closed') ORDER BY e.id LIMIT 2`),
    );
    const csrf = await page.evaluate(async () => ((await (await fetch('/api/auth/me')).json()) as { csrfToken: string }).csrfToken);
    for (const o of others) {
      const r = await page.request.post('/api/leads', { data: { subjectId: o.id, type: 'TIP', priority: 'LOW', title: 'Tip: works without authorization' }, headers: { 'x-csrf-token': csrf } });
      expect(r.status()).toBe(201);
      const detail = await page.request.get(`/api/leads/${((await r.json()) as { id: string }).id}`);
      numbers.push(((await detail.json()) as { lead: { number: string } }).lead.number);
    }
    await visit(page, '/leads?queue=mine&type=TIP');
    for (const n of numbers) await page.getByRole('checkbox', { name: `Select ${n}` }).check();
    const bar = page.getByTestId('bulk-assign');
    await bar.getByLabel('Assign to').click();
    await page.getByRole('option', { name: /Dana Analyst/ }).click();
    await screenshot(page, 'leads-7-supervisor-bulk-assign');
    await bar.getByRole('button', { name: 'Assign' }).click();
    expect(await page.getByTestId('leads-notice').innerText()).toContain('Assigned 2 leads to Dana Analyst');
    await page.getByRole('tab', { name: 'Team' }).click();
    for (const n of numbers) {
      const row = page.getByTestId(`lead-row-${n}`);
      await row.filter({ hasText: 'analyst' }).waitFor();
      expect(await row.getAttribute('data-overdue')).toBeNull();
    }

    // A lead past its due date (set in the database: the API never backdates) is flagged in every queue.
    await server.database.transaction((tx) => tx.query(`UPDATE leads SET due_date = '2026-01-15' WHERE number = $1`, [numbers[0]]));
    await visit(page, '/leads?queue=overdue');
    const late = page.getByTestId(`lead-row-${numbers[0]!}`);
    await late.waitFor();
    expect(await late.getAttribute('data-overdue')).toBe('true');
    expect(await late.textContent()).toContain('Overdue');
    expect(await page.getByTestId(`lead-row-${numbers[1]!}`).count()).toBe(0);
    await screenshot(page, 'leads-8-overdue');
    await assertBanners(page);
  });
  it('makes a lead from a tip, with the tip as evidence and the tipster kept out', async () => {
    const [tip] = await server.database.transaction((tx) =>
      tx.query<{ entity: string; record_id: string; tipster: string }>(
        `SELECT l.entity_id::text AS entity, r.record_id, r.payload->>'tipster_name' AS tipster FROM source_records r
         JOIN record_links l ON l.source_record_id = r.id AND l.role = 'subject'
         JOIN entities e ON e.id = l.entity_id AND e.kind = 'person'
         WHERE r.source = 'tips' AND r.payload->>'narrative' <> '' AND r.payload->>'tipster_name' <> ''
           AND NOT EXISTS (SELECT 1 FROM leads x WHERE x.subject_id = l.entity_id AND x.state <> 'closed')
         ORDER BY r.record_id LIMIT 1`,
      ),
    );
    expect(tip, 'the demo world has a tip about a resolved person').toBeDefined();
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'analyst');
    await visit(page, `/search/persons/${tip!.entity}`);
    await page.getByTestId('source-badge').filter({ hasText: tip!.record_id }).first().click();
    const drawer = page.getByTestId('record-drawer');
    await drawer.waitFor();
    await drawer.getByRole('button', { name: /^Create lead on .* from this tip$/ }).click();
    const form = page.getByRole('dialog', { name: 'New lead' });
    expect(await form.getByLabel(/^Title/).inputValue()).toContain(`Tip ${tip!.record_id}`);
    await screenshot(page, 'leads-10-tip-create');
    await form.getByRole('button', { name: 'Create lead' }).click();
    await page.getByTestId('lead-summary').waitFor();
    expect(await page.getByTestId('lead-summary').innerText()).toMatch(/Tip/);
    await page.getByText(`tips ${tip!.record_id}`).first().waitFor();
    expect(await page.locator('body').innerText()).not.toContain(tip!.tipster);
    await assertBanners(page);
  });

  it('finds the overlaps planted in the synthetic world, and shows one to the analyst', async () => {
    const planted = (JSON.parse(readFileSync(path.join(worldDir, 'ground-truth', 'planted.json'), 'utf8')) as { deconfliction_overlaps: PlantedOverlap[] }).deconfliction_overlaps;
    const entities = await entitiesOfTruePersons(server, worldDir);
    const { api, csrf } = await apiAs(server.url, 'analyst');
    const leadOf = new Map<string, string>();
    const leadFor = async (person: string): Promise<string | undefined> => {
      const entity = entities.get(person);
      if (!entity) return undefined;
      if (!leadOf.has(entity)) {
        const r = await api.post('/api/leads', { data: { subjectId: entity, type: 'STATUS_VIOLATION', priority: 'MEDIUM', title: `Planted overlap check ${person}` }, headers: { 'x-csrf-token': csrf } });
        expect(r.status()).toBe(201);
        leadOf.set(entity, ((await r.json()) as { id: string }).id);
      }
      return leadOf.get(entity);
    };
    // Children in a family have no address or phone of their own in the sources, so a family
    // overlap counts as found when the lead of the first member meets another member's lead.
    const complete: string[] = [];
    const partial: string[] = [];
    const missed: string[] = [];
    let shown: { lead: string; other: string } | null = null;
    for (const o of planted) {
      const leads = (await Promise.all(o.persons.map(leadFor))).filter((x): x is string => x !== undefined);
      const [first, ...rest] = [...new Set(leads)];
      const label = `${o.kind} ${o.value ?? o.school_code ?? ''}`;
      if (!first || rest.length === 0) {
        missed.push(`${label} (its persons were not resolved apart)`);
        continue;
      }
      const r = await api.post(`/api/leads/${first}/deconflict`, { data: {}, headers: { 'x-csrf-token': csrf } });
      const others = new Set(((await r.json()) as { overlaps: { otherLeadId: string }[] }).overlaps.map((x) => x.otherLeadId));
      const hits = rest.filter((id) => others.has(id)).length;
      if (hits === rest.length) complete.push(label);
      else if (hits > 0 && o.kind === 'family_shared_address') partial.push(`${label} (${hits + 1} of ${rest.length + 1} members)`);
      else missed.push(label);
      if (hits > 0 && !shown && o.kind === 'shared_phone') shown = { lead: first, other: rest[0]! };
    }
    await api.dispose();
    console.log(`de-confliction over ${planted.length} planted overlaps: ${complete.length} complete, ${partial.length} partial (${partial.join('; ') || 'none'}), missed: ${missed.join('; ') || 'none'}`);
    expect(missed).toEqual([]);
    expect(complete.length + partial.length).toBe(planted.length);

    // In the browser: the analyst checks overlaps on the lead and sees the other one, with the shared value.
    expect(shown).not.toBeNull();
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'analyst');
    await visit(page, `/leads/${shown!.lead}`);
    await page.getByRole('button', { name: 'Check overlaps' }).click();
    await page.getByTestId('overlaps-result').waitFor();
    const panel = page.getByTestId('overlaps-panel');
    await panel.getByText(/Shares phone/).first().waitFor();
    await screenshot(page, 'leads-9-overlaps');
  });
});
