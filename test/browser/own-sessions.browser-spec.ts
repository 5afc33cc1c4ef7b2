import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { createUser, createWorkspace, PASSWORD, type TestUser } from '../support/factories.js';
import { ARTIFACTS_DIR, expectAccessible, launchChromium, login, newContext, startBrowserTestApp, step, watchPage, type BrowserTestApp } from '../support/browser.js';

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const BUTTON = 'Se déconnecter des autres appareils';
const DIALOG_TITLE = 'Se déconnecter des autres appareils\u202f?';

/** What the screen shows (the dialog over the page), not the whole scrolled page. */
async function shot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `own-sessions-${name}.png`) });
}

/** Waits for the dialog's opening transition to end: axe and screenshots see it as people do. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): Array<{ playState: string }> } }).document
      .getAnimations()
      .every((animation) => animation.playState !== 'running'),
  );
}

async function openAccount(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mon compte' }).click();
  await page.getByRole('heading', { name: 'Mon compte', level: 1 }).waitFor();
}

describe('signing out of one’s other devices from the account page', () => {
  let t: BrowserTestApp;
  let browser: Browser;
  let workspaceId: string;
  let user: TestUser;

  const sessionsOf = async (who: TestUser): Promise<number> =>
    (await t.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM session WHERE user_id = $1`, [who.id]))[0]!.n;

  beforeAll(async () => {
    t = await startBrowserTestApp();
    user = await createUser(t, { login: false });
    workspaceId = await createWorkspace(t, user, 'Réseau du Vallon');
    await t.dataSource.query(`UPDATE user_account SET display_name = 'Camille Martin' WHERE id = $1`, [user.id]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('ends the other sessions after a confirmation; the other browser lands on the login, this one stays signed in', async () => {
    const laptopContext = await newContext(browser, t.baseUrl, DESKTOP);
    const page = await laptopContext.newPage();
    const otherContext = await newContext(browser, t.baseUrl, DESKTOP);
    const otherPage = await otherContext.newPage();
    const watched = [watchPage(page), watchPage(otherPage)];

    await step(otherPage, 'own-sessions-other-login', async () => {
      await login(otherPage, user.email, PASSWORD);
    });
    // A third session, from somewhere else, so the count is a plural.
    await t.client().login(user.email, PASSWORD);

    await step(page, 'own-sessions-phone-cancel', async () => {
      await login(page, user.email, PASSWORD);
      await expect(sessionsOf(user)).resolves.toBe(3);
      await openAccount(page);
      await page.setViewportSize(PHONE);
      const section = page.getByRole('region', { name: 'Appareils connectés' });
      await expect(section.innerText()).resolves.toContain('celui-ci reste connecté');
      await section.getByRole('button', { name: BUTTON }).click();
      const dialog = page.getByRole('dialog', { name: DIALOG_TITLE });
      await dialog.waitFor();
      await settled(page);
      // The safe choice has the focus.
      await dialog.locator('button:focus', { hasText: 'Annuler' }).waitFor();
      await shot(page, 'dialog-phone');
      await expectAccessible(page, 'sign out of other devices dialog (phone)');
      await dialog.getByRole('button', { name: 'Annuler' }).click();
      await dialog.waitFor({ state: 'hidden' });
      // The focus goes back to the button that opened it, and nothing ended.
      await section.locator('button:focus', { hasText: BUTTON }).waitFor();
      await expect(sessionsOf(user)).resolves.toBe(3);
    });

    await step(page, 'own-sessions-end', async () => {
      await page.setViewportSize(DESKTOP);
      await page.getByRole('button', { name: BUTTON }).click();
      const dialog = page.getByRole('dialog', { name: DIALOG_TITLE });
      await dialog.waitFor();
      await settled(page);
      await expect(dialog.innerText()).resolves.toMatch(/fermées tout de suite[\s\S]*Cet appareil reste connecté\./);
      await shot(page, 'dialog-desktop');
      await expectAccessible(page, 'sign out of other devices dialog');
      await dialog.getByRole('button', { name: 'Déconnecter les autres appareils' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('status').filter({ hasText: '2 autres appareils déconnectés.' }).waitFor();
      await expect(sessionsOf(user)).resolves.toBe(1);
      await shot(page, 'done-desktop');
    });

    await step(otherPage, 'own-sessions-other-signed-out', async () => {
      // The page the other browser had open works until its next request, which finds the session gone.
      await otherPage.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Membres du réseau' }).click();
      const landed = otherPage.getByRole('heading', { name: /^(Connexion|Quelque chose s'est mal passé)$/, level: 1 });
      await landed.waitFor();
      await expect(landed.innerText()).resolves.toBe('Connexion');
      await otherPage.getByText('Votre session a expiré. Reconnectez-vous pour continuer.').waitFor();
      const url = new URL(otherPage.url());
      expect({ path: url.pathname, next: url.searchParams.get('next') }).toEqual({ path: '/login', next: `/w/${workspaceId}/members` });
    });

    await step(page, 'own-sessions-still-signed-in', async () => {
      // This browser is still signed in, after a reload too; a second try finds nothing to end.
      await page.reload();
      await page.getByRole('heading', { name: 'Mon compte', level: 1 }).waitFor();
      await page.getByRole('button', { name: BUTTON }).click();
      const dialog = page.getByRole('dialog', { name: DIALOG_TITLE });
      await dialog.getByRole('button', { name: 'Déconnecter les autres appareils' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('status').filter({ hasText: "Aucun autre appareil n'était connecté." }).waitFor();
      await expect(sessionsOf(user)).resolves.toBe(1);
    });

    expect(watched.flatMap((w) => w.errors)).toEqual([]);
    await laptopContext.close();
    await otherContext.close();
  });
});
