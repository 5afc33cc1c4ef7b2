/**
 * Import of any SurveyJS JSON questionnaire as a "free" framework (format version 1, see
 * `framework.ts`): what a network already collects with SurveyJS becomes a framework it can edit,
 * score and compile like any other.
 *
 * Structure: each page becomes a dimension (key from the page name, title from its title or name)
 * with one criterion of the same key and title; a survey without pages but with root `elements`
 * is one dimension. Each question becomes an indicator with one question of the same key, asked of
 * every stakeholder group with the same wording. Panels and dynamic panels are flattened (their
 * questions keep their names; a dynamic panel's template is asked once).
 *
 * | SurveyJS                                   | indicator kind   | scoring                 |
 * |--------------------------------------------|------------------|-------------------------|
 * | `rating` (≤ 11 points)                     | scale            | linear                  |
 * | `rating` (> 11 whole consecutive points)   | quantity         | none                    |
 * | `radiogroup`, `dropdown`, `buttongroup`, `imagepicker` | single_choice | none (no weights known) |
 * | `checkbox`, `tagbox`, `imagepicker` + `multiSelect`    | multiple_choice | none          |
 * | `boolean`                                  | yes_no           | yes_no (100 / 0)        |
 * | `text` with `inputType` number or range, `slider` | quantity  | none                    |
 * | other `text`, `comment`                    | text             | none                    |
 * | `matrix`                                   | one indicator per row: scale when the columns are numeric-like, otherwise single_choice |
 * | `multipletext`                             | one indicator per item (text, or quantity for number items) |
 * | `panel`, `paneldynamic`                    | flattened        |                         |
 * | `html`, `image`, `expression`, `file`, `signaturepad`, `ranking`, `matrixdropdown`, `matrixdynamic`, others | skipped with a warning |
 *
 * Keys are derived from names: accents dropped, camelCase split, anything but `[a-z0-9]` turned
 * into `_`, a prefix when the result does not start with a letter (`q_` questions, `p_` pages,
 * `c_` choices), reserved keys avoided and collisions numbered (`_2`, `_3`…) in document order, so
 * the same input always gives the same keys. Choice values become keys the same way (`1` → `c_1`,
 * `Très bien` → `tres_bien`); answers that change value (choices, booleans → `yes`/`no`, rating
 * points renumbered) are listed in `mapping`, which says how to read data collected with the
 * original survey.
 *
 * Texts: a SurveyJS string is a plain string or `{ default, fr, en, … }`. French is `fr`, else
 * `default`, else `en`, else the element's name; English is `en`, else `default` when it differs
 * from an explicit `fr`. Other locales are not imported (one warning lists them).
 *
 * `visibleIf` is kept when it parses with survey-core and reads only questions imported earlier on
 * the same page (a framework condition reads earlier questions of its own dimension); it is
 * rewritten with the new keys and the new answer values (`{Aide} = true` → `{aide} = 'yes'`). A
 * condition that cannot follow (it reads another page, a skipped question, compares a choice with
 * a value it does not offer, computes with a choice's answer…) is dropped with a warning, so the
 * question is always shown. A panel's condition applies to its questions; a page's condition
 * always reads other pages and is dropped.
 *
 * Problems of the input (not an object, a page or element that is not an object, an element with
 * no type, a question with no name, duplicate names, malformed choices, no question at all…) are
 * all returned at once, each with its path (`pages[1].elements[3].name`); nothing is imported.
 * What is only lost in translation (skipped elements, dropped conditions and settings, truncated
 * texts, assumed bounds) is returned as warnings with the same kind of path.
 *
 * The result is checked with `validateFrameworkContent` and is the value it returns; it is
 * deterministic: built by walking arrays in order, never from the input's key order.
 *
 * Unlike the rest of libs/domain, which reaches survey-core only through `expression.ts`, this
 * module reads survey-core's expression tree to rewrite conditions.
 */
import { ArrayOperand, BinaryOperand, ConditionsParser, Const, FunctionOperand, UnaryOperand, Variable, type Operand } from 'survey-core';
import { checkCondition } from './expression.js';
import { formatPath, type FieldError, type PathSegment } from './field-error.js';
import {
  DONT_KNOW_VALUE,
  FRAMEWORK_FORMAT_VERSION,
  NO_VALUE,
  TEXT_ANSWER_MAX_LENGTH,
  YES_VALUE,
  type Choice,
  type Dimension,
  type DontKnowMode,
  type FrameworkContent,
  type Indicator,
  type Question,
  type ScaleSpec,
} from './framework.js';
import { KEY_MAX_LENGTH, RESERVED_KEYS, validateFrameworkContent } from './framework-validation.js';
import type { LocalizedText } from './locale.js';
import { STAKEHOLDER_GROUP_KEYS, type StakeholderGroupKey } from './stakeholder-group.js';
import { describeValue, isPlainObject, truncate } from './untrusted-value.js';

export const SURVEYJS_IMPORT_ERROR_CODES = [
  'invalid_type',
  'missing_field',
  'invalid_value',
  'duplicate_name',
  'duplicate_value',
  'conflicting_fields',
  'too_many',
  'no_questions',
] as const;
export type SurveyJsImportErrorCode = (typeof SURVEYJS_IMPORT_ERROR_CODES)[number];

export const SURVEYJS_IMPORT_WARNING_CODES = [
  /** A display-only or unsupported element (html, image, expression, file…), not imported. */
  'skipped_element',
  /** An element or page with `visible: false`, not imported. */
  'hidden_element',
  /** A page with no importable question, not imported. */
  'empty_page',
  /** A dynamic panel whose template is now asked once. */
  'flattened_panel',
  /** A `visibleIf` dropped: the question is always shown. */
  'visible_if_dropped',
  /** A SurveyJS setting with no equivalent in a framework (enableIf, validators, defaultValue…). */
  'setting_ignored',
  /** A question imported as another kind than usual (a long rating as a quantity…). */
  'kind_changed',
  /** A bound SurveyJS did not give, assumed (a number question's minimum). */
  'assumed_value',
  /** A text longer than the framework allows, cut. */
  'text_truncated',
  /** Texts in locales other than French and English. */
  'locale_ignored',
] as const;
export type SurveyJsImportWarningCode = (typeof SURVEYJS_IMPORT_WARNING_CODES)[number];

export interface SurveyJsImportOptions {
  /** The framework's French title; defaults to the survey's title. */
  title?: string;
}

/** An answer value that changes: SurveyJS `from` is stored as `to` in Regards. */
export interface SurveyJsValueMapping {
  from: string | number | boolean;
  to: string | number;
}

/** Where an imported question came from, to read data collected with the original survey. */
export interface SurveyJsQuestionMapping {
  /** Path of the element in the SurveyJS JSON (`pages[0].elements[2].rows[1]` for a matrix row). */
  path: string;
  /** The SurveyJS value name: the question's name, or the matrix / multiple text holding the row or item. */
  name: string;
  /** The matrix row value or multiple-text item name under `name`. */
  item?: string | number | boolean;
  /** The dynamic panel whose template held the question (its data is a list of objects). */
  dynamicPanel?: string;
  dimensionKey: string;
  /** The question key, which is also the indicator key. */
  questionKey: string;
  /** Answer values that change; empty when answers keep their values. */
  values: SurveyJsValueMapping[];
}

export type SurveyJsImportResult =
  | { ok: true; content: FrameworkContent; warnings: FieldError[]; mapping: SurveyJsQuestionMapping[] }
  | { ok: false; errors: FieldError[] };

