/**
 * Compilation of a framework version into the questionnaire one stakeholder group answers.
 *
 * A Questionnaire holds two things built together: `survey`, the SurveyJS JSON the respondent's
 * browser renders, and `questions`, the answer specification the server checks submissions
 * against (indicator, kind, bounds, choices, conditions). Keeping the specification beside the
 * SurveyJS JSON, rather than re-reading SurveyJS JSON, means normalisation never guesses what a
 * `radiogroup` stood for, and SurveyJS JSON carries no property SurveyJS does not know (which it
 * reports as errors).
 *
 * The output is deterministic: it is built by walking arrays in a fixed order and writing object
 * keys in a fixed order, never by iterating over keys of the input, so the same input gives a
 * byte-identical `JSON.stringify`.
 *
 * Mapping: scale → `rating` (or a labelled `radiogroup` when the scale labels every point or
 * offers "je ne sais pas"), yes/no → `radiogroup` yes/no, quantity → `text` with
 * `inputType: 'number'` and bounds, single choice → `radiogroup`, multiple choice → `checkbox`
 * (with "je ne sais pas" exclusive), text → `comment`. "Je ne sais pas" is the choice value
 * `dont_know`. The "pourquoi ?" comment is SurveyJS's comment area, stored as `<key>-Comment`.
 * Localized strings are `{ fr, en }` with English falling back to French; there is deliberately no
 * `default` entry, because SurveyJS reads `default` as its global default locale, so a page that
 * sets that to French would show English as French, or the reverse.
 */
import { DONT_KNOW_VALUE, NO_VALUE, TEXT_ANSWER_MAX_LENGTH, YES_VALUE, eachIndicator } from './framework.js';
import type { CustomQuestion, Dimension, Indicator, Question, VersionContent } from './framework.js';
import type { FieldError } from './field-error.js';
import { validateCustomQuestions } from './framework-validation.js';
import type { Locale, LocalizedText } from './locale.js';
import type { StakeholderGroupKey } from './stakeholder-group.js';

export const QUESTIONNAIRE_FORMAT_VERSION = 1;

/** Suffix SurveyJS gives the comment of a question in its data (`settings.commentSuffix`). */
export const COMMENT_SUFFIX = '-Comment';

export const DONT_KNOW_LABEL: Required<LocalizedText> = { fr: 'Je ne sais pas', en: 'Don’t know' };
export const WHY_LABEL: Required<LocalizedText> = { fr: 'Pourquoi\u202f?', en: 'Why?' };
export const YES_LABEL: Required<LocalizedText> = { fr: 'Oui', en: 'Yes' };
export const NO_LABEL: Required<LocalizedText> = { fr: 'Non', en: 'No' };

/** A SurveyJS localizable string with every locale filled (English falls back to French). */
export interface SurveyString {
  fr: string;
  en: string;
}

export interface SurveyChoice {
  value: string | number;
  text: SurveyString;
  /** Checkbox only: selecting it clears the others ("je ne sais pas"). */
  isExclusive?: true;
}

interface SurveyQuestionBase {
  name: string;
  title: SurveyString;
  description?: SurveyString;
  isRequired?: true;
  visibleIf?: string;
}
interface SurveyCommentArea {
  showCommentArea?: true;
  commentText?: SurveyString;
}
export interface SurveyRatingQuestion extends SurveyQuestionBase, SurveyCommentArea {
  type: 'rating';
  rateMin: number;
  rateMax: number;
  minRateDescription?: SurveyString;
  maxRateDescription?: SurveyString;
}
export interface SurveyRadiogroupQuestion extends SurveyQuestionBase, SurveyCommentArea {
  type: 'radiogroup';
  choices: SurveyChoice[];
}
export interface SurveyCheckboxQuestion extends SurveyQuestionBase, SurveyCommentArea {
  type: 'checkbox';
  choices: SurveyChoice[];
}
export interface SurveyNumberQuestion extends SurveyQuestionBase {
  type: 'text';
  inputType: 'number';
  min: number;
  max?: number;
  step?: 1;
}
export interface SurveyCommentQuestion extends SurveyQuestionBase {
  type: 'comment';
  maxLength: number;
}
export type SurveyQuestion =
  | SurveyRatingQuestion
  | SurveyRadiogroupQuestion
  | SurveyCheckboxQuestion
  | SurveyNumberQuestion
  | SurveyCommentQuestion;

export interface SurveyPage {
  name: string;
  title: SurveyString;
  description?: SurveyString;
  elements: SurveyQuestion[];
}

/** The SurveyJS JSON of a questionnaire: give it to `new Model(...)`. */
export interface SurveyJson {
  locale: Locale;
  title: SurveyString;
  showProgressBar: true;
  progressBarType: 'pages';
  showQuestionNumbers: 'off';
  /** Hidden questions lose their answer at once, so the data never holds an answer to a hidden question. */
  clearInvisibleValues: 'onHidden';
  pages: SurveyPage[];
}

