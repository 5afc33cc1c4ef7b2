import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useQuery } from '@tanstack/react-query';
import { analysisApi, analysisKeys } from '../../api/analysis-api';
import type { Evaluation } from '../../api/evaluations-api';
import type { EvaluationRef } from '../evaluations/use-evaluations';

/** While a group answers, its results move: the dashboard refreshes every 30 s during the collection. */
const COLLECTING_INTERVAL_MS = 30_000;

export function useAnalysis(ref: EvaluationRef, options: { groupKey?: StakeholderGroupKey; refetchInterval?: number | false } = {}) {
  return useQuery({
    queryKey: analysisKeys.one(ref.workspaceId, ref.organizationId, ref.evaluationId, options.groupKey ?? null),
    queryFn: () => analysisApi.get(ref.workspaceId, ref.organizationId, ref.evaluationId, options.groupKey),
    refetchInterval: options.refetchInterval ?? false,
  });
}

export function analysisRefreshInterval(evaluation: Pick<Evaluation, 'status'>): number | false {
  return evaluation.status === 'collecting' ? COLLECTING_INTERVAL_MS : false;
}
