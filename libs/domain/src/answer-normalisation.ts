/**
 * Normalisation of a submission: the SurveyJS data a respondent's browser sends, checked against
 * the questionnaire it was compiled for, becomes answer rows (one per value: numeric, choice or
 * text). Nothing from the client is trusted: every key must be a question of the questionnaire
 * (or its "pourquoi ?" comment), every value of the right type and in range, every choice offered,
 * every answered question visible under its `visibleIf` (evaluated by survey-core, as the browser
 * does), every text bounded and free of NUL characters. All problems are returned, each with its
 * path in the data.
 */
import { evaluateCondition } from './expression.js';
import { formatPath, type FieldError, type PathSegment } from './field-error.js';
import { DONT_KNOW_VALUE, TEXT_ANSWER_MAX_LENGTH } from './framework.js';
import { COMMENT_SUFFIX, type Questionnaire, type QuestionnaireQuestion } from './questionnaire.js';
import { describeValue, isPlainObject, truncate } from './untrusted-value.js';

/**
 * One stored value of an answer. A multiple choice gives one row per selected choice; "je ne sais
 * pas" gives one row with `dontKnow` and no value; the "pourquoi ?" comment gives a text row with
 * `part: 'why'`. Otherwise exactly one of the three values is set.
 */
export interface NormalisedAnswer {
  questionKey: string;
  indicatorKey: string;
  part: 'answer' | 'why';
  numericValue: number | null;
  choiceValue: string | null;
  textValue: string | null;
  dontKnow: boolean;
}

export const ANSWER_ERROR_CODES = [
  'invalid_data',
  'forbidden_key',
  'unknown_question',
  'comment_not_offered',
  'invalid_type',
  'not_finite',
  'not_integer',
  'out_of_range',
  'choice_not_offered',
  'duplicate_choice',
  'dont_know_not_offered',
  'dont_know_not_exclusive',
  'hidden_question',
  'text_too_long',
  'nul_character',
  'invalid_unicode',
  'required',
] as const;
export type AnswerErrorCode = (typeof ANSWER_ERROR_CODES)[number];
export type AnswerError = FieldError<AnswerErrorCode>;

export type NormaliseResult = { ok: true; answers: NormalisedAnswer[] } | { ok: false; errors: AnswerError[] };

export interface NormaliseOptions {
  /**
   * Report visible required questions left unanswered (default true, as SurveyJS does on
   * completion). Data entry of paper questionnaires, where people skip questions, turns it off.
   */
  checkRequired?: boolean;
}

