import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { addMember, createOrganization, createUser, createWorkspace, PASSWORD, type TestUser } from '../support/factories.js';
import { ARTIFACTS_DIR, launchChromium, login, newContext, startBrowserTestApp, step, watchPage, type BrowserTestApp } from '../support/browser.js';
import { Respondent, filledData } from '../support/collection.js';

const ORGANIZATION = 'La Ressourcerie du Vallon';
const TITLE = 'Évaluation 2026 de la Ressourcerie';

/** A full-page screenshot kept with the test's artifacts, to look at. */
async function shot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `evaluation-${name}.png`), fullPage: true });
}

/** The token at the end of a respondent's link (…/r/<token>). */
function tokenOf(url: string): string {
  const match = /\/r\/([^/?#]+)$/.exec(url);
  if (!match) throw new Error(`not a respondent link: ${url}`);
  return match[1]!;
}

describe('a facilitator runs the collection of an evaluation', () => {
  let t: BrowserTestApp;
  let browser: Browser;
  let facilitator: TestUser;
  let viewer: TestUser;
  let workspaceId: string;
  let organizationId: string;
  let evaluationPath: string;

  beforeAll(async () => {
    t = await startBrowserTestApp();
    const admin = await createUser(t, { login: false });
    workspaceId = await createWorkspace(t, admin, 'Réseau du Vallon');
    organizationId = await createOrganization(t, workspaceId, ORGANIZATION);
    facilitator = await createUser(t, { login: false });
    await addMember(t, workspaceId, facilitator, 'facilitator');
    viewer = await createUser(t, { login: false });
    await addMember(t, workspaceId, viewer, 'viewer');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates an evaluation, opens the collection, makes links, sees an answer arrive, excludes it and restores it', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const watched = watchPage(page);
    const staff = page.getByRole('region', { name: 'Salarié·es' });
    let personalUrls: string[] = [];

    await step(page, 'evaluation-create', async () => {
      await login(page, facilitator.email, PASSWORD);
      await page.goto(`/w/${workspaceId}/organizations/${organizationId}`);
      await page.getByRole('heading', { name: ORGANIZATION, level: 1 }).waitFor();
      await page.getByText('Aucune évaluation pour le moment.', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Nouvelle évaluation' }).click();
      const dialog = page.getByRole('dialog', { name: 'Nouvelle évaluation' });
      // The shipped framework is preselected; its dimensions load, all ticked.
      await dialog.getByRole('checkbox', { name: 'Utilité économique' }).waitFor();
      await expect(dialog.getByRole('checkbox', { name: 'Utilité économique' }).isChecked()).resolves.toBe(true);
      await expect(dialog.getByLabel('Seuil d’anonymat k').inputValue()).resolves.toBe('5');
      // The self-assessment is always part of it.
      await expect(dialog.getByRole('checkbox', { name: 'Auto-évaluation de la structure' }).isDisabled()).resolves.toBe(true);

      // Nothing is sent while the form is incomplete, and the field says why.
      await dialog.getByRole('button', { name: 'Créer l’évaluation' }).click();
      await dialog.getByText('Ce champ est obligatoire.').waitFor();

      await dialog.getByLabel('Titre').fill(TITLE);
      await dialog.getByRole('checkbox', { name: 'Salarié·es' }).check();
      await dialog.getByLabel('Effectif attendu — Salarié·es').fill('3');
      const anonymity = dialog.getByLabel('Anonymat — Salarié·es');
      await anonymity.selectOption('confidential');
      // The chosen mode is explained in one line, tied to the field.
      const described = await anonymity.getAttribute('aria-describedby');
      await expect(page.locator(`[id="${described?.split(' ')[0]}"]`).textContent()).resolves.toMatch(/^Vous savez qui a répondu/);
      await shot(page, 'create-modal');
      await dialog.getByRole('button', { name: 'Créer l’évaluation' }).click();
      await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      evaluationPath = new URL(page.url()).pathname;
      expect(evaluationPath).toMatch(new RegExp(`^/w/${workspaceId}/organizations/${organizationId}/evaluations/[0-9a-f-]{36}$`));
      await page.getByText('Brouillon').first().waitFor();
    });

    await step(page, 'evaluation-open-collection', async () => {
      await page.getByRole('tab', { name: 'Conception' }).waitFor();
      await page.getByRole('button', { name: 'Ouvrir la collecte' }).click();
      const confirm = page.getByRole('dialog', { name: 'Ouvrir la collecte ?' });
      await confirm.getByText('ne pourront plus changer').waitFor();
      await confirm.getByRole('button', { name: 'Ouvrir la collecte' }).click();
      await page.getByText('L’évaluation est passée au statut « Collecte en cours ».').first().waitFor();
      // Once collecting, the design is locked and says why; the dates stay editable.
      await expect(page.getByLabel('Titre').isDisabled()).resolves.toBe(true);
      await page.getByText('Verrouillé : l’évaluation est au statut « Collecte en cours ».').first().waitFor();
      await expect(page.getByLabel('Clôture').isDisabled()).resolves.toBe(false);
      await expect(page.getByLabel('Anonymat — Salarié·es').isDisabled()).resolves.toBe(true);
      await shot(page, 'design-collecting');
    });

    await step(page, 'evaluation-personal-links', async () => {
      await page.getByRole('tab', { name: 'Collecte' }).click();
      await staff.getByText('0 / 3').waitFor();
      await staff.getByRole('button', { name: 'Liens personnels' }).click();
      const dialog = page.getByRole('dialog', { name: 'Liens personnels — Salarié·es' });
      await dialog.getByLabel('Personnes').fill('Camille Martin <camille@example.org>\n\nDominique Petit\n');
      await dialog.getByText('2 personnes reconnues').waitFor();
      await dialog.getByRole('button', { name: 'Créer les liens' }).click();

      const tokens = page.getByRole('dialog', { name: '2 liens créés' });
      await tokens.getByText('Ces liens ne seront plus jamais affichés').waitFor();
      personalUrls = [await tokens.getByLabel('Lien — Camille Martin').inputValue(), await tokens.getByLabel('Lien — Dominique Petit').inputValue()];
      for (const url of personalUrls) expect(url).toMatch(new RegExp(`^${t.baseUrl}/r/[A-Za-z0-9_-]{22}$`));
      await tokens.getByRole('button', { name: 'Afficher le QR code du lien Camille Martin' }).click();
      await tokens.getByRole('img', { name: 'QR code du lien Camille Martin' }).waitFor();

      // The CSV is built in the browser: name;link, one line per person.
      const [download] = await Promise.all([page.waitForEvent('download'), tokens.getByRole('button', { name: 'Télécharger en CSV' }).click()]);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.replace(/^\uFEFF/, '').trim().split('\r\n')).toEqual(['nom;lien', `Camille Martin;${personalUrls[0]}`, `Dominique Petit;${personalUrls[1]}`]);
      await shot(page, 'tokens-personal');
      await tokens.getByRole('button', { name: 'J’ai conservé les liens' }).click();
      await tokens.waitFor({ state: 'detached' });
      await staff.getByRole('table', { name: 'Liens du groupe Salarié·es' }).getByText('Camille Martin').waitFor();
    });

    await step(page, 'evaluation-shared-link', async () => {
      await staff.getByRole('button', { name: 'Lien partagé', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Lien partagé — Salarié·es' });
      await dialog.getByLabel('Nombre maximal de réponses (facultatif)').fill('20');
      await dialog.getByRole('button', { name: 'Créer le lien' }).click();
      const tokens = page.getByRole('dialog', { name: 'Lien créé' });
      const url = await tokens.getByLabel('Lien — Lien partagé').inputValue();
      expect(url).toMatch(new RegExp(`^${t.baseUrl}/r/[A-Za-z0-9_-]{22}$`));
      expect(personalUrls).not.toContain(url);
      // A single link shows its QR code straight away.
      await tokens.getByRole('img', { name: 'QR code du lien Lien partagé' }).waitFor();
      await shot(page, 'tokens-shared');
      await tokens.getByRole('button', { name: 'J’ai conservé les liens' }).click();
      await staff.getByText('au plus 20 réponses').waitFor();
    });

    const respondent = new Respondent(t);
    const token = tokenOf(personalUrls[0]!);
    await step(page, 'evaluation-answer-arrives', async () => {
      const opened = await respondent.open(token);
      expect(opened.status).toBe(200);
      const saved = await respondent.save(token, randomUUID(), { data: filledData(opened.body.questionnaire), complete: true });
      expect([200, 201]).toContain(saved.status);
      // The Collecte tab polls every 5 s while collecting: no reload.
      await staff.getByText('1 / 3').waitFor({ timeout: 15_000 });
      await staff.getByText('Taux de réponse : 33,3 %').waitFor();
      await shot(page, 'collection-counted');
    });

    await step(page, 'evaluation-session-dialog', async () => {
      // Collective sessions open through the sessions feature's dialog, for one of the evaluation's groups.
      await page.getByRole('button', { name: 'Ouvrir une séance collective' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ouvrir une séance collective' });
      await expect(dialog.getByRole('combobox').first().locator('option').allTextContents()).resolves.toEqual(['Auto-évaluation de la structure', 'Salarié·es']);
      await dialog.getByRole('button', { name: 'Annuler' }).click();
      await dialog.waitFor({ state: 'detached' });
    });

    await step(page, 'evaluation-exclude', async () => {
      await page.getByRole('tab', { name: 'Réponses' }).click();
      const list = page.getByRole('table', { name: 'Réponses reçues' });
      await list.getByText('Camille Martin').waitFor();
      await list.getByText('Lien personnel').waitFor();
      await list.getByRole('button', { name: /^Exclure la réponse du .* \(Salarié·es\)$/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Exclure cette réponse' });
      // A reason is required.
      await dialog.getByRole('button', { name: 'Exclure' }).click();
      await dialog.getByText('Indiquez la raison.').waitFor();
      await dialog.getByLabel('Raison').fill('Réponse de test saisie par l’équipe');
      await dialog.getByRole('button', { name: 'Exclure' }).click();
      await dialog.waitFor({ state: 'detached' });
      await list.getByText('Exclue : Réponse de test saisie par l’équipe').waitFor();
      await shot(page, 'responses-excluded');

      await page.getByRole('tab', { name: 'Collecte' }).click();
      await staff.getByText('0 / 3').waitFor();
      await staff.getByText('1 réponse exclue').waitFor();
    });

    await step(page, 'evaluation-restore', async () => {
      await page.getByRole('tab', { name: 'Réponses' }).click();
      const list = page.getByRole('table', { name: 'Réponses reçues' });
      await list.getByRole('button', { name: /^Rétablir la réponse du .* \(Salarié·es\)$/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Rétablir cette réponse' });
      await dialog.getByLabel('Raison').fill('Exclue par erreur');
      await dialog.getByRole('button', { name: 'Rétablir' }).click();
      await dialog.waitFor({ state: 'detached' });
      await list.getByRole('button', { name: /^Exclure la réponse du/ }).waitFor();
      await expect(list.getByText(/^Exclue/).count()).resolves.toBe(0);

      await page.getByRole('tab', { name: 'Collecte' }).click();
      await staff.getByText('1 / 3').waitFor();
    });

    await step(page, 'evaluation-paper', async () => {
      await page.getByRole('tab', { name: 'Réponses' }).click();
      await page.getByRole('button', { name: 'Saisir un questionnaire papier' }).click();
      const dialog = page.getByRole('dialog', { name: 'Saisie d’un questionnaire papier' });
      await dialog.getByLabel('Groupe', { exact: true }).selectOption('staff');
      await dialog.getByLabel('Nom de la personne (facultatif)').fill('Alix Bernard');
      // Every page on one screen; nothing is required on paper, so one answer is enough.
      const first = dialog.locator('.sd-question').first();
      await first.waitFor();
      await first.locator('label').first().click();
      await shot(page, 'paper-entry');
      await dialog.getByRole('button', { name: 'Enregistrer le questionnaire' }).click();
      await dialog.getByRole('status').filter({ hasText: 'Questionnaire papier enregistré.' }).waitFor();
      await dialog.getByRole('button', { name: 'Fermer', exact: true }).last().click();
      const list = page.getByRole('table', { name: 'Réponses reçues' });
      await list.getByText('Questionnaire papier').waitFor();
      await list.getByText('Alix Bernard').waitFor();
      await page.getByRole('tab', { name: 'Collecte' }).click();
      await staff.getByText('2 / 3').waitFor();
    });

    await step(page, 'evaluation-export', async () => {
      await page.getByRole('tab', { name: 'Export' }).click();
      await page.getByLabel('Langue des libellés').selectOption('en');
      await page.getByLabel('Codes au lieu des libellés').check();
      const button = page.getByRole('button', { name: 'Télécharger en CSV' });
      const [download, request] = await Promise.all([
        page.waitForEvent('download'),
        page.waitForRequest((r) => r.url().includes('/exports/submissions.csv')),
        button.click(),
      ]);
      expect(request.url()).toMatch(/\/exports\/submissions\.csv\?locale=en&codes=true&includeExcluded=false$/);
      expect(download.suggestedFilename()).toMatch(/\.csv$/);
      const rows = (await readFile((await download.path())!, 'utf8')).split(/\r?\n/).filter((line) => line.trim() !== '');
      // A header, then the link's answer and the paper copy.
      expect(rows).toHaveLength(3);
      await shot(page, 'export');
    });

    await step(page, 'evaluation-list', async () => {
      await page.getByRole('link', { name: `Retour à ${ORGANIZATION}` }).click();
      const list = page.getByRole('table', { name: 'Liste des évaluations' });
      await list.getByRole('link', { name: TITLE }).waitFor();
      await list.getByText('Collecte en cours').waitFor();
      // The self-assessment's one expected answer counts too: 2 of 4.
      await list.getByText('2 sur 4 attendues (50 %)').waitFor();
      await shot(page, 'organization-list');
    });

    expect(watched.errors).toEqual([]);
    await context.close();
  });

  it('shows a viewer the design and the counts, read-only, without links or people', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const watched = watchPage(page);

    await step(page, 'evaluation-viewer', async () => {
      await login(page, viewer.email, PASSWORD);
      await page.goto(evaluationPath);
      await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
      await expect(page.getByRole('tab').allTextContents()).resolves.toEqual(['Conception', 'Collecte', 'Analyse', 'Verbatims', 'Rapport']);
      await expect(page.getByRole('button', { name: 'Passer à l’analyse' }).count()).resolves.toBe(0);
      await expect(page.getByLabel('Clôture').isDisabled()).resolves.toBe(true);
      await page.getByText('Réservé à l’animateur·ice du réseau.').first().waitFor();

      await page.getByRole('tab', { name: 'Collecte' }).click();
      const staff = page.getByRole('region', { name: 'Salarié·es' });
      await staff.getByText('2 / 3').waitFor();
      await page.getByText('Seul·es les animateur·ices du réseau voient les liens et les personnes.').waitFor();
      await expect(page.getByRole('button', { name: 'Liens personnels' }).count()).resolves.toBe(0);
      await expect(page.getByText('Camille Martin').count()).resolves.toBe(0);
      await shot(page, 'viewer-collection');
      await page.setViewportSize({ width: 360, height: 740 });
      await staff.getByText('2 / 3').waitFor();
      await shot(page, 'viewer-collection-phone');
    });

    expect(watched.errors).toEqual([]);
    await context.close();
  });
});
