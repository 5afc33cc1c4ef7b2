import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Questionnaire } from '#domain';
import {
  Respondent,
  collectingEvaluation,
  expectProblem,
  filledData,
  makeLinks,
  personalLink,
  sharedLink,
  socleCommun,
  type CollectingEvaluation,
  type CreatedLink,
  type Socle,
} from '../support/collection.js';
import { addMember, addOrganizationMember, createOrganization, createUser, createWorkspace, databaseFingerprint, type TestUser } from '../support/factories.js';
import { startMailCatcher, type MailCatcher, type ReceivedMail } from '../support/mail.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface AuditRow {
  action: string;
  actor_user_id: string | null;
  target_type: string;
  target_id: string;
  data: Record<string, unknown>;
}

interface SubmissionSummary {
  id: string;
  groupKey: string;
  channel: string;
  status: string;
  startedAt: string;
  submittedAt: string | null;
  respondentName: string | null;
  answerCount: number;
  excluded: null | { at: string; by: string; reason: string };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('collection: the facilitator’s side', () => {
  let t: TestApp;
  let facilitator: TestUser;
  let viewer: TestUser;
  let contact: TestUser;
  let board: TestUser;
  let outsider: TestUser;
  let workspaceId: string;
  let organizationId: string;
  let socle: Socle;
  let main: CollectingEvaluation;
  const specs: Record<string, Questionnaire> = {};

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
    const admin = await createUser(t);
    workspaceId = await createWorkspace(t, admin, 'Réseau des facilitateur·ices');
    organizationId = await createOrganization(t, workspaceId, 'La Ressourcerie du Vallon');
    facilitator = await createUser(t);
    await addMember(t, workspaceId, facilitator, 'facilitator');
    viewer = await createUser(t);
    await addMember(t, workspaceId, viewer, 'viewer');
    contact = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
    board = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, board, 'board');
    outsider = await createUser(t);
    await createWorkspace(t, outsider, 'Réseau voisin');
    socle = await socleCommun(facilitator.client, workspaceId);
    main = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, {
      groups: [
        { groupKey: 'staff', expectedCount: 4, anonymity: 'confidential' },
        { groupKey: 'volunteers', expectedCount: 10, anonymity: 'anonymous' },
        { groupKey: 'partners', expectedCount: 0, anonymity: 'anonymous' },
      ],
    });
    for (const group of ['staff', 'volunteers', 'self_assessment']) {
      specs[group] = (await facilitator.client.get(`${main.base}/questionnaires/${group}`)).body as Questionnaire;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const auditOf = (action: string) =>
    t.dataSource.query<AuditRow[]>(`SELECT action, actor_user_id, target_type, target_id, data FROM audit_event WHERE action = $1 ORDER BY created_at, id`, [action]);

  async function submit(link: CreatedLink, groupKey: string, seeds: number[] = [1, 2, 3]): Promise<string> {
    const clientId = randomUUID();
    const res = await new Respondent(t).save(link.token, clientId, { data: filledData(specs[groupKey]!.survey, seeds), complete: true });
    expect(res.status).toBe(200);
    return clientId;
  }

  it('makes personal links whose tokens are returned once and stored only as hashes', async () => {
    const links = await makeLinks(facilitator, main.base, {
      groupKey: 'staff',
      kind: 'personal',
      respondents: [{ label: 'Camille Martin', email: 'Camille@Example.org' }, { label: 'Dominique' }, {}],
    });
    expect(links).toHaveLength(3);
    expect(links[0]).toEqual({
      id: expect.any(String),
      groupKey: 'staff',
      kind: 'personal',
      label: 'Camille Martin',
      email: 'camille@example.org',
      maxSubmissions: null,
      submitted: 0,
      partial: 0,
      revokedAt: null,
      lastSentAt: null,
      reminderCount: 0,
      createdAt: expect.any(String),
      token: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      path: `/r/${links[0]!.token}`,
      emailed: false,
    });
    expect(new Set(links.map((l) => l.token)).size).toBe(3);

    const stored = await t.dataSource.query<Array<{ id: string; token_hash: string; row: string }>>(
      `SELECT id, token_hash, row_to_json(l)::text AS row FROM collection_link l WHERE id = ANY($1::uuid[])`,
      [links.map((l) => l.id)],
    );
    for (const link of links) {
      const row = stored.find((r) => r.id === link.id)!;
      expect(row.token_hash).toBe(sha256(link.token));
      expect(row.row).not.toContain(link.token);
    }
    const audit = await t.dataSource.query<Array<{ data: string }>>(`SELECT data::text AS data FROM audit_event`);
    for (const link of links) for (const row of audit) expect(row.data).not.toContain(link.token);

    // Listed afterwards, without their tokens.
    const listed = await facilitator.client.get(`${main.base}/links?groupKey=staff`);
    expect(listed.status).toBe(200);
    const mine = (listed.body as Array<Record<string, unknown>>).filter((l) => links.some((m) => m.id === l['id']));
    expect(mine).toHaveLength(3);
    for (const link of mine) {
      expect(link).not.toHaveProperty('token');
      expect(JSON.stringify(link)).not.toMatch(new RegExp(links.map((l) => l.token).join('|')));
    }
    expect((await auditOf('collection.links-created')).at(-1)).toMatchObject({ actor_user_id: facilitator.id, target_id: main.evaluation.id, data: { groupKey: 'staff', kind: 'personal', count: 3 } });
  });

  it('refuses identities on an anonymous group’s links, and links that do not fit their kind, writing nothing', async () => {
    const before = await databaseFingerprint(t);
    const named = await facilitator.client.post(`${main.base}/links`, { groupKey: 'volunteers', kind: 'personal', respondents: [{}, { label: 'Camille', email: 'camille@example.org' }] });
    expectProblem(named, 400, 'validation-failed');
    expect(named.body.errors).toEqual([
      expect.objectContaining({ path: 'respondents[1].label', code: 'anonymous-group' }),
      expect.objectContaining({ path: 'respondents[1].email', code: 'anonymous-group' }),
    ]);
    expect(named.body.errors[0].message).toContain('confidential');
    for (const [body, paths] of [
      [{ groupKey: 'staff', kind: 'personal' }, ['respondents']],
      [{ groupKey: 'staff', kind: 'personal', respondents: [] }, ['respondents']],
      [{ groupKey: 'staff', kind: 'personal', respondents: [{}], maxSubmissions: 3 }, ['maxSubmissions']],
      [{ groupKey: 'staff', kind: 'shared', respondents: [{}] }, ['respondents']],
      [{ groupKey: 'staff', kind: 'shared', maxSubmissions: 0 }, ['maxSubmissions']],
      [{ groupKey: 'staff', kind: 'session' }, ['kind']],
      [{ groupKey: 'everyone', kind: 'shared' }, ['groupKey']],
      [{ groupKey: 'staff', kind: 'personal', respondents: [{ email: 'pas-une-adresse' }] }, ['respondents[0].email']],
      [{ groupKey: 'staff', kind: 'personal', respondents: Array.from({ length: 501 }, () => ({})) }, ['respondents']],
      [{ groupKey: 'staff', kind: 'shared', token: 'choisi-par-moi' }, ['token']],
    ] as const) {
      const res = await facilitator.client.post(`${main.base}/links`, body);
      expect({ body, status: res.status, paths: (res.body.errors as Array<{ path: string }>).map((e) => e.path) }).toEqual({ body, status: 400, paths });
    }
    const absent = await facilitator.client.post(`${main.base}/links`, { groupKey: 'beneficiaries', kind: 'shared' });
    expectProblem(absent, 404, 'not-found');
    expect(await databaseFingerprint(t)).toEqual(before);

    const nameless = await makeLinks(facilitator, main.base, { groupKey: 'volunteers', kind: 'personal', respondents: [{}, {}] });
    expect(nameless.map((l) => [l.label, l.email])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('revokes a link: it then answers exactly as an unknown one; renewing gives the same respondent a new link that keeps their answers', async () => {
    const link = await personalLink(facilitator, main.base, 'staff', { label: 'Sacha' });
    const person = new Respondent(t);
    const clientId = randomUUID();
    const firstKey = specs['staff']!.questions[0]!.key;
    expect((await person.save(link.token, clientId, { data: { [firstKey]: 3 }, complete: false })).status).toBe(200);

    const revoked = await facilitator.client.post(`${main.base}/links/${link.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: link.id, revokedAt: expect.any(String), partial: 1 });
    expect(revoked.body).not.toHaveProperty('token');
    const again = await facilitator.client.post(`${main.base}/links/${link.id}/revoke`);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    const strip = (body: Record<string, unknown>) => {
      const { instance: _instance, ...rest } = body;
      return rest;
    };
    const gone = await person.open(link.token);
    const unknown = await person.open('BBBBBBBBBBBBBBBBBBBBBB');
    expectProblem(gone, 404, 'link-invalid');
    expect(strip(gone.body)).toEqual(strip(unknown.body));
    expect(await auditOf('collection.link-revoked')).toEqual([expect.objectContaining({ actor_user_id: facilitator.id, target_id: link.id })]);

    const renewed = await facilitator.client.post(`${main.base}/links/${link.id}/renew`);
    expect(renewed.status).toBe(201);
    expect(renewed.body).toMatchObject({ label: 'Sacha', kind: 'personal', groupKey: 'staff', revokedAt: null, partial: 1, token: expect.any(String) });
    expect(renewed.body.id).not.toBe(link.id);
    const resumed = await person.open(renewed.body.token);
    expect(resumed.body).toMatchObject({ respondentName: 'Sacha', submission: { clientId, status: 'partial', data: { [firstKey]: 3 } } });
    expectProblem(await person.open(link.token), 404, 'link-invalid');
    expect((await auditOf('collection.link-renewed')).at(-1)).toMatchObject({ target_id: renewed.body.id, data: { replaces: link.id } });

    const elsewhere = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, { status: 'draft' });
    expectProblem(await facilitator.client.post(`${elsewhere.base}/links/${link.id}/revoke`), 404, 'not-found');
    expectProblem(await facilitator.client.post(`${main.base}/links/${randomUUID()}/renew`), 404, 'not-found');
  });

  it('counts answers against what is expected, per group, for viewers and the organization’s contact too', async () => {
    const evaluation = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, {
      groups: [
        { groupKey: 'staff', expectedCount: 4, anonymity: 'confidential' },
        { groupKey: 'volunteers', expectedCount: 10, anonymity: 'anonymous' },
        { groupKey: 'partners', expectedCount: 0, anonymity: 'anonymous' },
      ],
    });
    const staffLinks = await makeLinks(facilitator, evaluation.base, { groupKey: 'staff', kind: 'personal', respondents: [{ label: 'A' }, { label: 'B' }, { label: 'C' }] });
    const shared = await sharedLink(facilitator, evaluation.base, 'volunteers');
    const revokedShared = await sharedLink(facilitator, evaluation.base, 'volunteers');
    await facilitator.client.post(`${evaluation.base}/links/${revokedShared.id}/revoke`);
    await submit(staffLinks[0]!, 'staff');
    await submit(staffLinks[1]!, 'staff', [4, 4]);
    expect((await new Respondent(t).save(staffLinks[2]!.token, randomUUID(), { data: {}, complete: false })).status).toBe(200);
    const volunteerIds = [await submit(shared, 'volunteers'), await submit(shared, 'volunteers', [0]), await submit(shared, 'volunteers', [2, 2])];
    expect((await new Respondent(t).save(shared.token, randomUUID(), { data: {}, complete: false })).status).toBe(200);
    // One volunteer submission excluded: it no longer counts as submitted.
    const listed = (await facilitator.client.get(`${evaluation.base}/submissions?groupKey=volunteers&status=submitted`)).body as SubmissionSummary[];
    expect(listed).toHaveLength(3);
    const excludedRow = await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM submission WHERE client_id = $1`, [volunteerIds[0]]);
    expect((await facilitator.client.post(`${evaluation.base}/submissions/${excludedRow[0]!.id}/exclusion`, { reason: 'Réponse de test' })).status).toBe(200);

    const expected = {
      groups: [
        { groupKey: 'self_assessment', anonymity: 'confidential', expectedCount: 1, submitted: 0, partial: 0, excluded: 0, responseRate: 0, personalLinks: 0, personalAnswered: 0, sharedLinks: 0 },
        { groupKey: 'staff', anonymity: 'confidential', expectedCount: 4, submitted: 2, partial: 1, excluded: 0, responseRate: 0.5, personalLinks: 3, personalAnswered: 2, sharedLinks: 0 },
        { groupKey: 'volunteers', anonymity: 'anonymous', expectedCount: 10, submitted: 2, partial: 1, excluded: 1, responseRate: 0.2, personalLinks: 0, personalAnswered: 0, sharedLinks: 1 },
        { groupKey: 'partners', anonymity: 'anonymous', expectedCount: 0, submitted: 0, partial: 0, excluded: 0, responseRate: null, personalLinks: 0, personalAnswered: 0, sharedLinks: 0 },
      ],
      totals: { expected: 15, submitted: 4, partial: 2, excluded: 1 },
      openSessions: 0,
    };
    for (const who of [facilitator, viewer, contact]) {
      const res = await who.client.get(`${evaluation.base}/collection`);
      expect({ status: res.status, body: res.body as unknown }).toEqual({ status: 200, body: expected });
    }
    expectProblem(await board.client.get(`${evaluation.base}/collection`), 404, 'not-found');
    expectProblem(await outsider.client.get(`${evaluation.base}/collection`), 404, 'not-found');
  });

  it('lists submissions with the respondent’s name for confidential groups only, and the number of questions answered', async () => {
    const staff = await personalLink(facilitator, main.base, 'staff', { label: 'Alix Dupont' });
    const volunteers = await personalLink(facilitator, main.base, 'volunteers');
    const staffData = filledData(specs['staff']!.survey, [6, 1]);
    const staffId = randomUUID();
    expect((await new Respondent(t).save(staff.token, staffId, { data: staffData, complete: true })).status).toBe(200);
    const volunteerId = await submit(volunteers, 'volunteers');
    const staffRowId = (await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM submission WHERE client_id = $1`, [staffId]))[0]!.id;
    const volunteerRowId = (await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM submission WHERE client_id = $1`, [volunteerId]))[0]!.id;
    const all = (await facilitator.client.get(`${main.base}/submissions`)).body as SubmissionSummary[];
    const staffRow = all.find((s) => s.id === staffRowId);
    expect(staffRow).toMatchObject({ groupKey: 'staff', channel: 'personal', status: 'submitted', respondentName: 'Alix Dupont', excluded: null });
    expect(staffRow!.answerCount).toBe(new Set(Object.keys(staffData).filter((key) => !key.endsWith('-Comment'))).size);
    const anonymousRow = all.find((s) => s.id === volunteerRowId)!;
    expect(anonymousRow).toMatchObject({ groupKey: 'volunteers', channel: 'personal', status: 'submitted', respondentName: null });
    expect(anonymousRow.startedAt).toMatch(/T00:00:00\.000Z$/);
    for (const row of all) if (row.groupKey === 'volunteers' || row.groupKey === 'partners') expect(row.respondentName).toBeNull();
    // Even a name that reached an anonymous group's row by some other way is never listed.
    await t.dataSource.query(`UPDATE submission SET respondent_name = 'Fuite' WHERE id = $1`, [volunteerRowId]);
    const again = (await facilitator.client.get(`${main.base}/submissions?groupKey=volunteers`)).body as SubmissionSummary[];
    expect(again.find((s) => s.id === volunteerRowId)!.respondentName).toBeNull();
    await t.dataSource.query(`UPDATE submission SET respondent_name = NULL WHERE id = $1`, [volunteerRowId]);

    const onlyStaff = (await facilitator.client.get(`${main.base}/submissions?groupKey=staff&status=submitted`)).body as SubmissionSummary[];
    expect(onlyStaff.length).toBeGreaterThan(0);
    expect(onlyStaff.every((s) => s.groupKey === 'staff' && s.status === 'submitted')).toBe(true);
    const bad = await facilitator.client.get(`${main.base}/submissions?status=done`);
    expectProblem(bad, 400, 'validation-failed');
    expect(bad.body.errors[0].path).toBe('status');
  });

  it('excludes and restores a submission with a reason, audited, and refuses it without one', async () => {
    const link = await sharedLink(facilitator, main.base, 'volunteers');
    const clientId = await submit(link, 'volunteers', [3, 3]);
    const [row] = await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM submission WHERE client_id = $1`, [clientId]);
    const path = `${main.base}/submissions/${row!.id}`;

    const before = await databaseFingerprint(t);
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 'Doublon', excludedBy: randomUUID() }]) {
      const res = await facilitator.client.post(`${path}/exclusion`, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
    }
    expectProblem(await facilitator.client.post(`${path}/restore`, { reason: 'Rien à restaurer' }), 409, 'conflict');
    expectProblem(await viewer.client.post(`${path}/exclusion`, { reason: 'Doublon' }), 403, 'forbidden');
    expectProblem(await facilitator.client.post(`${main.base}/submissions/${randomUUID()}/exclusion`, { reason: 'Doublon' }), 404, 'not-found');
    expect(await databaseFingerprint(t)).toEqual(before);

    const excluded = await facilitator.client.post(`${path}/exclusion`, { reason: 'Doublon : la même personne a répondu sur papier.' });
    expect(excluded.status).toBe(200);
    expect(excluded.body).toMatchObject({ id: row!.id, status: 'submitted', excluded: { at: expect.any(String), by: facilitator.id, reason: 'Doublon : la même personne a répondu sur papier.' } });
    expectProblem(await facilitator.client.post(`${path}/exclusion`, { reason: 'Encore' }), 409, 'conflict');
    const restored = await facilitator.client.post(`${path}/restore`, { reason: 'Vérifié : ce n’était pas un doublon.' });
    expect(restored.status).toBe(200);
    expect(restored.body.excluded).toBeNull();

    expect((await auditOf('submission.excluded')).filter((a) => a.target_id === row!.id)).toEqual([
      { action: 'submission.excluded', actor_user_id: facilitator.id, target_type: 'submission', target_id: row!.id, data: { evaluationId: main.evaluation.id, groupKey: 'volunteers', reason: 'Doublon : la même personne a répondu sur papier.' } },
    ]);
    expect((await auditOf('submission.restored')).filter((a) => a.target_id === row!.id)).toEqual([
      expect.objectContaining({
        actor_user_id: facilitator.id,
        data: { evaluationId: main.evaluation.id, groupKey: 'volunteers', reason: 'Vérifié : ce n’était pas un doublon.', exclusionReason: 'Doublon : la même personne a répondu sur papier.' },
      }),
    ]);

    const partialId = randomUUID();
    await new Respondent(t).save(link.token, partialId, { data: {}, complete: false });
    const [partialRow] = await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM submission WHERE client_id = $1`, [partialId]);
    expectProblem(await facilitator.client.post(`${main.base}/submissions/${partialRow!.id}/exclusion`, { reason: 'Abandon' }), 409, 'conflict');
  });

  it('never weakens a group’s anonymity once it has a submission, partial ones included', async () => {
    const evaluation = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, {
      groups: [
        { groupKey: 'staff', expectedCount: 4, anonymity: 'confidential' },
        { groupKey: 'volunteers', expectedCount: 4, anonymity: 'confidential' },
      ],
    });
    const link = await sharedLink(facilitator, evaluation.base, 'staff');
    expect((await new Respondent(t).save(link.token, randomUUID(), { data: {}, complete: false })).status).toBe(200);
    // While collecting, anonymity is locked anyway.
    expectProblem(await facilitator.client.send('put', `${evaluation.base}/groups/staff`, { expectedCount: 4, anonymity: 'named' }), 409, 'evaluation-locked');
    // Even where the design could still change, the promise made to those who answered holds.
    await t.dataSource.query(`UPDATE evaluation SET status = 'draft' WHERE id = $1`, [evaluation.evaluation.id]);
    const weakened = await facilitator.client.send('put', `${evaluation.base}/groups/staff`, { expectedCount: 4, anonymity: 'named' });
    expectProblem(weakened, 409, 'anonymity-weakened');
    expect(weakened.body).toMatchObject({ groupKey: 'staff', from: 'confidential', to: 'named' });
    const stronger = await facilitator.client.send('put', `${evaluation.base}/groups/staff`, { expectedCount: 4, anonymity: 'anonymous' });
    expect(stronger.status).toBe(200);
    // A group without any submission may still change either way.
    const unanswered = await facilitator.client.send('put', `${evaluation.base}/groups/volunteers`, { expectedCount: 4, anonymity: 'named' });
    expect(unanswered.status).toBe(200);
  });

  it('drops a group’s links with the group, while the evaluation is a draft', async () => {
    const draft = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, { status: 'draft', groups: [{ groupKey: 'partners', expectedCount: 3, anonymity: 'confidential' }] });
    const links = await makeLinks(facilitator, draft.base, { groupKey: 'partners', kind: 'personal', respondents: [{ label: 'Mairie' }, { label: 'Département' }] });
    const kept = await sharedLink(facilitator, draft.base, 'self_assessment');
    expect((await facilitator.client.delete(`${draft.base}/groups/partners`)).status).toBe(204);
    const left = await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM collection_link WHERE evaluation_id = $1`, [draft.evaluation.id]);
    expect(left).toEqual([{ id: kept.id }]);
    expectProblem(await new Respondent(t).open(links[0]!.token), 404, 'link-invalid');
  });

  it('makes links only while draft or collecting, and reminders only while collecting', async () => {
    const evaluation = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, { groups: [{ groupKey: 'staff', expectedCount: 3, anonymity: 'confidential' }] });
    const link = await personalLink(facilitator, evaluation.base, 'staff', { label: 'Noa', email: 'noa@example.org' });
    const reminders = await facilitator.client.post(`${evaluation.base}/reminders`, {});
    expect(reminders.status).toBe(200);
    // No SMTP server here: nobody is reminded, and the facilitator is told why.
    expect(reminders.body).toEqual({ sent: 0, skipped: 1, mailEnabled: false });
    expect((await facilitator.client.post(`${evaluation.base}/reminders`, { groupKey: 'volunteers' })).body).toEqual({ sent: 0, skipped: 0, mailEnabled: false });
    const sent = await makeLinks(facilitator, evaluation.base, { groupKey: 'staff', kind: 'personal', respondents: [{ email: 'lou@example.org' }], send: true });
    expect(sent[0]).toMatchObject({ emailed: false, lastSentAt: null });

    expect((await facilitator.client.post(`${evaluation.base}/transitions`, { to: 'analysing' })).status).toBe(200);
    const before = await databaseFingerprint(t);
    const late = await facilitator.client.post(`${evaluation.base}/links`, { groupKey: 'staff', kind: 'shared' });
    expectProblem(late, 409, 'evaluation-locked');
    expect(late.body.evaluationStatus).toBe('analysing');
    expectProblem(await facilitator.client.post(`${evaluation.base}/links/${link.id}/renew`), 409, 'evaluation-locked');
    expectProblem(await facilitator.client.post(`${evaluation.base}/reminders`, {}), 409, 'evaluation-locked');
    expect(await databaseFingerprint(t)).toEqual(before);
    // Revoking stays possible.
    expect((await facilitator.client.post(`${evaluation.base}/links/${link.id}/revoke`)).status).toBe(200);
  });

  it('keeps links and submissions to facilitators: viewers are refused, organization members and outsiders do not see them', async () => {
    const link = await sharedLink(facilitator, main.base, 'volunteers');
    const clientId = await submit(link, 'volunteers', [5]);
    const [row] = await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM submission WHERE client_id = $1`, [clientId]);
    const routes = [
      ['get', `${main.base}/links`, undefined],
      ['post', `${main.base}/links`, { groupKey: 'volunteers', kind: 'shared' }],
      ['post', `${main.base}/links/${link.id}/revoke`, undefined],
      ['post', `${main.base}/links/${link.id}/renew`, undefined],
      ['post', `${main.base}/reminders`, {}],
      ['get', `${main.base}/submissions`, undefined],
      ['post', `${main.base}/submissions/${row!.id}/exclusion`, { reason: 'x' }],
      ['post', `${main.base}/submissions/${row!.id}/restore`, { reason: 'x' }],
      ['post', `${main.base}/paper-submissions`, { groupKey: 'volunteers', clientId: randomUUID(), data: {}, locale: 'fr' }],
    ] as const;
    const before = await databaseFingerprint(t);
    for (const [method, route, body] of routes) {
      for (const [who, status] of [
        [viewer, 403],
        [contact, 404],
        [board, 404],
        [outsider, 404],
      ] as const) {
        const res = await who.client.send(method, route, body);
        expect({ route, method, who: who.email, status: res.status }).toEqual({ route, method, who: who.email, status });
      }
    }
    expect(await databaseFingerprint(t)).toEqual(before);
    const badId = await facilitator.client.post(`${main.base}/links/not-a-uuid/revoke`);
    expectProblem(badId, 400, 'invalid-id');
  });
});

