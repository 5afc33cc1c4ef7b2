import { API_BASE, api, isApiError, segment, type ApiError } from './client';
import { evaluationPath } from './evaluations-api';
import type { Locale } from './types';

export type ReportSectionKind = 'summary' | 'context' | 'dimension' | 'crossed' | 'action-plan' | 'conclusion';
export type ValidationCapacity = 'facilitator' | 'contact';

/** The API's limit on a section's narrative. */
export const NARRATIVE_MAX = 50_000;

/** A testimony written with the person: a name only when the person agreed to be named. */
export interface Testimony {
  text: string;
  name: string | null;
  groupKey: string | null;
  consent: boolean;
}

/** A row of the action plan. */
export interface ReportAction {
  recommendation: string;
  who: string;
  when: string;
}

export interface ReportSection {
  /** 'summary', 'context', 'dimension:<key>', 'crossed', 'action-plan', 'conclusion' */
  key: string;
  kind: ReportSectionKind;
  title: string;
  /** markdown */
  narrative: string;
  /** per section, starts at 1, +1 on each accepted save: the base of the next save */
  version: number;
  /** chart ids of `dashboardCharts()` */
  charts: string[];
  /** answer ids of the evaluation's selected stories */
  stories: string[];
  testimonies: Testimony[];
  /** 'action-plan' only */
  actions: ReportAction[];
  updatedAt: string | null;
  updatedBy: { id: string; name: string } | null;
}

/** What one save of a section may change. */
export type SectionFields = Pick<ReportSection, 'title' | 'narrative' | 'charts' | 'stories' | 'testimonies' | 'actions'>;
export type SectionField = keyof SectionFields;
export const SECTION_FIELDS = ['title', 'narrative', 'charts', 'stories', 'testimonies', 'actions'] as const satisfies readonly SectionField[];

export interface ReportValidation {
  capacity: ValidationCapacity;
  userId: string;
  userName: string;
  revision: number;
  at: string;
}

export type RenderStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ReportRender {
  id: string;
  kind: 'draft' | 'final';
  revision: number;
  locale: Locale;
  status: RenderStatus;
  /** 0–100 */
  progress: number;
  error: string | null;
  pages: number | null;
  sizeBytes: number | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A validated, frozen version of the report. */
export interface ReportVersion {
  id: string;
  number: number;
  revision: number;
  locale: Locale;
  sha256: string;
  sizeBytes: number;
  pages: number;
  validatedAt: string;
  validatedBy: string[];
}

export interface Report {
  id: string;
  evaluationId: string;
  locale: Locale;
  /** +1 on every accepted change to a section or to the locale */
  revision: number;
  sections: ReportSection[];
  /** only those for the current revision */
  validations: { facilitator: ReportValidation | null; contact: ReportValidation | null };
  latestRender: ReportRender | null;
  /** newest first */
  versions: ReportVersion[];
}

export interface SectionHistoryEntry {
  version: number;
  at: string;
  user: { id: string; name: string } | null;
  fields: string[];
}

export type SectionSave = { baseVersion: number } & Partial<SectionFields>;

/**
 * The react-query keys of the report, under the evaluation's key (`['workspaces', w,
 * 'organizations', o, 'evaluations', e, …]`) so that they go with it.
 */
export const reportKeys = {
  all: (workspaceId: string, organizationId: string, evaluationId: string) =>
    ['workspaces', workspaceId, 'organizations', organizationId, 'evaluations', evaluationId, 'report'] as const,
  report: (workspaceId: string, organizationId: string, evaluationId: string) =>
    [...reportKeys.all(workspaceId, organizationId, evaluationId), 'draft'] as const,
  versions: (workspaceId: string, organizationId: string, evaluationId: string) =>
    [...reportKeys.all(workspaceId, organizationId, evaluationId), 'versions'] as const,
  history: (workspaceId: string, organizationId: string, evaluationId: string, sectionKey: string) =>
    [...reportKeys.all(workspaceId, organizationId, evaluationId), 'history', sectionKey] as const,
  render: (workspaceId: string, organizationId: string, evaluationId: string, renderId: string) =>
    [...reportKeys.all(workspaceId, organizationId, evaluationId), 'renders', renderId] as const,
};

/** The report routes of one evaluation. */
export function reportsApi(workspaceId: string, organizationId: string, evaluationId: string) {
  const base = `${evaluationPath(workspaceId, organizationId, evaluationId)}/report`;
  return {
    get: () => api.get<Report>(base),
    setLocale: (locale: Locale, baseRevision: number) => api.put<Report>(base, { locale, baseRevision }),
    saveSection: (key: string, body: SectionSave) => api.put<ReportSection>(`${base}/sections/${segment(key)}`, body),
    history: (key: string) => api.get<SectionHistoryEntry[]>(`${base}/sections/${segment(key)}/history`),
    startRender: (locale?: Locale) => api.post<ReportRender>(`${base}/renders`, locale ? { locale } : {}),
    render: (renderId: string, signal?: AbortSignal) => api.get<ReportRender>(`${base}/renders/${segment(renderId)}`, { signal }),
    validate: (revision: number, capacity?: ValidationCapacity) =>
      api.post<Report>(`${base}/validations`, capacity ? { revision, capacity } : { revision }),
    withdraw: () => api.delete<Report | undefined>(`${base}/validations/mine`),
    versions: () => api.get<ReportVersion[]>(`${base}/versions`),
    /** Same-origin URLs the browser downloads (the API answers with an attachment). */
    renderPdfUrl: (renderId: string) => `${API_BASE}${base}/renders/${segment(renderId)}/pdf`,
    versionPdfUrl: (versionId: string) => `${API_BASE}${base}/versions/${segment(versionId)}/pdf`,
  };
}

export type ReportsApi = ReturnType<typeof reportsApi>;

function problemKind(error: ApiError): string {
  return error.code ?? error.problem.type?.split('/').pop() ?? '';
}

/** The 409 of a section saved from an older version, with the section as it is now. */
export function sectionConflictOf(error: unknown): ReportSection | null {
  if (!isApiError(error) || error.status !== 409 || problemKind(error) !== 'report-section-conflict') return null;
  const current = (error.problem as { current?: ReportSection }).current;
  return current && typeof current.version === 'number' ? current : null;
}

/** Whether a failure is one of the report API's refusals, by its problem code (or the end of its type). */
export function isReportProblem(error: unknown, code: string): boolean {
  return isApiError(error) && problemKind(error) === code;
}
