/**
 * Validation of framework content (the JSON format documented in `framework.ts`) and of an
 * evaluation's custom questions. Hand-written rather than schema-driven so that every problem is
 * reported at once with a precise path (`dimensions[2].criteria[0].indicators[3].scoring.weights`)
 * and a message that says how to fix it, including the cross-field rules a schema cannot express:
 * duplicate keys, weights of choices not offered, `visibleIf` conditions that do not parse or read
 * unknown questions.
 *
 * On success the value returned is a fresh copy built from the input, holding only known fields.
 */
import { checkCondition } from './expression.js';
import { formatPath, type FieldError, type PathSegment } from './field-error.js';
import {
  DONT_KNOW_MODES,
  DONT_KNOW_VALUE,
  FRAMEWORK_FORMAT_VERSION,
  INDICATOR_KINDS,
  INDICATOR_LEVELS,
  KINDS_WITH_DONT_KNOW,
  KINDS_WITH_WHY,
  TEXT_ANSWER_MAX_LENGTH,
  type Choice,
  type Criterion,
  type CustomQuestion,
  type Dimension,
  type FrameworkContent,
  type FrameworkSource,
  type Indicator,
  type IndicatorKind,
  type QuantitySpec,
  type Question,
  type QuestionWording,
  type ScaleSpec,
  type ScoringRule,
  type TextSpec,
} from './framework.js';
import type { LocalizedText } from './locale.js';
import { STAKEHOLDER_GROUP_KEYS, isStakeholderGroupKey, type StakeholderGroupKey } from './stakeholder-group.js';
import { describeValue, isPlainObject, truncate } from './untrusted-value.js';

/** Half of a surrogate pair alone: not text, and PostgreSQL refuses it in JSON. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const FRAMEWORK_ERROR_CODES = [
  'invalid_type',
  'missing_field',
  'unknown_field',
  'empty',
  'too_long',
  'nul_character',
  'invalid_unicode',
  'invalid_value',
  'invalid_key',
  'reserved_key',
  'duplicate_key',
  'unsupported_format_version',
  'empty_list',
  'too_many',
  'unknown_audience',
  'duplicate_audience',
  'missing_wording',
  'wording_for_other_audience',
  'invalid_range',
  'label_count',
  'conflicting_fields',
  'scoring_not_allowed',
  'weight_for_unknown_choice',
  'missing_weight',
  'invalid_weight',
  'dont_know_not_allowed',
  'why_not_allowed',
  'invalid_visible_if',
  'visible_if_unknown_question',
  'visible_if_not_earlier',
  'visible_if_audience_mismatch',
  'unknown_dimension',
] as const;
export type FrameworkErrorCode = (typeof FRAMEWORK_ERROR_CODES)[number];
export type FrameworkError = FieldError<FrameworkErrorCode>;

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FrameworkError[] };

/** Stable keys: lower-case ASCII, digits and underscores, starting with a letter. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
export const KEY_MAX_LENGTH = 64;
/**
 * Keys that would be misread: object internals (answers are keyed by question key) and the names
 * SurveyJS expressions give a meaning to (`{row.x}`, `{panel.x}`, `{item}`…).
 */
export const RESERVED_KEYS: readonly string[] = ['constructor', 'prototype', 'row', 'panel', 'item', 'choice', 'self', 'locale'];

const TEXT_MAX_LENGTH = 5_000;
const INTRODUCTION_MAX_LENGTH = 10_000;
const EXPRESSION_MAX_LENGTH = 1_000;
const MAX_SCALE_POINTS = 11;
const MAX_CHOICES = 50;
const LICENCE_PATTERN = /^[A-Za-z0-9.+-]{1,64}$/;

type Fields = { required: readonly string[]; optional?: readonly string[] };

/** Reads untrusted values, recording every problem with its path. */
class Reader {
  readonly errors: FrameworkError[] = [];

  report(path: readonly PathSegment[], code: FrameworkErrorCode, message: string): void {
    this.errors.push({ path: formatPath(path), code, message });
  }

  /** A plain object with exactly the allowed fields; reports unknown and missing ones. */
  object(value: unknown, path: readonly PathSegment[], fields: Fields, what: string): Record<string, unknown> | undefined {
    if (!isPlainObject(value)) {
      this.report(path, 'invalid_type', `${capitalize(what)} must be an object, not ${describeValue(value)}.`);
      return undefined;
    }
    const allowed = new Set([...fields.required, ...(fields.optional ?? [])]);
    for (const name of Object.keys(value)) {
      if (!allowed.has(name)) {
        this.report([...path, name], 'unknown_field', `Unknown field "${name}" in ${what}; allowed: ${[...allowed].join(', ')}.`);
      }
    }
    for (const name of fields.required) {
      if (!Object.hasOwn(value, name) || value[name] === undefined) {
        this.report([...path, name], 'missing_field', `${capitalize(what)} needs "${name}".`);
      }
    }
    return value;
  }