describe('collection: links and reminders by e-mail', () => {
  let t: TestApp;
  let smtp: MailCatcher;
  let received: ReceivedMail[];

  beforeAll(async () => {
    smtp = await startMailCatcher();
    received = smtp.received;
    t = await startTestApp({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://regards.example.org', COOKIE_SECURE: 'false', LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** The link in a mail (quoted-printable soft breaks undone). */
  const linkIn = (mail: ReceivedMail) => /https:\/\/regards\.example\.org\/r\/([A-Za-z0-9_-]{22})/.exec(mail.raw.replace(/=\r?\n/g, ''))?.[1];

  it('e-mails new personal links, then reminds those who have not submitted with a new link that keeps their answers', async () => {
    const admin = await createUser(t);
    const workspaceId = await createWorkspace(t, admin, 'Réseau courriel');
    const organizationId = await createOrganization(t, workspaceId, 'Le Jardin partagé');
    const socle = await socleCommun(admin.client, workspaceId);
    const evaluation = await collectingEvaluation(admin, workspaceId, organizationId, socle, { groups: [{ groupKey: 'staff', expectedCount: 3, anonymity: 'confidential' }] });
    const links = await makeLinks(admin, evaluation.base, {
      groupKey: 'staff',
      kind: 'personal',
      respondents: [{ label: 'Ada', email: 'ada@example.org' }, { label: 'Bo', email: 'bo@example.org' }, { label: 'Cy' }],
      send: true,
    });
    expect(links.map((l) => [l.email, l.emailed, l.lastSentAt !== null])).toEqual([
      ['ada@example.org', true, true],
      ['bo@example.org', true, true],
      [null, false, false],
    ]);
    expect(received.map((m) => m.to)).toEqual([['ada@example.org'], ['bo@example.org']]);
    expect(linkIn(received[0]!)).toBe(links[0]!.token);
    expect(received[0]!.raw).toMatch(/^Subject: /m);

    // Ada submits; Bo begins only.
    const spec = (await admin.client.get(`${evaluation.base}/questionnaires/staff`)).body as Questionnaire;
    expect((await new Respondent(t).save(links[0]!.token, randomUUID(), { data: filledData(spec.survey), complete: true })).status).toBe(200);
    const boId = randomUUID();
    const firstKey = spec.questions[0]!.key;
    expect((await new Respondent(t).save(links[1]!.token, boId, { data: { [firstKey]: 2 }, complete: false })).status).toBe(200);

    received.length = 0;
    const reminded = await admin.client.post(`${evaluation.base}/reminders`, { groupKey: 'staff' });
    expect(reminded.body).toEqual({ sent: 1, skipped: 0, mailEnabled: true });
    expect(received.map((m) => m.to)).toEqual([['bo@example.org']]);
    const token = linkIn(received[0]!)!;
    expect(token).not.toBe(links[1]!.token);
    // The previous address stops at once, even for a save right after one that went through it.
    expectProblem(await new Respondent(t).save(links[1]!.token, randomUUID(), { data: { [firstKey]: 3 }, complete: false }), 404, 'link-invalid');
    const opened = await new Respondent(t).open(token);
    expect(opened.body).toMatchObject({ respondentName: 'Bo', submission: { clientId: boId, status: 'partial' } });
    expect((await new Respondent(t).open(links[1]!.token)).status).toBe(404);
    const listed = (await admin.client.get(`${evaluation.base}/links`)).body as CreatedLink[];
    expect(listed.find((l) => l.id === links[1]!.id)).toMatchObject({ reminderCount: 1, lastSentAt: expect.any(String), partial: 1 });
    expect(listed.find((l) => l.id === links[0]!.id)).toMatchObject({ reminderCount: 0, submitted: 1 });
    const audit = await t.dataSource.query<AuditRow[]>(`SELECT action, data FROM audit_event WHERE action = 'collection.reminders-sent'`);
    expect(audit).toEqual([expect.objectContaining({ data: { groupKey: 'staff', sent: 1, skipped: 0 } })]);
  });
});
