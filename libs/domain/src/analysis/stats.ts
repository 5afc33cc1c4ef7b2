/**
 * From counts per value to the figures of one cell: n, mean, median, distribution, share of
 * "je ne sais pas" and the 0–100 score. Every value is scored by `scoreAnswer` (scoring.ts), so
 * the scoring rules exist once; this file only weighs them by their counts.
 */
import { DONT_KNOW_VALUE, offeredChoiceValues, type Indicator } from '../framework.js';
import { scoreAnswer, type AnswerValue } from '../scoring.js';
import type { Stats, ValueCount } from './types.js';

/**
 * The figures of an indicator's answers in one cell.
 *
 * - `valueCounts`: the counts of the cell (one question, or every question of the indicator, in
 *   one group or pooled over groups); their keys are not read, only their values and counts.
 * - `respondents`: n, the distinct submissions behind the cell.
 * - `answers`: how many answers the counts hold (one per respondent and question). It equals
 *   `respondents` for a question's cell; for an indicator asked of a group through several
 *   questions it is the sum of the questions' respondents. It is the denominator of the
 *   "je ne sais pas" share and, for a multiple choice (whose counts are per chosen value), of
 *   the score.
 *
 * The score is the mean of the answers' scores. Answers whose score does not count ("je ne sais
 * pas" when excluded) leave the denominator; "je ne sais pas" counted as zero stays in it. A
 * multiple choice scores an answer by the share of weight it selects, which is linear in the
 * choices, so its mean is Σ count(v)·w(v) / (answers scored · Σw) · 100 — each choice's count
 * times the score of selecting that choice alone. Throws a TypeError (from `scoreAnswer`) when a
 * value cannot belong to the indicator: counts of normalised answers never hold one.
 */
export function statsFromCounts(indicator: Indicator, valueCounts: readonly ValueCount[], respondents: number, answers: number = respondents): Stats {
  if (indicator.kind === 'text') return { n: respondents, mean: null, median: null, distribution: [], dontKnowShare: 0, score: null };

  const numbers = new Map<number, number>();
  const choices = new Map<string, number>();
  let dontKnow = 0;
  for (const value of valueCounts) {
    if (value.count <= 0) continue;
    if (value.dontKnow) dontKnow += value.count;
    else if (value.numericValue !== null) numbers.set(value.numericValue, (numbers.get(value.numericValue) ?? 0) + value.count);
    else if (value.choiceValue !== null) choices.set(value.choiceValue, (choices.get(value.choiceValue) ?? 0) + value.count);
  }

  const numeric = [...numbers.entries()].sort(([a], [b]) => a - b);
  const offered = offeredChoiceValues(indicator);
  const choiceOrder = [...offered, ...[...choices.keys()].filter((value) => !offered.includes(value)).sort()];
  const chosen = choiceOrder.flatMap((value): Array<[string, number]> => {
    const count = choices.get(value);
    return count === undefined ? [] : [[value, count]];
  });

  // Each distinct value scored once (which also checks it belongs to the indicator), weighed by its count.
  const multiple = indicator.kind === 'multiple_choice';
  let scoreSum = 0;
  let scoredAnswers = 0;
  const weigh = (answer: AnswerValue, count: number): void => {
    const score = scoreAnswer(indicator, answer);
    if (score === null) return;
    scoreSum += score * count;
    if (!multiple) scoredAnswers += count;
  };
  for (const [value, count] of numeric) weigh({ type: 'number', value }, count);
  for (const [value, count] of chosen) weigh(multiple ? { type: 'choices', values: [value] } : { type: 'choice', value }, count);
  let dontKnowScored = false;
  if (dontKnow > 0) {
    dontKnowScored = scoreAnswer(indicator, { type: 'dont_know' }) !== null;
    if (!multiple && dontKnowScored) scoredAnswers += dontKnow;
  }
  if (multiple) scoredAnswers = answers - (dontKnowScored ? 0 : dontKnow);
  const scored = indicator.scoring.rule !== 'none' && scoredAnswers > 0;

  return {
    n: respondents,
    mean: numeric.length === 0 ? null : mean(numeric),
    median: numeric.length === 0 ? null : median(numeric),
    distribution: [
      ...numeric.map(([value, count]) => ({ value: String(value), count })),
      ...chosen.map(([value, count]) => ({ value, count })),
      ...(dontKnow > 0 ? [{ value: DONT_KNOW_VALUE, count: dontKnow }] : []),
    ],
    dontKnowShare: answers > 0 ? dontKnow / answers : 0,
    // Clamped against rounding only: a mean of scores in 0…100 is in 0…100.
    score: scored ? Math.min(100, Math.max(0, scoreSum / scoredAnswers)) : null,
  };
}

/** Mean of a multiset given as [value, count] pairs. */
function mean(values: ReadonlyArray<readonly [number, number]>): number {
  let sum = 0;
  let count = 0;
  for (const [value, times] of values) {
    sum += value * times;
    count += times;
  }
  return sum / count;
}

/** Median of a multiset given as [value, count] pairs sorted by value; the mean of the two middle values for an even count. */
function median(values: ReadonlyArray<readonly [number, number]>): number {
  const total = values.reduce((sum, [, times]) => sum + times, 0);
  const lower = at(values, Math.floor((total - 1) / 2));
  const upper = at(values, Math.floor(total / 2));
  return (lower + upper) / 2;
}

/** The value at a 0-based position of the sorted multiset. */
function at(values: ReadonlyArray<readonly [number, number]>, position: number): number {
  let seen = 0;
  for (const [value, times] of values) {
    seen += times;
    if (position < seen) return value;
  }
  throw new RangeError(`No value at position ${position}.`);
}
