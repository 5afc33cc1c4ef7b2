import { expect } from '@jest/globals';
import type { Response } from 'supertest';
import { Model } from 'survey-core';
import { COMMENT_SUFFIX, type FrameworkContent, type NormalisedAnswer } from '#domain';
import { fillSurvey } from '#domain/fixtures/fill-survey';
import { picker } from '#domain/fixtures/json-edit';
import type { ApiClient, TestApp } from './test-app.js';
import type { TestUser } from './factories.js';

const DAY = 86_400_000;

export interface GroupInput {
  groupKey: string;
  expectedCount: number;
  anonymity: 'anonymous' | 'confidential' | 'named';
}

export interface EvaluationBody {
  id: string;
  title: string;
  status: string;
  contentHash: string;
  dimensionKeys: string[];
  opensAt: string;
  closesAt: string;
  updatedAt: string;
  groups: GroupInput[];
}

export interface CreatedLink {
  id: string;
  groupKey: string;
  kind: 'personal' | 'shared';
  label: string | null;
  email: string | null;
  maxSubmissions: number | null;
  submitted: number;
  partial: number;
  revokedAt: string | null;
  lastSentAt: string | null;
  reminderCount: number;
  createdAt: string;
  token: string;
  path: string;
  emailed: boolean;
}

export interface Socle {
  frameworkId: string;
  versionId: string;
  content: FrameworkContent;
}

/** The socle commun every new workspace gets, read as a facilitator would. */
export async function socleCommun(client: ApiClient, workspaceId: string): Promise<Socle> {
  const frameworks = await client.get(`/workspaces/${workspaceId}/frameworks`);
  const entry = (frameworks.body as Array<{ id: string; builtinKey: string | null; latestPublished: { id: string } }>).find((f) => f.builtinKey === 'socle-commun')!;
  const version = await client.get(`/workspaces/${workspaceId}/frameworks/${entry.id}/versions/${entry.latestPublished.id}`);
  return { frameworkId: entry.id, versionId: entry.latestPublished.id, content: version.body.content as FrameworkContent };
}

export interface CollectingEvaluation {
  evaluation: EvaluationBody;
  /** …/evaluations/:evaluationId */
  base: string;
}

/**
 * An evaluation on the socle commun, open since yesterday and for a month, moved to collecting
 * (unless `status: 'draft'`), with the given groups besides the self-assessment.
 */
export async function collectingEvaluation(
  facilitator: TestUser,
  workspaceId: string,
  organizationId: string,
  socle: Socle,
  options: { groups?: GroupInput[]; title?: string; status?: 'draft' | 'collecting'; dimensionKeys?: string[]; customQuestions?: unknown[] } = {},
): Promise<CollectingEvaluation> {
  const now = Date.now();
  const path = `/workspaces/${workspaceId}/organizations/${organizationId}/evaluations`;
  const created = await facilitator.client.post(path, {
    frameworkVersionId: socle.versionId,
    title: options.title ?? 'Évaluation 2026 de la Ressourcerie',
    opensAt: new Date(now - DAY).toISOString(),
    closesAt: new Date(now + 30 * DAY).toISOString(),
    groups: options.groups ?? [],
    ...(options.dimensionKeys && { dimensionKeys: options.dimensionKeys }),
    ...(options.customQuestions && { customQuestions: options.customQuestions }),
  });
  expect({ status: created.status, body: created.body as unknown }).toEqual({ status: 201, body: expect.objectContaining({ id: expect.any(String) }) });
  const base = `${path}/${created.body.id as string}`;
  if (options.status !== 'draft') {
    const moved = await facilitator.client.post(`${base}/transitions`, { to: 'collecting' });
    expect(moved.status).toBe(200);
    return { evaluation: moved.body as EvaluationBody, base };
  }
  return { evaluation: created.body as EvaluationBody, base };
}

/** Makes links through the API and checks they were made. */
export async function makeLinks(facilitator: TestUser, base: string, body: Record<string, unknown>): Promise<CreatedLink[]> {
  const res = await facilitator.client.post(`${base}/links`, body);
  expect({ status: res.status, body: res.body as unknown }).toEqual({ status: 201, body: expect.any(Array) });
  return res.body as CreatedLink[];
}

export async function personalLink(facilitator: TestUser, base: string, groupKey: string, respondent: { label?: string; email?: string } = {}): Promise<CreatedLink> {
  const [link] = await makeLinks(facilitator, base, { groupKey, kind: 'personal', respondents: [respondent] });
  return link!;
}

export async function sharedLink(facilitator: TestUser, base: string, groupKey: string, maxSubmissions?: number): Promise<CreatedLink> {
  const [link] = await makeLinks(facilitator, base, { groupKey, kind: 'shared', ...(maxSubmissions !== undefined && { maxSubmissions }) });
  return link!;
}

export interface SaveBody {
  data: unknown;
  locale?: 'fr' | 'en';
  complete: boolean;
  consent?: { name: string };
}

/**
 * A respondent's browser: no account, the regards_csrf cookie echoed in X-CSRF-Token (the client
 * fetches it before its first write), one device per instance.
 */
export class Respondent {
  readonly client: ApiClient;

  constructor(t: TestApp) {
    this.client = t.client();
  }

  open(token: string, locale?: 'fr' | 'en'): Promise<Response> {
    return this.client.get(`/r/${token}${locale ? `?locale=${locale}` : ''}`);
  }

  resume(token: string, clientId: string): Promise<Response> {
    return this.client.get(`/r/${token}/submissions/${clientId}`);
  }

