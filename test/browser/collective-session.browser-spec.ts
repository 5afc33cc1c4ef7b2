import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { addMember, createOrganization, createUser, createWorkspace, PASSWORD, type TestUser } from '../support/factories.js';
import { ARTIFACTS_DIR, launchChromium, login, newContext, startBrowserTestApp, step, watchPage, type BrowserTestApp } from '../support/browser.js';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 860 };
const DAY = 24 * 3600 * 1000;
const GROUP = 'beneficiaries';
const GROUP_LABEL = 'Bénéficiaires / usager·es';
/** Two dimensions and one question of the organization's own keep each participant's questionnaire to two pages. */
const DIMENSIONS = ['utilite_economique', 'innovation_changement_societal'];
const CUSTOM_QUESTION = {
  dimensionKey: 'utilite_economique',
  indicator: {
    key: 'mot_atelier',
    title: { fr: 'Un mot sur l’atelier', en: 'One word about the workshop' },
    level: 'realisation',
    kind: 'text',
    text: { maxLength: 500 },
    scoring: { rule: 'none' },
    dontKnow: 'not_offered',
    questions: [
      {
        key: 'q_mot_atelier',
        audiences: [GROUP],
        wording: { [GROUP]: { fr: 'Un mot pour résumer l’atelier\u202f?', en: 'One word to sum up the workshop?' } },
        required: false,
      },
    ],
  },
};

interface SessionBody {
  id: string;
  code: string;
  status: string;
  counts: { joined: number; answering: number; submitted: number; expected: number };
}
interface QuestionnaireBody {
  questions: Array<{ key: string; answer: { kind: string; choices?: string[]; min?: number; max?: number } }>;
  survey: { pages: Array<{ elements: Array<{ name: string; title: { fr: string }; choices?: Array<{ value: string | number; text: { fr: string } }> }> }> };
}
/** What the page functions below use of the browser (this project's type-check has no DOM library). */
interface BrowserGlobals {
  sameDocument?: boolean;
  localStorage: { readonly length: number; key(index: number): string | null; getItem(key: string): string | null };
}

async function shot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `collective-session-${name}.png`), fullPage: true });
}

/** Marks the document, so that a later check proves the page was never reloaded. */
async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as BrowserGlobals).sameDocument = true;
  });
}

async function sameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as unknown as BrowserGlobals).sameDocument === true);
}

/** A tile of the live counts, by its label. */
function countTile(page: Page, label: string): Locator {
  return page.locator('.session-count', { has: page.locator('dt', { hasText: label }) }).locator('dd');
}

/** Waits until the screen shows these counts (it polls every 2 s; nobody reloads it). */
async function waitForCounts(page: Page, counts: { submitted: number; expected: number; answering?: number; joinedAtLeast?: number }): Promise<void> {
  await page
    .getByRole('progressbar', { name: new RegExp(`^Réponses envoyées\\s*:\\s*${counts.submitted} sur ${counts.expected} attendues$`) })
    // At 0 % the bar's filled section has no width, hence "attached".
    .waitFor({ state: 'attached', timeout: 15_000 });
  await countTile(page, 'Réponses envoyées').filter({ hasText: new RegExp(`^${counts.submitted}\\b`) }).waitFor({ timeout: 15_000 });
  if (counts.answering !== undefined) {
    await countTile(page, 'En train de répondre').filter({ hasText: new RegExp(`^${counts.answering}$`) }).waitFor({ timeout: 15_000 });
  }
  if (counts.joinedAtLeast !== undefined) {
    const joined = Number(await countTile(page, 'Connecté·es').textContent());
    expect(joined).toBeGreaterThanOrEqual(counts.joinedAtLeast);
  }
}

/** The question of a SurveyJS page, by its key. */
function surveyQuestion(page: Page, name: string): Locator {
  return page.locator(`.sd-question[data-name="${name}"]`);
}

/**
 * Answers every visible question of the questionnaire, page after page, and sends it: the choice
 * at `pick` of each radio question (by a tap on its label), `words` in each text.
 * Returns the data given, by question key.
 */
