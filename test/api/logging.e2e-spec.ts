import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { createUser, createWorkspace, PASSWORD } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * pino writes to process.stdout itself when its `write` has been replaced before the logger is
 * built (otherwise it opens file descriptor 1 directly), so the spy must exist before the app.
 */
describe('structured logs', () => {
  let t: TestApp;
  const written: string[] = [];
  let stdout: ReturnType<typeof jest.spyOn>;

  beforeAll(async () => {
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return true;
    });
    t = await startTestApp({ LOG_LEVEL: 'info', LOGIN_MAX_ATTEMPTS_PER_IP: '1000' });
  });
  afterAll(async () => {
    await t.close();
    stdout.mockRestore();
  });

  function logLines(): Array<Record<string, unknown>> {
    return written
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  }

  it('logs each request with a request id, and no password, session cookie, CSRF token or invitation token', async () => {
    const admin = await createUser(t, { login: false });
    const login = await admin.client.post('/auth/login', { email: admin.email, password: PASSWORD });
    expect(login.status).toBe(200);
    const sessionCookie = /regards_session=([^;]+)/.exec(([] as string[]).concat(login.headers['set-cookie'] ?? []).join('\n'))![1]!;
    const wrong = await t.client().post('/auth/login', { email: admin.email, password: 'a wrong password to hide' });
    expect(wrong.status).toBe(401);

    const workspaceId = await createWorkspace(t, admin);
    const invitation = await admin.client.post(`/workspaces/${workspaceId}/invitations`, { email: 'logged@example.org', role: 'viewer' });
    expect(invitation.status).toBe(201);
    const token = /\/invitations\/([A-Za-z0-9_-]+)$/.exec((invitation.body as { link: string }).link)![1]!;
    const invitee = t.client();
    expect((await invitee.get(`/invitations/${token}`)).status).toBe(200);
    const newPassword = 'the invitee passphrase';
    const accepted = await invitee.post('/invitations/accept', { token, displayName: 'Personne invitée', password: newPassword });
    expect(accepted.status).toBe(200);

    const traced = await admin.client.send('get', '/auth/session', undefined, { 'X-Request-Id': 'trace-abc-123' });
    expect(traced.headers['x-request-id']).toBe('trace-abc-123');
    const generated = await admin.client.get('/workspaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const lines = logLines();
    const requests = lines.filter((l) => typeof l['req'] === 'object');
    expect(requests.length).toBeGreaterThanOrEqual(6);
    for (const line of requests) {
      expect(line).toMatchObject({ level: expect.any(Number), time: expect.any(Number), req: { id: expect.any(String), method: expect.any(String) } });
    }
    expect(requests).toContainEqual(expect.objectContaining({ req: expect.objectContaining({ id: 'trace-abc-123', url: '/api/v1/auth/session' }) }));
    expect(requests).toContainEqual(
      expect.objectContaining({ req: expect.objectContaining({ id: generated.headers['x-request-id'], url: '/api/v1/workspaces' }), res: { statusCode: 200 } }),
    );
    // The invitation preview is logged with its token redacted.
    expect(requests).toContainEqual(expect.objectContaining({ req: expect.objectContaining({ method: 'GET', url: '/api/v1/invitations/[redacted]' }) }));
    // A failed login is a warning.
    expect(requests).toContainEqual(expect.objectContaining({ level: 40, req: expect.objectContaining({ url: '/api/v1/auth/login' }), res: { statusCode: 401 } }));

    const everything = written.join('');
    for (const secret of [PASSWORD, 'a wrong password to hide', newPassword, sessionCookie, admin.client.csrfToken!, invitee.csrfToken!, token]) {
      expect(everything).not.toContain(secret);
    }
  });
});