  save(token: string, clientId: string, body: SaveBody): Promise<Response> {
    return this.client.send('put', `/r/${token}/submissions/${clientId}`, { locale: 'fr', ...body });
  }

  /** A PUT whose body is sent as written (a literal NaN, 1e309, deep nesting…). */
  async saveRaw(token: string, clientId: string, body: string): Promise<Response> {
    if (this.client.csrfToken === undefined) await this.client.fetchCsrf();
    return this.client.agent
      .put(`/api/v1/r/${token}/submissions/${clientId}`)
      .set('X-CSRF-Token', this.client.csrfToken ?? '')
      .set('Content-Type', 'application/json')
      .send(body)
      .then((r) => r);
  }
}

/** Expects a problem+json answer with this status and code. */
export function expectProblem(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: (res.body as { code?: string }).code, type: res.type }).toEqual({ status, code, type: 'application/problem+json' });
  expect(typeof (res.body as { detail?: unknown }).detail).toBe('string');
}

interface StoredAnswerRow {
  question_key: string;
  indicator_key: string;
  part: 'answer' | 'why';
  numeric_value: number | null;
  choice_value: string | null;
  text_value: string | null;
  dont_know: boolean;
}

/** The answer rows stored for a submission, as NormalisedAnswer, in a stable order. */
export async function storedAnswers(t: TestApp, evaluationId: string, clientId: string): Promise<NormalisedAnswer[]> {
  const rows = await t.dataSource.query<StoredAnswerRow[]>(
    `SELECT a.question_key, a.indicator_key, a.part, a.numeric_value, a.choice_value, a.text_value, a.dont_know
       FROM answer a JOIN submission s ON s.id = a.submission_id
      WHERE s.evaluation_id = $1 AND s.client_id = $2`,
    [evaluationId, clientId],
  );
  return sortAnswers(
    rows.map((r) => ({
      questionKey: r.question_key,
      indicatorKey: r.indicator_key,
      part: r.part,
      numericValue: r.numeric_value,
      choiceValue: r.choice_value,
      textValue: r.text_value,
      dontKnow: r.dont_know,
    })),
  );
}

export function sortAnswers(answers: readonly NormalisedAnswer[]): NormalisedAnswer[] {
  const key = (a: NormalisedAnswer) => JSON.stringify([a.questionKey, a.part, a.choiceValue ?? '', a.numericValue ?? 0, a.textValue ?? '', a.dontKnow]);
  return [...answers].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export interface StoredSubmissionRow {
  id: string;
  client_id: string;
  link_id: string | null;
  channel: string;
  status: string;
  locale: string;
  data: Record<string, unknown>;
  respondent_name: string | null;
  consent_at: Date | null;
  entered_by: string | null;
  started_at: Date;
  updated_at: Date;
  submitted_at: Date | null;
}

export async function storedSubmissions(t: TestApp, evaluationId: string, clientId?: string): Promise<StoredSubmissionRow[]> {
  return t.dataSource.query<StoredSubmissionRow[]>(
    `SELECT id, client_id, link_id, channel, status, locale, data, respondent_name, consent_at, entered_by, started_at, updated_at, submitted_at
       FROM submission WHERE evaluation_id = $1 AND ($2::uuid IS NULL OR client_id = $2) ORDER BY started_at, id`,
    [evaluationId, clientId ?? null],
  );
}

/** Failed link look-ups are limited per address; tests that try many bad links start each case afresh. */
export async function forgetFailedLookups(t: TestApp): Promise<void> {
  await t.dataSource.query(`DELETE FROM rate_limit_bucket WHERE key LIKE 'respond-token:%'`);
}

/** What the browser sends: the survey's data as JSON. */
export function sent(model: Model): Record<string, unknown> {
  return JSON.parse(JSON.stringify(model.data)) as Record<string, unknown>;
}

/** A complete, valid answer to a questionnaire, filled through survey-core from these seeds. */
export function filledData(survey: unknown, seeds: readonly number[] = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9]): Record<string, unknown> {
  const model = new Model(survey);
  fillSurvey(model, picker(seeds));
  expect(model.validate(false)).toBe(true);
  return sent(model);
}

/**
 * A respondent going through the questionnaire page by page in survey-core, as the browser does:
 * the answers of each page typed in (chosen by `fillSurvey` from the seeds), the page validated,
 * then the next page. Returns the data after the first page (what the autosave sends at the
 * first page change) and the data on completion.
 */
export function answerPageByPage(survey: unknown, seeds: readonly number[]): { afterFirstPage: Record<string, unknown>; complete: Record<string, unknown>; pages: number } {
  const chosen = new Model(survey);
  fillSurvey(chosen, picker(seeds));
  const values = sent(chosen);

  const model = new Model(survey);
  expect(model.jsonErrors ?? []).toEqual([]);
  let afterFirstPage: Record<string, unknown> | undefined;
  const pages = model.visiblePages.length;
  for (let index = 0; index < pages; index += 1) {
    expect(model.currentPageNo).toBe(index);
    for (const question of model.currentPage.questions) {
      if (!question.isVisible) continue;
      if (values[question.name] !== undefined) model.setValue(question.name, values[question.name]);
      const comment = values[question.name + COMMENT_SUFFIX];
      if (typeof comment === 'string') model.setComment(question.name, comment);
    }
    expect(model.validateCurrentPage()).toBe(true);
    if (index === 0) afterFirstPage = sent(model);
    if (index < pages - 1) expect(model.nextPage()).toBe(true);
  }
  expect(model.tryComplete()).toBe(true);
  const complete = sent(model);
  expect(complete).toEqual(values);
  return { afterFirstPage: afterFirstPage!, complete, pages };
}
