import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Model } from 'survey-core';
import { STAKEHOLDER_GROUP_KEYS, type FrameworkContent, type Questionnaire } from '#domain';
import { addMember, addOrganizationMember, createOrganization, createUser, createWorkspace, databaseFingerprint, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface GroupBody {
  groupKey: string;
  expectedCount: number;
  anonymity: string;
}
interface EvaluationBody {
  id: string;
  organizationId: string;
  frameworkId: string;
  frameworkVersionId: string;
  frameworkVersionNumber: number;
  contentHash: string;
  title: string;
  dimensionKeys: string[];
  customQuestions: Array<{ dimensionKey: string; indicator: { key: string } }>;
  opensAt: string;
  closesAt: string;
  kThreshold: number;
  status: string;
  allowedTransitions: string[];
  groups: GroupBody[];
  createdBy: string | null;
}
interface AuditRow {
  action: string;
  actor_user_id: string | null;
  data: Record<string, unknown>;
}

const OPENS = '2026-05-04T08:00:00.000Z';
const CLOSES = '2026-06-30T21:59:59.000Z';
const LIEN_SOCIAL = 'lien_social_democratie';
const ECONOMIE = 'utilite_economique';

/** A question of the organization's own, asked of staff and in the self-assessment. */
function customQuestion(key = 'repas_partages', dimensionKey = LIEN_SOCIAL): Record<string, unknown> {
  return {
    dimensionKey,
    indicator: {
      key,
      title: { fr: 'Repas partagés', en: 'Shared meals' },
      level: 'realisation',
      kind: 'yes_no',
      scoring: { rule: 'yes_no', yes: 100, no: 0 },
      dontKnow: 'excluded',
      questions: [
        {
          key: `q_${key}`,
          audiences: ['self_assessment', 'staff'],
          wording: {
            self_assessment: { fr: 'La structure organise-t-elle des repas partagés\u202f?', en: 'Does the organization hold shared meals?' },
            staff: { fr: 'Partagez-vous des repas avec les bénévoles\u202f?', en: 'Do you share meals with volunteers?' },
          },
          required: false,
        },
      ],
    },
  };
}

describe('evaluations', () => {
  let t: TestApp;
  let admin: TestUser;
  let facilitator: TestUser;
  let viewer: TestUser;
  let contact: TestUser;
  let board: TestUser;
  let workspaceId: string;
  let organizationId: string;
  let base: string;
  let socle: { frameworkId: string; versionId: string; content: FrameworkContent };

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
    admin = await createUser(t);
    workspaceId = await createWorkspace(t, admin, 'Réseau des évaluations');
    organizationId = await createOrganization(t, workspaceId, 'La Ressourcerie du Vallon');
    facilitator = await createUser(t);
    await addMember(t, workspaceId, facilitator, 'facilitator');
    viewer = await createUser(t);
    await addMember(t, workspaceId, viewer, 'viewer');
    contact = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
    board = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, board, 'board');
    base = `/workspaces/${workspaceId}/organizations/${organizationId}/evaluations`;

    const frameworks = await admin.client.get(`/workspaces/${workspaceId}/frameworks`);
    const entry = (frameworks.body as Array<{ id: string; builtinKey: string | null; latestPublished: { id: string } }>).find((f) => f.builtinKey === 'socle-commun')!;
    const version = await admin.client.get(`/workspaces/${workspaceId}/frameworks/${entry.id}/versions/${entry.latestPublished.id}`);
    socle = { frameworkId: entry.id, versionId: entry.latestPublished.id, content: version.body.content as FrameworkContent };
  });
  afterAll(async () => {
    await t.close();
  });

  async function create(body: Record<string, unknown> = {}, who: TestUser = facilitator): Promise<EvaluationBody> {
    const res = await who.client.post(base, { frameworkVersionId: socle.versionId, title: 'Évaluation 2026', opensAt: OPENS, closesAt: CLOSES, ...body });
    expect({ status: res.status, body: res.body as unknown }).toEqual({ status: 201, body: expect.anything() });
    return res.body as EvaluationBody;
  }

  async function moveTo(evaluation: EvaluationBody, ...statuses: string[]): Promise<void> {
    for (const to of statuses) {
      const res = await facilitator.client.post(`${base}/${evaluation.id}/transitions`, { to });
      expect({ to, status: res.status }).toEqual({ to, status: 200 });
    }
  }

  function auditOf(evaluationId: string, action: string): Promise<AuditRow[]> {
    return t.dataSource.query<AuditRow[]>(
      `SELECT action, actor_user_id, data FROM audit_event WHERE target_type = 'evaluation' AND target_id = $1 AND action = $2 ORDER BY created_at, id`,
      [evaluationId, action],
    );
  }

  it('creates a draft on a published version, with every dimension and the self-assessment by default, and reads and lists it', async () => {
    const created = await create();
    expect(created).toMatchObject({
      organizationId,
      frameworkId: socle.frameworkId,
      frameworkVersionId: socle.versionId,
      frameworkVersionNumber: 1,
      title: 'Évaluation 2026',
      dimensionKeys: socle.content.dimensions.map((d) => d.key),
      customQuestions: [],
      opensAt: OPENS,
      closesAt: CLOSES,
      kThreshold: 5,
      retentionMonths: 12,
      retainedUntil: '2027-06-30T21:59:59.000Z',
      purgedAt: null,
      status: 'draft',
      allowedTransitions: ['collecting'],
      groups: [{ groupKey: 'self_assessment', expectedCount: 1, anonymity: 'confidential' }],
      createdBy: facilitator.id,
    });
    expect(created.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const chosen = await create({
      title: 'Évaluation ciblée',
      dimensionKeys: [LIEN_SOCIAL, ECONOMIE],
      kThreshold: 7,
      groups: [
        { groupKey: 'volunteers', expectedCount: 12, anonymity: 'anonymous' },
        { groupKey: 'staff', expectedCount: 8, anonymity: 'anonymous' },
      ],
    });
    expect(chosen.dimensionKeys).toEqual([LIEN_SOCIAL, ECONOMIE]);
    expect(chosen.kThreshold).toBe(7);
    expect(chosen.groups.map((g) => g.groupKey)).toEqual(['self_assessment', 'staff', 'volunteers']);

    const read = await viewer.client.get(`${base}/${chosen.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(chosen);
    const list = await viewer.client.get(base);
    expect(list.status).toBe(200);
    expect((list.body as EvaluationBody[]).map((e) => e.id)).toEqual(expect.arrayContaining([created.id, chosen.id]));
    expect((await viewer.client.post(base, { frameworkVersionId: socle.versionId, title: 'x', opensAt: OPENS, closesAt: CLOSES })).status).toBe(403);
  });

  it('refuses to pin a draft version or another workspace’s version, with a clear error and nothing written', async () => {
    const draft = await admin.client.post(`/workspaces/${workspaceId}/frameworks`, { name: 'Référentiel en chantier' });
    expect(draft.status).toBe(201);
    const other = await createUser(t);
    const otherWorkspace = await createWorkspace(t, other, 'Réseau voisin');
    const otherFrameworks = await other.client.get(`/workspaces/${otherWorkspace}/frameworks`);
    const otherVersionId = (otherFrameworks.body as Array<{ latestPublished: { id: string } }>)[0]!.latestPublished.id;

    const before = await databaseFingerprint(t);
    const pinnedDraft = await facilitator.client.post(base, { frameworkVersionId: draft.body.draft.id, title: 'x', opensAt: OPENS, closesAt: CLOSES });
    expect(pinnedDraft.status).toBe(400);
    expect(pinnedDraft.body.errors).toEqual([expect.objectContaining({ path: 'frameworkVersionId', code: 'not-published' })]);
    expect(pinnedDraft.body.errors[0].message).toContain('Référentiel en chantier');
    expect(pinnedDraft.body.errors[0].message).toContain('publish it first');

    const foreign = await facilitator.client.post(base, { frameworkVersionId: otherVersionId, title: 'x', opensAt: OPENS, closesAt: CLOSES });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ path: 'frameworkVersionId', code: 'not-found' })]);
    // The same answer as for an id that exists nowhere: another network's version does not leak.
    const unknown = await facilitator.client.post(base, { frameworkVersionId: '00000000-0000-4000-8000-000000000000', title: 'x', opensAt: OPENS, closesAt: CLOSES });
    expect(unknown.body.errors).toEqual(foreign.body.errors);
    expect(await databaseFingerprint(t)).toEqual(before);

    const evaluation = await create();
    const repin = await facilitator.client.patch(`${base}/${evaluation.id}`, { frameworkVersionId: otherVersionId });
    expect(repin.status).toBe(400);
    expect(repin.body.errors[0].path).toBe('frameworkVersionId');

    // Once published, the version can be pinned instead, with dimensions it has.
    const published = await admin.client.post(`/workspaces/${workspaceId}/frameworks/${draft.body.id}/versions/${draft.body.draft.id}/publish`);
    expect(published.status).toBe(200);
    const keepsOldDimensions = await facilitator.client.patch(`${base}/${evaluation.id}`, { frameworkVersionId: draft.body.draft.id });
    expect(keepsOldDimensions.status).toBe(400);
    expect(keepsOldDimensions.body.errors[0]).toMatchObject({ path: 'dimensionKeys[0]', code: 'unknown_dimension' });
    const repinned = await facilitator.client.patch(`${base}/${evaluation.id}`, { frameworkVersionId: draft.body.draft.id, dimensionKeys: ['dimension_1'] });
    expect(repinned.status).toBe(200);
    expect(repinned.body).toMatchObject({ frameworkId: draft.body.id, frameworkVersionId: draft.body.draft.id, dimensionKeys: ['dimension_1'] });
    expect(repinned.body.contentHash).toBe(published.body.version.contentHash);
    expect(repinned.body.contentHash).not.toBe(evaluation.contentHash);
  });

  it('refuses unknown or repeated dimension keys with their path, and bad fields of the request', async () => {
    const before = await databaseFingerprint(t);
    const res = await facilitator.client.post(base, {
      frameworkVersionId: socle.versionId,
      title: 'x',
      opensAt: OPENS,
      closesAt: CLOSES,
      dimensionKeys: [LIEN_SOCIAL, 'gouvernance', LIEN_SOCIAL],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ path: 'dimensionKeys[1]', code: 'unknown_dimension' }),
      expect.objectContaining({ path: 'dimensionKeys[2]', code: 'duplicate_key' }),
    ]);
    expect(res.body.errors[0].message).toContain(LIEN_SOCIAL);

    const empty = await facilitator.client.post(base, { frameworkVersionId: socle.versionId, title: 'x', opensAt: OPENS, closesAt: CLOSES, dimensionKeys: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe('dimensionKeys');

    const badDates = await facilitator.client.post(base, { frameworkVersionId: socle.versionId, title: 'x', opensAt: CLOSES, closesAt: OPENS });
    expect(badDates.status).toBe(400);
    expect(badDates.body.errors).toEqual([expect.objectContaining({ path: 'closesAt', code: 'closes-before-opens' })]);

    const junk = await facilitator.client.post(base, {
      frameworkVersionId: 'nope',
      title: '',
      opensAt: 'demain',
      closesAt: CLOSES,
      status: 'closed',
      groups: [{ groupKey: 'everyone', expectedCount: -1, anonymity: 'public' }],
    });
    expect(junk.status).toBe(400);
    const paths = (junk.body.errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['frameworkVersionId', 'title', 'opensAt', 'status', 'groups[0].groupKey', 'groups[0].expectedCount', 'groups[0].anonymity']),
    );
    const twice = await facilitator.client.post(base, {
      frameworkVersionId: socle.versionId,
      title: 'x',
      opensAt: OPENS,
      closesAt: CLOSES,
      groups: [
        { groupKey: 'staff', expectedCount: 1, anonymity: 'anonymous' },
        { groupKey: 'staff', expectedCount: 2, anonymity: 'anonymous' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([expect.objectContaining({ path: 'groups[1].groupKey', code: 'duplicate_key' })]);
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it('refuses invalid custom questions with customQuestions[0]… paths and writes nothing', async () => {
    const evaluation = await create({ dimensionKeys: [LIEN_SOCIAL] });
    const broken = customQuestion();
    const indicator = broken['indicator'] as Record<string, unknown>;
    indicator['key'] = 'Pas Une Clé';
    indicator['kind'] = 'opinion';
    const reused = customQuestion('autre');
    ((reused['indicator'] as { questions: Array<Record<string, unknown>> }).questions[0]!)['key'] = 'q_rencontres';

    const before = await databaseFingerprint(t);
    const created = await facilitator.client.post(base, {
      frameworkVersionId: socle.versionId,
      title: 'x',
      opensAt: OPENS,
      closesAt: CLOSES,
      dimensionKeys: [LIEN_SOCIAL],
      customQuestions: [broken, reused],
    });
    expect(created.status).toBe(400);
    const paths = (created.body.errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['customQuestions[0].indicator.key', 'customQuestions[0].indicator.kind', 'customQuestions[1].indicator.questions[0].key']));
    expect(paths.every((p) => p.startsWith('customQuestions['))).toBe(true);

    const patched = await facilitator.client.patch(`${base}/${evaluation.id}`, { customQuestions: [broken] });
    expect(patched.status).toBe(400);
    expect((patched.body.errors as Array<{ path: string }>).map((e) => e.path)).toEqual(expect.arrayContaining(['customQuestions[0].indicator.key']));

    // A valid question, but on a dimension the evaluation did not keep: it would never be asked.
    const elsewhere = await facilitator.client.patch(`${base}/${evaluation.id}`, { customQuestions: [customQuestion('repas', ECONOMIE)] });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.errors).toEqual([expect.objectContaining({ path: 'customQuestions[0].dimensionKey', code: 'dimension_not_chosen' })]);
    expect(await databaseFingerprint(t)).toEqual(before);

    const accepted = await facilitator.client.patch(`${base}/${evaluation.id}`, { customQuestions: [customQuestion()] });
    expect(accepted.status).toBe(200);
    expect(accepted.body.customQuestions).toEqual([customQuestion()]);
    // Dropping the dimension its question sits on is refused until the question goes too.
    const drop = await facilitator.client.patch(`${base}/${evaluation.id}`, { dimensionKeys: [ECONOMIE] });
    expect(drop.status).toBe(400);
    expect(drop.body.errors[0].path).toBe('customQuestions[0].dimensionKey');
  });

  it('refuses k below 3, through the API and in the database', async () => {
    const before = await databaseFingerprint(t);
    const low = await facilitator.client.post(base, { frameworkVersionId: socle.versionId, title: 'x', opensAt: OPENS, closesAt: CLOSES, kThreshold: 2 });
    expect(low.status).toBe(400);
    expect(low.body.errors).toEqual([expect.objectContaining({ path: 'kThreshold', code: 'min' })]);
    expect(low.body.errors[0].message).toContain('at least 3');
    const text = await facilitator.client.post(base, { frameworkVersionId: socle.versionId, title: 'x', opensAt: OPENS, closesAt: CLOSES, kThreshold: '5' });
    expect(text.status).toBe(400);
    expect(await databaseFingerprint(t)).toEqual(before);

    const evaluation = await create({ kThreshold: 3 });
    expect(evaluation.kThreshold).toBe(3);
    expect((await facilitator.client.patch(`${base}/${evaluation.id}`, { kThreshold: 1 })).status).toBe(400);
    await expect(t.dataSource.query(`UPDATE evaluation SET k_threshold = 2 WHERE id = $1`, [evaluation.id])).rejects.toThrow(/CHK_evaluation_k_threshold/);
    await expect(t.dataSource.query(`UPDATE evaluation SET closes_at = opens_at WHERE id = $1`, [evaluation.id])).rejects.toThrow(/CHK_evaluation_dates/);
    await expect(t.dataSource.query(`UPDATE evaluation SET status = 'archived' WHERE id = $1`, [evaluation.id])).rejects.toThrow(/CHK_evaluation_status/);
    await expect(t.dataSource.query(`UPDATE evaluation_group SET anonymity = 'public' WHERE evaluation_id = $1`, [evaluation.id])).rejects.toThrow(/CHK_evaluation_group_anonymity/);
    expect((await facilitator.client.get(`${base}/${evaluation.id}`)).body.kThreshold).toBe(3);
  });

  it('moves through the allowed transitions, reopens collection, and refuses the others naming the allowed ones', async () => {
    const evaluation = await create();
    const skip = await facilitator.client.post(`${base}/${evaluation.id}/transitions`, { to: 'reporting' });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ code: 'invalid-transition', from: 'draft', to: 'reporting', allowedTransitions: ['collecting'] });
    expect(skip.body.detail).toContain('collecting');

    await moveTo(evaluation, 'collecting', 'analysing', 'collecting', 'analysing');
    const back = await facilitator.client.post(`${base}/${evaluation.id}/transitions`, { to: 'draft' });
    expect(back.body).toMatchObject({ code: 'invalid-transition', allowedTransitions: ['collecting', 'reporting'] });
    await moveTo(evaluation, 'reporting', 'closed');
    const closed = await facilitator.client.post(`${base}/${evaluation.id}/transitions`, { to: 'collecting' });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ code: 'invalid-transition', from: 'closed', allowedTransitions: [] });
    const read = await viewer.client.get(`${base}/${evaluation.id}`);
    expect(read.body).toMatchObject({ status: 'closed', allowedTransitions: [] });

    const unknown = await facilitator.client.post(`${base}/${evaluation.id}/transitions`, { to: 'archived' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0]).toMatchObject({ path: 'to' });
    expect(unknown.body.errors[0].message).toContain('draft, collecting, analysing, reporting, closed');
    expect((await viewer.client.post(`${base}/${evaluation.id}/transitions`, { to: 'closed' })).status).toBe(403);
  });

  it('locks the design outside draft; dates and expected counts stay editable while collecting', async () => {
    const evaluation = await create({ groups: [{ groupKey: 'staff', expectedCount: 8, anonymity: 'anonymous' }] });
    await moveTo(evaluation, 'collecting');
    const path = `${base}/${evaluation.id}`;

    const before = await databaseFingerprint(t);
    const title = await facilitator.client.patch(path, { title: 'Nouveau titre', closesAt: '2026-07-15T21:59:59.000Z' });
    expect(title.status).toBe(409);
    expect(title.body).toMatchObject({ code: 'evaluation-locked', status: 409, evaluationStatus: 'collecting', lockedFields: ['title'] });
    expect(title.body.detail).toContain('title');
    expect(title.body.detail).toContain('opensAt, closesAt, expectedCount');
    for (const body of [{ dimensionKeys: [ECONOMIE] }, { kThreshold: 6 }, { customQuestions: [customQuestion()] }]) {
      const res = await facilitator.client.patch(path, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 409, code: 'evaluation-locked' });
    }
    const anonymity = await facilitator.client.send('put', `${path}/groups/staff`, { expectedCount: 8, anonymity: 'named' });
    expect(anonymity.status).toBe(409);
    expect(anonymity.body).toMatchObject({ code: 'evaluation-locked', lockedFields: ['anonymity'] });
    const added = await facilitator.client.send('put', `${path}/groups/partners`, { expectedCount: 4, anonymity: 'anonymous' });
    expect(added.body).toMatchObject({ code: 'evaluation-locked', lockedFields: ['groups'] });
    expect((await facilitator.client.delete(`${path}/groups/staff`)).body.code).toBe('evaluation-locked');
    expect((await admin.client.delete(path)).body.code).toBe('evaluation-locked');
    expect(await databaseFingerprint(t)).toEqual(before);

    // Sending back unchanged values is not a change.
    const same = await facilitator.client.patch(path, { title: evaluation.title, kThreshold: evaluation.kThreshold, dimensionKeys: evaluation.dimensionKeys });
    expect(same.status).toBe(200);
    const dates = await facilitator.client.patch(path, { closesAt: '2026-07-15T21:59:59.000Z' });
    expect(dates.status).toBe(200);
    expect(dates.body.closesAt).toBe('2026-07-15T21:59:59.000Z');
    const count = await facilitator.client.send('put', `${path}/groups/staff`, { expectedCount: 10, anonymity: 'anonymous' });
    expect(count.status).toBe(200);
    expect(count.body.groups).toContainEqual({ groupKey: 'staff', expectedCount: 10, anonymity: 'anonymous' });

    await moveTo(evaluation, 'analysing');
    const late = await facilitator.client.patch(path, { closesAt: '2026-08-01T00:00:00.000Z' });
    expect(late.status).toBe(409);
    expect(late.body.detail).toContain('only retentionMonths may still change');
  });

  it('adds, changes and removes stakeholder groups while draft, never the self-assessment', async () => {
    const evaluation = await create();
    const path = `${base}/${evaluation.id}/groups`;
    const added = await facilitator.client.send('put', `${path}/beneficiaries`, { expectedCount: 30, anonymity: 'anonymous' });
    expect(added.status).toBe(200);
    expect(added.body.groups).toEqual([
      { groupKey: 'self_assessment', expectedCount: 1, anonymity: 'confidential' },
      { groupKey: 'beneficiaries', expectedCount: 30, anonymity: 'anonymous' },
    ]);
    // In draft nothing has been submitted, so anonymity may go either way.
    const named = await facilitator.client.send('put', `${path}/beneficiaries`, { expectedCount: 25, anonymity: 'named' });
    expect(named.body.groups[1]).toEqual({ groupKey: 'beneficiaries', expectedCount: 25, anonymity: 'named' });
    const self = await facilitator.client.send('put', `${path}/self_assessment`, { expectedCount: 3, anonymity: 'named' });
    expect(self.body.groups[0]).toEqual({ groupKey: 'self_assessment', expectedCount: 3, anonymity: 'named' });

    const before = await databaseFingerprint(t);
    const selfDelete = await facilitator.client.delete(`${path}/self_assessment`);
    expect(selfDelete.status).toBe(409);
    expect(selfDelete.body.code).toBe('self-assessment-required');
    const missing = await facilitator.client.delete(`${path}/partners`);
    expect(missing.status).toBe(404);
    const badKey = await facilitator.client.send('put', `${path}/everyone`, { expectedCount: 1, anonymity: 'anonymous' });
    expect(badKey.status).toBe(400);
    expect(badKey.body.errors[0]).toMatchObject({ path: 'params.groupKey' });
    expect(badKey.body.errors[0].message).toContain(STAKEHOLDER_GROUP_KEYS.join(', '));
    const badBody = await facilitator.client.send('put', `${path}/staff`, { expectedCount: -2, anonymity: 'public' });
    expect(badBody.status).toBe(400);
    expect((badBody.body.errors as Array<{ path: string }>).map((e) => e.path)).toEqual(['expectedCount', 'anonymity']);
    expect((await viewer.client.send('put', `${path}/staff`, { expectedCount: 1, anonymity: 'anonymous' })).status).toBe(403);
    expect(await databaseFingerprint(t)).toEqual(before);

    expect((await facilitator.client.delete(`${path}/beneficiaries`)).status).toBe(204);
    expect((await facilitator.client.get(`${base}/${evaluation.id}`)).body.groups.map((g: GroupBody) => g.groupKey)).toEqual(['self_assessment']);
  });

  it('lets the organization contact co-design a draft, but not the board (404) and not the facilitator’s settings (403)', async () => {
    const evaluation = await create();
    const path = `${base}/${evaluation.id}`;
    const codesigned = await contact.client.patch(path, { dimensionKeys: [LIEN_SOCIAL, ECONOMIE], customQuestions: [customQuestion()] });
    expect(codesigned.status).toBe(200);
    expect(codesigned.body).toMatchObject({ dimensionKeys: [LIEN_SOCIAL, ECONOMIE], customQuestions: [customQuestion()] });

    const before = await databaseFingerprint(t);
    const k = await contact.client.patch(path, { kThreshold: 3, title: 'Notre évaluation' });
    expect(k.status).toBe(403);
    expect(k.body).toMatchObject({ code: 'forbidden', fields: ['title', 'kThreshold'] });
    for (const [method, route, body] of [
      ['patch', path, { dimensionKeys: [LIEN_SOCIAL] }],
      ['post', `${path}/transitions`, { to: 'collecting' }],
      ['put', `${path}/groups/staff`, { expectedCount: 1, anonymity: 'anonymous' }],
      ['delete', path, undefined],
      ['get', `${path}/questionnaires/self_assessment`, undefined],
    ] as const) {
      const res = await board.client.send(method, route, body);
      expect({ method, route, status: res.status, code: res.body.code }).toEqual({ method, route, status: 404, code: 'not-found' });
    }
    for (const [method, route, body] of [
      ['post', base, { frameworkVersionId: socle.versionId, title: 'x', opensAt: OPENS, closesAt: CLOSES }],
      ['post', `${path}/transitions`, { to: 'collecting' }],
      ['put', `${path}/groups/staff`, { expectedCount: 1, anonymity: 'anonymous' }],
    ] as const) {
      const res = await contact.client.send(method, route, body);
      expect({ method, route, status: res.status }).toEqual({ method, route, status: 404 });
    }
    expect(await databaseFingerprint(t)).toEqual(before);

    expect((await board.client.get(path)).status).toBe(200);
    expect((await board.client.get(base)).status).toBe(200);
    expect((await contact.client.get(`${path}/questionnaires/self_assessment`)).status).toBe(200);

    await moveTo(evaluation, 'collecting');
    const locked = await contact.client.patch(path, { dimensionKeys: [LIEN_SOCIAL] });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('evaluation-locked');
  });

  it('deletes a draft evaluation, as an administrator only', async () => {
    const evaluation = await create();
    expect((await facilitator.client.delete(`${base}/${evaluation.id}`)).status).toBe(403);
    expect((await admin.client.delete(`${base}/${evaluation.id}`)).status).toBe(204);
    expect((await admin.client.get(`${base}/${evaluation.id}`)).status).toBe(404);
    expect(await t.dataSource.query(`SELECT 1 FROM evaluation_group WHERE evaluation_id = $1`, [evaluation.id])).toEqual([]);
    expect(await auditOf(evaluation.id, 'evaluation.deleted')).toEqual([expect.objectContaining({ actor_user_id: admin.id })]);
  });

  it('records who changed what: creation, edits with from/to, groups, and each status change', async () => {
    const evaluation = await create({ title: 'Avant' });
    await facilitator.client.patch(`${base}/${evaluation.id}`, { title: 'Après', kThreshold: 6 });
    await contact.client.patch(`${base}/${evaluation.id}`, { customQuestions: [customQuestion()] });
    await facilitator.client.send('put', `${base}/${evaluation.id}/groups/staff`, { expectedCount: 5, anonymity: 'anonymous' });
    await facilitator.client.send('put', `${base}/${evaluation.id}/groups/staff`, { expectedCount: 6, anonymity: 'confidential' });
    await facilitator.client.delete(`${base}/${evaluation.id}/groups/staff`);
    await moveTo(evaluation, 'collecting', 'analysing', 'collecting');

    expect(await auditOf(evaluation.id, 'evaluation.created')).toEqual([
      expect.objectContaining({ actor_user_id: facilitator.id, data: expect.objectContaining({ title: 'Avant', frameworkVersionId: socle.versionId, contentHash: evaluation.contentHash }) }),
    ]);
    expect(await auditOf(evaluation.id, 'evaluation.updated')).toEqual([
      {
        action: 'evaluation.updated',
        actor_user_id: facilitator.id,
        data: { fields: ['title', 'kThreshold'], changes: { title: { from: 'Avant', to: 'Après' }, kThreshold: { from: 5, to: 6 } } },
      },
      {
        action: 'evaluation.updated',
        actor_user_id: contact.id,
        data: { fields: ['customQuestions'], changes: { customQuestions: { from: [], to: ['repas_partages'] } } },
      },
    ]);
    expect(await auditOf(evaluation.id, 'evaluation.group-added')).toEqual([
      expect.objectContaining({ data: { groupKey: 'staff', expectedCount: 5, anonymity: 'anonymous' } }),
    ]);
    expect(await auditOf(evaluation.id, 'evaluation.group-updated')).toEqual([
      expect.objectContaining({
        data: { groupKey: 'staff', fields: ['expectedCount', 'anonymity'], changes: { expectedCount: { from: 5, to: 6 }, anonymity: { from: 'anonymous', to: 'confidential' } } },
      }),
    ]);
    expect(await auditOf(evaluation.id, 'evaluation.group-removed')).toHaveLength(1);
    const statuses = await auditOf(evaluation.id, 'evaluation.status-changed');
    expect(statuses.map((row) => [row.actor_user_id, row.data])).toEqual([
      [facilitator.id, { from: 'draft', to: 'collecting' }],
      [facilitator.id, { from: 'collecting', to: 'analysing' }],
      [facilitator.id, { from: 'analysing', to: 'collecting' }],
    ]);
  });

  it('compiles each group’s questionnaire so that survey-core loads it without errors, custom questions included', async () => {
    const evaluation = await create({
      dimensionKeys: [LIEN_SOCIAL, ECONOMIE],
      customQuestions: [customQuestion()],
      groups: [
        { groupKey: 'staff', expectedCount: 8, anonymity: 'anonymous' },
        { groupKey: 'volunteers', expectedCount: 20, anonymity: 'anonymous' },
      ],
    });
    for (const [groupKey, locale] of [
      ['self_assessment', 'fr'],
      ['staff', 'en'],
      ['volunteers', 'fr'],
    ] as const) {
      const res = await contact.client.get(`${base}/${evaluation.id}/questionnaires/${groupKey}?locale=${locale}`);
      expect({ groupKey, status: res.status }).toEqual({ groupKey, status: 200 });
      const body = res.body as Questionnaire & { evaluationId: string; frameworkVersionId: string; contentHash: string };
      expect(body).toMatchObject({ evaluationId: evaluation.id, frameworkVersionId: socle.versionId, contentHash: evaluation.contentHash, group: groupKey, locale });
      expect(body.survey.pages.map((p) => p.name)).toEqual(socle.content.dimensions.map((d) => d.key).filter((k) => k === LIEN_SOCIAL || k === ECONOMIE));

      const model = new Model(body.survey);
      expect(model.jsonErrors ?? []).toEqual([]);
      // survey-core names its default locale (English) ''; the title shows which language applies.
      expect(model.title).toBe(locale === 'fr' ? socle.content.title.fr : socle.content.title.en);
      const names = model.getAllQuestions().map((q) => q.name);
      expect(names.length).toBeGreaterThan(0);
      expect(names).toEqual(body.questions.map((q) => q.key));
      expect(names.includes('q_repas_partages')).toBe(groupKey !== 'volunteers');
    }

    const defaultLocale = await viewer.client.get(`${base}/${evaluation.id}/questionnaires/staff`);
    expect(defaultLocale.body.locale).toBe('fr');
    const absent = await viewer.client.get(`${base}/${evaluation.id}/questionnaires/partners`);
    expect(absent.status).toBe(404);
    expect(absent.body.detail).toContain('partners');
    const badLocale = await viewer.client.get(`${base}/${evaluation.id}/questionnaires/staff?locale=de`);
    expect(badLocale.status).toBe(400);
    expect(badLocale.body.errors[0]).toMatchObject({ path: 'locale' });
    const badGroup = await viewer.client.get(`${base}/${evaluation.id}/questionnaires/martians`);
    expect(badGroup.status).toBe(400);
    expect(badGroup.body.errors[0].path).toBe('params.groupKey');
    const badId = await viewer.client.get(`${base}/not-a-uuid/questionnaires/staff`);
    expect(badId.status).toBe(400);
    expect(badId.body.code).toBe('invalid-id');
  });

  it('keeps a framework that an evaluation pins: deleting it is refused with 409, not a 500', async () => {
    await create({ title: 'Évaluation qui épingle le socle' });
    const res = await admin.client.delete(`/workspaces/${workspaceId}/frameworks/${socle.frameworkId}`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('conflict');
    expect((await admin.client.get(`/workspaces/${workspaceId}/frameworks/${socle.frameworkId}`)).status).toBe(200);
  });
});