/** What an answer to a question may be. */
export type AnswerSpec =
  | { kind: 'scale'; min: number; max: number }
  | { kind: 'quantity'; min: number; max: number | null; integer: boolean }
  | { kind: 'yes_no'; choices: string[] }
  | { kind: 'single_choice'; choices: string[] }
  | { kind: 'multiple_choice'; choices: string[] }
  | { kind: 'text'; maxLength: number };

export interface QuestionnaireQuestion {
  key: string;
  indicatorKey: string;
  dimensionKey: string;
  /** Added by the organization for this evaluation. */
  custom: boolean;
  required: boolean;
  visibleIf: string | null;
  /** Offers "je ne sais pas" (`dont_know`). */
  dontKnow: boolean;
  /** Has a "pourquoi ?" comment (`<key>-Comment`). */
  why: boolean;
  answer: AnswerSpec;
}

export interface Questionnaire {
  formatVersion: typeof QUESTIONNAIRE_FORMAT_VERSION;
  group: StakeholderGroupKey;
  locale: Locale;
  /** In the order the respondent sees them. */
  questions: QuestionnaireQuestion[];
  survey: SurveyJson;
}

export interface CompileQuestionnaireInput {
  /** A framework version (or a draft being previewed); its content is assumed valid. */
  version: VersionContent;
  /** The dimensions the evaluation kept; pages follow the framework's order, not this list's. */
  dimensionKeys: readonly string[];
  customQuestions: readonly CustomQuestion[];
  group: StakeholderGroupKey;
  /** The language the questionnaire opens in; every string carries both languages. */
  locale: Locale;
}

export class QuestionnaireCompileError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`The questionnaire cannot be compiled: ${errors.map((error) => `${error.path}: ${error.message}`).join(' ')}`);
    this.name = 'QuestionnaireCompileError';
  }
}

/**
 * Compiles the questionnaire of one stakeholder group: one page per kept dimension that has a
 * question for the group (title and introduction), the framework's questions asked of the group,
 * then the organization's custom questions of that dimension. Throws QuestionnaireCompileError
 * when a dimension key is unknown or a custom question is invalid.
 */
export function compileQuestionnaire(input: CompileQuestionnaireInput): Questionnaire {
  const { version, dimensionKeys, customQuestions, group, locale } = input;
  const content = version.content;
  const errors: FieldError[] = [];
  const known = new Set(content.dimensions.map((dimension) => dimension.key));
  for (const [index, key] of dimensionKeys.entries()) {
    if (!known.has(key)) errors.push({ path: `dimensionKeys[${index}]`, code: 'unknown_dimension', message: `The framework has no dimension "${key}".` });
    else if (dimensionKeys.indexOf(key) !== index) errors.push({ path: `dimensionKeys[${index}]`, code: 'duplicate_key', message: `Dimension "${key}" is listed twice.` });
  }
  const custom = validateCustomQuestions(content, customQuestions);
  if (!custom.ok) errors.push(...custom.errors);
  if (errors.length > 0) throw new QuestionnaireCompileError(errors);

  const kept = new Set(dimensionKeys);
  const questions: QuestionnaireQuestion[] = [];
  const pages: SurveyPage[] = [];
  for (const dimension of content.dimensions) {
    if (!kept.has(dimension.key)) continue;
    const placed: Array<{ indicator: Indicator; question: Question; custom: boolean }> = [];
    for (const criterion of dimension.criteria) {
      for (const indicator of criterion.indicators) {
        for (const question of indicator.questions) placed.push({ indicator, question, custom: false });
      }
    }
    for (const item of customQuestions) {
      if (item.dimensionKey !== dimension.key) continue;
      for (const question of item.indicator.questions) placed.push({ indicator: item.indicator, question, custom: true });
    }
    const elements: SurveyQuestion[] = [];
    for (const { indicator, question, custom: isCustom } of placed) {
      if (!question.audiences.includes(group)) continue;
      elements.push(compileQuestion(indicator, question, group));
      questions.push(describeQuestion(indicator, question, dimension, isCustom));
    }
    if (elements.length > 0) pages.push(compilePage(dimension, elements));
  }
  return {
    formatVersion: QUESTIONNAIRE_FORMAT_VERSION,
    group,
    locale,
    questions,
    survey: {
      locale,
      title: surveyString(content.title),
      showProgressBar: true,
      progressBarType: 'pages',
      showQuestionNumbers: 'off',
      clearInvisibleValues: 'onHidden',
      pages,
    },
  };
}

/** The indicators a compiled questionnaire feeds, by key (framework and custom ones). */
export function indicatorsByKey(version: VersionContent, customQuestions: readonly CustomQuestion[]): Map<string, Indicator> {
  const map = new Map<string, Indicator>();
  for (const { indicator } of eachIndicator(version.content)) map.set(indicator.key, indicator);
  for (const item of customQuestions) map.set(item.indicator.key, item.indicator);
  return map;
}

function compilePage(dimension: Dimension, elements: SurveyQuestion[]): SurveyPage {
  return {
    name: dimension.key,
    title: surveyString(dimension.title),
    ...(dimension.introduction && { description: surveyString(dimension.introduction) }),
    elements,
  };
}

