import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { normaliseAnswers, type Questionnaire } from '#domain';
import {
  Respondent,
  collectingEvaluation,
  filledData,
  forgetFailedLookups,
  personalLink,
  sharedLink,
  socleCommun,
  sortAnswers,
  storedAnswers,
  storedSubmissions,
  type CollectingEvaluation,
  type CreatedLink,
  type SaveBody,
} from '../support/collection.js';
import { addMember, createOrganization, createUser, createWorkspace, databaseFingerprint, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every kind of bad input a respondent's save can carry: each gets a clear 4xx problem+json,
 * leaves every table as it was, and the server keeps answering. One row per case.
 */
interface BadSave {
  name: string;
  /** Runs before the fingerprint is taken (it may write). */
  prepare?: () => Promise<void>;
  send: () => Promise<Response>;
  status: number;
  code: string;
  /** the `errors[].path` expected, in any order (duplicates ignored) */
  paths?: string[];
  /** the `errors[].code` expected of every error */
  errorCode?: string;
}

// The socle commun's questionnaires: volunteers (anonymous) and the self-assessment (quantities, multiple choices).
const SCALE = 'q_reponse_besoins'; // 1–5, "je ne sais pas" offered
const NO_DONT_KNOW = 'q_apprentissages'; // 1–5, no "je ne sais pas"
const NO_WHY = 'q_respect_personnes'; // no "pourquoi ?" comment
const CHOICE = 'q_entraide';
const TEXT = 'q_recit_initiative'; // at most 3,000 characters
const TRIGGER = 'q_formation_benevoles';
const FOLLOW_UP = 'q_utilite_formation'; // shown only when TRIGGER is 'yes'
const QUANTITY = 'q_personnes_accueillies'; // whole number ≥ 0
const CHOICES = 'q_diversite_partenaires';

let t: TestApp;
let facilitator: TestUser;
let main: CollectingEvaluation;
let volunteers: CreatedLink;
let selfAssessment: CreatedLink;
let volunteersSpec: Questionnaire;
let valid: Record<string, unknown>;
const person = { current: undefined as unknown as Respondent };
const prepared: Record<string, string> = {};

const save = (link: () => CreatedLink, data: unknown, extra: Partial<SaveBody> = {}) => () =>
  person.current.save(link().token, randomUUID(), { data, complete: false, ...extra });
const partial = (data: unknown) => save(() => volunteers, data);
const raw = (body: string) => () => person.current.saveRaw(volunteers.token, randomUUID(), body);
function nested(depth: number, leaf: string): string {
  return '['.repeat(depth) + leaf + ']'.repeat(depth);
}

const cases: BadSave[] = [
  // Answers that are not answers to this questionnaire
  { name: 'an unknown question key', send: () => person.current.save(volunteers.token, randomUUID(), { data: { ...valid, q_inexistante: 3 }, complete: true }), status: 422, code: 'invalid-answers', paths: ['data.q_inexistante'], errorCode: 'unknown_question' },
  { name: 'a question of another group', send: partial({ [QUANTITY]: 12 }), status: 422, code: 'invalid-answers', paths: [`data.${QUANTITY}`], errorCode: 'unknown_question' },
  { name: 'a comment on a question without one', send: partial({ [`${NO_WHY}-Comment`]: 'parce que' }), status: 422, code: 'invalid-answers', paths: [`data.${NO_WHY}-Comment`], errorCode: 'comment_not_offered' },
  { name: 'an answer to a hidden question', send: partial({ [TRIGGER]: 'no', [FOLLOW_UP]: 5 }), status: 422, code: 'invalid-answers', paths: [`data.${FOLLOW_UP}`], errorCode: 'hidden_question' },
  { name: 'an answer to a question hidden because its condition is unanswered', send: partial({ [FOLLOW_UP]: 4 }), status: 422, code: 'invalid-answers', paths: [`data.${FOLLOW_UP}`], errorCode: 'hidden_question' },

  // Values out of range or not offered
  { name: 'a scale value above the scale', send: partial({ [SCALE]: 6 }), status: 422, code: 'invalid-answers', paths: [`data.${SCALE}`], errorCode: 'out_of_range' },
  { name: 'a scale value below the scale', send: partial({ [SCALE]: 0 }), status: 422, code: 'invalid-answers', paths: [`data.${SCALE}`], errorCode: 'out_of_range' },
  { name: 'a fractional scale value', send: partial({ [SCALE]: 2.5 }), status: 422, code: 'invalid-answers', paths: [`data.${SCALE}`], errorCode: 'not_integer' },
  { name: 'a negative quantity', send: save(() => selfAssessment, { [QUANTITY]: -1 }), status: 422, code: 'invalid-answers', paths: [`data.${QUANTITY}`], errorCode: 'out_of_range' },
  { name: 'a choice not offered', send: partial({ [CHOICE]: 'tous_les_jours' }), status: 422, code: 'invalid-answers', paths: [`data.${CHOICE}`], errorCode: 'choice_not_offered' },
  { name: 'a choice not offered in a multiple choice', send: save(() => selfAssessment, { [CHOICES]: ['ess', 'banques'] }), status: 422, code: 'invalid-answers', paths: [`data.${CHOICES}[1]`], errorCode: 'choice_not_offered' },
  { name: 'a choice selected twice', send: save(() => selfAssessment, { [CHOICES]: ['ess', 'ess'] }), status: 422, code: 'invalid-answers', paths: [`data.${CHOICES}[1]`], errorCode: 'duplicate_choice' },
  { name: '"je ne sais pas" where it is not offered', send: partial({ [NO_DONT_KNOW]: 'dont_know' }), status: 422, code: 'invalid-answers', paths: [`data.${NO_DONT_KNOW}`], errorCode: 'dont_know_not_offered' },

  // Wrong types
  { name: '"4" for 4', send: partial({ [SCALE]: '4' }), status: 422, code: 'invalid-answers', paths: [`data.${SCALE}`], errorCode: 'invalid_type' },
  { name: 'an array for a scale value', send: partial({ [SCALE]: [4] }), status: 422, code: 'invalid-answers', paths: [`data.${SCALE}`], errorCode: 'invalid_type' },
  { name: 'an array for a single choice', send: partial({ [CHOICE]: ['souvent'] }), status: 422, code: 'invalid-answers', paths: [`data.${CHOICE}`], errorCode: 'invalid_type' },
  { name: 'a single value for a multiple choice', send: save(() => selfAssessment, { [CHOICES]: 'ess' }), status: 422, code: 'invalid-answers', paths: [`data.${CHOICES}`], errorCode: 'invalid_type' },
  { name: 'an object for a text', send: partial({ [TEXT]: { fr: 'une histoire' } }), status: 422, code: 'invalid-answers', paths: [`data.${TEXT}`], errorCode: 'invalid_type' },
  { name: 'a boolean for a yes/no question', send: partial({ [TRIGGER]: true }), status: 422, code: 'invalid-answers', paths: [`data.${TRIGGER}`], errorCode: 'invalid_type' },
  { name: 'a literal NaN', send: raw(`{"data":{"${SCALE}":NaN},"locale":"fr","complete":false}`), status: 400, code: 'malformed-json' },
  { name: '1e309 (Infinity once parsed)', send: raw(`{"data":{"${SCALE}":1e309},"locale":"fr","complete":false}`), status: 422, code: 'invalid-answers', paths: [`data.${SCALE}`], errorCode: 'not_finite' },
  { name: '-1e309 for a quantity', send: () => person.current.saveRaw(selfAssessment.token, randomUUID(), `{"data":{"${QUANTITY}":-1e309},"locale":"fr","complete":false}`), status: 422, code: 'invalid-answers', paths: [`data.${QUANTITY}`], errorCode: 'not_finite' },
  { name: 'several wrong answers at once, each named', send: partial({ [SCALE]: '5', [CHOICE]: 'jamais_de_la_vie', q_x: 1 }), status: 422, code: 'invalid-answers', paths: [`data.${SCALE}`, `data.${CHOICE}`, 'data.q_x'] },

  // Texts
  { name: 'a 10 MB text answer', send: partial({ [TEXT]: 'x'.repeat(10 * 1024 * 1024) }), status: 413, code: 'payload-too-large' },
  { name: 'a text over its maximum length', send: partial({ [TEXT]: 'é'.repeat(3001) }), status: 422, code: 'invalid-answers', paths: [`data.${TEXT}`], errorCode: 'text_too_long' },
  { name: '\\u0000 in a text', send: partial({ [TEXT]: 'Une histoire\u0000 cachée' }), status: 422, code: 'invalid-answers', paths: [`data.${TEXT}`], errorCode: 'nul_character' },
  { name: '\\u0000 in a "pourquoi ?" comment', send: partial({ [SCALE]: 4, [`${SCALE}-Comment`]: '\u0000' }), status: 422, code: 'invalid-answers', paths: [`data.${SCALE}-Comment`], errorCode: 'nul_character' },
  { name: 'an unpaired surrogate in a text', send: partial({ [TEXT]: 'moitié \ud800 de caractère' }), status: 422, code: 'invalid-answers', paths: [`data.${TEXT}`], errorCode: 'invalid_unicode' },
  { name: '\\u0000 in a question key', send: partial({ 'q_\u0000': 1 }), status: 422, code: 'invalid-answers', errorCode: 'unknown_question' },

  // Structure
  { name: 'JSON nested 10,000 levels deep', send: raw(`{"data":{"${SCALE}":${nested(10_000, '4')}},"locale":"fr","complete":false}`), status: 400, code: 'validation-failed', paths: ['data'], errorCode: 'too-deep' },
  { name: 'a __proto__ key in the answers', send: raw(`{"data":{"__proto__":{"polluted":"yes"}},"locale":"fr","complete":false}`), status: 400, code: 'validation-failed', paths: ['data.__proto__'], errorCode: 'unknown-field' },
  { name: 'a constructor.prototype key in the answers', send: raw(`{"data":{"constructor":{"prototype":{"polluted":"yes"}}},"locale":"fr","complete":false}`), status: 400, code: 'validation-failed', paths: ['data.constructor'], errorCode: 'unknown-field' },
  { name: 'a __proto__ key beside the answers', send: raw(`{"data":{},"locale":"fr","complete":false,"__proto__":{"complete":true}}`), status: 400, code: 'validation-failed', paths: ['__proto__'], errorCode: 'unknown-field' },
  { name: 'answers as an array', send: partial([4, 5]), status: 400, code: 'validation-failed', paths: ['data'] },
  { name: 'answers as a string', send: partial('q_reponse_besoins=4'), status: 400, code: 'validation-failed', paths: ['data'] },
  { name: 'no answers at all', send: () => person.current.client.send('put', `/r/${volunteers.token}/submissions/${randomUUID()}`, { locale: 'fr', complete: false }), status: 400, code: 'validation-failed', paths: ['data'] },
  { name: '"true" for complete', send: () => person.current.client.send('put', `/r/${volunteers.token}/submissions/${randomUUID()}`, { data: {}, locale: 'fr', complete: 'true' }), status: 400, code: 'validation-failed', paths: ['complete'] },
  { name: 'a locale other than fr and en', send: save(() => volunteers, {}, { locale: 'de' as 'fr' }), status: 400, code: 'validation-failed', paths: ['locale'] },
  { name: 'a status smuggled beside the answers', send: () => person.current.client.send('put', `/r/${volunteers.token}/submissions/${randomUUID()}`, { data: valid, locale: 'fr', complete: false, status: 'submitted', respondentName: 'X' }), status: 400, code: 'validation-failed', paths: ['status', 'respondentName'], errorCode: 'unknown-field' },
  { name: 'a client id that is not a UUID', send: () => person.current.save(volunteers.token, "1' OR '1'='1", { data: {}, complete: false }), status: 400, code: 'invalid-id', paths: ['params.clientId'] },
  { name: 'required questions left out of a submission', send: () => person.current.save(volunteers.token, randomUUID(), { data: {}, complete: true }), status: 422, code: 'invalid-answers', errorCode: 'required' },
  { name: 'a text/plain body', send: () => person.current.client.agent.put(`/api/v1/r/${volunteers.token}/submissions/${randomUUID()}`).set('X-CSRF-Token', person.current.client.csrfToken ?? '').set('Content-Type', 'text/plain').send('q=4').then((r) => r), status: 415, code: 'unsupported-media-type' },
  { name: 'a save without the CSRF token', send: () => person.current.client.agent.put(`/api/v1/r/${volunteers.token}/submissions/${randomUUID()}`).send({ data: {}, locale: 'fr', complete: false }).then((r) => r), status: 403, code: 'csrf-failed' },

  // Links that may not take answers
  {
    name: 'a save to a closed evaluation',
    prepare: async () => {
      const closed = await collectingEvaluation(facilitator, ids.workspaceId, ids.organizationId, ids.socle, { groups: [{ groupKey: 'volunteers', expectedCount: 5, anonymity: 'anonymous' }] });
      prepared['closed'] = (await sharedLink(facilitator, closed.base, 'volunteers')).token;
      for (const to of ['analysing', 'reporting', 'closed']) expect((await facilitator.client.post(`${closed.base}/transitions`, { to })).status).toBe(200);
    },
    send: () => person.current.save(prepared['closed']!, randomUUID(), { data: valid, complete: true }),
    status: 404,
    code: 'link-invalid',
  },
  {
    name: 'a save while the answers are analysed',
    prepare: async () => {
      const paused = await collectingEvaluation(facilitator, ids.workspaceId, ids.organizationId, ids.socle, { groups: [{ groupKey: 'volunteers', expectedCount: 5, anonymity: 'anonymous' }] });
      prepared['paused'] = (await sharedLink(facilitator, paused.base, 'volunteers')).token;
      expect((await facilitator.client.post(`${paused.base}/transitions`, { to: 'analysing' })).status).toBe(200);
    },
    send: () => person.current.save(prepared['paused']!, randomUUID(), { data: valid, complete: true }),
    status: 410,
    code: 'collection-closed',
  },
  {
    name: 'a save through a revoked link',
    prepare: async () => {
      const link = await sharedLink(facilitator, main.base, 'volunteers');
      expect((await facilitator.client.post(`${main.base}/links/${link.id}/revoke`)).status).toBe(200);
      prepared['revoked'] = link.token;
    },
    send: () => person.current.save(prepared['revoked']!, randomUUID(), { data: valid, complete: true }),
    status: 404,
    code: 'link-invalid',
  },
  { name: 'a save through an unknown link', send: () => person.current.save('AAAAAAAAAAAAAAAAAAAAAA', randomUUID(), { data: valid, complete: true }), status: 404, code: 'link-invalid' },
  {
    name: 'a client id already used through another link of the evaluation',
    prepare: async () => {
      const other = await sharedLink(facilitator, main.base, 'volunteers');
      prepared['taken'] = randomUUID();
      expect((await person.current.save(other.token, prepared['taken'], { data: { [SCALE]: 3 }, complete: false })).status).toBe(200);
    },
    send: () => person.current.save(volunteers.token, prepared['taken']!, { data: valid, complete: true }),
    status: 409,
    code: 'client-id-conflict',
  },
  {
    name: 'a client id already used by a paper questionnaire',
    prepare: async () => {
      prepared['paper'] = randomUUID();
      expect((await facilitator.client.post(`${main.base}/paper-submissions`, { groupKey: 'volunteers', clientId: prepared['paper'], data: {}, locale: 'fr' })).status).toBe(201);
    },
    send: () => person.current.save(volunteers.token, prepared['paper']!, { data: valid, complete: true }),
    status: 409,
    code: 'client-id-conflict',
  },
  {
    name: 'a second respondent on a personal link',
    prepare: async () => {
      const link = await personalLink(facilitator, main.base, 'volunteers');
      prepared['personal'] = link.token;
      expect((await person.current.save(link.token, randomUUID(), { data: { [SCALE]: 2 }, complete: false })).status).toBe(200);
    },
    send: () => person.current.save(prepared['personal']!, randomUUID(), { data: valid, complete: true }),
    status: 409,
    code: 'link-already-used',
  },
  {
    name: 'a partial save on a submitted link (resuming it)',
    prepare: async () => {
      const link = await personalLink(facilitator, main.base, 'volunteers');
      prepared['submittedLink'] = link.token;
      prepared['submittedId'] = randomUUID();
      expect((await person.current.save(link.token, prepared['submittedId'], { data: valid, complete: true })).status).toBe(200);
    },
    send: () => person.current.save(prepared['submittedLink']!, prepared['submittedId']!, { data: valid, complete: false }),
    status: 409,
    code: 'already-submitted',
  },
  {
    name: 'consent given in an anonymous group',
    send: () => person.current.save(volunteers.token, randomUUID(), { data: valid, complete: true, consent: { name: 'Camille' } }),
    status: 400,
    code: 'validation-failed',
    paths: ['consent'],
    errorCode: 'consent-not-asked',
  },
];

const ids = { workspaceId: '', organizationId: '', socle: undefined as unknown as Awaited<ReturnType<typeof socleCommun>> };

describe('collection: bad input from respondents', () => {
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
    const admin = await createUser(t);
    ids.workspaceId = await createWorkspace(t, admin, 'Réseau des mauvaises réponses');
    ids.organizationId = await createOrganization(t, ids.workspaceId, 'La Ressourcerie');
    facilitator = await createUser(t);
    await addMember(t, ids.workspaceId, facilitator, 'facilitator');
    ids.socle = await socleCommun(facilitator.client, ids.workspaceId);
    main = await collectingEvaluation(facilitator, ids.workspaceId, ids.organizationId, ids.socle, {
      groups: [{ groupKey: 'volunteers', expectedCount: 20, anonymity: 'anonymous' }],
    });
    volunteers = await sharedLink(facilitator, main.base, 'volunteers');
    selfAssessment = await sharedLink(facilitator, main.base, 'self_assessment');
    volunteersSpec = (await facilitator.client.get(`${main.base}/questionnaires/volunteers`)).body as Questionnaire;
    const selfSpec = (await facilitator.client.get(`${main.base}/questionnaires/self_assessment`)).body as Questionnaire;
    // The cases name questions of the shipped socle commun; fail here, clearly, if it changes.
    const kinds = (spec: Questionnaire) => Object.fromEntries(spec.questions.map((q) => [q.key, q.answer.kind]));
    expect(kinds(volunteersSpec)).toMatchObject({ [SCALE]: 'scale', [NO_DONT_KNOW]: 'scale', [CHOICE]: 'single_choice', [TEXT]: 'text', [TRIGGER]: 'yes_no', [FOLLOW_UP]: 'scale' });
    expect(volunteersSpec.questions.find((q) => q.key === NO_WHY)?.why).toBe(false);
    expect(volunteersSpec.questions.find((q) => q.key === NO_DONT_KNOW)?.dontKnow).toBe(false);
    expect(kinds(selfSpec)).toMatchObject({ [QUANTITY]: 'quantity', [CHOICES]: 'multiple_choice' });
    valid = filledData(volunteersSpec.survey);
    person.current = new Respondent(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(cases)('refuses $name', async (c) => {
    await c.prepare?.();
    await forgetFailedLookups(t);
    const before = await databaseFingerprint(t);

    const res = await c.send();

    expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status: c.status, code: c.code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: `https://regards.coop/problems/${c.code}`, title: expect.any(String), status: c.status, detail: expect.any(String) });
    if (c.paths) {
      const errors = res.body.errors as Array<{ path: string; code: string; message: string }>;
      expect([...new Set(errors.map((e) => e.path))].sort()).toEqual([...c.paths].sort());
    }
    if (c.errorCode) {
      const errors = res.body.errors as Array<{ path: string; code: string; message: string }>;
      expect(errors.length).toBeGreaterThan(0);
      for (const e of errors) expect({ path: e.path, code: e.code, message: typeof e.message }).toEqual({ path: e.path, code: c.errorCode, message: 'string' });
    }
    expect(await databaseFingerprint(t)).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('complete');
    // Still answering, the good link too.
    expect((await new Respondent(t).open(volunteers.token)).status).toBe(200);
  });

  it('makes one submission of two concurrent saves with the same id, and both get the same answer', async () => {
    const clientId = randomUUID();
    const [a, b] = await Promise.all([
      new Respondent(t).save(volunteers.token, clientId, { data: valid, complete: true }),
      new Respondent(t).save(volunteers.token, clientId, { data: valid, complete: true }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body).toEqual(b.body);
    expect(a.body).toMatchObject({ clientId, status: 'submitted' });
    expect(await storedSubmissions(t, main.evaluation.id, clientId)).toHaveLength(1);
    const expected = normaliseAnswers(volunteersSpec, valid);
    expect(await storedAnswers(t, main.evaluation.id, clientId)).toEqual(sortAnswers(expected.ok ? expected.answers : []));

    // Concurrent autosaves of one partial: one row, and the answer rows of the data it holds, never both sets.
    const partialId = randomUUID();
    const first = { [SCALE]: 2, [CHOICE]: 'rarement' };
    const second = { [SCALE]: 5, [TRIGGER]: 'yes', [FOLLOW_UP]: 4 };
    const saves = await Promise.all(
      Array.from({ length: 6 }, (_, i) => new Respondent(t).save(volunteers.token, partialId, { data: i % 2 === 0 ? first : second, complete: false })),
    );
    expect(saves.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const rows = await storedSubmissions(t, main.evaluation.id, partialId);
    expect(rows).toHaveLength(1);
    const kept = normaliseAnswers(volunteersSpec, rows[0]!.data, { checkRequired: false });
    expect(await storedAnswers(t, main.evaluation.id, partialId)).toEqual(sortAnswers(kept.ok ? kept.answers : []));
  });

  it('keeps a client id used in one evaluation untouched when it is sent through another evaluation’s link', async () => {
    const clientId = randomUUID();
    expect((await person.current.save(volunteers.token, clientId, { data: { [SCALE]: 1 }, complete: false })).status).toBe(200);
    const inA = await storedSubmissions(t, main.evaluation.id, clientId);
    const answersInA = await storedAnswers(t, main.evaluation.id, clientId);

    const other = await collectingEvaluation(facilitator, ids.workspaceId, ids.organizationId, ids.socle, { groups: [{ groupKey: 'volunteers', expectedCount: 5, anonymity: 'anonymous' }] });
    const linkB = await sharedLink(facilitator, other.base, 'volunteers');
    const inB = await person.current.save(linkB.token, clientId, { data: valid, complete: true });
    expect(inB.status).toBe(200);
    expect(await storedSubmissions(t, main.evaluation.id, clientId)).toEqual(inA);
    expect(await storedAnswers(t, main.evaluation.id, clientId)).toEqual(answersInA);
    expect(await storedSubmissions(t, other.evaluation.id, clientId)).toEqual([expect.objectContaining({ link_id: linkB.id, status: 'submitted' })]);
    // Nor can B's link read what A stored under that id.
    expect((await person.current.resume(linkB.token, clientId)).body).toMatchObject({ status: 'submitted', data: valid });
    expect((await person.current.resume(volunteers.token, clientId)).body).toMatchObject({ status: 'partial', data: { [SCALE]: 1 } });
  });

  it('shows a resumed, submitted personal link as submitted, and refuses changes to it', async () => {
    const link = await personalLink(facilitator, main.base, 'volunteers');
    const clientId = randomUUID();
    expect((await person.current.save(link.token, clientId, { data: valid, complete: true })).status).toBe(200);
    const elsewhere = new Respondent(t);
    const opened = await elsewhere.open(link.token);
    expect(opened.body.submission).toMatchObject({ clientId, status: 'submitted', data: valid });
    const before = await databaseFingerprint(t);
    const again = await elsewhere.save(link.token, clientId, { data: { [SCALE]: 1 }, complete: false });
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'already-submitted' });
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it('still answers every kind of request after all that', async () => {
    const clientId = randomUUID();
    const res = await new Respondent(t).save(volunteers.token, clientId, { data: valid, complete: true });
    expect(res.body).toMatchObject({ clientId, status: 'submitted' });
    expect((await t.client().get('/health/ready')).status).toBe(200);
    expect((await facilitator.client.get(`${main.base}/collection`)).status).toBe(200);
  });
});
