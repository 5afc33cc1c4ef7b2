import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { DEMO_ADMIN } from '../../apps/api/src/modules/demo/demo-seed.service.js';
import { launchChromium, newContext, startDemoBrowserApp, step, watchPage, type BrowserTestApp } from '../support/browser.js';

const ORGANIZATION = 'La Ressourcerie du Vallon';
const EVALUATION = 'Utilité sociale 2026 — regards croisés';

/** What the page functions below use of the browser (this project's type-check has no DOM library). */
interface CspWindow {
  __cspViolations: string[];
  __injected?: number;
  document: {
    createElement(tag: 'script'): { textContent: string };
    body: { appendChild(node: unknown): void };
  };
}

/**
 * Every `securitypolicyviolation` of every page of the context, recorded from the first script
 * on, and also written to the console (where watchPage collects errors).
 */
async function recordViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = globalThis as unknown as CspWindow & { addEventListener(type: string, fn: (e: { violatedDirective: string; blockedURI: string; sourceFile: string }) => void): void };
    w.__cspViolations = [];
    w.addEventListener('securitypolicyviolation', (e) => {
      const text = `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile || 'the page'}`;
      w.__cspViolations.push(text);
      console.error(text);
    });
  });
}

function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (globalThis as unknown as CspWindow).__cspViolations ?? []);
}

/** The policy the page was served with: strict scripts, no framing, no referrer. */
function expectStrictDocument(response: Response | null, where: string): void {
  expect(response).not.toBeNull();
  const headers = response!.headers();
  const csp = headers['content-security-policy'] ?? '';
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1]?.trim();
  expect({ where, scriptSrc, frameAncestors: /frame-ancestors 'none'/.test(csp) }).toEqual({ where, scriptSrc: "'self'", frameAncestors: true });
  expect({ where, referrer: headers['referrer-policy'], frame: headers['x-frame-options'] }).toEqual({ where, referrer: 'no-referrer', frame: 'DENY' });
}

describe('the built web app under its Content-Security-Policy', () => {
  let t: BrowserTestApp;
  let browser: Browser;
  let evaluationPath: string;
  let linkPath: string;

  beforeAll(async () => {
    ({ t, evaluationPath } = await startDemoBrowserApp(ORGANIZATION));
    const api = t.client();
    await api.login(DEMO_ADMIN.email, DEMO_ADMIN.password);
    const links = await api.post(`${evaluationPath.replace(/^\/w\//, '/workspaces/')}/links`, { groupKey: 'volunteers', kind: 'shared' });
    expect(links.status).toBe(201);
    linkPath = (links.body as Array<{ path: string }>)[0]!.path;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('runs the login page, the demo dashboard and a respondent page without a single CSP violation', async () => {
    const context = await newContext(browser, t.baseUrl);
    await recordViolations(context);
    const page = await context.newPage();
    const watched = watchPage(page);

    await step(page, 'csp-login', async () => {
      expectStrictDocument(await page.goto('/login'), 'login');
      await page.getByLabel('E-mail').fill(DEMO_ADMIN.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_ADMIN.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Organisations', level: 1 }).waitFor();
      expect(await violations(page)).toEqual([]);
    });

    await step(page, 'csp-dashboard', async () => {
      expectStrictDocument(await page.goto(evaluationPath), 'evaluation');
      await page.getByRole('heading', { name: EVALUATION, level: 1 }).waitFor();
      await page.getByRole('tab', { name: 'Analyse' }).click();
      const radar = page.getByRole('figure', { name: 'Profil par dimension' });
      await radar.locator('canvas[role="img"]').waitFor();
      // Another tab's components mount their styles as well.
      await page.getByRole('tab', { name: 'Collecte' }).click();
      await page.getByRole('tabpanel', { name: 'Collecte' }).waitFor();
      await page.waitForTimeout(300);
      expect(await violations(page)).toEqual([]);
    });

    await step(page, 'csp-respondent', async () => {
      const respondent = await context.newPage();
      const respondentWatched = watchPage(respondent);
      expectStrictDocument(await respondent.goto(linkPath), 'respondent');
      await respondent.getByRole('heading', { level: 2, name: 'Avant de commencer' }).waitFor();
      await respondent.getByRole('button', { name: 'Commencer le questionnaire' }).click();
      // SurveyJS has rendered its first page, with its theme's style elements.
      await respondent.getByRole('progressbar', { name: /^Page 1 sur \d+$/ }).waitFor();
      expect(await violations(respondent)).toEqual([]);
      expect(respondentWatched.errors).toEqual([]);
      await respondent.close();
    });

    expect(watched.errors).toEqual([]);
    await context.close();
  });

  it('renders the OpenAPI page (Swagger UI) under its own policy without a violation', async () => {
    const context = await newContext(browser, t.baseUrl);
    await recordViolations(context);
    const page = await context.newPage();
    const watched = watchPage(page);
    const response = await page.goto('/api/docs');
    expectStrictDocument(response, 'api docs');
    await page.getByRole('heading', { name: /Regards API/ }).first().waitFor();
    await page.locator('.opblock-tag').first().waitFor();
    expect(await violations(page)).toEqual([]);
    expect(watched.errors).toEqual([]);
    await context.close();
  });

  it('blocks a script injected into the page (the policy is really enforced)', async () => {
    const context = await newContext(browser, t.baseUrl);
    await recordViolations(context);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByRole('button', { name: 'Se connecter' }).waitFor();
    await page.evaluate(() => {
      const w = globalThis as unknown as CspWindow;
      const script = w.document.createElement('script');
      script.textContent = 'globalThis.__injected = 1;';
      w.document.body.appendChild(script);
    });
    await page.waitForTimeout(100);
    await expect(page.evaluate(() => (globalThis as unknown as CspWindow).__injected)).resolves.toBeUndefined();
    const seen = await violations(page);
    expect(seen).toEqual([expect.stringMatching(/^CSP violation: script-src-elem blocked inline/)]);
    await context.close();
  });
});
