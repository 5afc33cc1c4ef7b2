import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Response } from 'supertest';
import { createUser, PASSWORD, type TestUser } from '../support/factories.js';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app.js';

const END_OTHERS = '/account/sessions/others';

function sessionTokenOf(res: Response): string {
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const token = cookies.map((c) => /^regards_session=([^;]+)/.exec(c)?.[1]).find((v) => v !== undefined);
  if (!token) throw new Error('no regards_session cookie in the response');
  return decodeURIComponent(token);
}

describe('signing out of my other devices', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** One device of the user: its own cookie jar, and the session token it holds. */
  async function device(user: TestUser): Promise<{ client: ApiClient; sessionToken: string }> {
    const client = t.client();
    const res = await client.login(user.email, PASSWORD);
    return { client, sessionToken: sessionTokenOf(res) };
  }

  const sessionsOf = async (userId: string): Promise<number> =>
    (await t.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM session WHERE user_id = $1`, [userId]))[0]!.n;

  const auditOf = (userId: string): Promise<Array<{ action: string; actor_user_id: string | null; workspace_id: string | null; target_type: string; data: Record<string, unknown> }>> =>
    t.dataSource.query(
      `SELECT action, actor_user_id, workspace_id, target_type, data FROM audit_event WHERE target_id = $1 AND action = 'account.sessions-ended' ORDER BY created_at`,
      [userId],
    );

  it('ends every other session of mine at once, keeps this one, counts them and records it', async () => {
    const user = await createUser(t, { login: false });
    const laptop = await device(user);
    const phone = await device(user);
    const tablet = await device(user);
    // Someone else's session is none of this.
    const someoneElse = await createUser(t);

    const ended = await laptop.client.delete(END_OTHERS);
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ sessionsEnded: 2 });

    for (const other of [phone, tablet]) {
      const read = await other.client.get('/auth/session');
      expect(read.status).toBe(401);
      expect(read.body).toMatchObject({ status: 401, code: 'unauthenticated' });
      expect(String(read.headers['content-type'])).toContain('application/problem+json');
      expect((await other.client.patch('/account', { displayName: 'Intrus' })).status).toBe(401);
    }
    const still = await laptop.client.get('/auth/session');
    expect(still.status).toBe(200);
    expect(still.body.user.id).toBe(user.id);
    await expect(sessionsOf(user.id)).resolves.toBe(1);
    expect((await someoneElse.client.get('/auth/session')).status).toBe(200);

    const again = await laptop.client.delete(END_OTHERS);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ sessionsEnded: 0 });
    expect((await laptop.client.get('/auth/session')).status).toBe(200);

    expect(await auditOf(user.id)).toEqual([
      { action: 'account.sessions-ended', actor_user_id: user.id, workspace_id: null, target_type: 'user', data: { sessionsEnded: 2 } },
      { action: 'account.sessions-ended', actor_user_id: user.id, workspace_id: null, target_type: 'user', data: { sessionsEnded: 0 } },
    ]);
    // The trail keeps no session token, nor its hash.
    const trail = JSON.stringify(await t.dataSource.query(`SELECT * FROM audit_event WHERE actor_user_id = $1`, [user.id]));
    for (const { sessionToken } of [laptop, phone, tablet]) {
      expect(trail).not.toContain(sessionToken);
      expect(trail).not.toContain((await t.dataSource.query<Array<{ h: string }>>(`SELECT encode(sha256($1::bytea), 'hex') AS h`, [sessionToken]))[0]!.h);
    }
  });

  it('refuses a request without the CSRF header and ends nothing', async () => {
    const user = await createUser(t, { login: false });
    const laptop = await device(user);
    const phone = await device(user);

    const forged = await laptop.client.agent.delete(`/api/v1${END_OTHERS}`);
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({ status: 403, code: 'csrf-failed' });
    const wrong = await laptop.client.agent.delete(`/api/v1${END_OTHERS}`).set('X-CSRF-Token', phone.client.csrfToken!);
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe('csrf-failed');

    expect((await phone.client.get('/auth/session')).status).toBe(200);
    await expect(sessionsOf(user.id)).resolves.toBe(2);
    expect(await auditOf(user.id)).toEqual([]);
  });

  it('needs a session: signed out, or with a cookie already ended', async () => {
    const anonymous = t.client();
    await anonymous.fetchCsrf();
    const res = await anonymous.delete(END_OTHERS);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');

    const user = await createUser(t, { login: false });
    const laptop = await device(user);
    const phone = await device(user);
    expect((await laptop.client.delete(END_OTHERS)).body).toEqual({ sessionsEnded: 1 });
    // The ended device cannot strike back with the cookie it still holds.
    const replayed = await request(t.app.getHttpServer())
      .delete(`/api/v1${END_OTHERS}`)
      .set('Cookie', `regards_session=${phone.sessionToken}`)
      .set('X-CSRF-Token', phone.client.csrfToken!);
    expect(replayed.status).toBe(401);
    expect((await laptop.client.get('/auth/session')).status).toBe(200);
    expect(await auditOf(user.id)).toHaveLength(1);
  });

  it('is in the OpenAPI document as a route about oneself', async () => {
    const doc = await request(t.app.getHttpServer()).get('/api/docs-json');
    const operation = (doc.body.paths as Record<string, Record<string, { 'x-regards-scope'?: string }>>)['/api/v1/account/sessions/others']?.['delete'];
    expect(operation?.['x-regards-scope']).toBe('user');
  });
});

describe('signing out of my other devices is throttled per IP, like the password change', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses with 429 and Retry-After past the limit, and ends nothing then', async () => {
    const user = await createUser(t);
    for (let i = 0; i < 3; i++) expect((await user.client.delete(END_OTHERS)).status).toBe(200);
    // The login below is counted by the login's own counter, not this one.
    const phone = t.client();
    await phone.login(user.email, PASSWORD);

    const blocked = await user.client.delete(END_OTHERS);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too-many-attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await phone.get('/auth/session')).status).toBe(200);
  });
});
