import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/http/server';
import type { DecisionOutcome } from '../web/src/resolve/review-api';
import { REASON_LABEL } from '../web/src/resolve/review-format';
import { loadDemoWorld } from '../src/modules/demo/demo-load';
import { runResolve } from '../src/modules/resolve';
import { indexPendingNames } from '../src/modules/search';
import { systemContext } from '../src/shared/context';
import { assertBanners, type InProcessServer, launchBrowser, newPage, screenshot, signIn, startInProcessServer, visit } from './helpers';

/** The number of source records the profile says it shows. */
async function recordCount(page: Page): Promise<number> {
  await page.getByTestId('person-profile').waitFor();
  const text = await page.getByText(/\d+ source records ·/).innerText();
  return Number(/(\d+) source records/.exec(text)![1]);
}

/**
 * Does `act` and returns the id of the decision recorded by the POST it sends to `pathname`: the
 * server's own answer, so the test neither races the request nor picks up another test's decision.
 */
async function decisionRecordedBy(page: Page, pathname: RegExp, act: () => Promise<void>): Promise<string> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && pathname.test(new URL(r.url()).pathname)),
    act(),
  ]);
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as DecisionOutcome).decision.id;
}

/** Persons with a handful of records each, none touched by an earlier test. */
async function personsWithRecords(server: RunningServer, n: number): Promise<{ id: string; name: string }[]> {
  const rows = await server.database.transaction((tx) =>
    tx.query<{ id: string; name: string }>(
      `SELECT e.id::text AS id, e.display_name AS name FROM entities e
       JOIN record_links l ON l.entity_id = e.id AND l.role = 'subject'
       WHERE e.kind = 'person' AND NOT EXISTS (SELECT 1 FROM resolution_decisions d WHERE d.entities_before ? e.id::text OR d.entities_after ? e.id::text)
       GROUP BY e.id HAVING count(*) BETWEEN 4 AND 12 ORDER BY e.id LIMIT $1`,
      [n],
    ),
  );
  expect(rows).toHaveLength(n);
  return rows;
}

