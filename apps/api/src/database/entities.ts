import { AnswerEntity } from '../modules/collection/answer.entity.js';
import { CollectionLinkEntity } from '../modules/collection/collection-link.entity.js';
import { SubmissionEntity } from '../modules/collection/submission.entity.js';
import { CollectiveSessionEntity } from '../modules/sessions/collective-session.entity.js';
import { ConsensusAnswerEntity } from '../modules/sessions/consensus-answer.entity.js';
import { AuditEventEntity } from '../modules/audit/audit-event.entity.js';
import { EvaluationGroupEntity } from '../modules/evaluations/evaluation-group.entity.js';
import { EvaluationEntity } from '../modules/evaluations/evaluation.entity.js';
import { FrameworkVersionEntity } from '../modules/frameworks/framework-version.entity.js';
import { FrameworkEntity } from '../modules/frameworks/framework.entity.js';
import { RateLimitBucketEntity } from '../modules/auth/rate-limit-bucket.entity.js';
import { SessionEntity } from '../modules/auth/session.entity.js';
import { InvitationEntity } from '../modules/invitations/invitation.entity.js';
import { OrganizationMemberEntity } from '../modules/organizations/organization-member.entity.js';
import { OrganizationEntity } from '../modules/organizations/organization.entity.js';
import { UserEntity } from '../modules/users/user.entity.js';
import { MembershipEntity } from '../modules/workspaces/membership.entity.js';
import { WorkspaceEntity } from '../modules/workspaces/workspace.entity.js';
import { StorySelectionEntity } from '../modules/verbatims/story-selection.entity.js';
import { VerbatimCodingEntity } from '../modules/verbatims/verbatim-coding.entity.js';
import { VerbatimThemeEntity } from '../modules/verbatims/verbatim-theme.entity.js';
import { VerbatimEntity } from '../modules/verbatims/verbatim.entity.js';
import { ReportRenderEntity } from '../modules/reports/report-render.entity.js';
import { ReportSectionEditEntity } from '../modules/reports/report-section-edit.entity.js';
import { ReportSectionEntity } from '../modules/reports/report-section.entity.js';
import { ReportValidationEntity } from '../modules/reports/report-validation.entity.js';
import { ReportVersionEntity } from '../modules/reports/report-version.entity.js';
import { ReportEntity } from '../modules/reports/report.entity.js';

/** Every persisted entity; the schema they describe is built only by migrations/. */
export const ENTITIES = [
  UserEntity,
  SessionEntity,
  RateLimitBucketEntity,
  WorkspaceEntity,
  MembershipEntity,
  OrganizationEntity,
  OrganizationMemberEntity,
  InvitationEntity,
  AuditEventEntity,
  FrameworkEntity,
  FrameworkVersionEntity,
  EvaluationEntity,
  EvaluationGroupEntity,
  CollectiveSessionEntity,
  CollectionLinkEntity,
  SubmissionEntity,
  AnswerEntity,
  ConsensusAnswerEntity,
  VerbatimEntity,
  VerbatimThemeEntity,
  VerbatimCodingEntity,
  StorySelectionEntity,
  ReportEntity,
  ReportSectionEntity,
  ReportSectionEditEntity,
  ReportValidationEntity,
  ReportRenderEntity,
  ReportVersionEntity,
];
