import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/http/server';
import { loadDemoWorld } from '../src/modules/demo/demo-load';
import { pdfPageTexts } from '../src/modules/disclosures/pdf-text';
import { runResolve } from '../src/modules/resolve';
import type { ReportResponseView, ViolatorsResponseView } from '../src/modules/status/status.schema';
import { systemContext } from '../src/shared/context';
import { assertBanners, BANNER_TEXT, ensureWebBuilt, launchBrowser, navLabels, newPage, screenshot, signIn, signOut, visit } from './helpers';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const AS_OF = '2026-11-01';

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), `${url}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

const count = (n: number) => n.toLocaleString('en-US');

/**
 * Issue 5, done when: the report page, the status panel and the export work in the browser. A
 * small synthetic world is loaded and resolved; the analyst runs the assessment from the page.
 */
describe('Status: runs, the fiscal-year report, suspected violators and the profile panel', () => {
  let server: RunningServer;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    ensureWebBuilt();
    dataDir = mkdtempSync(path.join(tmpdir(), 'leadtrac-e2e-status-'));
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demoAccounts: true, logLevel: 'silent', webDistDir: path.join(ROOT, 'dist', 'web') });
    await loadDemoWorld(server.database, { persons: 200, seed: 11, outDir: path.join(dataDir, 'world') });
    await runResolve(server.database, systemContext('e2e resolve', ['records_officer']), {});
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('analyst runs the assessment, reads and downloads the report, works the violators list and opens a profile', async () => {
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'analyst');

    // 1. The Status area: no run yet (unless a shared DATABASE_URL has some); run one as of a chosen date.
    await page.getByTestId('main-nav').getByRole('link', { name: 'Status' }).click();
    await page.getByTestId('no-runs').or(page.getByTestId('current-run')).waitFor();
    await assertBanners(page);
    await page.getByRole('button', { name: 'Run assessment' }).click();
    const dialog = page.getByRole('dialog', { name: 'Run assessment' });
    const date = dialog.getByLabel(/^As-of date/);
    await date.fill(AS_OF);
    await date.press('Enter');
    await screenshot(page, 'status-1-run-dialog');
    await dialog.getByRole('button', { name: 'Run assessment' }).click();
    await page.getByTestId('run-result').waitFor({ timeout: 60_000 });
    await page.getByTestId('current-run').waitFor();
    expect(await page.getByTestId('current-run').innerText()).toContain(`as of ${AS_OF}`);
    const { runs } = await getJson<{ runs: { id: string; asOf: string; admissions: number; violators: number; runBy: string }[] }>(page, '/api/status/runs');
    const run = runs.find((r) => r.asOf === AS_OF)!;
    expect(run.runBy).toBe('analyst');
    expect(run.admissions).toBeGreaterThan(0);
    expect(await page.getByTestId('run-admissions').innerText()).toBe(count(run.admissions));
    expect(await page.getByTestId('run-violators').innerText()).toBe(count(run.violators));
    expect(await page.getByTestId('run-result').innerText()).toContain(`${count(run.admissions)} admissions`);
    await assertBanners(page);
    await screenshot(page, 'status-2-runs');

    // 2. The fiscal-year report of the run: FY2026 (the last one ended by the as-of date).
    await page.getByRole('tab', { name: 'Fiscal-year report' }).click();
    await page.getByTestId('report').waitFor();
    const api = await getJson<ReportResponseView>(page, `/api/status/report?fy=2026&asOf=${AS_OF}`);
    const o = api.report.overall;
    expect(o.expectedDepartures).toBeGreaterThan(0);
    expect(o.totalOverstays).toBeGreaterThan(0);
    expect(await page.getByTestId('report-expected').innerText()).toBe(count(o.expectedDepartures));
    expect(await page.getByTestId('report-total').innerText()).toBe(count(o.totalOverstays));
    expect(await page.getByTestId('report-in-country').innerText()).toBe(count(o.suspectedInCountryOverstays));
    expect(await page.getByTestId('report-out-of-country').innerText()).toBe(count(o.outOfCountryOverstays));
    expect(await page.getByText(`${o.totalOverstayRate!.toFixed(2)}% of expected departures`).first().isVisible()).toBe(true);
    expect(await page.getByTestId('report-by-class').locator('tbody tr').count()).toBe(api.report.byClassOfAdmission.length);
    expect(await page.getByTestId('report-by-country').locator('tbody tr').count()).toBe(api.report.byCountry.length);
    const b2 = api.report.byClassOfAdmission.find((r) => r.totalOverstays > 0)!;
    const b2Row = await page.getByTestId('report-by-class').locator(`tr[data-key="${b2.key}"]`).innerText();
    expect(b2Row.split(/\s+/)).toEqual([b2.key, count(b2.expectedDepartures), count(b2.outOfCountryOverstays), count(b2.suspectedInCountryOverstays), count(b2.totalOverstays), `${b2.totalOverstayRate!.toFixed(2)}%`, `${b2.suspectedInCountryRate!.toFixed(2)}%`]);
    await assertBanners(page);
    await screenshot(page, 'status-3-report');

    // The charts: the two rates of the ten classes and countries with the most expected departures.
    const top10 = (rows: typeof api.report.byCountry) =>
      rows.filter((r) => r.expectedDepartures > 0).sort((a, b) => b.expectedDepartures - a.expectedDepartures || (a.key < b.key ? -1 : 1)).slice(0, 10);
    for (const [name, testId, rows] of [
      ['Overstay rates by class of admission', 'chart-by-class', api.report.byClassOfAdmission],
      ['Overstay rates by country of citizenship', 'chart-by-country', api.report.byCountry],
    ] as const) {
      const figure = page.getByRole('figure', { name });
      await figure.locator('.recharts-bar-rectangle').first().waitFor();
      expect(await figure.getAttribute('data-testid')).toBe(testId);
      const expected = top10(rows);
      expect(Number(await figure.getAttribute('data-bars'))).toBe(expected.length);
      // Two bars per category (a zero rate draws no rectangle), a label per category, largest first.
      const rates = expected.flatMap((r) => [r.totalOverstayRate, r.suspectedInCountryRate]);
      expect(await figure.locator('.recharts-bar-rectangle path').count()).toBe(rates.filter((x) => x! > 0).length);
      const ticks = await figure.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
      expect(ticks).toEqual(expected.map((r) => `${r.key} (${count(r.expectedDepartures)})`));
      const labels = await figure.locator('.recharts-label-list').allTextContents();
      expect(labels.join(' ')).toContain(`${expected[0]!.totalOverstayRate!.toFixed(2)}%`);
      // Described in words for a screen reader.
      const description = await figure.getAttribute('aria-describedby');
      expect(await page.locator(`[id="${description}"]`).innerText()).toContain(
        `${expected[0]!.key}: ${count(expected[0]!.expectedDepartures)} expected departures, total overstay rate ${expected[0]!.totalOverstayRate!.toFixed(2)}%`,
      );
    }
    await page.getByTestId('report-charts').scrollIntoViewIfNeeded();
    await screenshot(page, 'status-3b-report-charts');

    // The CSV and PDF carry the marking and the same figures.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const csvFile = path.join(dataDir, csvDownload.suggestedFilename());
    await csvDownload.saveAs(csvFile);
    expect(csvDownload.suggestedFilename()).toBe(`overstay-report-fy2026-${AS_OF}.csv`);
    const lines = readFileSync(csvFile, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(BANNER_TEXT);
    expect(lines.at(-1)).toBe(BANNER_TEXT);
    expect(lines).toContain(`overall,ALL,${o.expectedDepartures},${o.outOfCountryOverstays},${o.suspectedInCountryOverstays},${o.totalOverstays},${o.totalOverstayRate!.toFixed(2)},${o.suspectedInCountryRate!.toFixed(2)}`);
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
    const pdfFile = path.join(dataDir, 'report.pdf');
    await pdfDownload.saveAs(pdfFile);
    const pdfPages = pdfPageTexts(readFileSync(pdfFile));
    expect(pdfPages.length).toBeGreaterThan(0);
    for (const text of pdfPages) expect(text).toContain(BANNER_TEXT);

    // 3. Suspected violators: ranked, explained, filtered, paged.
    await page.getByRole('tab', { name: 'Suspected violators' }).click();
    await page.getByTestId('violators-table').waitFor();
    const all = await getJson<ViolatorsResponseView>(page, `/api/status/violators?asOf=${AS_OF}&limit=25`);
    expect(all.total).toBe(run.violators);
    expect(await page.getByTestId('violators-summary').innerText()).toContain(`of ${count(all.total)} suspected violators as of ${AS_OF}`);
    const rows = page.getByTestId('violator-row');
    expect(await rows.count()).toBe(Math.min(25, all.total));
    const top = all.violators[0]!;
    expect(await rows.first().getByTestId('violator-name').innerText()).toBe(top.name);
    const factors = await rows.first().getByTestId('violator-factors').innerText();
    for (const f of top.factors) expect(factors).toContain(f.text);
    await assertBanners(page);
    await screenshot(page, 'status-4-violators');

    // Need to know: enforcement history gives its points, not its details, until a purpose is stated.
    const withHistory = all.violators.findIndex((v) => v.factors.some((f) => f.code === 'ENFORCEMENT_HISTORY'));
    expect(withHistory).toBeGreaterThanOrEqual(0);
    const historyRow = rows.nth(withHistory).getByTestId('violator-factors');
    const hidden = all.violators[withHistory]!.factors.find((f) => f.code === 'ENFORCEMENT_HISTORY')!;
    expect(hidden).toMatchObject({ withheld: true, text: `Criminal/enforcement history (details withheld — state a purpose): ${hidden.points} points` });
    expect(await historyRow.getByTestId('factor-withheld').innerText()).toBe(hidden.text);
    const purpose = 'Case 2026-0412: status violation review';
    await page.getByRole('button', { name: 'State a purpose' }).click();
    await page.getByRole('textbox', { name: 'Purpose' }).fill(purpose);
    await page.getByRole('button', { name: 'State purpose' }).click();
    await page.getByTestId('purpose-stated').waitFor();
    const revealed = (await (await page.request.get(`/api/status/violators?asOf=${AS_OF}&limit=25`, { headers: { 'x-purpose': purpose } })).json()) as ViolatorsResponseView;
    const full = revealed.violators[withHistory]!.factors.find((f) => f.code === 'ENFORCEMENT_HISTORY')!;
    expect(full.points).toBe(hidden.points);
    expect(full.text).toMatch(/^Enforcement and criminal history: \d+ [A-Z_]+ x \d+/);
    await historyRow.getByText(full.text).waitFor();
    expect(await historyRow.getByTestId('factor-withheld').count()).toBe(0);
    expect(revealed.violators.map((v) => [v.personKey, v.score])).toEqual(all.violators.map((v) => [v.personKey, v.score]));
    await screenshot(page, 'status-4b-violators-purpose');
    await page.getByRole('button', { name: 'Withdraw' }).click();
    await historyRow.getByTestId('factor-withheld').waitFor();

    if (all.total > 25) {
      await page.getByRole('button', { name: '2' }).click();
      await page.waitForURL((u) => u.searchParams.get('page') === '2');
      await rows.first().locator('td').first().filter({ hasText: /^26$/ }).waitFor();
    }

    await page.getByRole('combobox', { name: 'Violation' }).click();
    await page.getByRole('option', { name: 'Suspected in-country overstay' }).click();
    await page.waitForURL((u) => u.searchParams.get('violation') === 'SUSPECTED_IN_COUNTRY_OVERSTAY' && !u.searchParams.has('page'));
    const inCountry = await getJson<ViolatorsResponseView>(page, `/api/status/violators?asOf=${AS_OF}&violation=SUSPECTED_IN_COUNTRY_OVERSTAY&limit=25`);
    expect(inCountry.total).toBeGreaterThan(0);
    await page.getByTestId('violators-summary').filter({ hasText: `of ${count(inCountry.total)} suspected violators` }).waitFor();
    const shown = await rows.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(shown.length).toBe(Math.min(25, inCountry.total));
    for (const text of shown) expect(text).toContain('SUSPECTED_IN_COUNTRY_OVERSTAY');
    await screenshot(page, 'status-5-violators-filtered');

    // "Create lead" on a row opens the lead form prefilled from the finding (not created here).
    await rows.first().getByRole('button', { name: 'Create lead' }).click();
    const form = page.getByRole('dialog', { name: 'New lead' });
    expect(await form.getByLabel(/^Title/).inputValue()).toMatch(/^Suspected in country overstay, \d+ days$/);
    await screenshot(page, 'status-5b-create-lead');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await form.waitFor({ state: 'detached' });

    // 4. One violator's profile shows the status panel with the rules that decided each admission.
    const subject = inCountry.violators.find((v) => v.entityId)!;
    await page.locator(`a[href="/search/persons/${subject.entityId}"]`).first().click();
    await page.getByTestId('person-profile').waitFor();
    const panel = page.getByTestId('status-panel');
    await panel.getByTestId('status-admission').first().waitFor();
    expect(await panel.getByTestId('status-as-of').innerText()).toContain(`As of ${AS_OF}`);
    const status = await getJson<{ admissions: { class: string; aed: string | null; rules: { text: string }[] }[] }>(page, `/api/persons/${subject.entityId}/status`);
    expect(await panel.getByTestId('status-admission').count()).toBe(status.admissions.length);
    const overstay = panel.locator('[data-testid="status-admission"][data-class="SUSPECTED_IN_COUNTRY_OVERSTAY"]').first();
    const expected = status.admissions.find((a) => a.class === 'SUSPECTED_IN_COUNTRY_OVERSTAY')!;
    const rules = await overstay.getByTestId('status-rules').innerText();
    expect(expected.rules.length).toBeGreaterThan(0);
    for (const r of expected.rules) expect(rules).toContain(r.text);
    expect(await overstay.innerText()).toContain(expected.aed!);
    expect(await panel.getByTestId('status-risk').innerText()).toContain(subject.level);

    // The timeline: a line per admission in the panel's order; the overstay runs from the AED
    // mark to the as-of line (no departure), and the figure is described in words.
    const timeline = panel.getByTestId('status-timeline');
    const svg = timeline.getByRole('img', { name: /^Timeline of \d+ admissions?/ });
    await svg.waitFor();
    const timelineRows = timeline.getByTestId('timeline-row');
    expect(await timelineRows.count()).toBe(status.admissions.length);
    expect(await timelineRows.evaluateAll((els) => els.map((e) => e.getAttribute('data-class')))).toEqual(status.admissions.map((a) => a.class));
    const overstayLine = timeline.locator('[data-testid="timeline-row"][data-class="SUSPECTED_IN_COUNTRY_OVERSTAY"]').first();
    const attr = async (l: ReturnType<Page['locator']>, name: string) => Number(await l.getAttribute(name));
    const red = overstayLine.getByTestId('timeline-overstay');
    const aedMark = overstayLine.getByTestId('timeline-aed').locator('line');
    const asOfLine = svg.locator('line[stroke-dasharray]');
    expect(await attr(red, 'x1')).toBeCloseTo(await attr(aedMark, 'x1'), 3);
    expect(await attr(red, 'x2')).toBeCloseTo(await attr(asOfLine, 'x1'), 3);
    expect(await attr(red, 'x2')).toBeGreaterThan(await attr(red, 'x1'));
    expect(await overstayLine.textContent()).toContain('Suspected in-country overstay');
    expect(await svg.locator('desc').textContent()).toContain(`AED ${expected.aed}, no departure recorded by ${AS_OF}: SUSPECTED_IN_COUNTRY_OVERSTAY`);
    await panel.scrollIntoViewIfNeeded();
    await assertBanners(page);
    await screenshot(page, 'status-6-profile-panel');
    await timeline.screenshot({ path: path.join(ROOT, 'e2e', 'screenshots', 'status-6b-profile-timeline.png') });

    // A traveller with several trips: one line each, on one shared axis, in the panel's order.
    const [frequent] = await server.database.transaction((tx) =>
      tx.query<{ id: string }>(
        `SELECT a.entity_id::text AS id FROM status_assessments a JOIN status_runs r ON r.id = a.run_id
         WHERE r.as_of = $1::date AND r.superseded_at IS NULL AND a.entity_id IS NOT NULL
         GROUP BY a.entity_id ORDER BY count(*) DESC, bool_or(a.overstay_days > 0) DESC, a.entity_id::text LIMIT 1`,
        [AS_OF],
      ),
    );
    const trips = await getJson<{ admissions: { class: string; admissionDate: string }[] }>(page, `/api/persons/${frequent!.id}/status`);
    expect(trips.admissions.length).toBeGreaterThan(1);
    await visit(page, `/search/persons/${frequent!.id}`);
    const many = page.getByTestId('status-timeline');
    await many.getByRole('img').waitFor();
    expect(await many.getByTestId('timeline-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-class')))).toEqual(trips.admissions.map((a) => a.class));
    // One axis: a later admission starts further right.
    const starts = await many.getByTestId('timeline-stay').evaluateAll((els) => els.map((e) => Number(e.getAttribute('x1') ?? e.getAttribute('cx'))));
    const order = trips.admissions.map((a, i) => [a.admissionDate, starts[i]!] as const).sort((x, y) => (x[0] < y[0] ? -1 : 1));
    for (let i = 1; i < order.length; i++) if (order[i]![0] > order[i - 1]![0]) expect(order[i]![1]).toBeGreaterThan(order[i - 1]![1]);
    await many.screenshot({ path: path.join(ROOT, 'e2e', 'screenshots', 'status-6c-profile-timeline-trips.png') });
    await signOut(page);
  });

  it('keeps the area and the panel from roles without the status permission', async () => {
    const { context, page } = await newPage(browser, server.url);
    await signIn(page, 'agent');
    expect(await navLabels(page)).not.toContain('Status');
    await visit(page, '/status/report');
    await page.getByTestId('not-permitted').waitFor();
    expect(await page.getByTestId('not-permitted').innerText()).toMatch(/not permitted to use Status/);
    expect((await page.request.get('/api/status/report?fy=2026&asOf=2026-11-01')).status()).toBe(403);
    await screenshot(page, 'status-7-agent-refused');
    await signOut(page);

    // A privacy officer opens profiles but has no Status area: no panel (and no status read).
    await signIn(page, 'privacy');
    expect(await navLabels(page)).not.toContain('Status');
    await visit(page, '/status');
    await page.getByTestId('not-permitted').waitFor();
    const someone = await server.database.transaction((tx) =>
      tx.query<{ id: string }>(`SELECT entity_id::text AS id FROM status_risks WHERE entity_id IS NOT NULL ORDER BY score DESC LIMIT 1`),
    );
    await visit(page, `/search/persons/${someone[0]!.id}`);
    await page.getByTestId('identity').waitFor();
    expect(await page.getByTestId('status-panel').count()).toBe(0);
    await context.close();
  });
});
