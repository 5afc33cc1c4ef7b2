import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import {
  addMember,
  addOrganizationMember,
  createOrganization,
  createUser,
  createWorkspace,
  databaseFingerprint,
  type TestUser,
} from '../support/factories.js';
import { collectingEvaluation, sharedLink, socleCommun } from '../support/collection.js';
import { reportRouteFixtures } from '../support/reports.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  'x-regards-scope'?: 'public' | 'user' | 'workspace';
  'x-regards-access'?: { workspaceRole: string; organizationRoles?: string[]; organizationListing?: boolean };
}
interface Route {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  operation: Operation;
}

/**
 * Every route of the OpenAPI document, called with the ids of workspace A and its
 * organization A1 by people who must not reach them: an administrator of another workspace,
 * and members of another organization of workspace A. Each must answer 404 and change
 * nothing. Routes are read from the document, so a new route is covered without editing this.
 */
describe('tenant isolation over every route of the OpenAPI document', () => {
  let t: TestApp;
  let routes: Route[];
  const ids: Record<string, string> = {};
  /** Query strings some routes need to answer 200 to a legitimate caller. */
  const queries: Record<string, string> = {};
  let adminA: TestUser;
  let outsider: TestUser;
  let otherContact: TestUser;
  let otherBoard: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
    adminA = await createUser(t);
    ids['workspaceId'] = await createWorkspace(t, adminA, 'Réseau A');
    ids['organizationId'] = await createOrganization(t, ids['workspaceId'], 'Structure A1');
    const orgA2 = await createOrganization(t, ids['workspaceId'], 'Structure A2');
    // A member of the workspace and one of A1, whose ids the routes take.
    const viewerA = await createUser(t, { login: false });
    await addMember(t, ids['workspaceId'], viewerA, 'viewer');
    const contactA1 = await createUser(t, { login: false });
    await addOrganizationMember(t, ids['workspaceId'], ids['organizationId'], contactA1, 'contact');
    ids['userId'] = viewerA.id;
    ids['organizationUserId'] = contactA1.id;
    const wsInvitation = await adminA.client.post(`/workspaces/${ids['workspaceId']}/invitations`, { email: 'invitee-ws@example.org', role: 'viewer' });
    const orgInvitation = await adminA.client.post(`/workspaces/${ids['workspaceId']}/organizations/${ids['organizationId']}/invitations`, {
      email: 'invitee-org@example.org',
      role: 'board',
    });
    expect([wsInvitation.status, orgInvitation.status]).toEqual([201, 201]);
    ids['invitationId'] = wsInvitation.body.id;
    ids['organizationInvitationId'] = orgInvitation.body.id;

    const frameworks = await adminA.client.get(`/workspaces/${ids['workspaceId']}/frameworks`);
    expect(frameworks.status).toBe(200);
    const socle = (frameworks.body as Array<{ id: string; latestPublished: { id: string } | null }>)[0]!;
    ids['frameworkId'] = socle.id;
    ids['versionId'] = socle.latestPublished!.id;
    // Shared in the commons, so the commons routes have something to show A's administrator.
    expect((await adminA.client.send('put', `/workspaces/${ids['workspaceId']}/frameworks/${socle.id}/share`, {})).status).toBe(200);
    queries['/api/v1/workspaces/{workspaceId}/frameworks/{frameworkId}/diff'] = `?from=${socle.latestPublished!.id}&to=${socle.latestPublished!.id}`;
    // Collecting now, so the collection routes (links, submissions, sessions) have real records.
    const socleContent = await socleCommun(adminA.client, ids['workspaceId']);
    const { evaluation, base } = await collectingEvaluation(adminA, ids['workspaceId'], ids['organizationId'], socleContent, {
      title: 'Évaluation A1',
      groups: [{ groupKey: 'volunteers', expectedCount: 12, anonymity: 'anonymous' }],
    });
    ids['evaluationId'] = evaluation.id;
    ids['groupKey'] = 'self_assessment';
    ids['linkId'] = (await sharedLink(adminA, base, 'volunteers')).id;
    const paper = await adminA.client.post(`${base}/paper-submissions`, { groupKey: 'volunteers', clientId: randomUUID(), data: {}, locale: 'fr' });
    expect(paper.status).toBe(201);
    ids['submissionId'] = paper.body.id;
    const session = await adminA.client.post(`${base}/sessions`, { groupKey: 'volunteers', consensus: true });
    expect(session.status).toBe(201);
    ids['sessionId'] = session.body.id;
    const questionnaire = await adminA.client.get(`${base}/questionnaires/volunteers`);
    expect(questionnaire.status).toBe(200);
    ids['questionKey'] = (questionnaire.body as { questions: Array<{ key: string }> }).questions[0]!.key;
    // The organization's logo, the evaluation's report, a done draft render and a version.
    Object.assign(ids, await reportRouteFixtures(t, adminA.client, `/workspaces/${ids['workspaceId']}/organizations/${ids['organizationId']}`, evaluation.id));

    outsider = await createUser(t);
    ids['outsiderWorkspaceId'] = await createWorkspace(t, outsider, 'Réseau B');
    otherContact = await createUser(t);
    await addOrganizationMember(t, ids['workspaceId'], orgA2, otherContact, 'contact');
    otherBoard = await createUser(t);
    await addOrganizationMember(t, ids['workspaceId'], orgA2, otherBoard, 'board');

    const doc = await request(t.app.getHttpServer()).get('/api/docs-json');
    expect(doc.status).toBe(200);
    const paths = doc.body.paths as Record<string, Record<string, Operation>>;
    routes = Object.entries(paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, operation]) => ({ method: method as Route['method'], path, operation })),
    );
  });

  afterAll(async () => {
    await t.close();
  });

  /** Fills a path's parameters with the ids of workspace A's records. */
  function fill(path: string, overrides: Record<string, string> = {}): string {
    const inOrganization = path.includes('{organizationId}');
    return path
      .replace(/^\/api\/v1/, '')
      .replace(/\{(\w+)\}/g, (_m, name: string) => {
        if (overrides[name]) return overrides[name];
        if (name === 'userId') return inOrganization ? ids['organizationUserId']! : ids['userId']!;
        if (name === 'invitationId') return inOrganization ? ids['organizationInvitationId']! : ids['invitationId']!;
        return ids[name] ?? randomUUID();
      }) + (queries[path] ?? '');
  }

  it('classifies every route as public, user or workspace, and every workspace route has an access rule', () => {
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const scope = route.operation['x-regards-scope'];
      const where = `${route.method.toUpperCase()} ${route.path}`;
      expect({ where, scope: scope ?? 'missing' }).toEqual({ where, scope: expect.stringMatching(/^(public|user|workspace)$/) });
      if (route.path.includes('{workspaceId}')) {
        expect({ where, scope }).toEqual({ where, scope: 'workspace' });
        expect({ where, access: route.operation['x-regards-access'] !== undefined }).toEqual({ where, access: true });
      } else {
        expect({ where, scope }).toEqual({ where, scope: expect.stringMatching(/^(public|user)$/) });
      }
    }
  });

  it('lets the administrator of workspace A read every GET route with these ids (the fixtures are real)', async () => {
    for (const route of routes.filter((r) => r.method === 'get' && r.path.includes('{workspaceId}'))) {
      const res = await adminA.client.get(fill(route.path));
      expect({ route: route.path, status: res.status }).toEqual({ route: route.path, status: 200 });
    }
  });

  it('answers 404 to an administrator of another workspace on every workspace route, and changes nothing', async () => {
    const before = await databaseFingerprint(t);
    const tenantRoutes = routes.filter((r) => r.path.includes('{workspaceId}'));
    for (const route of tenantRoutes) {
      const attempts = [fill(route.path)];
      // Mixed ids: the outsider's own workspace with A's organization.
      if (route.path.includes('{organizationId}')) attempts.push(fill(route.path, { workspaceId: ids['outsiderWorkspaceId']! }));
      for (const path of attempts) {
        const res = await outsider.client.send(route.method, path, route.method === 'get' ? undefined : {});
        expect({ route: `${route.method} ${path}`, status: res.status, code: res.body.code }).toEqual({
          route: `${route.method} ${path}`,
          status: 404,
          code: 'not-found',
        });
      }
    }
    expect(await databaseFingerprint(t)).toEqual(before);
  });

  it.each([
    ['contact', () => otherContact],
    ['board member', () => otherBoard],
  ])('answers 404 to a %s of another organization of the same workspace, and changes nothing', async (_label, who) => {
    const member = who();
    const before = await databaseFingerprint(t);
    for (const route of routes.filter((r) => r.path.includes('{workspaceId}'))) {
      const path = fill(route.path);
      const res = await member.client.send(route.method, path, route.method === 'get' ? undefined : {});
      const where = `${route.method} ${path}`;
      const listing = route.operation['x-regards-access']?.organizationListing === true;
      if (listing && !route.path.includes('{organizationId}')) {
        // A workspace-level listing they may read shows their organization only.
        expect({ where, status: res.status }).toEqual({ where, status: route.method === 'get' ? 200 : 404 });
        expect(JSON.stringify(res.body)).not.toContain(ids['organizationId']);
        expect(JSON.stringify(res.body)).not.toContain('Structure A1');
      } else {
        expect({ where, status: res.status, code: res.body.code }).toEqual({ where, status: 404, code: 'not-found' });
      }
    }
    expect(await databaseFingerprint(t)).toEqual(before);
  });
});
