/**
 * What of an audit event's `data` the audit log shows. The trail may hold things an
 * administrator must not read there: answer values (a consensus answer), free texts written
 * about answers (reasons), session codes and link ids that still open something, IP addresses.
 * So the log shows an allow-list of keys with plain values only, never the rest.
 */
export type AuditDetailValue = string | number | boolean | null | string[];
export type AuditDetails = Record<string, AuditDetailValue>;

/** Keys safe for every action: names of records, roles, groups, counts, formats. */
const SAFE_KEYS = new Set([
  'name',
  'title',
  'label',
  'email',
  'role',
  'organizationId',
  'evaluationId',
  'groupKey',
  'kind',
  'count',
  'sent',
  'skipped',
  'format',
  'locale',
  'version',
  'fields',
  'expectedCount',
  'anonymity',
  'consensus',
  'kiosk',
  'codingsRemoved',
  'rowCount',
  'completed',
  'sessionsEnded',
  'number',
  'revision',
  'capacity',
  'key',
  'sections',
  'versionId',
  'submissions',
  'answers',
  'links',
  'retentionMonths',
  'retainedUntil',
  'individualAnswers',
  'status',
]);

/**
 * `from` / `to` are roles or statuses for these actions; elsewhere they may be free texts
 * (a story's reason) and stay out.
 */
const FROM_TO_ACTIONS = new Set(['membership.role-changed', 'organization-member.role-changed', 'evaluation.status-changed']);

const MAX_TEXT = 200;
const MAX_LIST = 20;

function plain(value: unknown): AuditDetailValue | undefined {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
    return (value as string[]).slice(0, MAX_LIST).map((item) => (item.length > MAX_TEXT ? `${item.slice(0, MAX_TEXT - 1)}…` : item));
  }
  return undefined;
}

/** The details of one event as the audit log shows them. */
export function safeAuditDetails(action: string, data: Record<string, unknown> | null | undefined): AuditDetails {
  const out: AuditDetails = {};
  if (!data || typeof data !== 'object') return out;
  const fromTo = FROM_TO_ACTIONS.has(action);
  for (const [key, value] of Object.entries(data)) {
    if (!SAFE_KEYS.has(key) && !(fromTo && (key === 'from' || key === 'to'))) continue;
    const shown = plain(value);
    if (shown !== undefined) out[key] = shown;
  }
  return out;
}
