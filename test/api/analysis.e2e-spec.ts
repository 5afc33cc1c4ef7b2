import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import request from 'supertest';
import { analyse, compareAnalyses, countAnswers, type AnalysisStructure, type AnswerRowForCounting, type StakeholderGroupKey } from '#domain';
import { AnalysisCountsQuery, countPlan } from '../../apps/api/src/modules/analysis/analysis-counts.query.js';
import {
  CUSTOM_QUESTION,
  analysisFramework,
  asJson,
  evaluationForAnalysis,
  expectedParticipation,
  groupQuestions,
  nextVersion,
  publishedFramework,
  randomAnswers,
  seeded,
  sortedCounts,
  writeSubmission,
  type CreatedEvaluation,
  type SubmissionFate,
} from '../support/analysis.js';
import { createOrganization, createUser, createWorkspace, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const OTHER_GROUPS: StakeholderGroupKey[] = ['staff', 'volunteers', 'board', 'beneficiaries', 'partners', 'local_officials', 'inhabitants'];
const content = analysisFramework();
const DIMENSION_KEYS = content.dimensions.map((d) => d.key);

const plans = fc.record({
  dimensionKeys: fc.subarray(DIMENSION_KEYS, { minLength: 1 }),
  groups: fc.subarray(OTHER_GROUPS),
  expected: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 8, maxLength: 8 }),
  k: fc.integer({ min: 3, max: 6 }),
  custom: fc.boolean(),
  submissions: fc.array(
    fc.record({
      group: fc.nat(),
      fate: fc.constantFrom<SubmissionFate>('submitted', 'submitted', 'submitted', 'submitted', 'partial', 'excluded'),
      seed: fc.integer(),
    }),
    { maxLength: 40 },
  ),
});

/**
 * The analysis counts answers in SQL, and `countAnswers` counts them in JavaScript from the rows:
 * on random evaluations (random dimensions, groups, k, the organization's own question; random
 * submissions, some partial or excluded, with skipped questions, "je ne sais pas", multiple
 * choices, decimal quantities, texts and "pourquoi ?" comments) they must give the same counts,
 * and the API must answer exactly `analyse` of them.
 */