describe('correcting entity resolution in the browser', () => {
  let server: InProcessServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startInProcessServer();
    await loadDemoWorld(server.database, { persons: 150, seed: 11, outDir: path.join(server.dataDir, 'world') });
    await runResolve(server.database, systemContext('e2e resolve', ['records_officer']), {});
    await indexPendingNames(server.database);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('confirms a pair from the review queue with a reason, and undoes the decision', async () => {
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'analyst');
    await page.getByTestId('main-nav').getByRole('link', { name: 'Match review' }).click();
    const item = page.getByTestId('review-item').first();
    await item.waitFor();
    await item.getByTestId('side-by-side').waitFor();
    await item.getByTestId('explanation').waitFor();
    await assertBanners(page);
    await page.getByTestId('review-summary').getByText(/questions waiting, one per pair of persons/).waitFor();
    await screenshot(page, 'resolve-1-review-queue');

    await item.getByTestId('decision-reason').fill('Same passport and date of birth on both records.');
    const id = await decisionRecordedBy(page, /^\/api\/resolve\/review\/[^/]+$/, () =>
      item.getByRole('button', { name: 'Confirm: same person' }).click(),
    );
    await page.getByRole('tab', { name: 'Decisions' }).click();
    const row = page.getByTestId(`decision-${id}`);
    await row.getByText('Same passport and date of birth on both records.').waitFor();

    await row.getByRole('button', { name: 'Undo' }).click();
    const dialog = page.getByRole('dialog', { name: `Undo decision ${id}` });
    await dialog.getByLabel('Reason').fill('Confirmed the wrong pair.');
    await dialog.getByRole('button', { name: 'Undo' }).click();
    await row.getByText('undone').waitFor();
    expect(await row.getByRole('button', { name: 'Undo' }).count()).toBe(0);
    await screenshot(page, 'resolve-2-decision-undone');

    // The queue narrowed to one reason (the rarest one waiting): every question shown has it.
    const [rarest] = await server.database.transaction((tx) =>
      tx.query<{ reason: string }>(`SELECT reason FROM review_queue WHERE status = 'open' GROUP BY reason ORDER BY count(*), reason LIMIT 1`),
    );
    const label = REASON_LABEL[rarest!.reason]!;
    await page.getByRole('tab', { name: 'Review queue' }).click();
    await page.getByTestId('review-reason').click();
    await page.getByRole('option', { name: label }).click();
    const shown = page.getByTestId('review-item');
    await shown.first().waitFor();
    const n = await shown.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) expect(await shown.nth(i).textContent()).toContain(label);
    await screenshot(page, 'resolve-2b-review-one-reason');
  });

  it('splits a record out of a person, refuses to merge it back while the split stands, and undoes the split', async () => {
    const [person] = await personsWithRecords(server, 1);
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'analyst');
    await visit(page, `/search/persons/${person!.id}`);
    const before = await recordCount(page);

    await page.getByRole('button', { name: 'Resolution' }).click();
    await page.getByRole('menuitem', { name: 'Split records out…' }).click();
    const split = page.getByRole('dialog', { name: 'Split records out' });
    await split.getByRole('checkbox').first().check();
    await split.getByLabel(/^Reason/).fill('Different date of birth and father named on this record.');
    await screenshot(page, 'resolve-3-split');
    const id = await decisionRecordedBy(page, /^\/api\/entities\/[^/]+\/split$/, () =>
      split.getByRole('button', { name: 'Split 1 record out' }).click(),
    );
    await split.getByTestId('split-done').waitFor();
    const rest = split.getByRole('link', { name: /^Open the person holding the rest/ });
    const restId = (await rest.count()) > 0 ? (await rest.getAttribute('href'))!.split('/').pop()! : person!.id;
    await split.getByRole('link', { name: 'Open the person now holding the split records' }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/search/persons/') && !u.pathname.endsWith(restId));
    expect(await recordCount(page)).toBe(1);

    // Merging it straight back contradicts the split: the server says which decision to undo.
    await page.getByRole('button', { name: 'Resolution' }).click();
    await page.getByRole('menuitem', { name: 'Merge with another person…' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge with another person' });
    await merge.getByLabel('The other person', { exact: true }).fill(person!.name);
    await merge.getByRole('button', { name: 'Find' }).click();
    await merge.locator(`[data-entity-id="${restId}"]`).getByRole('button', { name: 'Merge with this one' }).click();
    await merge.getByLabel(/^Reason/).fill('Same passport on a later visa.');
    await merge.getByRole('button', { name: 'Merge' }).click();
    await merge.getByText(`This contradicts decision ${id}`, { exact: false }).waitFor();
    await screenshot(page, 'resolve-4-merge-refused');
    await merge.getByRole('button', { name: 'Cancel' }).click();

    // Undone from the decision log, the person is whole again under the original id.
    await visit(page, '/review');
    await page.getByRole('tab', { name: 'Decisions' }).click();
    const row = page.getByTestId(`decision-${id}`);
    await row.getByRole('button', { name: 'Undo' }).click();
    const dialog = page.getByRole('dialog', { name: `Undo decision ${id}` });
    await dialog.getByLabel('Reason').fill('The records are the same person after all.');
    await dialog.getByRole('button', { name: 'Undo' }).click();
    await row.getByText('undone').waitFor();
    await visit(page, `/search/persons/${person!.id}`);
    expect(await recordCount(page)).toBe(before);
  });

  it('merges two persons into one holding every record of both', async () => {
    const [a, b] = await personsWithRecords(server, 2);
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'analyst');
    await visit(page, `/search/persons/${b!.id}`);
    const nb = await recordCount(page);
    await visit(page, `/search/persons/${a!.id}`);
    const na = await recordCount(page);

    await page.getByRole('button', { name: 'Resolution' }).click();
    await page.getByRole('menuitem', { name: 'Merge with another person…' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge with another person' });
    await merge.getByLabel('The other person', { exact: true }).fill(b!.name);
    await merge.getByRole('button', { name: 'Find' }).click();
    expect(await merge.locator(`[data-entity-id="${a!.id}"]`).count()).toBe(0);
    await merge.locator(`[data-entity-id="${b!.id}"]`).getByRole('button', { name: 'Merge with this one' }).click();
    await merge.getByLabel(/^Reason/).fill('Same person: the second passport was issued after a name change.');
    await screenshot(page, 'resolve-5-merge');
    await merge.getByRole('button', { name: 'Merge' }).click();
    await merge.waitFor({ state: 'detached' });
    await expect.poll(() => recordCount(page), { timeout: 15_000 }).toBe(na + nb);
    await assertBanners(page);
    await screenshot(page, 'resolve-6-merged');
  });

  it('offers no corrections to a privacy officer, who may only read the queue', async () => {
    const { page } = await newPage(browser, server.url);
    await signIn(page, 'privacy');
    await visit(page, '/review');
    await page.getByTestId('review-item').first().waitFor();
    expect(await page.getByTestId('decision-reason').count()).toBe(0);
  });
});
