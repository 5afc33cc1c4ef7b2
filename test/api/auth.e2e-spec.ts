import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createUser, PASSWORD } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('accounts and sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in, shows the session, and logs out', async () => {
    const user = await createUser(t, { login: false });
    const client = t.client();
    const login = await client.post('/auth/login', { email: user.email.toUpperCase(), password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ user: { id: user.id, email: user.email }, workspaces: [] });
    const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
    const sessionCookie = cookies.find((c) => c.startsWith('regards_session='));
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);
    expect((await client.get('/auth/session')).status).toBe(200);
    expect((await client.post('/auth/logout')).status).toBe(204);
    const after = await client.get('/auth/session');
    expect(after.status).toBe(401);
    expect(after.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('stores only a hash of the session token and an argon2id password hash', async () => {
    const user = await createUser(t);
    const rows = await t.dataSource.query<Array<{ token_hash: string; password_hash: string }>>(
      `SELECT s.token_hash, u.password_hash FROM session s JOIN user_account u ON u.id = s.user_id WHERE u.id = $1`,
      [user.id],
    );
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('answers an unknown e-mail and a wrong password the same way', async () => {
    const user = await createUser(t, { login: false });
    const a = await t.client().post('/auth/login', { email: user.email, password: 'wrong password 123' });
    const b = await t.client().post('/auth/login', { email: 'nobody-here@example.org', password: 'wrong password 123' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect({ ...a.body, instance: undefined }).toEqual({ ...b.body, instance: undefined });
    expect(a.body.code).toBe('invalid-credentials');
  });

  it('throttles an account after repeated failures, even with the right password', async () => {
    const user = await createUser(t, { login: false });
    const client = t.client();
    for (let i = 0; i < 3; i++) {
      expect((await client.post('/auth/login', { email: user.email, password: 'not the password' })).status).toBe(401);
    }
    const blocked = await client.post('/auth/login', { email: user.email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too-many-attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.body.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('throttles an unknown e-mail exactly like a known one', async () => {
    const client = t.client();
    for (let i = 0; i < 3; i++) await client.post('/auth/login', { email: 'ghost@example.org', password: 'whatever pass' });
    expect((await client.post('/auth/login', { email: 'ghost@example.org', password: 'whatever pass' })).status).toBe(429);
  });

  it('refuses a state-changing request without or with a forged CSRF token', async () => {
    const user = await createUser(t);
    const missing = await user.client.agent.post('/api/v1/auth/logout');
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe('csrf-failed');
    const forged = await user.client.agent.post('/api/v1/auth/logout').set('X-CSRF-Token', 'forged-token-forged-token');
    expect(forged.status).toBe(403);
    // The session is still alive: nothing happened.
    expect((await user.client.get('/auth/session')).status).toBe(200);
  });

  it('refuses the login without the double-submit cookie', async () => {
    const user = await createUser(t, { login: false });
    const res = await t.client().agent.post('/api/v1/auth/login').set('X-CSRF-Token', 'a'.repeat(43)).send({ email: user.email, password: PASSWORD });
    expect(res.status).toBe(403);
  });

  it('rejects a forged or expired session cookie with 401 and clears it', async () => {
    const forged = await t.client().agent.get('/api/v1/auth/session').set('Cookie', 'regards_session=not-a-real-session-token');
    expect(forged.status).toBe(401);
    expect(forged.body.detail).toMatch(/expired or is invalid/);
    expect(String(forged.headers['set-cookie'])).toMatch(/regards_session=;/);

    const user = await createUser(t);
    await t.dataSource.query(`UPDATE session SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [user.id]);
    expect((await user.client.get('/auth/session')).status).toBe(401);
  });

  it('changes the password, ends the other sessions and keeps this one', async () => {
    const user = await createUser(t);
    const other = t.client();
    await other.login(user.email, PASSWORD);
    const tooShort = await user.client.post('/account/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.errors[0]).toMatchObject({ path: 'newPassword' });
    const wrong = await user.client.post('/account/password', { currentPassword: 'not my password', newPassword: 'a brand new passphrase' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('wrong-password');
    const ok = await user.client.post('/account/password', { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
    expect(ok.status).toBe(204);
    expect((await user.client.get('/auth/session')).status).toBe(200);
    expect((await other.get('/auth/session')).status).toBe(401);
    await t.client().login(user.email, 'a brand new passphrase');
  });

  it('updates the display name and language, and refuses unknown values', async () => {
    const user = await createUser(t);
    const res = await user.client.patch('/account', { displayName: '  Dominique Lefèvre ', locale: 'en' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Dominique Lefèvre', locale: 'en' });
    const bad = await user.client.patch('/account', { locale: 'de', isPlatformAdmin: true });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['isPlatformAdmin', 'locale']);
    const row = await t.dataSource.query<Array<{ is_platform_admin: boolean; locale: string }>>(`SELECT is_platform_admin, locale FROM user_account WHERE id = $1`, [user.id]);
    expect(row[0]).toEqual({ is_platform_admin: false, locale: 'en' });
  });
});
