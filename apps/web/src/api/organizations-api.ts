import { API_BASE, ApiError, NETWORK_ERROR_CODE, api, segment, type Problem } from './client';
import type {
  CreatedInvitation,
  Invitation,
  Organization,
  OrganizationInput,
  OrganizationMember,
  OrganizationRole,
} from './types';

/** What the API adds to an organization for its report cover. */
export interface OrganizationLogoState {
  /** Whether a logo was uploaded (PNG or JPEG, shown on the report's cover). */
  hasLogo?: boolean;
}

/** The organization asked for all its data to be deleted; a workspace admin carries it out. */
export interface DeletionRequest {
  requestedAt: string;
  requestedBy: string | null;
  reason: string;
}

export interface OrganizationDataState {
  deletionRequest?: DeletionRequest | null;
}

/** The logo's limits, as the API checks them. */
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const;
export const LOGO_MAX_BYTES = 1024 * 1024;

const list = (workspaceId: string) => `/workspaces/${segment(workspaceId)}/organizations`;
const one = (workspaceId: string, organizationId: string) => `${list(workspaceId)}/${segment(organizationId)}`;

export const organizationsApi = {
  list: (workspaceId: string) => api.get<Array<Organization & OrganizationDataState>>(list(workspaceId)),
  create: (workspaceId: string, body: OrganizationInput) => api.post<Organization>(list(workspaceId), body),
  get: (workspaceId: string, organizationId: string) =>
    api.get<Organization & OrganizationLogoState & OrganizationDataState>(one(workspaceId, organizationId)),
  update: (workspaceId: string, organizationId: string, body: Partial<OrganizationInput>) =>
    api.patch<Organization>(one(workspaceId, organizationId), body),
  remove: (workspaceId: string, organizationId: string) => api.delete(one(workspaceId, organizationId)),

  members: (workspaceId: string, organizationId: string) =>
    api.get<OrganizationMember[]>(`${one(workspaceId, organizationId)}/members`),
  changeMemberRole: (workspaceId: string, organizationId: string, userId: string, role: OrganizationRole) =>
    api.patch<OrganizationMember>(`${one(workspaceId, organizationId)}/members/${segment(userId)}`, { role }),
  removeMember: (workspaceId: string, organizationId: string, userId: string) =>
    api.delete(`${one(workspaceId, organizationId)}/members/${segment(userId)}`),

  invitations: (workspaceId: string, organizationId: string) =>
    api.get<Invitation<OrganizationRole>[]>(`${one(workspaceId, organizationId)}/invitations`),
  invite: (workspaceId: string, organizationId: string, body: { email: string; role: OrganizationRole }) =>
    api.post<CreatedInvitation<OrganizationRole>>(`${one(workspaceId, organizationId)}/invitations`, body),
  revokeInvitation: (workspaceId: string, organizationId: string, invitationId: string) =>
    api.delete(`${one(workspaceId, organizationId)}/invitations/${segment(invitationId)}`),

  /** Same-origin URLs of the organization's full export, downloaded by the browser with the session cookie. */
  dataExportUrl: (workspaceId: string, organizationId: string, format: 'json' | 'zip') => `${API_BASE}${one(workspaceId, organizationId)}/data-export.${format}`,
  requestDeletion: (workspaceId: string, organizationId: string, reason: string) =>
    api.post<Organization & OrganizationDataState>(`${one(workspaceId, organizationId)}/deletion-request`, { reason }),
  withdrawDeletionRequest: (workspaceId: string, organizationId: string) =>
    api.delete<Organization & OrganizationDataState>(`${one(workspaceId, organizationId)}/deletion-request`),

  /** A same-origin URL of the logo, for an `<img>` (the CSP allows images of 'self'). */
  logoUrl: (workspaceId: string, organizationId: string) => `${API_BASE}${one(workspaceId, organizationId)}/logo`,
  /** The image as the raw body, with its own content type. */
  putLogo: (workspaceId: string, organizationId: string, file: Blob) => putBytes(`${one(workspaceId, organizationId)}/logo`, file),
  removeLogo: (workspaceId: string, organizationId: string) => api.delete(`${one(workspaceId, organizationId)}/logo`),
};

function csrfCookie(): string | undefined {
  const part = document.cookie.split(';').find((cookie) => cookie.trim().startsWith('regards_csrf='));
  return part ? decodeURIComponent(part.trim().slice('regards_csrf='.length)) : undefined;
}

/**
 * A PUT whose body is bytes rather than JSON: the same CSRF double-submit as every unsafe
 * request of `client.ts`, and the API's problem turned into an `ApiError`.
 */
async function putBytes(path: string, body: Blob): Promise<void> {
  const token = csrfCookie() ?? (await api.get<{ csrfToken: string }>('/auth/csrf')).csrfToken;
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method: 'PUT',
      credentials: 'same-origin',
      headers: { 'Content-Type': body.type, Accept: 'application/problem+json', 'X-CSRF-Token': csrfCookie() ?? token },
      body,
    });
  } catch {
    throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, title: 'Network error' });
  }
  if (response.ok) return;
  let problem: Problem = { status: response.status, title: response.statusText };
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      problem = { ...problem, ...((await response.json()) as Partial<Problem>), status: response.status };
    } catch {
      // The status alone still says what happened.
    }
  }
  throw new ApiError(problem);
}
