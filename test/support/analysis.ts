import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import {
  STAKEHOLDER_GROUP_KEYS,
  compileQuestionnaire,
  type AnalysisCounts,
  type AnalysisStructure,
  type AnonymityMode,
  type CustomQuestion,
  type FrameworkContent,
  type GroupParticipation,
  type NormalisedAnswer,
  type QuestionnaireQuestion,
  type StakeholderGroupKey,
} from '#domain';
import { sampleFramework } from '#domain/fixtures/sample-framework';
import { SUBMISSION_WRITE } from '../../apps/api/src/modules/collection/submission-writes.js';
import type { TestUser } from './factories.js';
import type { TestApp } from './test-app.js';

const DAY = 86_400_000;

/**
 * The sample framework with one indicator asked through two questions (a composite), so that
 * respondents of an indicator are not always those of one question.
 */
export function analysisFramework(): FrameworkContent {
  const content = structuredClone(sampleFramework);
  const indicator = content.dimensions.flatMap((d) => d.criteria.flatMap((c) => c.indicators)).find((i) => i.key === 'qualite_cooperation')!;
  indicator.questions.push({
    key: 'q_qualite_cooperation_bis',
    audiences: ['partners', 'staff', 'self_assessment'],
    wording: {
      partners: { fr: 'Comment jugez-vous la qualité des échanges\u202f?' },
      staff: { fr: 'Comment jugez-vous la coopération avec les partenaires\u202f?' },
      self_assessment: { fr: 'Comment jugez-vous vos coopérations\u202f?' },
    },
    required: false,
  });
  return content;
}

/** An organization's own question: a multiple choice with "je ne sais pas", asked through two questions. */
export const CUSTOM_QUESTION: CustomQuestion = {
  dimensionKey: 'transition_ecologique',
  indicator: {
    key: 'reemploi_pratique',
    title: { fr: 'Réemploi au quotidien' },
    level: 'realisation',
    kind: 'multiple_choice',
    choices: [
      { value: 'vetements', label: { fr: 'Vêtements' } },
      { value: 'meubles', label: { fr: 'Meubles' } },
      { value: 'electromenager', label: { fr: 'Électroménager' } },
    ],
    scoring: { rule: 'weighted_share', weights: { vetements: 1, meubles: 2, electromenager: 1 } },
    dontKnow: 'excluded',
    questions: [
      { key: 'q_reemploi_pratique', audiences: ['staff', 'volunteers', 'beneficiaries'], wording: { staff: { fr: 'Que réemployez-vous\u202f?' }, volunteers: { fr: 'Que réemployez-vous\u202f?' }, beneficiaries: { fr: 'Qu’achetez-vous ici\u202f?' } }, required: false },
      { key: 'q_reemploi_pratique_bis', audiences: ['staff', 'board'], wording: { staff: { fr: 'Et à la maison\u202f?' }, board: { fr: 'Que réemploie la structure\u202f?' } }, required: false },
    ],
  },
};

/** Creates and publishes a framework through the API. */
export async function publishedFramework(facilitator: TestUser, workspaceId: string, content: FrameworkContent, name = 'Référentiel d’analyse'): Promise<{ frameworkId: string; versionId: string }> {
  const created = await facilitator.client.post(`/workspaces/${workspaceId}/frameworks`, { name, content });
  expect({ status: created.status, body: created.body as unknown }).toEqual({ status: 201, body: expect.objectContaining({ id: expect.any(String) }) });
  const frameworkId = created.body.id as string;
  const draft = (created.body as { versions: Array<{ id: string; status: string }> }).versions.find((v) => v.status === 'draft')!;
  const published = await facilitator.client.post(`/workspaces/${workspaceId}/frameworks/${frameworkId}/versions/${draft.id}/publish`);
  expect(published.status).toBe(200);
  return { frameworkId, versionId: draft.id };
}