  /** `undefined` means "missing", already reported by `object`. */
  string(value: unknown, path: readonly PathSegment[], maxLength: number): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.report(path, 'invalid_type', `Expected a text, not ${describeValue(value)}.`);
      return undefined;
    }
    let ok = true;
    if (value.trim() === '') {
      this.report(path, 'empty', 'This text is empty; write it or remove the field.');
      ok = false;
    }
    if (value.length > maxLength) {
      this.report(path, 'too_long', `This text has ${value.length} characters; the limit is ${maxLength}.`);
      ok = false;
    }
    if (value.includes('\u0000')) {
      this.report(path, 'nul_character', 'This text contains a NUL character (U+0000); remove it.');
      ok = false;
    }
    if (LONE_SURROGATE.test(value)) {
      this.report(path, 'invalid_unicode', 'This text contains an unpaired surrogate (half of a character such as an emoji); retype it.');
      ok = false;
    }
    return ok ? value : undefined;
  }

  localized(value: unknown, path: readonly PathSegment[], maxLength = TEXT_MAX_LENGTH): LocalizedText | undefined {
    const object = this.object(value, path, { required: ['fr'], optional: ['en'] }, 'a localized text');
    if (!object) return undefined;
    const fr = this.string(object.fr, [...path, 'fr'], maxLength);
    const en = object.en === undefined ? undefined : this.string(object.en, [...path, 'en'], maxLength);
    if (fr === undefined || (object.en !== undefined && en === undefined)) return undefined;
    return en === undefined ? { fr } : { fr, en };
  }

  key(value: unknown, path: readonly PathSegment[]): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      this.report(path, 'invalid_type', `A key must be a text, not ${describeValue(value)}.`);
      return undefined;
    }
    if (!KEY_PATTERN.test(value) || value.length > KEY_MAX_LENGTH) {
      this.report(
        path,
        'invalid_key',
        `Key "${truncate(value)}" is invalid: use lower-case letters, digits and underscores, starting with a letter, at most ${KEY_MAX_LENGTH} characters (e.g. "local_jobs").`,
      );
      return undefined;
    }
    if (RESERVED_KEYS.includes(value)) {
      this.report(path, 'reserved_key', `Key "${value}" is reserved; choose another one.`);
      return undefined;
    }
    return value;
  }

  number(value: unknown, path: readonly PathSegment[], options: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.report(path, 'invalid_type', `Expected a finite number, not ${describeValue(value)}.`);
      return undefined;
    }
    if (options.integer && !Number.isInteger(value)) {
      this.report(path, 'invalid_value', `Expected a whole number, not ${value}.`);
      return undefined;
    }
    if ((options.min !== undefined && value < options.min) || (options.max !== undefined && value > options.max)) {
      this.report(path, 'invalid_value', `${value} is out of range: expected ${rangeText(options.min, options.max)}.`);
      return undefined;
    }
    return value;
  }

  boolean(value: unknown, path: readonly PathSegment[]): boolean | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') {
      this.report(path, 'invalid_type', `Expected true or false, not ${describeValue(value)}.`);
      return undefined;
    }
    return value;
  }

  array(value: unknown, path: readonly PathSegment[], what: string, maxItems = 1_000, allowEmpty = false): unknown[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      this.report(path, 'invalid_type', `${what} must be a list, not ${describeValue(value)}.`);
      return undefined;
    }
    if (value.length === 0 && !allowEmpty) {
      this.report(path, 'empty_list', `${what} must not be empty.`);
    }
    if (value.length > maxItems) {
      this.report(path, 'too_many', `${what} has ${value.length} items; the limit is ${maxItems}.`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, path: readonly PathSegment[], options: readonly T[], what: string): T | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
      this.report(path, 'invalid_value', `${what} must be one of ${options.map((o) => `"${o}"`).join(', ')}, not ${describeValue(value)}.`);
      return undefined;
    }
    return value as T;
  }
}

/** A question as the cross-field rules see it, wherever it was declared. */
interface QuestionEntry {
  key: string;
  path: readonly PathSegment[];
  dimensionKey: string | undefined;
  audiences: readonly StakeholderGroupKey[];
  visibleIf: string | undefined;
  /** Whether problems of this entry are reported (framework questions are not re-reported for custom questions). */
  report: boolean;
}

interface KeyRegistry {
  dimensions: Map<string, readonly PathSegment[]>;
  criteria: Map<string, readonly PathSegment[]>;
  indicators: Map<string, readonly PathSegment[]>;
  questions: Map<string, readonly PathSegment[]>;
}

function newRegistry(): KeyRegistry {
  return { dimensions: new Map(), criteria: new Map(), indicators: new Map(), questions: new Map() };
}

/**
 * Validates framework content (typically parsed JSON) and returns it typed, or every problem
 * found, each with its path.
 */
export function validateFrameworkContent(input: unknown): ValidationResult<FrameworkContent> {
  const reader = new Reader();
  const registry = newRegistry();
  const entries: QuestionEntry[] = [];
  const content = readContent(reader, input, registry, entries);
  checkVisibleIf(reader, entries, registry);
  if (reader.errors.length > 0 || !content) return { ok: false, errors: reader.errors };
  return { ok: true, value: content };
}

/**
 * Validates an evaluation's custom questions against the (valid) framework content they extend:
 * structure, keys distinct from the framework's and each other's, an existing dimension, and
 * `visibleIf` conditions reading earlier questions of the same dimension. Paths start at
 * `customQuestions[i]`.
 */
