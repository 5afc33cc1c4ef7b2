/**
 * Verbatims of an evaluation through HTTP on a real PostgreSQL: open answers listed masked, only
 * for counted submissions of groups with at least k of them; the code book; coding; stories chosen
 * with a reason; who may do what; and bad input refused with nothing written.
 *
 * Answers come in as paper questionnaires (submitted at once) and through a shared link (a partial
 * one, which never counts), as the collection API stores them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { addMember, addOrganizationMember, createOrganization, createUser, createWorkspace, databaseFingerprint, type TestUser } from '../support/factories.js';
import { collectingEvaluation, expectProblem, personalLink, Respondent, sharedLink, socleCommun } from '../support/collection.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Verbatim {
  id: string;
  questionKey: string;
  indicatorKey: string;
  dimensionKey: string;
  groupKey: string;
  part: 'answer' | 'why';
  text: string;
  masked: boolean;
  themeIds: string[];
  selection: { reason: string; text: string; selectedAt: string; selectedBy: { id: string; name: string } | null } | null;
}
interface VerbatimList {
  items: Verbatim[];
  total: number;
  nextCursor: string | null;
  hiddenGroups: string[];
  k: number;
}
interface Theme {
  id: string;
  label: string;
  description: string | null;
  color: string | null;
  verbatimCount: number;
}

/** Volunteers' stories (q_recit_initiative, lien_social_democratie) and "pourquoi ?" comments (q_rencontres). */
const STORIES = [
  { story: 'Julie m’a proposé de venir, vous pouvez l’appeler au 06 12 34 56 78 ou écrire à julie.v@exemple.fr.', why: 'On se retrouve le jeudi au Café Solidaire.' },
  { story: 'Avec d’autres bénévoles, on a lancé une gratiferia tous les premiers dimanches du mois.', why: 'Parce que l’équipe prend le temps d’écouter.' },
  { story: 'Zébulon m’a montré comment réparer les vélos ; maintenant je tiens l’atelier le samedi.', why: 'Je rencontre des voisin·es que je ne connaissais pas.' },
  { story: 'Philomène a monté le covoiturage depuis les villages, ça a tout changé pour moi.', why: 'Les horaires ne conviennent pas à tout le monde (100 % des mardis).' },
  { story: 'Une habitante a proposé un atelier couture ; il y a maintenant huit personnes chaque mardi.', why: 'C’est variable selon les périodes.' },
  { story: 'J’ai retrouvé confiance grâce à l’atelier réparation.', why: 'Je l’ai vu de mes yeux plusieurs fois cette année.' },
];
const RAW_SECRETS = ['06 12 34 56 78', 'julie.v@exemple.fr', 'Julie', 'Zébulon'];
const PARTNER_STORY = 'Le partenariat avec la ressourcerie a changé notre façon de travailler sur le territoire.';
const PARTIAL_STORY = 'Réponse commencée mais jamais envoyée.';
const SELF_STORY = 'Nous avons co-écrit avec le département le cahier des charges du futur chantier.';

