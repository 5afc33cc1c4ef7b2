import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { isSessionCode, type Questionnaire, type QuestionnaireQuestion } from '#domain';
import { sha256Hex } from '../../apps/api/src/modules/auth/tokens.js';
import { JOIN_MAX_FAILURES } from '../../apps/api/src/modules/sessions/sessions.service.js';
import { isOpenCodeCollision } from '../../apps/api/src/modules/sessions/session-code.js';
import { addMember, addOrganizationMember, createOrganization, createUser, createWorkspace, databaseFingerprint, type TestUser } from '../support/factories.js';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app.js';

interface SessionBody {
  id: string;
  groupKey: string;
  title: string | null;
  code: string;
  status: 'open' | 'closed';
  consensus: boolean;
  openedAt: string;
  closedAt: string | null;
  joinPath: string;
  counts: { joined: number; answering: number; submitted: number; expected: number };
}
interface ConsensusBody {
  questionKey: string;
  indicatorKey: string;
  value: unknown;
  reasons: string;
  recordedBy: string | null;
  recordedAt: string;
}
interface ProblemBody {
  code: string;
  detail: string;
  errors?: Array<{ path: string; code: string; message: string }>;
}

const DAY = 24 * 60 * 60 * 1000;

/** The fields a problem names, once each (one field may break several rules). */
const pathsOf = (problem: ProblemBody) => [...new Set(problem.errors?.map((e) => e.path) ?? [])];

