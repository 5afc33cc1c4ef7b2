import { answerOptionsFromStructure, type AnswerOptionsByIndicator } from '#domain/charts/answer-options';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { analysisApi, analysisKeys } from '../../api/analysis-api';
import type { Evaluation } from '../../api/evaluations-api';
import { frameworksApi } from '../../api/frameworks-api';
import { queryKeys } from '../../api/query-keys';
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

/**
 * The words and order of each indicator's answers, from the evaluation's framework version —
 * readable by the network's members. Others (the organization's contact and board) get the
 * answers named from the counts alone.
 */
export function useAnswerOptions(workspaceId: string, evaluation: Evaluation, canReadFramework: boolean): AnswerOptionsByIndicator | undefined {
  const version = useQuery({
    queryKey: queryKeys.frameworkVersion(workspaceId, evaluation.frameworkId, evaluation.frameworkVersionId),
    queryFn: () => frameworksApi.version(workspaceId, evaluation.frameworkId, evaluation.frameworkVersionId),
    enabled: canReadFramework,
    // A published version never changes.
    staleTime: Infinity,
    retry: false,
  });
  const content = version.data?.content;
  return useMemo(
    () => (content ? answerOptionsFromStructure({ content, customQuestions: evaluation.customQuestions }) : undefined),
    [content, evaluation.customQuestions],
  );
}
