import type { SessionStatus } from '#domain/collection';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { api, segment } from './client';
import { evaluationPath } from './evaluations-api';

export interface SessionCounts {
  /** Participants who joined (a kiosk tablet counts once). */
  joined: number;
  /** Answers started in the session, not yet sent. */
  answering: number;
  /** Answers sent in the session. */
  submitted: number;
  /** Answers expected from the whole group. */
  expected: number;
}

export interface CollectiveSession {
  id: string;
  groupKey: StakeholderGroupKey;
  title: string | null;
  code: string;
  status: SessionStatus;
  consensus: boolean;
  openedAt: string;
  closedAt: string | null;
  /** `/s/<code>`, relative to the site. */
  joinPath: string;
  counts: SessionCounts;
}

export interface OpenSessionInput {
  groupKey: StakeholderGroupKey;
  title?: string;
  consensus?: boolean;
}

/** The group's agreed answer to one question; `value` is what SurveyJS data would hold. */
export interface ConsensusAnswer {
  questionKey: string;
  indicatorKey: string;
  value: unknown;
  reasons: string;
  recordedBy: string | null;
  recordedAt: string;
}

const sessionsPath = (workspaceId: string, organizationId: string, evaluationId: string) =>
  `${evaluationPath(workspaceId, organizationId, evaluationId)}/sessions`;
const sessionPath = (workspaceId: string, organizationId: string, evaluationId: string, sessionId: string) =>
  `${sessionsPath(workspaceId, organizationId, evaluationId)}/${segment(sessionId)}`;

/**
 * The react-query keys of sessions, under the evaluation's key (`[…, 'evaluations', e, 'sessions']`,
 * the same list key the evaluation page uses) so that invalidating the list refreshes them too.
 */
export const sessionKeys = {
  list: (workspaceId: string, organizationId: string, evaluationId: string) =>
    ['workspaces', workspaceId, 'organizations', organizationId, 'evaluations', evaluationId, 'sessions'] as const,
  one: (workspaceId: string, organizationId: string, evaluationId: string, sessionId: string) =>
    [...sessionKeys.list(workspaceId, organizationId, evaluationId), sessionId] as const,
  consensus: (workspaceId: string, organizationId: string, evaluationId: string, sessionId: string) =>
    [...sessionKeys.one(workspaceId, organizationId, evaluationId, sessionId), 'consensus'] as const,
};

export const sessionsApi = {
  list: (workspaceId: string, organizationId: string, evaluationId: string) =>
    api.get<CollectiveSession[]>(sessionsPath(workspaceId, organizationId, evaluationId)),
  open: (workspaceId: string, organizationId: string, evaluationId: string, body: OpenSessionInput) =>
    api.post<CollectiveSession>(sessionsPath(workspaceId, organizationId, evaluationId), body),
  get: (workspaceId: string, organizationId: string, evaluationId: string, sessionId: string) =>
    api.get<CollectiveSession>(sessionPath(workspaceId, organizationId, evaluationId, sessionId)),
  close: (workspaceId: string, organizationId: string, evaluationId: string, sessionId: string) =>
    api.post<CollectiveSession>(`${sessionPath(workspaceId, organizationId, evaluationId, sessionId)}/close`),
  consensus: (workspaceId: string, organizationId: string, evaluationId: string, sessionId: string) =>
    api.get<ConsensusAnswer[]>(`${sessionPath(workspaceId, organizationId, evaluationId, sessionId)}/consensus`),
  putConsensus: (
    workspaceId: string,
    organizationId: string,
    evaluationId: string,
    sessionId: string,
    questionKey: string,
    body: { value: unknown; reasons: string },
  ) =>
    api.put<ConsensusAnswer>(
      `${sessionPath(workspaceId, organizationId, evaluationId, sessionId)}/consensus/${segment(questionKey)}`,
      body,
    ),
  removeConsensus: (workspaceId: string, organizationId: string, evaluationId: string, sessionId: string, questionKey: string) =>
    api.delete(`${sessionPath(workspaceId, organizationId, evaluationId, sessionId)}/consensus/${segment(questionKey)}`),
};
