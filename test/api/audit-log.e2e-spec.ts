import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditService } from '../../apps/api/src/modules/audit/audit.service.js';
import {
  addMember,
  addOrganizationMember,
  createUser,
  createWorkspace,
  type TestUser,
} from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface AuditEvent {
  id: string;
  createdAt: string;
  action: string;
  actor: { id: string; name: string; email: string } | null;
  target: { type: string; id: string | null; label: string | null } | null;
  details: Record<string, unknown>;
}
interface AuditPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

describe('audit log of a workspace', () => {
  let t: TestApp;
  let admin: TestUser;
  let otherAdmin: TestUser;
  let camille: TestUser;
  let workspaceId: string;
  let organizationId: string;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
    admin = await createUser(t);
    await t.dataSource.query(`UPDATE user_account SET display_name = 'Dominique Admin' WHERE id = $1`, [admin.id]);
    workspaceId = await createWorkspace(t, admin, 'Réseau du Vallon');
    base = `/workspaces/${workspaceId}/audit-events`;
    otherAdmin = await createUser(t);
    await addMember(t, workspaceId, otherAdmin, 'admin');
    camille = await createUser(t);
    await t.dataSource.query(`UPDATE user_account SET display_name = 'Camille Martin' WHERE id = $1`, [camille.id]);
    await addMember(t, workspaceId, camille, 'facilitator');

    // Things an administrator does, through the API.
    const organization = await admin.client.post(`/workspaces/${workspaceId}/organizations`, { name: 'La Ressourcerie' });
    expect(organization.status).toBe(201);
    organizationId = organization.body.id;
    expect((await admin.client.patch(`/workspaces/${workspaceId}/members/${camille.id}`, { role: 'viewer' })).status).toBe(200);
    expect((await admin.client.post(`/workspaces/${workspaceId}/invitations`, { email: 'sacha@example.org', role: 'facilitator' })).status).toBe(201);
    expect((await otherAdmin.client.patch(`/workspaces/${workspaceId}`, { name: 'Réseau ESS du Vallon' })).status).toBe(200);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function page(query = ''): Promise<AuditPage> {
    const res = await admin.client.get(`${base}${query}`);
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    return res.body as AuditPage;
  }

  async function all(query = ''): Promise<AuditEvent[]> {
    const out: AuditEvent[] = [];
    let cursor: string | null = null;
    do {
      const sep = query ? '&' : '?';
      const next: AuditPage = await page(cursor ? `${query}${sep}cursor=${encodeURIComponent(cursor)}` : query);
      out.push(...next.items);
      cursor = next.nextCursor;
    } while (cursor);
    return out;
  }

  it('lists the events newest first, with who did it, in words the page can show', async () => {
    const { items, nextCursor } = await page();
    expect(nextCursor).toBeNull();
    expect(items.map((e) => e.action)).toEqual([
      'workspace.renamed',
      'invitation.created',
      'membership.role-changed',
      'organization.created',
      'workspace.created',
    ]);
    const times = items.map((e) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const [renamed, invited, roleChanged, created] = items;
    expect(renamed).toMatchObject({
      actor: { id: otherAdmin.id, email: otherAdmin.email },
      target: { type: 'workspace', id: workspaceId, label: 'Réseau ESS du Vallon' },
      details: { name: 'Réseau ESS du Vallon' },
    });
    expect(invited).toMatchObject({
      actor: { id: admin.id, name: 'Dominique Admin' },
      target: { type: 'invitation', label: 'sacha@example.org' },
      details: { email: 'sacha@example.org', role: 'facilitator', organizationId: null },
    });
    expect(roleChanged).toMatchObject({
      actor: { id: admin.id, name: 'Dominique Admin', email: admin.email },
      target: { type: 'user', id: camille.id, label: 'Camille Martin' },
      details: { from: 'facilitator', to: 'viewer' },
    });
    expect(created).toMatchObject({ target: { type: 'organization', id: organizationId, label: 'La Ressourcerie' } });
  });

  it('keeps the recorded name of a target that no longer exists', async () => {
    const organization = await admin.client.post(`/workspaces/${workspaceId}/organizations`, { name: 'Structure éphémère' });
    expect((await admin.client.delete(`/workspaces/${workspaceId}/organizations/${organization.body.id}`)).status).toBe(204);
    const { items } = await page('?action=organization.deleted');
    expect(items).toEqual([
      expect.objectContaining({ action: 'organization.deleted', target: { type: 'organization', id: organization.body.id, label: 'Structure éphémère' } }),
    ]);
  });

  it('filters by the beginning of the action', async () => {
    const membership = await page('?action=membership.');
    expect(membership.items.map((e) => e.action)).toEqual(['membership.role-changed']);
    const exact = await page('?action=invitation.created');
    expect(exact.items.map((e) => e.action)).toEqual(['invitation.created']);
    expect((await page('?action=nothing.like.this')).items).toEqual([]);
  });

  it('filters by person: what they did and what was done to them', async () => {
    const byOther = await page(`?userId=${otherAdmin.id}`);
    expect(byOther.items.map((e) => e.action)).toEqual(['workspace.renamed']);
    const aboutCamille = await page(`?userId=${camille.id}`);
    expect(aboutCamille.items.map((e) => e.action)).toEqual(['membership.role-changed']);
    expect((await page(`?userId=${randomUUID()}`)).items).toEqual([]);
  });

  it('filters by date range: from inclusive, to exclusive, dates or date-times', async () => {
    const service = t.app.get(AuditService);
    await service.record({ action: 'framework.renamed', workspaceId, actorUserId: admin.id, targetType: 'framework', targetId: randomUUID(), data: { name: 'Ancien nom' } });
    await t.dataSource.query(`UPDATE audit_event SET created_at = '2025-03-15T10:00:00Z' WHERE action = 'framework.renamed' AND workspace_id = $1`, [workspaceId]);

    const march = await page('?from=2025-03-01&to=2025-04-01');
    expect(march.items.map((e) => e.action)).toEqual(['framework.renamed']);
    expect(march.items[0]!.createdAt).toBe('2025-03-15T10:00:00.000Z');
    expect((await page('?from=2025-03-15T10:00:00Z&to=2025-03-15T10:00:01Z')).items).toHaveLength(1);
    expect((await page('?from=2025-03-15T10:00:01Z&to=2025-04-01')).items).toHaveLength(0);
    expect((await page('?to=2025-03-15T10:00:00Z')).items).toHaveLength(0);
    const since = await page('?from=2025-04-01');
    expect(since.items.map((e) => e.action)).not.toContain('framework.renamed');
    expect(since.items.length).toBeGreaterThanOrEqual(5);
  });

  it('pages with a cursor, newest first, without losing or repeating events of the same instant', async () => {
    const service = t.app.get(AuditService);
    // Seven events written in one transaction share their instant.
    await t.dataSource.transaction(async (m) => {
      for (let i = 0; i < 7; i++) {
        await service.record({ action: 'collection.link-revoked', workspaceId, actorUserId: admin.id, targetType: 'collection_link', targetId: randomUUID(), data: { groupKey: 'staff', kind: 'personal' } }, m);
      }
    });
    const everything = (await page('?limit=200')).items;
    const paged = await all('?limit=3');
    expect(paged.map((e) => e.id)).toEqual(everything.map((e) => e.id));
    expect(new Set(paged.map((e) => e.id)).size).toBe(paged.length);
    const first = await page('?limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    // The filters stay the same from page to page.
    const revoked = await all('?action=collection.&limit=2');
    expect(revoked).toHaveLength(7);
  });

  it('never shows answers, free texts about answers, codes, link ids or IP addresses', async () => {
    const service = t.app.get(AuditService);
    const evaluationId = randomUUID();
    await service.record({
      action: 'session.consensus-recorded',
      workspaceId,
      actorUserId: admin.id,
      targetType: 'collective_session',
      targetId: randomUUID(),
      data: { evaluationId, questionKey: 'q_secret_question', value: 'SECRET-ANSWER-VALUE', previousValue: 'OLD-SECRET', reasonsLength: 2 },
    });
    await service.record({ action: 'session.opened', workspaceId, actorUserId: admin.id, targetType: 'collective_session', targetId: randomUUID(), data: { evaluationId, groupKey: 'volunteers', code: 'K7P2QX', title: 'Atelier' } });
    await service.record({ action: 'verbatim.story-reason-changed', workspaceId, actorUserId: admin.id, targetType: 'evaluation', targetId: evaluationId, data: { answerId: '123', from: 'Il a dit SECRET-VERBATIM', to: 'autre' } });
    await service.record({ action: 'submission.excluded', workspaceId, actorUserId: admin.id, targetType: 'submission', targetId: randomUUID(), data: { evaluationId, reason: 'SECRET-EXCLUSION-REASON' } });
    await service.record({ action: 'collection.links-created', workspaceId, actorUserId: admin.id, targetType: 'evaluation', targetId: evaluationId, data: { count: 2, linkIds: ['LINK-ID-SECRET'] } });
    await service.record({ action: 'auth.login-failed', workspaceId, actorUserId: null, data: { ip: '203.0.113.77' } });

    const res = await admin.client.get(`${base}?limit=200`);
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body);
    for (const secret of ['SECRET-ANSWER-VALUE', 'OLD-SECRET', 'K7P2QX', 'SECRET-VERBATIM', 'SECRET-EXCLUSION-REASON', 'LINK-ID-SECRET', '203.0.113.77', 'q_secret_question']) {
      expect({ secret, shown: text.includes(secret) }).toEqual({ secret, shown: false });
    }
    const opened = (res.body as AuditPage).items.find((e) => e.action === 'session.opened')!;
    expect(opened.details).toEqual({ evaluationId, groupKey: 'volunteers', title: 'Atelier' });
    const failed = (res.body as AuditPage).items.find((e) => e.action === 'auth.login-failed')!;
    expect(failed.actor).toBeNull();
    // No password hash, session token or CSRF token of anyone either.
    expect(text).not.toMatch(/\$argon2/);
    expect(text).not.toMatch(/csrf/i);
  });

  it('shows only this workspace’s events', async () => {
    const outsider = await createUser(t);
    const otherWorkspace = await createWorkspace(t, outsider, 'Autre réseau');
    expect((await outsider.client.post(`/workspaces/${otherWorkspace}/organizations`, { name: 'Structure d’ailleurs' })).status).toBe(201);
    const events = await all('?limit=200');
    expect(JSON.stringify(events)).not.toContain('Structure d’ailleurs');
    expect(JSON.stringify(events)).not.toContain('Autre réseau');
    // Login events belong to no workspace: they are not in any workspace's log.
    expect(events.map((e) => e.action)).not.toContain('auth.login');
  });

  it('is for workspace administrators: 403 to other members, 404 to everyone else', async () => {
    const viewer = await createUser(t);
    await addMember(t, workspaceId, viewer, 'viewer');
    const facilitator = await createUser(t);
    await addMember(t, workspaceId, facilitator, 'facilitator');
    for (const member of [viewer, facilitator, camille]) {
      const res = await member.client.get(base);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }
    const contact = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
    const outsider = await createUser(t);
    await createWorkspace(t, outsider);
    for (const stranger of [contact, outsider]) {
      const res = await stranger.client.get(base);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not-found');
    }
    expect((await t.client().get(base)).status).toBe(401);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=201', 'limit'],
    ['limit=ten', 'limit'],
    ['from=yesterday', 'from'],
    ['to=2025-13-01', 'to'],
    ['from=2025-04-01&to=2025-03-01', 'to'],
    ['cursor=not-a-cursor', 'cursor'],
    [`cursor=${Buffer.from('2025-01-01T00:00:00.000000Z|not-a-uuid').toString('base64url')}`, 'cursor'],
    ['action=DROP%20TABLE', 'action'],
    ['userId=42', 'userId'],
    ['workspaceId=x', 'workspaceId'],
  ])('refuses ?%s with a problem naming %s', async (query, path) => {
    const res = await admin.client.get(`${base}?${query}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});
