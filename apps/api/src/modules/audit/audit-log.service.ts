import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppException } from '../../common/app.exception.js';
import { TenantContext } from '../tenancy/tenant-context.service.js';
import { safeAuditDetails } from './audit-details.js';
import { AUDIT_PAGE, type AuditEventDto, type AuditEventListDto, type AuditEventsQueryDto } from './dto/audit-event.dto.js';

interface AuditRow {
  id: string;
  created_at: Date;
  cursor_at: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  data: Record<string, unknown> | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
}

/**
 * The workspace's audit events, newest first, with the actor's name and the target's current
 * name. Keyset paging on (created_at, id): events of one transaction share their instant.
 * Targets are looked up in this workspace only. Timestamps travel in the cursor with their
 * microseconds, which a JavaScript Date would lose.
 */
const SELECT_AUDIT_EVENTS = `
  SELECT e.id, e.created_at, e.action, e.target_type, e.target_id, e.data,
         to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at,
         a.id AS actor_id, a.display_name AS actor_name, a.email AS actor_email,
         CASE e.target_type
           WHEN 'user' THEN (SELECT u.display_name FROM user_account u WHERE u.id = e.target_id)
           WHEN 'workspace' THEN (SELECT w.name FROM workspace w WHERE w.id = e.target_id AND w.id = e.workspace_id)
           WHEN 'organization' THEN (SELECT o.name FROM organization o WHERE o.id = e.target_id AND o.workspace_id = e.workspace_id)
           WHEN 'evaluation' THEN (SELECT ev.title FROM evaluation ev WHERE ev.id = e.target_id AND ev.workspace_id = e.workspace_id)
           WHEN 'framework' THEN (SELECT f.name FROM framework f WHERE f.id = e.target_id AND f.workspace_id = e.workspace_id)
           WHEN 'invitation' THEN (SELECT i.email FROM invitation i WHERE i.id = e.target_id AND i.workspace_id = e.workspace_id)
           WHEN 'collective_session' THEN (SELECT cs.title FROM collective_session cs WHERE cs.id = e.target_id AND cs.workspace_id = e.workspace_id)
           WHEN 'verbatim_theme' THEN (SELECT vt.label FROM verbatim_theme vt WHERE vt.id = e.target_id AND vt.workspace_id = e.workspace_id)
         END AS target_label
    FROM audit_event e
    LEFT JOIN user_account a ON a.id = e.actor_user_id
   WHERE e.workspace_id = $1
     AND ($2::text IS NULL OR starts_with(e.action, $2::text))
     AND ($3::uuid IS NULL OR e.actor_user_id = $3::uuid OR (e.target_type = 'user' AND e.target_id = $3::uuid))
     AND ($4::timestamptz IS NULL OR e.created_at >= $4::timestamptz)
     AND ($5::timestamptz IS NULL OR e.created_at < $5::timestamptz)
     AND ($6::timestamptz IS NULL OR (e.created_at, e.id) < ($6::timestamptz, $7::uuid))
   ORDER BY e.created_at DESC, e.id DESC
   LIMIT $8`;

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function encodeCursor(row: AuditRow): string {
  return Buffer.from(`${row.cursor_at}|${row.id}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw AppException.validation([{ path: 'cursor', code: 'invalid-cursor', message: 'cursor must be the nextCursor of a previous page' }]);
  }
  return { at: match[1]!, id: match[2]! };
}

/** A plain date is midnight UTC; a date-time keeps its offset. */
function instant(value: string | undefined): string | null {
  if (value === undefined) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
}

/** A name recorded with the event, for a target that no longer exists (a deleted organization). */
function recordedLabel(data: Record<string, unknown> | null): string | null {
  for (const key of ['name', 'title', 'label', 'email']) {
    const value = data?.[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return null;
}

@Injectable()
export class AuditLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenant: TenantContext,
  ) {}

  async list(query: AuditEventsQueryDto): Promise<AuditEventListDto> {
    const from = instant(query.from);
    const to = instant(query.to);
    if (from && to && Date.parse(from) >= Date.parse(to)) {
      throw AppException.validation([{ path: 'to', code: 'after-from', message: 'to must be after from' }]);
    }
    const cursor = query.cursor ? decodeCursor(query.cursor) : null;
    const limit = query.limit ?? AUDIT_PAGE.default;
    const rows = await this.dataSource.query<AuditRow[]>(SELECT_AUDIT_EVENTS, [
      this.tenant.workspaceId,
      query.action ?? null,
      query.userId ?? null,
      from,
      to,
      cursor?.at ?? null,
      cursor?.id ?? null,
      limit + 1,
    ]);
    const page = rows.slice(0, limit);
    return {
      items: page.map(toDto),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
    };
  }
}

function toDto(row: AuditRow): AuditEventDto {
  const details = safeAuditDetails(row.action, row.data);
  return {
    id: row.id,
    createdAt: row.created_at,
    action: row.action,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '', email: row.actor_email ?? '' } : null,
    target: row.target_type
      ? { type: row.target_type, id: row.target_id, label: row.target_label ?? (row.target_type === 'user' ? null : recordedLabel(details)) }
      : null,
    details,
  };
}
