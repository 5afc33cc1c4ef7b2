import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page, Request, Response } from 'playwright-core';
import { addMember, createOrganization, createUser, createWorkspace, type TestUser } from '../support/factories.js';
import { ARTIFACTS_DIR, launchChromium, newContext, startBrowserTestApp, step, watchPage, type BrowserTestApp } from '../support/browser.js';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 860 };
const TITLE = 'Évaluation 2026 de la Ressourcerie';
const ORGANIZATION = 'La Ressourcerie du Vallon';
/** Three dimensions of the socle commun keep the journeys short: three pages per group. */
const DIMENSIONS = ['utilite_economique', 'egalite_developpement_humain', 'lien_social_democratie'];
const DAY = 24 * 3600 * 1000;
/** A complete answer of the volunteers to those three dimensions. */
const VOLUNTEER_ANSWERS = {
  q_reponse_besoins: 2,
  q_respect_personnes: 4,
  q_apprentissages: 4,
  q_confiance_en_soi: 4,
  q_reconnaissance_cultures: 4,
  q_rencontres: 4,
  q_entraide: 'souvent',
  q_place_decisions: 'consultation',
  q_capacite_agir: 3,
  q_recit_initiative: 'Un atelier de réparation de vélos, monté avec deux voisins.',
};

interface CreatedLink {
  id: string;
  token: string;
  path: string;
}
interface SubmissionRow {
  id: string;
  client_id: string;
  link_id: string;
  channel: string;
  status: string;
  locale: string;
  data: Record<string, unknown>;
  respondent_name: string | null;
  consent_at: Date | null;
  submitted_at: Date | null;
}
/** What the page functions below use of the browser (this project's type-check has no DOM library). */
interface BrowserGlobals {
  document: { activeElement: unknown };
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void; key(index: number): string | null; readonly length: number };
}
interface SurveyJsonPages {
  pages: Array<{ name: string; title: { fr: string; en: string }; elements: Array<{ name: string; title: { fr: string; en: string } }> }>;
}

/** A full-page screenshot kept with the test's artifacts, to look at. */
async function shot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `respondent-${name}.png`), fullPage: true });
}

/** axe-core finds no serious or critical violation, at phone and at desktop width. */
async function expectAccessible(page: Page, label: string): Promise<void> {
  const viewport = page.viewportSize();
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    const results = await new AxeBuilder({ page }).analyze();
    const blocking = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${label} @${size.width}px ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    expect(blocking).toEqual([]);
  }
  if (viewport) await page.setViewportSize(viewport);
}

/** Every request the pages of a context made: the respondent's page talks to its own origin only. */
function watchRequests(context: BrowserContext): Request[] {
  const requests: Request[] = [];
  context.on('request', (request) => requests.push(request));
  return requests;
}

function foreignRequests(requests: Request[], origin: string): string[] {
  return requests.map((request) => request.url()).filter((url) => !url.startsWith(`${origin}/`));
}

/** Presses Tab until `target` has the focus: the keyboard alone gets there. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  await target.waitFor({ state: 'attached' });
  for (let i = 0; i < max; i += 1) {
    if (await target.evaluate((element) => element === (globalThis as unknown as BrowserGlobals).document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Waits until a field is invalid and described by a message matching `expected` (its error, as a screen reader hears it). */
async function waitForFieldError(field: Locator, expected: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  let described = '';
  while (Date.now() < deadline) {
    if ((await field.getAttribute('aria-invalid')) === 'true') {
      const ids = (await field.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
      described = (await Promise.all(ids.map((id) => field.page().locator(`[id="${id}"]`).innerText()))).join(' ');
      if (expected.test(described)) return;
    }
    await field.page().waitForTimeout(100);
  }
  throw new Error(`the field is not described by ${String(expected)} (it says: ${described})`);
}

function question(page: Page, name: string): Locator {
  return page.locator(`.sd-question[data-name="${name}"]`);
}

/** Picks the choice at `index` of a radio question with the keyboard: Tab into the group, Space, arrows. */
async function chooseWithKeyboard(page: Page, name: string, index: number): Promise<void> {
  const radios = question(page, name).locator('input[type="radio"]');
  await tabTo(page, radios.first());
  await page.keyboard.press('Space');
  for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
  await expect(radios.nth(index).isChecked()).resolves.toBe(true);
}

/** Picks the choice at `index` of a radio question with a tap on its label. */
async function choose(page: Page, name: string, index: number): Promise<void> {
  const item = question(page, name).locator('.sd-item').nth(index);
  await item.locator('label').click();
  await expect(item.locator('input').isChecked()).resolves.toBe(true);
}

/** The answer drafts this device keeps (one key per link). */
function storedDrafts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const storage = (globalThis as unknown as BrowserGlobals).localStorage;
    return Array.from({ length: storage.length }, (_, index) => storage.key(index) ?? '').filter((key) => key.startsWith('regards.respond.'));
  });
}

