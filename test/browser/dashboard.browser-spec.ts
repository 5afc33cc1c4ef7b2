import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { DEMO_ADMIN } from '../../apps/api/src/modules/demo/demo-seed.service.js';
import { ARTIFACTS_DIR, launchChromium, newContext, startDemoBrowserApp, step, watchPage, type BrowserTestApp } from '../support/browser.js';

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const ORGANIZATION = 'La Ressourcerie du Vallon';
const EVALUATION = 'Utilité sociale 2026 — regards croisés';
/** The six dimensions the demo evaluation chose, as the radar's table names them. */
const DIMENSIONS = [
  'Utilité économique et développement local',
  'Égalité, diversité et développement humain',
  'Lien social, pouvoir d’agir et démocratie locale',
  'Coopération territoriale',
  'Transition écologique',
  'Utilité interne\u202f: gouvernance, travail et engagement',
];
const UNDER_K = '<\u00a05';

/** What the page functions below use of a canvas (this project's type-check has no DOM library). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `dashboard-${name}.png`), fullPage: true });
}

/**
 * axe-core finds no serious or critical violation on the page, at phone and at desktop width.
 */
async function expectAccessible(page: Page, label: string): Promise<void> {
  const viewport = page.viewportSize();
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    const results = await new AxeBuilder({ page }).analyze();
    const blocking = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${label} @${size.width}px ${violation.id}: ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.html.slice(0, 160)}`).join(', ')}`);
    expect(blocking).toEqual([]);
  }
  if (viewport) await page.setViewportSize(viewport);
}

/** How many pixels of a canvas are neither white nor transparent: a drawn chart has thousands. */
function inkedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const c = element as unknown as CanvasLike;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 0 && (data[i]! < 235 || data[i + 1]! < 235 || data[i + 2]! < 235)) inked++;
    }
    return inked;
  });
}

/** The texts of a table's column, by its header. */
async function columnTexts(table: Locator, header: string): Promise<string[]> {
  const headers = (await table.locator('thead th').allInnerTexts()).map((text) => text.trim());
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`no column "${header}" in ${headers.join(' | ')}`);
  return (await table.locator(`tbody tr > :nth-child(${index + 1})`).allInnerTexts()).map((text) => text.trim());
}