describe('verbatims', () => {
  let t: TestApp;
  let admin: TestUser;
  let viewer: TestUser;
  let contact: TestUser;
  let board: TestUser;
  let workspaceId: string;
  let organizationId: string;
  let base: string;
  let otherBase: string;
  let anonymousSelfBase: string;
  const submissionIds: string[] = [];

  const list = async (who: TestUser, query = ''): Promise<VerbatimList> => {
    const res = await who.client.get(`${base}/verbatims${query}`);
    expect({ status: res.status, body: res.status === 200 ? 'ok' : (res.body as unknown) }).toEqual({ status: 200, body: 'ok' });
    return res.body as VerbatimList;
  };
  const storyOf = async (fragment: string): Promise<Verbatim> => {
    const found = (await list(admin, '?limit=200')).items.find((v) => v.text.includes(fragment));
    if (!found) throw new Error(`no verbatim with ${fragment}`);
    return found;
  };
  const paper = async (path: string, groupKey: string, data: Record<string, unknown>, respondentName?: string): Promise<string> => {
    const res = await admin.client.post(`${path}/paper-submissions`, { groupKey, clientId: randomUUID(), data, locale: 'fr', ...(respondentName && { respondentName }) });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  };
  const answerIdOf = async (submissionId: string, questionKey: string, part: 'answer' | 'why'): Promise<string> => {
    const [row] = await t.dataSource.query<Array<{ id: string }>>(`SELECT id::text AS id FROM answer WHERE submission_id = $1 AND question_key = $2 AND part = $3`, [
      submissionId,
      questionKey,
      part,
    ]);
    return row!.id;
  };

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
    admin = await createUser(t);
    workspaceId = await createWorkspace(t, admin, 'Réseau verbatims');
    organizationId = await createOrganization(t, workspaceId, 'La Ressourcerie');
    viewer = await createUser(t);
    await addMember(t, workspaceId, viewer, 'viewer');
    contact = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
    board = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, board, 'board');
    const socle = await socleCommun(admin.client, workspaceId);
    const groups = [
      { groupKey: 'volunteers', expectedCount: 10, anonymity: 'anonymous' as const },
      { groupKey: 'partners', expectedCount: 5, anonymity: 'confidential' as const },
    ];
    ({ base } = await collectingEvaluation(admin, workspaceId, organizationId, socle, { groups }));
    ({ base: otherBase } = await collectingEvaluation(admin, workspaceId, organizationId, socle, { groups, title: 'Une autre évaluation' }));

    // A personal link names a partner: that name is known to the evaluation.
    await personalLink(admin, base, 'partners', { label: 'Zébulon Tartempion (Mairie)' });
    for (const { story, why } of STORIES) {
      submissionIds.push(await paper(base, 'volunteers', { q_recit_initiative: story, q_rencontres: 4, 'q_rencontres-Comment': why }));
    }
    // Partners are two: under k, their open answers are never shown.
    await paper(base, 'partners', { q_recit_territoire: PARTNER_STORY }, 'Agnès Partenaire');
    await paper(base, 'partners', { q_recit_territoire: PARTNER_STORY }, 'Bruno Partenaire');
    // A partial answer through a shared link never counts.
    const link = await sharedLink(admin, base, 'volunteers');
    const respondent = new Respondent(t);
    expect((await respondent.save(link.token, randomUUID(), { data: { q_recit_initiative: PARTIAL_STORY }, complete: false })).status).toBe(200);
    // The organization's own answer (confidential): one submission, shown all the same.
    await paper(base, 'self_assessment', { q_coconstruction_politiques: 'yes', q_recit_coconstruction: SELF_STORY }, 'Nadia Roux');
    // The other evaluation's volunteers, with answers of their own.
    for (let i = 0; i < 5; i++) await paper(otherBase, 'volunteers', { q_recit_initiative: `Autre évaluation ${i}`, q_rencontres: 3 });
    // An evaluation whose self-assessment is answered anonymously, by its members one by one.
    ({ base: anonymousSelfBase } = await collectingEvaluation(admin, workspaceId, organizationId, socle, {
      groups: [{ groupKey: 'self_assessment', expectedCount: 6, anonymity: 'anonymous' }],
      title: 'Auto-évaluation anonyme',
    }));
    await paper(anonymousSelfBase, 'self_assessment', { q_coconstruction_politiques: 'yes', q_recit_coconstruction: 'Une réponse anonyme de la structure.' });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('listing', () => {
    it('lists the open answers and comments of counted submissions, masked, and hides the groups under k', async () => {
      const body = await list(admin, '?limit=200');
      expect(body.k).toBe(5);
      expect(body.hiddenGroups).toEqual(['partners']);
      expect(body.total).toBe(13);
      expect(body.items).toHaveLength(13);
      const volunteers = body.items.filter((v) => v.groupKey === 'volunteers');
      expect(volunteers.filter((v) => v.part === 'answer').map((v) => v.questionKey)).toEqual(Array(6).fill('q_recit_initiative'));
      expect(volunteers.filter((v) => v.part === 'why').map((v) => v.questionKey)).toEqual(Array(6).fill('q_rencontres'));
      expect(volunteers.every((v) => v.dimensionKey === 'lien_social_democratie' && /^\d+$/.test(v.id))).toBe(true);
      // The self-assessment (confidential) is the organization speaking: shown with one answer, as in the analysis.
      expect(body.items.filter((v) => v.groupKey === 'self_assessment')).toEqual([
        expect.objectContaining({ questionKey: 'q_recit_coconstruction', dimensionKey: 'cooperation_territoriale', part: 'answer', text: SELF_STORY, masked: false }),
      ]);
      const json = JSON.stringify(body);
      for (const secret of [...RAW_SECRETS, PARTNER_STORY, PARTIAL_STORY, 'Autre évaluation']) expect(json).not.toContain(secret);

      const first = body.items.find((v) => v.text.includes('m’a proposé de venir'))!;
      expect(first).toMatchObject({
        text: '[nom] m’a proposé de venir, vous pouvez l’appeler au [téléphone] ou écrire à [e-mail].',
        masked: true,
        themeIds: [],
        selection: null,
      });
      // A name the evaluation knows of (a personal link's label) is masked, written alone.
      expect((await storyOf('m’a montré comment réparer')).text).toBe('[nom] m’a montré comment réparer les vélos ; maintenant je tiens l’atelier le samedi.');
      expect((await storyOf('gratiferia')).masked).toBe(false);
    });

    it('masks again when the evaluation learns a new name', async () => {
      expect((await storyOf('le covoiturage')).text).toContain('Philomène');
      await personalLink(admin, base, 'partners', { label: 'Philomène Crampon' });
      const story = await storyOf('le covoiturage');
      expect(story).toMatchObject({ text: '[nom] a monté le covoiturage depuis les villages, ça a tout changé pour moi.', masked: true });
      expect((await list(admin, '?q=philomene')).total).toBe(0);
    });

    it('searches the masked text whatever the case and accents, never the masked words', async () => {
      const texts = async (q: string) => (await list(admin, `?q=${encodeURIComponent(q)}`)).items.map((v) => v.text);
      expect(await texts('café SOLIDAIRE')).toEqual(['On se retrouve le jeudi au Café Solidaire.']);
      expect(await texts('cafe solidaire')).toEqual(['On se retrouve le jeudi au Café Solidaire.']);
      expect(await texts('Cafe\u0301')).toEqual(['On se retrouve le jeudi au Café Solidaire.']);
      expect(await texts('l’atelier')).toHaveLength(2);
      expect(await texts("l'ATELIER")).toHaveLength(2);
      expect(await texts('voisin·es')).toEqual(['Je rencontre des voisin·es que je ne connaissais pas.']);
      expect(await texts('100 %')).toHaveLength(1);
      expect(await texts('%')).toHaveLength(1);
      expect(await texts('_')).toEqual([]);
      expect(await texts('julie')).toEqual([]);
      expect(await texts('06 12')).toEqual([]);
      expect(await texts('[téléphone]')).toHaveLength(1);
    });

    it('filters by group and dimension, and pages with a cursor', async () => {
      expect((await list(admin, '?groupKey=volunteers')).total).toBe(12);
      const partners = await list(admin, '?groupKey=partners');
      expect(partners).toMatchObject({ items: [], total: 0, hiddenGroups: ['partners'] });
      expect((await list(admin, '?dimensionKey=lien_social_democratie')).total).toBe(12);
      expect((await list(admin, '?dimensionKey=cooperation_territoriale')).items.map((v) => v.text)).toEqual([SELF_STORY]);
      expect((await list(admin, '?dimensionKey=utilite_interne')).total).toBe(0);

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: VerbatimList = await list(admin, `?limit=5${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.total).toBe(13);
        seen.push(...page.items.map((v) => v.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor !== null);
      expect(pages).toBe(3);
      expect(seen).toEqual((await list(admin, '?limit=200')).items.map((v) => v.id));
      expect(new Set(seen).size).toBe(13);
      expect((await list(admin)).items).toHaveLength(13);
    });

    it('refuses bad filters with the path of each', async () => {
      const cases: Array<[string, string[]]> = [
        ['?groupKey=everyone', ['groupKey']],
        ['?dimensionKey=nope', ['dimensionKey']],
        ['?themeId=not-a-uuid', ['themeId']],
        [`?themeId=${randomUUID()}`, ['themeId']],
        ['?selected=yes', ['selected']],
        ['?limit=0', ['limit']],
        ['?limit=201', ['limit']],
        ['?limit=ten', ['limit']],
        ['?cursor=abc', ['cursor']],
        ['?q=%20%20', ['q']],
        [`?q=${'x'.repeat(201)}`, ['q']],
        ['?unknown=1', ['unknown']],
      ];
      for (const [query, paths] of cases) {
        const res = await admin.client.get(`${base}/verbatims${query}`);
        expectProblem(res, 400, 'validation-failed');
        expect({ query, paths: [...new Set((res.body as { errors: Array<{ path: string }> }).errors.map((e) => e.path))] }).toEqual({ query, paths });
      }
    });
  });

  describe('code book and coding', () => {
    let lienSocial: Theme;
    let reemploi: Theme;

    it('creates themes with unique labels, whatever their case and accents', async () => {
      const created = await admin.client.post(`${base}/themes`, { label: '  Lien social ', description: 'Rencontres, entraide.', color: 'teal' });
      expect(created.status).toBe(201);
      lienSocial = created.body as Theme;
      expect(lienSocial).toMatchObject({ label: 'Lien social', description: 'Rencontres, entraide.', color: 'teal', verbatimCount: 0 });
      reemploi = (await admin.client.post(`${base}/themes`, { label: 'Réemploi' })).body as Theme;
      expect(reemploi).toMatchObject({ label: 'Réemploi', description: null, color: null });

      const before = await databaseFingerprint(t);
      for (const label of ['lien SOCIAL', 'Reemploi', 'RÉEMPLOI']) {
        const res = await admin.client.post(`${base}/themes`, { label });
        expectProblem(res, 409, 'conflict');
      }
      expectProblem(await admin.client.post(`${base}/themes`, { label: '' }), 400, 'validation-failed');
      expectProblem(await admin.client.post(`${base}/themes`, { label: 'x'.repeat(81) }), 400, 'validation-failed');
      expectProblem(await admin.client.post(`${base}/themes`, { label: 'Couleur', color: 'chartreuse' }), 400, 'validation-failed');
      expectProblem(await admin.client.post(`${base}/themes`, { label: 'Intrus', evaluationId: randomUUID() }), 400, 'validation-failed');
      expectProblem(await admin.client.send('patch', `${base}/themes/${reemploi.id}`, { label: 'LIEN social' }), 409, 'conflict');
      expect(await databaseFingerprint(t)).toEqual(before);

      // The same label is free in another evaluation.
      expect((await admin.client.post(`${otherBase}/themes`, { label: 'Lien social' })).status).toBe(201);
      const themes = (await admin.client.get(`${base}/themes`)).body as Theme[];
      expect(themes.map((th) => th.label)).toEqual(['Lien social', 'Réemploi']);
    });

    it('renames a theme and changes its colour, audited', async () => {
      const res = await admin.client.send('patch', `${base}/themes/${reemploi.id}`, { label: 'Réemploi et réparation', color: 'orange' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: reemploi.id, label: 'Réemploi et réparation', color: 'orange', description: null });
      const cleared = await admin.client.send('patch', `${base}/themes/${reemploi.id}`, { color: null });
      expect(cleared.body).toMatchObject({ label: 'Réemploi et réparation', color: null });
      const audit = await t.dataSource.query<Array<{ action: string }>>(`SELECT action FROM audit_event WHERE target_id = $1 ORDER BY created_at`, [reemploi.id]);
      expect(audit.map((a) => a.action)).toEqual(['verbatim.theme-created', 'verbatim.theme-updated', 'verbatim.theme-updated']);
    });

    it('codes a verbatim with themes, filters by theme and counts per theme', async () => {
      const story = await storyOf('gratiferia');
      const res = await admin.client.send('put', `${base}/verbatims/${story.id}/themes`, { themeIds: [lienSocial.id, reemploi.id] });
      expect(res.status).toBe(200);
      expect((res.body as Verbatim).themeIds.sort()).toEqual([lienSocial.id, reemploi.id].sort());
      const why = await storyOf('Café Solidaire');
      expect((await admin.client.send('put', `${base}/verbatims/${why.id}/themes`, { themeIds: [lienSocial.id] })).status).toBe(200);

      expect((await list(admin, `?themeId=${lienSocial.id}`)).items.map((v) => v.id)).toEqual([story.id, why.id].sort((a, b) => Number(a) - Number(b)));
      expect((await list(admin, `?themeId=${reemploi.id}`)).items.map((v) => v.id)).toEqual([story.id]);
      const themes = (await admin.client.get(`${base}/themes`)).body as Theme[];
      expect(themes.map((th) => [th.label, th.verbatimCount])).toEqual([
        ['Lien social', 2],
        ['Réemploi et réparation', 1],
      ]);

      // Replacing: fewer themes, then none.
      expect(((await admin.client.send('put', `${base}/verbatims/${story.id}/themes`, { themeIds: [reemploi.id] })).body as Verbatim).themeIds).toEqual([reemploi.id]);
      const audit = await t.dataSource.query<Array<{ data: { answerId: string; added: string[]; removed: string[] } }>>(
        `SELECT data FROM audit_event WHERE action = 'verbatim.themes-set' AND data->>'answerId' = $1 ORDER BY created_at`,
        [story.id],
      );
      expect(audit.map((a) => a.data)).toEqual([
        { answerId: story.id, added: [lienSocial.id, reemploi.id], removed: [] },
        { answerId: story.id, added: [], removed: [lienSocial.id] },
      ]);
    });

    it('refuses to code with unknown themes, another evaluation’s theme, or what is not a listed verbatim, and writes nothing', async () => {
      const story = await storyOf('gratiferia');
      const [otherTheme] = (await admin.client.get(`${otherBase}/themes`)).body as Theme[];
      const [otherAnswer] = await t.dataSource.query<Array<{ id: string }>>(
        `SELECT a.id::text AS id FROM answer a WHERE a.text_value LIKE 'Autre évaluation%' LIMIT 1`,
      );
      const numeric = await answerIdOf(submissionIds[1]!, 'q_rencontres', 'answer');
      const [partner] = await t.dataSource.query<Array<{ id: string }>>(`SELECT a.id::text AS id FROM answer a WHERE a.group_key = 'partners' AND a.text_value IS NOT NULL LIMIT 1`);
      const [partial] = await t.dataSource.query<Array<{ id: string }>>(`SELECT a.id::text AS id FROM answer a WHERE a.text_value = $1`, [PARTIAL_STORY]);

      const before = await databaseFingerprint(t);
      const put = (id: string, body: unknown) => admin.client.send('put', `${base}/verbatims/${id}/themes`, body);
      let res = await put(story.id, { themeIds: [lienSocial.id, randomUUID()] });
      expectProblem(res, 400, 'validation-failed');
      expect((res.body as { errors: Array<{ path: string; code: string }> }).errors).toEqual([expect.objectContaining({ path: 'themeIds[1]', code: 'unknown-theme' })]);
      res = await put(story.id, { themeIds: [otherTheme!.id] });
      expectProblem(res, 400, 'validation-failed');
      expectProblem(await put(story.id, { themeIds: [lienSocial.id, lienSocial.id] }), 400, 'validation-failed');
      expectProblem(await put(story.id, { themeIds: ['nope'] }), 400, 'validation-failed');
      expectProblem(await put(story.id, {}), 400, 'validation-failed');
      expectProblem(await put(story.id, { themeIds: lienSocial.id }), 400, 'validation-failed');
      expectProblem(await put(otherAnswer!.id, { themeIds: [lienSocial.id] }), 404, 'not-found');
      expectProblem(await put(numeric, { themeIds: [lienSocial.id] }), 404, 'not-found');
      expectProblem(await put(partial!.id, { themeIds: [lienSocial.id] }), 404, 'not-found');
      expectProblem(await put('999999999999', { themeIds: [lienSocial.id] }), 404, 'not-found');
      expectProblem(await put(partner!.id, { themeIds: [lienSocial.id] }), 409, 'conflict');
      for (const bad of ['abc', '12a', '-3', '0', '1.5', '99999999999999999999']) {
        res = await put(bad, { themeIds: [] });
        expectProblem(res, 400, 'invalid-id');
        expect((res.body as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('params.verbatim');
      }
      expectProblem(await admin.client.send('patch', `${base}/themes/${otherTheme!.id}`, { label: 'Volé' }), 404, 'not-found');
      expectProblem(await admin.client.delete(`${base}/themes/${otherTheme!.id}`), 404, 'not-found');
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('deletes a theme with its coding', async () => {
      const extra = (await admin.client.post(`${base}/themes`, { label: 'Apprentissages' })).body as Theme;
      const story = await storyOf('J’ai retrouvé confiance');
      expect((await admin.client.send('put', `${base}/verbatims/${story.id}/themes`, { themeIds: [extra.id, lienSocial.id] })).status).toBe(200);
      expect((await admin.client.delete(`${base}/themes/${extra.id}`)).status).toBe(204);
      expect((await storyOf('J’ai retrouvé confiance')).themeIds).toEqual([lienSocial.id]);
      expectProblem(await admin.client.delete(`${base}/themes/${extra.id}`), 404, 'not-found');
      const [audit] = await t.dataSource.query<Array<{ data: { label: string; codingsRemoved: number } }>>(
        `SELECT data FROM audit_event WHERE action = 'verbatim.theme-deleted' AND target_id = $1`,
        [extra.id],
      );
      expect(audit!.data).toMatchObject({ label: 'Apprentissages', codingsRemoved: 1 });
    });
  });

  describe('stories', () => {
    it('chooses a story through its masked text, with a reason, and lists it with selected=true', async () => {
      const story = await storyOf('m’a proposé de venir');
      const res = await admin.client.send('put', `${base}/verbatims/${story.id}/selection`, { reason: '  Elle montre comment on entre dans le collectif.  ' });
      expect(res.status).toBe(200);
      const chosen = res.body as Verbatim;
      expect(chosen.selection).toMatchObject({
        reason: 'Elle montre comment on entre dans le collectif.',
        text: '[nom] m’a proposé de venir, vous pouvez l’appeler au [téléphone] ou écrire à [e-mail].',
        selectedBy: { id: admin.id },
      });
      const [stored] = await t.dataSource.query<Array<{ masked_text: string; reason: string }>>(`SELECT masked_text, reason FROM story_selection WHERE answer_id = $1`, [story.id]);
      expect(stored!.masked_text).toBe(story.text);
      for (const secret of RAW_SECRETS) expect(stored!.masked_text).not.toContain(secret);

      const selected = await list(admin, '?selected=true');
      expect(selected.items.map((v) => v.id)).toEqual([story.id]);
      expect((await list(admin, '?selected=false')).total).toBe(13);

      // Again: the reason changes, the story stays as chosen.
      const again = await admin.client.send('put', `${base}/verbatims/${story.id}/selection`, { reason: 'Le premier pas, raconté par une bénévole.' });
      expect((again.body as Verbatim).selection).toMatchObject({ reason: 'Le premier pas, raconté par une bénévole.', selectedAt: chosen.selection!.selectedAt });
      const audit = await t.dataSource.query<Array<{ action: string }>>(
        `SELECT action FROM audit_event WHERE data->>'answerId' = $1 AND action LIKE 'verbatim.story-%' ORDER BY created_at`,
        [story.id],
      );
      expect(audit.map((a) => a.action)).toEqual(['verbatim.story-selected', 'verbatim.story-reason-changed']);
    });

    it('requires a reason of 3 to 2000 characters and refuses hidden or unknown verbatims, writing nothing', async () => {
      const story = await storyOf('gratiferia');
      const [partner] = await t.dataSource.query<Array<{ id: string }>>(`SELECT a.id::text AS id FROM answer a WHERE a.group_key = 'partners' AND a.text_value IS NOT NULL LIMIT 1`);
      const before = await databaseFingerprint(t);
      const put = (id: string, body: unknown) => admin.client.send('put', `${base}/verbatims/${id}/selection`, body);
      const cases: Array<[unknown, string]> = [
        [{}, 'reason'],
        [{ reason: '' }, 'reason'],
        [{ reason: '  ab ' }, 'reason'],
        [{ reason: 'x'.repeat(2001) }, 'reason'],
        [{ reason: 42 }, 'reason'],
        [{ reason: 'Assez long', text: 'autre texte' }, 'text'],
      ];
      for (const [body, path] of cases) {
        const res: Response = await put(story.id, body);
        expectProblem(res, 400, 'validation-failed');
        expect((res.body as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain(path);
      }
      expectProblem(await put(partner!.id, { reason: 'Un beau témoignage' }), 409, 'conflict');
      expectProblem(await put('424242424242', { reason: 'Un beau témoignage' }), 404, 'not-found');
      expectProblem(await put('x', { reason: 'Un beau témoignage' }), 400, 'invalid-id');
      expectProblem(await admin.client.delete(`${base}/verbatims/${story.id}/selection`), 404, 'not-found');
      expect(await databaseFingerprint(t)).toEqual(before);
      expect((await put(story.id, { reason: 'x'.repeat(2000) })).status).toBe(200);
      expect((await admin.client.delete(`${base}/verbatims/${story.id}/selection`)).status).toBe(204);
      expect((await list(admin, '?selected=true')).total).toBe(1);
    });

    it('shows a chosen story masked with the names known now', async () => {
      const story = await storyOf('[nom] a monté le covoiturage');
      expect((await admin.client.send('put', `${base}/verbatims/${story.id}/selection`, { reason: 'Une initiative née des bénévoles.' })).status).toBe(200);
      // Written before the name was known, a chosen text is masked again when it is read.
      await t.dataSource.query(`UPDATE story_selection SET masked_text = 'Philomène a monté le covoiturage.' WHERE answer_id = $1`, [story.id]);
      const selected = (await list(admin, '?selected=true')).items.find((v) => v.id === story.id)!;
      expect(selected.selection!.text).toBe('[nom] a monté le covoiturage.');
      expect((await admin.client.delete(`${base}/verbatims/${story.id}/selection`)).status).toBe(204);
    });
  });

  describe('who may do what', () => {
    it('lets viewers read, the organization’s contact read and write, and board members read the chosen stories only', async () => {
      expect((await viewer.client.get(`${base}/verbatims`)).status).toBe(200);
      expect((await viewer.client.get(`${base}/themes`)).status).toBe(200);
      expectProblem(await viewer.client.post(`${base}/themes`, { label: 'Vu par un lecteur' }), 403, 'forbidden');
      const story = await storyOf('atelier couture');
      expectProblem(await viewer.client.send('put', `${base}/verbatims/${story.id}/selection`, { reason: 'Non autorisé' }), 403, 'forbidden');

      const theme = await contact.client.post(`${base}/themes`, { label: 'Proposé par la structure' });
      expect(theme.status).toBe(201);
      expect((await contact.client.send('put', `${base}/verbatims/${story.id}/themes`, { themeIds: [(theme.body as Theme).id] })).status).toBe(200);
      const chosen = await contact.client.send('put', `${base}/verbatims/${story.id}/selection`, { reason: 'La structure y tient.' });
      expect(chosen.status).toBe(200);
      expect((chosen.body as Verbatim).selection!.selectedBy).toEqual({ id: contact.id, name: expect.any(String) });

      expectProblem(await board.client.get(`${base}/verbatims`), 403, 'forbidden');
      expectProblem(await board.client.get(`${base}/verbatims?selected=false`), 403, 'forbidden');
      const stories = await list(board, '?selected=true');
      expect(stories.items.map((v) => v.id).sort()).toEqual([(await storyOf('m’a proposé de venir')).id, story.id].sort());
      expect((await board.client.get(`${base}/themes`)).status).toBe(200);
      expectProblem(await board.client.post(`${base}/themes`, { label: 'Le CA' }), 404, 'not-found');
      expectProblem(await board.client.send('put', `${base}/verbatims/${story.id}/selection`, { reason: 'Le CA' }), 404, 'not-found');
    });
  });

  describe('counted submissions only', () => {
    it('drops the verbatims of an excluded submission, stories included, and brings them back on restore', async () => {
      const story = await storyOf('m’a proposé de venir');
      expect(story.selection).not.toBeNull();
      const excluded = await admin.client.post(`${base}/submissions/${submissionIds[0]}/exclusion`, { reason: 'Doublon' });
      expect(excluded.status).toBe(200);
      const after = await list(admin, '?limit=200');
      expect(after.total).toBe(11);
      expect(after.items.some((v) => v.id === story.id)).toBe(false);
      expect((await list(admin, '?selected=true')).items.some((v) => v.id === story.id)).toBe(false);
      expectProblem(await admin.client.send('put', `${base}/verbatims/${story.id}/selection`, { reason: 'Exclue' }), 404, 'not-found');
      expect((await admin.client.post(`${base}/submissions/${submissionIds[0]}/restore`, { reason: 'Pas un doublon' })).status).toBe(200);
      expect((await list(admin, '?selected=true')).items.some((v) => v.id === story.id)).toBe(true);
    });

    it('hides every verbatim of a group that falls under k, even chosen stories', async () => {
      const couture = await storyOf('atelier couture');
      expect(couture.selection).not.toBeNull();
      for (const id of submissionIds.slice(0, 2)) expect((await admin.client.post(`${base}/submissions/${id}/exclusion`, { reason: 'Test du seuil' })).status).toBe(200);
      const hidden = await list(admin, '?limit=200');
      expect(hidden).toMatchObject({ total: 1, hiddenGroups: ['volunteers', 'partners'] });
      expect(hidden.items.map((v) => v.groupKey)).toEqual(['self_assessment']);
      expect((await list(board, '?selected=true')).items).toEqual([]);
      const themes = (await admin.client.get(`${base}/themes`)).body as Theme[];
      expect(themes.every((th) => th.verbatimCount === 0)).toBe(true);
      expectProblem(await admin.client.send('put', `${base}/verbatims/${couture.id}/selection`, { reason: 'Sous le seuil' }), 409, 'conflict');
      expectProblem(await admin.client.send('put', `${base}/verbatims/${couture.id}/themes`, { themeIds: [] }), 409, 'conflict');
      for (const id of submissionIds.slice(0, 2)) expect((await admin.client.post(`${base}/submissions/${id}/restore`, { reason: 'Retour' })).status).toBe(200);
      expect((await list(admin)).total).toBe(13);
    });

    it('holds an anonymous self-assessment to k like any group', async () => {
      const res = await admin.client.get(`${anonymousSelfBase}/verbatims`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ items: [], total: 0, hiddenGroups: ['self_assessment'] });
    });
  });

  it('keeps the code book, coding and stories as they are once the evaluation is closed', async () => {
    const story = await storyOf('gratiferia');
    for (const to of ['analysing', 'reporting', 'closed']) expect((await admin.client.post(`${base}/transitions`, { to })).status).toBe(200);
    const before = await databaseFingerprint(t);
    const [theme] = (await admin.client.get(`${base}/themes`)).body as Theme[];
    expectProblem(await admin.client.post(`${base}/themes`, { label: 'Trop tard' }), 409, 'evaluation-locked');
    expectProblem(await admin.client.send('patch', `${base}/themes/${theme!.id}`, { label: 'Trop tard' }), 409, 'evaluation-locked');
    expectProblem(await admin.client.delete(`${base}/themes/${theme!.id}`), 409, 'evaluation-locked');
    expectProblem(await admin.client.send('put', `${base}/verbatims/${story.id}/themes`, { themeIds: [] }), 409, 'evaluation-locked');
    expectProblem(await admin.client.send('put', `${base}/verbatims/${story.id}/selection`, { reason: 'Trop tard' }), 409, 'evaluation-locked');
    expectProblem(await admin.client.delete(`${base}/verbatims/${story.id}/selection`), 409, 'evaluation-locked');
    expect(await databaseFingerprint(t)).toEqual(before);
    expect((await list(admin, '?selected=true')).total).toBe(2);
  });
});
