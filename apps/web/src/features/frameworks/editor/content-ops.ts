/**
 * Pure operations of the framework editor on a working copy of a version's content: addressing
 * items by their indices, adding, removing and moving them, generating keys, changing an
 * indicator's kind. The working copy may be invalid while someone types (empty texts, missing
 * numbers): `validateFrameworkContent` says what is wrong, these functions never refuse.
 */
import {
  DONT_KNOW_VALUE,
  KINDS_WITH_DONT_KNOW,
  KINDS_WITH_WHY,
  type Choice,
  type Criterion,
  type Dimension,
  type FrameworkContent,
  type Indicator,
  type IndicatorKind,
  type Question,
  type ScoringRule,
} from '#domain/framework';
import type { LocalizedText } from '#domain/locale';

/** An item of the outline: [] the framework, [d] a dimension, [d, c] a criterion, [d, c, i] an indicator, [d, c, i, q] a question. */
export type ItemPath = readonly number[];
export type ItemLevel = 'framework' | 'dimension' | 'criterion' | 'indicator' | 'question';

const LEVELS: readonly ItemLevel[] = ['framework', 'dimension', 'criterion', 'indicator', 'question'];
const SEGMENTS = ['dimensions', 'criteria', 'indicators', 'questions'] as const;
export const CHILD_LEVEL: Partial<Record<ItemLevel, Exclude<ItemLevel, 'framework'>>> = {
  framework: 'dimension',
  dimension: 'criterion',
  criterion: 'indicator',
  indicator: 'question',
};

export function levelOf(path: ItemPath): ItemLevel {
  return LEVELS[path.length] ?? 'question';
}

/** `dimensions[1].criteria[0]` for [1, 0]; '' for the framework. */
export function pathString(path: ItemPath): string {
  return path.map((index, depth) => `${SEGMENTS[depth]}[${index}]`).join('.');
}

/** A field path below an item: `fieldPath([1], 'title.fr')` → `dimensions[1].title.fr`. */
export function fieldPath(path: ItemPath, field: string): string {
  const base = pathString(path);
  if (!field) return base;
  if (!base) return field;
  return field.startsWith('[') ? `${base}${field}` : `${base}.${field}`;
}

const ITEM_PREFIX = /^(?:dimensions\[(\d+)\])?(?:\.criteria\[(\d+)\])?(?:\.indicators\[(\d+)\])?(?:\.questions\[(\d+)\])?/;

/** The item a validation path points into, and the rest of the path. */
export function itemOfPath(path: string): { item: number[]; rest: string } {
  const match = ITEM_PREFIX.exec(path);
  const item: number[] = [];
  if (match) {
    for (const group of match.slice(1)) {
      if (group === undefined) break;
      item.push(Number(group));
    }
  }
  const consumed = match?.[0].length ?? 0;
  return { item, rest: path.slice(consumed).replace(/^\./, '') };
}

export function samePath(a: ItemPath, b: ItemPath): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

export type Item = FrameworkContent | Dimension | Criterion | Indicator | Question;

export function dimensionAt(content: FrameworkContent, path: ItemPath): Dimension | undefined {
  return content.dimensions[path[0]];
}
export function criterionAt(content: FrameworkContent, path: ItemPath): Criterion | undefined {
  return dimensionAt(content, path)?.criteria[path[1]];
}
export function indicatorAt(content: FrameworkContent, path: ItemPath): Indicator | undefined {
  return criterionAt(content, path)?.indicators[path[2]];
}
export function questionAt(content: FrameworkContent, path: ItemPath): Question | undefined {
  return indicatorAt(content, path)?.questions[path[3]];
}

export function itemAt(content: FrameworkContent, path: ItemPath): Item | undefined {
  switch (path.length) {
    case 0:
      return content;
    case 1:
      return dimensionAt(content, path);
    case 2:
      return criterionAt(content, path);
    case 3:
      return indicatorAt(content, path);
    default:
      return questionAt(content, path);
  }
}

/** The list holding the item at `path` (the dimensions, a dimension's criteria…). */
function siblingsOf(content: FrameworkContent, path: ItemPath): unknown[] | undefined {
  const parent = path.slice(0, -1);
  switch (parent.length) {
    case 0:
      return content.dimensions;
    case 1:
      return dimensionAt(content, parent)?.criteria;
    case 2:
      return criterionAt(content, parent)?.indicators;
    case 3:
      return indicatorAt(content, parent)?.questions;
    default:
      return undefined;
  }
}

export function siblingCount(content: FrameworkContent, path: ItemPath): number {
  return path.length === 0 ? 1 : (siblingsOf(content, path)?.length ?? 0);
}

/** Moves an item by `delta` among its siblings; returns its new path (unchanged at an end). */
export function moveItem(content: FrameworkContent, path: ItemPath, delta: -1 | 1): number[] {
  const list = siblingsOf(content, path);
  const index = path[path.length - 1];
  const target = index + delta;
  if (!list || path.length === 0 || target < 0 || target >= list.length) return [...path];
  const [moved] = list.splice(index, 1);
  list.splice(target, 0, moved);
  return [...path.slice(0, -1), target];
}

