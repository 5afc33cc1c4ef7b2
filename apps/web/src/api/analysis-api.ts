import type { AnalysisPayload } from '#domain/analysis/types';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { api } from './client';
import { evaluationPath } from './evaluations-api';

export type { AnalysisPayload };

/**
 * The react-query keys of an evaluation's analysis, under the evaluation's key so that
 * invalidating the evaluation refreshes them too.
 */
export const analysisKeys = {
  all: (workspaceId: string, organizationId: string, evaluationId: string) =>
    ['workspaces', workspaceId, 'organizations', organizationId, 'evaluations', evaluationId, 'analysis'] as const,
  one: (workspaceId: string, organizationId: string, evaluationId: string, groupKey: StakeholderGroupKey | null) =>
    [...analysisKeys.all(workspaceId, organizationId, evaluationId), groupKey ?? 'every-group'] as const,
};

export const analysisApi = {
  /** Every figure about fewer than k submissions is already withheld by the API. */
  get: (workspaceId: string, organizationId: string, evaluationId: string, groupKey?: StakeholderGroupKey) =>
    api.get<AnalysisPayload>(
      `${evaluationPath(workspaceId, organizationId, evaluationId)}/analysis${groupKey ? `?groupKey=${encodeURIComponent(groupKey)}` : ''}`,
    ),
};
