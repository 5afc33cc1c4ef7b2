import { canonicalJson, type FieldError, type LinkKind, type SubmissionChannel, type SubmissionStatus } from '#domain';

/**
 * The small rules of storing a submission, kept pure so they are tested without a database:
 * which channel a link gives, where an answer error points in the request, and what an existing row with the same client id means for a new save.
 */

/** A personal link gives the personal channel, a shared one the shared channel; a session link is a kiosk when opened on a shared tablet. */
export function channelOf(kind: LinkKind, kiosk: boolean): SubmissionChannel {
  if (kind === 'session') return kiosk ? 'kiosk' : 'session';
  return kind;
}

/** Answer errors point into the request body, where the answers are under `data`. */
export function underData(errors: readonly FieldError[]): FieldError[] {
  return errors.map((error) => ({
    ...error,
    path: error.path === '' ? 'data' : error.path.startsWith('[') ? `data${error.path}` : `data.${error.path}`,
  }));
}

/** What is known of the row already stored under a client id, when a save could not update it. */
export interface ExistingSubmission {
  linkId: string | null;
  channel: SubmissionChannel;
  groupKey: string;
  status: SubmissionStatus;
  data: unknown;
}

export interface IncomingSubmission {
  linkId: string | null;
  channel: SubmissionChannel;
  groupKey: string;
  complete: boolean;
  data: unknown;
}

/**
 * Why a save found a row it may not update: the id belongs to another link (or channel, or
 * group) of the evaluation; or the row is submitted and this is not a retry of the same
 * submission (same data, complete), which is answered with the stored result instead.
 */
export function settleExisting(existing: ExistingSubmission, incoming: IncomingSubmission): 'client-id-conflict' | 'already-submitted' | 'retry' | 'update' {
  if (existing.linkId !== incoming.linkId || existing.channel !== incoming.channel || existing.groupKey !== incoming.groupKey) return 'client-id-conflict';
  if (existing.status === 'partial') return 'update';
  return incoming.complete && sameJson(existing.data, incoming.data) ? 'retry' : 'already-submitted';
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

/** The response rate of a group: submitted (not excluded) over expected; no rate when nobody is expected. */
export function responseRate(submitted: number, expected: number): number | null {
  if (expected <= 0) return null;
  return submitted / expected;
}