/** Removes an item; returns the path to select next (the previous sibling, else the next, else the parent). */
export function removeItem(content: FrameworkContent, path: ItemPath): number[] {
  const list = siblingsOf(content, path);
  const index = path[path.length - 1];
  if (!list || path.length === 0) return [...path];
  list.splice(index, 1);
  if (list.length === 0) return path.slice(0, -1);
  return [...path.slice(0, -1), Math.min(Math.max(0, index - 1), list.length - 1)];
}

// Keys ---------------------------------------------------------------------------------------------

const KEY_MAX = 48;
const RESERVED = new Set(['constructor', 'prototype', 'row', 'panel', 'item', 'choice', 'self', 'locale', DONT_KNOW_VALUE]);

/** A key from a title: « Coopération territoriale » → `cooperation_territoriale`. */
function slugify(text: string, fallback: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, KEY_MAX)
    .replace(/_+$/g, '');
  if (!slug) return fallback;
  return /^[a-z]/.test(slug) ? slug : `${fallback}_${slug}`.slice(0, KEY_MAX);
}

/** `base`, or `base_2`, `base_3`… the first not taken. */
function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  const root = RESERVED.has(base) ? `${base}_1` : base;
  if (!taken.has(root)) return root;
  for (let n = 2; ; n += 1) {
    const candidate = `${root.slice(0, KEY_MAX - String(n).length - 1)}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export type KeyKind = 'dimension' | 'criterion' | 'indicator' | 'question';

/** Every key of one kind in the content (keys are unique per kind across the framework). */
function keysOf(content: FrameworkContent, kind: KeyKind): Set<string> {
  const keys = new Set<string>();
  for (const dimension of content.dimensions) {
    if (kind === 'dimension') keys.add(dimension.key);
    for (const criterion of dimension.criteria) {
      if (kind === 'criterion') keys.add(criterion.key);
      for (const indicator of criterion.indicators) {
        if (kind === 'indicator') keys.add(indicator.key);
        if (kind === 'question') for (const question of indicator.questions) keys.add(question.key);
      }
    }
  }
  return keys;
}

const KEY_FALLBACK: Record<KeyKind, string> = { dimension: 'dimension', criterion: 'critere', indicator: 'indicateur', question: 'question' };

/** A unique key for an item of `kind` from a text, ignoring `own` (the item's current key). */
export function keyFromText(content: FrameworkContent, kind: KeyKind, text: string, own?: string): string {
  const taken = keysOf(content, kind);
  if (own !== undefined) taken.delete(own);
  return uniqueKey(slugify(text, KEY_FALLBACK[kind]), taken);
}

// New items ----------------------------------------------------------------------------------------

export function newDimension(content: FrameworkContent, title: string): Dimension {
  return { key: keyFromText(content, 'dimension', title), title: { fr: title }, criteria: [] };
}

export function newCriterion(content: FrameworkContent, title: string): Criterion {
  return { key: keyFromText(content, 'criterion', title), title: { fr: title }, indicators: [] };
}

export function newIndicator(content: FrameworkContent, title: string): Indicator {
  return {
    key: keyFromText(content, 'indicator', title),
    title: { fr: title },
    level: 'resultat',
    kind: 'scale',
    scale: { min: 1, max: 5 },
    scoring: { rule: 'linear', reverse: false },
    dontKnow: 'excluded',
    questions: [],
  };
}

export function newQuestion(content: FrameworkContent, indicator: Indicator): Question {
  return {
    key: keyFromText(content, 'question', `${indicator.key}_q${indicator.questions.length + 1}`),
    audiences: [],
    wording: {},
    required: false,
  };
}

// Indicator kinds and scoring ------------------------------------------------------------------------

export function defaultScoring(kind: IndicatorKind, choices: readonly Choice[] = []): ScoringRule {
  switch (kind) {
    case 'scale':
      return { rule: 'linear', reverse: false };
    case 'quantity':
      return { rule: 'target', baseline: 0, target: 10 };
    case 'yes_no':
      return { rule: 'yes_no', yes: 100, no: 0 };
    case 'single_choice':
      return { rule: 'weights', weights: Object.fromEntries(choices.map((choice) => [choice.value, 0])) };
    case 'multiple_choice':
      return { rule: 'weighted_share', weights: Object.fromEntries(choices.map((choice) => [choice.value, 1])) };
    case 'text':
      return { rule: 'none' };
  }
}

function defaultChoices(): Choice[] {
  return [
    { value: 'choix_1', label: { fr: 'Choix 1' } },
    { value: 'choix_2', label: { fr: 'Choix 2' } },
  ];
}

/**
 * The indicator with another kind: the common fields are kept, the answer format and scoring
 * start from defaults of the new kind (choices are kept between the two choice kinds), and the
 * settings the new kind does not allow ("je ne sais pas", "pourquoi ?") are dropped.
 */
export function changeKind(indicator: Indicator, kind: IndicatorKind): Indicator {
  if (indicator.kind === kind) return indicator;
  const { key, title, description, level, unit } = indicator;
  const scored = indicator.scoring.rule !== 'none';
  const dontKnow = KINDS_WITH_DONT_KNOW.includes(kind) ? indicator.dontKnow : 'not_offered';
  const questions = indicator.questions.map((question) => {
    if (KINDS_WITH_WHY.includes(kind) || !question.why) return question;
    const { why: _dropped, ...rest } = question;
    return rest;
  });
  const base = { key, title, ...(description && { description }), level, ...(unit && { unit }), questions };
  const previousChoices = indicator.kind === 'single_choice' || indicator.kind === 'multiple_choice' ? indicator.choices : undefined;
  switch (kind) {
    case 'scale':
      return { ...base, kind, scale: { min: 1, max: 5 }, scoring: scored ? { rule: 'linear', reverse: false } : { rule: 'none' }, dontKnow };
    case 'quantity':
      return {
        ...base,
        kind,
        quantity: { min: 0, integer: true },
        scoring: scored ? { rule: 'target', baseline: 0, target: 10 } : { rule: 'none' },
        dontKnow: 'not_offered',
      };
    case 'yes_no':
      return { ...base, kind, scoring: scored ? { rule: 'yes_no', yes: 100, no: 0 } : { rule: 'none' }, dontKnow };
    case 'single_choice': {
      const choices = previousChoices ?? defaultChoices();
      return {
        ...base,
        kind,
        choices,
        scoring: scored ? { rule: 'weights', weights: Object.fromEntries(choices.map((c) => [c.value, 0])) } : { rule: 'none' },
        dontKnow,
      };
    }
    case 'multiple_choice': {
      const choices = previousChoices ?? defaultChoices();
      return {
        ...base,
        kind,
        choices,
        scoring: scored ? { rule: 'weighted_share', weights: Object.fromEntries(choices.map((c) => [c.value, 1])) } : { rule: 'none' },
        dontKnow,
      };
    }
    case 'text':
      return { ...base, kind, scoring: { rule: 'none' }, dontKnow: 'not_offered' };
  }
}

/** Keeps the weights of a choice indicator in step with its choices (same values, same order). */
export function syncWeights(indicator: Indicator): void {
  if (indicator.kind !== 'single_choice' && indicator.kind !== 'multiple_choice') return;
  if (indicator.scoring.rule !== 'weights' && indicator.scoring.rule !== 'weighted_share') return;
  const old = indicator.scoring.weights;
  const fallback = indicator.scoring.rule === 'weights' ? 0 : 1;
  indicator.scoring.weights = Object.fromEntries(
    indicator.choices.map((choice) => [choice.value, Object.hasOwn(old, choice.value) ? old[choice.value] : fallback]),
  );
}

/** Renames a choice value, carrying its weight along. */
export function renameChoice(indicator: Indicator, index: number, value: string): void {
  if (indicator.kind !== 'single_choice' && indicator.kind !== 'multiple_choice') return;
  const choice = indicator.choices[index];
  if (!choice) return;
  const before = choice.value;
  choice.value = value;
  const scoring = indicator.scoring;
  if ((scoring.rule === 'weights' || scoring.rule === 'weighted_share') && Object.hasOwn(scoring.weights, before)) {
    const weight = scoring.weights[before];
    scoring.weights = Object.fromEntries(
      indicator.choices.map((c, n) => [c.value, n === index ? weight : (scoring.weights[c.value] ?? 0)]),
    );
  } else {
    syncWeights(indicator);
  }
}

/** A unique choice value in an indicator, from a label. */
export function choiceValueFromLabel(choices: readonly Choice[], label: string, own?: string): string {
  const taken = new Set(choices.map((choice) => choice.value));
  if (own !== undefined) taken.delete(own);
  return uniqueKey(slugify(label, 'choix'), taken);
}

// Localized texts ----------------------------------------------------------------------------------

/**
 * A localized text after an edit of one locale: an empty English text is dropped (it falls back to
 * French); an optional text with nothing left is dropped altogether (`undefined`).
 */
export function editLocalized(
  current: LocalizedText | undefined,
  locale: 'fr' | 'en',
  value: string,
  optional: boolean,
): LocalizedText | undefined {
  const next: LocalizedText = { fr: current?.fr ?? '' };
  if (current?.en !== undefined) next.en = current.en;
  if (locale === 'fr') next.fr = value;
  else if (value === '') delete next.en;
  else next.en = value;
  if (optional && next.fr === '' && next.en === undefined) return undefined;
  return next;
}

/** Sets or removes an optional property of an object of the working copy. */
export function setOptional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}