export function validateCustomQuestions(content: FrameworkContent, input: unknown): ValidationResult<CustomQuestion[]> {
  const reader = new Reader();
  const registry = newRegistry();
  const entries: QuestionEntry[] = [];
  for (const [d, dimension] of content.dimensions.entries()) {
    registry.dimensions.set(dimension.key, ['dimensions', d]);
    for (const [c, criterion] of dimension.criteria.entries()) {
      registry.criteria.set(criterion.key, ['dimensions', d, 'criteria', c]);
      for (const [i, indicator] of criterion.indicators.entries()) {
        const indicatorPath = ['dimensions', d, 'criteria', c, 'indicators', i];
        registry.indicators.set(indicator.key, indicatorPath);
        for (const [q, question] of indicator.questions.entries()) {
          const path = [...indicatorPath, 'questions', q];
          registry.questions.set(question.key, path);
          entries.push({ key: question.key, path, dimensionKey: dimension.key, audiences: question.audiences, visibleIf: question.visibleIf, report: false });
        }
      }
    }
  }
  const base = ['customQuestions'];
  const list = input === undefined ? [] : reader.array(input, base, 'The custom questions', 500, true);
  const result: CustomQuestion[] = [];
  const custom: QuestionEntry[] = [];
  if (list) {
    for (const [n, item] of list.entries()) {
      const path = [...base, n];
      const object = reader.object(item, path, { required: ['dimensionKey', 'indicator'] }, 'a custom question');
      if (!object) continue;
      const dimensionKey = reader.key(object.dimensionKey, [...path, 'dimensionKey']);
      if (dimensionKey !== undefined && !registry.dimensions.has(dimensionKey)) {
        reader.report([...path, 'dimensionKey'], 'unknown_dimension', `The framework has no dimension "${dimensionKey}".`);
      }
      const indicator = readIndicator(reader, object.indicator, [...path, 'indicator'], registry, custom, dimensionKey);
      if (dimensionKey !== undefined && indicator) result.push({ dimensionKey, indicator });
    }
  }
  // Custom questions come after the framework's on their dimension's page, in their own order.
  checkVisibleIf(reader, [...entries, ...custom], registry);
  if (reader.errors.length > 0) return { ok: false, errors: reader.errors };
  return { ok: true, value: result };
}

function readContent(reader: Reader, input: unknown, registry: KeyRegistry, entries: QuestionEntry[]): FrameworkContent | undefined {
  const object = reader.object(
    input,
    [],
    { required: ['formatVersion', 'title', 'dimensions'], optional: ['description', 'licence', 'sources'] },
    'a framework',
  );
  if (!object) return undefined;
  if (object.formatVersion !== undefined && object.formatVersion !== FRAMEWORK_FORMAT_VERSION) {
    reader.report(
      ['formatVersion'],
      'unsupported_format_version',
      `Format version ${describeValue(object.formatVersion)} is not supported; this version of Regards reads version ${FRAMEWORK_FORMAT_VERSION}.`,
    );
  }
  const title = reader.localized(object.title, ['title']);
  const description = object.description === undefined ? undefined : reader.localized(object.description, ['description'], INTRODUCTION_MAX_LENGTH);
  let licence: string | undefined;
  if (object.licence !== undefined) {
    licence = reader.string(object.licence, ['licence'], 64);
    if (licence !== undefined && !LICENCE_PATTERN.test(licence)) {
      reader.report(['licence'], 'invalid_value', 'The licence must be an SPDX identifier such as "CC-BY-SA-4.0".');
      licence = undefined;
    }
  }
  const sources = object.sources === undefined ? undefined : readSources(reader, object.sources);
  const dimensionList = reader.array(object.dimensions, ['dimensions'], 'The dimensions', 50);
  const dimensions: Dimension[] = [];
  for (const [d, item] of (dimensionList ?? []).entries()) {
    const dimension = readDimension(reader, item, ['dimensions', d], registry, entries);
    if (dimension) dimensions.push(dimension);
  }
  if (reader.errors.length > 0 || !title) return undefined;
  return {
    formatVersion: FRAMEWORK_FORMAT_VERSION,
    title,
    ...(description && { description }),
    ...(licence !== undefined && { licence }),
    ...(sources && { sources }),
    dimensions,
  };
}

function readSources(reader: Reader, value: unknown): FrameworkSource[] | undefined {
  const list = reader.array(value, ['sources'], 'The sources', 100);
  if (!list) return undefined;
  const sources: FrameworkSource[] = [];
  for (const [s, item] of list.entries()) {
    const path = ['sources', s];
    const object = reader.object(item, path, { required: ['citation'], optional: ['url'] }, 'a source');
    if (!object) continue;
    const citation = reader.string(object.citation, [...path, 'citation'], 1_000);
    let url: string | undefined;
    if (object.url !== undefined) {
      url = reader.string(object.url, [...path, 'url'], 2_000);
      if (url !== undefined && !/^https?:\/\/[^\s]+$/.test(url)) {
        reader.report([...path, 'url'], 'invalid_value', 'A source URL must start with http:// or https:// and contain no spaces.');
        url = undefined;
      }
    }
    if (citation !== undefined) sources.push(url === undefined ? { citation } : { citation, url });
  }
  return sources;
}

