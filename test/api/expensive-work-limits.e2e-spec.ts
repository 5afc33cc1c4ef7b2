/**
 * Exports and analyses share the expensive-work limiter: on an app allowed one at a time with
 * two more waiting (EXPENSIVE_WORK_CONCURRENCY=1, EXPENSIVE_WORK_QUEUE=2), through HTTP on a real
 * PostgreSQL. The slot is held by a real export whose client stops reading: a CSV of 16,000
 * submissions, larger than what the sockets buffer, so the server waits for the client with the
 * export unfinished (the test checks it is still running before relying on it).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { compileQuestionnaire, type StakeholderGroupKey } from '#domain';
import { EXPENSIVE_WORK } from '../../apps/api/src/common/work-limiter.module.js';
import type { WorkLimiter } from '../../apps/api/src/common/work-limiter.js';
import { binaryBody as binary } from '../support/abuse.js';
import { randomAnswers, seeded, writeSubmission } from '../support/analysis.js';
import { Respondent, collectingEvaluation, expectProblem, filledData, sharedLink, socleCommun, storedSubmissions, type Socle } from '../support/collection.js';
import { createOrganization, createUser, createWorkspace, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Submissions of the large evaluation: about 8 MB of CSV, twice what the sockets of localhost hold. */
const LARGE = 16_000;
const TEMPLATES = 20;
const WAIT_SECONDS = 6;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds, for at most `ms`. */
async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`still not true after ${ms} ms: ${check.toString()}`);
    await sleep(20);
  }
}

/** A request's promise and whether it has settled yet. */
function track(promise: Promise<Response>) {
  const state: { settled: boolean; res?: Response; promise: Promise<Response> } = { settled: false, promise };
  void promise.then((res) => Object.assign(state, { settled: true, res }));
  return state;
}

/** The body of an export: the file's bytes, or the problem document of a refusal. */
function fileOrProblem(res: unknown, callback: (error: Error | null, body: unknown) => void): void {
  binary(res, (error, body) => {
    const type = String((res as http.IncomingMessage).headers['content-type'] ?? '');
    callback(error, type.startsWith('application/problem+json') ? (JSON.parse(body.toString('utf8')) as unknown) : body);
  });
}

/** Expects 503 work-queue-full with the problem shape and a Retry-After header. */
function expectThrottled(res: Response): void {
  expectProblem(res, 503, 'work-queue-full');
  expect(res.headers['retry-after']).toBe('5');
  expect(res.body).toMatchObject({ type: 'https://regards.coop/problems/work-queue-full', status: 503, retryAfterSeconds: 5 });
}

