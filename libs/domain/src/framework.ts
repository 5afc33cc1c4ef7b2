/**
 * The framework model (référentiel d'utilité sociale) and its JSON format, version 1.
 *
 * A Framework has versions; a FrameworkVersion is a draft (editable) or published (frozen, its
 * content hashed with `contentHash`). The *content* of a version is the exchange format: it is what
 * `framework:validate` checks, what import/export reads and writes, and what is hashed.
 *
 * ```jsonc
 * {
 *   "formatVersion": 1,
 *   "title": { "fr": "Utilité sociale — socle commun", "en": "Social utility — common core" },
 *   "description": { "fr": "…" },                        // optional
 *   "licence": "CC-BY-SA-4.0",                           // optional, SPDX identifier
 *   "sources": [{ "citation": "J. Gadrey, 2004…", "url": "https://…" }],   // optional
 *   "dimensions": [{
 *     "key": "cooperation",                              // stable keys: ^[a-z][a-z0-9_]*$, ≤ 64
 *     "title": { "fr": "…", "en": "…" },
 *     "introduction": { "fr": "…" },                     // optional, shown atop the dimension's page
 *     "criteria": [{
 *       "key": "…", "title": { "fr": "…" }, "description": { "fr": "…" },   // description optional
 *       "indicators": [{
 *         "key": "…", "title": { "fr": "…" }, "description": { "fr": "…" },  // for analysts
 *         "level": "realisation" | "resultat" | "impact",
 *         "unit": { "fr": "personnes", "en": "people" },  // optional
 *         "kind": "scale" | "quantity" | "yes_no" | "single_choice" | "multiple_choice" | "text",
 *         // the answer format, one of (by kind):
 *         "scale": { "min": 1, "max": 5, "minLabel": {…}, "maxLabel": {…}, "labels": [{…}, …] },
 *         "quantity": { "min": 0, "max": 10000, "integer": true },
 *         "choices": [{ "value": "monthly", "label": { "fr": "…" } }, …],   // single/multiple
 *         "text": { "maxLength": 2000 },                // optional for text
 *         "scoring": { "rule": "none" }                  // or, by kind:
 *                 // scale:           { "rule": "linear", "reverse": false }
 *                 // quantity:        { "rule": "target", "baseline": 0, "target": 20 }
 *                 // yes_no:          { "rule": "yes_no", "yes": 100, "no": 0 }
 *                 // single_choice:   { "rule": "weights", "weights": { "monthly": 100, … } }
 *                 // multiple_choice: { "rule": "weighted_share", "weights": { "a": 2, "b": 1 } }
 *         "dontKnow": "not_offered" | "excluded" | "counted_as_zero",
 *         "questions": [{
 *           "key": "…",                                  // stable, unique in the version: the
 *                                                        // SurveyJS question name and answer key
 *           "audiences": ["staff", "volunteers"],        // stakeholder group keys
 *           "wording": { "staff": { "fr": "…", "en": "…" }, "volunteers": { "fr": "…" } },
 *           "help": { "fr": "…" },                       // optional, for every audience
 *           "required": false,
 *           "visibleIf": "{other_key} = 'yes'",          // optional, SurveyJS expression syntax
 *           "why": { "label": { "fr": "Pourquoi ?" } }  // optional: a "pourquoi ?" comment
 *         }]
 *       }]
 *     }]
 *   }]
 * }
 * ```
 *
 * Choices made, and why:
 * - **The answer format and the scoring live on the indicator, the wording on the question.**
 *   Every question of an indicator is answered on the same scale, so the perspectives of the groups
 *   (the heart of "regards croisés") are comparable; only the words change per group. Several
 *   questions on one indicator asked of the same group are items of a composite (their scores are
 *   averaged by the aggregation).
 * - **Wording is keyed by audience**, each with French required and English optional (falling back
 *   to French): beneficiaries get plain words, partners the institutional ones. `audiences` lists
 *   who is asked; `wording` must have exactly those keys.
 * - **Scoring maps one answer to 0–100** (see `scoring.ts`): a scale linearly between min and max
 *   (optionally reversed); a quantity linearly from `baseline` (0) to `target` (100), clamped, so a
 *   lower-is-better quantity has `target < baseline`; yes/no by two explicit scores; a single choice
 *   by a 0–100 weight per choice (every choice weighted); a multiple choice by the share of the total
 *   weight selected (weights ≥ 0, relative). The multiple-choice rule is linear in the choices on
 *   purpose: a group's mean score is computable from counts per choice, which is how results are
 *   computed in SQL. `none` keeps an indicator descriptive (counts, stories).
 * - **"Je ne sais pas" is explicit**: `not_offered` (no such answer), `excluded` (offered, left out
 *   of the score) or `counted_as_zero` (offered, scores 0). It is offered only where it can be an
 *   answer among others: scales, yes/no and choices (not quantities or texts). Its stored value is
 *   `dont_know`, a reserved choice value.
 * - **`visibleIf`** uses SurveyJS syntax so the browser and the server evaluate it with the same
 *   engine. It may refer only to earlier questions of the same dimension asked of every audience of
 *   the conditioned question, so a compiled questionnaire always contains what its conditions read.
 *   Yes/no answers are the strings `'yes'` / `'no'`.
 * - **"Pourquoi ?"** is a comment attached to the answer (SurveyJS's comment area, stored as
 *   `<key>-Comment`); offered for scales, yes/no and choices.
 * - All fields listed are required unless marked optional; unknown fields are errors (a typo must
 *   not silently drop a setting).
 */
