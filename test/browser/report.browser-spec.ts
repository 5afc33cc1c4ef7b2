import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { DEMO_ADMIN, DEMO_PEOPLE } from '../../apps/api/src/modules/demo/demo-seed.service.js';
import { launchChromium, newContext, startDemoBrowserApp, watchPage, type BrowserTestApp } from '../support/browser.js';
import type { ApiClient } from '../support/test-app.js';

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const ORGANIZATION = 'La Ressourcerie du Vallon';
const FACILITATOR = { email: DEMO_PEOPLE[0].email, name: DEMO_PEOPLE[0].displayName };
/** The organization's contact, as the demo creates her. */
const CONTACT = { email: 'ressourcerie@regards.local', name: 'Nadia Roux' };
/** The demo has no board member: one is invited and accepts, as a board member would. */
const BOARD = { email: 'conseil@ressourcerie.example.org', name: 'Odile Ferrand', password: 'conseil-du-vallon-2026' };
const SENTENCE = 'Au fil des ateliers, les bénévoles et les salarié·es de la Ressourcerie tissent un lien que les chiffres seuls ne disent pas.';
/** Screenshots of this journey, looked at by people: outside the repository. */
const SHOTS = '/tmp/report-shots';
const run = promisify(execFile);

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Keeps a screenshot of the page when a step fails. */
async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    await shot(page, `failed-${name}`).catch(() => undefined);
    throw error;
  }
}

/** axe-core finds no serious or critical violation on the page at this width. */
async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${label} ${violation.id}: ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.html.slice(0, 160)}`).join(', ')}`);
  expect(blocking).toEqual([]);
}

