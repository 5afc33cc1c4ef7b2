import { mkdir } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_ADMIN, DemoSeedService } from '../../apps/api/src/modules/demo/demo-seed.service.js';
import { startTestApp, type TestApp } from './test-app.js';

export const ARTIFACTS_DIR = 'test-results';

/** Debian's Chromium, with the flags that keep it off the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface BrowserTestApp extends TestApp {
  baseUrl: string;
}

/** The real app, serving the built web app (WEB_DIR, default dist/web), listening on 127.0.0.1. */
export async function startBrowserTestApp(env: Record<string, string> = {}): Promise<BrowserTestApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const t = await startTestApp({ WEB_DIR: process.env.WEB_DIR ?? 'dist/web', PORT: String(port), PUBLIC_URL: baseUrl, ...env });
  await t.app.listen(port, '127.0.0.1');
  return { ...t, baseUrl };
}

/** A port free on 127.0.0.1 now, so links built from PUBLIC_URL point at the test server. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Collects console errors (CSP violations included) and uncaught exceptions of a page, so a
 * test can assert there were none. HTTP error statuses are the API's answers, which tests
 * assert themselves; Chromium's "Failed to load resource" lines about them are not collected.
 */
export function watchPage(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource: the server responded with a status of')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { errors };
}

/** Keeps a screenshot of the page when a step fails (test-results/<name>.png). */
export async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS_DIR, `${name.replace(/[^\w-]+/g, '_')}.png`), fullPage: true }).catch(() => undefined);
    throw error;
  }
}

/** axe-core finds no serious or critical violation on the page as it is now (the pointer moved off the navigation). */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await page.mouse.move(700, 5);
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${label} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(blocking).toEqual([]);
}

/** Signs in through the login page, as a person would, and waits for the first page. */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { name: 'Organisations', level: 1 }).waitFor();
}

export async function newContext(browser: Browser, baseUrl: string, viewport = { width: 1280, height: 860 }): Promise<BrowserContext> {
  return browser.newContext({ baseURL: baseUrl, viewport, locale: 'fr-FR' });
}

/**
 * The app with the demo network seeded, and the path of the page of the organization's
 * evaluation in collection (`/w/…/organizations/…/evaluations/…`).
 */
export async function startDemoBrowserApp(organizationName: string): Promise<{ t: BrowserTestApp; evaluationPath: string }> {
  const t = await startBrowserTestApp({ DEMO_SEED: 'true' });
  await t.app.get(DemoSeedService).seed();
  const api = t.client();
  await api.login(DEMO_ADMIN.email, DEMO_ADMIN.password);
  const [workspace] = (await api.get('/workspaces')).body as Array<{ id: string }>;
  const organizations = (await api.get(`/workspaces/${workspace!.id}/organizations`)).body as Array<{ id: string; name: string }>;
  const organization = organizations.find((o) => o.name === organizationName)!;
  const evaluations = (await api.get(`/workspaces/${workspace!.id}/organizations/${organization.id}/evaluations`)).body as Array<{ id: string; status: string }>;
  const evaluation = evaluations.find((e) => e.status === 'collecting')!;
  return { t, evaluationPath: `/w/${workspace!.id}/organizations/${organization.id}/evaluations/${evaluation.id}` };
}