function register(reader: Reader, map: Map<string, readonly PathSegment[]>, key: string | undefined, path: readonly PathSegment[], what: string): void {
  if (key === undefined) return;
  const first = map.get(key);
  if (first) {
    reader.report([...path, 'key'], 'duplicate_key', `The ${what} key "${key}" is already used at ${formatPath(first)}; keys must be unique in a framework.`);
    return;
  }
  map.set(key, path);
}

function readDimension(reader: Reader, value: unknown, path: readonly PathSegment[], registry: KeyRegistry, entries: QuestionEntry[]): Dimension | undefined {
  const object = reader.object(value, path, { required: ['key', 'title', 'criteria'], optional: ['introduction'] }, 'a dimension');
  if (!object) return undefined;
  const key = reader.key(object.key, [...path, 'key']);
  register(reader, registry.dimensions, key, path, 'dimension');
  const title = reader.localized(object.title, [...path, 'title']);
  const introduction =
    object.introduction === undefined ? undefined : reader.localized(object.introduction, [...path, 'introduction'], INTRODUCTION_MAX_LENGTH);
  const list = reader.array(object.criteria, [...path, 'criteria'], 'The criteria of a dimension', 100);
  const criteria: Criterion[] = [];
  for (const [c, item] of (list ?? []).entries()) {
    const criterion = readCriterion(reader, item, [...path, 'criteria', c], registry, entries, key);
    if (criterion) criteria.push(criterion);
  }
  if (key === undefined || !title || !list || criteria.length !== list.length) return undefined;
  return { key, title, ...(introduction && { introduction }), criteria };
}

function readCriterion(
  reader: Reader,
  value: unknown,
  path: readonly PathSegment[],
  registry: KeyRegistry,
  entries: QuestionEntry[],
  dimensionKey: string | undefined,
): Criterion | undefined {
  const object = reader.object(value, path, { required: ['key', 'title', 'indicators'], optional: ['description'] }, 'a criterion');
  if (!object) return undefined;
  const key = reader.key(object.key, [...path, 'key']);
  register(reader, registry.criteria, key, path, 'criterion');
  const title = reader.localized(object.title, [...path, 'title']);
  const description = object.description === undefined ? undefined : reader.localized(object.description, [...path, 'description']);
  const list = reader.array(object.indicators, [...path, 'indicators'], 'The indicators of a criterion', 200);
  const indicators: Indicator[] = [];
  for (const [i, item] of (list ?? []).entries()) {
    const indicator = readIndicator(reader, item, [...path, 'indicators', i], registry, entries, dimensionKey);
    if (indicator) indicators.push(indicator);
  }
  if (key === undefined || !title || !list || indicators.length !== list.length) return undefined;
  return { key, title, ...(description && { description }), indicators };
}

const KIND_FIELDS: Record<IndicatorKind, Fields> = {
  scale: { required: ['scale'] },
  quantity: { required: ['quantity'] },
  yes_no: { required: [] },
  single_choice: { required: ['choices'] },
  multiple_choice: { required: ['choices'] },
  text: { required: [], optional: ['text'] },
};
const INDICATOR_FIELDS: Fields = {
  required: ['key', 'title', 'level', 'kind', 'dontKnow', 'scoring', 'questions'],
  optional: ['description', 'unit'],
};
const SCORING_RULES: Record<IndicatorKind, readonly ScoringRule['rule'][]> = {
  scale: ['linear', 'none'],
  quantity: ['target', 'none'],
  yes_no: ['yes_no', 'none'],
  single_choice: ['weights', 'none'],
  multiple_choice: ['weighted_share', 'none'],
  text: ['none'],
};

