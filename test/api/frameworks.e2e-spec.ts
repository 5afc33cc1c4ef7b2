import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { canonicalJson, validateFrameworkContent, type FrameworkContent } from '#domain';
import { addMember, addOrganizationMember, createOrganization, createUser, createWorkspace, databaseFingerprint, type TestUser } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface VersionBody {
  id: string;
  number: number;
  status: 'draft' | 'published';
  contentHash: string | null;
  revision: number;
  content: FrameworkContent;
}
interface FrameworkBody {
  id: string;
  name: string;
  builtinKey: string | null;
  originFrameworkId: string | null;
  originAttribution: string | null;
  latestPublished: VersionBody | null;
  draft: VersionBody | null;
  versions: VersionBody[];
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('frameworks', () => {
  let t: TestApp;
  let admin: TestUser;
  let workspaceId: string;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t);
    workspaceId = await createWorkspace(t, admin, 'Réseau des frameworks');
    base = `/workspaces/${workspaceId}/frameworks`;
  });
  afterAll(async () => {
    await t.close();
  });

  async function createFramework(name = 'Notre référentiel'): Promise<FrameworkBody> {
    const res = await admin.client.post(base, { name });
    expect(res.status).toBe(201);
    return res.body as FrameworkBody;
  }

  async function version(frameworkId: string, versionId: string): Promise<VersionBody> {
    const res = await admin.client.get(`${base}/${frameworkId}/versions/${versionId}`);
    expect(res.status).toBe(200);
    return res.body as VersionBody;
  }

  it('seeds the socle commun, published and hashed, into every new workspace', async () => {
    const list = await admin.client.get(base);
    expect(list.status).toBe(200);
    const socle = (list.body as FrameworkBody[]).find((f) => f.builtinKey === 'socle-commun')!;
    expect(socle.name).toBe('Utilité sociale — socle commun');
    expect(socle.latestPublished).toMatchObject({ number: 1, status: 'published' });
    const v = await version(socle.id, socle.latestPublished!.id);
    expect(validateFrameworkContent(v.content).ok).toBe(true);
    expect(v.contentHash).toBe(sha256(canonicalJson(v.content)));
    expect(v.content.dimensions.length).toBeGreaterThanOrEqual(7);
  });

  it('edits a draft with a revision check and refuses invalid content whole, with every path', async () => {
    const framework = await createFramework();
    const draft = await version(framework.id, framework.draft!.id);
    expect(draft).toMatchObject({ number: 1, status: 'draft', revision: 1, contentHash: null });

    const content = structuredClone(draft.content);
    content.dimensions[0]!.title = { fr: 'Coopération', en: 'Cooperation' };
    const saved = await admin.client.send('put', `${base}/${framework.id}/versions/${draft.id}/content`, { content, revision: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ revision: 2, content: { dimensions: [{ title: { fr: 'Coopération' } }] } });

    const stale = await admin.client.send('put', `${base}/${framework.id}/versions/${draft.id}/content`, { content, revision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale-revision', currentRevision: 2 });

    const broken = structuredClone(content) as unknown as { dimensions: Array<Record<string, unknown>> };
    broken.dimensions[0]!['key'] = 'Not A Key';
    (broken.dimensions[0]!['criteria'] as Array<Record<string, unknown>>)[0]!['indicators'] = [];
    const before = await databaseFingerprint(t);
    const invalid = await admin.client.send('put', `${base}/${framework.id}/versions/${draft.id}/content`, { content: broken, revision: 2 });
    expect(invalid.status).toBe(400);
    const paths = (invalid.body.errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['content.dimensions[0].key', 'content.dimensions[0].criteria[0].indicators']));
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it('publishes once, freezes the version (also in the database), and starts a new draft with a diff', async () => {
    const framework = await createFramework('Référentiel publié');
    const v1 = await version(framework.id, framework.draft!.id);
    const published = await admin.client.post(`${base}/${framework.id}/versions/${v1.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.version).toMatchObject({ status: 'published', contentHash: sha256(canonicalJson(v1.content)) });
    expect(published.body.diff).toBeNull();

    expect((await admin.client.post(`${base}/${framework.id}/versions/${v1.id}/publish`)).body.code).toBe('version-published');
    const edit = await admin.client.send('put', `${base}/${framework.id}/versions/${v1.id}/content`, { content: v1.content, revision: 1 });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('version-published');
    await expect(t.dataSource.query(`UPDATE framework_version SET content = '{}'::jsonb WHERE id = $1`, [v1.id])).rejects.toThrow(/immutable/);

    const draftRes = await admin.client.post(`${base}/${framework.id}/drafts`);
    expect(draftRes.status).toBe(201);
    const v2 = draftRes.body as VersionBody;
    expect(v2).toMatchObject({ number: 2, status: 'draft' });
    expect(v2.content).toEqual(v1.content);
    expect((await admin.client.post(`${base}/${framework.id}/drafts`)).body).toMatchObject({ code: 'draft-exists', draftId: v2.id });

    const content = structuredClone(v2.content);
    const indicator = content.dimensions[0]!.criteria[0]!.indicators[0]!;
    indicator.questions[0]!.wording['self_assessment'] = { fr: 'Notre structure coopère avec ses voisins.', en: 'We cooperate with our neighbours.' };
    content.dimensions[0]!.criteria[0]!.indicators.push({
      ...structuredClone(indicator),
      key: 'indicateur_2',
      title: { fr: 'Deuxième indicateur' },
      questions: [{ ...structuredClone(indicator.questions[0]!), key: 'question_2' }],
    });
    expect((await admin.client.send('put', `${base}/${framework.id}/versions/${v2.id}/content`, { content, revision: 1 })).status).toBe(200);

    const diff = await admin.client.get(`${base}/${framework.id}/diff?from=${v1.id}&to=${v2.id}`);
    expect(diff.status).toBe(200);
    expect(diff.body.diff.added.map((a: { indicatorKey: string }) => a.indicatorKey)).toEqual(['indicateur_2']);
    expect(diff.body.diff.reworded.map((r: { indicatorKey: string }) => r.indicatorKey)).toEqual(['indicateur_1']);
    const badQuery = await admin.client.get(`${base}/${framework.id}/diff?from=nope&to=${v2.id}`);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors[0].path).toBe('from');

    const second = await admin.client.post(`${base}/${framework.id}/versions/${v2.id}/publish`);
    expect(second.status).toBe(200);
    expect(second.body.diff.added).toHaveLength(1);
    const detail = await admin.client.get(`${base}/${framework.id}`);
    expect(detail.body).toMatchObject({ latestPublished: { number: 2 }, draft: null });
  });

  it('exports a version as a file and imports it back; a broken file is refused whole', async () => {
    const list = (await admin.client.get(base)).body as FrameworkBody[];
    const socle = list.find((f) => f.builtinKey === 'socle-commun')!;
    const exported = await admin.client.get(`${base}/${socle.id}/versions/${socle.latestPublished!.id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="?utilite-sociale-socle-commun-v1\.json"?$/);
    const imported = await admin.client.post(`${base}/import`, { format: 'regards', document: exported.body, name: 'Socle importé' });
    expect(imported.status).toBe(201);
    const copy = await version(imported.body.id, imported.body.draft.id);
    expect(copy.content).toEqual(exported.body);

    const before = await databaseFingerprint(t);
    const broken = { ...exported.body, formatVersion: 2, dimensions: [{ key: 'x' }] };
    const refused = await admin.client.post(`${base}/import`, { format: 'regards', document: broken });
    expect(refused.status).toBe(400);
    const paths = (refused.body.errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['document.formatVersion', 'document.dimensions[0].title', 'document.dimensions[0].criteria']));
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it('imports any SurveyJS questionnaire as a free framework', async () => {
    const survey = {
      title: 'Enquête bénévoles',
      pages: [
        { name: 'accueil', title: 'Accueil', elements: [{ type: 'rating', name: 'satisfaction', title: 'Êtes-vous bien accueilli·e ?', rateMin: 1, rateMax: 5 }] },
        {
          name: 'engagement',
          title: 'Engagement',
          elements: [
            { type: 'radiogroup', name: 'frequence', title: 'À quelle fréquence venez-vous ?', choices: ['Chaque semaine', 'Chaque mois'] },
            { type: 'comment', name: 'histoire', title: 'Racontez un moment marquant.' },
          ],
        },
      ],
    };
    const res = await admin.client.post(`${base}/import`, { format: 'surveyjs', document: survey });
    expect(res.status).toBe(201);
    const v = await version(res.body.id, res.body.draft.id);
    expect(v.content.dimensions.map((d) => d.title.fr)).toEqual(['Accueil', 'Engagement']);
    const kinds = v.content.dimensions.flatMap((d) => d.criteria.flatMap((c) => c.indicators.map((i) => i.kind)));
    expect(kinds).toEqual(['scale', 'single_choice', 'text']);

    const refused = await admin.client.post(`${base}/import`, { format: 'surveyjs', document: { pages: 'nope' } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toMatch(/^document/);
  });

  it('shares in the commons with attribution; another network forks it and keeps its copy when it is withdrawn', async () => {
    const unpublished = await createFramework('Brouillon seulement');
    expect((await admin.client.send('put', `${base}/${unpublished.id}/share`, {})).body.code).toBe('not-published');

    const socle = ((await admin.client.get(base)).body as FrameworkBody[]).find((f) => f.builtinKey === 'socle-commun')!;
    expect((await admin.client.send('put', `${base}/${socle.id}/share`, {})).status).toBe(200);

    const other = await createUser(t);
    const otherWorkspace = await createWorkspace(t, other, 'Réseau voisin');
    const commons = await other.client.get(`/workspaces/${otherWorkspace}/commons`);
    expect(commons.status).toBe(200);
    const entry = (commons.body as Array<{ id: string; workspaceName: string; licence: string; questionCount: number }>).find((c) => c.id === socle.id)!;
    expect(entry).toMatchObject({ workspaceName: 'Réseau des frameworks', licence: 'CC-BY-SA-4.0' });
    expect(entry.questionCount).toBeGreaterThanOrEqual(40);
    expect((await other.client.get(`/workspaces/${otherWorkspace}/commons/${socle.id}`)).status).toBe(200);

    const fork = await other.client.post(`/workspaces/${otherWorkspace}/commons/${socle.id}/fork`);
    expect(fork.status).toBe(201);
    expect(fork.body).toMatchObject({ originFrameworkId: socle.id, draft: { number: 1 } });
    expect(fork.body.originAttribution).toContain('Réseau des frameworks');
    expect(fork.body.originAttribution).toContain('CC-BY-SA-4.0');

    expect((await admin.client.delete(`${base}/${socle.id}/share`)).status).toBe(200);
    const after = await other.client.get(`/workspaces/${otherWorkspace}/commons`);
    expect((after.body as Array<{ id: string }>).some((c) => c.id === socle.id)).toBe(false);
    expect((await other.client.post(`/workspaces/${otherWorkspace}/commons/${socle.id}/fork`)).status).toBe(404);
    expect((await other.client.get(`/workspaces/${otherWorkspace}/frameworks/${fork.body.id}`)).status).toBe(200);
    // A framework that is not shared cannot be forked or read through the commons by another network.
    expect((await other.client.post(`/workspaces/${otherWorkspace}/frameworks/${unpublished.id}/fork`)).status).toBe(404);
  });

  it('lets viewers read but not write, and hides frameworks from organization members', async () => {
    const viewer = await createUser(t);
    await addMember(t, workspaceId, viewer, 'viewer');
    expect((await viewer.client.get(base)).status).toBe(200);
    expect((await viewer.client.post(base, { name: 'Interdit' })).status).toBe(403);
    const organizationId = await createOrganization(t, workspaceId);
    const contact = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
    expect((await contact.client.get(base)).status).toBe(404);
  });
});
