/**
 * The report of an evaluation through HTTP on a real PostgreSQL: default sections, saves with
 * optimistic concurrency and their history, bad input refused with nothing written, draft PDFs
 * laid out in a worker thread (read back with pdftotext: the narratives, the figures of the
 * analysis, the chosen stories — and nothing of a group under k), validation in both capacities,
 * immutable versions, who may read what, and renders interrupted by a restart.
 *
 * Needs the compiled render worker (dist/apps/api/src/modules/reports/render-worker.js).
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { CustomQuestion, NormalisedAnswer, StakeholderGroupKey } from '#domain';
import { createApp } from '../../apps/api/src/bootstrap/create-app.js';
import { analysisFramework, evaluationForAnalysis, publishedFramework, writeSubmission } from '../support/analysis.js';
import { expectProblem } from '../support/collection.js';
import { addMember, addOrganizationMember, createOrganization, createUser, createWorkspace, databaseFingerprint, type TestUser } from '../support/factories.js';
import { download, flat, pdfText, pngImage, putRaw, sha256, waitForRender, type RenderBody } from '../support/reports.js';
import { ApiClient, startTestApp, type TestApp } from '../support/test-app.js';

interface Section {
  key: string;
  kind: string;
  title: string;
  narrative: string;
  version: number;
  charts: string[];
  stories: string[];
  testimonies: Array<{ text: string; name: string | null; groupKey: string | null; consent: boolean }>;
  actions: Array<{ recommendation: string; who: string; when: string }>;
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
}
interface Validation {
  capacity: string;
  userId: string;
  userName: string;
  revision: number;
  at: string;
}
interface Version {
  id: string;
  number: number;
  revision: number;
  locale: string;
  sha256: string;
  sizeBytes: number;
  pages: number;
  validatedAt: string;
  validatedBy: string[];
}
interface Report {
  id: string;
  evaluationId: string;
  locale: 'fr' | 'en';
  revision: number;
  sections: Section[];
  validations: { facilitator: Validation | null; contact: Validation | null };
  latestRender: RenderBody | null;
  versions: Version[];
}

/** Quantities only one group answers: their figures are unmistakable in the PDF's text. */
function quantityQuestion(key: string, group: StakeholderGroupKey, title: string): CustomQuestion {
  return {
    dimensionKey: 'lien_social',
    indicator: {
      key: key.replace(/^q_/, ''),
      title: { fr: title },
      level: 'realisation',
      kind: 'quantity',
      quantity: { min: 0, max: 100000, integer: true },
      scoring: { rule: 'none' },
      dontKnow: 'not_offered',
      questions: [{ key, audiences: [group], wording: { [group]: { fr: `${title} ?` } }, required: false }],
    },
  } as unknown as CustomQuestion;
}

const VOLUNTEER_HOURS = 2468;
/** The partners are two (under k = 5): their answers must never show. */
const PARTNER_PROJECTS = [4321, 8765];
const PARTNER_STORY = 'Confidentiel partenaire : le financement de la mairie a failli tomber.';
const STORIES = [
  'Avec trois voisines nous avons ouvert un atelier de couture solidaire chaque mardi soir.',
  'Le repair café du samedi a remis en route plus de quarante vélos cette année.',
  'J’ai appris à animer une réunion, je n’aurais jamais osé avant.',
  'Rien de particulier à signaler cette fois.',
  'Une gratiferia tous les premiers dimanches du mois.',
  'Les jeunes du quartier viennent aider au tri des dons.',
];
const SUMMARY_NARRATIVE = 'Cette synthèse rassemble les regards croisés des bénévoles et de la structure sur une année de travail en commun.';
const DIMENSION_NARRATIVE = 'Les bénévoles donnent beaucoup de leur temps au lien social du quartier, bien plus que prévu au départ.';

function answer(questionKey: string, indicatorKey: string, value: Partial<NormalisedAnswer>): NormalisedAnswer {
  return { questionKey, indicatorKey, part: 'answer', numericValue: null, choiceValue: null, textValue: null, dontKnow: false, ...value };
}

