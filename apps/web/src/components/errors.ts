import type { TFunction } from 'i18next';
import { ApiError, NETWORK_ERROR_CODE, type ProblemFieldError } from '../api/client';

export const PASSWORD_MIN_LENGTH = 12;

/** API codes with a sentence of their own (the API's `detail` is written for developers, in English). */
const CODE_SENTENCES: Record<string, (t: TFunction) => string> = {
  'last-admin': (t) => t('errors.lastAdmin'),
  'already-member': (t) => t('errors.alreadyMember'),
  'csrf-failed': (t) => t('errors.csrf'),
  'payload-too-large': (t) => t('errors.tooLarge'),
  'invitation-invalid': (t) => t('accept.invalid'),
  'invitation-email-mismatch': (t) => t('errors.invitationMismatch'),
  'login-required': (t) => t('accept.loginRequired'),
  forbidden: (t) => t('errors.forbidden'),
};

/** One sentence for a failed request, in the interface language. */
export function describeError(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('errors.unknown');
  if (error.code === NETWORK_ERROR_CODE) return t('errors.network');
  if (error.code === 'work-queue-full') return t('errors.busy', { count: Math.max(1, Math.ceil(error.retryAfterSeconds ?? 5)) });
  const sentence = error.code ? CODE_SENTENCES[error.code] : undefined;
  if (sentence) return sentence(t);
  const fieldSentence = error.fieldErrors.map((fieldError) => fieldMessage(fieldError, t)).join(' ');
  if (fieldSentence) return fieldSentence;
  if (error.status === 429) {
    return t('auth.tooManyAttempts', { count: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) });
  }
  if (error.status >= 500) return t('errors.server');
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 404) return t('errors.notFound');
  return error.problem.detail ?? error.problem.title ?? t('errors.unknown');
}

/** The first segment of a problem's field path: "newPassword", "/newPassword", "body.newPassword" → "newPassword". */
export function fieldOfPath(path: string): string {
  const segments = path
    .replace(/^[/#]+/, '')
    .split(/[./[\]]+/)
    .filter(Boolean);
  return segments[0] === 'body' && segments.length > 1 ? segments[1] : (segments[0] ?? '');
}

/** A field error in the interface language when its code is known (class-validator's names), else the API's words. */
function fieldMessage(error: ProblemFieldError, t: TFunction): string {
  const field = fieldOfPath(String(error.path));
  switch (error.code) {
    case 'isNotEmpty':
    case 'isDefined':
      return t('errors.required');
    case 'minLength':
      return /password/i.test(field) ? t('errors.passwordTooShort', { min: PASSWORD_MIN_LENGTH }) : t('errors.required');
    case 'maxLength':
      return t('errors.tooLong');
    case 'isEmail':
      return t('errors.emailInvalid');
    case 'already-exists':
      return t('errors.alreadyExists');
    default:
      return CODE_SENTENCES[error.code]?.(t) ?? error.message;
  }
}

export interface FormErrors<Field extends string> {
  fields: Partial<Record<Field, string>>;
  /** What cannot be shown next to a field. */
  general: string | undefined;
}

/**
 * Maps a failed request onto a form: problem `errors[].path` go to the matching fields, the rest
 * (and non-validation failures) become one general message.
 */
export function formErrorsOf<Field extends string>(
  error: unknown,
  fields: readonly Field[],
  t: TFunction,
): FormErrors<Field> {
  const result: FormErrors<Field> = { fields: {}, general: undefined };
  const leftover: string[] = [];
  if (error instanceof ApiError && error.fieldErrors.length > 0) {
    for (const fieldError of error.fieldErrors) {
      const field = fieldOfPath(String(fieldError.path)) as Field;
      const message = fieldMessage(fieldError, t);
      if (fields.includes(field)) result.fields[field] ??= message;
      else leftover.push(message);
    }
    if (leftover.length > 0) result.general = leftover.join(' ');
    return result;
  }
  result.general = describeError(error, t);
  return result;
}

export function isPlausibleEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}