function surveyString(text: LocalizedText): SurveyString {
  return { fr: text.fr, en: text.en !== undefined && text.en !== '' ? text.en : text.fr };
}

function compileQuestion(indicator: Indicator, question: Question, group: StakeholderGroupKey): SurveyQuestion {
  const wording = question.wording[group];
  if (!wording) throw new Error(`Question "${question.key}" has no wording for "${group}"`);
  const base = {
    name: question.key,
    title: surveyString(wording),
    ...(question.help && { description: surveyString(question.help) }),
    ...(question.required && { isRequired: true as const }),
    ...(question.visibleIf !== undefined && question.visibleIf.trim() !== '' && { visibleIf: question.visibleIf }),
  };
  const dontKnow = indicator.dontKnow !== 'not_offered';
  const comment: SurveyCommentArea = question.why
    ? { showCommentArea: true, commentText: surveyString(question.why.label ?? WHY_LABEL) }
    : {};
  const dontKnowChoice: SurveyChoice[] = dontKnow ? [{ value: DONT_KNOW_VALUE, text: surveyString(DONT_KNOW_LABEL) }] : [];
  switch (indicator.kind) {
    case 'scale': {
      const { min, max, minLabel, maxLabel, labels } = indicator.scale;
      if (!labels && !dontKnow) {
        return {
          type: 'rating',
          ...base,
          rateMin: min,
          rateMax: max,
          ...(minLabel && { minRateDescription: surveyString(minLabel) }),
          ...(maxLabel && { maxRateDescription: surveyString(maxLabel) }),
          ...comment,
        };
      }
      const choices: SurveyChoice[] = [];
      for (let point = min; point <= max; point += 1) {
        choices.push({ value: point, text: scalePointText(point, min, max, labels, minLabel, maxLabel) });
      }
      return { type: 'radiogroup', ...base, choices: [...choices, ...dontKnowChoice], ...comment };
    }
    case 'yes_no':
      return {
        type: 'radiogroup',
        ...base,
        choices: [{ value: YES_VALUE, text: surveyString(YES_LABEL) }, { value: NO_VALUE, text: surveyString(NO_LABEL) }, ...dontKnowChoice],
        ...comment,
      };
    case 'single_choice':
      return {
        type: 'radiogroup',
        ...base,
        choices: [...indicator.choices.map((choice) => ({ value: choice.value, text: surveyString(choice.label) })), ...dontKnowChoice],
        ...comment,
      };
    case 'multiple_choice':
      return {
        type: 'checkbox',
        ...base,
        choices: [
          ...indicator.choices.map((choice) => ({ value: choice.value, text: surveyString(choice.label) })),
          ...dontKnowChoice.map((choice) => ({ ...choice, isExclusive: true as const })),
        ],
        ...comment,
      };
    case 'quantity': {
      const { min, max, integer } = indicator.quantity;
      return {
        type: 'text',
        ...base,
        inputType: 'number',
        min,
        ...(max !== undefined && { max }),
        ...(integer && { step: 1 as const }),
      };
    }
    case 'text':
      return { type: 'comment', ...base, maxLength: indicator.text?.maxLength ?? TEXT_ANSWER_MAX_LENGTH };
  }
}

function scalePointText(
  point: number,
  min: number,
  max: number,
  labels: LocalizedText[] | undefined,
  minLabel: LocalizedText | undefined,
  maxLabel: LocalizedText | undefined,
): SurveyString {
  const label = labels?.[point - min];
  if (label) return surveyString(label);
  const end = point === min ? minLabel : point === max ? maxLabel : undefined;
  if (!end) return { fr: String(point), en: String(point) };
  const text = surveyString(end);
  return { fr: `${point} — ${text.fr}`, en: `${point} — ${text.en}` };
}

function describeQuestion(indicator: Indicator, question: Question, dimension: Dimension, custom: boolean): QuestionnaireQuestion {
  return {
    key: question.key,
    indicatorKey: indicator.key,
    dimensionKey: dimension.key,
    custom,
    required: question.required,
    visibleIf: question.visibleIf !== undefined && question.visibleIf.trim() !== '' ? question.visibleIf : null,
    dontKnow: indicator.dontKnow !== 'not_offered',
    why: question.why !== undefined,
    answer: answerSpec(indicator),
  };
}

function answerSpec(indicator: Indicator): AnswerSpec {
  switch (indicator.kind) {
    case 'scale':
      return { kind: 'scale', min: indicator.scale.min, max: indicator.scale.max };
    case 'quantity':
      return { kind: 'quantity', min: indicator.quantity.min, max: indicator.quantity.max ?? null, integer: indicator.quantity.integer };
    case 'yes_no':
      return { kind: 'yes_no', choices: [YES_VALUE, NO_VALUE] };
    case 'single_choice':
    case 'multiple_choice':
      return { kind: indicator.kind, choices: indicator.choices.map((choice) => choice.value) };
    case 'text':
      return { kind: 'text', maxLength: indicator.text?.maxLength ?? TEXT_ANSWER_MAX_LENGTH };
  }
}
