import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_RETENTION_MONTHS, PARTIAL_RETENTION_DAYS, normaliseAnswers, retentionDeadline, type Questionnaire } from '#domain';
import { PartialExpiryService } from '../../apps/api/src/modules/collection/partial-expiry.service.js';
import {
  Respondent,
  collectingEvaluation,
  expectProblem,
  filledData,
  forgetFailedLookups,
  personalLink,
  sharedLink,
  sortAnswers,
  socleCommun,
  storedAnswers,
  storedSubmissions,
  type CollectingEvaluation,
  type Socle,
} from '../support/collection.js';
import { addMember, createOrganization, createUser, createWorkspace, databaseFingerprint, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface AuditRow {
  action: string;
  actor_user_id: string | null;
  target_id: string;
  data: Record<string, unknown>;
}

const MIDNIGHT = /T00:00:00\.000Z$/;

describe('collection: the respondent’s side of links', () => {
  let t: TestApp;
  let facilitator: TestUser;
  let workspaceId: string;
  let organizationId: string;
  let socle: Socle;
  let main: CollectingEvaluation;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
    const admin = await createUser(t);
    workspaceId = await createWorkspace(t, admin, 'Réseau de la collecte');
    organizationId = await createOrganization(t, workspaceId, 'La Ressourcerie du Vallon');
    facilitator = await createUser(t);
    await addMember(t, workspaceId, facilitator, 'facilitator');
    socle = await socleCommun(facilitator.client, workspaceId);
    main = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, {
      groups: [
        { groupKey: 'staff', expectedCount: 8, anonymity: 'confidential' },
        { groupKey: 'volunteers', expectedCount: 20, anonymity: 'anonymous' },
        { groupKey: 'board', expectedCount: 5, anonymity: 'named' },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  async function questionnaire(groupKey: string, locale: 'fr' | 'en' = 'fr'): Promise<Questionnaire> {
    const res = await facilitator.client.get(`${main.base}/questionnaires/${groupKey}?locale=${locale}`);
    expect(res.status).toBe(200);
    return res.body as Questionnaire;
  }

  it('opens a personal link with the group’s questionnaire, resumes it on another device, and submits it once', async () => {
    const link = await personalLink(facilitator, main.base, 'staff', { label: 'Camille Martin', email: 'camille@example.org' });
    const spec = await questionnaire('staff');
    const phone = new Respondent(t);

    const opened = await phone.open(link.token);
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({
      evaluation: {
        title: main.evaluation.title,
        organizationName: 'La Ressourcerie du Vallon',
        opensAt: main.evaluation.opensAt,
        closesAt: main.evaluation.closesAt,
        kThreshold: 5,
        retainedUntil: retentionDeadline(new Date(main.evaluation.closesAt), DEFAULT_RETENTION_MONTHS).toISOString(),
      },
      groupKey: 'staff',
      groupLabel: { fr: 'Salarié·es', en: 'Staff' },
      anonymity: 'confidential',
      linkKind: 'personal',
      kiosk: false,
      respondentName: 'Camille Martin',
      questionnaire: spec.survey,
      submission: null,
    });
    expect((await phone.open(link.token, 'en')).body.questionnaire).toEqual((await questionnaire('staff', 'en')).survey);

    // The first page answered, saved as a partial.
    const complete = filledData(spec.survey);
    const firstPage = spec.questions.filter((q) => q.dimensionKey === spec.questions[0]!.dimensionKey).map((q) => q.key);
    const partial = Object.fromEntries(Object.entries(complete).filter(([key]) => firstPage.some((q) => key === q || key === `${q}-Comment`)));
    const clientId = randomUUID();
    const saved = await phone.save(link.token, clientId, { data: partial, complete: false });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ clientId, status: 'partial', submittedAt: null });
    const expectedPartial = normaliseAnswers(spec, partial, { checkRequired: false });
    expect(expectedPartial.ok).toBe(true);
    expect(await storedAnswers(t, main.evaluation.id, clientId)).toEqual(sortAnswers(expectedPartial.ok ? expectedPartial.answers : []));

    // The same link on a laptop: the answers so far, under the same id.
    const laptop = new Respondent(t);
    const resumed = await laptop.open(link.token);
    expect(resumed.body.submission).toEqual({ clientId, status: 'partial', data: partial, updatedAt: expect.any(String) });
    const another = await laptop.save(link.token, randomUUID(), { data: partial, complete: false });
    expectProblem(another, 409, 'link-already-used');

    const submitted = await laptop.save(link.token, clientId, { data: complete, complete: true });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toEqual({ clientId, status: 'submitted', submittedAt: expect.any(String) });
    // A retry (the answer was lost on the way) gets the same result, and nothing more is stored.
    const retry = await phone.save(link.token, clientId, { data: { ...complete }, complete: true });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(submitted.body);

    const rows = await storedSubmissions(t, main.evaluation.id, clientId);
    expect(rows).toEqual([
      expect.objectContaining({ link_id: link.id, channel: 'personal', status: 'submitted', locale: 'fr', data: complete, respondent_name: 'Camille Martin', consent_at: null }),
    ]);
    expect(rows[0]!.submitted_at!.toISOString()).toBe(submitted.body.submittedAt);
    const expected = normaliseAnswers(spec, complete);
    expect(expected.ok).toBe(true);
    expect(await storedAnswers(t, main.evaluation.id, clientId)).toEqual(sortAnswers(expected.ok ? expected.answers : []));

    // Once submitted, the link shows it, and nothing changes it any more.
    expect((await phone.open(link.token)).body.submission).toMatchObject({ clientId, status: 'submitted', data: complete });
    expectProblem(await phone.save(link.token, clientId, { data: partial, complete: false }), 409, 'already-submitted');
    expectProblem(await phone.save(link.token, clientId, { data: filledData(spec.survey, [7, 7, 2, 0, 1]), complete: true }), 409, 'already-submitted');
    expect(await storedSubmissions(t, main.evaluation.id, clientId)).toEqual(rows);
  });

  it('takes anonymous answers through a shared link: no name, every time kept to the day, resumable on the same device only', async () => {
    const link = await sharedLink(facilitator, main.base, 'volunteers');
    const spec = await questionnaire('volunteers');
    const first = new Respondent(t);
    const second = new Respondent(t);
    const opened = await first.open(link.token);
    expect(opened.body).toMatchObject({ groupKey: 'volunteers', anonymity: 'anonymous', linkKind: 'shared', respondentName: null, submission: null });

    const a = randomUUID();
    const b = randomUUID();
    const dataA = filledData(spec.survey, [1, 2, 3]);
    const dataB = filledData(spec.survey, [4, 0, 2, 2]);
    expect((await first.save(link.token, a, { data: { [spec.questions[0]!.key]: dataA[spec.questions[0]!.key] }, complete: false })).status).toBe(200);
    expect((await first.resume(link.token, a)).body).toMatchObject({ clientId: a, status: 'partial' });
    expect((await second.save(link.token, b, { data: dataB, complete: true, locale: 'en' })).body).toMatchObject({ clientId: b, status: 'submitted' });
    expect((await first.save(link.token, a, { data: dataA, complete: true })).body).toMatchObject({ clientId: a, status: 'submitted' });

    const rows = await storedSubmissions(t, main.evaluation.id);
    const mine = rows.filter((r) => r.link_id === link.id);
    expect(mine).toHaveLength(2);
    for (const row of mine) {
      expect(row).toMatchObject({ channel: 'shared', status: 'submitted', respondent_name: null, consent_at: null, entered_by: null });
      for (const at of [row.started_at, row.updated_at, row.submitted_at!]) expect(at.toISOString()).toMatch(MIDNIGHT);
    }
    expect(mine.find((r) => r.client_id === b)!.locale).toBe('en');
    // A shared link's page never shows anybody's answers; resuming needs the id this device made.
    expect((await second.open(link.token)).body.submission).toBeNull();
    expectProblem(await second.resume(link.token, randomUUID()), 404, 'not-found');
    const other = await sharedLink(facilitator, main.base, 'volunteers');
    expectProblem(await first.resume(other.token, a), 404, 'not-found');
  });

  it('caps a shared link at its maximum of submitted answers, retries included', async () => {
    const link = await sharedLink(facilitator, main.base, 'volunteers', 2);
    const spec = await questionnaire('volunteers');
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const data = filledData(spec.survey, [2, 2, 1]);
    const person = new Respondent(t);
    expect((await person.save(link.token, ids[0]!, { data, complete: true })).status).toBe(200);
    expect((await person.save(link.token, ids[1]!, { data, complete: false })).status).toBe(200);
    expect((await person.save(link.token, ids[1]!, { data, complete: true })).status).toBe(200);

    const before = await databaseFingerprint(t);
    const third = await person.save(link.token, ids[2]!, { data, complete: false });
    expectProblem(third, 410, 'link-full');
    expect(third.body.maxSubmissions).toBe(2);
    expect(await databaseFingerprint(t)).toEqual(before);
    // The two who answered still get their answer back on a retry.
    expect((await person.save(link.token, ids[0]!, { data, complete: true })).status).toBe(200);
    const counted = await t.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM submission WHERE link_id = $1`, [link.id]);
    expect(counted[0]!.n).toBe(2);
  });

  it('asks a named group for consent before submitting, and keeps the name given with it', async () => {
    const link = await sharedLink(facilitator, main.base, 'board');
    const spec = await questionnaire('board');
    const data = filledData(spec.survey, [5, 1, 0]);
    const person = new Respondent(t);
    const clientId = randomUUID();

    const before = await databaseFingerprint(t);
    const missing = await person.save(link.token, clientId, { data, complete: true });
    expectProblem(missing, 422, 'consent-required');
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'consent', code: 'consent-required' })]);
    const blank = await person.save(link.token, clientId, { data, complete: true, consent: { name: '   ' } });
    expectProblem(blank, 400, 'validation-failed');
    expect(blank.body.errors[0]).toMatchObject({ path: 'consent.name' });
    expect(await databaseFingerprint(t)).toEqual(before);

    // A partial needs no consent yet.
    expect((await person.save(link.token, clientId, { data: {}, complete: false })).status).toBe(200);
    const done = await person.save(link.token, clientId, { data, complete: true, consent: { name: 'Martine, présidente' } });
    expect(done.body).toMatchObject({ status: 'submitted' });
    const [row] = await storedSubmissions(t, main.evaluation.id, clientId);
    expect(row).toMatchObject({ respondent_name: 'Martine, présidente', channel: 'shared' });
    expect(row!.consent_at).toBeInstanceOf(Date);
    expect(row!.started_at.toISOString()).not.toMatch(MIDNIGHT);

    // Other groups are asked no name, and a name sent anyway is refused, not stored.
    const anonymous = await sharedLink(facilitator, main.base, 'volunteers');
    const refused = await person.save(anonymous.token, randomUUID(), { data: {}, complete: false, consent: { name: 'Camille' } });
    expectProblem(refused, 400, 'validation-failed');
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'consent', code: 'consent-not-asked' })]);
  });

  it('lets the facilitator type in paper questionnaires: submitted at once, required questions not enforced, idempotent, audited without the answers', async () => {
    const spec = await questionnaire('staff');
    const full = filledData(spec.survey, [0, 3, 3, 1]);
    // On paper people skip questions: keep the first two answers only.
    const data = Object.fromEntries(spec.questions.slice(0, 2).map((q) => [q.key, full[q.key]]).filter(([, value]) => value !== undefined));
    const clientId = randomUUID();
    const body = { groupKey: 'staff', clientId, data, locale: 'fr', respondentName: 'Questionnaire papier nº 12' };
    const entered = await facilitator.client.post(`${main.base}/paper-submissions`, body);
    expect(entered.status).toBe(201);
    expect(entered.body).toEqual({ id: expect.any(String), clientId, status: 'submitted' });
    const again = await facilitator.client.post(`${main.base}/paper-submissions`, body);
    expect(again.body).toEqual(entered.body);

    const [row] = await storedSubmissions(t, main.evaluation.id, clientId);
    expect(row).toMatchObject({ channel: 'paper', status: 'submitted', link_id: null, entered_by: facilitator.id, respondent_name: 'Questionnaire papier nº 12' });
    const expected = normaliseAnswers(spec, data, { checkRequired: false });
    expect(await storedAnswers(t, main.evaluation.id, clientId)).toEqual(sortAnswers(expected.ok ? expected.answers : []));

    const audit = await t.dataSource.query<AuditRow[]>(`SELECT action, actor_user_id, target_id, data FROM audit_event WHERE action = 'submission.paper-entered'`);
    expect(audit).toEqual([{ action: 'submission.paper-entered', actor_user_id: facilitator.id, target_id: entered.body.id, data: { evaluationId: main.evaluation.id, groupKey: 'staff', clientId } }]);

    const before = await databaseFingerprint(t);
    const changed = await facilitator.client.post(`${main.base}/paper-submissions`, { ...body, data: full });
    expectProblem(changed, 409, 'already-submitted');
    const named = await facilitator.client.post(`${main.base}/paper-submissions`, { groupKey: 'volunteers', clientId: randomUUID(), data: {}, locale: 'fr', respondentName: 'Camille' });
    expectProblem(named, 400, 'validation-failed');
    expect(named.body.errors).toEqual([expect.objectContaining({ path: 'respondentName', code: 'anonymous-group' })]);
    const invalid = await facilitator.client.post(`${main.base}/paper-submissions`, { groupKey: 'staff', clientId: randomUUID(), data: { q_inconnue: 3 }, locale: 'fr' });
    expectProblem(invalid, 422, 'invalid-answers');
    expect(invalid.body.errors).toEqual([expect.objectContaining({ path: 'data.q_inconnue', code: 'unknown_question' })]);
    const absent = await facilitator.client.post(`${main.base}/paper-submissions`, { groupKey: 'partners', clientId: randomUUID(), data: {}, locale: 'fr' });
    expectProblem(absent, 404, 'not-found');
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it('answers 410 collection-closed with the dates while a good link’s evaluation is not collecting', async () => {
    const draft = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, { status: 'draft', groups: [{ groupKey: 'staff', expectedCount: 3, anonymity: 'anonymous' }] });
    const link = await sharedLink(facilitator, draft.base, 'staff');
    const person = new Respondent(t);
    const closed = await person.open(link.token);
    expectProblem(closed, 410, 'collection-closed');
    expect(closed.body).toMatchObject({ opensAt: draft.evaluation.opensAt, closesAt: draft.evaluation.closesAt });
    expectProblem(await person.save(link.token, randomUUID(), { data: {}, complete: false }), 410, 'collection-closed');

    expect((await facilitator.client.post(`${draft.base}/transitions`, { to: 'collecting' })).status).toBe(200);
    expect((await person.open(link.token)).status).toBe(200);
    // Not yet open: the opening date is in the future.
    const later = new Date(Date.now() + 3 * 86_400_000).toISOString();
    expect((await facilitator.client.patch(draft.base, { opensAt: later })).status).toBe(200);
    const early = await person.open(link.token);
    expectProblem(early, 410, 'collection-closed');
    expect(early.body.opensAt).toBe(later);
    expect(early.body.detail).toContain(later);
    expect((await facilitator.client.post(`${draft.base}/transitions`, { to: 'analysing' })).status).toBe(200);
    expectProblem(await person.open(link.token), 410, 'collection-closed');
  });

  it('sees at once, on the very next save, a change of design, a pause of the collection and a revocation', async () => {
    const evaluation = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, {
      groups: [
        { groupKey: 'volunteers', expectedCount: 12, anonymity: 'anonymous' },
      ],
    });
    const link = await sharedLink(facilitator, evaluation.base, 'volunteers');
    const person = new Respondent(t);
    expect((await person.open(link.token)).status).toBe(200);
    const first = randomUUID();
    expect((await person.save(link.token, first, { data: {}, complete: false })).status).toBe(200);

    // The facilitator extends the collection: the evaluation changed, the next save is still taken.
    const later = new Date(Date.parse(evaluation.evaluation.closesAt) + 7 * 86_400_000).toISOString();
    expect((await facilitator.client.patch(evaluation.base, { closesAt: later })).status).toBe(200);
    const second = randomUUID();
    expect((await person.save(link.token, second, { data: {}, complete: false })).status).toBe(200);
    // The first one is updated in place, not duplicated.
    expect((await person.save(link.token, first, { data: {}, complete: false })).status).toBe(200);

    // Paused for analysis: refused at once, nothing written.
    expect((await facilitator.client.post(`${evaluation.base}/transitions`, { to: 'analysing' })).status).toBe(200);
    const paused = randomUUID();
    expectProblem(await person.save(link.token, paused, { data: {}, complete: false }), 410, 'collection-closed');
    expect((await facilitator.client.post(`${evaluation.base}/transitions`, { to: 'collecting' })).status).toBe(200);
    expect((await person.save(link.token, randomUUID(), { data: {}, complete: false })).status).toBe(200);

    // Revoked: refused at once, as an unknown link, nothing written.
    expect((await facilitator.client.post(`${evaluation.base}/links/${link.id}/revoke`)).status).toBe(200);
    const revoked = randomUUID();
    expectProblem(await person.save(link.token, revoked, { data: {}, complete: false }), 404, 'link-invalid');
    // Bad answers through a revoked link: the link is what is wrong.
    expectProblem(await person.save(link.token, randomUUID(), { data: { no_such_question: 1 }, complete: false }), 404, 'link-invalid');

    const rows = await storedSubmissions(t, evaluation.evaluation.id);
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => row.client_id)).not.toContain(paused);
    expect(rows.map((row) => row.client_id)).not.toContain(revoked);
    await forgetFailedLookups(t);
  });

  it('answers an unknown, overlong, revoked or expired link with the same 404, and limits failed look-ups per address only', async () => {
    await forgetFailedLookups(t);
    const person = new Respondent(t);
    const unknown = await person.open('AAAAAAAAAAAAAAAAAAAAAA');
    expectProblem(unknown, 404, 'link-invalid');
    const same = (res: { body: Record<string, unknown> }) => {
      const { instance: _instance, ...rest } = res.body;
      return rest;
    };
    expect(same(await person.open('x'.repeat(5000)))).toEqual(same(unknown));
    expect(same(await person.open('%27%20OR%201%3D1%20--'))).toEqual(same(unknown));

    const revoked = await sharedLink(facilitator, main.base, 'volunteers');
    expect((await facilitator.client.post(`${main.base}/links/${revoked.id}/revoke`)).status).toBe(200);
    expect(same(await person.open(revoked.token))).toEqual(same(unknown));
    expect(same(await person.save(revoked.token, randomUUID(), { data: {}, complete: false }))).toEqual(same(unknown));

    const ended = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, { groups: [{ groupKey: 'staff', expectedCount: 3, anonymity: 'anonymous' }] });
    const endedLink = await sharedLink(facilitator, ended.base, 'staff');
    expect((await person.open(endedLink.token)).status).toBe(200);
    await t.dataSource.query(`UPDATE evaluation SET opens_at = now() - interval '10 days', closes_at = now() - interval '1 minute' WHERE id = $1`, [ended.evaluation.id]);
    expect(same(await person.open(endedLink.token))).toEqual(same(unknown));

    // Thirty failed look-ups per address and window; then 429 with Retry-After. Good links still open.
    await forgetFailedLookups(t);
    const good = await sharedLink(facilitator, main.base, 'volunteers');
    for (let i = 0; i < 30; i += 1) expect((await person.open(`guess-${i}-xxxxxxxxxxxx`)).status).toBe(404);
    const limited = await person.open('guess-31-xxxxxxxxxxxx');
    expectProblem(limited, 429, 'too-many-attempts');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await new Respondent(t).open(good.token)).status).toBe(200);
    // No address is stored: the counter is keyed by a hash.
    const keys = await t.dataSource.query<Array<{ key: string }>>(`SELECT key FROM rate_limit_bucket WHERE key LIKE 'respond-token:%'`);
    expect(keys).toHaveLength(1);
    expect(keys[0]!.key).toMatch(/^respond-token:[0-9a-f]{32}$/);
    await forgetFailedLookups(t);
  });

  it('deletes partial submissions untouched for the retention period, with their answers, and nothing else', async () => {
    const link = await sharedLink(facilitator, main.base, 'volunteers');
    const spec = await questionnaire('volunteers');
    const data = filledData(spec.survey, [1, 1, 2]);
    const firstKey = spec.questions[0]!.key;
    const person = new Respondent(t);
    const [stale, fresh, old] = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of [stale, fresh]) expect((await person.save(link.token, id, { data: { [firstKey]: data[firstKey] }, complete: false })).status).toBe(200);
    expect((await person.save(link.token, old, { data, complete: true })).status).toBe(200);
    const setAge = (clientId: string, days: number) =>
      t.dataSource.query(`UPDATE submission SET updated_at = now() - make_interval(days => $2), started_at = now() - make_interval(days => $2) WHERE client_id = $1`, [clientId, days]);
    await setAge(stale, PARTIAL_RETENTION_DAYS + 1);
    await setAge(fresh, PARTIAL_RETENTION_DAYS - 1);
    await setAge(old, PARTIAL_RETENTION_DAYS * 3);
    const staleRow = (await storedSubmissions(t, main.evaluation.id, stale))[0]!;
    expect((await storedAnswers(t, main.evaluation.id, stale)).length).toBeGreaterThan(0);

    const deleted = await t.app.get(PartialExpiryService).purgeExpiredPartials();
    expect(deleted).toBe(1);
    expect(await storedSubmissions(t, main.evaluation.id, stale)).toEqual([]);
    expect(await t.dataSource.query(`SELECT 1 FROM answer WHERE submission_id = $1`, [staleRow.id])).toEqual([]);
    expect(await storedSubmissions(t, main.evaluation.id, fresh)).toHaveLength(1);
    expect(await storedSubmissions(t, main.evaluation.id, old)).toEqual([expect.objectContaining({ status: 'submitted' })]);
    expect(await t.app.get(PartialExpiryService).purgeExpiredPartials()).toBe(0);
  });
});
