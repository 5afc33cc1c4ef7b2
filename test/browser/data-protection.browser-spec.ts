import { randomUUID } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import type { Questionnaire } from '#domain';
import { Respondent, filledData } from '../support/collection.js';
import { addMember, addOrganizationMember, createOrganization, createUser, createWorkspace, PASSWORD, type TestUser } from '../support/factories.js';
import { ARTIFACTS_DIR, expectAccessible, launchChromium, login, newContext, startBrowserTestApp, step, watchPage, type BrowserTestApp } from '../support/browser.js';

const ORGANIZATION = 'La Ressourcerie du Vallon';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 860 };
const DAY = 86_400_000;
const STORY = 'Un atelier de réparation de vélos, monté avec deux voisins.';

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `data-protection-${name}.png`), fullPage: true });
}

describe('data protection in the browser: a respondent erases their answers, an organization exports and asks for deletion', () => {
  let t: BrowserTestApp;
  let browser: Browser;
  let facilitator: TestUser;
  let admin: TestUser;
  let contact: TestUser;
  let workspaceId: string;
  let organizationId: string;
  let evaluationPath: string;
  let evaluationId: string;

  beforeAll(async () => {
    t = await startBrowserTestApp();
    admin = await createUser(t);
    workspaceId = await createWorkspace(t, admin, 'Réseau du Vallon');
    organizationId = await createOrganization(t, workspaceId, ORGANIZATION);
    facilitator = await createUser(t);
    await addMember(t, workspaceId, facilitator, 'facilitator');
    contact = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
    const frameworks = await facilitator.client.get(`/workspaces/${workspaceId}/frameworks`);
    const socle = (frameworks.body as Array<{ builtinKey: string | null; latestPublished: { id: string } }>).find((f) => f.builtinKey === 'socle-commun')!;
    const base = `/workspaces/${workspaceId}/organizations/${organizationId}/evaluations`;
    const created = await facilitator.client.post(base, {
      frameworkVersionId: socle.latestPublished.id,
      title: 'Évaluation 2026',
      opensAt: new Date(Date.now() - DAY).toISOString(),
      closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      dimensionKeys: ['lien_social_democratie'],
      groups: [{ groupKey: 'volunteers', expectedCount: 20, anonymity: 'confidential' }],
    });
    expect(created.status).toBe(201);
    evaluationId = (created.body as { id: string }).id;
    evaluationPath = `${base}/${evaluationId}`;
    expect((await facilitator.client.post(`${evaluationPath}/transitions`, { to: 'collecting' })).status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a respondent finds their answers from the link, reads them, and erases them for good', async () => {
    const [link] = (await facilitator.client.post(`${evaluationPath}/links`, { groupKey: 'volunteers', kind: 'personal', respondents: [{ label: 'Camille Martin' }] })).body as Array<{ token: string }>;
    const spec = (await facilitator.client.get(`${evaluationPath}/questionnaires/volunteers`)).body as Questionnaire;
    const data = { ...filledData(spec.survey), q_recit_initiative: STORY };
    const saved = await new Respondent(t).save(link!.token, randomUUID(), { data, complete: true });
    expect(saved.status).toBe(200);

    const context = await newContext(browser, t.baseUrl, PHONE);
    const page = await context.newPage();
    const watched = watchPage(page);
    await step(page, 'mine-open', async () => {
      await page.goto(`/r/${link!.token}`);
      await page.getByRole('heading', { name: 'Vos réponses ont bien été envoyées', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Revoir ou effacer mes réponses' }).click();
      await page.getByRole('heading', { name: 'Vos réponses', level: 1 }).waitFor();
      await page.getByText('Nom gardé avec vos réponses\u202f: Camille Martin').waitFor();
      await page.getByText(/Vos réponses seront effacées au plus tard le/).waitFor();
      // The answers, in their questionnaire, read-only.
      const story = page.locator('.sd-question[data-name="q_recit_initiative"]');
      await story.waitFor();
      await expect(story.locator('textarea').inputValue()).resolves.toBe(STORY);
      // Nothing changes on a tap: the answers are shown, not edited.
      const unchecked = page.locator('.sd-question input[type="radio"]:not(:checked)').first();
      await unchecked.locator('xpath=ancestor::label').click({ force: true });
      await expect(unchecked.isChecked()).resolves.toBe(false);
      await expect(story.locator('textarea').isEditable()).resolves.toBe(false);
      await shot(page, 'mine-phone');
      await expectAccessible(page, 'my answers');
    });

    await step(page, 'mine-erase', async () => {
      await page.getByRole('button', { name: 'Effacer mes réponses' }).click();
      const dialog = page.getByRole('dialog', { name: 'Effacer vos réponses\u202f?' });
      await dialog.waitFor();
      await shot(page, 'mine-confirm');
      await expectAccessible(page, 'erase dialog');
      await dialog.getByRole('button', { name: 'Effacer définitivement' }).click();
      await page.getByRole('heading', { name: 'Vos réponses ont été effacées.', level: 1 }).waitFor();
      const rows = await t.dataSource.query<unknown[]>(`SELECT 1 FROM submission WHERE evaluation_id = $1`, [evaluationId]);
      expect(rows).toEqual([]);
      await page.getByRole('link', { name: 'Répondre à nouveau' }).waitFor();
      await shot(page, 'mine-erased');
    });
    expect(watched.errors).toEqual([]);
    await context.close();
  });

  it('the organization’s contact downloads all its data and asks for its deletion; an admin sees the request', async () => {
    const context = await newContext(browser, t.baseUrl, DESKTOP);
    const page = await context.newPage();
    const watched = watchPage(page);
    await step(page, 'organization-data', async () => {
      await login(page, contact.email, PASSWORD);
      await page.goto(`/w/${workspaceId}/organizations/${organizationId}`);
      await page.getByRole('heading', { name: 'Données de la structure' }).waitFor();
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Télécharger (JSON)' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toMatch(/^regards-la-ressourcerie-du-vallon-donnees-\d{4}-\d{2}-\d{2}\.json$/);
      const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as { tables: Record<string, Array<{ name?: string }>> };
      expect(exported.tables['organization']![0]!.name).toBe(ORGANIZATION);
      expect(exported.tables['submissions']).toBeUndefined();

      // A busy server refuses (503 work-queue-full, Retry-After): said in words, the page stays.
      await page.route('**/data-export.zip', (route) =>
        route.fulfill({
          status: 503,
          headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '5' },
          body: JSON.stringify({ type: 'about:blank', status: 503, code: 'work-queue-full', title: 'Too many exports', detail: 'Try again in 5 s.', retryAfterSeconds: 5 }),
        }),
      );
      await page.getByRole('button', { name: 'Télécharger (CSV et PDF, zip)' }).click();
      await page.getByText('Beaucoup d’exports et d’analyses sont en cours\u202f: réessayez dans 5 secondes.').first().waitFor();
      await page.getByRole('heading', { name: 'Données de la structure' }).waitFor();
      await page.unroute('**/data-export.zip');
    });

    await step(page, 'deletion-request', async () => {
      await page.getByRole('button', { name: 'Demander la suppression' }).click();
      const dialog = page.getByRole('dialog', { name: 'Demander la suppression des données' });
      await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
      await dialog.getByText('Indiquez le motif de la demande.').waitFor();
      await dialog.getByLabel('Motif').fill('La structure cesse son activité.');
      await expectAccessible(page, 'deletion request dialog');
      await dialog.getByRole('button', { name: 'Envoyer la demande' }).click();
      await page.getByText(/Suppression demandée le .*La structure cesse son activité\./).waitFor();
      await shot(page, 'organization-requested');
      await expectAccessible(page, 'organization data');
    });
    expect(watched.errors).toEqual([]);
    await context.close();

    const adminContext = await newContext(browser, t.baseUrl, DESKTOP);
    const adminPage = await adminContext.newPage();
    await login(adminPage, admin.email, PASSWORD);
    // The list flags the organization that asked; its page says what to do.
    const row = adminPage.getByRole('table', { name: 'Liste des organisations' }).getByRole('row', { name: new RegExp(ORGANIZATION) });
    await row.getByText('Suppression demandée').waitFor();
    await shot(adminPage, 'organizations-list');
    await row.getByRole('link', { name: ORGANIZATION }).click();
    await adminPage.getByText(/Vous pouvez maintenant supprimer l’organisation et toutes ses données/).waitFor();
    await adminPage.getByRole('button', { name: 'Supprimer l\u2019organisation' }).or(adminPage.getByRole('button', { name: "Supprimer l'organisation" })).waitFor();
    await adminContext.close();
  });
});
