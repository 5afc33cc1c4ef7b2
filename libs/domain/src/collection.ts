/**
 * Collection: how answers reach an evaluation. Links (personal, shared by a group, or issued to
 * one participant of a collective session), submissions (partial while the person answers,
 * submitted once), the channel each came through, and the short codes of collective sessions.
 */

/** personal: one respondent; shared: anyone with the link (optionally capped); session: one participant who joined a collective session by its code. */
export const LINK_KINDS = ['personal', 'shared', 'session'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** How a submission reached the evaluation; `kiosk` is a session answered on a shared tablet, `paper` a questionnaire typed in by the facilitator. */
export const SUBMISSION_CHANNELS = ['personal', 'shared', 'session', 'kiosk', 'paper'] as const;
export type SubmissionChannel = (typeof SUBMISSION_CHANNELS)[number];

export const SUBMISSION_STATUSES = ['partial', 'submitted'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export const SESSION_STATUSES = ['open', 'closed'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** A partial submission nobody touched for this long is deleted: it never counts, and it is kept no longer than needed. */
export const PARTIAL_RETENTION_DAYS = 30;

/**
 * Session codes: read aloud and typed on a phone, so no 0/O, 1/I/L, no vowels (no words).
 * 6 characters of 26 → about 3·10⁸ codes; joining is rate-limited and only open sessions answer.
 */
export const SESSION_CODE_ALPHABET = '23456789BCDFGHJKMNPQRSTVWXZ';
export const SESSION_CODE_LENGTH = 6;

export function isSessionCode(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== SESSION_CODE_LENGTH) return false;
  for (const char of value) if (!SESSION_CODE_ALPHABET.includes(char)) return false;
  return true;
}

/** A code as people type it: upper case, spaces and dashes dropped. */
export function normaliseSessionCode(value: string): string {
  return value.toUpperCase().replace(/[\s-]/g, '');
}