async function login(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** A small opaque PNG drawn here: a band of the given colour. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

async function pdfText(download: Download): Promise<{ bytes: Buffer; text: string }> {
  const file = await download.path();
  const bytes = await readFile(file);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return { bytes, text: stdout.replace(/\s+/g, ' ') };
}

describe('the report of the demo evaluation', () => {
  let t: BrowserTestApp;
  let browser: Browser;
  let evaluationPath: string;
  let reportPath: string;
  let organizationPath: string;
  let facilitatorApi: ApiClient;
  const contexts: BrowserContext[] = [];

  async function open(email: string, password: string, viewport = DESKTOP): Promise<{ page: Page; errors: string[] }> {
    const context = await newContext(browser, t.baseUrl, viewport);
    contexts.push(context);
    const page = await context.newPage();
    const { errors } = watchPage(page);
    await login(page, email, password);
    return { page, errors };
  }

  /** The section as the API holds it. */
  async function storedSection(key: string): Promise<{ narrative: string; version: number }> {
    const res = await facilitatorApi.get(reportPath);
    expect(res.status).toBe(200);
    const sections = (res.body as { sections: Array<{ key: string; narrative: string; version: number }> }).sections;
    return sections.find((s) => s.key === key)!;
  }

  beforeAll(async () => {
    ({ t, evaluationPath } = await startDemoBrowserApp(ORGANIZATION));
    const [, , workspaceId, , organizationId, , evaluationId] = evaluationPath.split('/');
    organizationPath = `/w/${workspaceId}/organizations/${organizationId}`;
    reportPath = `/workspaces/${workspaceId}/organizations/${organizationId}/evaluations/${evaluationId}/report`;

    facilitatorApi = t.client();
    await facilitatorApi.login(FACILITATOR.email, DEMO_ADMIN.password);
    // The organization's board member: invited by the network, account created on acceptance.
    const invitation = await facilitatorApi.post(`/workspaces/${workspaceId}/organizations/${organizationId}/invitations`, { email: BOARD.email, role: 'board' });
    expect(invitation.status).toBe(201);
    const token = String((invitation.body as { link: string }).link).split('/').pop();
    const accepted = await t.client().post('/invitations/accept', { token, displayName: BOARD.name, password: BOARD.password });
    expect([200, 201]).toContain(accepted.status);

    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('is written, validated by the facilitator and the contact, frozen, and downloaded by the board', async () => {
    const facilitator = await open(FACILITATOR.email, DEMO_ADMIN.password);
    const page = facilitator.page;
    const sections = page.getByRole('tablist', { name: 'Sections du rapport' });
    const summary = page.getByRole('tabpanel', { name: 'Synthèse' });

    await step(page, 'logo', async () => {
      await page.goto(organizationPath);
      const logo = page.getByRole('region', { name: 'Logo' });
      await logo.getByText('Pas encore de logo.').waitFor();
      await logo.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('pas une image') });
      await logo.getByRole('alert').getByText('Le logo doit être une image PNG ou JPEG de 1\u00a0Mo au plus', { exact: false }).waitFor();
      await logo.locator('input[type=file]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png(240, 80, [46, 125, 50]) });
      const image = logo.getByRole('img', { name: `Logo actuel de ${ORGANIZATION}` });
      await image.waitFor();
      // Decoded by the browser from GET …/logo: its width once loaded.
      const width = await image.evaluate(
        (img) =>
          new Promise<number>((resolve) => {
            const element = img as unknown as { complete: boolean; naturalWidth: number; addEventListener(type: string, listener: () => void): void };
            if (element.complete && element.naturalWidth > 0) resolve(element.naturalWidth);
            else element.addEventListener('load', () => resolve(element.naturalWidth));
          }),
      );
      expect(width).toBe(240);
      await shot(page, 'organization-logo');
    });

    await step(page, 'open', async () => {
      await page.goto(`${evaluationPath}?tab=report`);
      await page.getByRole('heading', { name: 'Rapport', level: 2 }).waitFor();
      await sections.getByRole('tab', { name: 'Synthèse' }).waitFor();
      for (const name of ['Contexte et démarche', 'Regards croisés', 'Plan d’action', 'Conclusion']) await sections.getByRole('tab', { name }).waitFor();
      await expect(sections.getByRole('tab').count()).resolves.toBe(5 + 6);
    });

    await step(page, 'write', async () => {
      const before = await storedSection('summary');
      await summary.getByRole('textbox', { name: 'Texte de la section' }).fill(`${SENTENCE}\n\n**Atelier couture**\u202f: 14 bénévoles.`);
      await summary.getByText('Modifications non enregistrées').waitFor();
      await summary.getByRole('status').getByText('Enregistré', { exact: true }).waitFor({ timeout: 15_000 });
      await expect(storedSection('summary')).resolves.toMatchObject({ narrative: `${SENTENCE}\n\n**Atelier couture**\u202f: 14 bénévoles.`, version: before.version + 1 });
      // The preview shows the markdown as the PDF will.
      await summary.getByText('Aperçu', { exact: true }).click();
      await summary.getByRole('region', { name: 'Aperçu du texte de la section' }).locator('strong', { hasText: 'Atelier couture' }).waitFor();
      await summary.getByText('Écrire', { exact: true }).click();
    });

    await step(page, 'editor-look', async () => {
      await shot(page, 'editor-1280');
      await expectAccessible(page, 'editor @1280px');
    });

    await step(page, 'draft-render', async () => {
      await page.getByRole('button', { name: 'Générer un aperçu PDF' }).click();
      const link = page.getByRole('link', { name: 'Télécharger l’aperçu (PDF)' });
      await link.waitFor({ timeout: 60_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const { bytes, text } = await pdfText(download);
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
      expect(text).toContain(SENTENCE);
      await shot(page, 'draft-rendered');
    });

    await step(page, 'status', async () => {
      // Still collecting: the report cannot be validated yet.
      await page.getByText('La validation sera possible quand l’évaluation sera en analyse', { exact: false }).waitFor();
      await expect(page.getByRole('button', { name: 'Valider cette version' }).isDisabled()).resolves.toBe(true);
      const evaluationTabs = page.getByRole('tablist', { name: 'Sections de l’évaluation' });
      await evaluationTabs.getByRole('tab', { name: 'Conception' }).click();
      await page.getByRole('button', { name: 'Passer à l’analyse' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Passer à l’analyse' }).click();
      await page.getByText('L’évaluation est passée au statut', { exact: false }).first().waitFor();
      await evaluationTabs.getByRole('tab', { name: 'Rapport' }).click();
      await summary.waitFor();
    });

    await step(page, 'facilitator-validates', async () => {
      await page.getByRole('button', { name: 'Valider cette version' }).click();
      const validations = page.locator('.report-validations');
      await validations.getByText(`${FACILITATOR.name}, le`, { exact: false }).waitFor();
      await validations.getByText('en attente').waitFor();
    });

    const contact = await open(CONTACT.email, DEMO_ADMIN.password);
    await step(contact.page, 'contact-validates', async () => {
      await contact.page.goto(`${evaluationPath}?tab=report`);
      const validations = contact.page.locator('.report-validations');
      await validations.getByText(`${FACILITATOR.name}, le`, { exact: false }).waitFor();
      await contact.page.getByRole('tabpanel', { name: 'Synthèse' }).getByRole('textbox', { name: 'Texte de la section' }).waitFor();
      await contact.page.getByRole('button', { name: 'Valider cette version' }).click();
      await validations.getByText(`${CONTACT.name}, le`, { exact: false }).waitFor();
      await contact.page.getByText('La version 1 est validée et figée', { exact: false }).waitFor({ timeout: 90_000 });
      await contact.page.getByRole('list', { name: 'Versions validées du rapport' }).getByText('Version 1').waitFor();
      await shot(contact.page, 'validated');
    });

    const board = await open(BOARD.email, BOARD.password, PHONE);
    await step(board.page, 'board', async () => {
      await board.page.goto(`${evaluationPath}?tab=report`);
      const versions = board.page.getByRole('list', { name: 'Versions validées du rapport' });
      await versions.getByText('Version 1').waitFor();
      const validatedBy = await versions.locator('dt', { hasText: 'Validée par' }).locator('xpath=following-sibling::dd').innerText();
      expect(validatedBy.split(', ').sort()).toEqual([CONTACT.name, FACILITATOR.name].sort());
      // The board reads validated versions only: no section, no draft.
      await expect(board.page.getByRole('tablist', { name: 'Sections du rapport' }).count()).resolves.toBe(0);
      await expect(board.page.getByRole('textbox').count()).resolves.toBe(0);
      await expect(board.page.getByRole('button', { name: 'Générer un aperçu PDF' }).count()).resolves.toBe(0);
      await shot(board.page, 'board-390');
      await expectAccessible(board.page, 'board view @390px');

      const [download] = await Promise.all([
        board.page.waitForEvent('download'),
        versions.getByRole('link', { name: 'Télécharger la version 1 du rapport (PDF)' }).click(),
      ]);
      const { bytes, text } = await pdfText(download);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(text).toContain(SENTENCE);
    });

    expect(facilitator.errors).toEqual([]);
    expect(contact.errors).toEqual([]);
    expect(board.errors).toEqual([]);
  }, 300_000);

  it('shows both texts when two writers change the same section, and saves their merge', async () => {
    const first = await open(FACILITATOR.email, DEMO_ADMIN.password);
    const second = await open(CONTACT.email, DEMO_ADMIN.password);
    const panelOf = (page: Page) => page.getByRole('tabpanel', { name: 'Conclusion' });
    for (const { page } of [first, second]) {
      await page.goto(`${evaluationPath}?tab=report`);
      await page.getByRole('tablist', { name: 'Sections du rapport' }).getByRole('tab', { name: 'Conclusion' }).click();
      await panelOf(page).getByRole('textbox', { name: 'Texte de la section' }).waitFor();
    }
    const before = await storedSection('conclusion');
    const theirs = 'La Ressourcerie poursuivra la démarche avec le conseil d’administration.';
    const mine = 'Nous retenons trois priorités pour l’année qui vient.';

    await step(first.page, 'conflict-first', async () => {
      await panelOf(first.page).getByRole('textbox', { name: 'Texte de la section' }).fill(theirs);
      await panelOf(first.page).getByRole('status').getByText('Enregistré', { exact: true }).waitFor({ timeout: 15_000 });
      await expect(storedSection('conclusion')).resolves.toMatchObject({ narrative: theirs, version: before.version + 1 });
    });

    const panel = panelOf(second.page);
    await step(second.page, 'conflict-second', async () => {
      await panel.getByRole('textbox', { name: 'Texte de la section' }).fill(mine);
      const merge = panel.getByRole('region', { name: 'Quelqu’un a modifié cette section' });
      await merge.waitFor({ timeout: 15_000 });
      await merge.getByText(`${FACILITATOR.name} l’a enregistrée le`, { exact: false }).waitFor();
      await merge.getByRole('region', { name: 'Leur version' }).getByText(theirs).waitFor();
      await merge.getByRole('region', { name: 'Votre version' }).getByText(mine).waitFor();
      await panel.getByRole('status').getByText('Conflit à résoudre avant d’enregistrer').waitFor();
      // Autosave has stopped: the server still has their text.
      await expect(storedSection('conclusion')).resolves.toMatchObject({ narrative: theirs });

      const merged = merge.getByRole('textbox', { name: 'Texte fusionné' });
      await expect(merged.inputValue()).resolves.toBe(`———— Leur version (${FACILITATOR.name}) ————\n${theirs}\n\n———— Ma version ————\n${mine}`);
      await shot(second.page, 'merge-panel');
      await expectAccessible(second.page, 'merge panel @1280px');

      await merge.getByRole('button', { name: 'Enregistrer le texte fusionné' }).click();
      await merge.getByText('Retirez les lignes de repère', { exact: false }).first().waitFor();
      await merged.fill(`${theirs} ${mine}`);
      await merge.getByRole('button', { name: 'Enregistrer le texte fusionné' }).click();
      await merge.waitFor({ state: 'detached' });
      await panel.getByRole('status').getByText('Enregistré', { exact: true }).waitFor({ timeout: 15_000 });
      await expect(storedSection('conclusion')).resolves.toMatchObject({ narrative: `${theirs} ${mine}`, version: before.version + 2 });
    });

    await step(second.page, 'conflict-history', async () => {
      await panel.getByRole('button', { name: 'Historique' }).click();
      const drawer = second.page.getByRole('dialog', { name: 'Historique de la section «\u202fConclusion\u202f»' });
      // Newest first: the merge, then the save it was merged with.
      const entries = drawer.getByRole('list', { name: 'Historique de la section' }).getByRole('listitem');
      await entries.nth(0).getByText(`Version ${before.version + 2}`).waitFor();
      await entries.nth(0).getByText(`${CONTACT.name}, le`, { exact: false }).waitFor();
      await entries.nth(0).getByText('Modifié\u202f: texte').waitFor();
      await entries.nth(1).getByText(`${FACILITATOR.name}, le`, { exact: false }).waitFor();
    });

    expect(first.errors).toEqual([]);
    expect(second.errors).toEqual([]);
  }, 120_000);

  it('keeps what was written without a connection on the device, and restores it', async () => {
    const writer = await open(FACILITATOR.email, DEMO_ADMIN.password);
    const page = writer.page;
    const context = page.context();
    const panel = (p: Page) => p.getByRole('tabpanel', { name: 'Contexte et démarche' });
    const text = 'La Ressourcerie est née en 2011 d’un collectif d’habitant·es du Vallon.';
    const before = await storedSection('context');

    await step(page, 'offline-write', async () => {
      await page.goto(`${evaluationPath}?tab=report`);
      await page.getByRole('tablist', { name: 'Sections du rapport' }).getByRole('tab', { name: 'Contexte et démarche' }).click();
      await context.setOffline(true);
      await panel(page).getByRole('textbox', { name: 'Texte de la section' }).fill(text);
      await panel(page).getByRole('status').getByText('Échec de l’enregistrement', { exact: false }).waitFor({ timeout: 15_000 });
      await panel(page).getByText('Vos modifications sont gardées sur cet appareil', { exact: false }).waitFor();
      await expect(storedSection('context')).resolves.toMatchObject({ narrative: before.narrative, version: before.version });
      await page.close();
      await context.setOffline(false);
    });

    const again = await context.newPage();
    again.on('console', (m) => { if (m.text().includes('DEBUG')) console.log(m.text()); });
    await step(again, 'offline-restore', async () => {
      await again.goto(`${evaluationPath}?tab=report`);
      await again.getByRole('tablist', { name: 'Sections du rapport' }).getByRole('tab', { name: 'Contexte et démarche' }).click();
      const restored = panel(again);
      await restored.getByText('Modifications retrouvées sur cet appareil').waitFor();
      await expect(restored.getByRole('textbox', { name: 'Texte de la section' }).inputValue()).resolves.toBe(text);
      await restored.getByRole('button', { name: 'Les enregistrer' }).click();
      await restored.getByRole('status').getByText('Enregistré', { exact: true }).waitFor({ timeout: 15_000 });
      await expect(storedSection('context')).resolves.toMatchObject({ narrative: text, version: before.version + 1 });
      // Acknowledged: the copy kept on the device is gone.
      const kept = await again.evaluate(() => {
        const storage = (globalThis as unknown as { localStorage: { length: number; key(index: number): string | null } }).localStorage;
        return Array.from({ length: storage.length }, (_, index) => storage.key(index) ?? '').filter((key) => key.startsWith('regards.report.'));
      });
      expect(kept).toEqual([]);
    });

    await step(again, 'phone-and-language', async () => {
      await again.setViewportSize(PHONE);
      await again.getByRole('tablist', { name: 'Sections du rapport' }).getByRole('tab', { name: 'Synthèse' }).click();
      await shot(again, 'editor-390');
      await expectAccessible(again, 'editor @390px');
      // The report's language: default titles follow it.
      await again.getByLabel('Langue du rapport').selectOption('en');
      await again.getByRole('tablist', { name: 'Sections du rapport' }).getByRole('tab', { name: 'Context and approach' }).waitFor();
      await expect(facilitatorApi.get(reportPath).then((res) => (res.body as { locale: string }).locale)).resolves.toBe('en');
      await again.getByLabel('Langue du rapport').selectOption('fr');
      await again.getByRole('tablist', { name: 'Sections du rapport' }).getByRole('tab', { name: 'Contexte et démarche' }).waitFor();
    });

    await step(again, 'plan-charts-testimonies', async () => {
      await again.setViewportSize(DESKTOP);
      const res = await facilitatorApi.get(reportPath);
      const stored = (res.body as { sections: Array<{ key: string; charts: string[]; actions: unknown[]; testimonies: unknown[] }> }).sections;
      const plan = stored.find((s) => s.key === 'action-plan')!;
      await again.getByRole('tablist', { name: 'Sections du rapport' }).getByRole('tab', { name: 'Plan d’action' }).click();
      const panel = again.getByRole('tabpanel', { name: 'Plan d’action' });
      const row = plan.actions.length + 1;
      await panel.getByRole('button', { name: 'Ajouter une action' }).click();
      await panel.getByRole('textbox', { name: `Recommandation, ligne ${row}` }).fill('Ouvrir un atelier de réparation de vélos avec les habitant·es');
      await panel.getByRole('textbox', { name: `Qui, ligne ${row}` }).fill('Équipe d’encadrement');
      await panel.getByRole('textbox', { name: `Quand, ligne ${row}` }).fill('d’ici juin 2027');

      // A testimony names its author only with consent: the name field waits for the box.
      await panel.getByRole('button', { name: /^Témoignages/ }).click();
      await panel.getByRole('button', { name: 'Ajouter un témoignage' }).click();
      const testimony = panel.getByRole('group', { name: `Témoignage ${plan.testimonies.length + 1}` });
      await testimony.getByRole('textbox', { name: 'Témoignage', exact: true }).fill('Ici, on répare les objets et un peu les gens aussi.');
      await expect(testimony.getByRole('textbox', { name: 'Nom' }).isDisabled()).resolves.toBe(true);
      await testimony.getByRole('checkbox', { name: 'La personne accepte d’être nommée dans le rapport' }).check();
      await testimony.getByRole('textbox', { name: 'Nom' }).fill('Jeanne, bénévole');

      await panel.getByRole('button', { name: /^Graphiques de cette section/ }).click();
      const chart = plan.charts.includes('participation') ? 'Profil par dimension' : 'Participation par groupe';
      await panel.getByRole('checkbox', { name: chart }).check();
      await panel.getByRole('status').getByText('Enregistré', { exact: true }).waitFor({ timeout: 15_000 });
      await shot(again, 'action-plan');
      await expectAccessible(again, 'action plan @1280px');

      const after = ((await facilitatorApi.get(reportPath)).body as { sections: Array<{ key: string; charts: string[]; actions: unknown[]; testimonies: unknown[] }> }).sections.find(
        (s) => s.key === 'action-plan',
      )!;
      expect(after.actions).toHaveLength(plan.actions.length + 1);
      expect(after.actions.at(-1)).toEqual({ recommendation: 'Ouvrir un atelier de réparation de vélos avec les habitant·es', who: 'Équipe d’encadrement', when: 'd’ici juin 2027' });
      expect(after.testimonies.at(-1)).toEqual({ text: 'Ici, on répare les objets et un peu les gens aussi.', name: 'Jeanne, bénévole', groupKey: null, consent: true });
      expect(after.charts).toHaveLength(plan.charts.length + 1);
    });
  }, 120_000);
});