function readIndicator(
  reader: Reader,
  value: unknown,
  path: readonly PathSegment[],
  registry: KeyRegistry,
  entries: QuestionEntry[],
  dimensionKey: string | undefined,
): Indicator | undefined {
  const rawKind = isPlainObject(value) ? value.kind : undefined;
  const knownKind = (INDICATOR_KINDS as readonly unknown[]).includes(rawKind) ? (rawKind as IndicatorKind) : undefined;
  // With an unknown kind, accept every kind-specific field rather than report them all as unknown.
  const kindFields: Fields = knownKind
    ? KIND_FIELDS[knownKind]
    : { required: [], optional: ['scale', 'quantity', 'choices', 'text'] };
  const object = reader.object(
    value,
    path,
    {
      required: [...INDICATOR_FIELDS.required, ...kindFields.required],
      optional: [...(INDICATOR_FIELDS.optional ?? []), ...(kindFields.optional ?? [])],
    },
    knownKind ? `a ${knownKind} indicator` : 'an indicator',
  );
  if (!object) return undefined;
  const key = reader.key(object.key, [...path, 'key']);
  register(reader, registry.indicators, key, path, 'indicator');
  const title = reader.localized(object.title, [...path, 'title']);
  const description = object.description === undefined ? undefined : reader.localized(object.description, [...path, 'description']);
  const unit = object.unit === undefined ? undefined : reader.localized(object.unit, [...path, 'unit'], 100);
  const level = reader.oneOf(object.level, [...path, 'level'], INDICATOR_LEVELS, 'The level');
  const kind = reader.oneOf(object.kind, [...path, 'kind'], INDICATOR_KINDS, 'The kind');
  let dontKnow = reader.oneOf(object.dontKnow, [...path, 'dontKnow'], DONT_KNOW_MODES, 'dontKnow');
  if (kind && dontKnow && dontKnow !== 'not_offered' && !KINDS_WITH_DONT_KNOW.includes(kind)) {
    reader.report(
      [...path, 'dontKnow'],
      'dont_know_not_allowed',
      `"Je ne sais pas" can be offered on scales, yes/no and choices, not on a ${kind} indicator; set dontKnow to "not_offered".`,
    );
    dontKnow = undefined;
  }

  let scale: ScaleSpec | undefined;
  let quantity: QuantitySpec | undefined;
  let choices: Choice[] | undefined;
  let text: TextSpec | undefined;
  let formatOk = true;
  if (kind === 'scale') {
    scale = readScale(reader, object.scale, [...path, 'scale']);
    formatOk = scale !== undefined;
  } else if (kind === 'quantity') {
    quantity = readQuantity(reader, object.quantity, [...path, 'quantity']);
    formatOk = quantity !== undefined;
  } else if (kind === 'single_choice' || kind === 'multiple_choice') {
    choices = readChoices(reader, object.choices, [...path, 'choices']);
    formatOk = choices !== undefined;
  } else if (kind === 'text' && object.text !== undefined) {
    const textObject = reader.object(object.text, [...path, 'text'], { required: ['maxLength'] }, 'the text settings');
    const maxLength = textObject
      ? reader.number(textObject.maxLength, [...path, 'text', 'maxLength'], { integer: true, min: 1, max: TEXT_ANSWER_MAX_LENGTH })
      : undefined;
    formatOk = maxLength !== undefined;
    text = maxLength === undefined ? undefined : { maxLength };
  }

  const scoring = kind ? readScoring(reader, object.scoring, [...path, 'scoring'], kind, choices, object.choices !== undefined) : undefined;
  if (dontKnow === 'counted_as_zero' && scoring?.rule === 'none') {
    reader.report([...path, 'dontKnow'], 'dont_know_not_allowed', 'The indicator is not scored, so "je ne sais pas" cannot count as zero; use "excluded".');
    dontKnow = undefined;
  }

  const questionList = reader.array(object.questions, [...path, 'questions'], 'The questions of an indicator', 50);
  const questions: Question[] = [];
  for (const [q, item] of (questionList ?? []).entries()) {
    const question = readQuestion(reader, item, [...path, 'questions', q], registry, entries, dimensionKey, kind);
    if (question) questions.push(question);
  }

  if (
    key === undefined ||
    !title ||
    !level ||
    !kind ||
    !dontKnow ||
    !scoring ||
    !formatOk ||
    !questionList ||
    questions.length !== questionList.length
  ) {
    return undefined;
  }
  const base = { key, title, ...(description && { description }), level, ...(unit && { unit }) };
  const tail = { dontKnow, questions };
  // readScoring only returns a rule allowed for the kind, and the answer format is set for the
  // kind; the narrowing below restates that for the compiler.
  switch (kind) {
    case 'scale':
      return scale && (scoring.rule === 'linear' || scoring.rule === 'none') ? { ...base, kind, scale, scoring, ...tail } : undefined;
    case 'quantity':
      return quantity && (scoring.rule === 'target' || scoring.rule === 'none') ? { ...base, kind, quantity, scoring, ...tail } : undefined;
    case 'yes_no':
      return scoring.rule === 'yes_no' || scoring.rule === 'none' ? { ...base, kind, scoring, ...tail } : undefined;
    case 'single_choice':
      return choices && (scoring.rule === 'weights' || scoring.rule === 'none') ? { ...base, kind, choices, scoring, ...tail } : undefined;
    case 'multiple_choice':
      return choices && (scoring.rule === 'weighted_share' || scoring.rule === 'none')
        ? { ...base, kind, choices, scoring, ...tail }
        : undefined;
    case 'text':
      return scoring.rule === 'none' ? { ...base, kind, ...(text && { text }), scoring, ...tail } : undefined;
  }
}

