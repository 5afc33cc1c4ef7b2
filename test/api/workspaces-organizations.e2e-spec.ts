import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import {
  addMember,
  addOrganizationMember,
  createOrganization,
  createUser,
  createWorkspace,
  databaseFingerprint,
  type TestUser,
} from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface AuditRow {
  action: string;
  workspace_id: string | null;
  actor_user_id: string | null;
  target_type: string | null;
  target_id: string | null;
  data: Record<string, unknown>;
}

describe('workspaces and organizations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '1000' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function auditFor(targetId: string): Promise<AuditRow[]> {
    return t.dataSource.query<AuditRow[]>(
      `SELECT action, workspace_id, actor_user_id, target_type, target_id, data FROM audit_event WHERE target_id = $1 ORDER BY created_at, action`,
      [targetId],
    );
  }

  function expectProblem(res: Response, status: number, code: string): void {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
  }

  /** A workspace with an admin, a facilitator, a viewer, and an organization with a contact and a board member. */
  async function network(): Promise<{
    workspaceId: string;
    organizationId: string;
    otherOrganizationId: string;
    admin: TestUser;
    facilitator: TestUser;
    viewer: TestUser;
    contact: TestUser;
    board: TestUser;
  }> {
    // Password hashing dominates; the five accounts are made side by side.
    const [admin, facilitator, viewer, contact, board] = await Promise.all([createUser(t), createUser(t), createUser(t), createUser(t), createUser(t)]);
    const workspaceId = await createWorkspace(t, admin);
    await addMember(t, workspaceId, facilitator, 'facilitator');
    await addMember(t, workspaceId, viewer, 'viewer');
    const organizationId = await createOrganization(t, workspaceId, 'B — La Ressourcerie');
    const otherOrganizationId = await createOrganization(t, workspaceId, 'A — Le Café associatif');
    await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
    await addOrganizationMember(t, workspaceId, organizationId, board, 'board');
    return { workspaceId, organizationId, otherOrganizationId, admin, facilitator, viewer, contact, board };
  }

  describe('workspaces', () => {
    it('lets a platform administrator create a workspace, of which they become admin, with an audit event', async () => {
      const root = await createUser(t, { platformAdmin: true });
      const res = await root.client.post('/workspaces', { name: '  Réseau ESS du Vallon ' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.any(String), name: 'Réseau ESS du Vallon', role: 'admin' });
      const id = (res.body as { id: string }).id;

      const memberships = await t.dataSource.query<Array<{ role: string }>>(`SELECT role FROM membership WHERE workspace_id = $1 AND user_id = $2`, [id, root.id]);
      expect(memberships).toEqual([{ role: 'admin' }]);
      expect(await auditFor(id)).toEqual([
        { action: 'workspace.created', workspace_id: id, actor_user_id: root.id, target_type: 'workspace', target_id: id, data: { name: 'Réseau ESS du Vallon' } },
      ]);

      const list = await root.client.get('/workspaces');
      expect(list.status).toBe(200);
      expect(list.body).toEqual([{ id, name: 'Réseau ESS du Vallon', role: 'admin' }]);
    });

    it('refuses workspace creation to anyone but a platform administrator, and writes nothing', async () => {
      const { admin } = await network();
      const before = await databaseFingerprint(t);
      const res = await admin.client.post('/workspaces', { name: 'Réseau pirate' });
      expectProblem(res, 403, 'forbidden');
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('lists, shows and renames a workspace', async () => {
      const { workspaceId, admin, viewer, contact } = await network();
      const list = await viewer.client.get('/workspaces');
      expect(list.status).toBe(200);
      expect(list.body).toEqual([{ id: workspaceId, name: expect.any(String), role: 'viewer' }]);

      const shown = await viewer.client.get(`/workspaces/${workspaceId}`);
      expect(shown.status).toBe(200);
      expect(shown.body).toEqual({ id: workspaceId, name: expect.any(String), role: 'viewer' });

      // An organization member reaches the workspace, without a workspace role.
      const asContact = await contact.client.get(`/workspaces/${workspaceId}`);
      expect(asContact.status).toBe(200);
      expect(asContact.body).toMatchObject({ id: workspaceId, role: null });

      const renamed = await admin.client.patch(`/workspaces/${workspaceId}`, { name: 'Réseau renommé' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toEqual({ id: workspaceId, name: 'Réseau renommé', role: 'admin' });
      expect((await viewer.client.get(`/workspaces/${workspaceId}`)).body).toMatchObject({ name: 'Réseau renommé' });
      expect((await auditFor(workspaceId)).map((e) => [e.action, e.actor_user_id, e.data])).toContainEqual([
        'workspace.renamed',
        admin.id,
        { name: 'Réseau renommé' },
      ]);
    });

    it('lists the members, changes a role and removes a member, with audit events', async () => {
      const { workspaceId, admin, facilitator, viewer } = await network();
      const members = await viewer.client.get(`/workspaces/${workspaceId}/members`);
      expect(members.status).toBe(200);
      const byId = new Map((members.body as Array<{ userId: string; email: string; role: string }>).map((m) => [m.userId, m]));
      expect(byId.size).toBe(3);
      expect(byId.get(admin.id)).toMatchObject({ email: admin.email, role: 'admin', displayName: expect.any(String) });
      expect(byId.get(facilitator.id)).toMatchObject({ role: 'facilitator' });
      expect(byId.get(viewer.id)).toMatchObject({ role: 'viewer' });

      const promoted = await admin.client.patch(`/workspaces/${workspaceId}/members/${viewer.id}`, { role: 'facilitator' });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toEqual({ userId: viewer.id, email: viewer.email, displayName: expect.any(String), role: 'facilitator' });
      const roleRows = await t.dataSource.query<Array<{ role: string }>>(`SELECT role FROM membership WHERE workspace_id = $1 AND user_id = $2`, [workspaceId, viewer.id]);
      expect(roleRows).toEqual([{ role: 'facilitator' }]);

      const removed = await admin.client.delete(`/workspaces/${workspaceId}/members/${facilitator.id}`);
      expect(removed.status).toBe(204);
      expect(await t.dataSource.query(`SELECT 1 FROM membership WHERE workspace_id = $1 AND user_id = $2`, [workspaceId, facilitator.id])).toEqual([]);
      // The removed member no longer sees the workspace at all.
      expectProblem(await facilitator.client.get(`/workspaces/${workspaceId}`), 404, 'not-found');
      expect((await facilitator.client.get('/workspaces')).body).toEqual([]);

      const viewerAudit = await auditFor(viewer.id);
      expect(viewerAudit).toContainEqual({
        action: 'membership.role-changed',
        workspace_id: workspaceId,
        actor_user_id: admin.id,
        target_type: 'user',
        target_id: viewer.id,
        data: { from: 'viewer', to: 'facilitator' },
      });
      expect(await auditFor(facilitator.id)).toContainEqual({
        action: 'membership.removed',
        workspace_id: workspaceId,
        actor_user_id: admin.id,
        target_type: 'user',
        target_id: facilitator.id,
        data: { role: 'facilitator' },
      });
    });

    it('answers 404 for a member who is not in the workspace', async () => {
      const { workspaceId, admin, contact } = await network();
      expectProblem(await admin.client.patch(`/workspaces/${workspaceId}/members/${contact.id}`, { role: 'viewer' }), 404, 'not-found');
      expectProblem(await admin.client.delete(`/workspaces/${workspaceId}/members/${contact.id}`), 404, 'not-found');
    });

    it('never demotes or removes the last administrator (409 last-admin), and writes nothing', async () => {
      const { workspaceId, admin, facilitator } = await network();
      const before = await databaseFingerprint(t);
      const demote = await admin.client.patch(`/workspaces/${workspaceId}/members/${admin.id}`, { role: 'viewer' });
      expectProblem(demote, 409, 'last-admin');
      expect(demote.body.errors).toEqual([{ path: 'role', code: 'last-admin', message: expect.stringContaining(admin.id) }]);
      expectProblem(await admin.client.delete(`/workspaces/${workspaceId}/members/${admin.id}`), 409, 'last-admin');
      expect(await databaseFingerprint(t)).toEqual(before);

      // With a second administrator, the first may step down.
      expect((await admin.client.patch(`/workspaces/${workspaceId}/members/${facilitator.id}`, { role: 'admin' })).status).toBe(200);
      const stepDown = await admin.client.patch(`/workspaces/${workspaceId}/members/${admin.id}`, { role: 'viewer' });
      expect(stepDown.status).toBe(200);
      expect(stepDown.body).toMatchObject({ userId: admin.id, role: 'viewer' });
      // …and the remaining one is now the last.
      expectProblem(await facilitator.client.delete(`/workspaces/${workspaceId}/members/${facilitator.id}`), 409, 'last-admin');
      expect((await facilitator.client.delete(`/workspaces/${workspaceId}/members/${admin.id}`)).status).toBe(204);
    });

    it('keeps at least one administrator when two demote each other at the same time', async () => {
      const { workspaceId, admin, facilitator } = await network();
      await addMember(t, workspaceId, facilitator, 'admin');
      const [a, b] = await Promise.all([
        admin.client.patch(`/workspaces/${workspaceId}/members/${facilitator.id}`, { role: 'viewer' }),
        facilitator.client.patch(`/workspaces/${workspaceId}/members/${admin.id}`, { role: 'viewer' }),
      ]);
      const statuses = [a.status, b.status].sort();
      // One wins; the other is refused, either as the last-admin rule or because its caller is no longer an admin.
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const admins = await t.dataSource.query<unknown[]>(`SELECT 1 FROM membership WHERE workspace_id = $1 AND role = 'admin'`, [workspaceId]);
      expect(admins).toHaveLength(1);
    });

    it('gives a viewer 403 on every workspace write, and writes nothing', async () => {
      const { workspaceId, admin, viewer } = await network();
      const before = await databaseFingerprint(t);
      expectProblem(await viewer.client.patch(`/workspaces/${workspaceId}`, { name: 'Pris' }), 403, 'forbidden');
      expectProblem(await viewer.client.patch(`/workspaces/${workspaceId}/members/${admin.id}`, { role: 'viewer' }), 403, 'forbidden');
      expectProblem(await viewer.client.patch(`/workspaces/${workspaceId}/members/${viewer.id}`, { role: 'admin' }), 403, 'forbidden');
      expectProblem(await viewer.client.delete(`/workspaces/${workspaceId}/members/${admin.id}`), 403, 'forbidden');
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('gives a facilitator 403 on member management and renaming', async () => {
      const { workspaceId, facilitator, viewer } = await network();
      const before = await databaseFingerprint(t);
      expectProblem(await facilitator.client.patch(`/workspaces/${workspaceId}`, { name: 'Pris' }), 403, 'forbidden');
      expectProblem(await facilitator.client.patch(`/workspaces/${workspaceId}/members/${viewer.id}`, { role: 'facilitator' }), 403, 'forbidden');
      expectProblem(await facilitator.client.delete(`/workspaces/${workspaceId}/members/${viewer.id}`), 403, 'forbidden');
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('hides the member list from organization members (404)', async () => {
      const { workspaceId, contact, board } = await network();
      expectProblem(await contact.client.get(`/workspaces/${workspaceId}/members`), 404, 'not-found');
      expectProblem(await board.client.get(`/workspaces/${workspaceId}/members`), 404, 'not-found');
    });

    it('lists the workspaces of an organization member with their organizations', async () => {
      const { workspaceId, organizationId, contact } = await network();
      const session = await contact.client.get('/auth/session');
      expect(session.body.workspaces).toEqual([
        { id: workspaceId, name: expect.any(String), role: null, organizations: [{ id: organizationId, name: 'B — La Ressourcerie', role: 'contact' }] },
      ]);
      expect((await contact.client.get('/workspaces')).body).toEqual([{ id: workspaceId, name: expect.any(String), role: null }]);
    });
  });

  describe('organizations', () => {
    it('creates, lists, shows, updates and deletes an organization, with audit events', async () => {
      const { workspaceId, admin, facilitator } = await network();
      const created = await facilitator.client.post(`/workspaces/${workspaceId}/organizations`, {
        name: ' La Fabrique\u0301 ',
        legalForm: 'Association loi 1901',
        city: 'Die',
      });
      expect(created.status).toBe(201);
      const organization = created.body as { id: string; name: string; createdAt: string; updatedAt: string };
      // Trimmed and NFC-normalised (e + combining acute → é).
      expect(organization).toEqual({
        id: expect.any(String),
        name: 'La Fabriqué',
        legalForm: 'Association loi 1901',
        city: 'Die',
        description: null,
        hasLogo: false,
        deletionRequest: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const row = await t.dataSource.query<Array<{ workspace_id: string; name: string }>>(`SELECT workspace_id, name FROM organization WHERE id = $1`, [organization.id]);
      expect(row).toEqual([{ workspace_id: workspaceId, name: 'La Fabriqué' }]);

      const list = await facilitator.client.get(`/workspaces/${workspaceId}/organizations`);
      expect(list.status).toBe(200);
      // Sorted by name.
      expect((list.body as Array<{ name: string }>).map((o) => o.name)).toEqual(['A — Le Café associatif', 'B — La Ressourcerie', 'La Fabriqué']);

      const shown = await facilitator.client.get(`/workspaces/${workspaceId}/organizations/${organization.id}`);
      expect(shown.status).toBe(200);
      expect(shown.body).toEqual(organization);

      const updated = await facilitator.client.patch(`/workspaces/${workspaceId}/organizations/${organization.id}`, {
        city: null,
        description: 'Atelier de réparation',
      });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ id: organization.id, name: 'La Fabriqué', legalForm: 'Association loi 1901', city: null, description: 'Atelier de réparation' });

      // Deleting is for administrators.
      expectProblem(await facilitator.client.delete(`/workspaces/${workspaceId}/organizations/${organization.id}`), 403, 'forbidden');
      const removed = await admin.client.delete(`/workspaces/${workspaceId}/organizations/${organization.id}`);
      expect(removed.status).toBe(204);
      expect(await t.dataSource.query(`SELECT 1 FROM organization WHERE id = $1`, [organization.id])).toEqual([]);
      expectProblem(await admin.client.get(`/workspaces/${workspaceId}/organizations/${organization.id}`), 404, 'not-found');

      const audit = await auditFor(organization.id);
      expect(audit.map((e) => [e.action, e.actor_user_id, e.workspace_id, e.target_type, e.data])).toEqual([
        ['organization.created', facilitator.id, workspaceId, 'organization', { name: 'La Fabriqué' }],
        ['organization.updated', facilitator.id, workspaceId, 'organization', { fields: ['city', 'description'] }],
        ['organization.deleted', admin.id, workspaceId, 'organization', { name: 'La Fabriqué' }],
      ]);
    });

    it('does not write an audit event for an empty update', async () => {
      const { workspaceId, organizationId, facilitator } = await network();
      // The audit trail is part of this fingerprint.
      const before = await databaseFingerprint(t, ['session', 'rate_limit_bucket']);
      const res = await facilitator.client.patch(`/workspaces/${workspaceId}/organizations/${organizationId}`, {});
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: organizationId, name: 'B — La Ressourcerie' });
      expect(await databaseFingerprint(t, ['session', 'rate_limit_bucket'])).toEqual(before);
    });

    it('refuses to blank an organization name on update', async () => {
      const { workspaceId, organizationId, facilitator } = await network();
      const before = await databaseFingerprint(t);
      for (const name of ['', '   ', null]) {
        const res = await facilitator.client.patch(`/workspaces/${workspaceId}/organizations/${organizationId}`, { name });
        expectProblem(res, 400, 'validation-failed');
        expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['name']));
      }
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('gives a viewer read access and 403 on every organization write, and writes nothing', async () => {
      const { workspaceId, organizationId, viewer, contact } = await network();
      expect((await viewer.client.get(`/workspaces/${workspaceId}/organizations`)).body).toHaveLength(2);
      expect((await viewer.client.get(`/workspaces/${workspaceId}/organizations/${organizationId}`)).status).toBe(200);
      expect((await viewer.client.get(`/workspaces/${workspaceId}/organizations/${organizationId}/members`)).status).toBe(200);
      const before = await databaseFingerprint(t);
      const base = `/workspaces/${workspaceId}/organizations`;
      expectProblem(await viewer.client.post(base, { name: 'Nouvelle structure' }), 403, 'forbidden');
      expectProblem(await viewer.client.patch(`${base}/${organizationId}`, { name: 'Renommée' }), 403, 'forbidden');
      expectProblem(await viewer.client.delete(`${base}/${organizationId}`), 403, 'forbidden');
      expectProblem(await viewer.client.patch(`${base}/${organizationId}/members/${contact.id}`, { role: 'board' }), 403, 'forbidden');
      expectProblem(await viewer.client.delete(`${base}/${organizationId}/members/${contact.id}`), 403, 'forbidden');
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('lets an organization contact see and edit only their own organization', async () => {
      const { workspaceId, organizationId, otherOrganizationId, contact } = await network();
      const base = `/workspaces/${workspaceId}/organizations`;
      const list = await contact.client.get(base);
      expect(list.status).toBe(200);
      expect((list.body as Array<{ id: string }>).map((o) => o.id)).toEqual([organizationId]);

      const updated = await contact.client.patch(`${base}/${organizationId}`, { description: 'Présentation écrite par la structure' });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ id: organizationId, description: 'Présentation écrite par la structure' });
      expect((await auditFor(organizationId)).map((e) => [e.action, e.actor_user_id])).toContainEqual(['organization.updated', contact.id]);

      const before = await databaseFingerprint(t);
      // Another organization of the same network does not exist for them.
      expectProblem(await contact.client.get(`${base}/${otherOrganizationId}`), 404, 'not-found');
      expectProblem(await contact.client.patch(`${base}/${otherOrganizationId}`, { name: 'Prise' }), 404, 'not-found');
      // Creating and deleting are network actions.
      expectProblem(await contact.client.post(base, { name: 'Nouvelle structure' }), 404, 'not-found');
      expectProblem(await contact.client.delete(`${base}/${organizationId}`), 404, 'not-found');
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('lets a board member read their organization but not edit it (404: organization members only)', async () => {
      const { workspaceId, organizationId, board, contact } = await network();
      const base = `/workspaces/${workspaceId}/organizations/${organizationId}`;
      expect((await board.client.get(base)).status).toBe(200);
      expect((await board.client.get(`${base}/members`)).status).toBe(200);
      const before = await databaseFingerprint(t);
      expectProblem(await board.client.patch(base, { name: 'Renommée' }), 404, 'not-found');
      expectProblem(await board.client.patch(`${base}/members/${contact.id}`, { role: 'board' }), 404, 'not-found');
      expectProblem(await board.client.delete(`${base}/members/${contact.id}`), 404, 'not-found');
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('lists organization members, changes a role and removes a member, with audit events', async () => {
      const { workspaceId, organizationId, facilitator, contact, board } = await network();
      const base = `/workspaces/${workspaceId}/organizations/${organizationId}/members`;
      const members = await facilitator.client.get(base);
      expect(members.status).toBe(200);
      expect((members.body as Array<{ userId: string; role: string; email: string }>).map((m) => [m.userId, m.role, m.email]).sort()).toEqual(
        [
          [contact.id, 'contact', contact.email],
          [board.id, 'board', board.email],
        ].sort(),
      );

      // A contact manages the members of their own organization.
      const promoted = await contact.client.patch(`${base}/${board.id}`, { role: 'contact' });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toEqual({ userId: board.id, email: board.email, displayName: expect.any(String), role: 'contact' });

      const removed = await facilitator.client.delete(`${base}/${contact.id}`);
      expect(removed.status).toBe(204);
      expect(await t.dataSource.query(`SELECT 1 FROM organization_member WHERE organization_id = $1 AND user_id = $2`, [organizationId, contact.id])).toEqual([]);
      // Without any membership left, the workspace disappears for them.
      expectProblem(await contact.client.get(`/workspaces/${workspaceId}/organizations`), 404, 'not-found');

      expect(await auditFor(board.id)).toContainEqual({
        action: 'organization-member.role-changed',
        workspace_id: workspaceId,
        actor_user_id: contact.id,
        target_type: 'user',
        target_id: board.id,
        data: { organizationId, from: 'board', to: 'contact' },
      });
      expect(await auditFor(contact.id)).toContainEqual({
        action: 'organization-member.removed',
        workspace_id: workspaceId,
        actor_user_id: facilitator.id,
        target_type: 'user',
        target_id: contact.id,
        data: { organizationId, role: 'contact' },
      });
    });

    it('answers 404 for an organization member who belongs to another organization', async () => {
      const { workspaceId, organizationId, otherOrganizationId, facilitator, contact } = await network();
      const before = await databaseFingerprint(t);
      expectProblem(await facilitator.client.patch(`/workspaces/${workspaceId}/organizations/${otherOrganizationId}/members/${contact.id}`, { role: 'board' }), 404, 'not-found');
      expectProblem(await facilitator.client.delete(`/workspaces/${workspaceId}/organizations/${otherOrganizationId}/members/${contact.id}`), 404, 'not-found');
      expect(await databaseFingerprint(t)).toEqual(before);
      expect((await facilitator.client.get(`/workspaces/${workspaceId}/organizations/${organizationId}/members`)).body).toHaveLength(2);
    });

    it('hides the organizations of another workspace (404) and writes nothing', async () => {
      const a = await network();
      const b = await network();
      const before = await databaseFingerprint(t);
      expectProblem(await a.admin.client.get(`/workspaces/${b.workspaceId}/organizations`), 404, 'not-found');
      // Through its own workspace id, another workspace's organization is still not found.
      expectProblem(await a.admin.client.get(`/workspaces/${a.workspaceId}/organizations/${b.organizationId}`), 404, 'not-found');
      expectProblem(await a.admin.client.patch(`/workspaces/${a.workspaceId}/organizations/${b.organizationId}`, { name: 'Prise' }), 404, 'not-found');
      expectProblem(await a.admin.client.delete(`/workspaces/${a.workspaceId}/organizations/${b.organizationId}`), 404, 'not-found');
      expect(await databaseFingerprint(t)).toEqual(before);
    });
  });

  it('never lowers a role when a membership is added again (an old invitation cannot demote an admin)', async () => {
    const admin = await createUser(t);
    const workspaceId = await createWorkspace(t, admin);
    await addMember(t, workspaceId, admin, 'viewer');
    const rows = await t.dataSource.query<Array<{ role: string }>>(`SELECT role FROM membership WHERE workspace_id = $1 AND user_id = $2`, [workspaceId, admin.id]);
    expect(rows).toEqual([{ role: 'admin' }]);
    const viewer = await createUser(t);
    await addMember(t, workspaceId, viewer, 'viewer');
    await addMember(t, workspaceId, viewer, 'facilitator');
    const raised = await t.dataSource.query<Array<{ role: string }>>(`SELECT role FROM membership WHERE workspace_id = $1 AND user_id = $2`, [workspaceId, viewer.id]);
    expect(raised).toEqual([{ role: 'facilitator' }]);
  });
});
