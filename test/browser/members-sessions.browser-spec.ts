import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { addMember, createUser, createWorkspace, PASSWORD, type TestUser } from '../support/factories.js';
import { ARTIFACTS_DIR, expectAccessible, launchChromium, login, newContext, startBrowserTestApp, step, watchPage, type BrowserTestApp } from '../support/browser.js';

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const DIALOG_TITLE = 'Déconnecter Camille Martin partout\u202f?';

/** What the screen shows (the dialog over the page), not the whole scrolled page. */
async function shot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `members-sessions-${name}.png`) });
}

/** Waits for the dialog's opening transition to end: axe and screenshots see it as people do. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): Array<{ playState: string }> } }).document
      .getAnimations()
      .every((animation) => animation.playState !== 'running'),
  );
}

async function fillLogin(page: Page, user: TestUser): Promise<void> {
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

async function openMembers(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Membres du réseau' }).click();
  await page.getByRole('heading', { name: 'Membres du réseau', level: 1 }).waitFor();
}

describe('signing a member out everywhere from the members page', () => {
  let t: BrowserTestApp;
  let browser: Browser;
  let workspaceId: string;
  let admin: TestUser;
  let camille: TestUser;

  const sessionsOf = async (user: TestUser): Promise<number> =>
    (await t.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM session WHERE user_id = $1`, [user.id]))[0]!.n;

  beforeAll(async () => {
    t = await startBrowserTestApp();
    admin = await createUser(t, { login: false });
    workspaceId = await createWorkspace(t, admin, 'Réseau du Vallon');
    camille = await createUser(t, { login: false });
    await addMember(t, workspaceId, camille, 'facilitator');
    await t.dataSource.query(`UPDATE user_account SET display_name = 'Dominique Admin' WHERE id = $1`, [admin.id]);
    await t.dataSource.query(`UPDATE user_account SET display_name = 'Camille Martin' WHERE id = $1`, [camille.id]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('ends the member’s sessions after a confirmation; their open page lands on the login, their role is kept, the audit log says so', async () => {
    const camilleContext = await newContext(browser, t.baseUrl, DESKTOP);
    const camillePage = await camilleContext.newPage();
    const adminContext = await newContext(browser, t.baseUrl, DESKTOP);
    const page = await adminContext.newPage();
    const watched = [watchPage(camillePage), watchPage(page)];

    await step(camillePage, 'members-sessions-member-login', async () => {
      await login(camillePage, camille.email, PASSWORD);
      await expect(sessionsOf(camille)).resolves.toBe(1);
    });

    await step(page, 'members-sessions-rows', async () => {
      await login(page, admin.email, PASSWORD);
      await openMembers(page);
      const table = page.getByRole('table', { name: 'Membres du réseau' });
      const ownRow = table.getByRole('row', { name: /Dominique Admin/ });
      await ownRow.waitFor();
      // One's own sessions are not ended from here (nor is one's own role changed).
      await expect(ownRow.getByRole('button').count()).resolves.toBe(0);
      await table.getByRole('button', { name: 'Déconnecter partout Camille Martin' }).waitFor();
    });

    await step(page, 'members-sessions-phone-cancel', async () => {
      await page.setViewportSize(PHONE);
      const cards = page.getByRole('list', { name: 'Membres du réseau' });
      const trigger = cards.getByRole('button', { name: 'Déconnecter partout Camille Martin' });
      await trigger.click();
      const dialog = page.getByRole('dialog', { name: DIALOG_TITLE });
      await dialog.waitFor();
      await settled(page);
      // The safe choice has the focus.
      await dialog.locator('button:focus', { hasText: 'Annuler' }).waitFor();
      await shot(page, 'dialog-phone');
      await expectAccessible(page, 'end sessions dialog (phone)');
      await dialog.getByRole('button', { name: 'Annuler' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // The focus goes back to the button that opened it.
      await cards.locator('button:focus').filter({ hasText: 'Déconnecter partout' }).waitFor();
      await expect(sessionsOf(camille)).resolves.toBe(1);
    });

    await step(page, 'members-sessions-end', async () => {
      await page.setViewportSize(DESKTOP);
      const table = page.getByRole('table', { name: 'Membres du réseau' });
      await table.getByRole('button', { name: 'Déconnecter partout Camille Martin' }).click();
      const dialog = page.getByRole('dialog', { name: DIALOG_TITLE });
      await dialog.waitFor();
      await settled(page);
      await expect(dialog.innerText()).resolves.toMatch(/déconnecté·e tout de suite sur tous ses appareils[\s\S]*devra se reconnecter/);
      await expect(dialog.innerText()).resolves.toContain('Son compte et son rôle dans le réseau ne changent pas.');
      await shot(page, 'dialog-desktop');
      await expectAccessible(page, 'end sessions dialog');
      await dialog.getByRole('button', { name: 'Déconnecter partout' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('status').filter({ hasText: 'Camille Martin est déconnecté·e de tous ses appareils.' }).waitFor();
      await expect(sessionsOf(camille)).resolves.toBe(0);
      // Nothing else changed: Camille is still a member with the same role, and the admin is still signed in.
      await expect(table.getByRole('row', { name: /Camille Martin/ }).getByLabel('Rôle de Camille Martin').inputValue()).resolves.toBe('facilitator');
      await expect(sessionsOf(admin)).resolves.toBe(1);
    });

    await step(camillePage, 'members-sessions-signed-out', async () => {
      // The page Camille had open works until its next request, which finds the session gone.
      await camillePage.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Membres du réseau' }).click();
      // The login page, not the crash page (which a page re-rendering without its session would show).
      const landed = camillePage.getByRole('heading', { name: /^(Connexion|Quelque chose s'est mal passé)$/, level: 1 });
      await landed.waitFor();
      await expect(landed.innerText()).resolves.toBe('Connexion');
      await camillePage.getByText('Votre session a expiré. Reconnectez-vous pour continuer.').waitFor();
      const url = new URL(camillePage.url());
      expect({ path: url.pathname, next: url.searchParams.get('next') }).toEqual({ path: '/login', next: `/w/${workspaceId}/members` });
      await fillLogin(camillePage, camille);
      // Back where they were going, with the same role as before.
      await camillePage.getByRole('heading', { name: 'Membres du réseau', level: 1 }).waitFor();
      const ownRow = camillePage.getByRole('table', { name: 'Membres du réseau' }).getByRole('row', { name: /Camille Martin/ });
      await expect(ownRow.innerText()).resolves.toContain('Accompagnateur·ice');
      await expect(camillePage.getByRole('button', { name: /^Déconnecter partout/ }).count()).resolves.toBe(0);
    });

    await step(page, 'members-sessions-audit', async () => {
      await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Journal d’audit' }).click();
      await page.getByRole('heading', { name: 'Journal d’audit', level: 1 }).waitFor();
      const row = page.getByRole('table', { name: /Événements du journal d’audit/ }).getByRole('row', { name: /Sessions fermées à distance/ });
      await expect(row.innerText()).resolves.toMatch(/Dominique Admin[\s\S]*Sessions fermées à distance \(1\)[\s\S]*Camille Martin/);
    });

    expect(watched.flatMap((w) => w.errors)).toEqual([]);
    await camilleContext.close();
    await adminContext.close();
  });
});