describe('the dashboard of the demo evaluation', () => {
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

  it('shows the radar with its data table, withholds the partners’ group under k, and shows a selected story', async () => {
    const context = await newContext(browser, t.baseUrl, DESKTOP);
    const page = await context.newPage();
    const watched = watchPage(page);

    await step(page, 'dashboard-open', async () => {
      await page.goto('/login');
      await page.getByLabel('E-mail').fill(DEMO_ADMIN.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_ADMIN.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Organisations', level: 1 }).waitFor();
      await page.getByRole('link', { name: ORGANIZATION }).first().click();
      await page.getByRole('heading', { name: ORGANIZATION, level: 1 }).waitFor();
      await page.getByRole('link', { name: EVALUATION }).first().click();
      await page.getByRole('heading', { name: EVALUATION, level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(evaluationPath);
      await page.getByRole('tab', { name: 'Analyse' }).click();
      await page.getByRole('heading', { name: 'Profil par dimension', level: 2 }).waitFor();
    });

    const radar = page.getByRole('figure', { name: 'Profil par dimension' });
    await step(page, 'dashboard-radar', async () => {
      const canvas = radar.locator('canvas[role="img"]');
      await canvas.waitFor();
      await expect(canvas.getAttribute('aria-label')).resolves.toMatch(/^Profil par dimension Score de 0 à 100 de chaque dimension, vu par chaque groupe \(Auto-évaluation, Salarié·es, Bénévoles et Bénéficiaires\)\./);
      // Drawn, not an empty canvas (chart.js animates for a quarter of a second).
      await page.waitForTimeout(600);
      expect(await inkedPixels(canvas)).toBeGreaterThan(2000);

      // The data table opens from the keyboard and lists every dimension.
      const toggle = radar.getByRole('button', { name: 'Afficher le tableau' });
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect(radar.getByRole('button', { name: 'Masquer le tableau' }).getAttribute('aria-expanded')).resolves.toBe('true');
      const table = radar.getByRole('table', { name: 'Scores par dimension et par groupe (0 à 100)' });
      await table.waitFor();
      await expect(table.locator('tbody th[scope="row"]').allInnerTexts()).resolves.toEqual(DIMENSIONS);
      const self = await columnTexts(table, 'Auto-évaluation de la structure');
      expect(self.every((cell) => /^\d{1,3}$/.test(cell))).toBe(true);
    });

    await step(page, 'dashboard-suppressed', async () => {
      // The partners (3 answers, k = 5): named, with no figure anywhere in the radar's table.
      const table = radar.getByRole('table');
      const partners = await columnTexts(table, 'Partenaires');
      expect(partners.length).toBe(DIMENSIONS.length);
      for (const cell of partners) expect([UNDER_K, '']).toContain(cell);
      expect(partners).toContain(UNDER_K);
      await radar.getByText('Moins de 5 réponses, résultats non affichés\u202f: Partenaires.').waitFor();
      // Their participation is shown: 3 answers of the 8 expected.
      const participation = page.getByRole('figure', { name: 'Participation par groupe' });
      await participation.getByRole('button', { name: 'Afficher le tableau' }).click();
      const row = participation.getByRole('row', { name: /^Partenaires/ });
      await expect(row.locator('td').allInnerTexts()).resolves.toEqual(['3', '8', '38\u202f%', 'masqués (moins de 5 réponses)']);
      // The group filter names them too (its checkbox is visually hidden behind the chip).
      await expect(page.getByRole('checkbox', { name: /^Partenaires · moins de 5 réponses$/ }).isChecked()).resolves.toBe(true);
    });

    await step(page, 'dashboard-download', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), radar.getByRole('button', { name: 'Télécharger (PNG)\u202f: Profil par dimension' }).click()]);
      expect(download.suggestedFilename()).toBe('utilite-sociale-2026-regards-croises-radar-dimensions.png');
      const file = join(ARTIFACTS_DIR, 'dashboard-download-radar.png');
      await download.saveAs(file);
      const bytes = await readFile(file);
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(bytes.length).toBeGreaterThan(20_000);
    });

    await step(page, 'dashboard-indicators', async () => {
      const indicators = page.getByRole('region', { name: 'Indicateurs par dimension' });
      await indicators.getByRole('heading', { name: 'Réponses question par question' }).waitFor();
      const table = indicators.getByRole('table', { name: /^Indicateurs de la dimension/ });
      const partners = await columnTexts(table, 'Partenaires');
      for (const cell of partners) expect([UNDER_K, '']).toContain(cell);
      // A distribution per question, drawn from the same specs.
      await expect(indicators.locator('canvas[role="img"]').count()).resolves.toBeGreaterThan(1);
    });

    await step(page, 'dashboard-screenshots', async () => {
      await shot(page, 'desktop');
      await page.setViewportSize(PHONE);
      await page.waitForTimeout(500);
      await shot(page, 'phone');
      await page.setViewportSize(DESKTOP);
    });

    await step(page, 'dashboard-axe', async () => {
      await expectAccessible(page, 'dashboard');
    });

    await step(page, 'dashboard-stories', async () => {
      const stories = page.getByRole('region', { name: 'Récits choisis' });
      await stories.scrollIntoViewIfNeeded();
      // The demo's two selected stories, each quoted with the reason it was chosen.
      const list = stories.getByRole('list', { name: 'Récits choisis pour le rapport' });
      await list.waitFor();
      await expect(list.getByRole('listitem').count()).resolves.toBe(2);
      await list.locator('blockquote', { hasText: 'j’avais peur de m’ennuyer' }).waitFor();
      await list.getByText('Le bénévolat comme lieu de transmission entre générations', { exact: false }).waitFor();
      await stories.screenshot({ path: join(ARTIFACTS_DIR, 'dashboard-stories.png') });
    });

    await step(page, 'dashboard-english', async () => {
      await page.getByRole('button', { name: /langue\s?: Français/ }).click();
      await page.getByRole('menuitem', { name: 'English' }).click();
      // The table opened above stays open: the same figure, redrawn in English.
      const radarEn = page.getByRole('figure', { name: 'Profile by dimension' });
      await expect(radarEn.getByRole('button', { name: 'Hide the table' }).getAttribute('aria-expanded')).resolves.toBe('true');
      const table = radarEn.getByRole('table', { name: 'Scores by dimension and group (0 to 100)' });
      await expect(table.locator('tbody th[scope="row"]').first().innerText()).resolves.toBe('Economic utility and local development');
      for (const cell of await columnTexts(table, 'Partners')) expect([UNDER_K, '']).toContain(cell);
      await radarEn.getByText('Fewer than 5 answers, results not shown: Partners.').waitFor();
      await page.getByRole('button', { name: /language: English/ }).click();
      await page.getByRole('menuitem', { name: 'Français' }).click();
      await page.getByRole('figure', { name: 'Profil par dimension' }).waitFor();
    });

    expect(watched.errors).toEqual([]);
    await context.close();
  }, 150_000);

  it('projects a session’s group results once the group has k answers, and says how many are missing before that', async () => {
    const api = t.client();
    await api.login(DEMO_ADMIN.email, DEMO_ADMIN.password);
    // The interface language is the account's: French, whatever an earlier test left.
    expect((await api.patch('/account', { locale: 'fr' })).status).toBe(200);
    const base = `/workspaces${evaluationPath.replace(/^\/w/, '')}`;
    const volunteers = await api.post(`${base}/sessions`, { groupKey: 'volunteers', title: 'Atelier bénévoles' });
    expect(volunteers.status).toBe(201);
    const partners = await api.post(`${base}/sessions`, { groupKey: 'partners', title: 'Rencontre partenaires' });
    expect(partners.status).toBe(201);

    const context = await newContext(browser, t.baseUrl, DESKTOP);
    const page = await context.newPage();
    const watched = watchPage(page);
    await step(page, 'debrief-login', async () => {
      await page.goto('/login');
      await page.getByLabel('E-mail').fill(DEMO_ADMIN.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(DEMO_ADMIN.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Organisations', level: 1 }).waitFor();
    });

    await step(page, 'debrief-shown', async () => {
      // From the session's screen, the facilitator opens the debrief.
      await page.goto(`${evaluationPath}/sessions/${(volunteers.body as { id: string }).id}`);
      await page.getByRole('link', { name: 'Restitution des résultats' }).click();
      await page.getByRole('heading', { name: 'Résultats du groupe Bénévoles', level: 1 }).waitFor();
      await page.getByText('17 réponses anonymes', { exact: false }).waitFor();
      const radar = page.getByRole('figure', { name: 'Profil par dimension' });
      await radar.locator('canvas[role="img"]').waitFor();
      await page.waitForTimeout(600);
      expect(await inkedPixels(radar.locator('canvas[role="img"]'))).toBeGreaterThan(2000);
      await expect(page.getByRole('region', { name: 'Réponses question par question' }).locator('canvas[role="img"]').count()).resolves.toBeGreaterThan(3);
      await shot(page, 'debrief-volunteers');
      await expectAccessible(page, 'debrief');
    });

    await step(page, 'debrief-waiting', async () => {
      await page.goto(`${evaluationPath}/sessions/${(partners.body as { id: string }).id}/debrief`);
      await page.getByRole('heading', { name: 'Résultats du groupe Partenaires', level: 1 }).waitFor();
      await page.getByText('Encore 2 réponses avant d’afficher les résultats').waitFor();
      await expect(page.locator('canvas').count()).resolves.toBe(0);
      await shot(page, 'debrief-partners-waiting');
    });

    expect(watched.errors).toEqual([]);
    await context.close();
  }, 120_000);
});
