import { API_BASE, api, segment } from './client';
import type {
  CommonsFramework,
  FrameworkDetail,
  FrameworkSummary,
  FrameworkVersionDetail,
  ImportFormat,
  ImportResult,
  PublishResult,
  VersionDiffResult,
} from './types';
import type { FrameworkContent } from '#domain/framework';

const list = (workspaceId: string) => `/workspaces/${segment(workspaceId)}/frameworks`;
const one = (workspaceId: string, frameworkId: string) => `${list(workspaceId)}/${segment(frameworkId)}`;
const version = (workspaceId: string, frameworkId: string, versionId: string) =>
  `${one(workspaceId, frameworkId)}/versions/${segment(versionId)}`;
const commons = (workspaceId: string) => `/workspaces/${segment(workspaceId)}/commons`;

export const frameworksApi = {
  list: (workspaceId: string) => api.get<FrameworkSummary[]>(list(workspaceId)),
  create: (workspaceId: string, body: { name: string; content?: FrameworkContent }) =>
    api.post<FrameworkDetail>(list(workspaceId), body),
  import: (workspaceId: string, body: { format: ImportFormat; document: object; name?: string }) =>
    api.post<ImportResult>(`${list(workspaceId)}/import`, body),
  get: (workspaceId: string, frameworkId: string) => api.get<FrameworkDetail>(one(workspaceId, frameworkId)),
  rename: (workspaceId: string, frameworkId: string, name: string) =>
    api.patch<FrameworkDetail>(one(workspaceId, frameworkId), { name }),
  remove: (workspaceId: string, frameworkId: string) => api.delete(one(workspaceId, frameworkId)),

  version: (workspaceId: string, frameworkId: string, versionId: string) =>
    api.get<FrameworkVersionDetail>(version(workspaceId, frameworkId, versionId)),
  saveContent: (workspaceId: string, frameworkId: string, versionId: string, content: FrameworkContent, revision: number) =>
    api.put<FrameworkVersionDetail>(`${version(workspaceId, frameworkId, versionId)}/content`, { content, revision }),
  publish: (workspaceId: string, frameworkId: string, versionId: string) =>
    api.post<PublishResult>(`${version(workspaceId, frameworkId, versionId)}/publish`),
  startDraft: (workspaceId: string, frameworkId: string) =>
    api.post<FrameworkVersionDetail>(`${one(workspaceId, frameworkId)}/drafts`),
  diff: (workspaceId: string, frameworkId: string, from: string, to: string) =>
    api.get<VersionDiffResult>(
      `${one(workspaceId, frameworkId)}/diff?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
    ),
  /** A same-origin URL the browser downloads (Content-Disposition: attachment). */
  exportUrl: (workspaceId: string, frameworkId: string, versionId: string) =>
    `${API_BASE}${version(workspaceId, frameworkId, versionId)}/export`,
  share: (workspaceId: string, frameworkId: string) => api.put<FrameworkDetail>(`${one(workspaceId, frameworkId)}/share`),
  unshare: (workspaceId: string, frameworkId: string) =>
    api.delete<FrameworkDetail>(`${one(workspaceId, frameworkId)}/share`),
  fork: (workspaceId: string, frameworkId: string) => api.post<FrameworkDetail>(`${one(workspaceId, frameworkId)}/fork`),

  commons: (workspaceId: string) => api.get<CommonsFramework[]>(commons(workspaceId)),
  commonsVersion: (workspaceId: string, frameworkId: string) =>
    api.get<FrameworkVersionDetail>(`${commons(workspaceId)}/${segment(frameworkId)}`),
  forkCommons: (workspaceId: string, frameworkId: string) =>
    api.post<FrameworkDetail>(`${commons(workspaceId)}/${segment(frameworkId)}/fork`),
};
