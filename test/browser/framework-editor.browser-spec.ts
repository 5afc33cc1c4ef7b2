import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { addMember, createUser, createWorkspace, PASSWORD, type TestUser } from '../support/factories.js';
import { launchChromium, newContext, startBrowserTestApp, step, watchPage, type BrowserTestApp } from '../support/browser.js';

/** The editor saves a valid draft ~1.5 s after the last change; wait until it says so. */
async function waitUntilSaved(page: Page): Promise<void> {
  await page.locator('.save-status', { hasText: /^Enregistré$/ }).waitFor({ timeout: 15_000 });
}

describe('a facilitator builds, previews and publishes a framework', () => {
  let t: BrowserTestApp;
  let browser: Browser;
  let facilitator: TestUser;
  let workspaceId: string;

  beforeAll(async () => {
    t = await startBrowserTestApp();
    const admin = await createUser(t, { login: false });
    workspaceId = await createWorkspace(t, admin, 'Réseau du Vallon');
    facilitator = await createUser(t, { login: false });
    await addMember(t, workspaceId, facilitator, 'facilitator');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each([
    ['desktop', { width: 1280, height: 860 }],
    ['phone', { width: 360, height: 740 }],
  ])(
    'builds a two-dimension framework from scratch, previews it as two groups in fr and en, and publishes it (%s)',
    async (label, viewport) => {
      const context = await newContext(browser, t.baseUrl, viewport);
      const page = await context.newPage();
      const watched = watchPage(page);
      const name = `Référentiel du Vallon (${label})`;
      const outline = page.getByRole('navigation', { name: 'Plan du référentiel' });

      await step(page, `${label}-login`, async () => {
        await page.goto('/login');
        await page.getByLabel('E-mail').fill(facilitator.email);
        await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.getByRole('heading', { name: 'Organisations', level: 1 }).waitFor();
      });

      await step(page, `${label}-create`, async () => {
        if (viewport.width < 768) await page.getByRole('button', { name: 'Ouvrir la navigation' }).click();
        await page.getByRole('link', { name: 'Référentiels' }).click();
        await page.getByRole('heading', { name: 'Référentiels', level: 1 }).waitFor();
        await page.getByRole('button', { name: 'Nouveau référentiel' }).first().click();
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('Nom').fill(name);
        await dialog.getByRole('button', { name: 'Créer le référentiel' }).click();
        await page.getByRole('heading', { name, level: 1 }).waitFor();
        await waitUntilSaved(page);
      });

      await step(page, `${label}-first-dimension`, async () => {
        // The skeleton's dimension, renamed; its key stays (it was not created in this session).
        await outline.getByRole('button', { name: /Première dimension/ }).click();
        await page.getByLabel('Titre (français)').fill('Coopération territoriale');
        await page.getByLabel('Titre (anglais)').fill('Local cooperation');
        await expect(outline.getByRole('button', { name: /Coopération territoriale/ }).count()).resolves.toBe(1);
      });

      await step(page, `${label}-second-dimension`, async () => {
        await outline.getByRole('button', { name: 'Ajouter une dimension' }).click();
        // Invalid until it has a criterion: the summary says so and nothing is saved.
        await page.getByRole('region', { name: /à corriger avant l’enregistrement/ }).waitFor();
        await page.getByLabel('Titre (français)').fill('Pouvoir d’agir des habitant·es');
        await page.getByLabel('Titre (anglais)').fill('Residents’ power to act');
        // The key of a new item follows its title.
        await expect(page.getByLabel('Clé').inputValue()).resolves.toBe('pouvoir_d_agir_des_habitant_es');

        await page.getByRole('button', { name: 'Ajouter un critère' }).click();
        await page.getByLabel('Titre (français)').fill('Participation aux décisions');

        await page.getByRole('button', { name: 'Ajouter un indicateur' }).click();
        await page.getByLabel('Titre (français)').fill('Place des personnes dans les décisions');
        await page.getByLabel('Titre (anglais)').fill('Say in decisions');

        await page.getByRole('button', { name: 'Ajouter une question' }).click();
        await page.getByRole('checkbox', { name: 'Salarié·es' }).check();
        await page.getByRole('checkbox', { name: 'Bénévoles' }).check();
        await page.getByLabel('Formulation — Salarié·es (français)').fill('Prenez-vous part aux décisions de la structure ?');
        await page.getByLabel('Formulation — Salarié·es (anglais)').fill('Do you take part in the decisions of the organization?');
        await page.getByLabel('Formulation — Bénévoles (français)').fill('En tant que bénévole, prenez-vous part aux décisions ?');
        await page.getByLabel('Formulation — Bénévoles (anglais)').fill('As a volunteer, do you take part in decisions?');
        await page.getByRole('region', { name: /à corriger avant l’enregistrement/ }).waitFor({ state: 'detached' });
        await waitUntilSaved(page);
      });

      await step(page, `${label}-preview`, async () => {
        await page.getByRole('tab', { name: 'Aperçu' }).click();
        const group = page.getByLabel('Public', { exact: true });
        await group.selectOption('staff');
        await page.getByText('Prenez-vous part aux décisions de la structure ?').waitFor();
        await group.selectOption('volunteers');
        await page.getByText('En tant que bénévole, prenez-vous part aux décisions ?').waitFor();
        await page.getByRole('radio', { name: 'English' }).check();
        await page.getByText('As a volunteer, do you take part in decisions?').waitFor();
        await group.selectOption('staff');
        await page.getByText('Do you take part in the decisions of the organization?').waitFor();
        // A group the framework does not ask.
        await group.selectOption('partners');
        await page.getByText('Aucune question pour ce groupe.').waitFor();
      });

      await step(page, `${label}-publish`, async () => {
        await page.getByRole('button', { name: 'Publier', exact: true }).click();
        const dialog = page.getByRole('dialog', { name: 'Publier la version 1' });
        await dialog.getByText(/première publication de ce référentiel\u202f: 2 dimensions, 2 indicateurs, 2 questions/).waitFor();
        await dialog.getByRole('button', { name: 'Publier la version 1' }).click();
        await page.getByText('La version 1 est publiée').waitFor();
        await page.getByRole('button', { name: 'Modifier (nouvelle version)' }).waitFor();
      });

      const rows = await t.dataSource.query<Array<{ status: string; content_hash: string | null; number: number; content: { dimensions: Array<{ key: string; criteria: Array<{ indicators: Array<{ questions: Array<{ audiences: string[]; wording: Record<string, { fr: string; en?: string }> }> }> }> }> } }>>(
        `SELECT v.status, v.content_hash, v.number, v.content
           FROM framework_version v JOIN framework f ON f.id = v.framework_id
          WHERE f.name = $1 AND f.workspace_id = $2`,
        [name, workspaceId],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'published', number: 1, content_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const dimensions = rows[0]!.content.dimensions;
      expect(dimensions.map((dimension) => dimension.key)).toEqual(['dimension_1', 'pouvoir_d_agir_des_habitant_es']);
      const question = dimensions[1]!.criteria[0]!.indicators[0]!.questions[0]!;
      expect(question.audiences).toEqual(['staff', 'volunteers']);
      expect(question.wording['volunteers']).toEqual({
        fr: 'En tant que bénévole, prenez-vous part aux décisions ?',
        en: 'As a volunteer, do you take part in decisions?',
      });
      // No CSP violation (SurveyJS's styles carry the nonce), no script error.
      expect(watched.errors).toEqual([]);
      await context.close();
    },
    120_000,
  );
});