// Limits of the framework format (see framework-validation.ts).
const TEXT_MAX = 5_000;
const INTRODUCTION_MAX = 10_000;
const CHOICE_LABEL_MAX = 500;
const SCALE_LABEL_MAX = 200;
const MAX_SCALE_POINTS = 11;
const SCALE_BOUND = 100;
const MAX_CHOICES = 50;
const MAX_DIMENSIONS = 50;
const MAX_INDICATORS_PER_CRITERION = 200;
/** survey-core draws at most this many generated rating points (`settings.ratingMaximumRateValueCount`). */
const SURVEYJS_MAX_RATING_POINTS = 20;

const DEFAULT_TITLE: LocalizedText = { fr: 'Questionnaire importé', en: 'Imported questionnaire' };
const OTHER_LABEL: LocalizedText = { fr: 'Autre', en: 'Other' };
const NONE_LABEL: LocalizedText = { fr: 'Aucun', en: 'None' };
const REFUSED_LABEL: LocalizedText = { fr: 'Je préfère ne pas répondre', en: 'Prefer not to answer' };
/** SurveyJS's own values for its special choices (`settings.*ItemValue`). */
const SURVEYJS_NONE = 'none';
const SURVEYJS_OTHER = 'other';
const SURVEYJS_REFUSED = 'refused';
const SURVEYJS_DONT_KNOW = 'dontknow';

const CHOICE_TYPES = new Set(['radiogroup', 'dropdown', 'buttongroup', 'imagepicker', 'checkbox', 'tagbox']);
const QUESTION_TYPES = new Set([...CHOICE_TYPES, 'rating', 'boolean', 'text', 'comment', 'slider']);
const DISPLAY_TYPES = new Set(['html', 'image', 'expression']);
/** Settings with no equivalent in a framework, reported when present. */
const IGNORED_SETTINGS = [
  'enableIf',
  'requiredIf',
  'setValueIf',
  'setValueExpression',
  'resetValueIf',
  'defaultValue',
  'defaultValueExpression',
  'correctAnswer',
  'choicesVisibleIf',
  'choicesEnableIf',
  'choicesFromQuestion',
  'choicesByUrl',
  'rowsVisibleIf',
  'columnsVisibleIf',
] as const;
const ORDERING_OPERATORS = new Set(['less', 'greater', 'lessorequal', 'greaterorequal']);
const COMPARISON_OPERATORS = new Set([...ORDERING_OPERATORS, 'equal', 'notequal', 'contains', 'notcontains', 'anyof', 'allof', 'noneof']);

type Path = readonly PathSegment[];
type ItemValue = string | number | boolean;

/** How the answer values of an imported question changed; absent when they did not. */
interface ValueCodec {
  /** Whether order comparisons still hold (renumbered rating points keep their order). */
  ordered: boolean;
  values: Map<string, string | number>;
  /** SurveyJS compares texts without case by default. */
  folded: Map<string, string | number>;
  list: SurveyJsValueMapping[];
}

/** A question imported so far, as conditions read it. */
interface Entry {
  key: string;
  codec: ValueCodec | undefined;
}

interface SourceItem {
  value: ItemValue;
  text: LocalizedText | undefined;
}

/** What a SurveyJS question becomes, before keys are given. */
type Format =
  | { kind: 'scale'; scale: ScaleSpec; codec: ValueCodec | undefined }
  | { kind: 'quantity'; min: number; max: number | undefined; integer: boolean }
  | { kind: 'single_choice' | 'multiple_choice'; items: SourceItem[]; dontKnow: DontKnowMode }
  | { kind: 'yes_no'; trueValue: ItemValue; falseValue: ItemValue }
  | { kind: 'text'; maxLength: number | undefined };

/** The questions imported on one page (one dimension). */
class PageScope {
  readonly byName = new Map<string, Entry>();
  readonly indicators: Indicator[] = [];
  readonly mappings: Array<Omit<SurveyJsQuestionMapping, 'dimensionKey'>> = [];
}

interface DynamicScope {
  name: string;
  byName: Map<string, Entry>;
}

interface WalkContext {
  page: PageScope;
  /** Conditions of the enclosing panels, already rewritten with framework keys. */
  conditions: readonly string[];
  /** The enclosing dynamic panel: `{panel.x}` reads its template's questions. */
  dynamic: DynamicScope | undefined;
  /** Value names in scope (the survey, or a dynamic panel's template), for duplicates. */
  names: Map<string, string>;
}

/**
 * Turns a SurveyJS JSON questionnaire into framework content, with warnings for what could not be
 * carried over; or returns every problem of the input with its path.
 */
export function importSurveyJs(json: unknown, options: SurveyJsImportOptions = {}): SurveyJsImportResult {
  return new Importer().run(json, options);
}

class Importer {
  readonly errors: FieldError<SurveyJsImportErrorCode>[] = [];
  readonly warnings: FieldError<SurveyJsImportWarningCode>[] = [];
  private readonly questionKeys = new Set<string>(RESERVED_KEYS);
  private readonly dimensionKeys = new Set<string>(RESERVED_KEYS);
  private readonly otherLocales = new Set<string>();

  error(path: Path, code: SurveyJsImportErrorCode, message: string): void {
    this.errors.push({ path: formatPath(path), code, message });
  }

  warn(path: Path, code: SurveyJsImportWarningCode, message: string): void {
    this.warnings.push({ path: formatPath(path), code, message });
  }

  run(json: unknown, options: SurveyJsImportOptions): SurveyJsImportResult {
    if (!isPlainObject(json)) {
      this.error([], 'invalid_type', `A SurveyJS questionnaire must be a JSON object, not ${describeValue(json)}.`);
      return { ok: false, errors: this.errors };
    }
    const optionTitle = options.title === undefined ? undefined : this.clean(options.title, [], TEXT_MAX);
    const surveyTitle = this.localized(json.title, ['title'], TEXT_MAX);
    const title = optionTitle ? { fr: optionTitle } : (surveyTitle ?? DEFAULT_TITLE);
    const description = this.localized(json.description, ['description'], INTRODUCTION_MAX);
    for (const setting of ['triggers', 'calculatedValues'] as const) {
      if (Array.isArray(json[setting]) && json[setting].length > 0) {
        this.warn([setting], 'setting_ignored', `SurveyJS "${setting}" have no equivalent in a framework; they are not imported.`);
      }
    }

    const pages: Array<{ value: unknown; path: Path; index: number }> = [];
    const rootField = json.elements !== undefined ? 'elements' : json.questions !== undefined ? 'questions' : undefined;
    if (json.pages !== undefined) {
      if (!Array.isArray(json.pages)) {
        this.error(['pages'], 'invalid_type', `"pages" must be a list, not ${describeValue(json.pages)}.`);
      } else {
        json.pages.forEach((page: unknown, index) => pages.push({ value: page, path: ['pages', index], index }));
      }
      if (rootField) {
        this.error([rootField], 'conflicting_fields', `A survey has either "pages" or root "${rootField}", not both; move these elements into a page.`);
      }
    } else if (rootField) {
      // A survey without pages is one page (SurveyJS calls it "page1").
      pages.push({ value: { name: 'page1', [rootField]: json[rootField] }, path: [], index: 0 });
    }

    const scopeNames = new Map<string, string>();
    const dimensions: Dimension[] = [];
    const mapping: SurveyJsQuestionMapping[] = [];
    for (const page of pages) {
      // The implicit page of a survey without pages takes the survey's title.
      const dimension = this.page(page.value, page.path, page.index, scopeNames, page.path.length === 0 ? title : undefined);
      if (!dimension) continue;
      dimensions.push(dimension.dimension);
      for (const item of dimension.mappings) mapping.push({ ...item, dimensionKey: dimension.dimension.key });
    }
    if (this.errors.length === 0 && dimensions.length === 0) {
      this.error(json.pages !== undefined ? ['pages'] : [], 'no_questions', 'The survey has no question that can be imported (see the warnings for what was skipped).');
    }
    if (dimensions.length > MAX_DIMENSIONS) {
      this.error(['pages'], 'too_many', `The survey has ${dimensions.length} pages with questions; a framework has at most ${MAX_DIMENSIONS} dimensions.`);
    }
    if (this.otherLocales.size > 0) {
      const locales = [...this.otherLocales].sort();
      this.warn([], 'locale_ignored', `Texts in ${locales.map((locale) => `"${locale}"`).join(', ')} are not imported; Regards keeps French and English.`);
    }
    if (this.errors.length > 0) return { ok: false, errors: this.errors };

    const content: FrameworkContent = {
      formatVersion: FRAMEWORK_FORMAT_VERSION,
      title,
      ...(description && { description }),
      dimensions,
    };
    const validation = validateFrameworkContent(content);
    if (!validation.ok) return { ok: false, errors: validation.errors };
    return { ok: true, content: validation.value, warnings: this.warnings, mapping };
  }

