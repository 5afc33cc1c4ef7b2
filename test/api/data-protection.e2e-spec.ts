import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { strFromU8, unzipSync } from 'fflate';
import { DEFAULT_RETENTION_MONTHS, retentionDeadline, type Questionnaire } from '#domain';
import { spreadsheetCell } from '#domain/spreadsheet-cell';
import { RetentionService } from '../../apps/api/src/modules/data-protection/retention.service.js';
import { binaryBody, parseCsv } from '../support/abuse.js';
import {
  Respondent,
  collectingEvaluation,
  expectProblem,
  filledData,
  forgetFailedLookups,
  personalLink,
  sharedLink,
  socleCommun,
  type CollectingEvaluation,
  type Socle,
} from '../support/collection.js';
import { addMember, addOrganizationMember, createOrganization, createUser, createWorkspace, databaseFingerprint, type TestUser } from '../support/factories.js';
import { startMailCatcher, type MailCatcher, type ReceivedMail } from '../support/mail.js';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app.js';

interface AuditRow {
  action: string;
  actor_user_id: string | null;
  target_id: string | null;
  data: Record<string, unknown>;
}

const MONTH = 31 * 86_400_000;

describe('data protection: a respondent’s own answers, retention, an organization’s export and deletion request', () => {
  let t: TestApp;
  let admin: TestUser;
  let facilitator: TestUser;
  let contact: TestUser;
  let board: TestUser;
  let otherContact: TestUser;
  let workspaceId: string;
  let organizationId: string;
  let otherOrganizationId: string;
  let socle: Socle;
  let smtp: MailCatcher;
  let mails: ReceivedMail[];

  beforeAll(async () => {
    smtp = await startMailCatcher();
    mails = smtp.received;
    t = await startTestApp({
      LOGIN_MAX_ATTEMPTS_PER_IP: '100000',
      SMTP_URL: smtp.url,
      PUBLIC_URL: 'https://regards.example.org',
      COOKIE_SECURE: 'false',
    });
    admin = await createUser(t);
    workspaceId = await createWorkspace(t, admin, 'Réseau des données');
    organizationId = await createOrganization(t, workspaceId, 'La Ressourcerie du Vallon');
    otherOrganizationId = await createOrganization(t, workspaceId, 'Le Jardin partagé');
    facilitator = await createUser(t);
    await addMember(t, workspaceId, facilitator, 'facilitator');
    contact = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
    board = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, board, 'board');
    otherContact = await createUser(t);
    await addOrganizationMember(t, workspaceId, otherOrganizationId, otherContact, 'contact');
    socle = await socleCommun(facilitator.client, workspaceId);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  async function questionnaire(base: string, groupKey: string): Promise<Questionnaire> {
    const res = await facilitator.client.get(`${base}/questionnaires/${groupKey}`);
    expect(res.status).toBe(200);
    return res.body as Questionnaire;
  }

  async function submit(token: string, data: Record<string, unknown>, consent?: { name: string }): Promise<string> {
    const clientId = randomUUID();
    const saved = await new Respondent(t).save(token, clientId, { data, complete: true, ...(consent && { consent }) });
    expect({ status: saved.status, body: saved.body as unknown }).toEqual({ status: 200, body: expect.objectContaining({ status: 'submitted' }) });
    return clientId;
  }

  async function move(base: string, ...statuses: string[]): Promise<void> {
    for (const to of statuses) {
      const res = await facilitator.client.post(`${base}/transitions`, { to });
      expect({ to, status: res.status }).toEqual({ to, status: 200 });
    }
  }

  function audit(action: string): Promise<AuditRow[]> {
    return t.dataSource.query<AuditRow[]>(`SELECT action, actor_user_id, target_id, data FROM audit_event WHERE action = $1 ORDER BY created_at, id`, [action]);
  }

  async function count(sql: string, params: unknown[]): Promise<number> {
    const [row] = await t.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM (${sql}) x`, params);
    return row!.n;
  }

  describe('a respondent with a personal link', () => {
    let evaluation: CollectingEvaluation;
    let spec: Questionnaire;

    beforeAll(async () => {
      evaluation = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, {
        title: 'Évaluation des droits',
        groups: [
          { groupKey: 'staff', expectedCount: 8, anonymity: 'confidential' },
          { groupKey: 'volunteers', expectedCount: 20, anonymity: 'anonymous' },
        ],
      });
      spec = await questionnaire(evaluation.base, 'staff');
    });

    it('sees what is kept about them: the answers with their questionnaire, the name kept with them, until when', async () => {
      const link = await personalLink(facilitator, evaluation.base, 'staff', { label: 'Camille Martin', email: 'camille@example.org' });
      const phone = new Respondent(t);
      const before = await phone.client.get(`/r/${link.token}/my-answers`);
      expect(before.status).toBe(200);
      expect(before.body.submission).toBeNull();

      const data = filledData(spec.survey);
      const clientId = await submit(link.token, data);
      const seen = await phone.client.get(`/r/${link.token}/my-answers?locale=en`);
      expect(seen.status).toBe(200);
      expect(seen.body).toEqual({
        evaluation: {
          title: 'Évaluation des droits',
          organizationName: 'La Ressourcerie du Vallon',
          status: 'collecting',
          closesAt: evaluation.evaluation.closesAt,
          retainedUntil: retentionDeadline(new Date(evaluation.evaluation.closesAt), DEFAULT_RETENTION_MONTHS).toISOString(),
        },
        groupKey: 'staff',
        groupLabel: { fr: 'Salarié·es', en: 'Staff' },
        anonymity: 'confidential',
        questionnaire: (await facilitator.client.get(`${evaluation.base}/questionnaires/staff?locale=en`)).body.survey,
        submission: {
          clientId,
          status: 'submitted',
          data,
          updatedAt: expect.any(String),
          submittedAt: expect.any(String),
          respondentName: 'Camille Martin',
          consentAt: null,
        },
      });
    });

    it('erases their answers while collecting, with everything made from them; the trail says a respondent of the group did, not who; the link can answer again', async () => {
      const link = await personalLink(facilitator, evaluation.base, 'staff', { label: 'Dominique Leroy' });
      const clientId = await submit(link.token, filledData(spec.survey, [2, 7, 1, 8, 2, 8]));
      const [stored] = await t.dataSource.query<Array<{ id: string }>>(`SELECT id FROM submission WHERE evaluation_id = $1 AND client_id = $2`, [evaluation.evaluation.id, clientId]);
      expect(await count(`SELECT 1 FROM answer WHERE submission_id = $1`, [stored!.id])).toBeGreaterThan(5);
      const auditBefore = (await audit('submission.erased-by-respondent')).length;

      const phone = new Respondent(t);
      const erased = await phone.client.delete(`/r/${link.token}/my-answers`);
      expect(erased.status).toBe(204);
      expect(await count(`SELECT 1 FROM submission WHERE id = $1`, [stored!.id])).toBe(0);
      expect(await count(`SELECT 1 FROM answer WHERE submission_id = $1`, [stored!.id])).toBe(0);
      expect((await phone.client.get(`/r/${link.token}/my-answers`)).body.submission).toBeNull();

      const events = (await audit('submission.erased-by-respondent')).slice(auditBefore);
      expect(events).toEqual([{ action: 'submission.erased-by-respondent', actor_user_id: null, target_id: evaluation.evaluation.id, data: { groupKey: 'staff', status: 'submitted' } }]);
      expect(JSON.stringify(events)).not.toContain('Dominique');
      expect(JSON.stringify(events)).not.toContain(link.id);

      // Erasing again changes nothing and records nothing.
      expect((await phone.client.delete(`/r/${link.token}/my-answers`)).status).toBe(204);
      expect((await audit('submission.erased-by-respondent')).length).toBe(auditBefore + 1);
      // Collection is open: the same link may answer again.
      await submit(link.token, filledData(spec.survey, [1, 1, 2, 3, 5, 8]));
    });

    it('answers a shared link, an unknown token and a revoked link as links that keep nobody’s answers', async () => {
      await forgetFailedLookups(t);
      const shared = await sharedLink(facilitator, evaluation.base, 'volunteers');
      const phone = new Respondent(t);
      expectProblem(await phone.client.get(`/r/${shared.token}/my-answers`), 404, 'not-found');
      expectProblem(await phone.client.delete(`/r/${shared.token}/my-answers`), 404, 'not-found');
      expectProblem(await phone.client.get(`/r/AAAAAAAAAAAAAAAAAAAAAA/my-answers`), 404, 'link-invalid');
      expectProblem(await phone.client.delete(`/r/${'x'.repeat(5000)}/my-answers`), 404, 'link-invalid');

      const link = await personalLink(facilitator, evaluation.base, 'staff', { label: 'Révoqué·e' });
      await submit(link.token, filledData(spec.survey));
      expect((await facilitator.client.post(`${evaluation.base}/links/${link.id}/revoke`)).status).toBe(200);
      const fingerprint = await databaseFingerprint(t);
      expectProblem(await phone.client.delete(`/r/${link.token}/my-answers`), 404, 'link-invalid');
      expect(await databaseFingerprint(t)).toEqual(fingerprint);
      await forgetFailedLookups(t);
    });

    it('may still see and erase after collection, until the evaluation is closed; then the answers are final (410) and stay', async () => {
      const early = await personalLink(facilitator, evaluation.base, 'staff', { label: 'Alix' });
      const late = await personalLink(facilitator, evaluation.base, 'staff', { label: 'Sacha' });
      await submit(early.token, filledData(spec.survey, [4, 4, 4]));
      const lateClientId = await submit(late.token, filledData(spec.survey, [5, 5, 5]));
      await move(evaluation.base, 'analysing');

      const phone = new Respondent(t);
      // Collection is over: the link no longer opens the questionnaire, but still shows and erases.
      expectProblem(await phone.open(early.token), 410, 'collection-closed');
      expect((await phone.client.get(`/r/${early.token}/my-answers`)).body.evaluation.status).toBe('analysing');
      expect((await phone.client.delete(`/r/${early.token}/my-answers`)).status).toBe(204);

      await move(evaluation.base, 'reporting', 'closed');
      const fingerprint = await databaseFingerprint(t);
      const seen = await phone.client.get(`/r/${late.token}/my-answers`);
      expectProblem(seen, 410, 'answers-final');
      expect(seen.body.retainedUntil).toBe(retentionDeadline(new Date(evaluation.evaluation.closesAt), DEFAULT_RETENTION_MONTHS).toISOString());
      expectProblem(await phone.client.delete(`/r/${late.token}/my-answers`), 410, 'answers-final');
      expect(await databaseFingerprint(t)).toEqual(fingerprint);
      expect(await count(`SELECT 1 FROM submission WHERE evaluation_id = $1 AND client_id = $2`, [evaluation.evaluation.id, lateClientId])).toBe(1);
    });
  });

  describe('retention: answers deleted when their period is over, only the analysis kept (tested by moving the clock)', () => {
    let evaluation: CollectingEvaluation;
    let closesAt: Date;
    let retention: RetentionService;
    let personal: Awaited<ReturnType<typeof personalLink>>;

    beforeAll(async () => {
      retention = t.app.get(RetentionService);
      evaluation = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, {
        title: 'Évaluation à oublier',
        groups: [
          { groupKey: 'volunteers', expectedCount: 20, anonymity: 'anonymous' },
          { groupKey: 'staff', expectedCount: 8, anonymity: 'confidential' },
        ],
      });
      closesAt = new Date(evaluation.evaluation.closesAt);
      const volunteers = await questionnaire(evaluation.base, 'volunteers');
      const staff = await questionnaire(evaluation.base, 'staff');
      const shared = await sharedLink(facilitator, evaluation.base, 'volunteers');
      for (let i = 0; i < 6; i += 1) await submit(shared.token, filledData(volunteers.survey, [i + 1, 3, (i * 7) % 10, 2, 9 - i]));
      // Two staff members: fewer than k, their figures are never shown.
      personal = await personalLink(facilitator, evaluation.base, 'staff', { label: 'Claude Bernard', email: 'claude@example.org' });
      await submit(personal.token, filledData(staff.survey, [1, 2, 3]));
      await submit((await personalLink(facilitator, evaluation.base, 'staff', { label: 'Noa Petit' })).token, filledData(staff.survey, [3, 2, 1]));
      await move(evaluation.base, 'analysing');
    });

    it('sets the retention period in months, 1 to 120, even after collection; bad values say what is wrong and change nothing', async () => {
      for (const [value, path] of [
        [0, 'retentionMonths'],
        [121, 'retentionMonths'],
        [1.5, 'retentionMonths'],
        ['6', 'retentionMonths'],
      ] as const) {
        const fingerprint = await databaseFingerprint(t);
        const res = await facilitator.client.patch(evaluation.base, { retentionMonths: value });
        expectProblem(res, 400, 'validation-failed');
        expect((res.body.errors as Array<{ path: string }>).map((e) => e.path)).toContain(path);
        expect(await databaseFingerprint(t)).toEqual(fingerprint);
      }
      expect((await board.client.patch(evaluation.base, { retentionMonths: 6 })).status).toBe(404);
      const set = await facilitator.client.patch(evaluation.base, { retentionMonths: 6 });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({ status: 'analysing', retentionMonths: 6, retainedUntil: retentionDeadline(closesAt, 6).toISOString(), purgedAt: null });
    });

    it('deletes nothing before the date, then every submission, answer and link in one go, keeping the same figures', async () => {
      const analysisBefore = await facilitator.client.get(`${evaluation.base}/analysis`);
      expect(analysisBefore.status).toBe(200);
      const staffBefore = (analysisBefore.body.participation as Array<{ groupKey: string; suppressed: boolean }>).find((p) => p.groupKey === 'staff');
      expect(staffBefore?.suppressed).toBe(true);
      const submissions = await count(`SELECT 1 FROM submission WHERE evaluation_id = $1`, [evaluation.evaluation.id]);
      expect(submissions).toBe(8);

      expect(await retention.purgeDue(new Date(retentionDeadline(closesAt, 6).getTime() - 1))).toEqual([]);
      expect(await count(`SELECT 1 FROM submission WHERE evaluation_id = $1`, [evaluation.evaluation.id])).toBe(8);

      const answers = await count(`SELECT 1 FROM answer WHERE evaluation_id = $1`, [evaluation.evaluation.id]);
      const purged = await retention.purgeDue(new Date(retentionDeadline(closesAt, 6).getTime() + 1000));
      expect(purged).toEqual([{ evaluationId: evaluation.evaluation.id, submissions: 8, answers, links: 3 }]);
      for (const table of ['submission', 'answer', 'collection_link', 'verbatim', 'story_selection']) {
        expect({ table, rows: await count(`SELECT 1 FROM ${table} WHERE evaluation_id = $1`, [evaluation.evaluation.id]) }).toEqual({ table, rows: 0 });
      }
      const names = await t.dataSource.query<unknown[]>(`SELECT 1 FROM collection_link WHERE label IN ('Claude Bernard', 'Noa Petit')`);
      expect(names).toEqual([]);

      // The same figures, read from what was kept; the group under k is still withheld.
      const analysisAfter = await facilitator.client.get(`${evaluation.base}/analysis`);
      expect(analysisAfter.status).toBe(200);
      expect({ ...analysisAfter.body, computedAt: null }).toEqual({ ...analysisBefore.body, computedAt: null });
      const groupOnly = await facilitator.client.get(`${evaluation.base}/analysis?groupKey=volunteers`);
      expect(groupOnly.status).toBe(200);

      const [auditRow] = (await audit('evaluation.answers-purged')).filter((row) => row.target_id === evaluation.evaluation.id);
      expect(auditRow).toMatchObject({ actor_user_id: null, data: { submissions: 8, answers, links: 3, retentionMonths: 6 } });

      // The job is idempotent: a second run finds nothing to do.
      expect(await retention.purgeDue(new Date(retentionDeadline(closesAt, 6).getTime() + 2 * MONTH))).toEqual([]);
    });

    it('then keeps the evaluation from reopening or changing, and its links from opening anything', async () => {
      const read = await facilitator.client.get(evaluation.base);
      expect(read.body.purgedAt).toEqual(expect.any(String));
      expectProblem(await facilitator.client.patch(evaluation.base, { retentionMonths: 24 }), 409, 'evaluation-purged');
      expectProblem(await facilitator.client.post(`${evaluation.base}/transitions`, { to: 'collecting' }), 409, 'evaluation-purged');
      expectProblem(await new Respondent(t).client.get(`/r/${personal.token}/my-answers`), 404, 'link-invalid');
      await forgetFailedLookups(t);
      // The collection moves on to its report as usual.
      await move(evaluation.base, 'reporting', 'closed');
    });

    it('lets a later evaluation compare itself with the kept analysis', async () => {
      const path = `/workspaces/${workspaceId}/organizations/${organizationId}/evaluations`;
      const later = await facilitator.client.post(path, {
        frameworkVersionId: socle.versionId,
        title: 'Évaluation suivante',
        opensAt: new Date(closesAt.getTime() + 86_400_000).toISOString(),
        closesAt: new Date(closesAt.getTime() + 2 * MONTH).toISOString(),
        groups: [{ groupKey: 'volunteers', expectedCount: 20, anonymity: 'anonymous' }],
      });
      expect(later.status).toBe(201);
      const analysis = await facilitator.client.get(`${path}/${later.body.id as string}/analysis`);
      expect(analysis.status).toBe(200);
      expect(JSON.stringify(analysis.body.comparison)).toContain(evaluation.evaluation.id);
    });
  });

  describe('an organization’s data: export and deletion request', () => {
    let evaluation: CollectingEvaluation;

    beforeAll(async () => {
      evaluation = await collectingEvaluation(facilitator, workspaceId, organizationId, socle, {
        title: 'Évaluation exportée',
        groups: [
          { groupKey: 'staff', expectedCount: 8, anonymity: 'confidential' },
          { groupKey: 'board', expectedCount: 4, anonymity: 'named' },
        ],
      });
      const staff = await questionnaire(evaluation.base, 'staff');
      await submit((await personalLink(facilitator, evaluation.base, 'staff', { label: 'Identité Confidentielle' })).token, filledData(staff.survey));
      const boardQuestionnaire = await questionnaire(evaluation.base, 'board');
      await submit((await sharedLink(facilitator, evaluation.base, 'board')).token, filledData(boardQuestionnaire.survey), { name: 'Martine, présidente' });
      expect((await contact.client.patch(`/workspaces/${workspaceId}/organizations/${organizationId}`, { description: '=HYPERLINK("http://evil.example","clic")' })).status).toBe(200);
    });

    const exportPath = (format: 'json' | 'zip', org = organizationId) => `/workspaces/${workspaceId}/organizations/${org}/data-export.${format}`;
    const download = (client: ApiClient, path: string) => client.agent.get(`/api/v1${path}`).buffer(true).parse(binaryBody);

    it('gives the organization’s contact everything but individual answers, and says what was withheld', async () => {
      const res = await download(contact.client, exportPath('json'));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="regards-la-ressourcerie-du-vallon-donnees-\d{4}-\d{2}-\d{2}\.json"$/);
      const body = JSON.parse((res.body as Buffer).toString('utf8')) as { format: string; withheld: string[]; tables: Record<string, Array<Record<string, unknown>>> };
      expect(body.format).toBe('regards.organization-export');
      expect(Object.keys(body.tables)).toEqual([
        'organization',
        'organization_members',
        'evaluations',
        'evaluation_groups',
        'retained_analyses',
        'collective_sessions',
        'consensus_answers',
        'reports',
        'report_sections',
        'report_validations',
        'report_versions',
      ]);
      expect(body.tables['organization']).toEqual([expect.objectContaining({ id: organizationId, name: 'La Ressourcerie du Vallon' })]);
      expect(body.tables['evaluations']!.map((e) => e['title'])).toEqual(expect.arrayContaining(['Évaluation exportée', 'Évaluation à oublier']));
      expect(body.tables['organization_members']!.map((m) => m['email']).sort()).toEqual([board.email, contact.email].sort());
      expect(body.withheld).toHaveLength(3);
      const text = JSON.stringify(body);
      for (const secret of ['Identité Confidentielle', 'Martine, présidente', 'token_hash', 'Le Jardin partagé']) expect(text).not.toContain(secret);

      const [event] = (await audit('organization.data-exported')).slice(-1);
      expect(event).toMatchObject({ actor_user_id: contact.id, target_id: organizationId, data: { format: 'json', individualAnswers: false } });
    });

    it('gives the network’s facilitators the individual answers too, with names for named groups only', async () => {
      const res = await download(facilitator.client, exportPath('json'));
      expect(res.status).toBe(200);
      const body = JSON.parse((res.body as Buffer).toString('utf8')) as { withheld: string[]; tables: Record<string, Array<Record<string, unknown>>> };
      const submissions = body.tables['submissions']!.filter((s) => s['evaluation_id'] === evaluation.evaluation.id);
      expect(submissions.map((s) => [s['group_key'], s['respondent_name']]).sort()).toEqual([
        ['board', 'Martine, présidente'],
        ['staff', null],
      ]);
      expect(body.withheld).toHaveLength(2);
      expect(JSON.stringify(body.tables['submissions'])).not.toContain('Identité Confidentielle');
    });

    it('packs the same tables as CSV files in a zip, formulas neutralised', async () => {
      const res = await download(facilitator.client, exportPath('zip'));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      const files = unzipSync(new Uint8Array(res.body as Buffer));
      const names = Object.keys(files).map((name) => name.replace(/^[^/]+\//, ''));
      expect(names).toEqual(expect.arrayContaining(['README.txt', 'organization.csv', 'evaluations.csv', 'submissions.csv', 'collection_links.csv', 'report_versions.csv']));
      const csv = (name: string) => parseCsv(Buffer.from(files[Object.keys(files).find((f) => f.endsWith(`/${name}`))!]!), ',');
      const organization = csv('organization.csv');
      const header = organization[0]!.map((f) => f.value);
      const description = organization[1]![header.indexOf('description')]!.value;
      expect(description).toBe(spreadsheetCell('=HYPERLINK("http://evil.example","clic")'));
      expect(description.startsWith('=')).toBe(false);
      const json = JSON.parse((await download(facilitator.client, exportPath('json'))).body.toString('utf8')) as { tables: Record<string, unknown[]> };
      expect(csv('submissions.csv').length - 1).toBe(json.tables['submissions']!.length);
      expect(strFromU8(files[Object.keys(files).find((f) => f.endsWith('README.txt'))!]!)).toContain('submissions.csv');
    });

    it('refuses the export to a board member and another organization’s contact as if the organization did not exist, and to a viewer of the network', async () => {
      const viewer = await createUser(t);
      await addMember(t, workspaceId, viewer, 'viewer');
      for (const [who, client, path, status] of [
        ['board', board.client, exportPath('json'), 404],
        ['viewer', viewer.client, exportPath('zip'), 403],
        ['other contact', otherContact.client, exportPath('json'), 404],
        ['contact, other organization', contact.client, exportPath('json', otherOrganizationId), 404],
      ] as const) {
        expect({ who, status: (await client.get(path)).status }).toEqual({ who, status });
      }
    });

    it('records a deletion request with its reason, refuses a second one and bad input, and lets it be withdrawn', async () => {
      const path = `/workspaces/${workspaceId}/organizations/${organizationId}/deletion-request`;
      for (const body of [{}, { reason: '' }, { reason: 'x'.repeat(1001) }, { reason: 'ok', deletionRequestedAt: '2020-01-01' }]) {
        const fingerprint = await databaseFingerprint(t);
        const res = await contact.client.post(path, body);
        expectProblem(res, 400, 'validation-failed');
        expect(await databaseFingerprint(t)).toEqual(fingerprint);
      }
      expect((await board.client.post(path, { reason: 'Le bureau le veut.' })).status).toBe(404);

      const asked = await contact.client.post(path, { reason: 'La structure cesse son activité.' });
      expect(asked.status).toBe(201);
      expect(asked.body.deletionRequest).toEqual({ requestedAt: expect.any(String), requestedBy: contact.id, reason: 'La structure cesse son activité.' });
      expectProblem(await contact.client.post(path, { reason: 'Encore.' }), 409, 'conflict');
      // The workspace's admins, who carry it out, are told by e-mail, with the reason and the page.
      const mail = mails.find((m) => m.to.includes(admin.email) && m.raw.includes('La structure cesse son activ'));
      expect(mail?.raw.replace(/=\r?\n/g, '')).toContain(`https://regards.example.org/w/${workspaceId}/organizations/${organizationId}`);
      expect(mails.filter((m) => !m.to.includes(admin.email))).toEqual([]);
      expect((await admin.client.get(`/workspaces/${workspaceId}/organizations/${organizationId}`)).body.deletionRequest.reason).toBe('La structure cesse son activité.');

      const withdrawn = await contact.client.delete(path);
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.deletionRequest).toBeNull();
      expectProblem(await contact.client.delete(path), 409, 'conflict');
      expect((await audit('organization.deletion-requested')).at(-1)).toMatchObject({ actor_user_id: contact.id, target_id: organizationId });
      expect((await audit('organization.deletion-withdrawn')).at(-1)).toMatchObject({ actor_user_id: contact.id, target_id: organizationId });
    });

    it('is carried out by a workspace admin: every table of the organization emptied, the other organization untouched', async () => {
      const path = `/workspaces/${workspaceId}/organizations/${organizationId}`;
      expect((await contact.client.post(`${path}/deletion-request`, { reason: 'Dissolution votée en AG.' })).status).toBe(201);
      expect((await facilitator.client.delete(path)).status).toBe(403);
      const otherBefore = await count(`SELECT 1 FROM organization WHERE id = $1`, [otherOrganizationId]);
      expect((await admin.client.delete(path)).status).toBe(204);
      expect(await count(`SELECT 1 FROM organization WHERE id = $1`, [organizationId])).toBe(0);
      expect(await count(`SELECT 1 FROM evaluation WHERE organization_id = $1`, [organizationId])).toBe(0);
      expect(await count(`SELECT 1 FROM submission s WHERE NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.id = s.evaluation_id)`, [])).toBe(0);
      expect(await count(`SELECT 1 FROM organization_member WHERE organization_id = $1`, [organizationId])).toBe(0);
      expect(await count(`SELECT 1 FROM organization WHERE id = $1`, [otherOrganizationId])).toBe(otherBefore);
      expect((await contact.client.get(exportPath('json'))).status).toBe(404);
    });
  });
});