/** Publishes a new version of a framework with this content; returns its id. */
export async function nextVersion(facilitator: TestUser, workspaceId: string, frameworkId: string, content: FrameworkContent): Promise<string> {
  const path = `/workspaces/${workspaceId}/frameworks/${frameworkId}`;
  const draft = await facilitator.client.post(`${path}/drafts`);
  expect(draft.status).toBe(201);
  const saved = await facilitator.client.send('put', `${path}/versions/${draft.body.id as string}/content`, { content, revision: draft.body.revision as number });
  expect({ status: saved.status, body: saved.body as unknown }).toEqual({ status: 200, body: expect.anything() });
  const published = await facilitator.client.post(`${path}/versions/${draft.body.id as string}/publish`);
  expect(published.status).toBe(200);
  return draft.body.id as string;
}

export interface AnalysisGroup {
  groupKey: StakeholderGroupKey;
  expectedCount: number;
  anonymity: AnonymityMode;
}

export interface CreatedEvaluation {
  id: string;
  /** /workspaces/…/organizations/…/evaluations/:id */
  base: string;
  structure: AnalysisStructure;
}

/** An evaluation in collection (the self-assessment added when absent), and the structure the analysis reads. */
export async function evaluationForAnalysis(
  facilitator: TestUser,
  workspaceId: string,
  organizationId: string,
  versionId: string,
  content: FrameworkContent,
  options: { dimensionKeys?: string[]; groups: AnalysisGroup[]; k?: number; customQuestions?: CustomQuestion[]; title?: string; opensAt?: Date; closesAt?: Date },
): Promise<CreatedEvaluation> {
  const path = `/workspaces/${workspaceId}/organizations/${organizationId}/evaluations`;
  const now = Date.now();
  const created = await facilitator.client.post(path, {
    frameworkVersionId: versionId,
    title: options.title ?? 'Évaluation analysée',
    opensAt: (options.opensAt ?? new Date(now - DAY)).toISOString(),
    closesAt: (options.closesAt ?? new Date(now + 30 * DAY)).toISOString(),
    groups: options.groups,
    ...(options.dimensionKeys && { dimensionKeys: options.dimensionKeys }),
    ...(options.customQuestions && { customQuestions: options.customQuestions }),
    ...(options.k !== undefined && { kThreshold: options.k }),
  });
  expect({ status: created.status, body: created.body as unknown }).toEqual({ status: 201, body: expect.objectContaining({ id: expect.any(String) }) });
  const base = `${path}/${created.body.id as string}`;
  const moved = await facilitator.client.post(`${base}/transitions`, { to: 'collecting' });
  expect(moved.status).toBe(200);
  const body = moved.body as { id: string; dimensionKeys: string[]; customQuestions: CustomQuestion[]; groups: AnalysisGroup[]; kThreshold: number };
  return {
    id: body.id,
    base,
    structure: {
      content,
      dimensionKeys: body.dimensionKeys,
      customQuestions: body.customQuestions,
      groups: [...body.groups].sort((a, b) => STAKEHOLDER_GROUP_KEYS.indexOf(a.groupKey) - STAKEHOLDER_GROUP_KEYS.indexOf(b.groupKey)),
      k: body.kThreshold,
    },
  };
}

/** The questions a group answers in an evaluation, from its compiled questionnaire. */
export function groupQuestions(structure: AnalysisStructure, groupKey: StakeholderGroupKey): QuestionnaireQuestion[] {
  return compileQuestionnaire({ version: { content: structure.content }, dimensionKeys: structure.dimensionKeys, customQuestions: structure.customQuestions, group: groupKey, locale: 'fr' }).questions;
}

/** A small deterministic random source, so a failing case can be replayed from its seed. */
export { seededRandom as seeded } from '../../apps/api/src/modules/demo/demo-answers.js';

function row(question: QuestionnaireQuestion, value: Partial<NormalisedAnswer>): NormalisedAnswer {
  return { questionKey: question.key, indicatorKey: question.indicatorKey, part: 'answer', numericValue: null, choiceValue: null, textValue: null, dontKnow: false, ...value };
}

/**
 * Random answer rows of one respondent, as normalisation makes them: questions skipped at times,
 * "je ne sais pas" where offered, one row per chosen value of a multiple choice, texts, decimal
 * quantities, "pourquoi ?" comments. Values are drawn from few options so groups share them.
 * `skip` is the chance of leaving a question unanswered (0.25 unless given).
 */
