/**
 * Scoring: one answer to an indicator → a score from 0 to 100, or null when the answer does not
 * count (the indicator is not scored, or "je ne sais pas" is excluded). This is the reference the
 * aggregation and its SQL are held to; the rules are documented in `framework.ts`.
 */
import { DONT_KNOW_VALUE, NO_VALUE, YES_VALUE, type Indicator } from './framework.js';
import type { NormalisedAnswer } from './answer-normalisation.js';

/** One respondent's answer to one question, as scoring sees it. */
export type AnswerValue =
  | { type: 'dont_know' }
  | { type: 'number'; value: number }
  | { type: 'choice'; value: string }
  | { type: 'choices'; values: readonly string[] }
  | { type: 'text'; value: string };

/**
 * The score of one answer. Throws a TypeError when the answer cannot belong to the indicator
 * (a text for a scale, a value out of the scale, a choice not offered…): normalised answers never
 * do, so that is a bug to surface, not a value to guess.
 */
export function scoreAnswer(indicator: Indicator, answer: AnswerValue): number | null {
  if (answer.type === 'dont_know') {
    if (indicator.dontKnow === 'not_offered') fail(indicator, 'does not offer "je ne sais pas"');
    if (indicator.dontKnow === 'excluded' || indicator.scoring.rule === 'none') return null;
    return 0;
  }
  switch (indicator.kind) {
    case 'scale': {
      const value = expectNumber(indicator, answer);
      const { min, max } = indicator.scale;
      if (!Number.isInteger(value) || value < min || value > max) fail(indicator, `has no point ${value}`);
      if (indicator.scoring.rule === 'none') return null;
      const score = ((value - min) / (max - min)) * 100;
      return indicator.scoring.reverse ? 100 - score : score;
    }
    case 'quantity': {
      const value = expectNumber(indicator, answer);
      if (indicator.scoring.rule === 'none') return null;
      const { baseline, target } = indicator.scoring;
      return clamp(((value - baseline) / (target - baseline)) * 100);
    }
    case 'yes_no': {
      const value = expectChoice(indicator, answer, [YES_VALUE, NO_VALUE]);
      if (indicator.scoring.rule === 'none') return null;
      return value === YES_VALUE ? indicator.scoring.yes : indicator.scoring.no;
    }
    case 'single_choice': {
      const value = expectChoice(indicator, answer, indicator.choices.map((choice) => choice.value));
      if (indicator.scoring.rule === 'none') return null;
      return indicator.scoring.weights[value];
    }
    case 'multiple_choice': {
      if (answer.type !== 'choices') fail(indicator, `cannot be answered by a ${answer.type}`);
      const offered = indicator.choices.map((choice) => choice.value);
      const selected = new Set(answer.values);
      for (const value of selected) if (!offered.includes(value)) fail(indicator, `has no choice "${value}"`);
      if (indicator.scoring.rule === 'none') return null;
      const weights = indicator.scoring.weights;
      let total = 0;
      let chosen = 0;
      for (const value of offered) {
        total += weights[value];
        if (selected.has(value)) chosen += weights[value];
      }
      return (chosen / total) * 100;
    }
    case 'text':
      if (answer.type !== 'text') fail(indicator, `cannot be answered by a ${answer.type}`);
      return null;
  }
}

/**
 * The answer value of one question from its normalised rows (the `answer` part; the "pourquoi ?"
 * comment is not scored). Undefined when there is none.
 */
export function answerValueFromRows(indicator: Indicator, rows: readonly NormalisedAnswer[]): AnswerValue | undefined {
  const own = rows.filter((row) => row.part === 'answer');
  if (own.length === 0) return undefined;
  if (own.some((row) => row.dontKnow)) return { type: 'dont_know' };
  if (indicator.kind === 'multiple_choice') {
    return { type: 'choices', values: own.flatMap((row) => (row.choiceValue === null ? [] : [row.choiceValue])) };
  }
  const [row] = own;
  if (row.numericValue !== null) return { type: 'number', value: row.numericValue };
  if (row.choiceValue !== null) return { type: 'choice', value: row.choiceValue };
  if (row.textValue !== null) return { type: 'text', value: row.textValue };
  return undefined;
}

function expectNumber(indicator: Indicator, answer: Exclude<AnswerValue, { type: 'dont_know' }>): number {
  if (answer.type !== 'number' || !Number.isFinite(answer.value)) fail(indicator, `cannot be answered by a ${answer.type}`);
  return answer.value;
}

function expectChoice(indicator: Indicator, answer: Exclude<AnswerValue, { type: 'dont_know' }>, offered: readonly string[]): string {
  if (answer.type !== 'choice') fail(indicator, `cannot be answered by a ${answer.type}`);
  if (answer.value === DONT_KNOW_VALUE || !offered.includes(answer.value)) fail(indicator, `has no choice "${answer.value}"`);
  return answer.value;
}

function clamp(score: number): number {
  return Math.min(100, Math.max(0, score));
}

function fail(indicator: Indicator, problem: string): never {
  throw new TypeError(`Indicator "${indicator.key}" (${indicator.kind}) ${problem}.`);
}
