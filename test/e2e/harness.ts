import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { buildApp } from '../../src/server/app';
import type { AppContext } from '../../src/server/context';
import type { Storage } from '../../src/server/db/connect';
import { installReactions } from '../../src/server/features/reactions';
import { createUser } from '../../src/server/features/users/users.service';
import type { Role } from '../../src/shared/domain/roles';
import { buildTestContext, testPassword, testSetupCode } from '../app';
import { createTestStorage } from '../db';

export const chromiumPath = process.env.REGIA_CHROMIUM ?? '/usr/bin/chromium';
/** The built web client; REGIA_E2E_CLIENT_DIR lets parallel work build and test its own copy. */
export const clientDir = process.env.REGIA_E2E_CLIENT_DIR
  ? path.resolve(process.env.REGIA_E2E_CLIENT_DIR)
  : path.resolve(import.meta.dirname, '../../dist/client');
export const resultsDir = path.resolve(import.meta.dirname, '../../test-results');
export { testPassword, testSetupCode };

/**
 * Whether browser tests can run here. Without Chromium they are skipped with a notice, except in CI
 * (`CI` set), where a missing browser fails the run instead of hiding the gap.
 */
export function browserAvailability(): { isAvailable: boolean; reason?: string } {
  if (fs.existsSync(chromiumPath)) return { isAvailable: true };
  const reason = `Chromium not found at ${chromiumPath}`;
  if (process.env.CI && process.env.CI !== 'false')
    throw new Error(`${reason}: browser tests are required in CI`);
  console.warn(`\n[regia e2e] ${reason}: browser tests skipped (set CI=true to make this an error).\n`);
  return { isAvailable: false, reason };
}

/** Launches the system Chromium headless. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(path.join(clientDir, 'index.html'))) {
    throw new Error(`The web client is not built in ${clientDir}: run \`npx vite build\` first.`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A Regia server listening on 127.0.0.1 with its own in-memory database and the built client. */
export type TestServer = {
  baseUrl: string;
  ctx: AppContext;
  storage: Storage;
  close: () => Promise<void>;
};

/** Starts a server on a free port; setup is open with the code `testSetupCode`. */
export async function startServer(): Promise<TestServer> {
  const storage = await createTestStorage('sqlite');
  // The browser runs on the real clock: sessions and token expiry must agree with it.
  const ctx = buildTestContext(storage, { now: () => Date.now() });
  await installReactions(ctx);
  const { app } = await buildApp({ ctx, clientDir, setupCode: testSetupCode });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return {
    baseUrl: `http://127.0.0.1:${address.port}`,
    ctx,
    storage,
    close: async () => {
      await app.close();
      await storage.close();
    },
  };
}

let userCounter = 0;

/** Creates an account directly through the service (setup then counts as done). */
export async function createAccount(server: TestServer, role: Role = 'admin') {
  userCounter += 1;
  const email = `${role}${userCounter}@example.test`;
  const user = await createUser(
    server.ctx,
    { userId: null, label: 'e2e' },
    {
      email,
      name: `Ada ${role} ${userCounter}`,
      role,
      password: testPassword,
    },
  );
  return { ...user, password: testPassword };
}

/** A fresh browser context (own cookies) at desktop width, English, with a page open. */
export async function openPage(
  browser: Browser,
  options: { width?: number; height?: number; locale?: string; isMobile?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    locale: options.locale ?? 'en-GB',
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
    colorScheme: 'light',
    timezoneId: 'Europe/Rome',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Failed requests are the API's answers (401 before sign-in, 4xx in forms), not page faults.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  Object.assign(page, { problems });
  return { context, page };
}

/** Errors the page logged (uncaught exceptions, console errors such as CSP violations). */
export function pageProblems(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

/** Signs in through the login form and waits for the control room. */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password = testPassword,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('navbar').waitFor();
}

/** Calls the API from inside the page, with its session cookie and Origin, like the app does. */
export async function callApi<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const response = await fetch(`/api/v1${url}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
      return JSON.parse(text);
    },
    { method, url, body },
  ) as Promise<T>;
}

/** Saves a full-page screenshot under test-results/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** What a browser suite's tests use: one browser for the file, a fresh server for each test. */
export type BrowserSuite = {
  readonly browser: Browser;
  readonly server: TestServer;
};

/**
 * Registers the hooks every browser suite needs: Chromium launched once per file, and a new server
 * with its own database for every test, closed after it. Call it inside `describe`; read `browser`
 * and `server` from the returned object inside tests (they are set by the hooks).
 */
export function useBrowserSuite(): BrowserSuite {
  let browser: Browser | undefined;
  let server: TestServer | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return {
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll: use it inside a test');
      return browser;
    },
    get server() {
      if (!server) throw new Error('the server starts in beforeEach: use it inside a test');
      return server;
    },
  };
}

/** A new account of the role, signed in on a fresh page of the suite's browser. */
export async function signInAs(
  suite: BrowserSuite,
  role: Role = 'admin',
  options?: Parameters<typeof openPage>[1],
): Promise<{ user: Awaited<ReturnType<typeof createAccount>>; context: BrowserContext; page: Page }> {
  const user = await createAccount(suite.server, role);
  const { context, page } = await openPage(suite.browser, options);
  await signIn(page, suite.server.baseUrl, user.email);
  return { user, context, page };
}

const dayMs = 24 * 60 * 60 * 1000;

/** A calendar day ("2026-11-25") as the test browsers name it (they run in Europe/Rome), `days` from today. */
export function romeDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(Date.now() + days * dayMs);
}