  private page(
    value: unknown,
    path: Path,
    index: number,
    names: Map<string, string>,
    implicitTitle: LocalizedText | undefined,
  ): { dimension: Dimension; mappings: PageScope['mappings'] } | undefined {
    if (!isPlainObject(value)) {
      this.error(path, 'invalid_type', `A page must be an object, not ${describeValue(value)}.`);
      return undefined;
    }
    const pageName = typeof value.name === 'string' && value.name.trim() !== '' ? value.name.trim() : `page${index + 1}`;
    if (value.visible === false) {
      this.warn(path, 'hidden_element', `Page "${truncate(pageName)}" is hidden in SurveyJS; it is not imported.`);
      return undefined;
    }
    const title = implicitTitle ?? this.localized(value.title, [...path, 'title'], TEXT_MAX);
    const introduction = implicitTitle ? undefined : this.localized(value.description, [...path, 'description'], INTRODUCTION_MAX);
    if (typeof value.visibleIf === 'string' && value.visibleIf.trim() !== '') {
      this.warn(
        [...path, 'visibleIf'],
        'visible_if_dropped',
        `The page's condition "${truncate(value.visibleIf)}" was dropped (the page is always shown): a dimension's condition can only read its own questions.`,
      );
    }
    const field = value.elements !== undefined ? 'elements' : 'questions';
    const scope = new PageScope();
    const errorsBefore = this.errors.length;
    this.elements(value[field], [...path, field], { page: scope, conditions: [], dynamic: undefined, names });
    if (this.errors.length > errorsBefore) return undefined;
    if (scope.indicators.length === 0) {
      this.warn(path, 'empty_page', `Page "${truncate(pageName)}" has no question that can be imported; it is not imported.`);
      return undefined;
    }
    if (scope.indicators.length > MAX_INDICATORS_PER_CRITERION) {
      this.error(path, 'too_many', `The page has ${scope.indicators.length} questions; a framework dimension has at most ${MAX_INDICATORS_PER_CRITERION}.`);
      return undefined;
    }
    const key = allocate(deriveKey(pageName, 'p'), this.dimensionKeys);
    const dimensionTitle = title ?? fallbackText(pageName, TEXT_MAX);
    return {
      dimension: {
        key,
        title: dimensionTitle,
        ...(introduction && { introduction }),
        criteria: [{ key, title: dimensionTitle, indicators: scope.indicators }],
      },
      mappings: scope.mappings,
    };
  }

  private elements(value: unknown, path: Path, context: WalkContext): void {
    if (value === undefined || value === null) return;
    if (!Array.isArray(value)) {
      this.error(path, 'invalid_type', `The elements must be a list, not ${describeValue(value)}.`);
      return;
    }
    value.forEach((element: unknown, index) => this.element(element, [...path, index], context));
  }

  private element(element: unknown, path: Path, context: WalkContext): void {
    if (!isPlainObject(element)) {
      this.error(path, 'invalid_type', `An element must be an object, not ${describeValue(element)}.`);
      return;
    }
    if (element.type === undefined) {
      this.error([...path, 'type'], 'missing_field', 'An element needs a "type" (e.g. "radiogroup").');
      return;
    }
    if (typeof element.type !== 'string') {
      this.error([...path, 'type'], 'invalid_type', `The type must be a text, not ${describeValue(element.type)}.`);
      return;
    }
    const type = element.type.trim().toLowerCase();
    const holdsValue = type !== 'panel' && !DISPLAY_TYPES.has(type);
    const importable = QUESTION_TYPES.has(type) || type === 'matrix' || type === 'multipletext' || type === 'paneldynamic';
    const name = this.name(element, path, context, holdsValue, importable);
    const label = name ?? (typeof element.name === 'string' ? element.name : type);
    if (element.visible === false) {
      this.warn(path, 'hidden_element', `"${truncate(label)}" is hidden in SurveyJS; it is not imported.`);
      return;
    }
    if (type === 'panel') {
      const condition = this.enterCondition(element, path, context);
      const field = element.elements !== undefined ? 'elements' : 'questions';
      this.elements(element[field], [...path, field], { ...context, conditions: condition ? [...context.conditions, condition] : context.conditions });
      return;
    }
    if (importable && name === undefined) return;
    if (type === 'paneldynamic' && name !== undefined) {
      this.warn(path, 'flattened_panel', `The dynamic panel "${truncate(name)}" is flattened: its questions are asked once, not once per panel.`);
      const condition = this.enterCondition(element, path, context);
      this.elements(element.templateElements, [...path, 'templateElements'], {
        page: context.page,
        conditions: condition ? [...context.conditions, condition] : context.conditions,
        dynamic: { name, byName: new Map() },
        names: new Map(),
      });
      return;
    }
    if (type === 'matrix' && name !== undefined) {
      this.matrix(element, path, name, context);
      return;
    }
    if (type === 'multipletext' && name !== undefined) {
      this.multipleText(element, path, name, context);
      return;
    }
    if (QUESTION_TYPES.has(type) && name !== undefined) {
      this.question(element, path, name, type, context);
      return;
    }
    const what = DISPLAY_TYPES.has(type) ? 'is display-only' : 'has no equivalent in a framework';
    this.warn(path, 'skipped_element', `The ${truncate(type)} element "${truncate(label)}" ${what}; it is not imported.`);
  }