export function randomAnswers(questions: readonly QuestionnaireQuestion[], random: () => number, options: { skip?: number } = {}): NormalisedAnswer[] {
  const skip = options.skip ?? 0.25;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const answers: NormalisedAnswer[] = [];
  for (const question of questions) {
    if (random() < skip) continue;
    const spec = question.answer;
    if (question.dontKnow && spec.kind !== 'text' && random() < 0.12) {
      answers.push(row(question, { dontKnow: true }));
    } else {
      switch (spec.kind) {
        case 'scale':
          answers.push(row(question, { numericValue: spec.min + Math.floor(random() * (spec.max - spec.min + 1)) }));
          break;
        case 'quantity': {
          const top = Math.min(spec.max ?? 40, 40);
          const value = spec.integer ? Math.floor(random() * (top + 1)) : Math.round(random() * top * 4) / 4;
          answers.push(row(question, { numericValue: Math.max(spec.min, value) }));
          break;
        }
        case 'yes_no':
        case 'single_choice':
          answers.push(row(question, { choiceValue: pick(spec.choices) }));
          break;
        case 'multiple_choice': {
          const chosen = spec.choices.filter(() => random() < 0.5);
          for (const choice of chosen.length > 0 ? chosen : [pick(spec.choices)]) answers.push(row(question, { choiceValue: choice }));
          break;
        }
        case 'text':
          answers.push(row(question, { textValue: pick(['Un récit.', 'Une autre histoire.', 'Rien à signaler']) }));
          break;
      }
    }
    if (question.why && random() < 0.3) answers.push(row(question, { part: 'why', textValue: 'Parce que.' }));
  }
  return answers;
}

export type SubmissionFate = 'submitted' | 'partial' | 'excluded';

/** Writes a submission and its answer rows with the API's own SQL; an excluded one is submitted, then excluded. */
export async function writeSubmission(
  t: TestApp,
  workspaceId: string,
  evaluationId: string,
  groupKey: StakeholderGroupKey,
  answers: readonly NormalisedAnswer[],
  fate: SubmissionFate = 'submitted',
): Promise<string> {
  const written = await SUBMISSION_WRITE.insertNew((sql, params) => t.dataSource.query(sql, params), {
    workspaceId,
    evaluationId,
    groupKey,
    clientId: randomUUID(),
    linkId: null,
    sessionId: null,
    channel: 'paper',
    status: fate === 'partial' ? 'partial' : 'submitted',
    locale: 'fr',
    data: {},
    answers,
    roundToDay: true,
  });
  if (!written) throw new Error('the submission was not written');
  if (fate === 'excluded') {
    await t.dataSource.query(`UPDATE submission SET excluded_at = now(), exclusion_reason = 'doublon' WHERE id = $1`, [written.id]);
  }
  return written.id;
}

/** Participation as the analysis must count it, from what was written. */
export function expectedParticipation(structure: AnalysisStructure, written: ReadonlyArray<{ groupKey: StakeholderGroupKey; fate: SubmissionFate }>): GroupParticipation[] {
  return structure.groups.map((group) => {
    const own = written.filter((w) => w.groupKey === group.groupKey);
    return {
      groupKey: group.groupKey,
      expected: group.expectedCount,
      submitted: own.filter((w) => w.fate === 'submitted').length,
      excluded: own.filter((w) => w.fate === 'excluded').length,
      partial: own.filter((w) => w.fate === 'partial').length,
    };
  });
}

const byJson = <T>(items: readonly T[]): T[] => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));

/** Counts in a canonical order, so that two sources of the same counts compare equal. */
export function sortedCounts(counts: AnalysisCounts): AnalysisCounts {
  return {
    values: byJson(counts.values),
    respondents: byJson(counts.respondents),
    participation: byJson(counts.participation),
    indicatorRespondents: byJson(counts.indicatorRespondents),
    dimensionRespondents: byJson(counts.dimensionRespondents),
  };
}

/** The payload as JSON carries it (no undefined, dates as strings). */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
