/**
 * The respondent's API: public, no account. A link's token is the only credential; it stays in
 * the path (the server's logs redact `/r/<token>`).
 */
import type { AnonymityMode } from '#domain/evaluation-status';
import type { LinkKind, SubmissionStatus } from '#domain/collection';
import type { SurveyJson } from '#domain/questionnaire';
import { api, segment } from './client';
import type { Locale } from './types';

export interface RespondentSubmission {
  clientId: string;
  status: SubmissionStatus;
  data: Record<string, unknown>;
  updatedAt: string;
}

/** What a link opens: the evaluation, the group's questionnaire and, for a personal link, where its respondent stopped. */
export interface RespondentView {
  evaluation: { title: string; organizationName: string; opensAt: string; closesAt: string; kThreshold: number; retainedUntil: string };
  groupKey: string;
  groupLabel: { fr: string; en: string };
  anonymity: AnonymityMode;
  linkKind: LinkKind;
  kiosk: boolean;
  respondentName: string | null;
  questionnaire: SurveyJson;
  submission: RespondentSubmission | null;
}

export interface SaveSubmissionBody {
  data: Record<string, unknown>;
  locale: Locale;
  complete: boolean;
  consent?: { name: string };
}

export interface SaveSubmissionResult {
  clientId: string;
  status: SubmissionStatus;
  submittedAt: string | null;
}

export interface JoinSessionResult {
  token: string;
  kiosk: boolean;
}

/** The extension members of a 410 collection-closed problem. */
export interface CollectionClosedProblem {
  opensAt?: string;
  closesAt?: string;
  /** a personal link: its answers can still be seen and erased (…/mes-reponses) */
  personalLink?: boolean;
}

/** What a personal link keeps about its respondent (GET /r/:token/my-answers). */
export interface MyAnswers {
  evaluation: { title: string; organizationName: string; status: string; closesAt: string; retainedUntil: string };
  groupKey: string;
  groupLabel: { fr: string; en: string };
  anonymity: AnonymityMode;
  questionnaire: SurveyJson;
  submission: (RespondentSubmission & { submittedAt: string | null; respondentName: string | null; consentAt: string | null }) | null;
}

/** The extension members of a 410 answers-final problem. */
export interface AnswersFinalProblem {
  retainedUntil?: string;
}

const link = (token: string) => `/r/${segment(token)}`;
const submission = (token: string, clientId: string) => `${link(token)}/submissions/${segment(clientId)}`;

export const respondApi = {
  open: (token: string, locale: Locale) => api.get<RespondentView>(`${link(token)}?locale=${locale}`),
  submission: (token: string, clientId: string) => api.get<RespondentSubmission>(submission(token, clientId)),
  save: (token: string, clientId: string, body: SaveSubmissionBody) =>
    api.put<SaveSubmissionResult>(submission(token, clientId), body),
  myAnswers: (token: string, locale: Locale) => api.get<MyAnswers>(`${link(token)}/my-answers?locale=${locale}`),
  eraseMyAnswers: (token: string) => api.delete<void>(`${link(token)}/my-answers`),
  joinSession: (code: string, kiosk: boolean) => api.post<JoinSessionResult>('/s/join', { code, kiosk }),
};
