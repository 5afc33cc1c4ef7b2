import { api } from './client';
import type { Session } from './types';

export const authApi = {
  session: (signal?: AbortSignal) => api.get<Session>('/auth/session', { signal }),
  login: (body: { email: string; password: string }) => api.post<Session>('/auth/login', body),
  logout: () => api.post<void>('/auth/logout'),
};
