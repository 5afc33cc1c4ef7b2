import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { describeError } from '../../components/errors';

/** A failed write of the verbatims screens in one sentence, with words of their own for the verbatims API's refusals. */
export function verbatimProblem(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.code === 'evaluation-locked') return t('verbatims.errors.locked');
    if (error.code === 'conflict' && error.fieldErrors.some((e) => e.code === 'duplicate')) return t('verbatims.codeBook.duplicate');
    if (error.code === 'conflict') return t('verbatims.errors.hidden');
    if (error.code === 'not-found') return t('verbatims.errors.gone');
  }
  return describeError(error, t);
}