describe('collective sessions', () => {
  let t: TestApp;
  let admin: TestUser;
  let facilitator: TestUser;
  let viewer: TestUser;
  let contact: TestUser;
  let outsider: TestUser;
  let workspaceId: string;
  let organizationId: string;
  let versionId: string;
  let base: string;
  let evaluationId: string;
  let sessions: string;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
    admin = await createUser(t);
    workspaceId = await createWorkspace(t, admin, 'Réseau des séances');
    organizationId = await createOrganization(t, workspaceId, 'Le Jardin partagé');
    facilitator = await createUser(t);
    await addMember(t, workspaceId, facilitator, 'facilitator');
    viewer = await createUser(t);
    await addMember(t, workspaceId, viewer, 'viewer');
    contact = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
    outsider = await createUser(t);
    const otherWorkspace = await createWorkspace(t, outsider, 'Un autre réseau');
    expect(otherWorkspace).toBeDefined();

    const frameworks = await admin.client.get(`/workspaces/${workspaceId}/frameworks`);
    const socle = (frameworks.body as Array<{ builtinKey: string | null; latestPublished: { id: string } }>).find((f) => f.builtinKey === 'socle-commun')!;
    versionId = socle.latestPublished.id;
    base = `/workspaces/${workspaceId}/organizations/${organizationId}/evaluations`;
    evaluationId = await collectingEvaluation('Évaluation 2026 du Jardin');
    sessions = `${base}/${evaluationId}/sessions`;
  });
  afterAll(async () => {
    await t.close();
  });

  /** An evaluation collecting now (opened yesterday, closing in a month), with two anonymous groups. */
  async function collectingEvaluation(title: string, dates = { opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + 30 * DAY) }): Promise<string> {
    const created = await facilitator.client.post(base, {
      frameworkVersionId: versionId,
      title,
      opensAt: dates.opensAt.toISOString(),
      closesAt: dates.closesAt.toISOString(),
      groups: [
        { groupKey: 'volunteers', expectedCount: 12, anonymity: 'anonymous' },
        { groupKey: 'beneficiaries', expectedCount: 20, anonymity: 'anonymous' },
      ],
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    await transition(id, 'collecting');
    return id;
  }

  async function transition(id: string, to: string): Promise<void> {
    const res = await facilitator.client.post(`${base}/${id}/transitions`, { to });
    expect({ to, status: res.status }).toEqual({ to, status: 200 });
  }

  async function open(body: Record<string, unknown>, path = sessions): Promise<SessionBody> {
    const res = await facilitator.client.post(path, body);
    expect({ status: res.status, body: res.body as unknown }).toEqual({ status: 201, body: expect.anything() });
    return res.body as SessionBody;
  }

  function put(client: ApiClient, path: string, body: unknown) {
    return client.send('put', path, body);
  }

  /** A participant's phone: no account, its own cookies (CSRF included). */
  function join(body: Record<string, unknown>, client: ApiClient = t.client()) {
    return client.post('/s/join', body);
  }

  function auditOf(sessionId: string, action: string): Promise<Array<{ actor_user_id: string | null; workspace_id: string | null; data: Record<string, unknown> }>> {
    return t.dataSource.query(
      `SELECT actor_user_id, workspace_id, data FROM audit_event WHERE target_type = 'collective_session' AND target_id = $1 AND action = $2 ORDER BY created_at, id`,
      [sessionId, action],
    );
  }

  async function insertSubmission(session: SessionBody, status: 'partial' | 'submitted', excluded = false): Promise<void> {
    await t.dataSource.query(
      `INSERT INTO submission (workspace_id, evaluation_id, group_key, client_id, session_id, channel, status, locale, data, started_at, updated_at, submitted_at,
                               excluded_at, excluded_by, exclusion_reason)
       VALUES ($1, $2, $3, $4, $5, 'session', $6, 'fr', '{}', now(), now(), $7, $8, $9, $10)`,
      [
        workspaceId,
        evaluationId,
        session.groupKey,
        randomUUID(),
        session.id,
        status,
        status === 'submitted' ? new Date() : null,
        excluded ? new Date() : null,
        excluded ? facilitator.id : null,
        excluded ? 'Doublon' : null,
      ],
    );
  }

  describe('opening and reading', () => {
    it('opens a session for a group with a fresh code and zero counts, lists it and reads it, and audits the opening', async () => {
      const session = await open({ groupKey: 'volunteers', title: 'Atelier des bénévoles' });
      expect(session).toMatchObject({
        groupKey: 'volunteers',
        title: 'Atelier des bénévoles',
        status: 'open',
        consensus: false,
        closedAt: null,
        counts: { joined: 0, answering: 0, submitted: 0, expected: 12 },
      });
      expect(isSessionCode(session.code)).toBe(true);
      expect(session.joinPath).toBe(`/s/${session.code}`);

      const list = await facilitator.client.get(sessions);
      expect(list.status).toBe(200);
      expect((list.body as SessionBody[]).map((s) => s.id)).toContain(session.id);
      const one = await admin.client.get(`${sessions}/${session.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toEqual(session);

      const audit = await auditOf(session.id, 'session.opened');
      expect(audit).toEqual([
        { actor_user_id: facilitator.id, workspace_id: workspaceId, data: { evaluationId, groupKey: 'volunteers', title: 'Atelier des bénévoles', consensus: false, code: session.code } },
      ]);
    });

    it('gives each open session its own code', async () => {
      const opened = await Promise.all([1, 2, 3, 4].map(() => open({ groupKey: 'beneficiaries' })));
      expect(new Set(opened.map((s) => s.code)).size).toBe(4);
    });

    it('refuses viewers, organization members, strangers and anonymous callers', async () => {
      const session = await open({ groupKey: 'volunteers' });
      const before = await databaseFingerprint(t);
      expect((await viewer.client.post(sessions, { groupKey: 'volunteers' })).status).toBe(403);
      expect((await viewer.client.get(`${sessions}/${session.id}`)).status).toBe(403);
      expect((await viewer.client.post(`${sessions}/${session.id}/close`)).status).toBe(403);
      expect((await contact.client.get(sessions)).status).toBe(404);
      expect((await contact.client.post(`${sessions}/${session.id}/close`)).status).toBe(404);
      expect((await outsider.client.get(`${sessions}/${session.id}`)).status).toBe(404);
      expect((await t.client().get(`${sessions}/${session.id}`)).status).toBe(401);
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('answers 404 for a session of another evaluation and 400 for an id that is no UUID', async () => {
      const otherEvaluation = await collectingEvaluation('Une autre évaluation');
      const elsewhere = await open({ groupKey: 'volunteers' }, `${base}/${otherEvaluation}/sessions`);
      const res = await facilitator.client.get(`${sessions}/${elsewhere.id}`);
      expect({ status: res.status, code: (res.body as ProblemBody).code }).toEqual({ status: 404, code: 'not-found' });
      expect((await facilitator.client.post(`${sessions}/${elsewhere.id}/close`)).status).toBe(404);
      const bad = await facilitator.client.get(`${sessions}/not-a-uuid`);
      expect({ status: bad.status, code: (bad.body as ProblemBody).code }).toEqual({ status: 400, code: 'invalid-id' });
    });

    it('refuses bad input with the field at fault and writes nothing', async () => {
      const before = await databaseFingerprint(t);
      const cases: Array<[Record<string, unknown>, number, string, string]> = [
        [{ groupKey: 'staff' }, 400, 'validation-failed', 'groupKey'],
        [{ groupKey: 'martians' }, 400, 'validation-failed', 'groupKey'],
        [{}, 400, 'validation-failed', 'groupKey'],
        [{ groupKey: 'volunteers', consensus: 'yes' }, 400, 'validation-failed', 'consensus'],
        [{ groupKey: 'volunteers', title: 'x'.repeat(201) }, 400, 'validation-failed', 'title'],
        [{ groupKey: 'volunteers', title: null }, 400, 'validation-failed', 'title'],
        [{ groupKey: 'volunteers', code: 'AAAAAA' }, 400, 'validation-failed', 'code'],
      ];
      for (const [body, status, code, path] of cases) {
        const res = await facilitator.client.post(sessions, body);
        const problem = res.body as ProblemBody;
        expect({ body, status: res.status, code: problem.code, paths: pathsOf(problem) }).toEqual({
          body,
          status,
          code,
          paths: expect.arrayContaining([path]),
        });
      }
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('opens sessions only while the evaluation is collecting, between its dates', async () => {
      const draft = await facilitator.client.post(base, {
        frameworkVersionId: versionId,
        title: 'Brouillon',
        opensAt: new Date(Date.now() - DAY).toISOString(),
        closesAt: new Date(Date.now() + DAY).toISOString(),
        groups: [{ groupKey: 'volunteers', expectedCount: 3, anonymity: 'anonymous' }],
      });
      const draftId = (draft.body as { id: string }).id;
      const past = await collectingEvaluation('Collecte passée', { opensAt: new Date(Date.now() - 60 * DAY), closesAt: new Date(Date.now() - 30 * DAY) });
      const before = await databaseFingerprint(t);

      const locked = await facilitator.client.post(`${base}/${draftId}/sessions`, { groupKey: 'volunteers' });
      expect({ status: locked.status, code: (locked.body as ProblemBody).code, evaluationStatus: (locked.body as { evaluationStatus: string }).evaluationStatus }).toEqual({
        status: 409,
        code: 'evaluation-locked',
        evaluationStatus: 'draft',
      });
      const closed = await facilitator.client.post(`${base}/${past}/sessions`, { groupKey: 'volunteers' });
      expect({ status: closed.status, code: (closed.body as ProblemBody).code }).toEqual({ status: 410, code: 'collection-closed' });
      expect((closed.body as ProblemBody).detail).toContain('Change the dates first');
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('lets the unique index refuse a code already held by an open session, which is what the retry recognises', async () => {
      const session = await open({ groupKey: 'volunteers' });
      const duplicate = t.dataSource.query(
        `INSERT INTO collective_session (workspace_id, evaluation_id, group_key, code, status) VALUES ($1, $2, 'volunteers', $3, 'open')`,
        [workspaceId, evaluationId, session.code],
      );
      const error = await duplicate.then(
        () => null,
        (e: unknown) => e,
      );
      expect(isOpenCodeCollision(error)).toBe(true);
    });
  });

  describe('joining', () => {
    it('issues a session link of its own to each participant, kiosk or not, and counts them', async () => {
      const session = await open({ groupKey: 'volunteers' });
      const typed = `${session.code.slice(0, 3).toLowerCase()} ${session.code.slice(3)}`;
      const phone = await join({ code: typed });
      expect(phone.status).toBe(201);
      expect(phone.body).toEqual({ token: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), kiosk: false });
      expect(phone.headers['cache-control']).toBe('no-store');
      const tablet = await join({ code: session.code.replace(/(...)/, '$1-'), kiosk: true });
      expect(tablet.status).toBe(201);
      expect((tablet.body as { kiosk: boolean }).kiosk).toBe(true);

      const links = await t.dataSource.query<Array<Record<string, unknown>>>(
        `SELECT workspace_id, evaluation_id, group_key, kind, token_hash, session_id, kiosk, label, email, created_by, revoked_at
           FROM collection_link WHERE session_id = $1 ORDER BY kiosk`,
        [session.id],
      );
      const expected = { workspace_id: workspaceId, evaluation_id: evaluationId, group_key: 'volunteers', kind: 'session', session_id: session.id, label: null, email: null, created_by: null, revoked_at: null };
      expect(links).toEqual([
        { ...expected, kiosk: false, token_hash: sha256Hex((phone.body as { token: string }).token) },
        { ...expected, kiosk: true, token_hash: sha256Hex((tablet.body as { token: string }).token) },
      ]);
      const audit = await auditOf(session.id, 'session.joined');
      expect(audit).toHaveLength(2);
      expect(audit.every((row) => row.actor_user_id === null && row.workspace_id === workspaceId)).toBe(true);

      const read = await facilitator.client.get(`${sessions}/${session.id}`);
      expect((read.body as SessionBody).counts).toEqual({ joined: 2, answering: 0, submitted: 0, expected: 12 });
    });

    it('does not tie the link to whoever is logged in on the device', async () => {
      const session = await open({ groupKey: 'volunteers' });
      const res = await join({ code: session.code }, facilitator.client);
      expect(res.status).toBe(201);
      const audit = await auditOf(session.id, 'session.joined');
      expect(audit.map((row) => row.actor_user_id)).toEqual([null]);
      const links = await t.dataSource.query<Array<{ created_by: string | null }>>(`SELECT created_by FROM collection_link WHERE session_id = $1`, [session.id]);
      expect(links).toEqual([{ created_by: null }]);
    });

    it('counts partial and submitted answers of the session, excluded ones left out', async () => {
      const session = await open({ groupKey: 'beneficiaries' });
      await insertSubmission(session, 'partial');
      await insertSubmission(session, 'partial');
      await insertSubmission(session, 'submitted');
      await insertSubmission(session, 'submitted');
      await insertSubmission(session, 'submitted');
      await insertSubmission(session, 'submitted', true);
      const read = await facilitator.client.get(`${sessions}/${session.id}`);
      expect((read.body as SessionBody).counts).toEqual({ joined: 0, answering: 2, submitted: 3, expected: 20 });
    });

    it('needs the CSRF header like every POST', async () => {
      const session = await open({ groupKey: 'volunteers' });
      const bare = await t.client().agent.post('/api/v1/s/join').send({ code: session.code });
      expect({ status: bare.status, code: (bare.body as ProblemBody).code }).toEqual({ status: 403, code: 'csrf-failed' });
    });

    it('answers a wrong, malformed, closed or not collecting code with the same 404, and issues nothing', async () => {
      const closing = await open({ groupKey: 'volunteers' });
      expect((await facilitator.client.post(`${sessions}/${closing.id}/close`)).status).toBe(200);
      const paused = await collectingEvaluation('Collecte suspendue');
      const pausedSession = await open({ groupKey: 'volunteers' }, `${base}/${paused}/sessions`);
      await transition(paused, 'analysing');
      const before = await databaseFingerprint(t);

      const bodies: unknown[] = [];
      for (const code of ['222222', 'AEIOU1', '', 'x'.repeat(32), closing.code, pausedSession.code]) {
        const res = await join({ code });
        expect({ code, status: res.status }).toEqual({ code, status: 404 });
        const { instance: _instance, ...body } = res.body as Record<string, unknown>;
        bodies.push(body);
      }
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
      expect(bodies[0]).toMatchObject({ code: 'session-not-found', status: 404 });
      expect(await databaseFingerprint(t)).toEqual(before);
      await t.dataSource.query(`DELETE FROM rate_limit_bucket WHERE key LIKE 'session-join:%'`);
    });

    it('refuses a malformed body with the field at fault', async () => {
      for (const [body, path] of [
        [{}, 'code'],
        [{ code: 12345 }, 'code'],
        [{ code: 'x'.repeat(33) }, 'code'],
        [{ code: 'ABCDEF', kiosk: 'true' }, 'kiosk'],
        [{ code: 'ABCDEF', token: 'x' }, 'token'],
      ] as const) {
        const res = await join(body);
        expect({ body, status: res.status, paths: pathsOf(res.body as ProblemBody) }).toEqual({ body, status: 400, paths: [path] });
      }
    });

    it('throttles failed joins per client address, then every join from it, but never counts successful ones', async () => {
      const session = await open({ groupKey: 'volunteers' });
      // A room joining at once from one address: no limit on successes.
      for (let i = 0; i < JOIN_MAX_FAILURES + 5; i += 1) expect((await join({ code: session.code })).status).toBe(201);

      for (let i = 0; i < JOIN_MAX_FAILURES; i += 1) expect((await join({ code: '222222' })).status).toBe(404);
      const limited = await join({ code: '222222' });
      expect({ status: limited.status, code: (limited.body as ProblemBody).code }).toEqual({ status: 429, code: 'too-many-attempts' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Past the limit a right guess must not get through either.
      const right = await join({ code: session.code });
      expect(right.status).toBe(429);

      const buckets = await t.dataSource.query<Array<{ key: string }>>(`SELECT key FROM rate_limit_bucket WHERE key LIKE 'session-join:%'`);
      expect(buckets).toHaveLength(1);
      expect(buckets[0]!.key).toMatch(/^session-join:ip:[0-9a-f]{64}$/);
      await t.dataSource.query(`DELETE FROM rate_limit_bucket WHERE key LIKE 'session-join:%'`);
      expect((await join({ code: session.code })).status).toBe(201);
    });
  });

  describe('closing', () => {
    it('closes a session once, stops joins, and keeps links already issued', async () => {
      const session = await open({ groupKey: 'volunteers' });
      const joined = await join({ code: session.code });
      expect(joined.status).toBe(201);

      const closed = await facilitator.client.post(`${sessions}/${session.id}/close`);
      expect(closed.status).toBe(200);
      const body = closed.body as SessionBody;
      expect(body).toMatchObject({ id: session.id, status: 'closed', code: session.code, counts: { joined: 1 } });
      expect(Date.parse(body.closedAt!)).toBeGreaterThanOrEqual(Date.parse(session.openedAt));

      const again = await facilitator.client.post(`${sessions}/${session.id}/close`);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(body);
      expect(await auditOf(session.id, 'session.closed')).toEqual([
        { actor_user_id: facilitator.id, workspace_id: workspaceId, data: { evaluationId, code: session.code, counts: { joined: 1, answering: 0, submitted: 0, expected: 12 } } },
      ]);

      expect((await join({ code: session.code })).status).toBe(404);
      const links = await t.dataSource.query<Array<{ revoked_at: Date | null }>>(`SELECT revoked_at FROM collection_link WHERE session_id = $1`, [session.id]);
      expect(links).toEqual([{ revoked_at: null }]);
      await t.dataSource.query(`DELETE FROM rate_limit_bucket WHERE key LIKE 'session-join:%'`);
    });

    it('frees the code of a closed session for later sessions', async () => {
      const session = await open({ groupKey: 'volunteers' });
      expect((await facilitator.client.post(`${sessions}/${session.id}/close`)).status).toBe(200);
      await expect(
        t.dataSource.query(`INSERT INTO collective_session (workspace_id, evaluation_id, group_key, code, status) VALUES ($1, $2, 'volunteers', $3, 'open')`, [
          workspaceId,
          evaluationId,
          session.code,
        ]),
      ).resolves.toBeDefined();
    });
  });

  describe('consensus', () => {
    let questionnaire: Questionnaire;
    let session: SessionBody;
    let consensusPath: string;
    const byKind = (kind: string, predicate: (q: QuestionnaireQuestion) => boolean = () => true) => {
      const found = questionnaire.questions.find((q) => q.answer.kind === kind && predicate(q));
      if (!found) throw new Error(`the beneficiaries questionnaire has no ${kind} question`);
      return found;
    };

    beforeAll(async () => {
      const res = await facilitator.client.get(`${base}/${evaluationId}/questionnaires/beneficiaries?locale=fr`);
      expect(res.status).toBe(200);
      questionnaire = res.body as Questionnaire;
      session = await open({ groupKey: 'beneficiaries', consensus: true, title: 'Atelier des usager·es' });
      expect(session.consensus).toBe(true);
      consensusPath = `${sessions}/${session.id}/consensus`;
    });

    it('records an agreed answer per question with its reasons, replaces it, lists and removes it, all audited', async () => {
      const scale = byKind('scale');
      const recorded = await put(facilitator.client, `${consensusPath}/${scale.key}`, { value: 4, reasons: 'Le groupe s’accorde\u202f: l’accueil est chaleureux.\nMais les horaires sont courts.' });
      expect(recorded.status).toBe(200);
      expect(recorded.body).toEqual({
        questionKey: scale.key,
        indicatorKey: scale.indicatorKey,
        value: 4,
        reasons: 'Le groupe s’accorde\u202f: l’accueil est chaleureux.\nMais les horaires sont courts.',
        recordedBy: facilitator.id,
        recordedAt: expect.any(String),
      });

      const multiple = byKind('multiple_choice');
      const choices = multiple.answer.kind === 'multiple_choice' ? multiple.answer.choices : [];
      const many = await put(facilitator.client, `${consensusPath}/${multiple.key}`, { value: [choices[1], choices[0]] });
      expect({ status: many.status, reasons: (many.body as ConsensusBody).reasons }).toEqual({ status: 200, reasons: '' });

      const replaced = await put(admin.client, `${consensusPath}/${scale.key}`, { value: 'dont_know', reasons: 'Avis partagés' });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ value: 'dont_know', reasons: 'Avis partagés', recordedBy: admin.id });

      const list = await facilitator.client.get(consensusPath);
      expect(list.status).toBe(200);
      expect((list.body as ConsensusBody[]).map((c) => [c.questionKey, c.value])).toEqual(
        expect.arrayContaining([
          [scale.key, 'dont_know'],
          [multiple.key, [choices[1], choices[0]]],
        ]),
      );
      expect(list.body).toHaveLength(2);
      const rows = await t.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM consensus_answer WHERE session_id = $1 AND question_key = $2`, [session.id, scale.key]);
      expect(rows).toEqual([{ n: 1 }]);

      const removed = await facilitator.client.delete(`${consensusPath}/${multiple.key}`);
      expect(removed.status).toBe(204);
      const gone = await facilitator.client.delete(`${consensusPath}/${multiple.key}`);
      expect({ status: gone.status, code: (gone.body as ProblemBody).code }).toEqual({ status: 404, code: 'not-found' });
      expect(((await facilitator.client.get(consensusPath)).body as ConsensusBody[]).map((c) => c.questionKey)).toEqual([scale.key]);

      const recordedAudit = await auditOf(session.id, 'session.consensus-recorded');
      expect(recordedAudit.map((row) => [row.actor_user_id, row.data['questionKey'], row.data['value'], row.data['previousValue']])).toEqual([
        [facilitator.id, scale.key, 4, null],
        [facilitator.id, multiple.key, [choices[1], choices[0]], null],
        [admin.id, scale.key, 'dont_know', 4],
      ]);
      const removedAudit = await auditOf(session.id, 'session.consensus-removed');
      expect(removedAudit.map((row) => row.data['questionKey'])).toEqual([multiple.key]);
    });

    it('accepts an answer to a question shown only under a condition: the group answers it on purpose', async () => {
      const conditional = questionnaire.questions.find((q) => q.visibleIf !== null && q.answer.kind === 'multiple_choice');
      expect(conditional).toBeDefined();
      const choices = conditional!.answer.kind === 'multiple_choice' ? conditional!.answer.choices : [];
      const res = await put(facilitator.client, `${consensusPath}/${conditional!.key}`, { value: [choices[0]], reasons: '' });
      expect(res.status).toBe(200);
    });

    it('refuses a value that does not fit the question with 422 and its path, and writes nothing', async () => {
      const scale = byKind('scale', (q) => !q.dontKnow);
      const single = byKind('single_choice');
      const multiple = byKind('multiple_choice');
      const text = byKind('text');
      const spec = scale.answer.kind === 'scale' ? scale.answer : { min: 1, max: 5 };
      const before = await databaseFingerprint(t);
      const cases: Array<[string, unknown, string, string]> = [
        [scale.key, '4', 'value', 'invalid_type'],
        [scale.key, spec.max + 1, 'value', 'out_of_range'],
        [scale.key, 2.5, 'value', 'not_integer'],
        [scale.key, [3], 'value', 'invalid_type'],
        [scale.key, 'dont_know', 'value', 'dont_know_not_offered'],
        [scale.key, '', 'value', 'required'],
        [single.key, 'pas_une_option', 'value', 'choice_not_offered'],
        [multiple.key, [multiple.answer.kind === 'multiple_choice' ? multiple.answer.choices[0] : '', 'pas_une_option'], 'value[1]', 'choice_not_offered'],
        [multiple.key, [], 'value', 'required'],
        [text.key, 'a\u0000b', 'value', 'nul_character'],
        [text.key, 'x'.repeat(10_001), 'value', 'text_too_long'],
        [text.key, { nested: true }, 'value', 'invalid_type'],
      ];
      for (const [key, value, path, code] of cases) {
        const res = await put(facilitator.client, `${consensusPath}/${key}`, { value });
        const problem = res.body as ProblemBody;
        expect({ key, value: JSON.stringify(value).slice(0, 40), status: res.status, code: problem.code, errors: problem.errors?.map((e) => [e.path, e.code]) }).toEqual({
          key,
          value: JSON.stringify(value).slice(0, 40),
          status: 422,
          code: 'invalid-answers',
          errors: [[path, code]],
        });
      }
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('refuses a missing value, over-long reasons, unknown fields and unknown questions', async () => {
      const scale = byKind('scale');
      const before = await databaseFingerprint(t);
      const validation: Array<[unknown, string]> = [
        [{ reasons: 'sans valeur' }, 'value'],
        [{ value: null }, 'value'],
        [{ value: 3, reasons: 'x'.repeat(5001) }, 'reasons'],
        [{ value: 3, reasons: 42 }, 'reasons'],
        [{ value: 3, indicatorKey: 'autre' }, 'indicatorKey'],
      ];
      for (const [body, path] of validation) {
        const res = await put(facilitator.client, `${consensusPath}/${scale.key}`, body);
        expect({ body, status: res.status, paths: pathsOf(res.body as ProblemBody) }).toEqual({ body, status: 400, paths: [path] });
      }
      const unknown = await put(facilitator.client, `${consensusPath}/q_inexistante`, { value: 3 });
      expect({ status: unknown.status, code: (unknown.body as ProblemBody).code }).toEqual({ status: 404, code: 'not-found' });
      expect((unknown.body as ProblemBody).detail).toContain('q_inexistante');
      // A question of the framework that this group is not asked.
      const staffOnly = await put(facilitator.client, `${consensusPath}/q_conditions_travail`, { value: 3 });
      expect(staffOnly.status).toBe(404);
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('is refused outside consensus mode, to viewers and outsiders, and once the evaluation stops collecting', async () => {
      const scale = byKind('scale');
      const plain = await open({ groupKey: 'beneficiaries' });
      const before = await databaseFingerprint(t);
      const notConsensus = await put(facilitator.client, `${sessions}/${plain.id}/consensus/${scale.key}`, { value: 3 });
      expect({ status: notConsensus.status, code: (notConsensus.body as ProblemBody).code }).toEqual({ status: 409, code: 'conflict' });
      expect((await put(viewer.client, `${consensusPath}/${scale.key}`, { value: 3 })).status).toBe(403);
      expect((await viewer.client.get(consensusPath)).status).toBe(403);
      expect((await put(contact.client, `${consensusPath}/${scale.key}`, { value: 3 })).status).toBe(404);
      expect((await outsider.client.get(consensusPath)).status).toBe(404);
      expect(await databaseFingerprint(t)).toEqual(before);

      const separate = await collectingEvaluation('Collecte bientôt analysée');
      const separateSessions = `${base}/${separate}/sessions`;
      const workshop = await open({ groupKey: 'beneficiaries', consensus: true }, separateSessions);
      expect((await put(facilitator.client, `${separateSessions}/${workshop.id}/consensus/${scale.key}`, { value: 3 })).status).toBe(200);
      await transition(separate, 'analysing');
      const afterCollecting = await databaseFingerprint(t);
      const locked = await put(facilitator.client, `${separateSessions}/${workshop.id}/consensus/${scale.key}`, { value: 2 });
      expect({ status: locked.status, code: (locked.body as ProblemBody).code }).toEqual({ status: 409, code: 'evaluation-locked' });
      const lockedDelete = await facilitator.client.delete(`${separateSessions}/${workshop.id}/consensus/${scale.key}`);
      expect(lockedDelete.status).toBe(409);
      expect(await databaseFingerprint(t)).toEqual(afterCollecting);
      // Reading stays possible, and the session can still be closed.
      expect(((await facilitator.client.get(`${separateSessions}/${workshop.id}/consensus`)).body as ConsensusBody[]).map((c) => c.value)).toEqual([3]);
      expect((await facilitator.client.post(`${separateSessions}/${workshop.id}/close`)).status).toBe(200);
    });
  });
});
