import type { AnonymityMode, EvaluationField, EvaluationStatus } from '#domain/evaluation-status';
import type { CustomQuestion } from '#domain/framework';
import type { Questionnaire } from '#domain/questionnaire';
import type { StakeholderGroupKey } from '#domain/stakeholder-group';
import { api, segment } from './client';
import type { Locale } from './types';

export type { AnonymityMode, EvaluationField, EvaluationStatus, StakeholderGroupKey };

export interface EvaluationGroup {
  groupKey: StakeholderGroupKey;
  expectedCount: number;
  anonymity: AnonymityMode;
}

export interface Evaluation {
  id: string;
  organizationId: string;
  frameworkId: string;
  frameworkVersionId: string;
  frameworkVersionNumber: number;
  contentHash: string;
  title: string;
  /** The chosen dimensions, in the order the organization ranked them. */
  dimensionKeys: string[];
  customQuestions: CustomQuestion[];
  opensAt: string;
  closesAt: string;
  kThreshold: number;
  /** months after closesAt during which individual answers are kept */
  retentionMonths: number;
  /** when individual answers are deleted; only the analysis is kept after */
  retainedUntil: string;
  /** when they were deleted, if they were */
  purgedAt: string | null;
  status: EvaluationStatus;
  /** Where the status may go next. */
  allowedTransitions: EvaluationStatus[];
  /** self_assessment first, then the display order of stakeholder groups. */
  groups: EvaluationGroup[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface CreateEvaluationInput {
  frameworkVersionId: string;
  title: string;
  dimensionKeys?: string[];
  customQuestions?: CustomQuestion[];
  opensAt: string;
  closesAt: string;
  kThreshold?: number;
  retentionMonths?: number;
  groups?: EvaluationGroup[];
}

export type UpdateEvaluationInput = Partial<Omit<CreateEvaluationInput, 'groups'>>;

/** What the API answers with a group's questionnaire: the SurveyJS JSON and the answer specification. */
export interface EvaluationQuestionnaire extends Questionnaire {
  evaluationId: string;
  frameworkVersionId: string;
  contentHash: string;
}

/** The extension members of a 409 evaluation-locked problem. */
export interface EvaluationLockedProblem {
  evaluationStatus?: EvaluationStatus;
  lockedFields?: EvaluationField[];
  editableFields?: EvaluationField[];
}

const list = (workspaceId: string, organizationId: string) =>
  `/workspaces/${segment(workspaceId)}/organizations/${segment(organizationId)}/evaluations`;

/** The path of one evaluation, under which its collection, sessions and exports live too. */
export const evaluationPath = (workspaceId: string, organizationId: string, evaluationId: string) =>
  `${list(workspaceId, organizationId)}/${segment(evaluationId)}`;

export const evaluationsApi = {
  list: (workspaceId: string, organizationId: string) => api.get<Evaluation[]>(list(workspaceId, organizationId)),
  create: (workspaceId: string, organizationId: string, body: CreateEvaluationInput) =>
    api.post<Evaluation>(list(workspaceId, organizationId), body),
  get: (workspaceId: string, organizationId: string, evaluationId: string) =>
    api.get<Evaluation>(evaluationPath(workspaceId, organizationId, evaluationId)),
  update: (workspaceId: string, organizationId: string, evaluationId: string, body: UpdateEvaluationInput) =>
    api.patch<Evaluation>(evaluationPath(workspaceId, organizationId, evaluationId), body),
  remove: (workspaceId: string, organizationId: string, evaluationId: string) =>
    api.delete(evaluationPath(workspaceId, organizationId, evaluationId)),
  transition: (workspaceId: string, organizationId: string, evaluationId: string, to: EvaluationStatus) =>
    api.post<Evaluation>(`${evaluationPath(workspaceId, organizationId, evaluationId)}/transitions`, { to }),
  putGroup: (
    workspaceId: string,
    organizationId: string,
    evaluationId: string,
    groupKey: StakeholderGroupKey,
    body: { expectedCount: number; anonymity: AnonymityMode },
  ) => api.put<Evaluation>(`${evaluationPath(workspaceId, organizationId, evaluationId)}/groups/${segment(groupKey)}`, body),
  removeGroup: (workspaceId: string, organizationId: string, evaluationId: string, groupKey: StakeholderGroupKey) =>
    api.delete(`${evaluationPath(workspaceId, organizationId, evaluationId)}/groups/${segment(groupKey)}`),
  questionnaire: (workspaceId: string, organizationId: string, evaluationId: string, groupKey: StakeholderGroupKey, locale: Locale) =>
    api.get<EvaluationQuestionnaire>(
      `${evaluationPath(workspaceId, organizationId, evaluationId)}/questionnaires/${segment(groupKey)}?locale=${encodeURIComponent(locale)}`,
    ),
};