async function answerQuestionnaire(page: Page, pick: number, words: string): Promise<Record<string, string>> {
  const given: Record<string, string> = {};
  await page.getByRole('button', { name: 'Commencer le questionnaire' }).click();
  for (let pageIndex = 0; pageIndex < 10; pageIndex += 1) {
    const questions = page.locator('.sd-question[data-name]');
    await questions.first().waitFor();
    const names: string[] = [];
    for (const item of await questions.all()) {
      if (!(await item.isVisible())) continue;
      const name = (await item.getAttribute('data-name'))!;
      names.push(name);
      const choices = item.locator('.sd-item');
      const textarea = item.locator('textarea');
      if ((await choices.count()) > 0) {
        const choice = choices.nth(Math.min(pick, (await choices.count()) - 1));
        await choice.locator('label').click();
        await expect(choice.locator('input').isChecked()).resolves.toBe(true);
        given[name] = (await choice.innerText()).trim();
      } else if ((await textarea.count()) > 0) {
        await textarea.first().fill(words);
        given[name] = words;
      }
    }
    const next = page.getByRole('button', { name: /^(Suivant|Page suivante)$/ });
    if (await next.isVisible()) {
      await next.click();
      await surveyQuestion(page, names[0]!).waitFor({ state: 'hidden' });
      continue;
    }
    await page.getByRole('button', { name: /^(Terminer|Envoyer)/ }).click();
    await page.getByRole('heading', { name: /^Merci/ }).waitFor({ timeout: 15_000 });
    return given;
  }
  throw new Error('the questionnaire never ended');
}

/** axe-core finds no serious or critical violation in the page's main content (the app's header is tested with the shell). */
async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${label} ${violation.id}: ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.html} ${node.failureSummary}`).join(', ')}`);
  expect(blocking).toEqual([]);
}

