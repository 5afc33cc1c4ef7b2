import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { DEMO_ADMIN, DEMO_PEOPLE } from '../../apps/api/src/modules/demo/demo-seed.service.js';
import { ARTIFACTS_DIR, launchChromium, newContext, startDemoBrowserApp, step, watchPage, type BrowserTestApp } from '../support/browser.js';

const ORGANIZATION = 'La Ressourcerie du Vallon';
const MASKED_STORY = '[nom] m’a accompagné pour mon CV et m’a laissé son numéro, le [téléphone], au cas où. Trois mois après, j’ai signé un contrat.';
const VOLUNTEER_STORY = 'Retraitée, j’avais peur de m’ennuyer. Ici je transmets ce que je sais de la couture et j’apprends des plus jeunes.';
const NEIGHBOUR_STORY = 'Ma voisine [nom] m’a amenée la première fois. Maintenant c’est moi qui amène d’autres mamans du quartier.';

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `verbatims-${name}.png`), fullPage: true });
}

describe('the verbatims of the demo evaluation', () => {
  let t: BrowserTestApp;
  let browser: Browser;
  let evaluationPath: string;

  beforeAll(async () => {
    ({ t, evaluationPath } = await startDemoBrowserApp(ORGANIZATION));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows masked verbatims, explains the hidden group, searches, codes a verbatim and chooses a story with its reason', async () => {
    const context = await newContext(browser, t.baseUrl);
    const page = await context.newPage();
    const watched = watchPage(page);
    const section = page.getByRole('region', { name: 'Verbatims' });
    const list = section.getByRole('list', { name: 'Verbatims' });
    const count = (text: string) => section.getByText(text, { exact: true }).waitFor();
    const item = (text: string) => list.getByRole('listitem').filter({ hasText: text });

    await step(page, 'verbatims-open', async () => {
      await page.goto('/login');
      await page.getByLabel('E-mail').fill(DEMO_PEOPLE[0].email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_ADMIN.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Organisations', level: 1 }).waitFor();
      await page.goto(`${evaluationPath}?tab=verbatims`);
      await page.getByRole('heading', { name: 'Verbatims', level: 2 }).waitFor();
      await list.getByRole('listitem').first().waitFor();
      await page.getByRole('button', { name: 'Afficher plus de verbatims' }).waitFor();
    });

    await step(page, 'verbatims-masked', async () => {
      // The partners answered 3 times, k = 5: said, and none of their answers is shown.
      await page.getByText('Partenaires\u202f: moins de 5 réponses\u202f: les verbatims de ce groupe ne sont pas affichés.').waitFor();
      await page.getByRole('checkbox', { name: 'Récits choisis seulement' }).check();
      await count('2 verbatims');
      const story = item(MASKED_STORY);
      await story.getByText('Des noms ou des coordonnées ont été masqués dans ce texte.').waitFor();
      await story.getByText('Récit choisi').waitFor();
      await story.getByText('Pourquoi ce récit\u202f: Il montre ce que l’accompagnement vers l’emploi change concrètement', { exact: false }).waitFor();
      await item(VOLUNTEER_STORY).waitFor();
      await shot(page, 'stories');
      await page.getByRole('checkbox', { name: 'Récits choisis seulement' }).uncheck();
      await page.getByRole('button', { name: 'Afficher plus de verbatims' }).click();
      await list.getByRole('listitem').nth(50).waitFor();
      const body = await page.locator('body').innerText();
      for (const secret of ['06 71 42 18 93', 'Karim', 'Fatou', 'marcel.atelier@laposte.net']) expect(body).not.toContain(secret);
    });

    await step(page, 'verbatims-search', async () => {
      await page.getByRole('searchbox', { name: 'Rechercher' }).fill('ENNUYER');
      await count('1 verbatim');
      await expect(list.getByRole('listitem').count()).resolves.toBe(1);
      await item(VOLUNTEER_STORY).waitFor();
      await page.getByRole('button', { name: 'Effacer les filtres' }).click();
      await page.getByRole('button', { name: 'Afficher plus de verbatims' }).waitFor();
    });

    await step(page, 'verbatims-code-book', async () => {
      await page.getByRole('button', { name: 'Ajouter un thème' }).click();
      const dialog = page.getByRole('dialog', { name: 'Ajouter un thème' });
      await dialog.getByRole('button', { name: 'Ajouter' }).click();
      await dialog.getByText('Donnez un intitulé au thème.').waitFor();
      await dialog.getByLabel('Intitulé', { exact: true }).fill('lien social');
      await dialog.getByRole('button', { name: 'Ajouter' }).click();
      await dialog.getByText('Un thème porte déjà cet intitulé').waitFor();
      await dialog.getByLabel('Intitulé', { exact: true }).fill('Transmission');
      await dialog.getByLabel('Couleur').selectOption('violet');
      await dialog.getByRole('button', { name: 'Ajouter' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('list', { name: 'Thèmes de la grille de codage' }).getByText('Transmission').waitFor();

      // Coding the volunteer's story with it, then finding it by theme.
      await page.getByRole('searchbox', { name: 'Rechercher' }).fill('peur de m’ennuyer');
      await count('1 verbatim');
      const volunteer = item(VOLUNTEER_STORY);
      // Mantine's chips hide their checkbox: the label is what one clicks.
      await volunteer.locator('label').filter({ hasText: 'Transmission' }).click();
      await page.getByText('Codage enregistré.').first().waitFor();
      await expect(volunteer.getByRole('checkbox', { name: 'Transmission' }).isChecked()).resolves.toBe(true);
      await page.getByLabel('Thème', { exact: true }).selectOption({ label: 'Transmission' });
      await count('1 verbatim');
      await item(VOLUNTEER_STORY).waitFor();
      await page.getByRole('button', { name: 'Effacer les filtres' }).click();
    });

    await step(page, 'verbatims-choose', async () => {
      await page.getByRole('searchbox', { name: 'Rechercher' }).fill('mamans du quartier');
      const neighbour = item(NEIGHBOUR_STORY).first();
      await neighbour.waitFor();
      await neighbour.getByRole('button', { name: /^Choisir ce récit pour le rapport/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Choisir ce récit pour le rapport' });
      await dialog.getByText(NEIGHBOUR_STORY).waitFor();
      await dialog.getByRole('button', { name: 'Choisir ce récit' }).click();
      await dialog.getByText('Dites en quelques mots pourquoi ce récit est retenu').waitFor();
      await dialog.getByLabel('Pourquoi ce récit est-il retenu\u202f?').fill('On y voit le bouche-à-oreille entre voisines, qui fait venir les habitantes du quartier.');
      await dialog.getByRole('button', { name: 'Choisir ce récit' }).click();
      await dialog.waitFor({ state: 'detached' });
      await neighbour.getByText('Pourquoi ce récit\u202f: On y voit le bouche-à-oreille entre voisines').waitFor();
      await neighbour.getByText('Récit choisi').waitFor();

      await page.getByRole('button', { name: 'Effacer les filtres' }).click();
      await page.getByRole('checkbox', { name: 'Récits choisis seulement' }).check();
      await count('3 verbatims');
      await shot(page, 'chosen');
    });

    await step(page, 'verbatims-accessible', async () => {
      const results = await new AxeBuilder({ page }).analyze();
      const blocking = results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
      expect(blocking).toEqual([]);
    });
    expect(watched.errors).toEqual([]);
    await context.close();
  });
});