  /** Reads and registers an element's name; required for the elements that are imported. */
  private name(element: Record<string, unknown>, path: Path, context: WalkContext, holdsValue: boolean, required: boolean): string | undefined {
    const raw = element.name;
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
      if (required) this.error([...path, 'name'], 'missing_field', 'A question needs a "name" (it keys its answers).');
      return undefined;
    }
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      this.error([...path, 'name'], 'invalid_type', `A name must be a text, not ${describeValue(raw)}.`);
      return undefined;
    }
    const name = String(raw).trim();
    if (!holdsValue) return name;
    const first = context.names.get(name);
    if (first !== undefined) {
      this.error([...path, 'name'], 'duplicate_name', `The name "${truncate(name)}" is already used at ${first}; each question needs its own name.`);
      return undefined;
    }
    context.names.set(name, formatPath(path));
    return name;
  }

  private question(element: Record<string, unknown>, path: Path, name: string, type: string, context: WalkContext): void {
    const errorsBefore = this.errors.length;
    const wording = this.localized(element.title, [...path, 'title'], TEXT_MAX) ?? fallbackText(name, TEXT_MAX);
    const help = this.localized(element.description, [...path, 'description'], TEXT_MAX);
    const format = this.format(element, path, type, name);
    if (this.errors.length > errorsBefore || !format) return;
    this.ignoredSettings(element, path, format.kind === 'quantity' ? ['validators'] : []);
    const visibleIf = this.condition(element, path, context);
    this.add(context, path, { name, wording, help, required: element.isRequired === true, visibleIf, format, keySource: name });
  }

  /** One indicator per row; numeric-like columns make scales, others single choices. */
  private matrix(element: Record<string, unknown>, path: Path, name: string, context: WalkContext): void {
    const errorsBefore = this.errors.length;
    const title = this.localized(element.title, [...path, 'title'], TEXT_MAX) ?? fallbackText(name, TEXT_MAX);
    const help = this.localized(element.description, [...path, 'description'], TEXT_MAX);
    const rows = this.items(element.rows, [...path, 'rows'], TEXT_MAX) ?? [];
    const columns = this.items(element.columns, [...path, 'columns'], CHOICE_LABEL_MAX) ?? [];
    if (this.errors.length > errorsBefore) return;
    if (rows.length === 0 || columns.length < 2) {
      this.warn(path, 'skipped_element', `The matrix "${truncate(name)}" needs rows and at least two columns; it is not imported.`);
      return;
    }
    const scale = columns.every((column) => toNumber(column.value) !== undefined) ? this.scaleFormat(columns, undefined, undefined, [...path, 'columns']) : undefined;
    let format: Format;
    if (scale?.kind === 'scale') {
      format = scale;
    } else if (columns.length <= MAX_CHOICES) {
      format = { kind: 'single_choice', items: columns, dontKnow: 'not_offered' };
    } else {
      this.warn(path, 'skipped_element', `The matrix "${truncate(name)}" has ${columns.length} columns; a choice offers at most ${MAX_CHOICES}. It is not imported.`);
      return;
    }
    const allRequired = element.isAllRowRequired === true || element.eachRowRequired === true;
    if (element.isRequired === true && !allRequired) {
      this.warn(
        [...path, 'isRequired'],
        'setting_ignored',
        'SurveyJS requires at least one row of this matrix; each row is now a question of its own and is imported as optional.',
      );
    }
    this.ignoredSettings(element, path, []);
    const visibleIf = this.condition(element, path, context);
    rows.forEach((row, index) => {
      const wording = joinTexts(title, row.text ?? fallbackText(row.value, TEXT_MAX), TEXT_MAX);
      this.add(context, [...path, 'rows', index], {
        name,
        item: row.value,
        wording,
        help,
        required: allRequired,
        visibleIf,
        format,
        keySource: `${name}_${String(row.value)}`,
        alias: `${name}.${String(row.value)}`,
      });
    });
  }

  /** One indicator per item: a quantity for a number item, a text otherwise. */
  private multipleText(element: Record<string, unknown>, path: Path, name: string, context: WalkContext): void {
    const errorsBefore = this.errors.length;
    const title = this.localized(element.title, [...path, 'title'], TEXT_MAX) ?? fallbackText(name, TEXT_MAX);
    const help = this.localized(element.description, [...path, 'description'], TEXT_MAX);
    const items: Array<{ item: Record<string, unknown>; name: string; path: Path }> = [];
    if (!Array.isArray(element.items)) {
      this.error([...path, 'items'], element.items === undefined ? 'missing_field' : 'invalid_type', 'A multiple text question needs a list of "items".');
      return;
    }
    const itemNames = new Map<string, string>();
    element.items.forEach((item: unknown, index) => {
      const itemPath = [...path, 'items', index];
      if (!isPlainObject(item)) {
        this.error(itemPath, 'invalid_type', `An item must be an object, not ${describeValue(item)}.`);
        return;
      }
      const itemName = this.name(item, itemPath, { ...context, names: itemNames }, true, true);
      if (itemName !== undefined) items.push({ item, name: itemName, path: itemPath });
    });
    const formats = items.map(({ item, path: itemPath, name: itemName }) => this.format({ ...item, type: 'text' }, itemPath, 'text', itemName));
    if (this.errors.length > errorsBefore) return;
    if (element.isRequired === true) {
      this.warn(
        [...path, 'isRequired'],
        'setting_ignored',
        'SurveyJS requires at least one item of this question; each item is now a question of its own and is imported as optional unless marked required.',
      );
    }
    this.ignoredSettings(element, path, []);
    const visibleIf = this.condition(element, path, context);
    items.forEach(({ item, name: itemName, path: itemPath }, index) => {
      const format = formats[index];
      if (!format) return;
      const itemTitle = this.localized(item.title, [...itemPath, 'title'], TEXT_MAX) ?? fallbackText(itemName, TEXT_MAX);
      this.add(context, itemPath, {
        name,
        item: itemName,
        wording: joinTexts(title, itemTitle, TEXT_MAX),
        help,
        required: item.isRequired === true,
        visibleIf,
        format,
        keySource: `${name}_${itemName}`,
        alias: `${name}.${itemName}`,
      });
    });
  }

  /** What a question's answers are, by type; undefined (with a warning or an error) when not importable. */
  private format(element: Record<string, unknown>, path: Path, type: string, name: string): Format | undefined {
    switch (type) {
      case 'rating':
        return this.rating(element, path, name);
      case 'boolean':
        // SurveyJS stores true/false, or valueTrue/valueFalse when set.
        return {
          kind: 'yes_no',
          trueValue: isItemValue(element.valueTrue) ? element.valueTrue : true,
          falseValue: isItemValue(element.valueFalse) ? element.valueFalse : false,
        };
      case 'comment':
        return { kind: 'text', maxLength: textMaxLength(element.maxLength) };
      case 'text': {
        const inputType = typeof element.inputType === 'string' ? element.inputType.trim().toLowerCase() : 'text';
        if (inputType === 'number') return this.quantity(element, path, name, undefined);
        if (inputType === 'range') return this.quantity(element, path, name, { min: 0, max: 100 });
        return { kind: 'text', maxLength: textMaxLength(element.maxLength) };
      }
      case 'slider':
        if (element.sliderType === 'range') {
          this.warn(path, 'skipped_element', `The range slider "${truncate(name)}" answers with two values; it is not imported.`);
          return undefined;
        }
        return this.quantity(element, path, name, { min: 0, max: 100 });
      default:
        return this.choice(element, path, type, name);
    }
  }

  private choice(element: Record<string, unknown>, path: Path, type: string, name: string): Format | undefined {
    const multiple = type === 'checkbox' || type === 'tagbox' || (type === 'imagepicker' && element.multiSelect === true);
    const items = element.choices === undefined ? [] : this.items(element.choices, [...path, 'choices'], CHOICE_LABEL_MAX);
    if (!items) return undefined;
    if (items.length === 0 && type === 'dropdown' && element.choicesMax !== undefined) {
      const generated = this.generatedChoices(element, path, name);
      if (generated === undefined || !Array.isArray(generated)) return generated;
      items.push(...generated);
    }
    const special = (show: boolean, value: string, text: unknown, textField: string, fallback: LocalizedText): void => {
      if (!show) return;
      if (items.some((item) => String(item.value) === value)) return;
      items.push({ value, text: this.localized(text, [...path, textField], CHOICE_LABEL_MAX) ?? fallback });
    };
    special(element.showNoneItem === true || element.hasNone === true, SURVEYJS_NONE, element.noneText, 'noneText', NONE_LABEL);
    special(element.showRefuseItem === true, SURVEYJS_REFUSED, element.refuseText, 'refuseText', REFUSED_LABEL);
    const other = element.showOtherItem === true || element.hasOther === true;
    special(other, SURVEYJS_OTHER, element.otherText, 'otherText', OTHER_LABEL);
    if (other) {
      this.warn(
        [...path, element.showOtherItem === true ? 'showOtherItem' : 'hasOther'],
        'setting_ignored',
        'The "other" choice is imported as a plain choice; the text respondents type after it is not asked.',
      );
    }
    if (items.length < 2) {
      this.warn(path, 'skipped_element', `"${truncate(name)}" offers ${items.length} choice${items.length === 1 ? '' : 's'}; a choice question needs at least two. It is not imported.`);
      return undefined;
    }
    if (items.length > MAX_CHOICES) {
      this.warn(path, 'skipped_element', `"${truncate(name)}" offers ${items.length} choices; a framework question offers at most ${MAX_CHOICES}. It is not imported.`);
      return undefined;
    }
    const dontKnow: DontKnowMode = element.showDontKnowItem === true ? 'excluded' : 'not_offered';
    return { kind: multiple ? 'multiple_choice' : 'single_choice', items, dontKnow };
  }

  /**
   * A dropdown's `choicesMin`/`choicesMax`/`choicesStep` numbers as choices; more whole numbers
   * than a choice can offer make a quantity.
   */
  private generatedChoices(element: Record<string, unknown>, path: Path, name: string): SourceItem[] | Format | undefined {
    const errorsBefore = this.errors.length;
    const min = this.numberSetting(element, 'choicesMin', path) ?? 0;
    const max = this.numberSetting(element, 'choicesMax', path);
    const rawStep = this.numberSetting(element, 'choicesStep', path) ?? 1;
    if (this.errors.length > errorsBefore || max === undefined) return undefined;
    const step = rawStep > 0 ? rawStep : 1;
    const count = max < min ? 0 : Math.floor((max - min) / step + 1e-9) + 1;
    if (count > MAX_CHOICES) {
      if (step === 1 && Number.isInteger(min) && Number.isInteger(max)) {
        this.warn(path, 'kind_changed', `"${truncate(name)}" offers the ${count} whole numbers from ${min} to ${max}; it is imported as a quantity.`);
        return { kind: 'quantity', min, max, integer: true };
      }
      this.warn(path, 'skipped_element', `"${truncate(name)}" offers ${count} numbers; a framework question offers at most ${MAX_CHOICES} choices. It is not imported.`);
      return undefined;
    }
    return Array.from({ length: count }, (_, index) => ({ value: roundLike(min + index * step, step, min), text: undefined }));
  }

  private rating(element: Record<string, unknown>, path: Path, name: string): Format | undefined {
    const useValues = Array.isArray(element.rateValues) && element.rateValues.length > 0 && element.autoGenerate !== true;
    let points: SourceItem[];
    if (useValues) {
      const items = this.items(element.rateValues, [...path, 'rateValues'], SCALE_LABEL_MAX);
      if (!items) return undefined;
      points = items;
    } else {
      const numbers = this.ratingNumbers(element, path);
      if (!numbers) return undefined;
      points = numbers.map((value) => ({ value, text: undefined }));
    }
    const minLabel = this.localized(element.minRateDescription ?? element.mininumRateDescription, [...path, 'minRateDescription'], SCALE_LABEL_MAX);
    const maxLabel = this.localized(element.maxRateDescription ?? element.maximumRateDescription, [...path, 'maxRateDescription'], SCALE_LABEL_MAX);
    if (points.length < 2) {
      this.warn(path, 'skipped_element', `The rating "${truncate(name)}" has fewer than two points (see rateMin, rateMax, rateStep, rateCount, rateValues); it is not imported.`);
      return undefined;
    }
    const format = this.scaleFormat(points, minLabel, maxLabel, [...path, useValues ? 'rateValues' : 'rateMax']);
    if (format.kind === 'quantity') {
      this.warn(path, 'kind_changed', `The rating "${truncate(name)}" has ${points.length} points; a scale has at most ${MAX_SCALE_POINTS}, so it is imported as a quantity.`);
    } else if (format.kind === 'single_choice') {
      if (points.length > MAX_CHOICES) {
        this.warn(path, 'skipped_element', `The rating "${truncate(name)}" has ${points.length} points; it is not imported.`);
        return undefined;
      }
      this.warn(path, 'kind_changed', `The rating "${truncate(name)}" has ${points.length} points that are not numbers in order; it is imported as a single choice.`);
    }
    return format;
  }

  /** The points survey-core draws for a generated rating (rateMin, rateMax, rateStep, rateCount). */
  private ratingNumbers(element: Record<string, unknown>, path: Path): number[] | undefined {
    const errorsBefore = this.errors.length;
    const givenMin = this.numberSetting(element, 'rateMin', path);
    const givenMax = this.numberSetting(element, 'rateMax', path);
    const givenStep = this.numberSetting(element, 'rateStep', path);
    const givenCount = this.numberSetting(element, 'rateCount', path);
    if (this.errors.length > errorsBefore) return undefined;
    const step = givenStep ?? 1;
    // survey-core draws nothing, one point or the same point twenty times here: nothing to import.
    if (step <= 0) return [];
    const count = givenCount === undefined ? undefined : Math.min(Math.trunc(givenCount), SURVEYJS_MAX_RATING_POINTS);
    let min = givenMin ?? 1;
    let max = givenMax ?? 5;
    if (count !== undefined && givenMin !== undefined && givenMax === undefined) max = min + step * (count - 1);
    if (count !== undefined && givenMax !== undefined && givenMin === undefined) min = max - step * (count - 1);
    const values: number[] = [];
    for (let index = 0; min + index * step <= max + 1e-9 && values.length < SURVEYJS_MAX_RATING_POINTS; index += 1) {
      values.push(roundLike(min + index * step, step, min));
    }
    return values;
  }

  /**
   * Points become a scale: whole consecutive numbers keep their values (labelled when their texts
   * say more than the number); other points (a step of 2, texts) are numbered 1…n in order, labelled
   * with what SurveyJS showed. Beyond 11 points: a quantity for whole consecutive numbers, else a
   * single choice.
   */
  private scaleFormat(points: SourceItem[], minLabel: LocalizedText | undefined, maxLabel: LocalizedText | undefined, path: Path): Format {
    const numbers = points.map((point) => toNumber(point.value));
    const allNumeric = numbers.every((value) => value !== undefined);
    let ordered = points.map((point, index) => ({ point, number: numbers[index] ?? index + 1 }));
    if (allNumeric) ordered = [...ordered].sort((a, b) => a.number - b.number);
    const distinct = new Set(ordered.map((entry) => entry.number)).size === ordered.length;
    const consecutive =
      allNumeric &&
      distinct &&
      ordered.every((entry, index) => Number.isInteger(entry.number) && (index === 0 || entry.number === ordered[index - 1].number + 1)) &&
      Math.abs(ordered[0].number) <= SCALE_BOUND &&
      Math.abs(ordered[ordered.length - 1].number) <= SCALE_BOUND;
    if (points.length > MAX_SCALE_POINTS || !distinct) {
      if (consecutive) return { kind: 'quantity', min: ordered[0].number, max: ordered[ordered.length - 1].number, integer: true };
      return { kind: 'single_choice', items: points, dontKnow: 'not_offered' };
    }
    const min = consecutive ? ordered[0].number : 1;
    const max = min + ordered.length - 1;
    const pairs: Array<[ItemValue, number]> = ordered.map((entry, index) => [entry.point.value, min + index]);
    const codec = pairs.every(([from, to]) => from === to) ? undefined : makeCodec(pairs, true);
    const needsLabels = !consecutive || ordered.some(({ point }) => point.text !== undefined && (point.text.fr !== String(point.value) || point.text.en !== undefined));
    if (!needsLabels) return { kind: 'scale', scale: { min, max, ...(minLabel && { minLabel }), ...(maxLabel && { maxLabel }) }, codec };
    const labels = ordered.map(({ point }, index) => {
      const text = point.text ?? fallbackText(point.value, SCALE_LABEL_MAX);
      const end = index === 0 ? minLabel : index === ordered.length - 1 ? maxLabel : undefined;
      const label = end ? joinTexts(text, end, Number.POSITIVE_INFINITY) : text;
      if (label.fr.length <= SCALE_LABEL_MAX && (label.en ?? '').length <= SCALE_LABEL_MAX) return label;
      this.warn(path, 'text_truncated', `A scale label has more than ${SCALE_LABEL_MAX} characters; it was cut.`);
      return label.en === undefined ? { fr: clip(label.fr, SCALE_LABEL_MAX) } : { fr: clip(label.fr, SCALE_LABEL_MAX), en: clip(label.en, SCALE_LABEL_MAX) };
    });
    return { kind: 'scale', scale: { min, max, labels }, codec };
  }

  private quantity(element: Record<string, unknown>, path: Path, name: string, defaults: { min: number; max: number } | undefined): Format | undefined {
    const errorsBefore = this.errors.length;
    let min = this.numberSetting(element, 'min', path, true);
    let max = this.numberSetting(element, 'max', path, true);
    const step = this.numberSetting(element, 'step', path, true);
    if (this.errors.length > errorsBefore) return undefined;
    if (Array.isArray(element.validators)) {
      for (const validator of element.validators as unknown[]) {
        if (!isPlainObject(validator) || validator.type !== 'numeric') continue;
        min ??= toNumber(validator.minValue);
        max ??= toNumber(validator.maxValue);
      }
    }
    min ??= defaults?.min;
    max ??= defaults?.max;
    if (min === undefined) {
      this.warn([...path, 'min'], 'assumed_value', `"${truncate(name)}" has no minimum in SurveyJS; 0 is assumed (edit the indicator if answers can be negative).`);
      min = 0;
    }
    if (max !== undefined && max <= min) {
      this.warn([...path, 'max'], 'setting_ignored', `The maximum of "${truncate(name)}" (${max}) is not above its minimum (${min}); it is not imported.`);
      max = undefined;
    }
    // Whole numbers only when SurveyJS steps by whole numbers (a range steps by 1 by default); a
    // number input without a step accepts decimals.
    const effectiveStep = step ?? (defaults ? 1 : undefined);
    const wholeStep = effectiveStep !== undefined && Number.isInteger(effectiveStep) && effectiveStep >= 1;
    const integer = wholeStep && Number.isInteger(min) && (max === undefined || Number.isInteger(max));
    return { kind: 'quantity', min, max, integer };
  }

  /** A numeric setting: a number or a numeric text; anything else is an error. */
  private numberSetting(element: Record<string, unknown>, field: string, path: Path, lenient = false): number | undefined {
    const value = element[field];
    if (value === undefined || value === null || value === '') return undefined;
    const number = toNumber(value);
    if (number === undefined) {
      // `min`/`max` of a text input may be dates or expressions: not a number bound, ignored.
      if (lenient && typeof value === 'string') {
        this.warn([...path, field], 'setting_ignored', `"${field}" is not a number (${describeValue(value)}); it is not imported.`);
        return undefined;
      }
      this.error([...path, field], 'invalid_type', `"${field}" must be a number, not ${describeValue(value)}.`);
    }
    return number;
  }

  /** Choices, rows, columns or rating values: plain values, `"value|text"` or `{ value, text }`. */
  private items(value: unknown, path: Path, labelMax: number): SourceItem[] | undefined {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.error(path, 'invalid_type', `Expected a list, not ${describeValue(value)}.`);
      return undefined;
    }
    const items: SourceItem[] = [];
    const seen = new Map<string, number>();
    let ok = true;
    value.forEach((item: unknown, index) => {
      const itemPath = [...path, index];
      let itemValue: ItemValue | undefined;
      let text: LocalizedText | undefined;
      if (typeof item === 'string' && item.includes('|')) {
        itemValue = item.slice(0, item.indexOf('|'));
        text = this.localized(item.slice(item.indexOf('|') + 1), itemPath, labelMax);
      } else if (isItemValue(item)) {
        itemValue = item;
      } else if (isPlainObject(item)) {
        if (item.value === undefined || item.value === null) {
          this.error([...itemPath, 'value'], 'missing_field', 'An item needs a "value".');
        } else if (!isItemValue(item.value)) {
          this.error([...itemPath, 'value'], 'invalid_type', `An item's value must be a text or a number, not ${describeValue(item.value)}.`);
        } else {
          itemValue = item.value;
        }
        text = this.localized(item.text, [...itemPath, 'text'], labelMax);
        if (item.visibleIf !== undefined || item.enableIf !== undefined) {
          this.warn([...itemPath, item.visibleIf !== undefined ? 'visibleIf' : 'enableIf'], 'setting_ignored', 'Conditions on a single choice are not imported.');
        }
      } else {
        this.error(itemPath, 'invalid_type', `An item must be a value or an object with a "value", not ${describeValue(item)}.`);
      }
      if (itemValue === undefined || (typeof itemValue === 'string' && itemValue.trim() === '')) {
        if (itemValue !== undefined) this.error(itemPath, 'invalid_value', 'An item value must not be empty.');
        ok = false;
        return;
      }
      const first = seen.get(String(itemValue));
      if (first !== undefined) {
        this.error(itemPath, 'duplicate_value', `The value ${describeValue(itemValue)} is already used by item ${first}.`);
        ok = false;
        return;
      }
      seen.set(String(itemValue), index);
      items.push({ value: itemValue, text });
    });
    return ok ? items : undefined;
  }

  private ignoredSettings(element: Record<string, unknown>, path: Path, used: readonly string[]): void {
    for (const setting of IGNORED_SETTINGS) {
      const value = element[setting];
      if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
      this.warn([...path, setting], 'setting_ignored', `SurveyJS "${setting}" has no equivalent in a framework; it is not imported.`);
    }
    if (Array.isArray(element.validators) && element.validators.length > 0 && !used.includes('validators')) {
      this.warn([...path, 'validators'], 'setting_ignored', 'SurveyJS validators are not imported.');
    }
  }

  /** A panel's own condition, rewritten now (it reads questions before the panel). */
  private enterCondition(element: Record<string, unknown>, path: Path, context: WalkContext): string | undefined {
    return this.rewrite(element.visibleIf, [...path, 'visibleIf'], context, 'the panel’s questions are');
  }

  /** The condition of a question: its own, with those of its panels. */
  private condition(element: Record<string, unknown>, path: Path, context: WalkContext): string | undefined {
    const own = this.rewrite(element.visibleIf, [...path, 'visibleIf'], context, 'the question is');
    const parts = own === undefined ? context.conditions : [...context.conditions, own];
    if (parts.length === 0) return undefined;
    if (parts.length === 1) return parts[0];
    // Through survey-core's printer, so nested parts do not pile up parentheses.
    const combined = parts.map((part) => `(${part})`).join(' and ');
    return new ConditionsParser().parseExpression(combined)?.toString() ?? combined;
  }

  private rewrite(value: unknown, path: Path, context: WalkContext, subject: string): string | undefined {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
    if (typeof value !== 'string') {
      this.warn(path, 'visible_if_dropped', `The condition is not a text (${describeValue(value)}); it was dropped and ${subject} always shown.`);
      return undefined;
    }
    const result = rewriteCondition(value, (variable) => resolve(variable, context));
    if (!result.ok) {
      this.warn(path, 'visible_if_dropped', `The condition "${truncate(value, 80)}" was dropped and ${subject} always shown: ${result.reason}.`);
      return undefined;
    }
    return result.text;
  }

  /** Gives keys and adds an imported question to its page. */
  private add(
    context: WalkContext,
    path: Path,
    question: {
      name: string;
      item?: ItemValue;
      wording: LocalizedText;
      help: LocalizedText | undefined;
      required: boolean;
      visibleIf: string | undefined;
      format: Format;
      keySource: string;
      alias?: string;
    },
  ): void {
    const key = allocate(deriveKey(question.keySource, 'q'), this.questionKeys);
    const { indicator, codec } = buildIndicator(key, question.wording, question.help, question.required, question.visibleIf, question.format);
    const entry: Entry = { key, codec };
    const names = context.dynamic ? context.dynamic.byName : context.page.byName;
    names.set(question.alias ?? question.name, entry);
    context.page.indicators.push(indicator);
    context.page.mappings.push({
      path: formatPath(path),
      name: question.name,
      ...(question.item !== undefined && { item: question.item }),
      ...(context.dynamic && { dynamicPanel: context.dynamic.name }),
      questionKey: key,
      values: codec?.list ?? [],
    });
  }

  /** A SurveyJS localizable string as a LocalizedText; undefined when absent or empty. */
  localized(value: unknown, path: Path, max: number): LocalizedText | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' || typeof value === 'boolean') return this.localized(String(value), path, max);
    if (typeof value === 'string') {
      const fr = this.clean(value, path, max);
      return fr ? { fr } : undefined;
    }
    if (!isPlainObject(value)) {
      this.error(path, 'invalid_type', `A text must be a string or an object of translations, not ${describeValue(value)}.`);
      return undefined;
    }
    const texts = new Map<'default' | 'fr' | 'en', string>();
    for (const [locale, text] of Object.entries(value)) {
      if (locale !== 'default' && locale !== 'fr' && locale !== 'en') {
        if (typeof text === 'string' && text.trim() !== '') this.otherLocales.add(truncate(locale, 20));
        continue;
      }
      if (typeof text !== 'string') {
        this.error([...path, locale], 'invalid_type', `A translation must be a text, not ${describeValue(text)}.`);
        continue;
      }
      const cleaned = this.clean(text, [...path, locale], max);
      if (cleaned) texts.set(locale, cleaned);
    }
    const explicitFr = texts.get('fr');
    const fallback = texts.get('default');
    const fr = explicitFr ?? fallback ?? texts.get('en');
    if (fr === undefined) return undefined;
    const en = texts.get('en') ?? (explicitFr !== undefined && fallback !== undefined && fallback !== explicitFr ? fallback : undefined);
    return en === undefined || en === fr ? { fr } : { fr, en };
  }

  /** Trims, removes NUL characters and cuts texts over the limit (with a warning). */
  clean(text: string, path: Path, max: number): string | undefined {
    const cleaned = text.replaceAll('\u0000', '').trim();
    if (cleaned === '') return undefined;
    if (cleaned.length <= max) return cleaned;
    this.warn(path, 'text_truncated', `This text has ${cleaned.length} characters; it was cut to the framework's limit of ${max}.`);
    return `${cleaned.slice(0, max - 1).trimEnd()}…`;
  }
}

