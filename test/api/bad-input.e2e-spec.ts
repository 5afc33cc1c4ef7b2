import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app.js';

/**
 * Every kind of bad input the API must refuse with a clear 4xx problem+json, without writing
 * anything and without hurting the server. One row per case.
 */
interface BadInputCase {
  name: string;
  /** Runs before the database fingerprint is taken (it may write). */
  prepare?: () => Promise<void>;
  send: () => Promise<Response>;
  status: number;
  code: string;
  /** the `errors[].path` expected, in any order (duplicates ignored) */
  paths?: string[];
  /** the `errors[].code` expected for every path, when it matters */
  errorCode?: string;
}

let t: TestApp;
let admin: TestUser;
let viewer: TestUser;
let contact: TestUser;
let platformAdmin: TestUser;
let workspaceId: string;
let otherWorkspaceId: string;
let organizationId: string;
/** a pending invitation to the workspace, used to show that mass assignment on accept writes nothing */
let pendingToken: string;
const tokens: Record<'reused' | 'expired' | 'revoked', string> = { reused: '', expired: '', revoked: '' };

const ws = () => `/workspaces/${workspaceId}`;
const org = () => `/workspaces/${workspaceId}/organizations/${organizationId}`;

type Method = 'post' | 'patch' | 'delete';

/** A request with a raw body (not serialised by the client), with the caller's CSRF token. */
function raw(client: ApiClient, method: Method, path: string, body: string | Buffer, contentType: string | null = 'application/json'): Promise<Response> {
  let req = client.agent[method](`/api/v1${path}`).set('X-CSRF-Token', client.csrfToken ?? '');
  if (contentType !== null) req = req.set('Content-Type', contentType);
  return req.send(body).then((r) => r);
}

function tokenOf(body: unknown): string {
  return /\/invitations\/([A-Za-z0-9_-]+)$/.exec((body as { link: string }).link)![1]!;
}

async function invite(email: string): Promise<{ id: string; token: string }> {
  const res = await admin.client.post(`${ws()}/invitations`, { email, role: 'viewer' });
  expect(res.status).toBe(201);
  return { id: (res.body as { id: string }).id, token: tokenOf(res.body) };
}

function nested(depth: number, leaf: string): string {
  return '['.repeat(depth) + leaf + ']'.repeat(depth);
}