function readScale(reader: Reader, value: unknown, path: readonly PathSegment[]): ScaleSpec | undefined {
  const object = reader.object(value, path, { required: ['min', 'max'], optional: ['minLabel', 'maxLabel', 'labels'] }, 'a scale');
  if (!object) return undefined;
  const min = reader.number(object.min, [...path, 'min'], { integer: true, min: -100, max: 100 });
  const max = reader.number(object.max, [...path, 'max'], { integer: true, min: -100, max: 100 });
  const minLabel = object.minLabel === undefined ? undefined : reader.localized(object.minLabel, [...path, 'minLabel'], 200);
  const maxLabel = object.maxLabel === undefined ? undefined : reader.localized(object.maxLabel, [...path, 'maxLabel'], 200);
  let ok = min !== undefined && max !== undefined;
  if (min !== undefined && max !== undefined) {
    if (min >= max) {
      reader.report(path, 'invalid_range', `The scale's min (${min}) must be less than its max (${max}).`);
      ok = false;
    } else if (max - min + 1 > MAX_SCALE_POINTS) {
      reader.report(path, 'invalid_range', `The scale has ${max - min + 1} points; the limit is ${MAX_SCALE_POINTS} (e.g. 0 to 10).`);
      ok = false;
    }
  }
  let labels: LocalizedText[] | undefined;
  if (object.labels !== undefined) {
    const list = reader.array(object.labels, [...path, 'labels'], 'The scale labels', MAX_SCALE_POINTS);
    labels = [];
    for (const [l, item] of (list ?? []).entries()) {
      const label = reader.localized(item, [...path, 'labels', l], 200);
      if (label) labels.push(label);
    }
    if (!list || labels.length !== list.length) ok = false;
    if (ok && min !== undefined && max !== undefined && list && list.length !== max - min + 1) {
      reader.report([...path, 'labels'], 'label_count', `A labelled scale from ${min} to ${max} needs ${max - min + 1} labels, one per point; it has ${list.length}.`);
      ok = false;
    }
    if (object.minLabel !== undefined || object.maxLabel !== undefined) {
      reader.report(path, 'conflicting_fields', 'Give either a label per point ("labels") or end labels ("minLabel", "maxLabel"), not both.');
      ok = false;
    }
  }
  if ((object.minLabel !== undefined && !minLabel) || (object.maxLabel !== undefined && !maxLabel)) ok = false;
  if (!ok || min === undefined || max === undefined) return undefined;
  return { min, max, ...(minLabel && { minLabel }), ...(maxLabel && { maxLabel }), ...(labels && { labels }) };
}

function readQuantity(reader: Reader, value: unknown, path: readonly PathSegment[]): QuantitySpec | undefined {
  const object = reader.object(value, path, { required: ['min', 'integer'], optional: ['max'] }, 'a quantity');
  if (!object) return undefined;
  const integer = reader.boolean(object.integer, [...path, 'integer']);
  const min = reader.number(object.min, [...path, 'min']);
  const max = object.max === undefined ? undefined : reader.number(object.max, [...path, 'max']);
  let ok = integer !== undefined && min !== undefined && (object.max === undefined || max !== undefined);
  if (min !== undefined && max !== undefined && min >= max) {
    reader.report(path, 'invalid_range', `The quantity's min (${min}) must be less than its max (${max}).`);
    ok = false;
  }
  if (integer && ((min !== undefined && !Number.isInteger(min)) || (max !== undefined && !Number.isInteger(max)))) {
    reader.report(path, 'invalid_range', 'A whole-number quantity needs whole-number bounds.');
    ok = false;
  }
  if (!ok || integer === undefined || min === undefined) return undefined;
  return max === undefined ? { min, integer } : { min, max, integer };
}

function readChoices(reader: Reader, value: unknown, path: readonly PathSegment[]): Choice[] | undefined {
  const list = reader.array(value, path, 'The choices', MAX_CHOICES);
  if (!list) return undefined;
  if (list.length === 1) reader.report(path, 'empty_list', 'A choice question needs at least two choices.');
  const choices: Choice[] = [];
  const seen = new Map<string, number>();
  for (const [n, item] of list.entries()) {
    const choicePath = [...path, n];
    const object = reader.object(item, choicePath, { required: ['value', 'label'] }, 'a choice');
    if (!object) continue;
    let choiceValue = reader.key(object.value, [...choicePath, 'value']);
    if (choiceValue === DONT_KNOW_VALUE) {
      reader.report([...choicePath, 'value'], 'reserved_key', `"${DONT_KNOW_VALUE}" is reserved for "je ne sais pas"; offer it with the indicator's dontKnow setting.`);
      choiceValue = undefined;
    } else if (choiceValue !== undefined && seen.has(choiceValue)) {
      reader.report([...choicePath, 'value'], 'duplicate_key', `The choice value "${choiceValue}" is already used by choice ${seen.get(choiceValue)}.`);
      choiceValue = undefined;
    }
    const label = reader.localized(object.label, [...choicePath, 'label'], 500);
    if (choiceValue !== undefined) seen.set(choiceValue, n);
    if (choiceValue !== undefined && label) choices.push({ value: choiceValue, label });
  }
  return choices.length === list.length && list.length >= 2 ? choices : undefined;
}