function buildIndicator(
  key: string,
  wording: LocalizedText,
  help: LocalizedText | undefined,
  required: boolean,
  visibleIf: string | undefined,
  format: Format,
): { indicator: Indicator; codec: ValueCodec | undefined } {
  const audiences: StakeholderGroupKey[] = [...STAKEHOLDER_GROUP_KEYS];
  const question: Question = {
    key,
    audiences,
    wording: Object.fromEntries(audiences.map((audience) => [audience, { ...wording }])),
    ...(help && { help }),
    required,
    ...(visibleIf !== undefined && { visibleIf }),
  };
  const base = { key, title: wording, level: 'resultat' as const, questions: [question] };
  switch (format.kind) {
    case 'scale':
      return {
        indicator: { ...base, kind: 'scale', scale: format.scale, scoring: { rule: 'linear', reverse: false }, dontKnow: 'not_offered' },
        codec: format.codec,
      };
    case 'quantity':
      return {
        indicator: {
          ...base,
          kind: 'quantity',
          quantity: format.max === undefined ? { min: format.min, integer: format.integer } : { min: format.min, max: format.max, integer: format.integer },
          scoring: { rule: 'none' },
          dontKnow: 'not_offered',
        },
        codec: undefined,
      };
    case 'yes_no':
      return {
        indicator: { ...base, kind: 'yes_no', scoring: { rule: 'yes_no', yes: 100, no: 0 }, dontKnow: 'not_offered' },
        codec: makeCodec(
          [
            [format.trueValue, YES_VALUE],
            [format.falseValue, NO_VALUE],
          ],
          false,
        ),
      };
    case 'single_choice':
    case 'multiple_choice': {
      const used = new Set<string>([...RESERVED_KEYS, DONT_KNOW_VALUE]);
      const pairs: Array<[ItemValue, string]> = [];
      const choices: Choice[] = format.items.map((item) => {
        const value = allocate(deriveKey(String(item.value), 'c'), used);
        pairs.push([item.value, value]);
        return { value, label: item.text ?? fallbackText(item.value, CHOICE_LABEL_MAX) };
      });
      if (format.dontKnow !== 'not_offered') pairs.push([SURVEYJS_DONT_KNOW, DONT_KNOW_VALUE]);
      const codec = makeCodec(pairs, false);
      const indicator: Indicator =
        format.kind === 'single_choice'
          ? { ...base, kind: 'single_choice', choices, scoring: { rule: 'none' }, dontKnow: format.dontKnow }
          : { ...base, kind: 'multiple_choice', choices, scoring: { rule: 'none' }, dontKnow: format.dontKnow };
      return { indicator, codec: codec.list.length > 0 ? codec : undefined };
    }
    case 'text':
      return {
        indicator: {
          ...base,
          kind: 'text',
          ...(format.maxLength !== undefined && { text: { maxLength: format.maxLength } }),
          scoring: { rule: 'none' },
          dontKnow: 'not_offered',
        },
        codec: undefined,
      };
  }
}

