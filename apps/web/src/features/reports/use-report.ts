import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { reportKeys, reportsApi, type Report, type ReportRender, type ReportSection } from '../../api/reports-api';
import type { EvaluationRef } from '../evaluations/use-evaluations';

/** How often a render in progress is asked about. */
export const RENDER_POLL_MS = 700;

export function useReportsApi({ workspaceId, organizationId, evaluationId }: EvaluationRef) {
  return useMemo(() => reportsApi(workspaceId, organizationId, evaluationId), [workspaceId, organizationId, evaluationId]);
}

/** The report being written (writers only; created by the API on first read). */
export function useReport(ref: EvaluationRef, options: { refetchInterval?: (report: Report | undefined) => number | false } = {}) {
  const client = useReportsApi(ref);
  return useQuery({
    queryKey: reportKeys.report(ref.workspaceId, ref.organizationId, ref.evaluationId),
    queryFn: () => client.get(),
    refetchInterval: (query) => options.refetchInterval?.(query.state.data) ?? false,
  });
}

/** The validated versions: what every reader of the evaluation may download. */
export function useReportVersions(ref: EvaluationRef) {
  const client = useReportsApi(ref);
  return useQuery({
    queryKey: reportKeys.versions(ref.workspaceId, ref.organizationId, ref.evaluationId),
    queryFn: () => client.versions(),
  });
}

export function useSectionHistory(ref: EvaluationRef, sectionKey: string, enabled: boolean) {
  const client = useReportsApi(ref);
  return useQuery({
    queryKey: reportKeys.history(ref.workspaceId, ref.organizationId, ref.evaluationId, sectionKey),
    queryFn: () => client.history(sectionKey),
    enabled,
  });
}

/** Both validations are in and the version they freeze is not listed yet: the final render is under way. */
export function awaitsFinalVersion(report: Report | undefined): boolean {
  if (!report) return false;
  const { facilitator, contact } = report.validations;
  const final = report.latestRender;
  if (final?.kind === 'final' && final.revision === report.revision && final.status === 'failed') return false;
  return facilitator !== null && contact !== null && !report.versions.some((v) => v.revision === report.revision);
}

export function isRenderFinished(render: Pick<ReportRender, 'status'>): boolean {
  return render.status === 'done' || render.status === 'failed';
}

/** A render followed until it is done or has failed. */
export function useRenderProgress(ref: EvaluationRef, initial: ReportRender | null) {
  const client = useReportsApi(ref);
  return useQuery({
    queryKey: reportKeys.render(ref.workspaceId, ref.organizationId, ref.evaluationId, initial?.id ?? 'none'),
    queryFn: ({ signal }) => client.render(initial!.id, signal),
    enabled: initial !== null,
    initialData: initial ?? undefined,
    // The render's own state, not a cache: ask at once, then every RENDER_POLL_MS until it ends.
    initialDataUpdatedAt: 0,
    refetchInterval: (query) => (query.state.data && isRenderFinished(query.state.data) ? false : RENDER_POLL_MS),
    refetchOnWindowFocus: false,
  });
}

/** Writes what the server answered into the cached report, then reads the report again (revision, validations). */
export function useReportCache({ workspaceId, organizationId, evaluationId }: EvaluationRef) {
  const queryClient = useQueryClient();
  return useMemo(() => {
    const reportKey = reportKeys.report(workspaceId, organizationId, evaluationId);
    return {
      setReport: (report: Report) => {
        queryClient.setQueryData(reportKey, report);
        void queryClient.invalidateQueries({ queryKey: reportKeys.versions(workspaceId, organizationId, evaluationId) });
      },
      setSection: (section: ReportSection) => {
        queryClient.setQueryData<Report>(reportKey, (report) =>
          report ? { ...report, sections: report.sections.map((s) => (s.key === section.key ? section : s)) } : report,
        );
        void queryClient.invalidateQueries({ queryKey: reportKey });
        void queryClient.invalidateQueries({ queryKey: reportKeys.history(workspaceId, organizationId, evaluationId, section.key) });
      },
      refresh: () => void queryClient.invalidateQueries({ queryKey: reportKeys.all(workspaceId, organizationId, evaluationId) }),
    };
  }, [queryClient, workspaceId, organizationId, evaluationId]);
}
