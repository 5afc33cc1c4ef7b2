import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { useInfiniteQuery, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { evaluationsApi } from '../../api/evaluations-api';
import { verbatimKeys, verbatimsApi, type VerbatimFilters } from '../../api/verbatims-api';
import { currentLocale } from '../../app/i18n/i18n';
import { evaluationKeys } from '../evaluations/query-keys';

/** The ids that locate one evaluation in the API. */
export interface VerbatimsRef {
  workspaceId: string;
  organizationId: string;
  evaluationId: string;
}

export const VERBATIMS_PAGE_SIZE = 50;

export function useVerbatimsApi({ workspaceId, organizationId, evaluationId }: VerbatimsRef) {
  return useMemo(() => verbatimsApi(workspaceId, organizationId, evaluationId), [workspaceId, organizationId, evaluationId]);
}

/** The verbatims matching the filters, a page at a time (the API's cursor). */
export function useVerbatims(ref: VerbatimsRef, filters: VerbatimFilters) {
  const client = useVerbatimsApi(ref);
  return useInfiniteQuery({
    queryKey: verbatimKeys.list(ref.workspaceId, ref.organizationId, ref.evaluationId, filters),
    queryFn: ({ pageParam, signal }) => client.list(filters, { cursor: pageParam, limit: VERBATIMS_PAGE_SIZE, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useThemes(ref: VerbatimsRef) {
  const client = useVerbatimsApi(ref);
  return useQuery({
    queryKey: verbatimKeys.themes(ref.workspaceId, ref.organizationId, ref.evaluationId),
    queryFn: () => client.themes(),
  });
}

/** After a change, every list and the themes' counts are read again. */
export function useInvalidateVerbatims(ref: VerbatimsRef) {
  const queryClient = useQueryClient();
  return useCallback(
    () => queryClient.invalidateQueries({ queryKey: verbatimKeys.all(ref.workspaceId, ref.organizationId, ref.evaluationId) }),
    [queryClient, ref.workspaceId, ref.organizationId, ref.evaluationId],
  );
}

export interface VerbatimLabels {
  /** `${groupKey}:${questionKey}` → the question as that group read it */
  questions: Map<string, string>;
  dimensions: Map<string, string>;
}

/**
 * The words of the questions and dimensions, from the groups' questionnaires (readable by those
 * who read the verbatims): a verbatim is shown under the question it answers.
 */
export function useVerbatimLabels(ref: VerbatimsRef, groupKeys: readonly StakeholderGroupKey[]): VerbatimLabels {
  const results = useQueries({
    queries: groupKeys.map((groupKey) => ({
      queryKey: evaluationKeys.questionnaire(ref.workspaceId, ref.organizationId, ref.evaluationId, groupKey, 'fr'),
      queryFn: () => evaluationsApi.questionnaire(ref.workspaceId, ref.organizationId, ref.evaluationId, groupKey, 'fr'),
      staleTime: 60_000,
    })),
  });
  const locale = currentLocale();
  // Changes whenever one of the questionnaires arrives or changes.
  const stamp = results.map((r) => r.dataUpdatedAt).join(',');
  return useMemo(() => {
    const questions = new Map<string, string>();
    const dimensions = new Map<string, string>();
    for (const { data: questionnaire } of results) {
      if (!questionnaire) continue;
      for (const page of questionnaire.survey.pages) {
        dimensions.set(page.name, page.title[locale] || page.title.fr);
        for (const element of page.elements) questions.set(`${questionnaire.group}:${element.name}`, element.title[locale] || element.title.fr);
      }
    }
    return { questions, dimensions };
    // `results` is a new array on every render; `stamp` says when its data changed.
  }, [locale, stamp]);
}