import type { LocalizedText } from './locale.js';
import type { StakeholderGroupKey } from './stakeholder-group.js';

export const FRAMEWORK_FORMAT_VERSION = 1;

export const INDICATOR_KINDS = ['scale', 'quantity', 'yes_no', 'single_choice', 'multiple_choice', 'text'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** réalisation (output), résultat (result), impact. */
export const INDICATOR_LEVELS = ['realisation', 'resultat', 'impact'] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];

export const DONT_KNOW_MODES = ['not_offered', 'excluded', 'counted_as_zero'] as const;
export type DontKnowMode = (typeof DONT_KNOW_MODES)[number];

/** The stored value of "je ne sais pas"; reserved, no choice may use it. */
export const DONT_KNOW_VALUE = 'dont_know';
export const YES_VALUE = 'yes';
export const NO_VALUE = 'no';

/** Kinds on which "je ne sais pas" and the "pourquoi ?" comment can be offered. */
export const KINDS_WITH_DONT_KNOW: readonly IndicatorKind[] = ['scale', 'yes_no', 'single_choice', 'multiple_choice'];
export const KINDS_WITH_WHY: readonly IndicatorKind[] = ['scale', 'yes_no', 'single_choice', 'multiple_choice'];

/** Longest text answer accepted (characters, as counted by JavaScript and SurveyJS). */
export const TEXT_ANSWER_MAX_LENGTH = 10_000;

export interface FrameworkSource {
  citation: string;
  url?: string;
}

/** The content of a framework version: the versioned exchange format (see the top of this file). */
export interface FrameworkContent {
  formatVersion: typeof FRAMEWORK_FORMAT_VERSION;
  title: LocalizedText;
  description?: LocalizedText;
  licence?: string;
  sources?: FrameworkSource[];
  dimensions: Dimension[];
}

export interface Dimension {
  key: string;
  title: LocalizedText;
  introduction?: LocalizedText;
  criteria: Criterion[];
}

export interface Criterion {
  key: string;
  title: LocalizedText;
  description?: LocalizedText;
  indicators: Indicator[];
}

export interface NoScoring {
  rule: 'none';
}
export interface LinearScoring {
  rule: 'linear';
  /** When true, `min` scores 100 and `max` scores 0. */
  reverse: boolean;
}
export interface TargetScoring {
  rule: 'target';
  /** The value that scores 0. */
  baseline: number;
  /** The value that scores 100 (may be below the baseline when lower is better). */
  target: number;
}
export interface YesNoScoring {
  rule: 'yes_no';
  yes: number;
  no: number;
}
export interface WeightsScoring {
  rule: 'weights';
  /** 0–100 per choice value; every choice has one. */
  weights: Record<string, number>;
}
export interface WeightedShareScoring {
  rule: 'weighted_share';
  /** Relative weights ≥ 0 per choice value; every choice has one; their sum is > 0. */
  weights: Record<string, number>;
}
export type ScoringRule = NoScoring | LinearScoring | TargetScoring | YesNoScoring | WeightsScoring | WeightedShareScoring;

