import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Model } from 'survey-core';
import { STAKEHOLDER_GROUP_KEYS, normaliseAnswers, type Questionnaire, type StakeholderGroupKey } from '#domain';
import {
  Respondent,
  answerPageByPage,
  collectingEvaluation,
  personalLink,
  sharedLink,
  socleCommun,
  sortAnswers,
  storedAnswers,
  storedSubmissions,
  type CollectingEvaluation,
  type CreatedLink,
} from '../support/collection.js';
import { addMember, createOrganization, createUser, createWorkspace, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Each group answers under a different anonymity and channel, in both languages. */
const PLAN: Record<StakeholderGroupKey, { anonymity: 'anonymous' | 'confidential' | 'named'; link: 'personal' | 'shared'; locale: 'fr' | 'en' }> = {
  self_assessment: { anonymity: 'confidential', link: 'personal', locale: 'fr' },
  staff: { anonymity: 'anonymous', link: 'shared', locale: 'fr' },
  volunteers: { anonymity: 'anonymous', link: 'personal', locale: 'en' },
  board: { anonymity: 'named', link: 'personal', locale: 'fr' },
  beneficiaries: { anonymity: 'anonymous', link: 'shared', locale: 'fr' },
  partners: { anonymity: 'confidential', link: 'personal', locale: 'en' },
  local_officials: { anonymity: 'named', link: 'shared', locale: 'en' },
  inhabitants: { anonymity: 'anonymous', link: 'shared', locale: 'fr' },
};

/**
 * The real client: survey-core's Model, as the respondent's browser runs it, fills each group's
 * questionnaire of the default framework (the socle commun) page by page; what it holds after
 * the first page is saved as a partial, then the whole as the submission, through the HTTP API.
 * The stored answer rows must be exactly the normalisation of the data the Model produced.
 */
describe('collection with the real SurveyJS client on the socle commun', () => {
  let t: TestApp;
  let facilitator: TestUser;
  let evaluation: CollectingEvaluation;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
    const admin = await createUser(t);
    const workspaceId = await createWorkspace(t, admin, 'Réseau du socle commun');
    const organizationId = await createOrganization(t, workspaceId, 'La Ressourcerie du Vallon');
    facilitator = await createUser(t);
    await addMember(t, workspaceId, facilitator, 'facilitator');
    const socle = await socleCommun(facilitator.client, workspaceId);
    evaluation = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, {
      groups: STAKEHOLDER_GROUP_KEYS.map((groupKey) => ({ groupKey, expectedCount: 10, anonymity: PLAN[groupKey].anonymity })),
    });
    // Every dimension of the default framework is kept: each group answers its whole questionnaire.
    expect(evaluation.evaluation.dimensionKeys).toEqual(socle.content.dimensions.map((d) => d.key));
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(STAKEHOLDER_GROUP_KEYS.map((groupKey, index) => [groupKey, index] as const))(
    'stores what survey-core’s Model answers for %s, partial after the first page, then complete',
    async (groupKey, index) => {
      const plan = PLAN[groupKey];
      const link: CreatedLink = plan.link === 'personal' ? await personalLink(facilitator, evaluation.base, groupKey) : await sharedLink(facilitator, evaluation.base, groupKey);
      const browser = new Respondent(t);
      const opened = await browser.open(link.token, plan.locale);
      expect(opened.status).toBe(200);
      const survey = opened.body.questionnaire as Questionnaire['survey'];
      // survey-core names its default locale (English) ''.
      expect(new Model(survey).locale).toBe(plan.locale === 'fr' ? 'fr' : '');

      // The answer specification the server checks against, as the facilitator sees it.
      const spec = (await facilitator.client.get(`${evaluation.base}/questionnaires/${groupKey}?locale=${plan.locale}`)).body as Questionnaire;
      expect(spec.survey).toEqual(survey);

      const seeds = Array.from({ length: 64 }, (_, i) => (i * 7 + index * 13 + 5) % 97);
      const { afterFirstPage, complete, pages } = answerPageByPage(survey, seeds);
      expect(pages).toBeGreaterThan(1);
      expect(Object.keys(afterFirstPage).length).toBeGreaterThan(0);
      expect(Object.keys(afterFirstPage).length).toBeLessThan(Object.keys(complete).length);

      const clientId = randomUUID();
      const consent = plan.anonymity === 'named' ? { name: `Témoin ${groupKey}` } : undefined;
      const partial = await browser.save(link.token, clientId, { data: afterFirstPage, complete: false, locale: plan.locale });
      expect({ status: partial.status, body: partial.body as unknown }).toEqual({ status: 200, body: { clientId, status: 'partial', submittedAt: null } });
      const partialExpected = normaliseAnswers(spec, afterFirstPage, { checkRequired: false });
      if (!partialExpected.ok) throw new Error(JSON.stringify(partialExpected.errors));
      expect(await storedAnswers(t, evaluation.evaluation.id, clientId)).toEqual(sortAnswers(partialExpected.answers));
      expect((await storedSubmissions(t, evaluation.evaluation.id, clientId))[0]).toMatchObject({ status: 'partial', data: afterFirstPage });

      const done = await browser.save(link.token, clientId, { data: complete, complete: true, locale: plan.locale, ...(consent && { consent }) });
      expect({ status: done.status, body: done.body as unknown }).toEqual({ status: 200, body: { clientId, status: 'submitted', submittedAt: expect.any(String) } });
      const expected = normaliseAnswers(spec, complete);
      if (!expected.ok) throw new Error(JSON.stringify(expected.errors));
      const stored = await storedAnswers(t, evaluation.evaluation.id, clientId);
      expect(stored).toEqual(sortAnswers(expected.answers));
      expect(stored.length).toBeGreaterThanOrEqual(spec.questions.filter((q) => q.required && q.visibleIf === null).length);

      const [row] = await storedSubmissions(t, evaluation.evaluation.id, clientId);
      expect(row).toMatchObject({ status: 'submitted', locale: plan.locale, data: complete, channel: plan.link, link_id: link.id });
      expect(row!.respondent_name).toBe(plan.anonymity === 'named' ? consent!.name : null);
      const rows = await t.dataSource.query<Array<{ group_key: string; workspace_id: string; evaluation_id: string }>>(
        `SELECT DISTINCT a.group_key, a.workspace_id, a.evaluation_id FROM answer a WHERE a.submission_id = $1`,
        [row!.id],
      );
      expect(rows).toEqual([{ group_key: groupKey, workspace_id: expect.any(String), evaluation_id: evaluation.evaluation.id }]);
    },
  );
});
