import { describe, expect, it } from '@jest/globals';
import { safeAuditDetails } from './audit-details.js';

describe('safeAuditDetails', () => {
  it.each([
    ['a role change shows both roles', 'membership.role-changed', { from: 'admin', to: 'viewer' }, { from: 'admin', to: 'viewer' }],
    ['a status change shows both statuses', 'evaluation.status-changed', { from: 'draft', to: 'collecting' }, { from: 'draft', to: 'collecting' }],
    ['a story reason change hides both free texts', 'verbatim.story-reason-changed', { answerId: '42', from: 'Une phrase', to: 'Une autre' }, {}],
    ['a consensus answer hides the value and the reasons', 'session.consensus-recorded', { evaluationId: 'e', questionKey: 'q', value: 4, previousValue: 3, reasonsLength: 2 }, { evaluationId: 'e' }],
    ['a session opening hides its join code', 'session.opened', { evaluationId: 'e', groupKey: 'volunteers', title: 'Atelier', consensus: true, code: 'K7P2QX' }, { evaluationId: 'e', groupKey: 'volunteers', title: 'Atelier', consensus: true }],
    ['a failed login hides the IP address', 'auth.login-failed', { ip: '203.0.113.9' }, {}],
    ['links created hide their ids', 'collection.links-created', { groupKey: 'staff', kind: 'personal', count: 3, linkIds: ['a', 'b', 'c'] }, { groupKey: 'staff', kind: 'personal', count: 3 }],
    ['an exclusion hides the reason written about an answer', 'submission.excluded', { evaluationId: 'e', groupKey: 'staff', reason: 'Réponse de test' }, { evaluationId: 'e', groupKey: 'staff' }],
    ['an update shows which fields changed, not their content', 'evaluation.updated', { fields: ['title', 'description'], changes: { description: 'texte' } }, { fields: ['title', 'description'] }],
    ['objects are never shown', 'organization.created', { name: { nested: 'x' } }, {}],
  ])('%s', (_label, action, data, expected) => {
    expect(safeAuditDetails(action, data)).toEqual(expected);
  });

  it('shortens long texts', () => {
    const details = safeAuditDetails('organization.created', { name: 'x'.repeat(500) });
    expect((details['name'] as string).length).toBe(200);
    expect(details['name']).toMatch(/…$/);
  });

  it('copes with no data', () => {
    expect(safeAuditDetails('auth.login', null)).toEqual({});
  });
});
