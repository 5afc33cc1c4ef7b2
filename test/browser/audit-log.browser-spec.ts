import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ADMIN } from '../../apps/api/src/modules/demo/demo-seed.service.js';
import { addMember, createUser, PASSWORD, type TestUser } from '../support/factories.js';
import { ARTIFACTS_DIR, expectAccessible, launchChromium, login, newContext, startDemoBrowserApp, step, watchPage, type BrowserTestApp } from '../support/browser.js';

const ORGANIZATION = 'La Ressourcerie du Vallon';
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `audit-log-${name}.png`), fullPage: true });
}

describe('the audit log page', () => {
  let t: BrowserTestApp;
  let browser: Browser;
  let workspaceId: string;
  let camille: TestUser;

  beforeAll(async () => {
    ({ t } = await startDemoBrowserApp(ORGANIZATION));
    const api = t.client();
    await api.login(DEMO_ADMIN.email, DEMO_ADMIN.password);
    workspaceId = ((await api.get('/workspaces')).body as Array<{ id: string }>)[0]!.id;
    camille = await createUser(t, { login: false });
    await t.dataSource.query(`UPDATE user_account SET display_name = 'Camille Martin' WHERE id = $1`, [camille.id]);
    await addMember(t, workspaceId, camille, 'facilitator');
    expect((await api.patch(`/workspaces/${workspaceId}/members/${camille.id}`, { role: 'viewer' })).status).toBe(200);
    expect((await api.post(`/workspaces/${workspaceId}/invitations`, { email: 'sacha@example.org', role: 'facilitator' })).status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows an administrator who did what, in words, with filters that narrow it down', async () => {
    const context = await newContext(browser, t.baseUrl, DESKTOP);
    const page = await context.newPage();
    const watched = watchPage(page);

    await step(page, 'audit-open', async () => {
      await login(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Journal d’audit' }).click();
      await page.getByRole('heading', { name: 'Journal d’audit', level: 1 }).waitFor();
      const table = page.getByRole('table', { name: 'Événements du journal d’audit, du plus récent au plus ancien' });
      await table.waitFor();
      await expect(table.locator('thead th').allInnerTexts()).resolves.toEqual(['Date', 'Personne', 'Action', 'Objet']);
      // (The demo's report is laid out in the background meanwhile: its events may come first.)
      const invited = table.getByRole('row', { name: /Invitation envoyée/ });
      await expect(invited.innerText()).resolves.toMatch(/Invitation envoyée \(Accompagnateur·ice\)[\s\S]*sacha@example\.org/);
      const roleRow = table.getByRole('row', { name: /Rôle changé/ });
      await expect(roleRow.innerText()).resolves.toMatch(/Rôle changé\u202f: Accompagnateur·ice → Lecteur·ice/);
      await expect(roleRow.innerText()).resolves.toContain('Camille Martin');
      await expect(roleRow.locator('time').getAttribute('datetime')).resolves.toMatch(/^\d{4}-\d{2}-\d{2}T/);
      await page.getByText(/^\d+ événements affichés$/).waitFor();
      await shot(page, 'desktop');
      await expectAccessible(page, 'audit log');
    });

    await step(page, 'audit-filter', async () => {
      await page.getByLabel('Action').selectOption({ label: 'Membres du réseau' });
      const table = page.getByRole('table', { name: /Événements du journal d’audit/ });
      await page.getByText('1 événement affiché').waitFor();
      await expect(table.locator('tbody tr').count()).resolves.toBe(1);
      await page.getByLabel('Action').selectOption({ label: 'Toutes les actions' });
      await page.getByLabel(/^Personne/).selectOption({ label: 'Camille Martin' });
      await page.getByText('1 événement affiché').waitFor();
      // A day range that ends before it starts is refused in words, next to the field.
      await page.getByLabel('Du', { exact: true }).fill('2026-05-10');
      await page.getByLabel('Au (inclus)').fill('2026-05-01');
      await page.getByText('La date de fin doit suivre la date de début.').waitFor();
      await page.getByLabel('Du', { exact: true }).fill('2000-01-01');
      await page.getByLabel('Au (inclus)').fill('2000-01-02');
      await page.getByText('Aucun événement ne correspond à ces filtres.').waitFor();
      await page.getByRole('button', { name: 'Effacer les filtres' }).click();
      await page.getByText(/^\d+ événements affichés$/).waitFor();
    });

    await step(page, 'audit-phone', async () => {
      await page.setViewportSize(PHONE);
      await page.getByRole('list', { name: /Événements du journal d’audit/ }).waitFor();
      await shot(page, 'phone');
      await expectAccessible(page, 'audit log (phone)');
    });

    await step(page, 'audit-english', async () => {
      await page.setViewportSize(DESKTOP);
      await page.evaluate(() => (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem('regards.lang', 'en'));
      await page.reload();
      await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
      await page.getByRole('row', { name: /Role changed: Facilitator → Viewer/ }).waitFor();
    });

    expect(watched.errors).toEqual([]);
    await context.close();
  });

  it('is not offered to someone who is not an administrator', async () => {
    const context = await newContext(browser, t.baseUrl, DESKTOP);
    const page = await context.newPage();
    await login(page, camille.email, PASSWORD);
    await expect(page.getByRole('link', { name: 'Journal d’audit' }).count()).resolves.toBe(0);
    await page.goto(`/w/${workspaceId}/audit`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect(page.getByRole('heading', { name: 'Journal d’audit' }).count()).resolves.toBe(0);
    await context.close();
  });
});