const cases: BadInputCase[] = [
  // Malformed JSON
  { name: 'malformed JSON', send: () => raw(admin.client, 'post', `${ws()}/organizations`, '{"name": "La Ressourcerie",'), status: 400, code: 'malformed-json' },
  { name: 'JSON with single quotes', send: () => raw(admin.client, 'post', `${ws()}/organizations`, "{'name': 'x'}"), status: 400, code: 'malformed-json' },
  { name: 'a JSON string instead of an object', send: () => raw(admin.client, 'post', `${ws()}/organizations`, '"La Ressourcerie"'), status: 400, code: 'malformed-json' },
  { name: 'JSON null instead of an object', send: () => raw(admin.client, 'post', `${ws()}/organizations`, 'null'), status: 400, code: 'malformed-json' },
  { name: 'an array instead of an object', send: () => admin.client.post(`${ws()}/organizations`, [{ name: 'La Ressourcerie' }]), status: 400, code: 'validation-failed' },
  { name: 'malformed JSON on the public login', send: () => raw(anonymousWithCsrf, 'post', '/auth/login', '{"email":'), status: 400, code: 'malformed-json' },

  // Unknown fields
  { name: 'an unknown field', send: () => admin.client.post(`${ws()}/organizations`, { name: 'La Ressourcerie', colour: 'green' }), status: 400, code: 'validation-failed', paths: ['colour'], errorCode: 'unknown-field' },
  {
    name: 'several unknown fields, each named',
    send: () => admin.client.patch(org(), { city: 'Die', siret: '123', website: 'https://example.org' }),
    status: 400,
    code: 'validation-failed',
    paths: ['siret', 'website'],
    errorCode: 'unknown-field',
  },

  // Wrong types
  { name: 'a number for a string', send: () => admin.client.post(`${ws()}/organizations`, { name: 42 }), status: 400, code: 'validation-failed', paths: ['name'] },
  { name: 'an array for a string', send: () => admin.client.post(`${ws()}/organizations`, { name: ['La Ressourcerie'] }), status: 400, code: 'validation-failed', paths: ['name'] },
  { name: 'an object for a string', send: () => admin.client.post(`${ws()}/organizations`, { name: { fr: 'La Ressourcerie' } }), status: 400, code: 'validation-failed', paths: ['name'] },
  { name: 'a boolean for an optional string', send: () => admin.client.patch(org(), { legalForm: false }), status: 400, code: 'validation-failed', paths: ['legalForm'] },
  { name: 'a number for a password', send: () => anonymousWithCsrf.post('/auth/login', { email: admin.email, password: 123456789012345 }), status: 400, code: 'validation-failed', paths: ['password'] },
  { name: 'a boolean for an e-mail', send: () => admin.client.post(`${ws()}/invitations`, { email: true, role: 'viewer' }), status: 400, code: 'validation-failed', paths: ['email'] },
  { name: 'an array for a role', send: () => admin.client.patch(`${ws()}/members/${viewer.id}`, { role: ['admin'] }), status: 400, code: 'validation-failed', paths: ['role'] },
  { name: 'null for a required string', send: () => admin.client.patch(ws(), { name: null }), status: 400, code: 'validation-failed', paths: ['name'] },
  { name: 'a missing required field', send: () => admin.client.post(`${ws()}/organizations`, { city: 'Die' }), status: 400, code: 'validation-failed', paths: ['name'] },
  { name: 'a name over the maximum length', send: () => admin.client.post(`${ws()}/organizations`, { name: 'x'.repeat(201) }), status: 400, code: 'validation-failed', paths: ['name'] },

  // A string where a uuid is expected in the path
  { name: 'a non-uuid workspace id', send: () => admin.client.get('/workspaces/not-a-uuid'), status: 400, code: 'invalid-id', paths: ['params.workspaceId'] },
  { name: 'a non-uuid organization id', send: () => admin.client.patch(`${ws()}/organizations/42`, { city: 'Die' }), status: 400, code: 'invalid-id', paths: ['params.organizationId'] },
  { name: 'SQL in a user id', send: () => admin.client.delete(`${ws()}/members/${encodeURIComponent("' OR 1=1 --")}`), status: 400, code: 'invalid-id', paths: ['params.userId'] },
  { name: 'a non-uuid invitation id', send: () => admin.client.delete(`${ws()}/invitations/${'9'.repeat(36)}`), status: 400, code: 'invalid-id', paths: ['params.invitationId'] },

  // Size and content type
  { name: 'a body over the limit (1 MB)', send: () => admin.client.post(`${ws()}/organizations`, { name: 'x', description: 'é'.repeat(600_000) }), status: 413, code: 'payload-too-large' },
  { name: 'a text/plain body', send: () => raw(admin.client, 'post', `${ws()}/organizations`, 'name=La Ressourcerie', 'text/plain'), status: 415, code: 'unsupported-media-type' },
  { name: 'a form body', send: () => raw(admin.client, 'post', `${ws()}/organizations`, 'name=La+Ressourcerie', 'application/x-www-form-urlencoded'), status: 415, code: 'unsupported-media-type' },
  {
    name: 'a multipart body',
    send: () => raw(admin.client, 'post', `${ws()}/organizations`, '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nX\r\n--b--\r\n', 'multipart/form-data; boundary=b'),
    status: 415,
    code: 'unsupported-media-type',
  },
  { name: 'a body without a content type', send: () => raw(admin.client, 'post', `${ws()}/organizations`, Buffer.from('{"name":"X"}'), null), status: 415, code: 'unsupported-media-type' },
  { name: 'JSON in a charset other than UTF-8', send: () => raw(admin.client, 'post', `${ws()}/organizations`, Buffer.from('{"name":"Caf\xe9"}', 'latin1'), 'application/json; charset=iso-8859-1'), status: 415, code: 'unsupported-media-type' },

  // CSRF
  { name: 'a missing CSRF token', send: () => admin.client.agent.post(`/api/v1${ws()}/organizations`).send({ name: 'Sans jeton' }).then((r) => r), status: 403, code: 'csrf-failed' },
  { name: 'a forged CSRF token', send: () => admin.client.agent.post(`/api/v1${ws()}/organizations`).set('X-CSRF-Token', 'forged'.repeat(8)).send({ name: 'Faux jeton' }).then((r) => r), status: 403, code: 'csrf-failed' },
  {
    name: "another session's CSRF token",
    send: () => admin.client.agent.post(`/api/v1${ws()}/organizations`).set('X-CSRF-Token', viewer.client.csrfToken ?? '').send({ name: 'Jeton volé' }).then((r) => r),
    status: 403,
    code: 'csrf-failed',
  },
  { name: 'a login without CSRF token', send: () => t.client().agent.post('/api/v1/auth/login').send({ email: admin.email, password: PASSWORD }).then((r) => r), status: 403, code: 'csrf-failed' },

  // Sessions
  { name: 'a forged session cookie', send: () => t.client().agent.get('/api/v1/workspaces').set('Cookie', 'regards_session=forged-session-token-forged-session-token').then((r) => r), status: 401, code: 'unauthenticated' },
  {
    name: 'a forged session cookie on a write',
    send: () => t.client().agent.post(`/api/v1${ws()}/organizations`).set('Cookie', 'regards_session=forged; regards_csrf=abcdefghijklmnopqrstuvwxyz').set('X-CSRF-Token', 'abcdefghijklmnopqrstuvwxyz').send({ name: 'X' }).then((r) => r),
    status: 401,
    code: 'unauthenticated',
  },
  {
    name: 'an expired session cookie',
    prepare: async () => {
      await t.dataSource.query(`UPDATE session SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [expiring.id]);
    },
    send: () => expiring.client.post(`${ws()}/organizations`, { name: 'Après expiration' }),
    status: 401,
    code: 'unauthenticated',
  },

  // Throttling
  {
    name: 'a wrong password repeated, then even the right one (429)',
    prepare: async () => {
      for (let i = 0; i < 5; i++) expect((await anonymousWithCsrf.post('/auth/login', { email: throttled.email, password: 'not the password' })).status).toBe(401);
    },
    send: () => anonymousWithCsrf.post('/auth/login', { email: throttled.email, password: PASSWORD }),
    status: 429,
    code: 'too-many-attempts',
  },

  // Invitation tokens
  { name: 'a reused invitation token', send: () => t.client().post('/invitations/accept', { token: tokens.reused, displayName: 'Encore', password: 'a long enough passphrase' }), status: 404, code: 'invitation-invalid' },
  { name: 'an expired invitation token', send: () => t.client().post('/invitations/accept', { token: tokens.expired, displayName: 'Trop tard', password: 'a long enough passphrase' }), status: 404, code: 'invitation-invalid' },
  { name: 'a revoked invitation token', send: () => t.client().get(`/invitations/${tokens.revoked}`), status: 404, code: 'invitation-invalid' },
  { name: 'an unknown invitation token', send: () => t.client().post('/invitations/accept', { token: 'AAAAAAAAAAAAAAAAAAAAAA', displayName: 'Personne', password: 'a long enough passphrase' }), status: 404, code: 'invitation-invalid' },
  { name: 'a malformed invitation token in the path', send: () => t.client().get(`/invitations/${encodeURIComponent('../../etc/passwd')}`), status: 404, code: 'invitation-invalid' },
  { name: 'a malformed invitation token in the body', send: () => t.client().post('/invitations/accept', { token: "x' OR '1'='1" }), status: 400, code: 'validation-failed', paths: ['token'] },

  // Roles that do not exist
  { name: 'a workspace role that does not exist', send: () => admin.client.patch(`${ws()}/members/${viewer.id}`, { role: 'owner' }), status: 400, code: 'validation-failed', paths: ['role'] },
  { name: 'an organization role as a workspace role', send: () => admin.client.patch(`${ws()}/members/${viewer.id}`, { role: 'contact' }), status: 400, code: 'validation-failed', paths: ['role'] },
  { name: 'a workspace role as an organization role', send: () => admin.client.patch(`${org()}/members/${contact.id}`, { role: 'admin' }), status: 400, code: 'validation-failed', paths: ['role'] },
  { name: 'an invitation with a role that does not exist', send: () => admin.client.post(`${ws()}/invitations`, { email: 'newcomer@example.org', role: 'superadmin' }), status: 400, code: 'validation-failed', paths: ['role'] },
  { name: 'a null role', send: () => admin.client.patch(`${ws()}/members/${viewer.id}`, { role: null }), status: 400, code: 'validation-failed', paths: ['role'] },

  // Mass assignment
  {
    name: 'workspaceId in a new organization',
    send: () => admin.client.post(`${ws()}/organizations`, { name: 'Ailleurs', workspaceId: otherWorkspaceId }),
    status: 400,
    code: 'validation-failed',
    paths: ['workspaceId'],
    errorCode: 'unknown-field',
  },
  {
    name: 'id and createdAt in a new organization',
    send: () => admin.client.post(`${ws()}/organizations`, { name: 'Choisie', id: randomUUID(), createdAt: '2000-01-01T00:00:00Z' }),
    status: 400,
    code: 'validation-failed',
    paths: ['id', 'createdAt'],
    errorCode: 'unknown-field',
  },
  { name: 'workspaceId in an organization update', send: () => admin.client.patch(org(), { workspaceId: otherWorkspaceId }), status: 400, code: 'validation-failed', paths: ['workspaceId'], errorCode: 'unknown-field' },
  { name: 'userId in a role change', send: () => admin.client.patch(`${ws()}/members/${viewer.id}`, { role: 'viewer', userId: admin.id }), status: 400, code: 'validation-failed', paths: ['userId'], errorCode: 'unknown-field' },
  { name: 'role in a workspace rename', send: () => admin.client.patch(ws(), { name: 'X', role: 'viewer' }), status: 400, code: 'validation-failed', paths: ['role'], errorCode: 'unknown-field' },
  { name: 'role and id in a new workspace', send: () => platformAdmin.client.post('/workspaces', { name: 'Réseau', role: 'viewer', id: randomUUID() }), status: 400, code: 'validation-failed', paths: ['role', 'id'], errorCode: 'unknown-field' },
  {
    name: 'organizationId and workspaceId in a workspace invitation',
    send: () => admin.client.post(`${ws()}/invitations`, { email: 'someone@example.org', role: 'viewer', organizationId, workspaceId: otherWorkspaceId }),
    status: 400,
    code: 'validation-failed',
    paths: ['organizationId', 'workspaceId'],
    errorCode: 'unknown-field',
  },
  { name: 'isPlatformAdmin in an account update', send: () => viewer.client.patch('/account', { isPlatformAdmin: true }), status: 400, code: 'validation-failed', paths: ['isPlatformAdmin'], errorCode: 'unknown-field' },
  { name: 'isPlatformAdmin in a login', send: () => anonymousWithCsrf.post('/auth/login', { email: admin.email, password: PASSWORD, isPlatformAdmin: true }), status: 400, code: 'validation-failed', paths: ['isPlatformAdmin'], errorCode: 'unknown-field' },
  {
    name: 'role, email and isPlatformAdmin when accepting an invitation',
    send: () => t.client().post('/invitations/accept', { token: pendingToken, displayName: 'Malin', password: 'a long enough passphrase', role: 'admin', email: 'other@example.org', isPlatformAdmin: true }),
    status: 400,
    code: 'validation-failed',
    paths: ['role', 'email', 'isPlatformAdmin'],
    errorCode: 'unknown-field',
  },

  // Invisible and control characters
  { name: 'a NUL byte in an organization name', send: () => admin.client.post(`${ws()}/organizations`, { name: 'La Ressource\u0000rie' }), status: 400, code: 'validation-failed', paths: ['name'], errorCode: 'matches' },
  { name: 'a right-to-left override in an organization name', send: () => admin.client.post(`${ws()}/organizations`, { name: 'Facture\u202Efdp.exe' }), status: 400, code: 'validation-failed', paths: ['name'], errorCode: 'matches' },
  { name: 'a NUL byte in an organization update', send: () => admin.client.patch(org(), { city: 'Die\u0000' }), status: 400, code: 'validation-failed', paths: ['city'], errorCode: 'matches' },
  { name: 'a directional isolate in a workspace name', send: () => admin.client.patch(ws(), { name: 'R\u2066seau' }), status: 400, code: 'validation-failed', paths: ['name'], errorCode: 'matches' },

  // Prototype pollution
  { name: 'a __proto__ key', send: () => raw(admin.client, 'post', `${ws()}/organizations`, '{"name":"Polluée","__proto__":{"polluted":"yes"}}'), status: 400, code: 'validation-failed', paths: ['__proto__'], errorCode: 'unknown-field' },
  {
    name: 'a constructor.prototype key',
    send: () => raw(admin.client, 'post', `${ws()}/organizations`, '{"name":"Polluée","constructor":{"prototype":{"polluted":"yes"}}}'),
    status: 400,
    code: 'validation-failed',
    paths: ['constructor'],
    errorCode: 'unknown-field',
  },
  { name: 'a __proto__ key smuggling a role', send: () => raw(admin.client, 'patch', `${ws()}/members/${viewer.id}`, '{"__proto__":{"role":"admin"}}'), status: 400, code: 'validation-failed', paths: ['__proto__'] },

  // Deeply nested JSON
  { name: 'JSON nested 5,000 levels deep', send: () => raw(admin.client, 'post', `${ws()}/organizations`, `{"name":${nested(5_000, '"x"')}}`), status: 400, code: 'validation-failed', paths: ['name'], errorCode: 'too-deep' },
  { name: 'JSON nested 100,000 levels deep', send: () => raw(admin.client, 'post', `${ws()}/organizations`, `{"name":"x","description":${nested(100_000, '1')}}`), status: 400, code: 'validation-failed', paths: ['description'], errorCode: 'too-deep' },
  {
    name: 'objects nested 50,000 levels deep as an unknown field',
    send: () => raw(admin.client, 'post', `${ws()}/organizations`, `{"name":"x","extra":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`),
    status: 400,
    code: 'validation-failed',
    paths: ['extra'],
    errorCode: 'too-deep',
  },
  {
    name: 'a __proto__ key nested inside a value',
    send: () => raw(admin.client, 'patch', org(), '{"description":{"a":[{"__proto__":{"polluted":"yes"}}]}}'),
    status: 400,
    code: 'validation-failed',
    paths: ['description.a[0].__proto__'],
    errorCode: 'unknown-field',
  },
];

let anonymousWithCsrf: ApiClient;
let expiring: TestUser;
let throttled: TestUser;

describe('bad input', () => {
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '1000', LOGIN_MAX_FAILURES_PER_ACCOUNT: '5' });
    admin = await createUser(t);
    viewer = await createUser(t);
    contact = await createUser(t);
    platformAdmin = await createUser(t, { platformAdmin: true });
    expiring = await createUser(t);
    throttled = await createUser(t, { login: false });
    workspaceId = await createWorkspace(t, admin);
    otherWorkspaceId = await createWorkspace(t, platformAdmin);
    await addMember(t, workspaceId, viewer, 'viewer');
    await addMember(t, workspaceId, expiring, 'facilitator');
    organizationId = await createOrganization(t, workspaceId, 'La Ressourcerie');
    await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
    anonymousWithCsrf = t.client();
    await anonymousWithCsrf.fetchCsrf();

    const reused = await invite('reused@example.org');
    expect((await t.client().post('/invitations/accept', { token: reused.token, displayName: 'Première fois', password: 'a long enough passphrase' })).status).toBe(200);
    tokens.reused = reused.token;
    const expired = await invite('expired@example.org');
    await t.dataSource.query(`UPDATE invitation SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired.id]);
    tokens.expired = expired.token;
    const revoked = await invite('revoked@example.org');
    expect((await admin.client.delete(`${ws()}/invitations/${revoked.id}`)).status).toBe(204);
    tokens.revoked = revoked.token;
    pendingToken = (await invite('pending@example.org')).token;
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(cases)('refuses $name', async (c) => {
    await c.prepare?.();
    // Token look-ups are throttled per IP; each case starts with a clean count.
    await t.dataSource.query(`DELETE FROM rate_limit_bucket WHERE key LIKE 'invitation-token:%'`);
    const before = await databaseFingerprint(t);

    const res = await c.send();

    expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status: c.status, code: c.code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: `https://regards.coop/problems/${c.code}`, title: expect.any(String), status: c.status, detail: expect.any(String) });
    if (c.paths) {
      const errors = res.body.errors as Array<{ path: string; code: string; message: string }>;
      expect([...new Set(errors.map((e) => e.path))].sort()).toEqual([...c.paths].sort());
      for (const e of errors) expect(e.message).toEqual(expect.any(String));
      if (c.errorCode) for (const e of errors) expect(e.code).toBe(c.errorCode);
    }
    expect(await databaseFingerprint(t)).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('role');
    expect((await t.client().get('/health')).status).toBe(200);
  });

  it('still serves every kind of request after all that', async () => {
    const created = await admin.client.post(`${ws()}/organizations`, { name: 'Toujours là' });
    expect(created.status).toBe(201);
    expect((await t.client().get('/health/ready')).status).toBe(200);
    const members = await admin.client.get(`${ws()}/members`);
    expect((members.body as Array<{ userId: string; role: string }>).find((m) => m.userId === viewer.id)?.role).toBe('viewer');
    const account = await t.dataSource.query<Array<{ is_platform_admin: boolean }>>(`SELECT is_platform_admin FROM user_account WHERE id = $1`, [viewer.id]);
    expect(account).toEqual([{ is_platform_admin: false }]);
  });
});
