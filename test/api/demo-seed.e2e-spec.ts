import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compileQuestionnaire, normaliseAnswers, type FrameworkContent } from '#domain';
import { DemoSeedService } from '../../apps/api/src/modules/demo/demo-seed.service.js';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app.js';

/** The demo that `npm start` creates: a new user sees an evaluation with answers at once. */
describe('demo evaluation', () => {
  let t: TestApp;
  let samia: ApiClient;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ DEMO_SEED: 'true' });
    expect(await t.app.get(DemoSeedService).seed()).toBe(true);
    expect(await t.app.get(DemoSeedService).seed()).toBe(false);
    samia = t.client();
    await samia.login('samia@regards.local', 'regards-demo-2026');
    const [workspace] = (await samia.send('get', '/workspaces')).body as Array<{ id: string }>;
    const organizations = (await samia.send('get', `/workspaces/${workspace!.id}/organizations`)).body as Array<{ id: string; name: string }>;
    const ressourcerie = organizations.find((o) => o.name === 'La Ressourcerie du Vallon')!;
    const evaluations = (await samia.send('get', `/workspaces/${workspace!.id}/organizations/${ressourcerie.id}/evaluations`)).body as Array<{ id: string; status: string }>;
    // This year's, in collection, and last year's, closed, to compare with.
    expect(evaluations.map((e) => e.status).sort()).toEqual(['closed', 'collecting']);
    const current = evaluations.find((e) => e.status === 'collecting')!;
    base = `/workspaces/${workspace!.id}/organizations/${ressourcerie.id}/evaluations/${current.id}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has about sixty submitted answers across five groups, the partners under k', async () => {
    const res = await samia.send('get', `${base}/collection`);
    expect(res.status).toBe(200);
    const groups = Object.fromEntries((res.body as { groups: Array<{ groupKey: string; submitted: number; partial: number }> }).groups.map((g) => [g.groupKey, g]));
    expect(groups.self_assessment).toMatchObject({ submitted: 6 });
    expect(groups.staff).toMatchObject({ submitted: 12 });
    expect(groups.volunteers).toMatchObject({ submitted: 17, partial: 2 });
    expect(groups.beneficiaries).toMatchObject({ submitted: 22 });
    expect(groups.partners).toMatchObject({ submitted: 3 });
    const evaluation = (await samia.send('get', base)).body as { kThreshold: number; customQuestions: unknown[] };
    expect(groups.partners!.submitted).toBeLessThan(evaluation.kThreshold);
    expect(evaluation.customQuestions).toHaveLength(1);
  });

  it('stores answer rows that are exactly the normalised data, with no identity or time of day for anonymous groups', async () => {
    const [evaluation] = await t.dataSource.query<Array<{ id: string; dimension_keys: string[]; custom_questions: unknown[]; content: FrameworkContent }>>(
      `SELECT e.id, e.dimension_keys, e.custom_questions, v.content FROM evaluation e JOIN framework_version v ON v.id = e.framework_version_id WHERE e.status = 'collecting'`,
    );
    const submissions = await t.dataSource.query<
      Array<{ id: string; group_key: string; data: Record<string, unknown>; respondent_name: string | null; submitted_at: Date | null; started_at: Date; channel: string }>
    >(`SELECT s.id, s.group_key, s.data, s.respondent_name, s.submitted_at, s.started_at, s.channel FROM submission s WHERE s.evaluation_id = $1`, [evaluation!.id]);
    expect(submissions).toHaveLength(62);
    for (const submission of submissions) {
      const questionnaire = compileQuestionnaire({
        version: { content: evaluation!.content },
        dimensionKeys: evaluation!.dimension_keys,
        customQuestions: evaluation!.custom_questions as never,
        group: submission.group_key as never,
        locale: 'fr',
      });
      const expected = normaliseAnswers(questionnaire, submission.data, { checkRequired: false });
      if (!expected.ok) throw new Error(JSON.stringify(expected.errors));
      const rows = await t.dataSource.query<Array<{ question_key: string; part: string; numeric_value: number | null; choice_value: string | null; text_value: string | null; dont_know: boolean }>>(
        `SELECT question_key, part, numeric_value, choice_value, text_value, dont_know FROM answer WHERE submission_id = $1 ORDER BY id`,
        [submission.id],
      );
      expect(rows.length).toBeGreaterThan(5);
      expect(rows).toEqual(
        expected.answers.map((a) => ({ question_key: a.questionKey, part: a.part, numeric_value: a.numericValue, choice_value: a.choiceValue, text_value: a.textValue, dont_know: a.dontKnow })),
      );
      if (['staff', 'volunteers', 'beneficiaries'].includes(submission.group_key)) {
        expect(submission.respondent_name).toBeNull();
        expect(new Date(submission.started_at).getUTCHours()).toBe(0);
        expect(new Date(submission.started_at).getUTCMinutes()).toBe(0);
      }
    }
    const channels = new Set(submissions.map((s) => s.channel));
    expect([...channels].sort()).toEqual(['paper', 'personal', 'shared']);
    // The organization's own question was answered by the groups it asks.
    const [custom] = await t.dataSource.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM answer WHERE question_key = 'q_reparer_plutot_que_jeter'`);
    expect(Number(custom!.n)).toBeGreaterThan(10);
  });

  it('has a code book, coded verbatims and two chosen stories, masked, and none of the partners’ answers', async () => {
    const themes = (await samia.send('get', `${base}/themes`)).body as Array<{ id: string; label: string; color: string; verbatimCount: number }>;
    expect(themes.map((th) => th.label)).toEqual(['Accès aux droits', 'Apprentissages', 'Lien social', 'Réemploi']);
    expect(themes.every((th) => th.verbatimCount > 0)).toBe(true);

    const res = await samia.send('get', `${base}/verbatims?limit=200`);
    expect(res.status).toBe(200);
    const list = res.body as {
      items: Array<{ id: string; groupKey: string; text: string; masked: boolean; themeIds: string[]; selection: { reason: string; text: string } | null }>;
      total: number;
      hiddenGroups: string[];
    };
    expect(list.hiddenGroups).toEqual(['partners']);
    expect(list.total).toBeGreaterThan(20);
    expect(new Set(list.items.map((v) => v.groupKey))).toEqual(new Set(['self_assessment', 'staff', 'volunteers', 'beneficiaries']));
    expect(list.items.filter((v) => v.themeIds.length > 0).length).toBeGreaterThanOrEqual(8);
    // Some answers name someone or leave a number: they are shown masked.
    const masked = list.items.filter((v) => v.masked);
    expect(masked.length).toBeGreaterThan(2);
    expect(masked.some((v) => v.text.includes('[téléphone]'))).toBe(true);
    const json = JSON.stringify(list);
    for (const secret of ['06 71 42 18 93', 'Karim', 'Nadia', 'Inès', 'Fatou', 'Perrin', 'marcel.atelier@laposte.net']) expect(json).not.toContain(secret);

    const stories = list.items.filter((v) => v.selection !== null);
    expect(stories.map((v) => [v.groupKey, v.masked, v.selection!.text]).sort()).toEqual([
      ['beneficiaries', true, '[nom] m’a accompagné pour mon CV et m’a laissé son numéro, le [téléphone], au cas où. Trois mois après, j’ai signé un contrat.'],
      ['volunteers', false, 'Retraitée, j’avais peur de m’ennuyer. Ici je transmets ce que je sais de la couture et j’apprends des plus jeunes.'],
    ]);
    expect(stories.every((v) => v.selection!.reason.length > 20)).toBe(true);
    const selected = (await samia.send('get', `${base}/verbatims?selected=true`)).body as { items: unknown[] };
    expect(selected.items).toHaveLength(2);
  });
});
