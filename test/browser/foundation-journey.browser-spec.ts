import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { createUser, createWorkspace, PASSWORD, type TestUser } from '../support/factories.js';
import { launchChromium, newContext, startBrowserTestApp, step, watchPage, type BrowserTestApp } from '../support/browser.js';

describe('a facilitator’s first steps', () => {
  let t: BrowserTestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startBrowserTestApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each([
    ['desktop', { width: 1280, height: 860 }],
    ['phone', { width: 360, height: 740 }],
  ])('logs in, creates an organization, invites a member and switches to English (%s)', async (label, viewport) => {
    // One person per run: the language chosen is remembered on the account.
    const admin: TestUser = await createUser(t, { login: false });
    await createWorkspace(t, admin, `Réseau du Vallon (${label})`);
    const context = await newContext(browser, t.baseUrl, viewport);
    const page = await context.newPage();
    const watched = watchPage(page);
    const orgName = `Épicerie solidaire ${label}`;
    const invitee = `referente-${label}@example.org`;

    await step(page, `${label}-login`, async () => {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Connexion' }).waitFor();
      expect(page.url()).toContain('/login');
      await page.getByLabel('E-mail').fill(admin.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill('not the password');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByText('E-mail ou mot de passe incorrect').waitFor();
      await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Organisations', level: 1 }).waitFor();
    });

    await step(page, `${label}-create-organization`, async () => {
      await page.getByRole('button', { name: 'Nouvelle organisation' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Nom').fill(orgName);
      await dialog.getByLabel('Ville').fill('Die');
      await dialog.getByRole('button', { name: "Créer l'organisation" }).click();
      await dialog.waitFor({ state: 'hidden' });
      // The new organization opens at once.
      await page.getByRole('heading', { name: orgName, level: 1 }).waitFor();
    });

    await step(page, `${label}-invite`, async () => {
      await page.getByLabel('E-mail de la personne invitée').fill(invitee);
      await page.getByRole('button', { name: 'Inviter' }).click();
      const link = page.getByRole('textbox', { name: `Lien d'invitation pour ${invitee}` });
      await link.waitFor();
      expect(await link.inputValue()).toMatch(new RegExp(`^${t.baseUrl}/invitations/[A-Za-z0-9_-]{22}$`));
      await page.getByRole('button', { name: `Révoquer l'invitation de ${invitee}` }).waitFor();
    });

    await step(page, `${label}-english`, async () => {
      await page.getByRole('button', { name: /Changer de langue/ }).click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      await page.getByRole('heading', { name: 'Pending invitations' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.reload();
      await page.getByRole('heading', { name: 'Pending invitations' }).waitFor();
    });

    const rows = await t.dataSource.query<Array<{ email: string; role: string }>>(
      `SELECT i.email, i.role FROM invitation i JOIN organization o ON o.id = i.organization_id WHERE o.name = $1`,
      [orgName],
    );
    expect(rows).toEqual([{ email: invitee, role: expect.stringMatching(/^(contact|board)$/) }]);
    expect(watched.errors).toEqual([]);
    await context.close();
  });
});