/** Splits CSV text into rows of fields (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  const separator = /^[^\n]*;/.test(body) && !/^[^\n]*,/.test(body) ? ';' : ',';
  for (let i = 0; i < body.length; i += 1) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && body[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((value) => value !== ''));
}

describe('a collective session', () => {
  let t: BrowserTestApp;
  let browser: Browser;
  let facilitator: TestUser;
  let workspaceId: string;
  let organizationId: string;
  let versionId: string;
  let base: string;

  beforeAll(async () => {
    t = await startBrowserTestApp();
    const admin = await createUser(t, { login: false });
    workspaceId = await createWorkspace(t, admin, 'Réseau du Vallon');
    organizationId = await createOrganization(t, workspaceId, 'L’Épicerie solidaire du Vallon');
    facilitator = await createUser(t);
    await addMember(t, workspaceId, facilitator, 'facilitator');
    base = `/workspaces/${workspaceId}/organizations/${organizationId}/evaluations`;
    const frameworks = await facilitator.client.get(`/workspaces/${workspaceId}/frameworks`);
    const socle = (frameworks.body as Array<{ builtinKey: string | null; latestPublished: { id: string } }>).find((f) => f.builtinKey === 'socle-commun')!;
    versionId = socle.latestPublished.id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A collecting evaluation like the demo's: the socle commun, a group of beneficiaries, answers accepted since yesterday. */
  async function collectingEvaluation(title: string, expectedCount: number): Promise<string> {
    const created = await facilitator.client.post(base, {
      frameworkVersionId: versionId,
      title,
      dimensionKeys: DIMENSIONS,
      customQuestions: [CUSTOM_QUESTION],
      opensAt: new Date(Date.now() - DAY).toISOString(),
      closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
      groups: [{ groupKey: GROUP, expectedCount, anonymity: 'anonymous' }],
    });
    expect({ status: created.status, body: created.body as unknown }).toEqual({ status: 201, body: expect.objectContaining({ id: expect.any(String) }) });
    const id = (created.body as { id: string }).id;
    const moved = await facilitator.client.post(`${base}/${id}/transitions`, { to: 'collecting' });
    expect(moved.status).toBe(200);
    return id;
  }

  async function questionnaire(evaluationId: string): Promise<QuestionnaireBody> {
    const res = await facilitator.client.get(`${base}/${evaluationId}/questionnaires/${GROUP}?locale=fr`);
    expect(res.status).toBe(200);
    return res.body as QuestionnaireBody;
  }

  function element(body: QuestionnaireBody, key: string) {
    return body.survey.pages.flatMap((page) => page.elements).find((candidate) => candidate.name === key)!;
  }

  it('runs a workshop: the facilitator opens it, three participants answer on phones (one on a kiosk tablet), the count rises live, a consensus is recorded, the export has the three answers', async () => {
    const evaluationId = await collectingEvaluation('Évaluation 2026 de l’Épicerie', 4);
    const evaluationUrl = `/w/${workspaceId}/organizations/${organizationId}/evaluations/${evaluationId}`;
    const spec = await questionnaire(evaluationId);
    const facilitatorContext = await newContext(browser, t.baseUrl, DESKTOP);
    const screen = await facilitatorContext.newPage();
    const watched = [watchPage(screen)];
    const contexts: BrowserContext[] = [facilitatorContext];
    let code = '';
    let sessionId = '';

    await step(screen, 'session-open', async () => {
      await login(screen, facilitator.email, PASSWORD);
      await screen.goto(`${evaluationUrl}?tab=collection`);
      await screen.getByRole('button', { name: /^Ouvrir une séance/ }).first().click();
      const dialog = screen.getByRole('dialog');
      await dialog.getByLabel('Groupe', { exact: true }).selectOption({ label: GROUP_LABEL });
      const title = dialog.getByLabel(/^Titre/);
      if ((await title.count()) > 0) await title.first().fill('Atelier des usager·es');
      await dialog.getByLabel('Mode consensus').check();
      await dialog.getByRole('button', { name: 'Ouvrir la séance' }).click();
      await screen.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
      sessionId = screen.url().split('/').pop()!;
      const spaced = (await screen.locator('.session-code').innerText()).trim();
      expect(spaced).toMatch(/^[2-9BCDFGHJKMNPQRSTVWXZ]{3} [2-9BCDFGHJKMNPQRSTVWXZ]{3}$/);
      code = spaced.replace(' ', '');
      await screen.getByText(`Rejoindre\u202f: ${t.baseUrl}/s`).waitFor();
      await screen.getByRole('img', { name: `QR code qui ouvre ${t.baseUrl}/s/${code}` }).waitFor();
      await screen.getByText('Mode consensus', { exact: true }).waitFor();
      await waitForCounts(screen, { submitted: 0, expected: 4, answering: 0 });
      await markDocument(screen);
      await shot(screen, 'screen-open');
    });

    const rows = await t.dataSource.query<Array<{ group_key: string; consensus: boolean; status: string }>>(
      `SELECT group_key, consensus, status FROM collective_session WHERE id = $1`,
      [sessionId],
    );
    expect(rows).toEqual([{ group_key: GROUP, consensus: true, status: 'open' }]);

    await step(screen, 'kiosk-button', async () => {
      const [tab] = await Promise.all([facilitatorContext.waitForEvent('page'), screen.getByRole('link', { name: 'Mode kiosque' }).click()]);
      await tab.waitForURL(`${t.baseUrl}/s/${code}?kiosk=1`);
      await tab.close();
    });

    /** A participant's phone: joins by the code in the address, as the QR code leads them. */
    async function joinOnPhone(kiosk: boolean): Promise<Page> {
      const context = await newContext(browser, t.baseUrl, PHONE);
      contexts.push(context);
      const phone = await context.newPage();
      watched.push(watchPage(phone));
      await phone.goto(`/s/${code}${kiosk ? '?kiosk=1' : ''}`);
      const kioskBox = phone.getByLabel(/borne partagée/);
      await expect(kioskBox.isChecked()).resolves.toBe(kiosk);
      await phone.getByRole('button', { name: 'Rejoindre' }).click();
      await phone.waitForURL(kiosk ? /\/r\/[A-Za-z0-9_-]{22}\?kiosk=1$/ : /\/r\/[A-Za-z0-9_-]{22}$/);
      return phone;
    }

    const first = await joinOnPhone(false);
    await step(first, 'first-phone', async () => {
      await answerQuestionnaire(first, 0, 'convivial');
      await shot(first, 'first-phone-thanks');
    });
    await step(screen, 'count-after-first', () => waitForCounts(screen, { submitted: 1, expected: 4, joinedAtLeast: 1 }));

    const second = await joinOnPhone(false);
    await step(second, 'second-phone', async () => {
      await second.getByRole('button', { name: 'Commencer le questionnaire' }).click();
      // Halfway: the first page is sent as a partial answer, which the screen shows at once.
      const firstPage = second.locator('.sd-question[data-name]');
      await firstPage.first().waitFor();
      for (const item of await firstPage.all()) {
        const choices = item.locator('.sd-item');
        if ((await choices.count()) > 0) await choices.nth(1).locator('label').click();
        else await item.locator('textarea').fill('chaleureux');
      }
      await second.getByRole('button', { name: /^(Suivant|Page suivante)$/ }).click();
    });
    await step(screen, 'count-answering', () => waitForCounts(screen, { submitted: 1, expected: 4, answering: 1, joinedAtLeast: 2 }));
    await step(second, 'second-phone-end', async () => {
      for (const item of await second.locator('.sd-question[data-name]').all()) {
        if (await item.isVisible()) await item.locator('.sd-item').nth(1).locator('label').click();
      }
      await second.getByRole('button', { name: /^(Terminer|Envoyer)/ }).click();
      await second.getByRole('heading', { name: /^Merci/ }).waitFor({ timeout: 15_000 });
    });
    await step(screen, 'count-after-second', () => waitForCounts(screen, { submitted: 2, expected: 4, answering: 0 }));

    const tablet = await joinOnPhone(true);
    const secret = 'kiosque-confidentiel';
    let firstToken = '';
    await step(tablet, 'kiosk-first-person', async () => {
      firstToken = new URL(tablet.url()).pathname.split('/').pop()!;
      await answerQuestionnaire(tablet, 2, secret);
      await shot(tablet, 'kiosk-thanks');
    });
    await step(tablet, 'kiosk-next-person', async () => {
      const next = tablet.getByRole('button', { name: 'Personne suivante' });
      if (await next.isVisible()) await next.click();
      // The tablet is reset for the next person: a new link, and nothing of the previous answers.
      await tablet.waitForURL((url) => url.pathname.startsWith('/r/') && !url.pathname.endsWith(firstToken), { timeout: 20_000 });
      await tablet.getByRole('button', { name: 'Commencer le questionnaire' }).click();
      await tablet.locator('.sd-question[data-name]').first().waitFor();
      expect(await tablet.locator('input:checked').count()).toBe(0);
      for (const area of await tablet.locator('textarea').all()) expect(await area.inputValue()).toBe('');
      expect(await tablet.content()).not.toContain(secret);
      const stored = await tablet.evaluate(() => {
        const storage = (globalThis as unknown as BrowserGlobals).localStorage;
        let all = '';
        for (let i = 0; i < storage.length; i += 1) all += storage.getItem(storage.key(i)!) ?? '';
        return all;
      });
      expect(stored).not.toContain(secret);
      await shot(tablet, 'kiosk-next-person');
    });

    await step(screen, 'count-after-kiosk', async () => {
      await waitForCounts(screen, { submitted: 3, expected: 4, joinedAtLeast: 3 });
      // Screen readers hear the new counts, politely.
      await screen.locator('[role="status"][aria-live="polite"]', { hasText: /3 réponses envoyées sur 4 attendues/ }).waitFor({ state: 'attached' });
      expect(await sameDocument(screen)).toBe(true);
      await shot(screen, 'screen-three-answers');
    });

    const single = spec.questions.find((q) => q.answer.kind === 'single_choice')!;
    const singleElement = element(spec, single.key);
    const agreed = singleElement.choices![1]!;
    const reasons = 'Le groupe s’accorde\u202f: sans l’épicerie, il faudrait aller à la ville voisine.';
    await step(screen, 'consensus', async () => {
      const item = screen.getByRole('group', { name: singleElement.title.fr, exact: true });
      await item.getByRole('radio', { name: agreed.text.fr, exact: true }).check();
      await item.getByLabel('Raisons données par le groupe').fill(reasons);
      await item.getByText('Modifications non enregistrées').waitFor();
      await item.getByRole('button', { name: /^Enregistrer/ }).click();
      await item.getByText(/^Enregistrée à/).waitFor();
      await shot(screen, 'consensus-saved');
    });
    const consensus = await t.dataSource.query<Array<{ question_key: string; value: unknown; reasons: string; recorded_by: string }>>(
      `SELECT question_key, value, reasons, recorded_by FROM consensus_answer WHERE session_id = $1`,
      [sessionId],
    );
    expect(consensus).toEqual([{ question_key: single.key, value: agreed.value, reasons, recorded_by: facilitator.id }]);

    await step(screen, 'export', async () => {
      const response = await facilitatorContext.request.get(`/api/v1${base}/${evaluationId}/exports/submissions.csv?locale=fr&codes=true&groupKey=${GROUP}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^text\/csv/);
      const table = parseCsv(await response.text());
      const [header, ...answers] = table;
      expect(header!.length).toBeGreaterThan(3);
      expect(answers).toHaveLength(3);
      for (const words of ['convivial', 'chaleureux', secret]) {
        expect(answers.filter((row) => row.includes(words))).toHaveLength(1);
      }
    });

    const submissions = await t.dataSource.query<Array<{ channel: string; status: string; session_id: string }>>(
      `SELECT channel, status, session_id FROM submission WHERE evaluation_id = $1 AND status = 'submitted' ORDER BY channel`,
      [evaluationId],
    );
    expect(submissions).toEqual([
      { channel: 'kiosk', status: 'submitted', session_id: sessionId },
      { channel: 'session', status: 'submitted', session_id: sessionId },
      { channel: 'session', status: 'submitted', session_id: sessionId },
    ]);
    for (const page of watched) expect(page.errors).toEqual([]);
    for (const context of contexts) await context.close();
  });

  it('shows the session screen by itself: code, QR code, counts rising as answers arrive through the API, consensus saved and cleared, closing', async () => {
    const evaluationId = await collectingEvaluation('Évaluation de l’écran de séance', 2);
    const sessions = `${base}/${evaluationId}/sessions`;
    const opened = await facilitator.client.post(sessions, { groupKey: GROUP, consensus: true });
    expect(opened.status).toBe(201);
    const session = opened.body as SessionBody;
    const spec = await questionnaire(evaluationId);
    const context = await newContext(browser, t.baseUrl, DESKTOP);
    const page = await context.newPage();
    const watched = watchPage(page);
    const screenUrl = `/w/${workspaceId}/organizations/${organizationId}/evaluations/${evaluationId}/sessions/${session.id}`;

    await step(page, 'alone-open', async () => {
      await login(page, facilitator.email, PASSWORD);
      await page.goto(screenUrl);
      await page.getByRole('heading', { name: 'Séance collective', level: 1 }).waitFor();
      await expect(page.locator('.session-code').innerText()).resolves.toBe(`${session.code.slice(0, 3)} ${session.code.slice(3)}`);
      await page.getByText(`Rejoindre\u202f: ${t.baseUrl}/s`).waitFor();
      await page.getByRole('img', { name: `QR code qui ouvre ${t.baseUrl}/s/${session.code}` }).waitFor();
      await expect(page.getByRole('link', { name: 'Mode kiosque' }).getAttribute('href')).resolves.toBe(`/s/${session.code}?kiosk=1`);
      await expect(page.getByRole('link', { name: 'Mode kiosque' }).getAttribute('target')).resolves.toBe('_blank');
      await waitForCounts(page, { submitted: 0, expected: 2, answering: 0 });
      await markDocument(page);
      await expectAccessible(page, 'session screen');
      await page.setViewportSize(PHONE);
      await expectAccessible(page, 'session screen on a phone');
      await shot(page, 'alone-phone');
      await page.setViewportSize(DESKTOP);
    });

    // Two participants join; one stops halfway, the other sends everything.
    const tokens: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const joined = await t.client().post('/s/join', { code: session.code.toLowerCase() });
      expect(joined.status).toBe(201);
      tokens.push((joined.body as { token: string }).token);
    }
    const scale = spec.questions.find((q) => q.answer.kind === 'scale')!;
    const single = spec.questions.find((q) => q.answer.kind === 'single_choice')!;
    const complete: Record<string, unknown> = {};
    for (const question of spec.questions) {
      if (question.answer.kind === 'scale') complete[question.key] = question.answer.min;
      if (question.answer.kind === 'single_choice') complete[question.key] = question.answer.choices![0];
    }
    const participant = t.client();
    const partial = await participant.send('put', `/r/${tokens[0]}/submissions/${randomUUID()}`, { data: { [scale.key]: 3 }, locale: 'fr', complete: false });
    expect(partial.status).toBe(200);
    await step(page, 'alone-partial', () => waitForCounts(page, { submitted: 0, expected: 2, answering: 1, joinedAtLeast: 2 }));
    const sent = await participant.send('put', `/r/${tokens[1]}/submissions/${randomUUID()}`, { data: complete, locale: 'fr', complete: true });
    expect(sent.status).toBe(200);
    await step(page, 'alone-submitted', async () => {
      await waitForCounts(page, { submitted: 1, expected: 2, answering: 1 });
      await page.locator('[role="status"][aria-live="polite"]', { hasText: /1 réponses envoyées sur 2 attendues/ }).waitFor({ state: 'attached' });
      expect(await sameDocument(page)).toBe(true);
    });

    const scaleElement = element(spec, scale.key);
    await step(page, 'alone-consensus', async () => {
      const item = page.getByRole('group', { name: scaleElement.title.fr, exact: true });
      await item.getByText('Pas encore de réponse').waitFor();
      const radio = item.getByRole('radio').nth(2);
      await radio.check();
      await item.getByLabel('Raisons données par le groupe').fill('  Avis unanime.  ');
      await item.getByRole('button', { name: /^Enregistrer/ }).click();
      await item.getByText(/^Enregistrée à/).waitFor();
      // The server keeps the reasons trimmed; the screen shows what it kept, and nothing left unsaved.
      await expect(item.getByLabel('Raisons données par le groupe').inputValue()).resolves.toBe('Avis unanime.');
      await expect(item.getByRole('button', { name: /^Enregistrer/ }).isDisabled()).resolves.toBe(true);
      await page.getByText('1 question(s) sur').waitFor();
    });
    const saved = await t.dataSource.query<Array<{ question_key: string; value: unknown; reasons: string }>>(
      `SELECT question_key, value, reasons FROM consensus_answer WHERE session_id = $1`,
      [session.id],
    );
    const chosen = scaleElement.choices ? scaleElement.choices[2]!.value : scale.answer.min! + 2;
    expect(saved).toEqual([{ question_key: scale.key, value: chosen, reasons: 'Avis unanime.' }]);

    await step(page, 'alone-consensus-reload-and-clear', async () => {
      await page.reload();
      const item = page.getByRole('group', { name: scaleElement.title.fr, exact: true });
      await item.getByText(/^Enregistrée à/).waitFor();
      await expect(item.getByRole('radio').nth(2).isChecked()).resolves.toBe(true);
      const singleItem = page.getByRole('group', { name: element(spec, single.key).title.fr, exact: true });
      await singleItem.getByRole('button', { name: /^Enregistrer/ }).waitFor();
      await item.getByRole('button', { name: /^Effacer/ }).click();
      await item.getByText('Pas encore de réponse').waitFor();
    });
    await expect(t.dataSource.query(`SELECT 1 FROM consensus_answer WHERE session_id = $1`, [session.id])).resolves.toEqual([]);

    await step(page, 'alone-close', async () => {
      await page.getByRole('button', { name: 'Clore la séance' }).click();
      const dialog = page.getByRole('dialog', { name: 'Clore la séance\u202f?' });
      await dialog.getByRole('button', { name: 'Clore la séance' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByText('Cette séance est close', { exact: false }).first().waitFor();
      expect(await page.locator('.session-code').count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Mode kiosque' }).count()).toBe(0);
      await expectAccessible(page, 'closed session screen');
      await shot(page, 'alone-closed');
    });
    const status = await t.dataSource.query<Array<{ status: string }>>(`SELECT status FROM collective_session WHERE id = $1`, [session.id]);
    expect(status).toEqual([{ status: 'closed' }]);
    expect((await t.client().post('/s/join', { code: session.code })).status).toBe(404);
    expect(watched.errors).toEqual([]);
    await context.close();
  });
});
