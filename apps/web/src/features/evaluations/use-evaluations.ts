import type { SubmissionStatus } from '#domain/collection';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { collectionApi } from '../../api/collection-api';
import { evaluationsApi, type Evaluation } from '../../api/evaluations-api';
import { sessionKeys, sessionsApi } from '../../api/sessions-api';
import type { Locale } from '../../api/types';
import { evaluationKeys } from './query-keys';

/** Counts move while people answer: the overview polls every 5 s while collecting. */
export const LIVE_INTERVAL_MS = 5_000;

/** The ids that locate one evaluation in the API. */
export interface EvaluationRef {
  workspaceId: string;
  organizationId: string;
  evaluationId: string;
}

export function useEvaluations(workspaceId: string, organizationId: string) {
  return useQuery({
    queryKey: evaluationKeys.list(workspaceId, organizationId),
    queryFn: () => evaluationsApi.list(workspaceId, organizationId),
  });
}

export function useEvaluation({ workspaceId, organizationId, evaluationId }: EvaluationRef) {
  return useQuery({
    queryKey: evaluationKeys.one(workspaceId, organizationId, evaluationId),
    queryFn: () => evaluationsApi.get(workspaceId, organizationId, evaluationId),
  });
}

export function useCollectionApi({ workspaceId, organizationId, evaluationId }: EvaluationRef) {
  return useMemo(() => collectionApi(workspaceId, organizationId, evaluationId), [workspaceId, organizationId, evaluationId]);
}

export function useCollectionOverview(ref: EvaluationRef, options: { live: boolean; enabled?: boolean }) {
  const client = useCollectionApi(ref);
  return useQuery({
    queryKey: evaluationKeys.collection(ref.workspaceId, ref.organizationId, ref.evaluationId),
    queryFn: () => client.overview(),
    enabled: options.enabled ?? true,
    refetchInterval: options.live ? LIVE_INTERVAL_MS : false,
  });
}

/** Every link of the evaluation; the collection tab refetches them when the overview's counts move. */
export function useLinks(ref: EvaluationRef, options: { enabled: boolean }) {
  const client = useCollectionApi(ref);
  return useQuery({
    queryKey: evaluationKeys.links(ref.workspaceId, ref.organizationId, ref.evaluationId),
    queryFn: () => client.links(),
    enabled: options.enabled,
  });
}

export function useSubmissions(ref: EvaluationRef, filter: { groupKey?: StakeholderGroupKey; status?: SubmissionStatus }, live: boolean) {
  const client = useCollectionApi(ref);
  return useQuery({
    queryKey: evaluationKeys.submissions(ref.workspaceId, ref.organizationId, ref.evaluationId, filter),
    queryFn: () => client.submissions(filter),
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
  });
}

export function useSessions(ref: EvaluationRef, options: { live: boolean; enabled: boolean }) {
  return useQuery({
    queryKey: sessionKeys.list(ref.workspaceId, ref.organizationId, ref.evaluationId),
    queryFn: () => sessionsApi.list(ref.workspaceId, ref.organizationId, ref.evaluationId),
    enabled: options.enabled,
    refetchInterval: options.live ? LIVE_INTERVAL_MS : false,
  });
}

export function useQuestionnaire(ref: EvaluationRef, groupKey: StakeholderGroupKey | undefined, locale: Locale) {
  return useQuery({
    queryKey: evaluationKeys.questionnaire(ref.workspaceId, ref.organizationId, ref.evaluationId, groupKey ?? 'self_assessment', locale),
    queryFn: () => evaluationsApi.questionnaire(ref.workspaceId, ref.organizationId, ref.evaluationId, groupKey ?? 'self_assessment', locale),
    enabled: groupKey !== undefined,
    // A questionnaire changes only with the design, which is fixed once collecting.
    staleTime: 60_000,
  });
}

export function isCollecting(evaluation: Pick<Evaluation, 'status'>): boolean {
  return evaluation.status === 'collecting';
}
