import { useQuery } from '@tanstack/react-query';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { evaluationsApi } from '../../api/evaluations-api';
import { sessionKeys, sessionsApi } from '../../api/sessions-api';
import type { Locale } from '../../api/types';

/** How often the session screen refreshes its counts while people can join. */
export const LIVE_REFRESH_MS = 2000;
/** After closing, answers already started may still arrive, only more slowly. */
const CLOSED_REFRESH_MS = 10_000;

export interface SessionRef {
  workspaceId: string;
  organizationId: string;
  evaluationId: string;
  sessionId: string;
}

/** One session, polled for its live counts (also while the screen is in the background: it is projected). */
export function useSession(ref: SessionRef) {
  return useQuery({
    queryKey: sessionKeys.one(ref.workspaceId, ref.organizationId, ref.evaluationId, ref.sessionId),
    queryFn: () => sessionsApi.get(ref.workspaceId, ref.organizationId, ref.evaluationId, ref.sessionId),
    refetchInterval: (query) => (query.state.data?.status === 'closed' ? CLOSED_REFRESH_MS : LIVE_REFRESH_MS),
    refetchIntervalInBackground: true,
  });
}

export function useConsensus(ref: SessionRef, enabled: boolean) {
  return useQuery({
    queryKey: sessionKeys.consensus(ref.workspaceId, ref.organizationId, ref.evaluationId, ref.sessionId),
    queryFn: () => sessionsApi.consensus(ref.workspaceId, ref.organizationId, ref.evaluationId, ref.sessionId),
    enabled,
  });
}

/** The group's questionnaire, for the consensus panel; it does not change during a session. */
export function useGroupQuestionnaire(ref: SessionRef, groupKey: StakeholderGroupKey | undefined, locale: Locale, enabled: boolean) {
  return useQuery({
    queryKey: [
      'workspaces',
      ref.workspaceId,
      'organizations',
      ref.organizationId,
      'evaluations',
      ref.evaluationId,
      'questionnaires',
      groupKey,
      locale,
    ] as const,
    queryFn: () => evaluationsApi.questionnaire(ref.workspaceId, ref.organizationId, ref.evaluationId, groupKey!, locale),
    enabled: enabled && groupKey !== undefined,
    staleTime: Infinity,
  });
}
