import { api, segment } from './client';
import type { InvitationPreview, Session } from './types';

export const invitationsApi = {
  preview: (token: string) => api.get<InvitationPreview>(`/invitations/${segment(token)}`),
  accept: (body: { token: string; displayName?: string; password?: string }) =>
    api.post<Session>('/invitations/accept', body),
};
