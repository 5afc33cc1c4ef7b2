/**
 * Where a respondent starts when a link opens: a fresh questionnaire, answers in progress (from
 * this device or from the server), or nothing left to do because the answers were sent.
 *
 * Personal links resume from the server on any device (the link names one person). Shared and
 * session links are used by several people, so only this device's draft can resume them: its
 * client id is looked up on the server, which tells whether it was sent meanwhile.
 */
import { ApiError } from '../../api/client';
import { respondApi, type RespondentSubmission, type RespondentView } from '../../api/respond-api';
import { newClientId, readDraft, writeDraft, type LocalDraft } from './local-draft';

export interface Start {
  clientId: string;
  data: Record<string, unknown>;
  /** The SurveyJS page to open on; null: the first page, or one computed from the answers. */
  page: string | null;
  /** Answers were given before: skip the notice and go straight back to the questions. */
  resumed: boolean;
}

export type Resolution = { kind: 'start'; start: Start } | { kind: 'submitted' };

function fresh(): Start {
  return { clientId: newClientId(), data: {}, page: null, resumed: false };
}

function fromDraft(draft: LocalDraft): Start {
  return { clientId: draft.clientId, data: draft.data, page: draft.page, resumed: Object.keys(draft.data).length > 0 || draft.page !== null };
}

/** The newer of this device's draft and the server's copy of the same submission. */
function merge(server: RespondentSubmission, draft: LocalDraft | undefined): Start {
  const sameSubmission = draft?.clientId === server.clientId;
  const localIsNewer = sameSubmission && Date.parse(draft.updatedAt) > Date.parse(server.updatedAt);
  return {
    clientId: server.clientId,
    data: localIsNewer ? draft.data : server.data,
    page: sameSubmission ? draft.page : null,
    resumed: true,
  };
}

export async function resolveStart(token: string, view: RespondentView): Promise<Resolution> {
  const draft = readDraft(token);
  if (view.linkKind === 'personal') {
    const server = view.submission;
    if (server?.status === 'submitted') return { kind: 'submitted' };
    if (server) return { kind: 'start', start: merge(server, draft) };
    return { kind: 'start', start: draft && !draft.submitted ? fromDraft(draft) : fresh() };
  }
  if (!draft) return { kind: 'start', start: fresh() };
  if (draft.submitted) return { kind: 'submitted' };
  try {
    const server = await respondApi.submission(token, draft.clientId);
    if (server.status === 'submitted') {
      writeDraft(token, { ...draft, data: {}, page: null, submitted: true });
      return { kind: 'submitted' };
    }
    return { kind: 'start', start: merge(server, draft) };
  } catch (error) {
    // Not on the server yet (never saved, or the partial expired), or unreachable: this device's copy.
    if (error instanceof ApiError && error.status !== 404 && error.status !== 0 && error.status < 500) throw error;
    return { kind: 'start', start: fromDraft(draft) };
  }
}
