import { useInfiniteQuery } from '@tanstack/react-query';
import { auditApi, auditKeys, type AuditFilters } from './audit-api';

/** The workspace's audit events matching the filters, newest first, a page at a time. */
export function useAuditEvents(workspaceId: string, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(workspaceId, filters),
    queryFn: ({ pageParam, signal }) => auditApi.list(workspaceId, filters, { cursor: pageParam, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