/** A codec from (SurveyJS value, Regards value) pairs; only pairs that change are listed. */
function makeCodec(pairs: ReadonlyArray<readonly [ItemValue, string | number]>, ordered: boolean): ValueCodec {
  const codec: ValueCodec = { ordered, values: new Map(), folded: new Map(), list: [] };
  for (const [from, to] of pairs) {
    const text = String(from);
    if (!codec.values.has(text)) codec.values.set(text, to);
    if (!codec.folded.has(text.toLowerCase())) codec.folded.set(text.toLowerCase(), to);
    if (from !== to) codec.list.push({ from, to });
  }
  return codec;
}

function lookup(codec: ValueCodec, value: unknown): string | number | undefined {
  if (!isItemValue(value)) return undefined;
  const text = String(value);
  return codec.values.get(text) ?? codec.folded.get(text.toLowerCase());
}

/** Resolves a variable of a condition to a question imported earlier on the same page. */
function resolve(variable: string, context: WalkContext): Entry | undefined {
  const inPanel = /^panel\./i.test(variable);
  const names = inPanel ? context.dynamic?.byName : context.page.byName;
  if (!names) return undefined;
  const name = inPanel ? variable.slice('panel.'.length) : variable;
  const exact = names.get(name);
  if (exact) return exact;
  // SurveyJS reads names in expressions without regard to case.
  const folded = [...names.entries()].filter(([candidate]) => candidate.toLowerCase() === name.toLowerCase());
  return folded.length === 1 ? folded[0][1] : undefined;
}