describe('reports', () => {
  let t: TestApp;
  let admin: TestUser;
  let contact: TestUser;
  let board: TestUser;
  let viewer: TestUser;
  let otherBoard: TestUser;
  let outsider: TestUser;
  let workspaceId: string;
  let organizationPath: string;
  let evaluationBase: string;
  let path: string;
  let storyIds: string[];
  let closedByTest = false;

  const report = async (who: TestUser = admin): Promise<Report> => {
    const res = await who.client.get(path);
    expect({ status: res.status, body: res.status === 200 ? 'ok' : (res.body as unknown) }).toEqual({ status: 200, body: 'ok' });
    return res.body as Report;
  };
  const section = async (key: string): Promise<Section> => (await report()).sections.find((s) => s.key === key)!;
  const save = (who: TestUser, key: string, body: Record<string, unknown>) => who.client.send('put', `${path}/sections/${encodeURIComponent(key)}`, body);

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
    admin = await createUser(t);
    workspaceId = await createWorkspace(t, admin, 'Réseau rapports');
    const organizationId = await createOrganization(t, workspaceId, 'La Ressourcerie du Val');
    const otherOrganizationId = await createOrganization(t, workspaceId, 'Une autre structure');
    organizationPath = `/workspaces/${workspaceId}/organizations/${organizationId}`;
    contact = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
    board = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, board, 'board');
    viewer = await createUser(t);
    await addMember(t, workspaceId, viewer, 'viewer');
    otherBoard = await createUser(t);
    await addOrganizationMember(t, workspaceId, otherOrganizationId, otherBoard, 'board');
    outsider = await createUser(t);
    await createWorkspace(t, outsider, 'Un autre réseau');
    // The organization's logo goes on the cover.
    expect((await putRaw(contact.client, `${organizationPath}/logo`, pngImage(240, 80), 'image/png')).status).toBe(204);

    const content = analysisFramework();
    const { versionId } = await publishedFramework(admin, workspaceId, content);
    const evaluation = await evaluationForAnalysis(admin, workspaceId, organizationId, versionId, content, {
      title: 'Utilité sociale 2026',
      groups: [
        { groupKey: 'volunteers', expectedCount: 10, anonymity: 'anonymous' },
        { groupKey: 'partners', expectedCount: 6, anonymity: 'confidential' },
      ],
      customQuestions: [quantityQuestion('q_heures_benevoles', 'volunteers', 'Heures données'), quantityQuestion('q_projets_partenaires', 'partners', 'Projets communs')],
    });
    evaluationBase = evaluation.base;
    path = `${evaluation.base}/report`;

    for (const [i, story] of STORIES.entries()) {
      await writeSubmission(t, workspaceId, evaluation.id, 'volunteers', [
        answer('q_ecoute', 'sentiment_ecoute', { numericValue: 3 + (i % 2) }),
        answer('q_recit_initiative', 'recit_initiative', { textValue: story }),
        answer('q_heures_benevoles', 'heures_benevoles', { numericValue: VOLUNTEER_HOURS }),
      ]);
    }
    for (const projects of PARTNER_PROJECTS) {
      await writeSubmission(t, workspaceId, evaluation.id, 'partners', [
        answer('q_qualite_cooperation', 'qualite_cooperation', { numericValue: 1 }),
        answer('q_projets_partenaires', 'projets_partenaires', { numericValue: projects }),
        answer('q_changement_percu', 'changement_percu', { textValue: PARTNER_STORY }),
      ]);
    }
    await writeSubmission(t, workspaceId, evaluation.id, 'self_assessment', [
      answer('q_ecoute', 'sentiment_ecoute', { numericValue: 2 }),
      answer('q_nombre_partenariats', 'nombre_partenariats', { numericValue: 7 }),
    ]);
    // Two stories chosen with the verbatims' own route.
    storyIds = [];
    for (const story of STORIES.slice(0, 2)) {
      const [row] = await t.dataSource.query<Array<{ id: string }>>(`SELECT id::text AS id FROM answer WHERE text_value = $1`, [story]);
      const chosen = await admin.client.send('put', `${evaluation.base}/verbatims/${row!.id}/selection`, { reason: 'Elle montre ce que les chiffres ne disent pas.' });
      expect(chosen.status).toBe(200);
      storyIds.push(row!.id);
    }
  });

  afterAll(async () => {
    if (!closedByTest) await t?.close();
  });

  describe('sections', () => {
    it('makes the report on first read, with its default sections in order, charts chosen and nothing validated', async () => {
      const body = await report(contact);
      expect(body).toMatchObject({ locale: 'fr', revision: 1, validations: { facilitator: null, contact: null }, latestRender: null, versions: [] });
      expect(body.sections.map((s) => [s.key, s.kind, s.title, s.version])).toEqual([
        ['summary', 'summary', 'Synthèse', 1],
        ['context', 'context', 'Contexte et démarche', 1],
        ['dimension:lien_social', 'dimension', 'Lien social et coopération', 1],
        ['dimension:pouvoir_agir', 'dimension', expect.any(String), 1],
        ['dimension:transition_ecologique', 'dimension', expect.any(String), 1],
        ['crossed', 'crossed', 'Regards croisés', 1],
        ['action-plan', 'action-plan', 'Plan d’action', 1],
        ['conclusion', 'conclusion', 'Conclusion', 1],
      ]);
      const charts = Object.fromEntries(body.sections.map((s) => [s.key, s.charts]));
      expect(charts['summary']).toEqual(['radar-dimensions']);
      expect(charts['context']).toEqual(['participation']);
      expect(charts['crossed']).toEqual(['gaps-dimensions']);
      expect(charts['dimension:lien_social']).toEqual(['gaps-indicators-lien_social', 'distribution-q_ecoute', 'distribution-q_participation', 'distribution-q_formes_participation']);
      expect(body.sections.every((s) => s.narrative === '' && s.updatedBy === null && s.updatedAt === null && s.stories.length === 0)).toBe(true);
      // A second read finds the same report.
      expect((await report(admin)).id).toBe(body.id);
      const [{ n }] = await t.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM report`);
      expect(n).toBe(1);
    });

    it('saves a section from its version, records the edit, bumps the revision and the section’s version', async () => {
      const res = await save(contact, 'summary', { baseVersion: 1, title: 'En bref', narrative: SUMMARY_NARRATIVE });
      expect(res.status).toBe(200);
      const saved = res.body as Section;
      expect(saved).toMatchObject({ key: 'summary', title: 'En bref', narrative: SUMMARY_NARRATIVE, version: 2, updatedBy: { id: contact.id } });
      expect(saved.updatedAt).not.toBeNull();
      expect((await report()).revision).toBe(2);
      const [edit] = await t.dataSource.query<Array<{ fields: string[]; narrative_before: string; narrative_after: string; user_id: string; version: number }>>(
        `SELECT fields, narrative_before, narrative_after, user_id, version FROM report_section_edit`,
      );
      expect(edit).toEqual({ fields: ['title', 'narrative'], narrative_before: '', narrative_after: SUMMARY_NARRATIVE, user_id: contact.id, version: 2 });
      const [event] = await t.dataSource.query<Array<{ data: Record<string, unknown> }>>(`SELECT data FROM audit_event WHERE action = 'report.section-updated'`);
      expect(event!.data).toMatchObject({ key: 'summary', version: 2, fields: ['title', 'narrative'], revision: 2 });
    });

    it('refuses a save from a stale version with 409, the current section and who saved in between, and writes nothing', async () => {
      const before = await databaseFingerprint(t);
      const res = await save(admin, 'summary', { baseVersion: 1, narrative: 'Mon texte, écrit en même temps.' });
      expectProblem(res, 409, 'report-section-conflict');
      const problem = res.body as { type: string; detail: string; current: Section };
      expect(problem.type).toMatch(/\/report-section-conflict$/);
      expect(problem.current).toMatchObject({ key: 'summary', version: 2, narrative: SUMMARY_NARRATIVE, updatedBy: { id: contact.id } });
      expect(problem.detail).toContain(problem.current.updatedBy!.name);
      expect(problem.detail).toContain('baseVersion 2');
      expect(await databaseFingerprint(t)).toEqual(before);
      // Merged, then saved again from the current version.
      const merged = await save(admin, 'summary', { baseVersion: 2, narrative: `${SUMMARY_NARRATIVE} Elle a été relue par l’accompagnatrice.` });
      expect({ status: merged.status, version: (merged.body as Section).version }).toEqual({ status: 200, version: 3 });
    });

    it('lists the history of a section, newest first', async () => {
      const res = await admin.client.get(`${path}/sections/summary/history`);
      expect(res.status).toBe(200);
      expect((res.body as Array<{ version: number; fields: string[]; user: { id: string } }>).map((h) => [h.version, h.fields, h.user.id])).toEqual([
        [3, ['narrative'], admin.id],
        [2, ['title', 'narrative'], contact.id],
      ]);
    });

    it.each([
      ['a chart the analysis does not have', 'dimension:lien_social', { charts: ['gaps-indicators-lien_social', 'radar-inconnu'] }, 'charts[1]', 'unknown-chart'],
      ['a story that was not selected', 'dimension:lien_social', { stories: ['999999'] }, 'stories[0]', 'story-not-selected'],
      ['a name without consent', 'dimension:lien_social', { testimonies: [{ text: 'Un témoignage.', name: 'Jeanne Martin', groupKey: 'volunteers', consent: false }] }, 'testimonies[0].name', 'consent-required'],
      ['a group the evaluation does not have', 'dimension:lien_social', { testimonies: [{ text: 'Un témoignage.', name: null, groupKey: 'inhabitants', consent: false }] }, 'testimonies[0].groupKey', 'not-in-evaluation'],
      ['actions outside the action plan', 'conclusion', { actions: [{ recommendation: 'Faire', who: 'Nous', when: '2027' }] }, 'actions', 'not-action-plan'],
    ])('refuses %s with 422 and the path, writing nothing', async (_name, key, fields, errorPath, code) => {
      const before = await databaseFingerprint(t);
      const current = await section(key);
      const res = await save(admin, key, { baseVersion: current.version, narrative: 'Ne doit pas être enregistré.', ...fields });
      expectProblem(res, 422, 'invalid-report-content');
      expect((res.body as { errors: Array<{ path: string; code: string }> }).errors).toEqual([expect.objectContaining({ path: errorPath, code })]);
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it.each([
      ['a narrative of 50,001 characters', 'summary', { narrative: 'x'.repeat(50_001) }, 'narrative'],
      ['a title of 201 characters', 'summary', { title: 't'.repeat(201) }, 'title'],
      ['13 charts', 'summary', { charts: Array.from({ length: 13 }, (_, i) => `chart-${i}`) }, 'charts'],
      ['61 actions', 'action-plan', { actions: Array.from({ length: 61 }, () => ({ recommendation: 'Faire', who: 'Nous', when: '2027' })) }, 'actions'],
      ['41 testimonies', 'summary', { testimonies: Array.from({ length: 41 }, () => ({ text: 'Oui.', name: null, groupKey: null, consent: false })) }, 'testimonies'],
      ['a testimony without text', 'summary', { testimonies: [{ text: '', name: null, groupKey: null, consent: false }] }, 'testimonies[0].text'],
      ['an unknown field', 'summary', { html: '<script>alert(1)</script>' }, 'html'],
    ])('refuses %s (400 with the path), writing nothing', async (_name, key, fields, errorPath) => {
      const before = await databaseFingerprint(t);
      const current = await section(key);
      const res = await save(admin, key, { baseVersion: current.version, ...fields });
      expectProblem(res, 400, 'validation-failed');
      expect((res.body as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toContain(errorPath);
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('answers 404 for a section the report does not have, and 400 without a base version', async () => {
      expectProblem(await save(admin, 'dimension:inconnue', { baseVersion: 1, narrative: 'x' }), 404, 'not-found');
      expectProblem(await save(admin, 'summary', { narrative: 'x' }), 400, 'validation-failed');
    });

    it('changes the report’s language from its revision: default titles follow, a stale revision is refused', async () => {
      const current = await report();
      expectProblem(await admin.client.send('put', path, { locale: 'en', baseRevision: current.revision - 1 }), 409, 'report-conflict');
      const res = await admin.client.send('put', path, { locale: 'en', baseRevision: current.revision });
      expect(res.status).toBe(200);
      const english = res.body as Report;
      expect({ locale: english.locale, revision: english.revision }).toEqual({ locale: 'en', revision: current.revision + 1 });
      expect(english.sections.map((s) => s.title).slice(0, 3)).toEqual(['En bref', 'Context and approach', 'Social ties and cooperation']);
      const back = await admin.client.send('put', path, { locale: 'fr', baseRevision: english.revision });
      expect((back.body as Report).locale).toBe('fr');
    });

    it('writes a dimension with its charts, stories and a named testimony, and the action plan', async () => {
      const dimension = await section('dimension:lien_social');
      const res = await save(admin, 'dimension:lien_social', {
        baseVersion: dimension.version,
        narrative: DIMENSION_NARRATIVE,
        charts: ['gaps-indicators-lien_social', 'distribution-q_heures_benevoles', 'distribution-q_projets_partenaires', 'distribution-q_ecoute'],
        stories: storyIds,
        testimonies: [
          { text: 'Ici on ne reste jamais seul bien longtemps.', name: 'Odile Ferrand', groupKey: 'volunteers', consent: true },
          { text: 'On sent que la structure nous fait confiance.', name: null, groupKey: 'volunteers', consent: false },
        ],
      });
      expect(res.status).toBe(200);
      expect((res.body as Section).stories).toEqual(storyIds);
      const plan = await section('action-plan');
      const actions = [
        { recommendation: 'Ouvrir un deuxième atelier de réparation', who: 'Équipe salariée', when: 'd’ici juin 2027' },
        { recommendation: 'Associer les partenaires au prochain bilan', who: 'Direction', when: 'automne 2027' },
      ];
      const saved = await save(contact, 'action-plan', { baseVersion: plan.version, narrative: 'Le plan décidé ensemble.', actions });
      expect({ status: saved.status, actions: (saved.body as Section).actions }).toEqual({ status: 200, actions });
      // Sent again as they are, they change nothing: no new version, no new revision.
      const revision = (await report()).revision;
      const again = await save(contact, 'action-plan', { baseVersion: plan.version + 1, actions });
      expect({ status: again.status, version: (again.body as Section).version }).toEqual({ status: 200, version: plan.version + 1 });
      const dimensionAgain = await section('dimension:lien_social');
      const same = await save(admin, 'dimension:lien_social', { baseVersion: dimensionAgain.version, testimonies: dimensionAgain.testimonies, stories: dimensionAgain.stories });
      expect((same.body as Section).version).toBe(dimensionAgain.version);
      expect((await report()).revision).toBe(revision);
    });
  });

  describe('renders', () => {
    let draftPdf: Buffer;

    it('lays out a draft off the request path (202, then progress until done) while the API keeps answering', async () => {
      const started = await admin.client.post(`${path}/renders`, {});
      expect(started.status).toBe(202);
      const render = started.body as RenderBody;
      expect(render).toMatchObject({ kind: 'draft', status: 'queued', progress: 0, locale: 'fr', revision: (await report()).revision, pages: null, error: null });
      // Light requests answer at once while the worker thread lays the PDF out.
      const health: number[] = [];
      let last: RenderBody = render;
      const progress: number[] = [];
      while (last.status === 'queued' || last.status === 'running') {
        const begin = performance.now();
        expect((await request(t.app.getHttpServer()).get('/api/v1/health')).status).toBe(200);
        health.push(performance.now() - begin);
        last = (await admin.client.get(`${path}/renders/${render.id}`)).body as RenderBody;
        progress.push(last.progress);
      }
      expect(last).toMatchObject({ status: 'done', progress: 100, error: null });
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(last.pages).toBeGreaterThan(3);
      expect(health.length).toBeGreaterThan(0);
      expect(Math.max(...health)).toBeLessThan(1000);

      const pdf = await download(admin.client, `${path}/renders/${render.id}/pdf`);
      expect(pdf.status).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="rapport-la-ressourcerie-du-val-utilite-sociale-2026-projet-r\d+\.pdf"$/);
      expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.bytes.length).toBe(last.sizeBytes);
      draftPdf = pdf.bytes;
    });

    it('prints the narratives, the analysis’ figures, the chosen stories and the testimony — and nothing of the group under k', async () => {
      const text = flat(await pdfText(draftPdf));
      expect(text).toContain(flat(SUMMARY_NARRATIVE));
      expect(text).toContain(flat(DIMENSION_NARRATIVE));
      for (const story of STORIES.slice(0, 2)) expect(text).toContain(flat(story));
      expect(text).not.toContain(STORIES[2]!.slice(0, 30));
      expect(text).toContain('Odile Ferrand');
      expect(text).toContain('Ouvrir un deuxième atelier de réparation');
      // The volunteers' answers, as the analysis figures them (mean and median).
      expect(text).toContain('2 468');
      expect(text).toContain('La Ressourcerie du Val');
      // The partners are two: not one of their figures or words.
      for (const hidden of [...PARTNER_PROJECTS, 6543]) {
        expect(text.replace(/ /g, '')).not.toContain(String(hidden));
      }
      expect(text).not.toContain('Confidentiel partenaire');
    });

    it('refuses the PDF of an unfinished or unknown render, and a render to the board', async () => {
      expectProblem(await admin.client.get(`${path}/renders/${randomUUID()}`), 404, 'not-found');
      expectProblem(await admin.client.get(`${path}/renders/${randomUUID()}/pdf`), 404, 'not-found');
      const [{ id }] = await t.dataSource.query<[{ id: string }]>(
        `INSERT INTO report_render (workspace_id, report_id, kind, revision, locale, status) SELECT workspace_id, id, 'draft', revision, 'fr', 'failed' FROM report RETURNING id`,
      );
      expectProblem(await admin.client.get(`${path}/renders/${id}/pdf`), 409, 'conflict');
    });
  });

  describe('validation and versions', () => {
    let version: Version;
    let firstBytes: Buffer;

    it('refuses a validation while the evaluation is still collecting', async () => {
      const current = await report();
      expectProblem(await admin.client.post(`${path}/validations`, { revision: current.revision }), 409, 'evaluation-status');
      expect((await admin.client.post(`${evaluationBase}/transitions`, { to: 'analysing' })).status).toBe(200);
    });

    it('refuses a stale revision, then records the facilitator’s and the contact’s validations and makes a version', async () => {
      const current = await report();
      expectProblem(await admin.client.post(`${path}/validations`, { revision: current.revision - 1 }), 409, 'report-conflict');
      const first = await admin.client.post(`${path}/validations`, { revision: current.revision });
      expect(first.status).toBe(200);
      expect((first.body as Report).validations).toMatchObject({ facilitator: { userId: admin.id, revision: current.revision }, contact: null });
      expect((first.body as Report).latestRender?.kind).not.toBe('final');
      const second = await contact.client.post(`${path}/validations`, { revision: current.revision });
      expect(second.status).toBe(200);
      const validated = second.body as Report;
      expect(validated.validations).toMatchObject({ facilitator: { userId: admin.id }, contact: { userId: contact.id, capacity: 'contact' } });
      expect(validated.latestRender).toMatchObject({ kind: 'final', revision: current.revision });

      const { render } = await waitForRender(admin.client, path, validated.latestRender!.id);
      expect(render).toMatchObject({ status: 'done', kind: 'final' });
      const versions = (await admin.client.get(`${path}/versions`)).body as Version[];
      expect(versions).toHaveLength(1);
      version = versions[0]!;
      expect(version).toMatchObject({ number: 1, revision: current.revision, locale: 'fr', pages: render.pages, sizeBytes: render.sizeBytes });
      expect(version.validatedBy.sort()).toEqual([validated.validations.facilitator!.userName, validated.validations.contact!.userName].sort());

      const pdf = await download(admin.client, `${path}/versions/${version.id}/pdf`);
      expect(pdf.status).toBe(200);
      expect(sha256(pdf.bytes)).toBe(version.sha256);
      expect(pdf.headers['etag']).toBe(`"${version.sha256}"`);
      firstBytes = pdf.bytes;
      const text = flat(await pdfText(pdf.bytes));
      expect(text).toContain('Version 1');
      expect(text).toContain(flat(SUMMARY_NARRATIVE));
    });

    it('starts over on a later edit: a new revision, validations cleared, the version’s bytes unchanged', async () => {
      const summary = await section('summary');
      expect((await save(admin, 'summary', { baseVersion: summary.version, narrative: 'Une version revue après le conseil d’administration.' })).status).toBe(200);
      const after = await report();
      expect(after.revision).toBe(version.revision + 1);
      expect(after.validations).toEqual({ facilitator: null, contact: null });
      expect(after.versions.map((v) => v.id)).toEqual([version.id]);
      for (let i = 0; i < 2; i++) {
        const again = await download(contact.client, `${path}/versions/${version.id}/pdf`);
        expect(again.bytes.equals(firstBytes)).toBe(true);
      }
    });

    it('lets the caller withdraw a validation before any version of the revision', async () => {
      const current = await report();
      expect((await admin.client.post(`${path}/validations`, { revision: current.revision })).status).toBe(200);
      const withdrawn = await admin.client.delete(`${path}/validations/mine`);
      expect(withdrawn.status).toBe(200);
      expect((withdrawn.body as Report).validations.facilitator).toBeNull();
      expectProblem(await admin.client.delete(`${path}/validations/mine`), 404, 'not-found');
    });

    it('keeps versions immutable in the database itself', async () => {
      await expect(t.dataSource.query(`UPDATE report_version SET number = 99 WHERE id = $1`, [version.id])).rejects.toThrow(/immutable/);
      await expect(t.dataSource.query(`UPDATE report_version SET pdf = $2 WHERE id = $1`, [version.id, Buffer.from('%PDF-forged')])).rejects.toThrow(/immutable/);
      const [row] = await t.dataSource.query<Array<{ sha256: string }>>(`SELECT sha256 FROM report_version WHERE id = $1`, [version.id]);
      expect(row!.sha256).toBe(version.sha256);
    });

    it('shows the board the versions only, audits its downloads, and hides everything from other organizations and networks', async () => {
      const versions = await board.client.get(`${path}/versions`);
      expect({ status: versions.status, ids: (versions.body as Version[]).map((v) => v.id) }).toEqual({ status: 200, ids: [version.id] });
      const pdf = await download(board.client, `${path}/versions/${version.id}/pdf`);
      expect({ status: pdf.status, same: pdf.bytes.equals(firstBytes) }).toEqual({ status: 200, same: true });
      const events = await t.dataSource.query<Array<{ actor_user_id: string; data: { number: number; versionId: string } }>>(
        `SELECT actor_user_id, data FROM audit_event WHERE action = 'report.version.downloaded' ORDER BY created_at`,
      );
      expect(events.map((e) => [e.actor_user_id, e.data.number, e.data.versionId])).toContainEqual([board.id, 1, version.id]);

      const render = (await report()).latestRender!;
      for (const route of [path, `${path}/sections/summary/history`, `${path}/renders/${render.id}`, `${path}/renders/${render.id}/pdf`]) {
        expectProblem(await board.client.get(route), 404, 'not-found');
      }
      expectProblem(await board.client.post(`${path}/renders`, {}), 404, 'not-found');
      expectProblem(await save(board, 'summary', { baseVersion: 1, narrative: 'x' }), 404, 'not-found');
      expectProblem(await board.client.post(`${path}/validations`, { revision: 1 }), 404, 'not-found');
      // A network member who only reads: versions yes, drafts no.
      expect((await viewer.client.get(`${path}/versions`)).status).toBe(200);
      expect((await download(viewer.client, `${path}/versions/${version.id}/pdf`)).status).toBe(200);
      expectProblem(await viewer.client.get(path), 403, 'forbidden');
      // Another organization's board member, another network's administrator.
      for (const who of [otherBoard, outsider]) {
        expectProblem(await who.client.get(`${path}/versions/${version.id}/pdf`), 404, 'not-found');
        expectProblem(await who.client.get(`${path}/versions`), 404, 'not-found');
      }
    });
  });

  describe('render queue', () => {
    it('refuses a render when too many are waiting (503 with Retry-After), writing nothing', async () => {
      // Waiting renders of other processes, in the table that is the queue.
      const waiting = await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO report_render (workspace_id, report_id, kind, revision, locale, status)
         SELECT workspace_id, id, 'draft', revision, 'fr', 'queued' FROM report, generate_series(1, 9) RETURNING id`,
      );
      const renders = async () => (await t.dataSource.query<[{ n: number }]>(`SELECT count(*)::int AS n FROM report_render`))[0].n;
      try {
        // The worker takes one of them meanwhile: renders are counted rather than fingerprinted.
        const before = await databaseFingerprint(t, ['rate_limit_bucket', 'session', 'audit_event', 'report_render']);
        const count = await renders();
        const res = await admin.client.post(`${path}/renders`, {});
        expectProblem(res, 503, 'render-queue-full');
        expect(res.headers['retry-after']).toBe('30');
        expect(await databaseFingerprint(t, ['rate_limit_bucket', 'session', 'audit_event', 'report_render'])).toEqual(before);
        expect(await renders()).toBe(count);
      } finally {
        // The one the worker took ends without a row to write to.
        await t.dataSource.query(`DELETE FROM report_render WHERE id = ANY($1::uuid[])`, [waiting.map((w) => w.id)]);
      }
    });
  });

  describe('a restart', () => {
    it('marks renders cut short as interrupted and queues again the final render of a revision still validated', async () => {
      const current = await report();
      // The process stops while a draft and the final render of a validated revision run.
      await t.dataSource.query(
        `INSERT INTO report_validation (workspace_id, report_id, capacity, user_id, revision)
         SELECT workspace_id, id, c.capacity, c.user_id::uuid, revision FROM report, (VALUES ('facilitator', $1), ('contact', $2)) AS c(capacity, user_id)
         ON CONFLICT (report_id, capacity) DO UPDATE SET user_id = EXCLUDED.user_id, revision = EXCLUDED.revision`,
        [admin.id, contact.id],
      );
      const cut = await t.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO report_render (workspace_id, report_id, kind, revision, locale, status, progress, started_at, created_at)
         SELECT workspace_id, id, k.kind, revision, 'fr', 'running', k.progress, now() - interval '1 minute', now() - interval '1 minute'
           FROM report, (VALUES ('final', 40), ('draft', 70)) AS k(kind, progress)
         RETURNING id`,
      );
      const cutIds = cut.map((r) => r.id);
      await t.app.close();
      closedByTest = true;

      let app: Awaited<ReturnType<typeof createApp>> | undefined;
      try {
        app = await createApp(t.config, t.database);
        const marked = await app.get(DataSource).query<Array<{ kind: string; status: string; error: string }>>(
          `SELECT kind, status, error FROM report_render WHERE id = ANY($1::uuid[]) ORDER BY kind`,
          [cutIds],
        );
        expect(marked.map((r) => [r.kind, r.status])).toEqual([
          ['draft', 'failed'],
          ['final', 'failed'],
        ]);
        expect(marked.every((r) => /interrompue .* interrupted/.test(r.error))).toBe(true);
        const client = new ApiClient(app);
        await client.login(admin.email, admin.password);
        const after = (await client.get(path)).body as Report;
        expect(after.latestRender).toMatchObject({ kind: 'final', revision: current.revision });
        const { render } = await waitForRender(client, path, after.latestRender!.id);
        expect(render).toMatchObject({ kind: 'final', status: 'done', revision: current.revision });
        const versions = (await client.get(`${path}/versions`)).body as Version[];
        expect(versions.map((v) => v.number)).toEqual([2, 1]);
        expect(versions[0]!.revision).toBe(current.revision);
        // One version per validated revision, whatever the restarts.
        const [{ n }] = await app.get(DataSource).query<[{ n: number }]>(`SELECT count(*)::int AS n FROM report_version WHERE revision = $1`, [current.revision]);
        expect(n).toBe(1);
      } finally {
        await app?.close();
        await t.database.close();
      }
    });
  });
});
