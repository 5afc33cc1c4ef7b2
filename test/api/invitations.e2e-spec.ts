import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import {
  addMember,
  addOrganizationMember,
  createOrganization,
  createUser,
  createWorkspace,
  databaseFingerprint,
  PASSWORD,
  type TestUser,
} from '../support/factories.js';
import { startMailCatcher, type MailCatcher, type ReceivedMail } from '../support/mail.js';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app.js';

interface CreatedInvitation {
  id: string;
  email: string;
  role: string;
  organizationId: string | null;
  expiresAt: string;
  createdAt: string;
  link: string;
  emailed: boolean;
}

let counter = 0;
function newEmail(): string {
  counter += 1;
  return `invitee${counter}-${Date.now()}@example.org`;
}

function tokenOf(invitation: CreatedInvitation): string {
  const m = /\/invitations\/([^/?#]+)$/.exec(invitation.link);
  if (!m?.[1]) throw new Error(`no token in ${invitation.link}`);
  return m[1];
}

function expectProblem(res: Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
}

function withoutInstance(body: Record<string, unknown>): Record<string, unknown> {
  const { instance: _instance, ...rest } = body;
  return rest;
}

describe('invitations', () => {
  let t: TestApp;
  let admin: TestUser;
  let workspaceId: string;
  let organizationId: string;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '1000' });
    admin = await createUser(t);
    workspaceId = await createWorkspace(t, admin, 'Réseau des Invitations');
    organizationId = await createOrganization(t, workspaceId, 'La Ressourcerie');
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    // Token look-ups are throttled per IP, and every request of this file comes from the same one.
    await t.dataSource.query(`DELETE FROM rate_limit_bucket WHERE key LIKE 'invitation-token:%'`);
  });

  async function inviteToWorkspace(email: string, role = 'facilitator', by: ApiClient = admin.client): Promise<CreatedInvitation> {
    const res = await by.post(`/workspaces/${workspaceId}/invitations`, { email, role });
    expect(res.status).toBe(201);
    return res.body as CreatedInvitation;
  }

  async function inviteToOrganization(email: string, role = 'contact', by: ApiClient = admin.client): Promise<CreatedInvitation> {
    const res = await by.post(`/workspaces/${workspaceId}/organizations/${organizationId}/invitations`, { email, role });
    expect(res.status).toBe(201);
    return res.body as CreatedInvitation;
  }

  describe('to a workspace', () => {
    it('creates an invitation with a link to copy when no SMTP server is configured', async () => {
      const email = newEmail();
      const res = await admin.client.post(`/workspaces/${workspaceId}/invitations`, { email: `  ${email.toUpperCase()} `, role: 'viewer' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        email,
        role: 'viewer',
        organizationId: null,
        expiresAt: expect.any(String),
        createdAt: expect.any(String),
        link: expect.stringMatching(/^http:\/\/localhost:\d+\/invitations\/[A-Za-z0-9_-]{22}$/),
        emailed: false,
      });
      const invitation = res.body as CreatedInvitation;
      // Valid for INVITATION_TTL_HOURS (default one week).
      const ttlHours = (Date.parse(invitation.expiresAt) - Date.parse(invitation.createdAt)) / 3600_000;
      expect(ttlHours).toBeGreaterThan(167.9);
      expect(ttlHours).toBeLessThan(168.1);

      const pending = await admin.client.get(`/workspaces/${workspaceId}/invitations`);
      expect(pending.status).toBe(200);
      expect(pending.body).toContainEqual({ id: invitation.id, email, role: 'viewer', organizationId: null, expiresAt: invitation.expiresAt, createdAt: invitation.createdAt });

      const audit = await t.dataSource.query<Array<{ action: string; actor_user_id: string; workspace_id: string; data: unknown }>>(
        `SELECT action, actor_user_id, workspace_id, data FROM audit_event WHERE target_id = $1`,
        [invitation.id],
      );
      expect(audit).toEqual([{ action: 'invitation.created', actor_user_id: admin.id, workspace_id: workspaceId, data: { email, role: 'viewer', organizationId: null } }]);
    });

    it('uses a 128-bit random base64url token and stores only its SHA-256', async () => {
      const tokens = new Set<string>();
      for (let i = 0; i < 3; i++) {
        const invitation = await inviteToWorkspace(newEmail());
        const token = tokenOf(invitation);
        expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
        expect(Buffer.from(token, 'base64url')).toHaveLength(16);
        tokens.add(token);

        const rows = await t.dataSource.query<Array<{ token_hash: string; row: string }>>(
          `SELECT i.token_hash, i::text AS row FROM invitation i WHERE i.id = $1`,
          [invitation.id],
        );
        expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
        // The token itself is nowhere in the row, nor anywhere in the audit trail.
        expect(rows[0]!.row).not.toContain(token);
        const leaks = await t.dataSource.query<unknown[]>(`SELECT 1 FROM audit_event a WHERE a::text LIKE '%' || $1 || '%'`, [token]);
        expect(leaks).toEqual([]);
      }
      expect(tokens.size).toBe(3);
    });

    it('previews an invitation without logging in', async () => {
      const email = newEmail();
      const invitation = await inviteToWorkspace(email, 'viewer');
      const res = await t.client().get(`/invitations/${tokenOf(invitation)}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        email,
        role: 'viewer',
        workspaceName: 'Réseau des Invitations',
        organizationName: null,
        accountExists: false,
        expiresAt: invitation.expiresAt,
      });
    });

    it('accepts by creating an account: logged in, member with the invited role, invitation used', async () => {
      const email = newEmail();
      const invitation = await inviteToWorkspace(email, 'facilitator');
      const client = t.client();
      const res = await client.post('/invitations/accept', { token: tokenOf(invitation), displayName: ' Camille Martin ', password: 'a long enough passphrase' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        user: { email, displayName: 'Camille Martin', isPlatformAdmin: false },
        workspaces: [{ id: workspaceId, role: 'facilitator', organizations: [] }],
      });
      const userId = (res.body as { user: { id: string } }).user.id;

      // The new session works, with its own CSRF token, for a state-changing request.
      expect((await client.get('/auth/session')).status).toBe(200);
      expect((await client.post(`/workspaces/${workspaceId}/organizations`, { name: 'Créée par la personne invitée' })).status).toBe(201);

      const membership = await t.dataSource.query<Array<{ role: string }>>(`SELECT role FROM membership WHERE workspace_id = $1 AND user_id = $2`, [workspaceId, userId]);
      expect(membership).toEqual([{ role: 'facilitator' }]);
      const row = await t.dataSource.query<Array<{ accepted_by: string; accepted: boolean }>>(
        `SELECT accepted_by, accepted_at IS NOT NULL AS accepted FROM invitation WHERE id = $1`,
        [invitation.id],
      );
      expect(row).toEqual([{ accepted_by: userId, accepted: true }]);
      const audit = await t.dataSource.query<Array<{ action: string; actor_user_id: string; workspace_id: string }>>(
        `SELECT action, actor_user_id, workspace_id FROM audit_event WHERE target_id = $1 ORDER BY created_at`,
        [invitation.id],
      );
      expect(audit.map((a) => a.action)).toEqual(['invitation.created', 'invitation.accepted']);
      expect(audit[1]).toMatchObject({ actor_user_id: userId, workspace_id: workspaceId });

      // The pending list no longer shows it.
      const pending = (await admin.client.get(`/workspaces/${workspaceId}/invitations`)).body as Array<{ id: string }>;
      expect(pending.map((p) => p.id)).not.toContain(invitation.id);
      // And the password works for a fresh login.
      await t.client().login(email, 'a long enough passphrase');
    });

    it('asks for a name and a password when creating the account, and writes nothing without them', async () => {
      const invitation = await inviteToWorkspace(newEmail());
      const before = await databaseFingerprint(t);
      const res = await t.client().post('/invitations/accept', { token: tokenOf(invitation) });
      expectProblem(res, 400, 'validation-failed');
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['displayName', 'password']);
      const short = await t.client().post('/invitations/accept', { token: tokenOf(invitation), displayName: 'Camille', password: 'short' });
      expectProblem(short, 400, 'validation-failed');
      expect(short.body.errors.map((e: { path: string }) => e.path)).toEqual(['password']);
      expect(await databaseFingerprint(t)).toEqual(before);
      // The invitation is still usable.
      expect((await t.client().get(`/invitations/${tokenOf(invitation)}`)).status).toBe(200);
    });

    it('accepts while logged in as the invited e-mail, keeping the session', async () => {
      const user = await createUser(t);
      const invitation = await inviteToWorkspace(user.email, 'viewer');
      expect((await t.client().get(`/invitations/${tokenOf(invitation)}`)).body).toMatchObject({ accountExists: true });
      const res = await user.client.post('/invitations/accept', { token: tokenOf(invitation) });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ user: { id: user.id }, workspaces: [{ id: workspaceId, role: 'viewer' }] });
      // No new session was started: the one cookie still works.
      expect(([] as string[]).concat(res.headers['set-cookie'] ?? []).some((c) => c.startsWith('regards_session='))).toBe(false);
      expect((await user.client.get(`/workspaces/${workspaceId}`)).body).toMatchObject({ role: 'viewer' });
    });

    it('asks an existing account to log in first (409 login-required), and writes nothing', async () => {
      const user = await createUser(t, { login: false });
      const invitation = await inviteToWorkspace(user.email);
      const before = await databaseFingerprint(t);
      const res = await t.client().post('/invitations/accept', { token: tokenOf(invitation), displayName: 'Quelqu’un', password: 'a long enough passphrase' });
      expectProblem(res, 409, 'login-required');
      expect(await databaseFingerprint(t)).toEqual(before);
      // The password of the existing account was not changed.
      await t.client().login(user.email, PASSWORD);
    });

    it('refuses an invitation accepted by someone logged in with another e-mail (409 invitation-email-mismatch)', async () => {
      const someoneElse = await createUser(t);
      const invitation = await inviteToWorkspace(newEmail());
      const before = await databaseFingerprint(t);
      const res = await someoneElse.client.post('/invitations/accept', { token: tokenOf(invitation) });
      expectProblem(res, 409, 'invitation-email-mismatch');
      expect(await databaseFingerprint(t)).toEqual(before);
      expectProblem(await someoneElse.client.get(`/workspaces/${workspaceId}`), 404, 'not-found');
    });

    it('answers a reused, expired, revoked or unknown token with the same 404, and writes nothing', async () => {
      const reused = await inviteToWorkspace(newEmail());
      expect((await t.client().post('/invitations/accept', { token: tokenOf(reused), displayName: 'Première', password: 'a long enough passphrase' })).status).toBe(200);

      const expired = await inviteToWorkspace(newEmail());
      await t.dataSource.query(`UPDATE invitation SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);

      const revoked = await inviteToWorkspace(newEmail());
      expect((await admin.client.delete(`/workspaces/${workspaceId}/invitations/${revoked.id}`)).status).toBe(204);
      expect(
        await t.dataSource.query(`SELECT action FROM audit_event WHERE target_id = $1 ORDER BY created_at`, [revoked.id]),
      ).toEqual([{ action: 'invitation.created' }, { action: 'invitation.revoked' }]);
      // Revoking twice: it is no longer pending.
      expectProblem(await admin.client.delete(`/workspaces/${workspaceId}/invitations/${revoked.id}`), 404, 'not-found');

      const unknown = Buffer.alloc(16, 7).toString('base64url');
      const tokens = { reused: tokenOf(reused), expired: tokenOf(expired), revoked: tokenOf(revoked), unknown };

      const before = await databaseFingerprint(t);
      const previews: Record<string, unknown>[] = [];
      const accepts: Record<string, unknown>[] = [];
      for (const token of Object.values(tokens)) {
        const preview = await t.client().get(`/invitations/${token}`);
        expectProblem(preview, 404, 'invitation-invalid');
        expect(preview.body.instance).toBe(`/api/v1/invitations/${token}`);
        previews.push(withoutInstance(preview.body as Record<string, unknown>));

        const accept = await t.client().post('/invitations/accept', { token, displayName: 'Seconde', password: 'a long enough passphrase' });
        expectProblem(accept, 404, 'invitation-invalid');
        accepts.push(accept.body as Record<string, unknown>);
      }
      expect(await databaseFingerprint(t)).toEqual(before);
      for (const p of previews) expect(p).toEqual(previews[0]);
      for (const a of accepts) expect(a).toEqual(accepts[0]);
      expect(withoutInstance(accepts[0]!)).toEqual(previews[0]);
      // The same answer for a logged-in caller.
      const loggedIn = await admin.client.post('/invitations/accept', { token: tokens.reused });
      expect(loggedIn.body).toEqual(accepts[0]);
    });

    it('accepts an invitation only once when two people race for it', async () => {
      const invitation = await inviteToWorkspace(newEmail(), 'viewer');
      const token = tokenOf(invitation);
      const [a, b] = await Promise.all([
        t.client().post('/invitations/accept', { token, displayName: 'Un', password: 'a long enough passphrase' }),
        t.client().post('/invitations/accept', { token, displayName: 'Deux', password: 'a long enough passphrase' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 404]);
      const users = await t.dataSource.query<unknown[]>(`SELECT 1 FROM user_account WHERE email = $1`, [invitation.email]);
      expect(users).toHaveLength(1);
    });

    it('replaces the pending invitation when the same e-mail is invited again', async () => {
      const email = newEmail();
      const first = await inviteToWorkspace(email, 'viewer');
      const second = await inviteToWorkspace(email, 'facilitator');
      expect(tokenOf(second)).not.toBe(tokenOf(first));
      const pending = (await admin.client.get(`/workspaces/${workspaceId}/invitations`)).body as Array<{ id: string; email: string; role: string }>;
      expect(pending.filter((p) => p.email === email)).toEqual([expect.objectContaining({ id: second.id, role: 'facilitator' })]);
      expectProblem(await t.client().get(`/invitations/${tokenOf(first)}`), 404, 'invitation-invalid');
      expect((await t.client().get(`/invitations/${tokenOf(second)}`)).body).toMatchObject({ role: 'facilitator' });
    });

    it('refuses to invite someone who is already a member (409), and writes nothing', async () => {
      const member = await createUser(t);
      await addMember(t, workspaceId, member, 'viewer');
      const before = await databaseFingerprint(t);
      const res = await admin.client.post(`/workspaces/${workspaceId}/invitations`, { email: member.email.toUpperCase(), role: 'admin' });
      expectProblem(res, 409, 'conflict');
      expect(res.body.errors).toEqual([{ path: 'email', code: 'already-member', message: expect.any(String) }]);
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it.each([
      ['a role that does not exist', { email: 'role@example.org', role: 'owner' }, ['role']],
      ['an organization role', { email: 'role@example.org', role: 'contact' }, ['role']],
      ['a differently-cased role', { email: 'role@example.org', role: 'Admin' }, ['role']],
      ['no role', { email: 'role@example.org' }, ['role']],
      ['an invalid e-mail', { email: 'not an e-mail', role: 'viewer' }, ['email']],
    ])('refuses %s (400 with the path), and writes nothing', async (_name, body, paths) => {
      const before = await databaseFingerprint(t);
      const res = await admin.client.post(`/workspaces/${workspaceId}/invitations`, body);
      expectProblem(res, 400, 'validation-failed');
      expect([...new Set((res.body.errors as Array<{ path: string }>).map((e) => e.path))]).toEqual(paths);
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('lets only administrators invite to the workspace', async () => {
      const facilitator = await createUser(t);
      await addMember(t, workspaceId, facilitator, 'facilitator');
      const before = await databaseFingerprint(t);
      expectProblem(await facilitator.client.post(`/workspaces/${workspaceId}/invitations`, { email: newEmail(), role: 'viewer' }), 403, 'forbidden');
      expectProblem(await facilitator.client.get(`/workspaces/${workspaceId}/invitations`), 403, 'forbidden');
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('throttles token look-ups from one address', async () => {
      const unknown = (i: number) => `unknown-token-${String(i).padStart(8, '0')}`;
      for (let i = 0; i < 60; i++) expect((await t.client().get(`/invitations/${unknown(i)}`)).status).toBe(404);
      const blocked = await t.client().get(`/invitations/${unknown(60)}`);
      expectProblem(blocked, 429, 'too-many-attempts');
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // Even a valid token waits: guessing must not be rewarded.
      const invitation = await inviteToWorkspace(newEmail());
      expectProblem(await t.client().get(`/invitations/${tokenOf(invitation)}`), 429, 'too-many-attempts');
    });
  });

  describe('to an organization', () => {
    it('creates, previews and accepts an organization invitation: the new member sees only that organization', async () => {
      const other = await createOrganization(t, workspaceId, 'Une autre structure');
      const email = newEmail();
      const invitation = await inviteToOrganization(email, 'contact');
      expect(invitation).toMatchObject({ email, role: 'contact', organizationId, emailed: false });
      expect(tokenOf(invitation)).toMatch(/^[A-Za-z0-9_-]{22}$/);

      const pending = await admin.client.get(`/workspaces/${workspaceId}/organizations/${organizationId}/invitations`);
      expect((pending.body as Array<{ id: string }>).map((p) => p.id)).toContain(invitation.id);
      // Not listed with the workspace's own invitations.
      expect(((await admin.client.get(`/workspaces/${workspaceId}/invitations`)).body as Array<{ id: string }>).map((p) => p.id)).not.toContain(invitation.id);

      const preview = await t.client().get(`/invitations/${tokenOf(invitation)}`);
      expect(preview.body).toMatchObject({ email, role: 'contact', workspaceName: 'Réseau des Invitations', organizationName: 'La Ressourcerie', accountExists: false });

      const client = t.client();
      const accepted = await client.post('/invitations/accept', { token: tokenOf(invitation), displayName: 'Dominique', password: 'a long enough passphrase' });
      expect(accepted.status).toBe(200);
      expect(accepted.body.workspaces).toEqual([
        { id: workspaceId, name: 'Réseau des Invitations', role: null, organizations: [{ id: organizationId, name: 'La Ressourcerie', role: 'contact' }] },
      ]);
      const userId = (accepted.body as { user: { id: string } }).user.id;
      const rows = await t.dataSource.query<Array<{ role: string; workspace_id: string }>>(
        `SELECT role, workspace_id FROM organization_member WHERE organization_id = $1 AND user_id = $2`,
        [organizationId, userId],
      );
      expect(rows).toEqual([{ role: 'contact', workspace_id: workspaceId }]);
      expect(await t.dataSource.query(`SELECT 1 FROM membership WHERE user_id = $1`, [userId])).toEqual([]);

      const list = await client.get(`/workspaces/${workspaceId}/organizations`);
      expect((list.body as Array<{ id: string }>).map((o) => o.id)).toEqual([organizationId]);
      expectProblem(await client.get(`/workspaces/${workspaceId}/organizations/${other}`), 404, 'not-found');

      // As contact, they invite a board member in turn.
      const board = await inviteToOrganization(newEmail(), 'board', client);
      expect(board).toMatchObject({ role: 'board', organizationId });
      // …but not into the other organization, nor into the workspace.
      expectProblem(await client.post(`/workspaces/${workspaceId}/organizations/${other}/invitations`, { email: newEmail(), role: 'board' }), 404, 'not-found');
      expectProblem(await client.post(`/workspaces/${workspaceId}/invitations`, { email: newEmail(), role: 'viewer' }), 404, 'not-found');
    });

    it('revokes an organization invitation', async () => {
      const invitation = await inviteToOrganization(newEmail(), 'board');
      const wrongPlace = await admin.client.delete(`/workspaces/${workspaceId}/invitations/${invitation.id}`);
      expectProblem(wrongPlace, 404, 'not-found');
      expect((await admin.client.delete(`/workspaces/${workspaceId}/organizations/${organizationId}/invitations/${invitation.id}`)).status).toBe(204);
      expectProblem(await t.client().get(`/invitations/${tokenOf(invitation)}`), 404, 'invitation-invalid');
    });

    it('refuses to invite an existing organization member (409) and a workspace role (400 role)', async () => {
      const member = await createUser(t);
      await addOrganizationMember(t, workspaceId, organizationId, member, 'board');
      const before = await databaseFingerprint(t);
      const dup = await admin.client.post(`/workspaces/${workspaceId}/organizations/${organizationId}/invitations`, { email: member.email, role: 'contact' });
      expectProblem(dup, 409, 'conflict');
      expect(dup.body.errors[0]).toMatchObject({ path: 'email', code: 'already-member' });
      const badRole = await admin.client.post(`/workspaces/${workspaceId}/organizations/${organizationId}/invitations`, { email: newEmail(), role: 'admin' });
      expectProblem(badRole, 400, 'validation-failed');
      expect(badRole.body.errors.map((e: { path: string }) => e.path)).toEqual(['role']);
      expect(await databaseFingerprint(t)).toEqual(before);
    });

    it('lets a workspace member accept an organization invitation while logged in', async () => {
      const viewer = await createUser(t);
      await addMember(t, workspaceId, viewer, 'viewer');
      const invitation = await inviteToOrganization(viewer.email, 'contact');
      const res = await viewer.client.post('/invitations/accept', { token: tokenOf(invitation) });
      expect(res.status).toBe(200);
      // Both roles are kept: viewer of the network, contact of the organization.
      expect(res.body.workspaces).toEqual([expect.objectContaining({ id: workspaceId, role: 'viewer', organizations: [expect.objectContaining({ id: organizationId, role: 'contact' })] })]);
      expect((await viewer.client.patch(`/workspaces/${workspaceId}/organizations/${organizationId}`, { city: 'Crest' })).status).toBe(200);
    });
  });
});

describe('invitations by e-mail', () => {
  let t: TestApp;
  let mail: MailCatcher;
  let received: ReceivedMail[];
  const closeSmtp = () => mail.close();

  beforeAll(async () => {
    mail = await startMailCatcher();
    received = mail.received;
    t = await startTestApp({
      SMTP_URL: mail.url,
      MAIL_FROM: 'Regards <no-reply@regards.test>',
      PUBLIC_URL: 'https://regards.example.org',
      // The test client speaks plain HTTP, so the cookies must not be Secure.
      COOKIE_SECURE: 'false',
    });
  });
  afterAll(async () => {
    await t.close();
    await closeSmtp();
  });

  it('e-mails the invitation link to the invitee', async () => {
    const admin = await createUser(t);
    const workspaceId = await createWorkspace(t, admin, 'Réseau Courriel');
    const email = `courriel-${Date.now()}@example.org`;
    const res = await admin.client.post(`/workspaces/${workspaceId}/invitations`, { email, role: 'viewer' });
    expect(res.status).toBe(201);
    const invitation = res.body as CreatedInvitation;
    expect(invitation.emailed).toBe(true);
    expect(invitation.link).toMatch(/^https:\/\/regards\.example\.org\/invitations\/[A-Za-z0-9_-]{22}$/);

    expect(received).toHaveLength(1);
    const mail = received[0]!;
    expect(mail.to).toEqual([email]);
    expect(mail.from).toBe('no-reply@regards.test');
    expect(mail.raw).toMatch(new RegExp(`^To: ${email.replace(/[.+]/g, '\\$&')}\\r?$`, 'mi'));
    // The link may be folded by quoted-printable encoding; undo the soft line breaks first.
    const body = mail.raw.replace(/=\r?\n/g, '');
    expect(body).toContain(invitation.link);
    expect(mail.raw).toMatch(/^Subject: /m);

    // The e-mailed link works.
    const preview = await t.client().get(`/invitations/${tokenOf(invitation)}`);
    expect(preview.body).toMatchObject({ email, workspaceName: 'Réseau Courriel' });
  });

  it('still creates the invitation, with emailed false and the link to copy, when the SMTP server is down', async () => {
    const admin = await createUser(t);
    const workspaceId = await createWorkspace(t, admin);
    const count = received.length;
    await closeSmtp();
    const res = await admin.client.post(`/workspaces/${workspaceId}/invitations`, { email: `nobody-${Date.now()}@example.org`, role: 'viewer' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ emailed: false, link: expect.stringMatching(/\/invitations\/[A-Za-z0-9_-]{22}$/) });
    expect(received).toHaveLength(count);
  });
});
