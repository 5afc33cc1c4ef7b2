import { Alert, Text } from '@mantine/core';
import type { EvaluationStatus } from '#domain/evaluation-status';
import { isEvaluationStatus } from '#domain/evaluation-status';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError, type ProblemFieldError } from '../../api/client';
import type { EvaluationLockedProblem } from '../../api/evaluations-api';
import { describeError, fieldOfPath } from '../../components/errors';
import { statusLabel } from './evaluation-labels';

type FieldCodeKey = 'closesBeforeOpens' | 'notPublished' | 'unknownDimension' | 'duplicateKey' | 'dimensionNotChosen';

/** Codes of the evaluations API's field errors that have a sentence of their own. */
const FIELD_CODES: Record<string, FieldCodeKey> = {
  'closes-before-opens': 'closesBeforeOpens',
  'not-published': 'notPublished',
  unknown_dimension: 'unknownDimension',
  duplicate_key: 'duplicateKey',
  dimension_not_chosen: 'dimensionNotChosen',
};

export interface ProblemSentence {
  /** In the interface language. */
  main: string;
  /** The API's own words when they add precise values (field names, counts). */
  detail?: string;
}

function editableSentence(problem: EvaluationLockedProblem, t: TFunction): string {
  const editable = problem.editableFields ?? [];
  if (editable.length === 0) return t('evaluations.design.nothingEditable');
  return t('evaluations.design.editableNow', { fields: editable.map((field) => t(`evaluations.design.fieldNames.${field}`)).join(', ') });
}

function fieldSentence(error: ProblemFieldError, t: TFunction): string {
  const key = FIELD_CODES[error.code];
  return key ? t(`evaluations.errors.${key}`) : error.message;
}

/**
 * A failed request of the evaluation screens in one sentence: the API's stable codes get their
 * own words (with the editable fields of a 409 evaluation-locked), the rest the app's usual ones.
 */
export function problemSentence(error: unknown, t: TFunction): ProblemSentence {
  if (!(error instanceof ApiError)) return { main: describeError(error, t) };
  const problem = error.problem as typeof error.problem & EvaluationLockedProblem & { from?: unknown };
  const detail = problem.detail;
  switch (error.code) {
    case 'evaluation-locked': {
      const status: EvaluationStatus | undefined = isEvaluationStatus(problem.evaluationStatus) ? problem.evaluationStatus : undefined;
      const main = status ? `${t('evaluations.errors.locked', { status: statusLabel(status, t) })} ${editableSentence(problem, t)}` : (detail ?? describeError(error, t));
      return { main, detail };
    }
    case 'invalid-transition':
      return {
        main: t('evaluations.errors.invalidTransition', { status: isEvaluationStatus(problem.from) ? statusLabel(problem.from, t) : '' }),
        detail,
      };
    case 'anonymity-weakened':
      return { main: t('evaluations.errors.anonymityWeakened'), detail };
    case 'self-assessment-required':
      return { main: t('evaluations.errors.selfAssessmentRequired'), detail };
    default:
      break;
  }
  if (error.fieldErrors.length > 0) {
    const sentences = error.fieldErrors.map((fieldError) => fieldSentence(fieldError, t));
    return { main: [...new Set(sentences)].join(' ') };
  }
  return { main: describeError(error, t) };
}

export interface MappedErrors<Field extends string> {
  fields: Partial<Record<Field, string>>;
  general: ProblemSentence | undefined;
}

/** Puts a failed request's field errors beside the form's fields; what no field shows goes to the general message. */
export function mapProblem<Field extends string>(error: unknown, fields: readonly Field[], t: TFunction): MappedErrors<Field> {
  const result: MappedErrors<Field> = { fields: {}, general: undefined };
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) {
    result.general = problemSentence(error, t);
    return result;
  }
  const leftover: string[] = [];
  for (const fieldError of error.fieldErrors) {
    const field = fieldOfPath(String(fieldError.path)) as Field;
    const message = fieldSentence(fieldError, t);
    if (fields.includes(field)) result.fields[field] ??= message;
    else leftover.push(message);
  }
  if (leftover.length > 0) result.general = { main: [...new Set(leftover)].join(' ') };
  return result;
}

/** A request's failure, with the API's precise words beneath when they say more. */
export function ProblemAlert({ problem, title }: { problem: ProblemSentence; title?: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      {problem.main}
      {problem.detail && problem.detail !== problem.main && (
        <Text size="xs" c="dimmed" mt={6}>
          {t('evaluations.errors.apiDetail')}
          {/* The API writes its details in English. */}
          <span lang="en">{problem.detail}</span>
        </Text>
      )}
    </Alert>
  );
}
