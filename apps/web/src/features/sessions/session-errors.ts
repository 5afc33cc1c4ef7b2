import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { describeError } from '../../components/errors';

/** A failed session request in one sentence of the interface language; field errors keep the API's precise words. */
export function sessionErrorText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    switch (error.code) {
      case 'evaluation-locked':
        return t('sessions.errors.locked');
      case 'collection-closed':
        return t('sessions.errors.collectionClosed');
      case 'conflict':
        return t('sessions.errors.notConsensus');
      case 'invalid-answers':
        return error.fieldErrors.map((fieldError) => fieldError.message).join(' ') || describeError(error, t);
    }
  }
  return describeError(error, t);
}
