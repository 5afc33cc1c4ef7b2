import { api, segment } from '../../api/client';

export interface AuditActor {
  id: string;
  name: string;
  email: string;
}

export interface AuditTarget {
  type: string;
  id: string | null;
  label: string | null;
}

export type AuditDetailValue = string | number | boolean | null | string[];

/** One event of GET /workspaces/:id/audit-events; `details` holds only what may be shown. */
export interface AuditEvent {
  id: string;
  createdAt: string;
  action: string;
  actor: AuditActor | null;
  target: AuditTarget | null;
  details: Record<string, AuditDetailValue>;
}

export interface AuditEventPage {
  items: AuditEvent[];
  nextCursor: string | null;
}

export interface AuditFilters {
  /** an action or its beginning ("membership.") */
  action?: string;
  /** the person who acted, or whom the event is about */
  userId?: string;
  /** ISO instants: from inclusive, to exclusive */
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

export const auditKeys = {
  all: (workspaceId: string) => ['workspaces', workspaceId, 'audit-events'] as const,
  list: (workspaceId: string, filters: AuditFilters) => ['workspaces', workspaceId, 'audit-events', filters] as const,
};

function query(filters: AuditFilters, cursor: string | undefined): string {
  const params = new URLSearchParams();
  if (filters.action) params.set('action', filters.action);
  if (filters.userId) params.set('userId', filters.userId);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (cursor) params.set('cursor', cursor);
  params.set('limit', String(AUDIT_PAGE_SIZE));
  return `?${params.toString()}`;
}

export const auditApi = {
  list: (workspaceId: string, filters: AuditFilters, options: { cursor?: string; signal?: AbortSignal } = {}) =>
    api.get<AuditEventPage>(`/workspaces/${segment(workspaceId)}/audit-events${query(filters, options.cursor)}`, {
      signal: options.signal,
    }),
};
