import type { SubmissionStatus } from '#domain/collection';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import type { Locale } from '../../api/types';

/**
 * The react-query keys of evaluations, under the organization's key so that they sit with it
 * (`['workspaces', w, 'organizations', o, …]`).
 */
export const evaluationKeys = {
  list: (workspaceId: string, organizationId: string) => ['workspaces', workspaceId, 'organizations', organizationId, 'evaluations'] as const,
  one: (workspaceId: string, organizationId: string, evaluationId: string) =>
    [...evaluationKeys.list(workspaceId, organizationId), evaluationId] as const,
  collection: (workspaceId: string, organizationId: string, evaluationId: string) =>
    [...evaluationKeys.one(workspaceId, organizationId, evaluationId), 'collection'] as const,
  links: (workspaceId: string, organizationId: string, evaluationId: string) =>
    [...evaluationKeys.one(workspaceId, organizationId, evaluationId), 'links'] as const,
  submissions: (workspaceId: string, organizationId: string, evaluationId: string, filter?: { groupKey?: StakeholderGroupKey; status?: SubmissionStatus }) =>
    filter
      ? ([...evaluationKeys.one(workspaceId, organizationId, evaluationId), 'submissions', filter] as const)
      : ([...evaluationKeys.one(workspaceId, organizationId, evaluationId), 'submissions'] as const),
  questionnaire: (workspaceId: string, organizationId: string, evaluationId: string, groupKey: StakeholderGroupKey, locale: Locale) =>
    [...evaluationKeys.one(workspaceId, organizationId, evaluationId), 'questionnaires', groupKey, locale] as const,
};
