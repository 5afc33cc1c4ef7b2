import { api } from './client';
import type { Locale, User } from './types';

export const accountApi = {
  update: (body: { displayName?: string; locale?: Locale }) => api.patch<User>('/account', body),
  changePassword: (body: { currentPassword: string; newPassword: string }) =>
    api.post<void>('/account/password', body),
  /** Ends every session of mine but this one; says how many ended. */
  endOtherSessions: () => api.delete<{ sessionsEnded: number }>('/account/sessions/others'),
};
