import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { chromium, request, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../src/http/server';

export const DEMO_PASSWORD = 'LeadTrac-demo-2026!';
export const BANNER_TEXT = 'UNCLASSIFIED // LAW ENFORCEMENT SENSITIVE';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const WEB_DIST = path.join(REPO_ROOT, 'dist', 'web');
const SCREENSHOTS = path.join(REPO_ROOT, 'e2e', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Newest modification time of any file under `dir`. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * `npm run test:e2e` builds the web app first; running vitest directly may not
 * have, so build when dist/web is missing or older than the sources.
 */
export function ensureWebBuilt(): void {
  const index = path.join(WEB_DIST, 'index.html');
  const webDir = path.join(REPO_ROOT, 'web');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(webDir)) return;
  execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'error'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** A server in this process, for tests that also load data into its database. */
export interface InProcessServer extends RunningServer {
  /** Its fresh data folder (removed by close), where a test may write a synthetic world. */
  dataDir: string;
}

/** Runs SQL on the PostgreSQL server of `url`, connected to its maintenance database. */
async function onServer(url: string, sql: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Drops a spec's own database once the server's connections have gone. Their ends may still be
 * on the way when close() returns; WITH (FORCE) then would cut them off with an error the pool
 * reports as unhandled, so it is only the last resort.
 */
async function dropDatabase(url: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await onServer(url, `DROP DATABASE IF EXISTS "${name}"`);
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== '55006') throw e; // in use by other sessions
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  await onServer(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/**
 * A server on a free port with a fresh data folder and the demo accounts. With DATABASE_URL it
 * gets a database of its own on that server (dropped by close), as the embedded database gets a
 * folder of its own: the synthetic worlds of different specs reuse record ids, and a spec checks
 * what it sees against what it loaded.
 */
export async function startInProcessServer(): Promise<InProcessServer> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'leadtrac-e2e-'));
  let databaseUrl: string | undefined;
  const shared = process.env.DATABASE_URL;
  if (shared) {
    const name = `${new URL(shared).pathname.slice(1)}_e2e_${Date.now().toString(36)}_${process.pid}`.replace(/[^a-z0-9_]/gi, '_');
    await onServer(shared, `CREATE DATABASE "${name}"`);
    const own = new URL(shared);
    own.pathname = `/${name}`;
    databaseUrl = own.toString();
  }
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, databaseUrl, demoAccounts: true, logLevel: 'silent', webDistDir: WEB_DIST });
  return {
    ...server,
    dataDir,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      if (shared && databaseUrl) await dropDatabase(shared, new URL(databaseUrl).pathname.slice(1));
    },
  };
}

/**
 * Like startInProcessServer, but LEADTRAC_E2E_URL runs the tests against a server that is
 * already running instead, e.g. while working on the web app.
 */
export async function startTestServer(): Promise<TestServer> {
  const external = process.env.LEADTRAC_E2E_URL;
  if (external) return { url: external, close: async () => {} };
  return startInProcessServer();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile (no cookies) pointed at the server. */
export async function newPage(
  browser: Browser,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1440, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-US',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/**
 * Both classification banners are on screen, pinned top and bottom, and say
 * the right thing. Retried briefly: while a page loads, React swaps the
 * loading frame for the application shell and a banner can be caught detached.
 */
export async function assertBanners(page: Page, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await checkBannersOnce(page);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.waitForTimeout(100);
    }
  }
}

