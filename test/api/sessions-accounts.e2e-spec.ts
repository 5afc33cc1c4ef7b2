import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Response } from 'supertest';
import {
  addMember,
  addOrganizationMember,
  createOrganization,
  createUser,
  createWorkspace,
  PASSWORD,
  type TestUser,
} from '../support/factories.js';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app.js';

const NEW_PASSWORD = 'a brand new passphrase 2026';

/** A copy of a browser's credentials: the session cookie and its CSRF token, to replay later. */
interface StolenCredentials {
  sessionToken: string;
  csrfToken: string;
}

function sessionTokenOf(res: Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const token = cookies.map((c) => /^regards_session=([^;]+)/.exec(c)?.[1]).find((v) => v !== undefined);
  if (!token) throw new Error('no regards_session cookie in the response');
  return decodeURIComponent(token);
}

describe('sessions and accounts: every change takes effect on the next request', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Logs in on a new client and keeps a copy of its credentials. */
  async function loginAndCopy(user: TestUser, password = PASSWORD): Promise<{ client: ApiClient; stolen: StolenCredentials }> {
    const client = t.client();
    const res = await client.login(user.email, password);
    return { client, stolen: { sessionToken: sessionTokenOf(res), csrfToken: client.csrfToken! } };
  }

  /** A request with copied credentials only, from another machine: no cookie jar, no CSRF cookie. */
  function replay(stolen: StolenCredentials, method: 'get' | 'post' | 'patch' | 'delete', path: string, body?: object) {
    const http = request(t.app.getHttpServer());
    const req = http[method](`/api/v1${path}`)
      .set('Cookie', `regards_session=${stolen.sessionToken}`)
      .set('X-CSRF-Token', stolen.csrfToken);
    return body === undefined ? req : req.send(body);
  }

  async function auditActions(targetId: string): Promise<Array<{ action: string; actor_user_id: string | null; workspace_id: string | null; data: Record<string, unknown> }>> {
    return t.dataSource.query(`SELECT action, actor_user_id, workspace_id, data FROM audit_event WHERE target_id = $1 ORDER BY created_at, action`, [targetId]);
  }

  describe('logout', () => {
    it('ends the session at once: a replayed cookie no longer works, for reads or writes', async () => {
      const user = await createUser(t, { login: false });
      const { client, stolen } = await loginAndCopy(user);
      expect((await replay(stolen, 'get', '/auth/session')).status).toBe(200);

      const logout = await client.post('/auth/logout');
      expect(logout.status).toBe(204);
      expect(String(logout.headers['set-cookie'])).toMatch(/regards_session=;/);

      const read = await replay(stolen, 'get', '/auth/session');
      expect(read.status).toBe(401);
      expect(read.body.code).toBe('unauthenticated');
      const write = await replay(stolen, 'patch', '/account', { displayName: 'Quelqu’un d’autre' });
      expect(write.status).toBe(401);
      const rows = await t.dataSource.query<unknown[]>(`SELECT 1 FROM session WHERE token_hash = encode(sha256($1::bytea), 'hex')`, [stolen.sessionToken]);
      expect(rows).toHaveLength(0);
      const name = await t.dataSource.query<Array<{ display_name: string }>>(`SELECT display_name FROM user_account WHERE id = $1`, [user.id]);
      expect(name[0]!.display_name).not.toBe('Quelqu’un d’autre');
    });

    it('ends only this session: the same person elsewhere stays logged in', async () => {
      const user = await createUser(t, { login: false });
      const laptop = await loginAndCopy(user);
      const phone = await loginAndCopy(user);
      expect((await laptop.client.post('/auth/logout')).status).toBe(204);
      expect((await replay(laptop.stolen, 'get', '/auth/session')).status).toBe(401);
      expect((await replay(phone.stolen, 'get', '/auth/session')).status).toBe(200);
    });

    it('records the logout in the audit trail', async () => {
      const user = await createUser(t);
      expect((await user.client.post('/auth/logout')).status).toBe(204);
      const events = await auditActions(user.id);
      expect(events.map((e) => e.action)).toContain('auth.logout');
      expect(events.find((e) => e.action === 'auth.logout')).toMatchObject({ actor_user_id: user.id, workspace_id: null });
    });
  });

  describe('workspace membership', () => {
    let admin: TestUser;
    let workspaceId: string;

    beforeAll(async () => {
      admin = await createUser(t);
      workspaceId = await createWorkspace(t, admin);
    });

    it('a removed member is refused on their very next request, with the session they already had', async () => {
      const member = await createUser(t, { login: false });
      await addMember(t, workspaceId, member, 'facilitator');
      const { stolen } = await loginAndCopy(member);
      expect((await replay(stolen, 'get', `/workspaces/${workspaceId}/organizations`)).status).toBe(200);
      expect((await replay(stolen, 'post', `/workspaces/${workspaceId}/organizations`, { name: 'Avant le départ' })).status).toBe(201);

      expect((await admin.client.delete(`/workspaces/${workspaceId}/members/${member.id}`)).status).toBe(204);

      const read = await replay(stolen, 'get', `/workspaces/${workspaceId}/organizations`);
      expect(read.status).toBe(404);
      expect(read.body.code).toBe('not-found');
      expect((await replay(stolen, 'post', `/workspaces/${workspaceId}/organizations`, { name: 'Après le départ' })).status).toBe(404);
      // Still logged in (they may belong elsewhere), but the workspace is gone from their session.
      const session = await replay(stolen, 'get', '/auth/session');
      expect(session.status).toBe(200);
      expect(session.body.workspaces).toEqual([]);
      const names = await t.dataSource.query<Array<{ name: string }>>(`SELECT name FROM organization WHERE workspace_id = $1`, [workspaceId]);
      expect(names.map((n) => n.name)).not.toContain('Après le départ');
      expect((await auditActions(member.id)).filter((e) => e.action === 'membership.removed')).toEqual([
        { action: 'membership.removed', actor_user_id: admin.id, workspace_id: workspaceId, data: { role: 'facilitator' } },
      ]);
    });

    it('a lowered role applies on the very next request: an administrator turned viewer can no longer administer', async () => {
      const member = await createUser(t, { login: false });
      await addMember(t, workspaceId, member, 'admin');
      const { stolen } = await loginAndCopy(member);
      expect((await replay(stolen, 'get', `/workspaces/${workspaceId}/invitations`)).status).toBe(200);

      const lowered = await admin.client.patch(`/workspaces/${workspaceId}/members/${member.id}`, { role: 'viewer' });
      expect(lowered.status).toBe(200);
      expect(lowered.body.role).toBe('viewer');

      const invitations = await replay(stolen, 'get', `/workspaces/${workspaceId}/invitations`);
      expect(invitations.status).toBe(403);
      expect(invitations.body.code).toBe('forbidden');
      const invite = await replay(stolen, 'post', `/workspaces/${workspaceId}/invitations`, { email: 'late@example.org', role: 'admin' });
      expect(invite.status).toBe(403);
      expect((await replay(stolen, 'post', `/workspaces/${workspaceId}/organizations`, { name: 'Structure' })).status).toBe(403);
      // What a viewer may do still works.
      expect((await replay(stolen, 'get', `/workspaces/${workspaceId}/members`)).status).toBe(200);
      const session = await replay(stolen, 'get', '/auth/session');
      expect(session.body.workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: 'viewer' })]);
      expect(await t.dataSource.query(`SELECT 1 FROM invitation WHERE email = 'late@example.org'`)).toHaveLength(0);
      expect((await auditActions(member.id)).filter((e) => e.action === 'membership.role-changed')).toEqual([
        { action: 'membership.role-changed', actor_user_id: admin.id, workspace_id: workspaceId, data: { from: 'admin', to: 'viewer' } },
      ]);
    });

    it('lets an administrator end every session of a member at once, and records it', async () => {
      const member = await createUser(t, { login: false });
      await addMember(t, workspaceId, member, 'facilitator');
      const laptop = await loginAndCopy(member);
      const phone = await loginAndCopy(member);

      const ended = await admin.client.delete(`/workspaces/${workspaceId}/members/${member.id}/sessions`);
      expect(ended.status).toBe(200);
      expect(ended.body).toEqual({ sessionsEnded: 2 });
      for (const device of [laptop, phone]) {
        expect((await replay(device.stolen, 'get', '/auth/session')).status).toBe(401);
      }
      // They log in again as usual, still a member.
      const again = await loginAndCopy(member);
      expect((await replay(again.stolen, 'get', `/workspaces/${workspaceId}/organizations`)).status).toBe(200);
      // The administrator acted from a session that stays.
      expect((await admin.client.get('/auth/session')).status).toBe(200);
      expect((await auditActions(member.id)).filter((e) => e.action === 'membership.sessions-ended')).toEqual([
        { action: 'membership.sessions-ended', actor_user_id: admin.id, workspace_id: workspaceId, data: { sessionsEnded: 2 } },
      ]);
    });

    it('keeps the session an administrator acts from when they end their own sessions', async () => {
      const elsewhere = await loginAndCopy(admin);
      const ended = await admin.client.delete(`/workspaces/${workspaceId}/members/${admin.id}/sessions`);
      expect(ended.status).toBe(200);
      expect(ended.body.sessionsEnded).toBeGreaterThanOrEqual(1);
      expect((await admin.client.get('/auth/session')).status).toBe(200);
      expect((await replay(elsewhere.stolen, 'get', '/auth/session')).status).toBe(401);
    });

    it('refuses to end sessions for a non-administrator, and for someone outside the workspace', async () => {
      const facilitator = await createUser(t);
      await addMember(t, workspaceId, facilitator, 'facilitator');
      const target = await createUser(t);
      await addMember(t, workspaceId, target, 'viewer');
      const refused = await facilitator.client.delete(`/workspaces/${workspaceId}/members/${target.id}/sessions`);
      expect(refused.status).toBe(403);
      const stranger = await createUser(t);
      const notMember = await admin.client.delete(`/workspaces/${workspaceId}/members/${stranger.id}/sessions`);
      expect(notMember.status).toBe(404);
      expect((await target.client.get('/auth/session')).status).toBe(200);
      expect((await stranger.client.get('/auth/session')).status).toBe(200);
    });
  });

  describe('organization membership', () => {
    let admin: TestUser;
    let workspaceId: string;
    let organizationId: string;

    beforeAll(async () => {
      admin = await createUser(t);
      workspaceId = await createWorkspace(t, admin);
      organizationId = await createOrganization(t, workspaceId, 'La Ressourcerie du Vallon');
    });

    it('a removed organization member is refused on their very next request', async () => {
      const contact = await createUser(t, { login: false });
      await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
      const { stolen } = await loginAndCopy(contact);
      expect((await replay(stolen, 'get', `/workspaces/${workspaceId}/organizations/${organizationId}`)).status).toBe(200);

      expect((await admin.client.delete(`/workspaces/${workspaceId}/organizations/${organizationId}/members/${contact.id}`)).status).toBe(204);

      expect((await replay(stolen, 'get', `/workspaces/${workspaceId}/organizations/${organizationId}`)).status).toBe(404);
      expect((await replay(stolen, 'get', `/workspaces/${workspaceId}/organizations`)).status).toBe(404);
      expect((await replay(stolen, 'patch', `/workspaces/${workspaceId}/organizations/${organizationId}`, { city: 'Ailleurs' })).status).toBe(404);
      expect((await replay(stolen, 'get', '/auth/session')).body.workspaces).toEqual([]);
      expect((await auditActions(contact.id)).filter((e) => e.action === 'organization-member.removed')).toEqual([
        { action: 'organization-member.removed', actor_user_id: admin.id, workspace_id: workspaceId, data: { organizationId, role: 'contact' } },
      ]);
    });

    it('a contact made board member loses the contact’s rights on the very next request', async () => {
      const contact = await createUser(t, { login: false });
      await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
      const { stolen } = await loginAndCopy(contact);
      expect((await replay(stolen, 'patch', `/workspaces/${workspaceId}/organizations/${organizationId}`, { city: 'Die' })).status).toBe(200);

      const changed = await admin.client.patch(`/workspaces/${workspaceId}/organizations/${organizationId}/members/${contact.id}`, { role: 'board' });
      expect(changed.status).toBe(200);

      expect((await replay(stolen, 'patch', `/workspaces/${workspaceId}/organizations/${organizationId}`, { city: 'Crest' })).status).toBe(404);
      expect((await replay(stolen, 'post', `/workspaces/${workspaceId}/organizations/${organizationId}/invitations`, { email: 'x@example.org', role: 'board' })).status).toBe(404);
      // A board member still reads the organization.
      expect((await replay(stolen, 'get', `/workspaces/${workspaceId}/organizations/${organizationId}`)).status).toBe(200);
      const city = await t.dataSource.query<Array<{ city: string }>>(`SELECT city FROM organization WHERE id = $1`, [organizationId]);
      expect(city[0]!.city).toBe('Die');
      expect((await auditActions(contact.id)).filter((e) => e.action === 'organization-member.role-changed')).toEqual([
        { action: 'organization-member.role-changed', actor_user_id: admin.id, workspace_id: workspaceId, data: { organizationId, from: 'contact', to: 'board' } },
      ]);
    });
  });

  describe('password change', () => {
    it('ends every other session, replayed cookies included, keeps the current one, and is audited', async () => {
      const user = await createUser(t, { login: false });
      const current = await loginAndCopy(user);
      const other = await loginAndCopy(user);
      const third = await loginAndCopy(user);

      const changed = await current.client.post('/account/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(changed.status).toBe(204);

      expect((await replay(current.stolen, 'get', '/auth/session')).status).toBe(200);
      for (const device of [other, third]) {
        expect((await replay(device.stolen, 'get', '/auth/session')).status).toBe(401);
        expect((await replay(device.stolen, 'patch', '/account', { displayName: 'Intrus' })).status).toBe(401);
      }
      const oldPassword = await t.client().post('/auth/login', { email: user.email, password: PASSWORD });
      expect(oldPassword.status).toBe(401);
      await t.client().login(user.email, NEW_PASSWORD);
      const events = await auditActions(user.id);
      expect(events.filter((e) => e.action === 'account.password-changed')).toEqual([
        { action: 'account.password-changed', actor_user_id: user.id, workspace_id: null, data: { sessionsEnded: 2 } },
      ]);
      // The audit trail never holds a password.
      const trail = JSON.stringify(await t.dataSource.query(`SELECT data FROM audit_event WHERE actor_user_id = $1`, [user.id]));
      expect(trail).not.toContain(NEW_PASSWORD);
      expect(trail).not.toContain(PASSWORD);
    });

    it.each([
      ['too short', 'short', 'newPassword must be at least 12 characters'],
      ['too long', 'x'.repeat(257), 'newPassword must be at most 256 characters'],
    ])('refuses a new password that is %s, like the registration, and changes nothing', async (_label, newPassword, message) => {
      const user = await createUser(t);
      const other = await loginAndCopy(user);
      const res = await user.client.post('/account/password', { currentPassword: PASSWORD, newPassword });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'newPassword', message })]);
      expect((await replay(other.stolen, 'get', '/auth/session')).status).toBe(200);
      await t.client().login(user.email, PASSWORD);
    });

    it('refuses a wrong current password without ending any session', async () => {
      const user = await createUser(t);
      const other = await loginAndCopy(user);
      const res = await user.client.post('/account/password', { currentPassword: 'not my password at all', newPassword: NEW_PASSWORD });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('wrong-password');
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'currentPassword' })]);
      expect((await replay(other.stolen, 'get', '/auth/session')).status).toBe(200);
      expect((await auditActions(user.id)).map((e) => e.action)).toContain('account.password-change-failed');
    });

    it('is throttled like the login: after repeated wrong current passwords, even the right one waits', async () => {
      const user = await createUser(t);
      for (let i = 0; i < 3; i++) {
        expect((await user.client.post('/account/password', { currentPassword: `wrong guess number ${i}`, newPassword: NEW_PASSWORD })).status).toBe(400);
      }
      const blocked = await user.client.post('/account/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(blocked.status).toBe(429);
      expect(blocked.body.code).toBe('too-many-attempts');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // The password did not change.
      await t.client().login(user.email, PASSWORD);
    });

    it('needs a session', async () => {
      const client = t.client();
      await client.fetchCsrf();
      const res = await client.post('/account/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(res.status).toBe(401);
    });
  });

  describe('audit of membership administration', () => {
    it('records invitations sent and revoked with the administrator who did it', async () => {
      const admin = await createUser(t);
      const workspaceId = await createWorkspace(t, admin);
      const sent = await admin.client.post(`/workspaces/${workspaceId}/invitations`, { email: 'camille@example.org', role: 'facilitator' });
      expect(sent.status).toBe(201);
      expect((await admin.client.delete(`/workspaces/${workspaceId}/invitations/${sent.body.id}`)).status).toBe(204);
      expect(await auditActions(sent.body.id)).toEqual([
        { action: 'invitation.created', actor_user_id: admin.id, workspace_id: workspaceId, data: { email: 'camille@example.org', role: 'facilitator', organizationId: null } },
        { action: 'invitation.revoked', actor_user_id: admin.id, workspace_id: workspaceId, data: { email: 'camille@example.org' } },
      ]);
    });
  });
});

describe('sessions across IPs: the password change is throttled per IP as well', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000', LOGIN_MAX_ATTEMPTS_PER_IP: '4' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts every attempt from one IP address', async () => {
    const user = await createUser(t);
    // The login above was one attempt of the login's own counter, not of this one.
    for (let i = 0; i < 4; i++) {
      expect((await user.client.post('/account/password', { currentPassword: `guess ${i} guess ${i}`, newPassword: NEW_PASSWORD })).status).toBe(400);
    }
    const blocked = await user.client.post('/account/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(blocked.status).toBe(429);
  });
});