function readScoring(
  reader: Reader,
  value: unknown,
  path: readonly PathSegment[],
  kind: IndicatorKind,
  choices: Choice[] | undefined,
  choicesGiven: boolean,
): ScoringRule | undefined {
  const rule = isPlainObject(value) ? value.rule : undefined;
  const allowed = SCORING_RULES[kind];
  if (isPlainObject(value) && rule !== undefined && !(allowed as readonly unknown[]).includes(rule)) {
    reader.report(
      [...path, 'rule'],
      'scoring_not_allowed',
      `A ${kind} indicator is scored by ${allowed.map((r) => `"${r}"`).join(' or ')}, not ${describeValue(rule)}.`,
    );
    return undefined;
  }
  const fields: Record<ScoringRule['rule'], readonly string[]> = {
    none: [],
    linear: ['reverse'],
    target: ['baseline', 'target'],
    yes_no: ['yes', 'no'],
    weights: ['weights'],
    weighted_share: ['weights'],
  };
  const known = typeof rule === 'string' && Object.hasOwn(fields, rule) ? (rule as ScoringRule['rule']) : undefined;
  const object = reader.object(value, path, { required: ['rule', ...(known ? fields[known] : [])] }, 'a scoring rule');
  if (!object || !known) return undefined;
  switch (known) {
    case 'none':
      return { rule: 'none' };
    case 'linear': {
      const reverse = reader.boolean(object.reverse, [...path, 'reverse']);
      return reverse === undefined ? undefined : { rule: 'linear', reverse };
    }
    case 'target': {
      const baseline = reader.number(object.baseline, [...path, 'baseline']);
      const target = reader.number(object.target, [...path, 'target']);
      if (baseline === undefined || target === undefined) return undefined;
      if (baseline === target) {
        reader.report(path, 'invalid_range', 'The target must differ from the baseline (the value scoring 0).');
        return undefined;
      }
      return { rule: 'target', baseline, target };
    }
    case 'yes_no': {
      const yes = reader.number(object.yes, [...path, 'yes'], { min: 0, max: 100 });
      const no = reader.number(object.no, [...path, 'no'], { min: 0, max: 100 });
      return yes === undefined || no === undefined ? undefined : { rule: 'yes_no', yes, no };
    }
    case 'weights':
    case 'weighted_share': {
      const weights = readWeights(reader, object.weights, [...path, 'weights'], known, choices, choicesGiven);
      return weights ? { rule: known, weights } : undefined;
    }
  }
}

function readWeights(
  reader: Reader,
  value: unknown,
  path: readonly PathSegment[],
  rule: 'weights' | 'weighted_share',
  choices: Choice[] | undefined,
  choicesGiven: boolean,
): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    reader.report(path, 'invalid_type', `The weights must be an object mapping each choice value to a number, not ${describeValue(value)}.`);
    return undefined;
  }
  const offered = choices?.map((choice) => choice.value);
  let ok = true;
  let total = 0;
  const bounds = rule === 'weights' ? { min: 0, max: 100 } : { min: 0 };
  for (const [choiceValue, weight] of Object.entries(value)) {
    // Choices that failed to parse are already reported; only judge weights against a valid list.
    if (offered && !offered.includes(choiceValue)) {
      reader.report(
        [...path, choiceValue],
        'weight_for_unknown_choice',
        `"${truncate(choiceValue)}" is not one of the choices offered (${offered.join(', ')}); remove its weight or add the choice.`,
      );
      ok = false;
      continue;
    }
    if (!offered && !choicesGiven) continue;
    const parsed = reader.number(weight, [...path, choiceValue], bounds);
    if (parsed === undefined) ok = false;
    else total += parsed;
  }
  if (!offered) return undefined;
  const missing = offered.filter((choiceValue) => !Object.hasOwn(value, choiceValue));
  if (missing.length > 0) {
    reader.report(path, 'missing_weight', `Every choice needs a weight; missing: ${missing.join(', ')}.`);
    ok = false;
  }
  if (ok && rule === 'weighted_share' && total <= 0) {
    reader.report(path, 'invalid_weight', 'At least one weight must be above 0.');
    ok = false;
  }
  if (!ok) return undefined;
  // Copy in choice order: the key order of the input does not leak into the value.
  const weights: Record<string, number> = {};
  for (const choiceValue of offered) weights[choiceValue] = value[choiceValue] as number;
  return weights;
}

function readQuestion(
  reader: Reader,
  value: unknown,
  path: readonly PathSegment[],
  registry: KeyRegistry,
  entries: QuestionEntry[],
  dimensionKey: string | undefined,
  kind: IndicatorKind | undefined,
): Question | undefined {
  const object = reader.object(
    value,
    path,
    { required: ['key', 'audiences', 'wording', 'required'], optional: ['help', 'visibleIf', 'why'] },
    'a question',
  );
  if (!object) return undefined;
  const key = reader.key(object.key, [...path, 'key']);
  register(reader, registry.questions, key, path, 'question');

  const audienceList = reader.array(object.audiences, [...path, 'audiences'], 'The audiences', STAKEHOLDER_GROUP_KEYS.length);
  const audiences: StakeholderGroupKey[] = [];
  let audiencesOk = audienceList !== undefined;
  for (const [a, audience] of (audienceList ?? []).entries()) {
    if (!isStakeholderGroupKey(audience)) {
      reader.report(
        [...path, 'audiences', a],
        'unknown_audience',
        `${describeValue(audience)} is not a stakeholder group; use one of ${STAKEHOLDER_GROUP_KEYS.join(', ')}.`,
      );
      audiencesOk = false;
    } else if (audiences.includes(audience)) {
      reader.report([...path, 'audiences', a], 'duplicate_audience', `"${audience}" is listed twice.`);
      audiencesOk = false;
    } else {
      audiences.push(audience);
    }
  }

  const wording = readWording(reader, object.wording, [...path, 'wording'], audiencesOk ? audiences : undefined);
  const help = object.help === undefined ? undefined : reader.localized(object.help, [...path, 'help']);
  const required = reader.boolean(object.required, [...path, 'required']);
  let visibleIf: string | undefined;
  if (object.visibleIf !== undefined) {
    visibleIf = reader.string(object.visibleIf, [...path, 'visibleIf'], EXPRESSION_MAX_LENGTH);
  }
  let why: Question['why'];
  let whyOk = true;
  if (object.why !== undefined) {
    const whyObject = reader.object(object.why, [...path, 'why'], { required: [], optional: ['label'] }, 'the "pourquoi ?" comment');
    const label = whyObject?.label === undefined ? undefined : reader.localized(whyObject.label, [...path, 'why', 'label'], 200);
    whyOk = whyObject !== undefined && (whyObject.label === undefined || label !== undefined);
    why = label ? { label } : {};
    if (kind && !KINDS_WITH_WHY.includes(kind)) {
      reader.report([...path, 'why'], 'why_not_allowed', `A "pourquoi ?" comment can follow a scale, yes/no or choice, not a ${kind} answer.`);
      whyOk = false;
    }
  }
  if (key !== undefined && audiencesOk) {
    entries.push({
      key,
      path,
      dimensionKey,
      audiences,
      visibleIf: object.visibleIf === undefined ? undefined : typeof object.visibleIf === 'string' ? object.visibleIf : undefined,
      report: true,
    });
  }
  if (key === undefined || !audiencesOk || !wording || required === undefined || !whyOk || (object.help !== undefined && !help)) return undefined;
  if (object.visibleIf !== undefined && visibleIf === undefined) return undefined;
  return {
    key,
    audiences,
    wording,
    ...(help && { help }),
    required,
    ...(visibleIf !== undefined && { visibleIf }),
    ...(why && { why }),
  };
}

