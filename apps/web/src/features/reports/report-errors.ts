import type { TFunction } from 'i18next';
import { ApiError, type ProblemFieldError } from '../../api/client';
import { isReportProblem } from '../../api/reports-api';
import { describeError } from '../../components/errors';

/** A failed write of the report screens in one sentence, with words of their own for the report API's refusals. */
export function reportProblem(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (isReportProblem(error, 'evaluation-status')) return t('reports.errors.evaluationStatus');
    if (isReportProblem(error, 'report-conflict')) return t('reports.errors.conflict');
    if ((error.status === 400 || error.status === 422) && error.fieldErrors.length > 0) {
      return error.fieldErrors.map((fieldError) => sectionFieldMessage(fieldError, t)).join(' ');
    }
  }
  return describeError(error, t);
}

/** A render that could not be queued: the queue is full (429 or 503 with Retry-After), or any other refusal. */
export function renderProblem(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && (error.status === 429 || error.status === 503)) {
    return error.retryAfterSeconds ? t('reports.render.busy', { seconds: Math.ceil(error.retryAfterSeconds) }) : t('reports.render.busyNow');
  }
  return reportProblem(error, t);
}

/** A refused part of a section in the writer's words: which row, and what to do. */
function sectionFieldMessage(error: ProblemFieldError, t: TFunction): string {
  const row = /^(?:body\.)?(testimonies|actions)[.[](\d+)\]?\.?(\w*)/.exec(String(error.path));
  const number = row ? Number(row[2]) + 1 : 0;
  if (error.code === 'consent-required') return t('reports.errors.consent', { number });
  if (error.code === 'unknown-chart') return t('reports.errors.unknownChart');
  if (error.code === 'story-not-selected') return t('reports.errors.storyNotSelected');
  if (row && (error.code === 'minLength' || error.code === 'isNotEmpty')) {
    if (row[1] === 'actions' && row[3] === 'recommendation') return t('reports.errors.emptyAction', { number });
    if (row[1] === 'testimonies' && row[3] === 'text') return t('reports.errors.emptyTestimony', { number });
  }
  return t('reports.errors.invalid', { message: error.message });
}
