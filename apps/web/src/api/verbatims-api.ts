import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { api, segment } from './client';

/** A theme's colour: Mantine's palette names, as the API accepts them. */
export const THEME_COLORS = ['blue', 'cyan', 'teal', 'green', 'lime', 'yellow', 'orange', 'red', 'pink', 'grape', 'violet', 'indigo', 'gray'] as const;
export type ThemeColor = (typeof THEME_COLORS)[number];

/** Why a story was chosen: at least a few words, at most a page (the API's limits). */
export const SELECTION_REASON = { min: 3, max: 2000 } as const;
export const THEME_LABEL_MAX = 80;
export const THEME_DESCRIPTION_MAX = 500;

export interface StorySelection {
  reason: string;
  /** The text as masked when it was chosen. */
  text: string;
  selectedAt: string;
  selectedBy: { id: string; name: string } | null;
}

/** An open answer or a "pourquoi ?" comment, as the API gives it: always masked. */
export interface Verbatim {
  /** The answer row id (digits). */
  id: string;
  questionKey: string;
  indicatorKey: string;
  dimensionKey: string;
  groupKey: StakeholderGroupKey;
  part: 'answer' | 'why';
  /** Names, e-mail addresses and phone numbers replaced by [nom], [e-mail], [téléphone]. */
  text: string;
  masked: boolean;
  themeIds: string[];
  selection: StorySelection | null;
}

export interface VerbatimPage {
  items: Verbatim[];
  total: number;
  nextCursor: string | null;
  /** Groups with fewer than k counted answers: none of their verbatims is listed. */
  hiddenGroups: StakeholderGroupKey[];
  k: number;
}

export interface VerbatimTheme {
  id: string;
  label: string;
  description: string | null;
  color: ThemeColor | null;
  verbatimCount: number;
  createdAt: string;
}

export interface VerbatimFilters {
  groupKey?: StakeholderGroupKey;
  dimensionKey?: string;
  themeId?: string;
  q?: string;
  selected?: boolean;
}

export interface ThemeInput {
  label: string;
  description?: string | null;
  color?: ThemeColor | null;
}

/**
 * The react-query keys of verbatims, under the evaluation's key (`['workspaces', w,
 * 'organizations', o, 'evaluations', e, …]`) so that they go with it.
 */
export const verbatimKeys = {
  all: (workspaceId: string, organizationId: string, evaluationId: string) =>
    ['workspaces', workspaceId, 'organizations', organizationId, 'evaluations', evaluationId, 'verbatims'] as const,
  list: (workspaceId: string, organizationId: string, evaluationId: string, filters: VerbatimFilters) =>
    [...verbatimKeys.all(workspaceId, organizationId, evaluationId), 'list', filters] as const,
  themes: (workspaceId: string, organizationId: string, evaluationId: string) =>
    [...verbatimKeys.all(workspaceId, organizationId, evaluationId), 'themes'] as const,
};

function query(filters: VerbatimFilters, cursor: string | undefined, limit: number | undefined): string {
  const params = new URLSearchParams();
  if (filters.groupKey) params.set('groupKey', filters.groupKey);
  if (filters.dimensionKey) params.set('dimensionKey', filters.dimensionKey);
  if (filters.themeId) params.set('themeId', filters.themeId);
  if (filters.q?.trim()) params.set('q', filters.q.trim());
  if (filters.selected) params.set('selected', 'true');
  if (cursor) params.set('cursor', cursor);
  if (limit) params.set('limit', String(limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The verbatims routes of one evaluation. */
export function verbatimsApi(workspaceId: string, organizationId: string, evaluationId: string) {
  const base = `/workspaces/${segment(workspaceId)}/organizations/${segment(organizationId)}/evaluations/${segment(evaluationId)}`;
  const verbatim = (id: string) => `${base}/verbatims/${segment(id)}`;
  const theme = (id: string) => `${base}/themes/${segment(id)}`;
  return {
    list: (filters: VerbatimFilters, options: { cursor?: string; limit?: number; signal?: AbortSignal } = {}) =>
      api.get<VerbatimPage>(`${base}/verbatims${query(filters, options.cursor, options.limit)}`, { signal: options.signal }),
    themes: () => api.get<VerbatimTheme[]>(`${base}/themes`),
    createTheme: (input: ThemeInput) => api.post<VerbatimTheme>(`${base}/themes`, input),
    updateTheme: (id: string, input: Partial<ThemeInput>) => api.patch<VerbatimTheme>(theme(id), input),
    deleteTheme: (id: string) => api.delete(theme(id)),
    setThemes: (id: string, themeIds: string[]) => api.put<Verbatim>(`${verbatim(id)}/themes`, { themeIds }),
    select: (id: string, reason: string) => api.put<Verbatim>(`${verbatim(id)}/selection`, { reason }),
    unselect: (id: string) => api.delete(`${verbatim(id)}/selection`),
  };
}

export type VerbatimsApi = ReturnType<typeof verbatimsApi>;