describe('analysis: SQL counts against the JavaScript reference', () => {
  let t: TestApp;
  let facilitator: TestUser;
  let workspaceId: string;
  let organizationId: string;
  let versionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    facilitator = await createUser(t);
    workspaceId = await createWorkspace(t, facilitator);
    organizationId = await createOrganization(t, workspaceId);
    ({ versionId } = await publishedFramework(facilitator, workspaceId, content));
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Writes submissions of these fates per group; returns the reference's analysis of them. */
  const fill = async (evaluation: CreatedEvaluation, plan: Partial<Record<StakeholderGroupKey, SubmissionFate[]>>, seed: number) => {
    const written: Array<{ groupKey: StakeholderGroupKey; fate: SubmissionFate }> = [];
    const rows: AnswerRowForCounting[] = [];
    for (const [groupKey, fates] of Object.entries(plan) as Array<[StakeholderGroupKey, SubmissionFate[]]>) {
      for (const fate of fates) {
        const answers = randomAnswers(groupQuestions(evaluation.structure, groupKey), seeded(seed++), { skip: 0.1 });
        const id = await writeSubmission(t, workspaceId, evaluation.id, groupKey, answers, fate);
        written.push({ groupKey, fate });
        if (fate === 'submitted') rows.push(...answers.map((answer) => ({ ...answer, submissionId: id, groupKey })));
      }
    }
    return analyse(evaluation.structure, countAnswers(rows, expectedParticipation(evaluation.structure, written), evaluation.structure));
  };

  it('counts in SQL what countAnswers counts, and answers analyse() of those counts', async () => {
    await fc.assert(
      fc.asyncProperty(plans, async (plan) => {
        const dimensionKeys = plan.custom && !plan.dimensionKeys.includes(CUSTOM_QUESTION.dimensionKey) ? [...plan.dimensionKeys, CUSTOM_QUESTION.dimensionKey] : plan.dimensionKeys;
        const evaluation = await evaluationForAnalysis(facilitator, workspaceId, organizationId, versionId, content, {
          dimensionKeys,
          groups: [
            { groupKey: 'self_assessment', expectedCount: plan.expected[0]!, anonymity: 'confidential' },
            ...plan.groups.map((groupKey, index) => ({ groupKey, expectedCount: plan.expected[index + 1]!, anonymity: 'anonymous' as const })),
          ],
          k: plan.k,
          ...(plan.custom && { customQuestions: [CUSTOM_QUESTION] }),
        });
        const { structure } = evaluation;
        const groupKeys = structure.groups.map((g) => g.groupKey);

        const written: Array<{ groupKey: StakeholderGroupKey; fate: SubmissionFate }> = [];
        const rows: AnswerRowForCounting[] = [];
        for (const submission of plan.submissions) {
          const groupKey = groupKeys[submission.group % groupKeys.length]!;
          const answers = randomAnswers(groupQuestions(structure, groupKey), seeded(submission.seed));
          const id = await writeSubmission(t, workspaceId, evaluation.id, groupKey, answers, submission.fate);
          written.push({ groupKey, fate: submission.fate });
          if (submission.fate === 'submitted') rows.push(...answers.map((answer) => ({ ...answer, submissionId: id, groupKey })));
        }
        const reference = countAnswers(rows, expectedParticipation(structure, written), structure);

        const query = t.app.get(AnalysisCountsQuery);
        expect(sortedCounts(await query.counts(workspaceId, evaluation.id, structure))).toEqual(sortedCounts(reference));
        // Masks of two bits per word: the scopes of one question fall in several words.
        expect(sortedCounts(await query.counts(workspaceId, evaluation.id, structure, countPlan(structure, 2)))).toEqual(sortedCounts(reference));
        expect(sortedCounts(await query.countsInOneSnapshot(workspaceId, evaluation.id, structure))).toEqual(sortedCounts(reference));

        const res = await facilitator.client.get(`${evaluation.base}/analysis`);
        expect(res.status).toBe(200);
        const { evaluationId, computedAt, comparison, consensus, groupFilter, answerOptions, ...figures } = res.body as Record<string, unknown>;
        expect(Object.keys(answerOptions as object).sort()).toEqual(analyse(structure, reference).indicators.map((indicator) => indicator.key).sort());
        expect({ evaluationId, comparison, consensus, groupFilter }).toEqual({ evaluationId: evaluation.id, comparison: null, consensus: [], groupFilter: null });
        expect(Number.isNaN(Date.parse(computedAt as string))).toBe(false);
        expect(figures).toEqual(asJson(analyse(structure, reference)));
      }),
      { numRuns: 25 },
    );
  });

  it('compares with the latest evaluation of the organization past collection on the same framework, across its versions', async () => {
    const organization = await createOrganization(t, workspaceId, 'Structure suivie dans le temps');
    const { frameworkId, versionId: first } = await publishedFramework(facilitator, workspaceId, content, 'Référentiel suivi');
    // The next version drops an indicator and reverses a scale: the first cannot be matched, the second is rescored.
    const revised = structuredClone(content);
    for (const dimension of revised.dimensions) for (const criterion of dimension.criteria) criterion.indicators = criterion.indicators.filter((i) => i.key !== 'frequence_initiatives');
    const reversed = revised.dimensions.flatMap((d) => d.criteria.flatMap((c) => c.indicators)).find((i) => i.key === 'competences_acquises')!;
    if (reversed.kind === 'scale' && reversed.scoring.rule === 'linear') reversed.scoring.reverse = true;
    const second = await nextVersion(facilitator, workspaceId, frameworkId, revised);
    const { versionId: elsewhere } = await publishedFramework(facilitator, workspaceId, content, 'Un autre référentiel');

    const groups = [
      { groupKey: 'staff' as const, expectedCount: 10, anonymity: 'anonymous' as const },
      { groupKey: 'volunteers' as const, expectedCount: 10, anonymity: 'anonymous' as const },
    ];
    const five: SubmissionFate[] = ['submitted', 'submitted', 'submitted', 'submitted', 'submitted', 'partial'];
    const past = async (versionId: string, c: typeof content, title: string, opensAt: string, closesAt: string, to: string[]) => {
      const evaluation = await evaluationForAnalysis(facilitator, workspaceId, organization, versionId, c, { groups, k: 3, title, opensAt: new Date(opensAt), closesAt: new Date(closesAt) });
      const analysis = await fill(evaluation, { self_assessment: ['submitted', 'submitted', 'submitted'], staff: five, volunteers: five }, title.length * 100);
      for (const status of to) expect((await facilitator.client.post(`${evaluation.base}/transitions`, { to: status })).status).toBe(200);
      return { evaluation, analysis, title, closesAt };
    };
    await past(first, content, 'Évaluation 2024', '2024-01-10T00:00:00.000Z', '2024-03-01T00:00:00.000Z', ['analysing', 'reporting', 'closed']);
    const previous = await past(first, content, 'Évaluation 2025', '2025-01-10T00:00:00.000Z', '2025-03-01T00:00:00.000Z', ['analysing']);
    // Later, but still collecting, or on another framework: not what this evaluation is compared with.
    await past(first, content, 'Collecte inachevée', '2025-04-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z', []);
    await past(elsewhere, content, 'Autre référentiel', '2025-04-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z', ['analysing', 'reporting', 'closed']);

    const current = await evaluationForAnalysis(facilitator, workspaceId, organization, second, revised, { groups, k: 3, title: 'Évaluation 2026' });
    const analysis = await fill(current, { self_assessment: ['submitted', 'submitted', 'submitted'], staff: five, volunteers: five }, 9000);
    const res = await facilitator.client.get(`${current.base}/analysis`);
    expect(res.status).toBe(200);
    const expected = compareAnalyses(
      { analysis: previous.analysis, structure: previous.evaluation.structure, evaluationId: previous.evaluation.id, title: previous.title, closesAt: previous.closesAt },
      { analysis, structure: current.structure as AnalysisStructure },
    );
    expect(res.body.comparison).toEqual(asJson(expected));
    expect(res.body.comparison.previous).toEqual({ evaluationId: previous.evaluation.id, title: 'Évaluation 2025', closesAt: '2025-03-01T00:00:00.000Z' });
    expect(res.body.comparison.unmatched.onlyBefore).toContain('frequence_initiatives');
    expect(res.body.comparison.unmatched.rescored).toContain('competences_acquises');
    expect(res.body.comparison.indicators.length).toBeGreaterThan(0);
  });

  it('is described in the OpenAPI document with its access rule and its figures', async () => {
    const doc = await request(t.app.getHttpServer()).get('/api/docs-json');
    const operation = doc.body.paths['/api/v1/workspaces/{workspaceId}/organizations/{organizationId}/evaluations/{evaluationId}/analysis'].get;
    expect(operation['x-regards-access']).toEqual({ workspaceRole: 'viewer', organizationRoles: ['contact', 'board'] });
    expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['evaluationId', 'groupKey', 'organizationId', 'workspaceId']);
    expect(operation.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/AnalysisDto' });
    const schema = doc.body.components.schemas.AnalysisDto;
    expect(Object.keys(schema.properties).sort()).toEqual(
      ['answerOptions', 'comparison', 'computedAt', 'consensus', 'crossed', 'dimensions', 'evaluationId', 'groupFilter', 'indicators', 'k', 'participation'].sort(),
    );
  });
});