describe('expensive work limits: exports and analyses (1 at a time, 2 waiting)', () => {
  let t: TestApp;
  let limiter: WorkLimiter;
  let port: number;
  let facilitator: TestUser;
  let cookie: string;
  let socle: Socle;
  /** …/evaluations/:id of the evaluation of LARGE submissions, and of a small one */
  let large: string;
  let small: string;
  let smallId: string;
  let smallToken: string;

  /** An export of the large evaluation whose client reads the first bytes and then stops reading. */
  function stalledExport(): Promise<{ abort(): void }> {
    return new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: `/api/v1${large}/exports/submissions.csv`, headers: { cookie }, agent: false }, (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`the large export answered ${res.statusCode}`));
          return;
        }
        res.once('data', () => {
          res.pause();
          resolve({ abort: () => req.destroy() });
        });
      });
      req.on('error', () => undefined);
    });
  }

  /** Holds the only slot with a stalled export, and checks it is still unfinished a moment later. */
  async function holdSlot(): Promise<{ abort(): void }> {
    const stalled = await stalledExport();
    await sleep(500);
    expect({ running: limiter.running, queued: limiter.queued }).toEqual({ running: 1, queued: 0 });
    return stalled;
  }

  const csv = () => facilitator.client.agent.get(`/api/v1${small}/exports/submissions.csv`).buffer(true).parse(fileOrProblem);
  const xlsx = () => facilitator.client.agent.get(`/api/v1${small}/exports/submissions.xlsx`).buffer(true).parse(fileOrProblem);
  const analysis = () => facilitator.client.get(`${small}/analysis`);

  beforeAll(async () => {
    t = await startTestApp({ EXPENSIVE_WORK_CONCURRENCY: '1', EXPENSIVE_WORK_QUEUE: '2', EXPENSIVE_WORK_WAIT_SECONDS: String(WAIT_SECONDS) });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    limiter = t.app.get<WorkLimiter>(EXPENSIVE_WORK);
    facilitator = await createUser(t);
    const workspaceId = await createWorkspace(t, facilitator);
    const organizationId = await createOrganization(t, workspaceId);
    socle = await socleCommun(facilitator.client, workspaceId);
    const groups = [{ groupKey: 'staff', expectedCount: 40, anonymity: 'anonymous' as const }];

    // The large evaluation: TEMPLATES staff submissions written with the API's SQL, copied by SQL.
    const big = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, { title: 'Grande évaluation', groups });
    large = big.base;
    const questions = compileQuestionnaire({ version: { content: socle.content }, dimensionKeys: big.evaluation.dimensionKeys, customQuestions: [], group: 'staff', locale: 'fr' }).questions;
    const random = seeded(7);
    for (let i = 0; i < TEMPLATES; i += 1) await writeSubmission(t, workspaceId, big.evaluation.id, 'staff' as StakeholderGroupKey, randomAnswers(questions, random, { skip: 0.05 }));
    await t.dataSource.query(
      `WITH plan AS (
         SELECT t.id AS template_id, gen_random_uuid() AS new_id
           FROM submission t CROSS JOIN generate_series(1, $2::int) AS g
          WHERE t.evaluation_id = $1),
       s AS (
         INSERT INTO submission (id, workspace_id, evaluation_id, group_key, client_id, channel, status, locale, data, started_at, updated_at, submitted_at)
         SELECT p.new_id, t.workspace_id, t.evaluation_id, t.group_key, gen_random_uuid(), t.channel, 'submitted', t.locale, t.data, t.started_at, t.updated_at, t.submitted_at
           FROM plan p JOIN submission t ON t.id = p.template_id)
       INSERT INTO answer (submission_id, workspace_id, evaluation_id, group_key, question_key, indicator_key, part, numeric_value, choice_value, text_value, dont_know)
       SELECT p.new_id, a.workspace_id, a.evaluation_id, a.group_key, a.question_key, a.indicator_key, a.part, a.numeric_value, a.choice_value, a.text_value, a.dont_know
         FROM plan p JOIN answer a ON a.submission_id = p.template_id`,
      [big.evaluation.id, LARGE / TEMPLATES - 1],
    );

    // The small evaluation, answered through its shared link.
    const little = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, { title: 'Petite évaluation', groups });
    small = little.base;
    smallId = little.evaluation.id;
    smallToken = (await sharedLink(facilitator, small, 'staff')).token;
    const respondent = new Respondent(t);
    const survey = (await respondent.open(smallToken)).body.questionnaire as unknown;
    for (let i = 0; i < 6; i += 1) {
      const saved = await respondent.save(smallToken, randomUUID(), { data: filledData(survey, [i + 1, 4, 1, 5, 9, 2, 6]), complete: true });
      expect(saved.status).toBe(200);
    }

    // The stalled downloads log in on their own, with the facilitator's account.
    const login = await t.client().login(facilitator.email, facilitator.password);
    cookie = ([] as string[])
      .concat(login.headers['set-cookie'] ?? [])
      .map((line) => line.split(';')[0]!)
      .join('; ');
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  it('answers a burst beyond the slot and the line with 503 work-queue-full and Retry-After for the extra ones, and serves the others in full', async () => {
    const stalled = await holdSlot();
    const burst = Array.from({ length: 10 }, (_, i) => track([csv, xlsx, analysis][i % 3]!()));
    // Two wait for the slot; the eight others are refused without waiting.
    await until(() => burst.filter((r) => r.settled).length === 8 && limiter.queued === 2);
    for (const refused of burst.filter((r) => r.settled)) expectThrottled(refused.res!);

    stalled.abort();
    const answers = await Promise.all(burst.map((r) => r.promise));
    expect(answers.map((res) => res.status).sort()).toEqual([200, 200, 503, 503, 503, 503, 503, 503, 503, 503]);
    for (const res of answers.filter((r) => r.status === 200)) {
      if (res.type === 'application/json') expect(res.body).toMatchObject({ evaluationId: smallId });
      else expect((res.body as Buffer).length).toBeGreaterThan(100);
    }
    await until(() => limiter.running === 0 && limiter.queued === 0);
  });

  it('frees the slot of an export whose client goes away in the middle of the file: the next in line gets it', async () => {
    const stalled = await holdSlot();
    const next = track(csv());
    await until(() => limiter.queued === 1);
    stalled.abort();
    // Served well before its wait would have run out (then it would be a 503).
    const served = await next.promise;
    expect({ status: served.status, type: served.type }).toEqual({ status: 200, type: 'text/csv' });
    await until(() => limiter.running === 0 && limiter.queued === 0);
  });

  it('refuses a request that waited longer than EXPENSIVE_WORK_WAIT_SECONDS with 503 and Retry-After', async () => {
    const stalled = await holdSlot();
    const t0 = Date.now();
    const waited = await analysis();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(WAIT_SECONDS * 1000 - 100);
    expectThrottled(waited);
    expect(waited.body.detail).toContain(`more than ${WAIT_SECONDS} s`);
    stalled.abort();
    await until(() => limiter.running === 0);
  });

  it('takes a respondent’s submission while the exports and analyses are saturated', async () => {
    const stalled = await holdSlot();
    const waiting = [track(analysis()), track(analysis())];
    await until(() => limiter.queued === 2);
    expectThrottled(await xlsx());

    const respondent = new Respondent(t);
    const opened = await respondent.open(smallToken);
    expect(opened.status).toBe(200);
    const clientId = randomUUID();
    const data = filledData(opened.body.questionnaire, [2, 7, 1, 8, 2, 8]);
    const partial = await respondent.save(smallToken, clientId, { data: { [Object.keys(data)[0]!]: Object.values(data)[0] }, complete: false });
    expect(partial.status).toBe(200);
    const saved = await respondent.save(smallToken, clientId, { data, complete: true });
    expect({ status: saved.status, body: saved.body as unknown }).toEqual({ status: 200, body: expect.objectContaining({ clientId, status: 'submitted' }) });
    expect(limiter.queued).toBe(2);
    expect((await storedSubmissions(t, smallId, clientId)).map((s) => s.status)).toEqual(['submitted']);

    stalled.abort();
    // Served, or (on a very slow machine) refused for waiting too long: never anything else.
    for (const res of await Promise.all(waiting.map((w) => w.promise))) {
      if (res.status === 200) expect(res.body).toMatchObject({ evaluationId: smallId });
      else expectThrottled(res);
    }
    await until(() => limiter.running === 0 && limiter.queued === 0);
  });
});