function readWording(
  reader: Reader,
  value: unknown,
  path: readonly PathSegment[],
  audiences: readonly StakeholderGroupKey[] | undefined,
): QuestionWording | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    reader.report(path, 'invalid_type', `The wording must be an object keyed by audience, not ${describeValue(value)}.`);
    return undefined;
  }
  let ok = true;
  const texts = new Map<StakeholderGroupKey, LocalizedText>();
  for (const [audience, text] of Object.entries(value)) {
    if (!isStakeholderGroupKey(audience)) {
      reader.report([...path, audience], 'unknown_audience', `"${truncate(audience)}" is not a stakeholder group; use one of ${STAKEHOLDER_GROUP_KEYS.join(', ')}.`);
      ok = false;
      continue;
    }
    if (audiences && !audiences.includes(audience)) {
      reader.report([...path, audience], 'wording_for_other_audience', `"${audience}" is not among the question's audiences; add it to "audiences" or remove this wording.`);
      ok = false;
      continue;
    }
    const localized = reader.localized(text, [...path, audience]);
    if (localized) texts.set(audience, localized);
    else ok = false;
  }
  for (const audience of audiences ?? []) {
    if (!Object.hasOwn(value, audience)) {
      reader.report([...path, audience], 'missing_wording', `The question is asked of "${audience}" but has no wording for them; add at least the French text.`);
      ok = false;
    }
  }
  if (!ok || !audiences) return undefined;
  // Copy in audience order so the input's key order does not leak into the value.
  const wording: QuestionWording = {};
  for (const audience of audiences) wording[audience] = texts.get(audience);
  return wording;
}

/**
 * `visibleIf` must parse, and read only earlier questions of the same dimension that are asked of
 * every audience of the conditioned question: otherwise a group's questionnaire would test a
 * question it never shows, and the question would be hidden (or shown) for the wrong reason.
 */
function checkVisibleIf(reader: Reader, entries: readonly QuestionEntry[], registry: KeyRegistry): void {
  const position = new Map<string, number>();
  for (const [index, entry] of entries.entries()) if (!position.has(entry.key)) position.set(entry.key, index);
  for (const [index, entry] of entries.entries()) {
    if (!entry.report || entry.visibleIf === undefined || entry.visibleIf.trim() === '') continue;
    const path = [...entry.path, 'visibleIf'];
    const check = checkCondition(entry.visibleIf);
    if (!check.ok) {
      reader.report(path, 'invalid_visible_if', `The condition "${truncate(entry.visibleIf)}" cannot be used: ${check.message}.`);
      continue;
    }
    for (const variable of check.variables) {
      const at = position.get(variable);
      if (at === undefined || !registry.questions.has(variable)) {
        reader.report(path, 'visible_if_unknown_question', `The condition reads {${variable}}, which is not a question key of this framework.`);
        continue;
      }
      const target = entries[at];
      if (at >= index || target.dimensionKey !== entry.dimensionKey) {
        reader.report(path, 'visible_if_not_earlier', `The condition reads {${variable}}, which is not an earlier question of the same dimension.`);
        continue;
      }
      const missing = entry.audiences.filter((audience) => !target.audiences.includes(audience));
      if (missing.length > 0) {
        reader.report(
          path,
          'visible_if_audience_mismatch',
          `The condition reads {${variable}}, which is not asked of ${missing.join(', ')}: for them the condition could never be met as intended.`,
        );
      }
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function rangeText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  if (min !== undefined) return `at least ${min}`;
  return `at most ${String(max)}`;
}