export interface ScaleSpec {
  /** Integers; 1 ≤ max − min ≤ 10. */
  min: number;
  max: number;
  minLabel?: LocalizedText;
  maxLabel?: LocalizedText;
  /** One label per point, from min to max: a labelled (agreement) scale. */
  labels?: LocalizedText[];
}

export interface QuantitySpec {
  min: number;
  max?: number;
  integer: boolean;
}

export interface TextSpec {
  /** At most TEXT_ANSWER_MAX_LENGTH. */
  maxLength: number;
}

export interface Choice {
  value: string;
  label: LocalizedText;
}

export interface QuestionWhy {
  /** Defaults to "Pourquoi ?" / "Why?". */
  label?: LocalizedText;
}

export type QuestionWording = Partial<Record<StakeholderGroupKey, LocalizedText>>;

export interface Question {
  key: string;
  audiences: StakeholderGroupKey[];
  wording: QuestionWording;
  help?: LocalizedText;
  required: boolean;
  visibleIf?: string;
  why?: QuestionWhy;
}

interface IndicatorBase {
  key: string;
  title: LocalizedText;
  description?: LocalizedText;
  level: IndicatorLevel;
  unit?: LocalizedText;
  dontKnow: DontKnowMode;
  questions: Question[];
}

export interface ScaleIndicator extends IndicatorBase {
  kind: 'scale';
  scale: ScaleSpec;
  scoring: LinearScoring | NoScoring;
}
export interface QuantityIndicator extends IndicatorBase {
  kind: 'quantity';
  quantity: QuantitySpec;
  scoring: TargetScoring | NoScoring;
}
export interface YesNoIndicator extends IndicatorBase {
  kind: 'yes_no';
  scoring: YesNoScoring | NoScoring;
}
export interface SingleChoiceIndicator extends IndicatorBase {
  kind: 'single_choice';
  choices: Choice[];
  scoring: WeightsScoring | NoScoring;
}
export interface MultipleChoiceIndicator extends IndicatorBase {
  kind: 'multiple_choice';
  choices: Choice[];
  scoring: WeightedShareScoring | NoScoring;
}
export interface TextIndicator extends IndicatorBase {
  kind: 'text';
  text?: TextSpec;
  scoring: NoScoring;
}

export type Indicator =
  | ScaleIndicator
  | QuantityIndicator
  | YesNoIndicator
  | SingleChoiceIndicator
  | MultipleChoiceIndicator
  | TextIndicator;

/**
 * A question the organization adds to its evaluation (co-construction): an indicator of its own,
 * with its question(s), placed at the end of one dimension's page.
 */
export interface CustomQuestion {
  dimensionKey: string;
  indicator: Indicator;
}

export const FRAMEWORK_VERSION_STATUSES = ['draft', 'published'] as const;
export type FrameworkVersionStatus = (typeof FRAMEWORK_VERSION_STATUSES)[number];

/** A version of a framework. Published versions are immutable and carry their content hash. */
export interface FrameworkVersion {
  number: number;
  status: FrameworkVersionStatus;
  /** sha256 of the canonical JSON of `content`, hex; set when published. */
  contentHash: string | null;
  /** ISO 8601; set when published. */
  publishedAt: string | null;
  content: FrameworkContent;
}

/** Anything that carries a framework version's content (a FrameworkVersion, or a draft being edited). */
export interface VersionContent {
  content: FrameworkContent;
}

/** Walks every indicator of a content, in document order, with its dimension and criterion. */
export function* eachIndicator(
  content: FrameworkContent,
): Generator<{ dimension: Dimension; criterion: Criterion; indicator: Indicator }> {
  for (const dimension of content.dimensions) {
    for (const criterion of dimension.criteria) {
      for (const indicator of criterion.indicators) yield { dimension, criterion, indicator };
    }
  }
}

/** The choice values an answer may take for an indicator, "je ne sais pas" excluded. */
export function offeredChoiceValues(indicator: Indicator): string[] {
  switch (indicator.kind) {
    case 'single_choice':
    case 'multiple_choice':
      return indicator.choices.map((choice) => choice.value);
    case 'yes_no':
      return [YES_VALUE, NO_VALUE];
    default:
      return [];
  }
}
