import type { LinkKind, SubmissionChannel, SubmissionStatus } from '#domain/collection';
import type { AnonymityMode } from '#domain/evaluation-status';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { API_BASE, api } from './client';
import { evaluationPath } from './evaluations-api';
import type { Locale } from './types';

export type { LinkKind, SubmissionChannel, SubmissionStatus };

export interface CollectionGroup {
  groupKey: StakeholderGroupKey;
  anonymity: AnonymityMode;
  expectedCount: number;
  /** Submitted and not excluded. */
  submitted: number;
  partial: number;
  excluded: number;
  /** submitted / expectedCount; null when nobody is expected. */
  responseRate: number | null;
  personalLinks: number;
  personalAnswered: number;
  sharedLinks: number;
}

export interface CollectionOverview {
  groups: CollectionGroup[];
  totals: { expected: number; submitted: number; partial: number; excluded: number };
  openSessions: number;
}

export interface CollectionLink {
  id: string;
  groupKey: StakeholderGroupKey;
  kind: Exclude<LinkKind, 'session'>;
  label: string | null;
  email: string | null;
  maxSubmissions: number | null;
  submitted: number;
  partial: number;
  revokedAt: string | null;
  lastSentAt: string | null;
  reminderCount: number;
  createdAt: string;
}

/** A link just created or renewed: the only time its token is readable. */
export interface CreatedLink extends CollectionLink {
  token: string;
  /** `/r/<token>`, relative to the site. */
  path: string;
  /** The link went to its respondent by e-mail. */
  emailed: boolean;
}

export interface CreateLinksInput {
  groupKey: StakeholderGroupKey;
  kind: 'personal' | 'shared';
  respondents?: Array<{ label?: string; email?: string }>;
  maxSubmissions?: number;
  send?: boolean;
}

export interface RemindersResult {
  sent: number;
  skipped: number;
  mailEnabled: boolean;
}

export interface SubmissionSummary {
  id: string;
  groupKey: StakeholderGroupKey;
  channel: SubmissionChannel;
  status: SubmissionStatus;
  startedAt: string;
  submittedAt: string | null;
  /** null for anonymous groups, and whenever the API does not reveal it. */
  respondentName: string | null;
  answerCount: number;
  excluded: null | { at: string; by: string | null; reason: string };
}

export interface PaperSubmissionInput {
  groupKey: StakeholderGroupKey;
  clientId: string;
  data: Record<string, unknown>;
  locale: Locale;
  respondentName?: string;
}

export interface ExportOptions {
  locale: Locale;
  codes: boolean;
  groupKey?: StakeholderGroupKey;
  includeExcluded?: boolean;
}

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The facilitator's side of collection: counts, links, submissions, paper entry and exports of one evaluation. */
export function collectionApi(workspaceId: string, organizationId: string, evaluationId: string) {
  const base = evaluationPath(workspaceId, organizationId, evaluationId);
  return {
    overview: () => api.get<CollectionOverview>(`${base}/collection`),
    links: (groupKey?: StakeholderGroupKey) => api.get<CollectionLink[]>(`${base}/links${query({ groupKey })}`),
    createLinks: (body: CreateLinksInput) => api.post<CreatedLink[]>(`${base}/links`, body),
    revokeLink: (linkId: string) => api.post<CollectionLink>(`${base}/links/${encodeURIComponent(linkId)}/revoke`),
    renewLink: (linkId: string) => api.post<CreatedLink>(`${base}/links/${encodeURIComponent(linkId)}/renew`),
    sendReminders: (groupKey?: StakeholderGroupKey) => api.post<RemindersResult>(`${base}/reminders`, groupKey ? { groupKey } : {}),
    submissions: (filter: { groupKey?: StakeholderGroupKey; status?: SubmissionStatus } = {}) =>
      api.get<SubmissionSummary[]>(`${base}/submissions${query(filter)}`),
    exclude: (submissionId: string, reason: string) =>
      api.post<SubmissionSummary>(`${base}/submissions/${encodeURIComponent(submissionId)}/exclusion`, { reason }),
    restore: (submissionId: string, reason: string) =>
      api.post<SubmissionSummary>(`${base}/submissions/${encodeURIComponent(submissionId)}/restore`, { reason }),
    enterPaper: (body: PaperSubmissionInput) =>
      api.post<{ id: string; clientId: string; status: 'submitted' }>(`${base}/paper-submissions`, body),
    /** A same-origin URL the browser downloads (the API streams it as an attachment). */
    exportUrl: (format: 'csv' | 'xlsx', options: ExportOptions) =>
      `${API_BASE}${base}/exports/submissions.${format}${query({
        locale: options.locale,
        codes: String(options.codes),
        groupKey: options.groupKey,
        includeExcluded: options.includeExcluded === undefined ? undefined : String(options.includeExcluded),
      })}`,
  };
}

export type CollectionApi = ReturnType<typeof collectionApi>;