async function checkBannersOnce(page: Page): Promise<void> {
  for (const position of ['top', 'bottom'] as const) {
    const banner = page.getByTestId(`classification-banner-${position}`);
    await banner.waitFor({ state: 'visible' });
    // One evaluate reads text and geometry of the same element, even if React swaps it meanwhile.
    const seen = await banner.evaluate((el) => {
      const rect = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        text: (el.textContent ?? '').trim(),
        top: rect.top,
        bottom: rect.bottom,
        height: rect.height,
        viewportHeight: window.innerHeight,
        color: style.color,
        background: style.backgroundColor,
      };
    });
    const where = `${position} banner on ${page.url()}`;
    if (seen.text !== BANNER_TEXT) throw new Error(`The ${where} reads "${seen.text}"`);
    if (seen.height < 16) throw new Error(`The ${where} is ${seen.height}px tall`);
    const pinned =
      position === 'top'
        ? Math.abs(seen.top) <= 1
        : Math.abs(seen.bottom - seen.viewportHeight) <= 1;
    if (!pinned)
      throw new Error(`The ${where} is not pinned to the ${position} (${seen.top}–${seen.bottom})`);
    if (seen.background !== 'rgb(0, 122, 51)' || seen.color !== 'rgb(255, 255, 255)') {
      throw new Error(`The ${where} is ${seen.color} on ${seen.background}, not white on green`);
    }
  }
}

/** Go to a path and check the banners are there. */
export async function visit(page: Page, pathname: string): Promise<void> {
  await page.goto(pathname);
  await assertBanners(page);
}

/** Sign in through the sign-in form and wait until the application shell is up. */
export async function signIn(
  page: Page,
  username: string,
  password = DEMO_PASSWORD,
): Promise<void> {
  await visit(page, '/sign-in');
  await fillSignIn(page, username, password);
  await page.getByTestId('main-nav').waitFor({ state: 'visible' });
  await assertBanners(page);
}

export async function fillSignIn(page: Page, username: string, password: string): Promise<void> {
  // Mantine puts the required-asterisk inside the label, hence the anchored patterns.
  await page.getByLabel(/^Username/).fill(username);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await assertBanners(page);
}

/** The labels of the main navigation, in order. */
export async function navLabels(page: Page): Promise<string[]> {
  const nav = page.getByTestId('main-nav');
  await nav.waitFor({ state: 'visible' });
  return (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  // Let Mantine's transitions settle so the picture shows the final state.
  await page.waitForTimeout(250);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** A username no earlier run has used, for databases that outlive the test (DATABASE_URL). */
/**
 * For a person to look at: writes a PDF beside the screenshots and renders its pages to
 * `<name>-<n>.png` with poppler's pdftoppm (installed by .ci/run). Returns the PNG files.
 */
export function renderPdf(pdf: Buffer, name: string, pages?: { first: number; last: number }): string[] {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const pdfFile = path.join(SCREENSHOTS, `${name}.pdf`);
  writeFileSync(pdfFile, pdf);
  const isPage = new RegExp(`^${name}-\\d+\\.png$`);
  for (const old of readdirSync(SCREENSHOTS).filter((f) => isPage.test(f))) rmSync(path.join(SCREENSHOTS, old));
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  execFileSync('pdftoppm', ['-png', '-r', '60', ...range, pdfFile, path.join(SCREENSHOTS, name)]);
  return readdirSync(SCREENSHOTS).filter((f) => isPage.test(f)).map((f) => path.join(SCREENSHOTS, f));
}

export function uniqueName(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/**
 * Create an account through the API as the demo administrator, for tests that
 * would otherwise leave a shared demo account changed (locked, disabled).
 */
export async function createUserViaApi(
  baseURL: string,
  user: { username: string; displayName: string; roles: string[]; password: string },
): Promise<void> {
  const api = await request.newContext({ baseURL });
  try {
    const login = await api.post('/api/auth/login', {
      data: { username: 'admin', password: DEMO_PASSWORD },
    });
    if (!login.ok()) throw new Error(`admin sign-in failed: ${login.status()}`);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const created = await api.post('/api/users', {
      data: user,
      headers: { 'x-csrf-token': csrfToken },
    });
    if (created.status() !== 201) {
      throw new Error(
        `creating ${user.username} failed: ${created.status()} ${await created.text()}`,
      );
    }
  } finally {
    await api.dispose();
  }
}
