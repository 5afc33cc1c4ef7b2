/**
 * The difference between two versions of a framework, indicator by indicator, as a facilitator
 * needs it before publishing and when comparing an evaluation with the previous one: which
 * indicators were added or removed, which changed what respondents read (reworded), which can no
 * longer be compared score for score (rescored), which moved to another criterion.
 * Indicators and questions are matched by key, so reordering is not a change.
 */
import { canonicalJson } from './canonical-json.js';
import { eachIndicator, type Indicator, type VersionContent } from './framework.js';
import { LOCALES, type Locale, type LocalizedText } from './locale.js';

export interface IndicatorRef {
  indicatorKey: string;
  dimensionKey: string;
  criterionKey: string;
  title: LocalizedText;
}

/** A respondent-visible text that changed, in one locale; null when absent on that side. */
export interface TextChange {
  /** Key-based, e.g. `questions.q_listening.wording.staff`, `choices.monthly.label`, `scale.labels[2]`. */
  path: string;
  locale: Locale;
  before: string | null;
  after: string | null;
}

export interface RewordedIndicator {
  indicatorKey: string;
  changes: TextChange[];
}

export type RescoreReason = 'kind' | 'answer_format' | 'scoring' | 'dont_know';

export interface ScoringSummary {
  kind: Indicator['kind'];
  scoring: Indicator['scoring'];
  dontKnow: Indicator['dontKnow'];
}

export interface RescoredIndicator {
  indicatorKey: string;
  reasons: RescoreReason[];
  before: ScoringSummary;
  after: ScoringSummary;
}

export interface MovedIndicator {
  indicatorKey: string;
  from: { dimensionKey: string; criterionKey: string };
  to: { dimensionKey: string; criterionKey: string };
}

export interface VersionDiff {
  /** In the order of the newer version. */
  added: IndicatorRef[];
  /** In the order of the older version. */
  removed: IndicatorRef[];
  reworded: RewordedIndicator[];
  rescored: RescoredIndicator[];
  moved: MovedIndicator[];
}

interface Located {
  ref: IndicatorRef;
  indicator: Indicator;
}

/** What changed from version `a` (older) to version `b` (newer). */
export function diffVersions(a: VersionContent, b: VersionContent): VersionDiff {
  const before = locate(a);
  const after = locate(b);
  const diff: VersionDiff = { added: [], removed: [], reworded: [], rescored: [], moved: [] };
  for (const [key, old] of before) if (!after.has(key)) diff.removed.push(old.ref);
  for (const [key, current] of after) {
    const old = before.get(key);
    if (!old) {
      diff.added.push(current.ref);
      continue;
    }
    const changes = diffTexts(respondentTexts(old.indicator), respondentTexts(current.indicator));
    if (changes.length > 0) diff.reworded.push({ indicatorKey: key, changes });
    const reasons = rescoreReasons(old.indicator, current.indicator);
    if (reasons.length > 0) {
      diff.rescored.push({ indicatorKey: key, reasons, before: summary(old.indicator), after: summary(current.indicator) });
    }
    if (old.ref.dimensionKey !== current.ref.dimensionKey || old.ref.criterionKey !== current.ref.criterionKey) {
      diff.moved.push({
        indicatorKey: key,
        from: { dimensionKey: old.ref.dimensionKey, criterionKey: old.ref.criterionKey },
        to: { dimensionKey: current.ref.dimensionKey, criterionKey: current.ref.criterionKey },
      });
    }
  }
  return diff;
}

/** True when nothing an evaluation could notice changed. */
export function isEmptyDiff(diff: VersionDiff): boolean {
  return diff.added.length + diff.removed.length + diff.reworded.length + diff.rescored.length + diff.moved.length === 0;
}

function locate(version: VersionContent): Map<string, Located> {
  const map = new Map<string, Located>();
  for (const { dimension, criterion, indicator } of eachIndicator(version.content)) {
    map.set(indicator.key, {
      ref: { indicatorKey: indicator.key, dimensionKey: dimension.key, criterionKey: criterion.key, title: indicator.title },
      indicator,
    });
  }
  return map;
}

/** Every text a respondent reads for this indicator, by a key-based path. */
function respondentTexts(indicator: Indicator): Map<string, LocalizedText> {
  const texts = new Map<string, LocalizedText>();
  for (const question of indicator.questions) {
    const base = `questions.${question.key}`;
    for (const audience of question.audiences) {
      const wording = question.wording[audience];
      if (wording) texts.set(`${base}.wording.${audience}`, wording);
    }
    if (question.help) texts.set(`${base}.help`, question.help);
    if (question.why?.label) texts.set(`${base}.why.label`, question.why.label);
  }
  if (indicator.unit) texts.set('unit', indicator.unit);
  if (indicator.kind === 'scale') {
    const { minLabel, maxLabel, labels } = indicator.scale;
    if (minLabel) texts.set('scale.minLabel', minLabel);
    if (maxLabel) texts.set('scale.maxLabel', maxLabel);
    for (const [index, label] of (labels ?? []).entries()) texts.set(`scale.labels[${index}]`, label);
  }
  if (indicator.kind === 'single_choice' || indicator.kind === 'multiple_choice') {
    for (const choice of indicator.choices) texts.set(`choices.${choice.value}.label`, choice.label);
  }
  return texts;
}

function diffTexts(before: Map<string, LocalizedText>, after: Map<string, LocalizedText>): TextChange[] {
  const changes: TextChange[] = [];
  const paths = [...after.keys(), ...[...before.keys()].filter((path) => !after.has(path))];
  for (const path of paths) {
    for (const locale of LOCALES) {
      const old = before.get(path)?.[locale] ?? null;
      const current = after.get(path)?.[locale] ?? null;
      if (old !== current) changes.push({ path, locale, before: old, after: current });
    }
  }
  return changes;
}

/**
 * Why scores of `current` cannot be compared with scores of `old` (same key, two versions): an
 * empty list when a score means the same on both sides. Labels and choice order do not count.
 */
export function rescoreReasons(old: Indicator, current: Indicator): RescoreReason[] {
  const reasons: RescoreReason[] = [];
  if (old.kind !== current.kind) reasons.push('kind');
  else if (canonicalJson(answerFormat(old)) !== canonicalJson(answerFormat(current))) reasons.push('answer_format');
  if (canonicalJson(old.scoring) !== canonicalJson(current.scoring)) reasons.push('scoring');
  if (old.dontKnow !== current.dontKnow) reasons.push('dont_know');
  return reasons;
}

/** The part of the answer format that changes what a score means (not labels or choice order). */
function answerFormat(indicator: Indicator): unknown {
  switch (indicator.kind) {
    case 'scale':
      return { min: indicator.scale.min, max: indicator.scale.max };
    case 'quantity':
      return indicator.quantity;
    case 'single_choice':
    case 'multiple_choice':
      return indicator.choices.map((choice) => choice.value).sort();
    case 'yes_no':
    case 'text':
      return null;
  }
}

function summary(indicator: Indicator): ScoringSummary {
  return { kind: indicator.kind, scoring: indicator.scoring, dontKnow: indicator.dontKnow };
}
