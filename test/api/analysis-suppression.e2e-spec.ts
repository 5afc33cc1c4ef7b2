import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnalysisPayload, CustomQuestion, NormalisedAnswer, StakeholderGroupKey } from '#domain';
import {
  analysisFramework,
  evaluationForAnalysis,
  groupQuestions,
  publishedFramework,
  randomAnswers,
  seeded,
  writeSubmission,
  type CreatedEvaluation,
  type SubmissionFate,
} from '../support/analysis.js';
import { expectProblem } from '../support/collection.js';
import { addMember, addOrganizationMember, createOrganization, createUser, createWorkspace, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Payload = AnalysisPayload & { groupFilter: StakeholderGroupKey | null };
type AnyCell = { suppressed: true; reason: string } | { suppressed: false; n: number; mean?: number | null; distribution?: Array<{ value: string; count: number }> };
interface Row {
  what: string;
  cells: Record<string, AnyCell>;
  /** the submissions this row is about, by group, counted from what was written */
  truth: Map<string, number>;
}

const K = 5;
/** Submitted submissions per group; the partners are one short of k, with partial and excluded ones that must not count. */
const SIZES: Record<string, number> = { self_assessment: 5, staff: 9, volunteers: 6, beneficiaries: 12, partners: K - 1 };
const content = analysisFramework();
/** The organization's own question, asked of the partners and of three larger groups. */
const PARTNERS_QUESTION: CustomQuestion = {
  dimensionKey: 'lien_social',
  indicator: {
    key: 'avis_partage',
    title: { fr: 'Un avis partagé' },
    level: 'resultat',
    kind: 'scale',
    scale: { min: 1, max: 5 },
    scoring: { rule: 'linear', reverse: false },
    dontKnow: 'not_offered',
    questions: [
      {
        key: 'q_avis_partage',
        audiences: ['staff', 'volunteers', 'beneficiaries', 'partners'],
        wording: { staff: { fr: 'Votre avis ?' }, volunteers: { fr: 'Votre avis ?' }, beneficiaries: { fr: 'Votre avis ?' }, partners: { fr: 'Votre avis ?' } },
        required: false,
      },
    ],
  },
};

interface Written {
  id: string;
  groupKey: StakeholderGroupKey;
  fate: SubmissionFate;
  answers: NormalisedAnswer[];
}

/**
 * Attacks on anonymity through the HTTP API, as someone who can read the dashboard would try
 * them: read a small group's figures, subtract the visible groups from "all", filter on the
 * small group, read it as a member of another organization, push a group under k by excluding
 * submissions, count partial ones.
 */
describe('analysis: anonymity holds against attacks through the API', () => {
  let t: TestApp;
  let admin: TestUser;
  let workspaceId: string;
  let organizationId: string;
  let evaluation: CreatedEvaluation;
  let written: Written[];
  let payload: Payload;
  const people: Record<'boardA' | 'contactA' | 'viewer' | 'boardB' | 'contactB', TestUser> = {} as never;

  const questionDimension = new Map<string, string>();
  const truth = (predicate: (answer: NormalisedAnswer) => boolean): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const submission of written) {
      if (submission.fate !== 'submitted') continue;
      if (!submission.answers.some((a) => a.part === 'answer' && predicate(a))) continue;
      counts.set(submission.groupKey, (counts.get(submission.groupKey) ?? 0) + 1);
      counts.set('all', (counts.get('all') ?? 0) + 1);
    }
    return counts;
  };
  /** Every row of figures in a payload: indicators, their questions, dimensions. */
  const rows = (p: Payload): Row[] => [
    ...p.indicators.map((i) => ({ what: `indicator ${i.key}`, cells: i.cells as Record<string, AnyCell>, truth: truth((a) => a.indicatorKey === i.key) })),
    ...p.indicators.flatMap((i) =>
      i.questions.map((q) => ({ what: `question ${q.key}`, cells: q.cells as Record<string, AnyCell>, truth: truth((a) => a.questionKey === q.key) })),
    ),
    ...p.dimensions.map((d) => ({ what: `dimension ${d.key}`, cells: d.cells as Record<string, AnyCell>, truth: truth((a) => questionDimension.get(a.questionKey) === d.key) })),
  ];
  const read = async (who: TestUser, query = ''): Promise<Payload> => {
    const res = await who.client.get(`${evaluation.base}/analysis${query}`);
    expect({ status: res.status, type: res.type }).toEqual({ status: 200, type: 'application/json' });
    return res.body as Payload;
  };
  const withoutTime = ({ computedAt: _c, ...rest }: Payload) => rest;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
    admin = await createUser(t);
    workspaceId = await createWorkspace(t, admin);
    organizationId = await createOrganization(t, workspaceId, 'Ressourcerie');
    const otherOrganizationId = await createOrganization(t, workspaceId, 'Autre structure');
    for (const [name, role, organization] of [
      ['boardA', 'board', organizationId],
      ['contactA', 'contact', organizationId],
      ['boardB', 'board', otherOrganizationId],
      ['contactB', 'contact', otherOrganizationId],
    ] as const) {
      people[name] = await createUser(t);
      await addOrganizationMember(t, workspaceId, organization, people[name], role);
    }
    people.viewer = await createUser(t);
    await addMember(t, workspaceId, people.viewer, 'viewer');

    const { versionId } = await publishedFramework(admin, workspaceId, content);
    evaluation = await evaluationForAnalysis(admin, workspaceId, organizationId, versionId, content, {
      groups: Object.entries(SIZES).map(([groupKey, size]) => ({
        groupKey: groupKey as StakeholderGroupKey,
        expectedCount: size + 3,
        anonymity: groupKey === 'self_assessment' || groupKey === 'partners' ? 'confidential' : 'anonymous',
      })),
      k: K,
      customQuestions: [PARTNERS_QUESTION],
    });
    for (const group of evaluation.structure.groups) for (const q of groupQuestions(evaluation.structure, group.groupKey)) questionDimension.set(q.key, q.dimensionKey);

    written = [];
    let seed = 1;
    const add = async (groupKey: StakeholderGroupKey, fate: SubmissionFate) => {
      // Every question answered: each group's n is its size, so the small group is in every row it is asked.
      const answers = randomAnswers(groupQuestions(evaluation.structure, groupKey), seeded(seed++), { skip: 0 });
      written.push({ id: await writeSubmission(t, workspaceId, evaluation.id, groupKey, answers, fate), groupKey, fate, answers });
    };
    for (const [groupKey, size] of Object.entries(SIZES)) for (let i = 0; i < size; i += 1) await add(groupKey as StakeholderGroupKey, 'submitted');
    // Started, or taken out by the facilitator: neither may lift the partners to k.
    await add('partners', 'partial');
    await add('partners', 'partial');
    await add('partners', 'excluded');
    payload = await read(admin);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('withholds every figure of a group with fewer than k submissions, while saying how many took part', () => {
    const partners = payload.participation.find((p) => p.groupKey === 'partners');
    expect(partners).toEqual({ groupKey: 'partners', expected: SIZES.partners! + 3, submitted: K - 1, excluded: 1, partial: 2, responseRate: expect.any(Number), suppressed: true });
    let seen = 0;
    for (const row of rows(payload)) {
      if (!('partners' in row.cells)) continue;
      seen += 1;
      expect({ row: row.what, cell: row.cells['partners'] }).toEqual({ row: row.what, cell: { suppressed: true, reason: 'under-k' } });
    }
    expect(seen).toBeGreaterThan(5);
    for (const gap of payload.crossed.gaps) expect(gap.groupKey).not.toBe('partners');
    // Visible groups do show their figures (the attack below has something to subtract).
    expect(payload.participation.filter((p) => p.suppressed).map((p) => p.groupKey)).toEqual(['partners']);
    const staff = payload.indicators.find((i) => i.key === 'sentiment_ecoute')!.cells['staff'] as AnyCell;
    expect(staff).toMatchObject({ suppressed: false, n: SIZES.staff });
  });

  it('never lets a withheld figure be computed by subtracting the visible groups from "all"', () => {
    let attacked = 0;
    for (const row of rows(payload)) {
      const groups = Object.keys(row.cells).filter((column) => column !== 'all');
      const hidden = groups.filter((g) => row.cells[g]!.suppressed && (row.truth.get(g) ?? 0) > 0);
      const all = row.cells['all'];
      if (hidden.length === 0 || !all || all.suppressed) continue;
      attacked += 1;
      // all − Σ visible gives the withheld cells together: it must be about k people or more.
      const visible = groups.filter((g) => !row.cells[g]!.suppressed).map((g) => row.cells[g] as Extract<AnyCell, { suppressed: false }>);
      const derivedN = all.n - visible.reduce((sum, c) => sum + c.n, 0);
      const hiddenN = hidden.reduce((sum, g) => sum + row.truth.get(g)!, 0);
      expect({ row: row.what, hidden, derivedN, atLeastK: derivedN >= K }).toEqual({ row: row.what, hidden, derivedN: hiddenN, atLeastK: true });
    }
    expect(attacked).toBeGreaterThan(1);
    // No row leaves the partners alone withheld beside a visible "all".
    for (const row of rows(payload)) {
      const withheld = Object.keys(row.cells).filter((c) => c !== 'all' && row.cells[c]!.suppressed && (row.truth.get(c) ?? 0) > 0);
      if (withheld.length === 1 && withheld[0] === 'partners') expect({ row: row.what, all: row.cells['all'] }).toEqual({ row: row.what, all: expect.objectContaining({ suppressed: true }) });
    }
  });

  it('withholds the next smallest group, or "all", when one withheld group could otherwise be recovered', () => {
    const question = (key: string) => payload.indicators.flatMap((i) => i.questions).find((q) => q.key === key)!.cells as Record<string, AnyCell>;
    // Partners (4) beside volunteers (6), staff (9) and beneficiaries (12): the volunteers are withheld with them.
    expect(question('q_avis_partage')).toEqual({
      staff: expect.objectContaining({ suppressed: false, n: SIZES.staff }),
      volunteers: { suppressed: true, reason: 'complementary' },
      beneficiaries: expect.objectContaining({ suppressed: false, n: SIZES.beneficiaries }),
      partners: { suppressed: true, reason: 'under-k' },
      all: expect.objectContaining({ suppressed: false, n: SIZES.staff! + SIZES.volunteers! + SIZES.beneficiaries! + SIZES.partners! }),
    });
    // Asked of the partners alone among the evaluation's groups: "all" would be the partners.
    expect(question('q_engagement_territoire')).toEqual({ partners: { suppressed: true, reason: 'under-k' }, all: { suppressed: true, reason: 'under-k' } });
    // An indicator and its questions stand or fall together: one of its questions is the partners' alone,
    // so "all" is withheld in each of its rows (the indicator minus its other question would give it).
    const cooperation = payload.indicators.find((i) => i.key === 'qualite_cooperation')!;
    for (const cells of [cooperation.cells, ...cooperation.questions.map((q) => q.cells)]) {
      expect(cells.partners).toEqual({ suppressed: true, reason: 'under-k' });
      expect(cells.all).toMatchObject({ suppressed: true });
    }
  });

  it('filters columns by group without giving any figure the whole analysis withholds', async () => {
    for (const group of evaluation.structure.groups) {
      const filtered = await read(admin, `?groupKey=${group.groupKey}`);
      expect(filtered.groupFilter).toBe(group.groupKey);
      expect(filtered.participation).toEqual(payload.participation.filter((p) => p.groupKey === group.groupKey));
      const whole = rows(payload);
      for (const [index, row] of rows(filtered).entries()) {
        expect(Object.keys(row.cells).every((column) => column === group.groupKey || column === 'all')).toBe(true);
        for (const [column, cell] of Object.entries(row.cells)) expect({ row: row.what, column, cell }).toEqual({ row: row.what, column, cell: whole[index]!.cells[column] });
      }
    }
    const partners = await read(admin, '?groupKey=partners');
    for (const row of rows(partners)) if (row.cells['partners']) expect(row.cells['partners']).toEqual({ suppressed: true, reason: 'under-k' });
    expect(partners.consensus).toEqual([]);
  });

  it('refuses a filter on an unknown group or one the evaluation does not have', async () => {
    expectProblem(await admin.client.get(`${evaluation.base}/analysis?groupKey=everyone`), 400, 'validation-failed');
    const absent = await admin.client.get(`${evaluation.base}/analysis?groupKey=inhabitants`);
    expectProblem(absent, 400, 'validation-failed');
    expect((absent.body as { errors: Array<{ path: string; code: string }> }).errors).toEqual([expect.objectContaining({ path: 'groupKey', code: 'not-in-evaluation' })]);
  });

  it('is read by the organization’s board and contact and the network’s viewers, and by nobody of another organization', async () => {
    for (const who of [people.boardA, people.contactA, people.viewer]) expect(withoutTime(await read(who))).toEqual(withoutTime(payload));
    for (const who of [people.boardB, people.contactB]) {
      expectProblem(await who.client.get(`${evaluation.base}/analysis`), 404, 'not-found');
      expectProblem(await who.client.get(`${evaluation.base}/analysis?groupKey=partners`), 404, 'not-found');
    }
  });

  it('withholds a group that exclusions take under k, and shows it again once restored', async () => {
    const volunteers = written.filter((w) => w.groupKey === 'volunteers' && w.fate === 'submitted');
    for (const submission of volunteers.slice(0, 2)) {
      const res = await admin.client.post(`${evaluation.base}/submissions/${submission.id}/exclusion`, { reason: 'Test de la structure' });
      expect(res.status).toBe(200);
    }
    const excluded = await read(admin);
    expect(excluded.participation.find((p) => p.groupKey === 'volunteers')).toMatchObject({ submitted: SIZES.volunteers! - 2, excluded: 2, suppressed: true });
    for (const row of rows(excluded)) if (row.cells['volunteers']) expect({ row: row.what, cell: row.cells['volunteers'] }).toEqual({ row: row.what, cell: { suppressed: true, reason: 'under-k' } });

    const restored = await admin.client.post(`${evaluation.base}/submissions/${volunteers[0]!.id}/restore`, { reason: 'Réponse valable' });
    expect(restored.status).toBe(200);
    const back = await read(admin);
    expect(back.participation.find((p) => p.groupKey === 'volunteers')).toMatchObject({ submitted: SIZES.volunteers! - 1, suppressed: false });
    expect(back.indicators.find((i) => i.key === 'sentiment_ecoute')!.cells['volunteers']).toMatchObject({ suppressed: false, n: SIZES.volunteers! - 1 });
    await admin.client.post(`${evaluation.base}/submissions/${volunteers[1]!.id}/restore`, { reason: 'Réponse valable' });
  });

  it('shows the consensus answers of sessions beside visible groups only', async () => {
    const record = async (groupKey: StakeholderGroupKey, questionKey: string, value: unknown) => {
      const session = await admin.client.post(`${evaluation.base}/sessions`, { groupKey, consensus: true });
      expect(session.status).toBe(201);
      const put = await admin.client.send('put', `${evaluation.base}/sessions/${session.body.id as string}/consensus/${questionKey}`, { value, reasons: 'Après discussion' });
      expect(put.status).toBe(200);
      return session.body.id as string;
    };
    const staffSession = await record('staff', 'q_ecoute', 3);
    await record('partners', 'q_qualite_cooperation', 7);
    const after = await read(admin);
    expect(after.consensus).toEqual([
      { sessionId: staffSession, groupKey: 'staff', questionKey: 'q_ecoute', indicatorKey: 'sentiment_ecoute', value: 3, reasons: 'Après discussion', recordedAt: expect.any(String) },
    ]);
    expect((await read(admin, '?groupKey=partners')).consensus).toEqual([]);
    expect((await read(admin, '?groupKey=staff')).consensus).toEqual(after.consensus);
  });

  it('withholds "all" when the rest of it is the figure of a group under k, beside a self-assessment shown as the organization’s own view', async () => {
    const { versionId } = await publishedFramework(admin, workspaceId, content, 'Référentiel bis');
    const small = await evaluationForAnalysis(admin, workspaceId, organizationId, versionId, content, {
      dimensionKeys: ['lien_social'],
      groups: [{ groupKey: 'staff', expectedCount: 10, anonymity: 'anonymous' }],
      k: 3,
    });
    let seed = 100;
    for (const groupKey of ['self_assessment', 'staff', 'staff'] as const) {
      await writeSubmission(t, workspaceId, small.id, groupKey, randomAnswers(groupQuestions(small.structure, groupKey), seeded(seed++), { skip: 0 }));
    }
    const res = await admin.client.get(`${small.base}/analysis`);
    expect(res.status).toBe(200);
    const body = res.body as Payload;
    const ecoute = body.indicators.find((i) => i.key === 'sentiment_ecoute')!.cells;
    // The organization speaking about itself (not anonymous) is shown; the two staff members are not, nor "all" (= them + it).
    expect(ecoute.self_assessment).toMatchObject({ suppressed: false, n: 1 });
    expect(ecoute.staff).toEqual({ suppressed: true, reason: 'under-k' });
    expect(ecoute.all).toMatchObject({ suppressed: true });
    for (const indicator of body.indicators) {
      expect(indicator.cells.staff ?? { suppressed: true }).toMatchObject({ suppressed: true });
      expect(indicator.cells.all ?? { suppressed: true }).toMatchObject({ suppressed: true });
    }
    for (const dimension of body.dimensions) {
      expect(dimension.cells.staff).toMatchObject({ suppressed: true });
      expect(dimension.cells.all).toMatchObject({ suppressed: true });
    }
  });

  it('protects an anonymous self-assessment by k like any group', async () => {
    const { versionId } = await publishedFramework(admin, workspaceId, content, 'Référentiel ter');
    const anonymous = await evaluationForAnalysis(admin, workspaceId, organizationId, versionId, content, {
      dimensionKeys: ['lien_social'],
      groups: [{ groupKey: 'self_assessment', expectedCount: 10, anonymity: 'anonymous' }],
      k: 3,
    });
    await writeSubmission(t, workspaceId, anonymous.id, 'self_assessment', randomAnswers(groupQuestions(anonymous.structure, 'self_assessment'), seeded(7), { skip: 0 }));
    const body = (await admin.client.get(`${anonymous.base}/analysis`)).body as Payload;
    expect(body.participation).toEqual([expect.objectContaining({ groupKey: 'self_assessment', submitted: 1, suppressed: true })]);
    expect(JSON.stringify(body)).not.toMatch(/"mean"|"median"|"distribution"/);
  });
});
