import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProblemFieldError } from '../../api/client';
import { currentLocale } from '../../app/i18n/i18n';
import { fr } from '../../app/i18n/fr';

type ValidationCode = keyof typeof fr.frameworks.validationCodes;
type ImportCode = keyof typeof fr.frameworks.importCodes;

function isValidationCode(code: string): code is ValidationCode {
  return Object.hasOwn(fr.frameworks.validationCodes, code);
}

function isImportCode(code: string): code is ImportCode {
  return Object.hasOwn(fr.frameworks.importCodes, code);
}

/**
 * A framework problem in the interface language: the sentence for its stable code, and the API's
 * precise English message as a detail (kept when the interface is French, since it names the
 * exact values involved). Unknown codes keep the API's message.
 */
export function problemText(problem: Pick<ProblemFieldError, 'code' | 'message'>, t: TFunction): { main: string; detail?: string } {
  if (currentLocale() === 'en') return { main: problem.message };
  if (isValidationCode(problem.code)) return { main: t(`frameworks.validationCodes.${problem.code}`), detail: problem.message };
  if (isImportCode(problem.code)) return { main: t(`frameworks.importCodes.${problem.code}`), detail: problem.message };
  return { main: problem.message };
}

export function useProblemText() {
  const { t } = useTranslation();
  return useCallback((problem: Pick<ProblemFieldError, 'code' | 'message'>) => problemText(problem, t), [t]);
}