/** Keys that would reach object internals if a consumer ever indexed an object with them. */
const FORBIDDEN_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function normaliseAnswers(questionnaire: Questionnaire, data: unknown, options: NormaliseOptions = {}): NormaliseResult {
  const errors: AnswerError[] = [];
  const report = (path: readonly PathSegment[], code: AnswerErrorCode, message: string): void => {
    errors.push({ path: formatPath(path), code, message });
  };
  if (!isPlainObject(data)) {
    report([], 'invalid_data', 'The answers must be an object keyed by question.');
    return { ok: false, errors };
  }

  const byKey = new Map<string, QuestionnaireQuestion>();
  for (const question of questionnaire.questions) byKey.set(question.key, question);
  // The values conditions are evaluated on: only keys of this questionnaire, copied into a fresh object.
  const values: Record<string, unknown> = {};
  for (const key of Object.keys(data)) {
    if (FORBIDDEN_KEYS.includes(key)) {
      report([key], 'forbidden_key', `"${key}" is not an acceptable key.`);
      continue;
    }
    const question = byKey.get(key);
    if (question) {
      values[key] = data[key];
      continue;
    }
    const base = key.endsWith(COMMENT_SUFFIX) ? byKey.get(key.slice(0, -COMMENT_SUFFIX.length)) : undefined;
    if (base?.why) values[key] = data[key];
    else if (base) report([key], 'comment_not_offered', `Question "${base.key}" has no "pourquoi ?" comment.`);
    else report([key], 'unknown_question', `"${truncate(key)}" is not a question of this questionnaire.`);
  }

  const answers: NormalisedAnswer[] = [];
  for (const question of questionnaire.questions) {
    const commentKey = question.key + COMMENT_SUFFIX;
    const value = values[question.key];
    const comment = question.why ? values[commentKey] : undefined;
    const visible = question.visibleIf === null || evaluateCondition(question.visibleIf, values);
    if (!visible) {
      if (!isEmpty(value)) report([question.key], 'hidden_question', `Question "${question.key}" is hidden by its condition, so it cannot be answered.`);
      if (!isEmpty(comment)) report([commentKey], 'hidden_question', `Question "${question.key}" is hidden by its condition, so it cannot be commented.`);
      continue;
    }
    if (isEmpty(value)) {
      if (question.required && options.checkRequired !== false) {
        report([question.key], 'required', `Question "${question.key}" is required: answer it${question.dontKnow ? ' or choose "je ne sais pas"' : ''}.`);
      }
    } else {
      answers.push(...normaliseValue(question, value, report));
    }
    if (!isEmpty(comment)) {
      const text = checkText(comment, [commentKey], TEXT_ANSWER_MAX_LENGTH, report);
      if (text !== undefined) answers.push(row(question, 'why', { textValue: text }));
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

type Report = (path: readonly PathSegment[], code: AnswerErrorCode, message: string) => void;

function normaliseValue(question: QuestionnaireQuestion, value: unknown, report: Report): NormalisedAnswer[] {
  const path = [question.key];
  const spec = question.answer;
  if (value === DONT_KNOW_VALUE && spec.kind !== 'multiple_choice') {
    if (!question.dontKnow) {
      report(path, 'dont_know_not_offered', `Question "${question.key}" does not offer "je ne sais pas".`);
      return [];
    }
    return [row(question, 'answer', { dontKnow: true })];
  }
  switch (spec.kind) {
    case 'scale':
    case 'quantity': {
      const integer = spec.kind === 'scale' || spec.integer;
      const max = spec.max;
      const number = checkNumber(value, path, { integer, min: spec.min, max }, report);
      return number === undefined ? [] : [row(question, 'answer', { numericValue: number })];
    }
    case 'yes_no':
    case 'single_choice': {
      if (typeof value !== 'string') {
        report(path, 'invalid_type', `Expected one choice (a text), not ${describeValue(value)}.`);
        return [];
      }
      if (!spec.choices.includes(value)) {
        report(path, 'choice_not_offered', `"${truncate(value)}" is not one of the choices: ${spec.choices.join(', ')}.`);
        return [];
      }
      return [row(question, 'answer', { choiceValue: value })];
    }
    case 'multiple_choice': {
      if (!Array.isArray(value)) {
        report(path, 'invalid_type', `Expected a list of choices, not ${describeValue(value)}.`);
        return [];
      }
      const selected = new Set<string>();
      let ok = true;
      for (const [index, item] of value.entries()) {
        if (typeof item !== 'string') {
          report([...path, index], 'invalid_type', `Expected a choice (a text), not ${describeValue(item)}.`);
          ok = false;
        } else if (item === DONT_KNOW_VALUE && !question.dontKnow) {
          report([...path, index], 'dont_know_not_offered', `Question "${question.key}" does not offer "je ne sais pas".`);
          ok = false;
        } else if (item !== DONT_KNOW_VALUE && !spec.choices.includes(item)) {
          report([...path, index], 'choice_not_offered', `"${truncate(item)}" is not one of the choices: ${spec.choices.join(', ')}.`);
          ok = false;
        } else if (selected.has(item)) {
          report([...path, index], 'duplicate_choice', `"${item}" is selected twice.`);
          ok = false;
        } else {
          selected.add(item);
        }
      }
      if (selected.has(DONT_KNOW_VALUE) && selected.size > 1) {
        report(path, 'dont_know_not_exclusive', '"Je ne sais pas" cannot be selected with other choices.');
        ok = false;
      }
      if (!ok) return [];
      if (selected.has(DONT_KNOW_VALUE)) return [row(question, 'answer', { dontKnow: true })];
      // One row per choice, in the questionnaire's order (not the order of selection).
      return spec.choices.filter((choice) => selected.has(choice)).map((choice) => row(question, 'answer', { choiceValue: choice }));
    }
    case 'text': {
      const text = checkText(value, path, spec.maxLength, report);
      return text === undefined ? [] : [row(question, 'answer', { textValue: text })];
    }
  }
}

function checkNumber(
  value: unknown,
  path: readonly PathSegment[],
  bounds: { integer: boolean; min: number; max: number | null },
  report: Report,
): number | undefined {
  if (typeof value !== 'number') {
    report(path, 'invalid_type', `Expected a number, not ${describeValue(value)}.`);
    return undefined;
  }
  if (!Number.isFinite(value)) {
    report(path, 'not_finite', `Expected a finite number, not ${String(value)}.`);
    return undefined;
  }
  if (bounds.integer && !Number.isInteger(value)) {
    report(path, 'not_integer', `Expected a whole number, not ${value}.`);
    return undefined;
  }
  if (value < bounds.min || (bounds.max !== null && value > bounds.max)) {
    const range = bounds.max === null ? `at least ${bounds.min}` : `between ${bounds.min} and ${bounds.max}`;
    report(path, 'out_of_range', `${value} is out of range: expected ${range}.`);
    return undefined;
  }
  // -0 and 0 are the same answer; store 0.
  return value === 0 ? 0 : value;
}

function checkText(value: unknown, path: readonly PathSegment[], maxLength: number, report: Report): string | undefined {
  if (typeof value !== 'string') {
    report(path, 'invalid_type', `Expected a text, not ${describeValue(value)}.`);
    return undefined;
  }
  let ok = true;
  if (value.length > maxLength) {
    report(path, 'text_too_long', `This text has ${value.length} characters; the limit is ${maxLength}.`);
    ok = false;
  }
  if (value.includes('\u0000')) {
    report(path, 'nul_character', 'This text contains a NUL character (U+0000), which cannot be stored.');
    ok = false;
  }
  if (LONE_SURROGATE.test(value)) {
    report(path, 'invalid_unicode', 'This text contains an unpaired surrogate (invalid Unicode).');
    ok = false;
  }
  return ok ? value : undefined;
}

function row(
  question: QuestionnaireQuestion,
  part: NormalisedAnswer['part'],
  value: Partial<Pick<NormalisedAnswer, 'numericValue' | 'choiceValue' | 'textValue' | 'dontKnow'>>,
): NormalisedAnswer {
  return {
    questionKey: question.key,
    indicatorKey: question.indicatorKey,
    part,
    numericValue: value.numericValue ?? null,
    choiceValue: value.choiceValue ?? null,
    textValue: value.textValue ?? null,
    dontKnow: value.dontKnow ?? false,
  };
}

/**
 * The SurveyJS data that normalises to `answers` (the inverse of `normaliseAnswers` on valid data):
 * to resume or correct a submission from its stored rows. Keys follow the questionnaire's order.
 */
export function answersToSurveyData(questionnaire: Questionnaire, answers: readonly NormalisedAnswer[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const question of questionnaire.questions) {
    const own = answers.filter((answer) => answer.questionKey === question.key);
    const main = own.filter((answer) => answer.part === 'answer');
    if (main.length > 0) {
      if (main.some((answer) => answer.dontKnow)) {
        data[question.key] = question.answer.kind === 'multiple_choice' ? [DONT_KNOW_VALUE] : DONT_KNOW_VALUE;
      } else if (question.answer.kind === 'multiple_choice') {
        data[question.key] = main.map((answer) => answer.choiceValue);
      } else {
        const [answer] = main;
        data[question.key] = answer.numericValue ?? answer.choiceValue ?? answer.textValue;
      }
    }
    const why = own.find((answer) => answer.part === 'why');
    if (why) data[question.key + COMMENT_SUFFIX] = why.textValue;
  }
  return data;
}

/** What SurveyJS treats as no answer. */
function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}