type Rewrite = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Rewrites a SurveyJS condition for the imported framework: variables become question keys and the
 * values compared with a question whose answer values changed become the new values. Fails when a
 * variable is not resolved or a changed value is used otherwise than compared with constants.
 */
function rewriteCondition(expression: string, resolveVariable: (variable: string) => Entry | undefined): Rewrite {
  const check = checkCondition(expression);
  if (!check.ok) return { ok: false, reason: `it cannot be used (${check.message})` };
  const root = new ConditionsParser().parseExpression(expression);
  if (!root) return { ok: false, reason: 'it cannot be parsed' };
  const overrides = new Map<Operand, string>();
  let failure: string | undefined;
  const fail = (reason: string): void => {
    failure ??= reason;
  };

  const variable = (operand: Variable, comparedWithConstants: boolean): Entry | undefined => {
    const entry = resolveVariable(operand.variable);
    if (!entry) {
      fail(`it reads {${truncate(operand.variable)}}, which is not a question imported earlier on the same page`);
      return undefined;
    }
    if (entry.codec && !comparedWithConstants) {
      fail(`it uses the answer to {${truncate(operand.variable)}} in a way that cannot follow its new answer values`);
    }
    const prefix = operand.toString().startsWith('{#') ? '#' : '';
    overrides.set(operand, `{${prefix}${entry.key}}`);
    return entry;
  };

  const constant = (operand: Const, entry: Entry, name: string, operator: string): void => {
    if (!entry.codec) return;
    if (ORDERING_OPERATORS.has(operator) && !entry.codec.ordered) {
      fail(`it orders the answers to {${truncate(name)}}, which are choices`);
      return;
    }
    const value: unknown = operand.correctValue;
    const mapped = lookup(entry.codec, value);
    if (mapped === undefined) {
      fail(`it compares {${truncate(name)}} with ${describeValue(value)}, which is not one of its answers`);
      return;
    }
    overrides.set(operand, typeof mapped === 'number' ? String(mapped) : `'${mapped}'`);
  };

  const visit = (operand: unknown): void => {
    if (operand === null || operand === undefined) return;
    if (operand instanceof Variable) {
      variable(operand, false);
    } else if (operand instanceof Const) {
      return;
    } else if (operand instanceof BinaryOperand) {
      const left: unknown = operand.leftOperand;
      const right: unknown = operand.rightOperand;
      if (COMPARISON_OPERATORS.has(operand.operator)) {
        const pair = left instanceof Variable && constantsOf(right) ? { v: left, c: constantsOf(right) } : right instanceof Variable && constantsOf(left) ? { v: right, c: constantsOf(left) } : undefined;
        if (pair?.c) {
          const entry = variable(pair.v, true);
          if (entry) for (const item of pair.c) constant(item, entry, pair.v.variable, operand.operator);
          return;
        }
      }
      visit(left);
      visit(right);
    } else if (operand instanceof UnaryOperand) {
      if ((operand.operator === 'empty' || operand.operator === 'notempty') && operand.expression instanceof Variable) {
        variable(operand.expression, true);
      } else {
        visit(operand.expression);
      }
    } else if (operand instanceof ArrayOperand) {
      operand.values.forEach(visit);
    } else if (operand instanceof FunctionOperand) {
      operand.paramValues.forEach(visit);
    } else {
      fail('it holds an expression this import does not know');
    }
  };
  visit(root);
  if (failure !== undefined) return { ok: false, reason: failure };
  const changed = [...overrides.entries()].some(([operand, text]) => operand.toString() !== text);
  const text = changed ? root.toString((operand) => overrides.get(operand) ?? '') : expression.trim();
  const recheck = checkCondition(text);
  if (!recheck.ok) return { ok: false, reason: `it cannot be rewritten (${recheck.message})` };
  return { ok: true, text };
}

