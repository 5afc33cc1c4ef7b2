/** Shapes of the API's JSON, as the contract of /api/v1 describes them. */
import type { FrameworkContent } from '#domain/framework';
import type { VersionDiff } from '#domain/framework-diff';
import type { LocalizedText } from '#domain/locale';
import type { OrganizationRole, WorkspaceRole } from '#domain/roles';

export type { OrganizationRole, WorkspaceRole };
export type Locale = 'fr' | 'en';

export interface User {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  isPlatformAdmin: boolean;
}

export interface SessionOrganization {
  id: string;
  name: string;
  role: OrganizationRole;
}

export interface SessionWorkspace {
  id: string;
  name: string;
  /** null: the user only belongs to organizations of this workspace. */
  role: WorkspaceRole | null;
  organizations: SessionOrganization[];
}

export interface Session {
  user: User;
  workspaces: SessionWorkspace[];
}

export interface Workspace {
  id: string;
  name: string;
  role: WorkspaceRole | null;
}

export interface WorkspaceMember {
  userId: string;
  email: string;
  displayName: string;
  role: WorkspaceRole;
}

export interface Organization {
  id: string;
  name: string;
  legalForm: string | null;
  city: string | null;
  description: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface OrganizationInput {
  name: string;
  legalForm?: string | null;
  city?: string | null;
  description?: string | null;
}

export interface OrganizationMember {
  userId: string;
  email: string;
  displayName: string;
  role: OrganizationRole;
}

export interface Invitation<Role extends string = WorkspaceRole | OrganizationRole> {
  id: string;
  email: string;
  role: Role;
  organizationId: string | null;
  expiresAt: string;
  createdAt: string;
}

export type CreatedInvitation<Role extends string = WorkspaceRole | OrganizationRole> = Invitation<Role> & {
  /** The acceptance link; the only time the API reveals it. */
  link: string;
  /** false when no mail server is configured: the inviter passes the link on. */
  emailed: boolean;
};

export interface InvitationPreview {
  email: string;
  role: WorkspaceRole | OrganizationRole;
  workspaceName: string;
  organizationName: string | null;
  accountExists: boolean;
  expiresAt: string;
}

export type FrameworkVersionStatus = 'draft' | 'published';

export interface VersionSummary {
  id: string;
  number: number;
  status: FrameworkVersionStatus;
  /** sha256 of the canonical content, hex; set when published. */
  contentHash: string | null;
  /** Bumped by each save; a save names the revision it is based on. */
  revision: number;
  publishedAt: string | null;
  updatedAt: string;
}

export interface FrameworkSummary {
  id: string;
  name: string;
  /** Set for the shipped default framework. */
  builtinKey: string | null;
  originFrameworkId: string | null;
  originAttribution: string | null;
  /** When it was shared in the commons; null when not shared. */
  sharedAt: string | null;
  latestPublished: VersionSummary | null;
  draft: VersionSummary | null;
  updatedAt: string;
}

export interface FrameworkDetail extends FrameworkSummary {
  /** Newest first. */
  versions: VersionSummary[];
}

export interface FrameworkVersionDetail extends VersionSummary {
  frameworkId: string;
  content: FrameworkContent;
}

export interface PublishResult {
  version: FrameworkVersionDetail;
  diff: VersionDiff | null;
}

export interface VersionDiffResult {
  from: string;
  to: string;
  diff: VersionDiff;
}

export type ImportFormat = 'regards' | 'surveyjs';

export interface ImportResult extends FrameworkDetail {
  warnings: Array<{ path: string; code: string; message: string }>;
}

export interface CommonsFramework {
  id: string;
  name: string;
  /** The network that shares it. */
  workspaceName: string;
  licence: string;
  sharedAt: string;
  latestPublished: VersionSummary;
  title: LocalizedText;
  description: LocalizedText | null;
  dimensionCount: number;
  questionCount: number;
}