function isSave(response: Response): boolean {
  return response.request().method() === 'PUT' && /\/api\/v1\/r\/[^/]+\/submissions\/[^/]+$/.test(response.url());
}

/** The next save the page sends, with its body and the server's status. */
async function nextSave(page: Page): Promise<{ clientId: string; body: { data: Record<string, unknown>; locale: string; complete: boolean }; status: number }> {
  const response = await page.waitForResponse(isSave);
  return {
    clientId: decodeURIComponent(response.url().split('/').pop()!),
    body: response.request().postDataJSON() as { data: Record<string, unknown>; locale: string; complete: boolean },
    status: response.status(),
  };
}

describe('a respondent answers a questionnaire with no account', () => {
  let t: BrowserTestApp;
  let browser: Browser;
  let facilitator: TestUser;
  let base: string;
  let evaluationId: string;
  let versionId: string;

  beforeAll(async () => {
    t = await startBrowserTestApp();
    const admin = await createUser(t, { login: false });
    const workspaceId = await createWorkspace(t, admin, 'Réseau du Vallon');
    const organizationId = await createOrganization(t, workspaceId, ORGANIZATION);
    facilitator = await createUser(t);
    await addMember(t, workspaceId, facilitator, 'facilitator');
    base = `/workspaces/${workspaceId}/organizations/${organizationId}/evaluations`;

    const frameworks = await facilitator.client.get(`/workspaces/${workspaceId}/frameworks`);
    const socle = (frameworks.body as Array<{ builtinKey: string | null; latestPublished: { id: string } }>).find((f) => f.builtinKey === 'socle-commun')!;
    versionId = socle.latestPublished.id;
    const created = await facilitator.client.post(base, {
      frameworkVersionId: versionId,
      title: TITLE,
      opensAt: new Date(Date.now() - DAY).toISOString(),
      closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      dimensionKeys: DIMENSIONS,
      groups: [
        { groupKey: 'staff', expectedCount: 8, anonymity: 'confidential' },
        { groupKey: 'volunteers', expectedCount: 20, anonymity: 'anonymous' },
        { groupKey: 'board', expectedCount: 6, anonymity: 'named' },
      ],
    });
    expect(created.status).toBe(201);
    evaluationId = (created.body as { id: string }).id;
    const collecting = await facilitator.client.post(`${base}/${evaluationId}/transitions`, { to: 'collecting' });
    expect(collecting.status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function makeLinks(body: Record<string, unknown>, evaluation = evaluationId): Promise<CreatedLink[]> {
    const res = await facilitator.client.post(`${base}/${evaluation}/links`, body);
    expect({ status: res.status, body: res.body as unknown }).toEqual({ status: 201, body: expect.any(Array) });
    return res.body as CreatedLink[];
  }

  function submissionsOf(linkId: string): Promise<SubmissionRow[]> {
    return t.dataSource.query<SubmissionRow[]>(`SELECT * FROM submission WHERE link_id = $1 ORDER BY started_at`, [linkId]);
  }

  async function answerKeysOf(submissionId: string): Promise<string[]> {
    const rows = await t.dataSource.query<Array<{ question_key: string; part: string }>>(
      `SELECT question_key, part FROM answer WHERE submission_id = $1 ORDER BY question_key, part`,
      [submissionId],
    );
    return rows.map((row) => `${row.question_key}:${row.part}`);
  }

  async function questionnaireOf(link: CreatedLink): Promise<SurveyJsonPages> {
    const res = await t.client().get(`/r/${link.token}`);
    expect(res.status).toBe(200);
    return (res.body as { questionnaire: SurveyJsonPages }).questionnaire;
  }

  it('answers a personal link on a phone with the keyboard alone, resumes after a reload and on another device, switches language, and submits once despite a lost connection', async () => {
    const [link] = await makeLinks({ groupKey: 'staff', kind: 'personal', respondents: [{ label: 'Camille Martin' }] });
    const survey = await questionnaireOf(link!);
    const context = await newContext(browser, t.baseUrl, PHONE);
    const requests = watchRequests(context);
    const page = await context.newPage();
    const watched = watchPage(page);
    let clientId = '';

    await step(page, 'personal-notice', async () => {
      await page.goto(link!.path);
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByText(ORGANIZATION, { exact: true }).waitFor();
      await page.getByText('Questionnaire\u202f: Salarié·es').waitFor();
      await page.getByRole('heading', { level: 2, name: 'Avant de commencer' }).waitFor();
      await page.getByText(/^Vos réponses sont confidentielles\u202f: l’équipe qui anime l’évaluation sait qui a répondu, mais votre nom n’apparaît jamais dans les résultats\.$/).waitFor();
      // Kept until a date (closing + 12 months), then only results about at least k people.
      await page.getByText(/^Jusqu’au \d{1,2} \S+ \d{4} au plus tard\. Ensuite, seuls des résultats regroupant au moins 5 personnes sont gardés\./).waitFor();
      await page.getByText('Avec ce lien personnel, vous pouvez revoir et effacer vos réponses jusqu’à la clôture de l’évaluation.').waitFor();
      await page.getByText(/reprendre plus tard avec le même lien/).waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
      await expect(page.getByRole('group', { name: 'Langue du questionnaire' }).getByRole('button', { name: 'Français' }).getAttribute('aria-pressed')).resolves.toBe('true');
      await shot(page, 'personal-1-notice-360');
      await expectAccessible(page, 'notice');
    });

    await step(page, 'personal-keyboard', async () => {
      await tabTo(page, page.getByRole('button', { name: 'Commencer le questionnaire' }));
      await page.keyboard.press('Enter');
      await question(page, 'q_reponse_besoins').waitFor();
      // Keyboard users start on the first answer of the page.
      await expect(question(page, 'q_reponse_besoins').locator('input[type="radio"]').first().evaluate((element) => element === (globalThis as unknown as BrowserGlobals).document.activeElement)).resolves.toBe(true);
      await page.getByRole('progressbar', { name: 'Page 1 sur 3' }).waitFor();
      await chooseWithKeyboard(page, 'q_reponse_besoins', 3);
      await tabTo(page, question(page, 'q_reponse_besoins').locator('textarea'));
      await page.keyboard.type('Il n’y a pas d’autre recyclerie dans le quartier.');
      await shot(page, 'personal-2-first-question-360');

      const firstSave = nextSave(page);
      await tabTo(page, page.getByRole('button', { name: 'Suivant', exact: true }));
      await page.keyboard.press('Enter');
      const saved = await firstSave;
      expect(saved).toMatchObject({
        status: 200,
        body: { complete: false, locale: 'fr', data: { q_reponse_besoins: 4, 'q_reponse_besoins-Comment': 'Il n’y a pas d’autre recyclerie dans le quartier.' } },
      });
      clientId = saved.clientId;
      expect(clientId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

      await question(page, 'q_respect_personnes').waitFor();
      await chooseWithKeyboard(page, 'q_respect_personnes', 4);
      await chooseWithKeyboard(page, 'q_apprentissages', 2);
      await shot(page, 'personal-3-question-page-360');
      await expectAccessible(page, 'question page');

      const secondSave = nextSave(page);
      await tabTo(page, page.getByRole('button', { name: 'Suivant', exact: true }));
      await page.keyboard.press('Enter');
      await expect(secondSave).resolves.toMatchObject({ status: 200, clientId, body: { complete: false, data: { q_respect_personnes: 5, q_apprentissages: 3 } } });
      await question(page, 'q_place_decisions').waitFor();
    });

    const partial = await submissionsOf(link!.id);
    expect(partial).toHaveLength(1);
    expect(partial[0]).toMatchObject({ client_id: clientId, status: 'partial', channel: 'personal', submitted_at: null });
    expect(partial[0]!.data).toEqual({ q_reponse_besoins: 4, 'q_reponse_besoins-Comment': 'Il n’y a pas d’autre recyclerie dans le quartier.', q_respect_personnes: 5, q_apprentissages: 3 });

    await step(page, 'personal-reload', async () => {
      await page.reload();
      // Straight back to the page reached, without the notice.
      await question(page, 'q_place_decisions').waitFor();
      await expect(page.getByRole('button', { name: 'Commencer le questionnaire' }).count()).resolves.toBe(0);
    });

    await step(page, 'personal-other-device', async () => {
      const other = await newContext(browser, t.baseUrl, PHONE);
      const otherRequests = watchRequests(other);
      const phone = await other.newPage();
      await phone.goto(link!.path);
      // The server's copy: the page after the last one whose required questions are answered.
      await question(phone, 'q_place_decisions').waitFor();
      await phone.getByRole('button', { name: 'Précédent' }).click();
      await expect(question(phone, 'q_respect_personnes').locator('input[value="5"]').isChecked()).resolves.toBe(true);
      await shot(phone, 'personal-4-other-device-360');
      expect(foreignRequests(otherRequests, t.baseUrl)).toEqual([]);
      await other.close();
    });

    await step(page, 'personal-language', async () => {
      await tabTo(page, page.getByRole('button', { name: 'English' }));
      await page.keyboard.press('Enter');
      const decisions = survey.pages[2]!.elements.find((element) => element.name === 'q_place_decisions')!;
      await question(page, 'q_place_decisions').getByText(decisions.title.en).waitFor();
      await page.getByText(survey.pages[2]!.title.en).first().waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await page.getByText('Questionnaire: Staff').waitFor();
      await shot(page, 'personal-5-english-360');
    });

    await step(page, 'personal-submit', async () => {
      await chooseWithKeyboard(page, 'q_place_decisions', 2);
      // The first attempt at the final submission never reaches the server.
      let dropped = 0;
      await page.route('**/api/v1/r/*/submissions/*', async (route) => {
        const body = route.request().postDataJSON() as { complete?: boolean } | null;
        if (route.request().method() === 'PUT' && body?.complete === true && dropped === 0) {
          dropped += 1;
          await route.abort('internetdisconnected');
        } else await route.continue();
      });
      const delivered = page.waitForResponse((response) => isSave(response) && response.status() === 200 && (response.request().postDataJSON() as { complete: boolean }).complete);
      await tabTo(page, page.getByRole('button', { name: 'Complete' }));
      await page.keyboard.press('Enter');
      await delivered;
      await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
      await page.getByText('Your answers have been sent.').waitFor();
      expect(dropped).toBe(1);
      await shot(page, 'personal-6-thanks-360');
      await expectAccessible(page, 'thank-you page');
    });

    const completes = requests.filter((request) => request.method() === 'PUT' && (request.postDataJSON() as { complete: boolean }).complete);
    expect(completes.map((request) => request.url())).toEqual([completes[0]!.url(), completes[0]!.url()]);
    expect(completes[0]!.url()).toContain(`/submissions/${clientId}`);

    const stored = await submissionsOf(link!.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ client_id: clientId, status: 'submitted', channel: 'personal', locale: 'en', submitted_at: expect.any(Date) });
    expect(stored[0]!.data).toEqual({
      q_reponse_besoins: 4,
      'q_reponse_besoins-Comment': 'Il n’y a pas d’autre recyclerie dans le quartier.',
      q_respect_personnes: 5,
      q_apprentissages: 3,
      q_place_decisions: 'consultation',
    });
    await expect(answerKeysOf(stored[0]!.id)).resolves.toEqual([
      'q_apprentissages:answer',
      'q_place_decisions:answer',
      'q_reponse_besoins:answer',
      'q_reponse_besoins:why',
      'q_respect_personnes:answer',
    ]);
    // The device keeps the id and the fact it was sent, no answers.
    const kept = await page.evaluate((token) => JSON.parse((globalThis as unknown as BrowserGlobals).localStorage.getItem(`regards.respond.${token}`) ?? 'null') as unknown, link!.token);
    expect(kept).toMatchObject({ clientId, submitted: true, data: {} });

    await step(page, 'personal-return', async () => {
      await page.getByRole('button', { name: 'Français' }).click();
      await page.goto(link!.path);
      await page.getByRole('heading', { level: 1, name: 'Vos réponses ont bien été envoyées' }).waitFor();
      await expect(page.locator('.sd-question').count()).resolves.toBe(0);
      await shot(page, 'personal-7-already-sent-360');
    });

    expect(foreignRequests(requests, t.baseUrl)).toEqual([]);
    expect(watched.errors.filter((error) => !error.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
    await context.close();
  }, 180_000);

  it('shows the answers the server refuses beside their questions, and stores one submission for a double click on a shared link', async () => {
    const [link] = await makeLinks({ groupKey: 'volunteers', kind: 'shared' });
    const context = await newContext(browser, t.baseUrl, PHONE);
    const requests = watchRequests(context);
    const page = await context.newPage();
    const watched = watchPage(page);

    await step(page, 'shared-notice', async () => {
      await page.goto(link!.path);
      await page.getByText(
        'Vos réponses sont anonymes\u202f: personne ne peut savoir qui a répondu. Ni votre nom, ni votre adresse IP, ni votre appareil ne sont conservés. Vos réponses ne sont montrées que regroupées avec celles d’au moins 5 personnes.',
      ).waitFor();
      await page.getByText(/reprendre plus tard sur cet appareil/).waitFor();
      await shot(page, 'shared-1-notice-360');
    });

    const staleClientId = randomUUID();
    const tooLong = 'Un atelier de réparation de vélos. '.repeat(300);
    await step(page, 'shared-refused-answers', async () => {
      // A draft kept on this device (written by an older page, or edited by hand) reached the last
      // page without the first two, holds a story longer than the server takes, and a key that is
      // no question.
      await page.evaluate(
        ([token, id, story]) =>
          (globalThis as unknown as BrowserGlobals).localStorage.setItem(
            `regards.respond.${token}`,
            JSON.stringify({
              clientId: id,
              data: { q_rencontres: 4, q_entraide: 'souvent', q_place_decisions: 'consultation', q_capacite_agir: 3, q_recit_initiative: story, not_a_question: 'x' },
              page: 'lien_social_democratie',
              updatedAt: new Date().toISOString(),
              submitted: false,
            }),
          ),
        [link!.token, staleClientId, tooLong] as const,
      );
      await page.reload();
      await question(page, 'q_recit_initiative').waitFor();
      const refused = nextSave(page);
      await page.getByRole('button', { name: 'Terminer', exact: true }).click();
      const answer = await refused;
      expect(answer).toMatchObject({ status: 422, clientId: staleClientId, body: { complete: true } });
      expect(Object.keys(answer.body.data)).not.toContain('not_a_question');
      // The first question to correct is shown, the reason beside it, and focused; nothing is stored.
      const first = question(page, 'q_reponse_besoins');
      await first.getByText('Cette question demande une réponse.').waitFor();
      await expect(first.evaluate((element) => element.contains((globalThis as unknown as BrowserGlobals).document.activeElement as never))).resolves.toBe(true);
      await shot(page, 'shared-2-refused-answers-360');
      await expect(submissionsOf(link!.id)).resolves.toEqual([]);

      await choose(page, 'q_reponse_besoins', 1);
      const stillRefused = nextSave(page);
      await page.getByRole('button', { name: 'Suivant', exact: true }).click();
      await expect(stillRefused).resolves.toMatchObject({ status: 422, body: { complete: false } });
      // This page's questions carry their reasons; the story of the last page is named in the summary.
      await question(page, 'q_respect_personnes').getByText('Cette question demande une réponse.').waitFor();
      const summary = page.getByRole('alert').filter({ hasText: 'Certaines réponses doivent être corrigées' });
      await expect(summary.getByRole('listitem').allInnerTexts()).resolves.toEqual([expect.stringMatching(/^Racontez une idée .* Ce texte est trop long\.$/s)]);
      await shot(page, 'shared-3-summary-360');
      await expect(submissionsOf(link!.id)).resolves.toEqual([]);
    });

    await step(page, 'shared-double-click', async () => {
      for (const name of ['q_respect_personnes', 'q_apprentissages', 'q_confiance_en_soi', 'q_reconnaissance_cultures']) await choose(page, name, 3);
      await page.getByRole('button', { name: 'Suivant', exact: true }).click();
      const story = question(page, 'q_recit_initiative');
      await story.getByText('Ce texte est trop long.').waitFor();
      await story.locator('textarea').fill('Un atelier de réparation de vélos, monté avec deux voisins.');
      await page.getByRole('button', { name: 'Terminer', exact: true }).dblclick();
      await page.getByRole('heading', { level: 1, name: 'Merci\u202f!' }).waitFor();
      await shot(page, 'shared-4-thanks-360');
    });

    const stored = await submissionsOf(link!.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ client_id: staleClientId, status: 'submitted', channel: 'shared', respondent_name: null });
    expect(stored[0]!.data).toEqual(VOLUNTEER_ANSWERS);

    await step(page, 'shared-next-person', async () => {
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Vos réponses ont bien été envoyées' }).waitFor();
      await page.getByRole('button', { name: 'Une autre personne va répondre sur cet appareil' }).click();
      await page.getByRole('button', { name: 'Commencer le questionnaire' }).click();
      await question(page, 'q_reponse_besoins').waitFor();
      await expect(question(page, 'q_reponse_besoins').locator('input:checked').count()).resolves.toBe(0);
      const draft = await page.evaluate((token) => JSON.parse((globalThis as unknown as BrowserGlobals).localStorage.getItem(`regards.respond.${token}`) ?? 'null') as { clientId: string } | null, link!.token);
      expect(draft?.clientId).not.toBe(staleClientId);
    });

    expect(foreignRequests(requests, t.baseUrl)).toEqual([]);
    expect(watched.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('asks a named group for a name and an explicit agreement before sending', async () => {
    const [link] = await makeLinks({ groupKey: 'board', kind: 'personal', respondents: [{ label: 'Dominique Roux' }] });
    const context = await newContext(browser, t.baseUrl, DESKTOP);
    const page = await context.newPage();
    const watched = watchPage(page);

    await step(page, 'named-consent', async () => {
      await page.goto(link!.path);
      await page.getByText(/^Ce questionnaire recueille des témoignages\u202f: votre nom apparaîtra avec vos réponses\./).waitFor();
      await page.getByRole('button', { name: 'Commencer le questionnaire' }).click();
      await choose(page, 'q_reponse_besoins', 4);
      await page.getByRole('button', { name: 'Suivant', exact: true }).click();
      await choose(page, 'q_action_diversite', 0);
      await page.getByRole('button', { name: 'Suivant', exact: true }).click();
      await choose(page, 'q_personnes_instances', 1);
      await page.getByRole('button', { name: 'Terminer', exact: true }).click();

      await page.getByRole('heading', { level: 2, name: 'Votre témoignage' }).waitFor();
      await expect(page.getByLabel('Votre nom').inputValue()).resolves.toBe('Dominique Roux');
      await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
      await page.getByText('Cochez la case pour donner votre accord, ou revenez aux questions.').waitFor();
      await expect(page.getByRole('checkbox').evaluate((element) => element === (globalThis as unknown as BrowserGlobals).document.activeElement)).resolves.toBe(true);
      await expect(submissionsOf(link!.id)).resolves.toEqual([expect.objectContaining({ status: 'partial' })]);
      await shot(page, 'named-1-consent-1280');
      await expectAccessible(page, 'consent');

      await page.getByLabel('Votre nom').fill('Dominique R., présidente');
      await page.getByRole('checkbox', { name: /J’accepte que mon nom apparaisse/ }).check();
      await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
      await page.getByRole('heading', { level: 1, name: 'Merci\u202f!' }).waitFor();
    });

    const stored = await submissionsOf(link!.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ status: 'submitted', respondent_name: 'Dominique R., présidente', consent_at: expect.any(Date) });
    expect(stored[0]!.data).toEqual({ q_reponse_besoins: 5, q_action_diversite: 'yes', q_personnes_instances: 'no' });
    expect(watched.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows one clear page for a link that is not or no longer valid, the dates of a collection not open yet, and a shared link that is full', async () => {
    const context = await newContext(browser, t.baseUrl, PHONE);
    const requests = watchRequests(context);
    const page = await context.newPage();
    const watched = watchPage(page);

    await step(page, 'invalid-link', async () => {
      await page.goto('/r/AAAAAAAAAAAAAAAAAAAAAA');
      await page.getByRole('heading', { level: 1, name: 'Ce lien n’est pas ou plus valide' }).waitFor();
      await page.getByText('La collecte est peut-être terminée, ou ce lien a été remplacé par un nouveau. Contactez la personne qui vous l’a envoyé.').waitFor();
      await shot(page, 'error-1-invalid-360');
      await expectAccessible(page, 'invalid link');
    });

    await step(page, 'not-open-yet', async () => {
      const opensAt = new Date(Date.UTC(2099, 2, 2, 8));
      const draft = await facilitator.client.post(base, {
        frameworkVersionId: versionId,
        title: 'Évaluation à venir',
        opensAt: opensAt.toISOString(),
        closesAt: new Date(Date.UTC(2099, 5, 30)).toISOString(),
        groups: [{ groupKey: 'volunteers', expectedCount: 5, anonymity: 'anonymous' }],
      });
      expect(draft.status).toBe(201);
      const [link] = await makeLinks({ groupKey: 'volunteers', kind: 'shared' }, (draft.body as { id: string }).id);
      await page.goto(link!.path);
      await page.getByRole('heading', { level: 1, name: 'La collecte n’a pas encore commencé' }).waitFor();
      await page.getByText('Ce questionnaire ouvrira le 2 mars 2099. Revenez avec le même lien à partir de cette date.').waitFor();
      await shot(page, 'error-2-not-open-360');
    });

    await step(page, 'link-full', async () => {
      // A shared link meant for one answer, which someone already gave.
      const [link] = await makeLinks({ groupKey: 'volunteers', kind: 'shared', maxSubmissions: 1 });
      const first = await t.client().send('put', `/r/${link!.token}/submissions/${randomUUID()}`, {
        data: VOLUNTEER_ANSWERS,
        locale: 'fr',
        complete: true,
      });
      expect(first.status).toBe(200);
      await page.goto(link!.path);
      await page.getByRole('button', { name: 'Commencer le questionnaire' }).click();
      await choose(page, 'q_reponse_besoins', 3);
      await page.getByRole('button', { name: 'Suivant', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Ce lien a reçu toutes les réponses prévues' }).waitFor();
      await page.getByText('Le nombre maximum de réponses pour ce lien est atteint. Contactez la personne qui vous l’a envoyé.').waitFor();
      await shot(page, 'error-3-link-full-360');
      await expect(submissionsOf(link!.id)).resolves.toHaveLength(1);
    });

    expect(foreignRequests(requests, t.baseUrl)).toEqual([]);
    expect(watched.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('joins a session in kiosk mode from its code and starts over for each next person with a link of their own, after a submission or when someone walks away', async () => {
    const session = await facilitator.client.post(`${base}/${evaluationId}/sessions`, { groupKey: 'volunteers', title: 'Atelier des bénévoles' });
    expect(session.status).toBe(201);
    const code = (session.body as { code: string }).code;
    const context = await newContext(browser, t.baseUrl, { width: 768, height: 1024 });
    const requests = watchRequests(context);
    const page = await context.newPage();
    const watched = watchPage(page);

    await step(page, 'join-errors', async () => {
      await page.goto('/s');
      await page.getByRole('heading', { level: 1, name: 'Rejoindre une session' }).waitFor();
      await page.getByLabel('Code de la session').fill('abc');
      await page.getByRole('button', { name: 'Rejoindre' }).click();
      await waitForFieldError(page.getByLabel('Code de la session'), /Ce code n’a pas la bonne forme/);
      await page.getByLabel('Code de la session').fill('ZZZ ZZZ');
      await page.getByRole('button', { name: 'Rejoindre' }).click();
      await waitForFieldError(page.getByLabel('Code de la session'), /Aucune session ouverte ne correspond à ce code/);
      await shot(page, 'kiosk-1-wrong-code');
      await expectAccessible(page, 'join page');
    });

    let firstToken = '';
    await step(page, 'kiosk-first-person', async () => {
      // Typed as people do: lower case, with a space.
      await page.getByLabel('Code de la session').fill(`${code.slice(0, 3).toLowerCase()} ${code.slice(3).toLowerCase()}`);
      await page.getByRole('checkbox', { name: /mode kiosque/ }).check();
      await page.getByRole('button', { name: 'Rejoindre' }).click();
      await page.waitForURL(/\/r\/[^/?]+\?kiosk=1$/);
      firstToken = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByText(/Cette tablette est partagée/).waitFor();
      await page.getByRole('button', { name: 'Commencer le questionnaire' }).click();
      await choose(page, 'q_reponse_besoins', 2);
      await page.getByRole('button', { name: 'Suivant', exact: true }).click();
      for (const name of ['q_respect_personnes', 'q_apprentissages', 'q_confiance_en_soi', 'q_reconnaissance_cultures']) await choose(page, name, 2);
      await page.getByRole('button', { name: 'Suivant', exact: true }).click();
      for (const name of ['q_rencontres', 'q_entraide', 'q_place_decisions', 'q_capacite_agir']) await choose(page, name, 0);
      await page.getByRole('button', { name: 'Terminer', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Merci\u202f!' }).waitFor();
      await page.getByText(/L’écran se réinitialise pour la personne suivante dans \d+ secondes?\./).waitFor();
      await shot(page, 'kiosk-2-thanks');
    });

    let secondToken = '';
    await step(page, 'kiosk-next-person', async () => {
      // Without a touch, the screen starts over by itself after a few seconds.
      await page.waitForURL((url) => url.pathname.startsWith('/r/') && !url.pathname.endsWith(firstToken), { timeout: 15_000 });
      expect(page.url()).toMatch(/\?kiosk=1$/);
      secondToken = new URL(page.url()).pathname.split('/').pop()!;
      await page.getByRole('button', { name: 'Commencer le questionnaire' }).click();
      await expect(question(page, 'q_reponse_besoins').locator('input:checked').count()).resolves.toBe(0);
      await expect(storedDrafts(page)).resolves.not.toContain(`regards.respond.${firstToken}`);
      await shot(page, 'kiosk-3-next-person');
    });

    await step(page, 'kiosk-walk-away', async () => {
      // The second person answers a page, then walks away; the third clears the screen.
      await choose(page, 'q_reponse_besoins', 4);
      const saved = nextSave(page);
      await page.getByRole('button', { name: 'Suivant', exact: true }).click();
      await expect(saved).resolves.toMatchObject({ status: 200 });
      await page.getByRole('button', { name: 'Laisser la place à la personne suivante' }).click();
      await page.getByText('Vos réponses seront effacées de cet écran et ne compteront pas. Continuer\u202f?').waitFor();
      await page.getByRole('button', { name: 'Effacer et laisser la place' }).click();
      await page.waitForURL((url) => url.pathname.startsWith('/r/') && !url.pathname.endsWith(secondToken) && !url.pathname.endsWith(firstToken));
      await page.getByRole('button', { name: 'Commencer le questionnaire' }).click();
      await expect(question(page, 'q_reponse_besoins').locator('input:checked').count()).resolves.toBe(0);
      const drafts = await storedDrafts(page);
      expect(drafts).not.toContain(`regards.respond.${firstToken}`);
      expect(drafts).not.toContain(`regards.respond.${secondToken}`);
      // Back leads away from the questionnaire, never to a previous person's page.
      await page.goBack();
      expect(page.url()).not.toContain(firstToken);
      expect(page.url()).not.toContain(secondToken);
    });

    const rows = await t.dataSource.query<Array<{ kind: string; kiosk: boolean; channel: string | null; status: string | null }>>(
      `SELECT l.kind, l.kiosk, s.channel, s.status FROM collection_link l LEFT JOIN submission s ON s.link_id = l.id
        WHERE l.session_id = $1 ORDER BY l.created_at`,
      [(session.body as { id: string }).id],
    );
    expect(rows).toEqual([
      { kind: 'session', kiosk: true, channel: 'kiosk', status: 'submitted' },
      { kind: 'session', kiosk: true, channel: 'kiosk', status: 'partial' },
      { kind: 'session', kiosk: true, channel: null, status: null },
    ]);
    expect(foreignRequests(requests, t.baseUrl)).toEqual([]);
    expect(watched.errors).toEqual([]);
    await context.close();
  }, 120_000);
});