/** The constants of a comparison's other side: one constant, or a list of constants. */
function constantsOf(operand: unknown): Const[] | undefined {
  const isConstant = (value: unknown): value is Const => value instanceof Const && !(value instanceof Variable);
  if (isConstant(operand)) return [operand];
  if (operand instanceof ArrayOperand && operand.values.every(isConstant)) return operand.values as Const[];
  return undefined;
}

/**
 * A stable key from a SurveyJS name or value: accents dropped, camelCase split, other characters
 * as `_`, prefixed when it does not start with a letter, at most KEY_MAX_LENGTH characters.
 */
export function deriveKey(raw: string, prefix: string): string {
  const key = raw
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const prefixed = key === '' ? prefix : /^[a-z]/.test(key) ? key : `${prefix}_${key}`;
  return prefixed.slice(0, KEY_MAX_LENGTH).replace(/_+$/, '');
}

/** The key itself when free, else the first free `key_2`, `key_3`…; marks it used. */
function allocate(key: string, used: Set<string>): string {
  let candidate = key;
  for (let n = 2; used.has(candidate); n += 1) {
    const suffix = `_${n}`;
    candidate = `${key.slice(0, KEY_MAX_LENGTH - suffix.length).replace(/_+$/, '')}${suffix}`;
  }
  used.add(candidate);
  return candidate;
}

/** `a — b` in each language, English falling back to French on each side; cut to `max`. */
function joinTexts(a: LocalizedText, b: LocalizedText, max: number): LocalizedText {
  const fr = clip(`${a.fr} — ${b.fr}`, max);
  if (a.en === undefined && b.en === undefined) return { fr };
  return { fr, en: clip(`${a.en ?? a.fr} — ${b.en ?? b.fr}`, max) };
}

/** A name or value shown as a text (no title given): NUL characters removed, cut, never empty. */
function fallbackText(value: ItemValue, max: number): LocalizedText {
  const text = String(value).replaceAll('\u0000', '').trim();
  return { fr: clip(text === '' ? '?' : text, max) };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function isItemValue(value: unknown): value is ItemValue {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) return Number(value);
  return undefined;
}

function textMaxLength(value: unknown): number | undefined {
  const number = toNumber(value);
  return number !== undefined && Number.isInteger(number) && number >= 1 && number <= TEXT_ANSWER_MAX_LENGTH ? number : undefined;
}

/** `min + k·step` without binary noise (0.1 + 0.2), to the decimals of the step and the start. */
function roundLike(value: number, step: number, start: number): number {
  const decimals = Math.max(decimalsOf(step), decimalsOf(start));
  return Number(value.toFixed(Math.min(decimals, 10)));
}

function decimalsOf(value: number): number {
  const text = String(value);
  return text.includes('.') ? text.length - text.indexOf('.') - 1 : 0;
}
