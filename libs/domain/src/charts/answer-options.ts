/**
 * The answers an indicator offers, in order and with their words, for distributions and
 * consensus answers. From the framework when the caller has it (`answerOptionsFromStructure`);
 * otherwise guessed from the values counted (`fallbackAnswerOptions`): numbers in order, yes/no
 * and "je ne sais pas" named, other choices by their stored value.
 */
import type { IndicatorAnalysis } from '../analysis/types.js';
import { DONT_KNOW_VALUE, NO_VALUE, YES_VALUE, type CustomQuestion, type FrameworkContent, type Indicator, type IndicatorKind, type ScaleIndicator } from '../framework.js';
import { localize, type Locale, type LocalizedText } from '../locale.js';

export interface AnswerOption {
  value: string;
  label: LocalizedText;
  /** 0 (low) … 1 (high) where the indicator's order or scoring puts it; absent for unordered choices and "je ne sais pas" */
  position?: number;
}

export interface IndicatorAnswerOptions {
  kind: IndicatorKind;
  /** the options have positions (a scale, yes/no, weighted choices) */
  ordered: boolean;
  /** low to high when ordered; "je ne sais pas" last when offered */
  options: AnswerOption[];
}

/** Per indicator key. */
export type AnswerOptionsByIndicator = Readonly<Record<string, IndicatorAnswerOptions>>;

const DONT_KNOW: AnswerOption = { value: DONT_KNOW_VALUE, label: { fr: 'Je ne sais pas', en: 'Don’t know' } };
const YES: LocalizedText = { fr: 'Oui', en: 'Yes' };
const NO: LocalizedText = { fr: 'Non', en: 'No' };

function scaleLabel(value: number, min: number, max: number, indicator: ScaleIndicator): LocalizedText {
  const labels = indicator.scale.labels;
  if (labels && labels[value - min]) return labels[value - min]!;
  const end = value === min ? indicator.scale.minLabel : value === max ? indicator.scale.maxLabel : undefined;
  if (!end) return { fr: String(value), en: String(value) };
  return { fr: `${value} — ${end.fr}`, en: `${value} — ${end.en ?? end.fr}` };
}

function optionsOf(indicator: Indicator): IndicatorAnswerOptions {
  const withDontKnow = (options: AnswerOption[]) => (indicator.dontKnow === 'not_offered' ? options : [...options, DONT_KNOW]);
  switch (indicator.kind) {
    case 'scale': {
      const { min, max } = indicator.scale;
      const reverse = indicator.scoring.rule === 'linear' && indicator.scoring.reverse;
      const options: AnswerOption[] = [];
      for (let v = min; v <= max; v++) {
        const position = (v - min) / (max - min);
        options.push({ value: String(v), label: scaleLabel(v, min, max, indicator), position: reverse ? 1 - position : position });
      }
      return { kind: 'scale', ordered: true, options: withDontKnow(reverse ? options.reverse() : options) };
    }
    case 'yes_no': {
      const scoring = indicator.scoring.rule === 'yes_no' ? indicator.scoring : { yes: 100, no: 0 };
      const options = [
        { value: NO_VALUE, label: NO, position: scoring.no / 100 },
        { value: YES_VALUE, label: YES, position: scoring.yes / 100 },
      ].sort((a, b) => a.position - b.position);
      return { kind: 'yes_no', ordered: true, options: withDontKnow(options) };
    }
    case 'single_choice': {
      if (indicator.scoring.rule === 'weights') {
        const weights = indicator.scoring.weights;
        const options = indicator.choices
          .map((choice) => ({ value: choice.value, label: choice.label, position: (weights[choice.value] ?? 0) / 100 }))
          .sort((a, b) => a.position - b.position);
        return { kind: 'single_choice', ordered: true, options: withDontKnow(options) };
      }
      return { kind: 'single_choice', ordered: false, options: withDontKnow(indicator.choices.map((c) => ({ value: c.value, label: c.label }))) };
    }
    case 'multiple_choice':
      return { kind: 'multiple_choice', ordered: false, options: withDontKnow(indicator.choices.map((c) => ({ value: c.value, label: c.label }))) };
    case 'quantity':
    case 'text':
      return { kind: indicator.kind, ordered: false, options: [] };
  }
}

/** The options of every indicator of a framework version and of the evaluation's own questions. */
export function answerOptionsFromStructure(structure: { content: FrameworkContent; customQuestions: readonly CustomQuestion[] }): AnswerOptionsByIndicator {
  const result: Record<string, IndicatorAnswerOptions> = {};
  for (const dimension of structure.content.dimensions) {
    for (const criterion of dimension.criteria) {
      for (const indicator of criterion.indicators) result[indicator.key] = optionsOf(indicator);
    }
  }
  for (const custom of structure.customQuestions) result[custom.indicator.key] = optionsOf(custom.indicator);
  return result;
}

function humanise(value: string): string {
  const words = value.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What can be said of an indicator's answers from the counts alone. */
export function fallbackAnswerOptions(indicator: IndicatorAnalysis): IndicatorAnswerOptions {
  const seen: string[] = [];
  const cells = [...Object.values(indicator.cells), ...indicator.questions.flatMap((q) => Object.values(q.cells))];
  for (const cell of cells) {
    if (!cell || cell.suppressed) continue;
    for (const { value } of cell.distribution) if (!seen.includes(value)) seen.push(value);
  }
  const dontKnow = seen.includes(DONT_KNOW_VALUE);
  const values = seen.filter((value) => value !== DONT_KNOW_VALUE);
  const tail = dontKnow ? [DONT_KNOW] : [];
  if (indicator.kind === 'scale' || indicator.kind === 'quantity') {
    const numbers = values.map(Number).filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
    const min = numbers[0] ?? 0;
    const max = numbers[numbers.length - 1] ?? 0;
    const options = numbers.map((n) => ({ value: String(n), label: { fr: String(n), en: String(n) }, position: max > min ? (n - min) / (max - min) : 0.5 }));
    return { kind: indicator.kind, ordered: true, options: [...options, ...tail] };
  }
  if (indicator.kind === 'yes_no') {
    return {
      kind: 'yes_no',
      ordered: true,
      options: [{ value: NO_VALUE, label: NO, position: 0 }, { value: YES_VALUE, label: YES, position: 1 }, ...tail],
    };
  }
  return { kind: indicator.kind, ordered: false, options: [...values.map((value) => ({ value, label: { fr: humanise(value) } })), ...tail] };
}

/** The options to use for one indicator: the given ones, else the fallback. */
export function optionsFor(indicator: IndicatorAnalysis, given: AnswerOptionsByIndicator | undefined): IndicatorAnswerOptions {
  return given?.[indicator.key] ?? fallbackAnswerOptions(indicator);
}

/**
 * An answer as a reader says it: a consensus answer (a number, a choice value, several choice
 * values, "dont_know", a text) in the words of the indicator's options.
 */
export function formatAnswerValue(value: unknown, options: IndicatorAnswerOptions | undefined, locale: Locale): string {
  const one = (v: unknown): string => {
    const key = typeof v === 'number' ? String(v) : typeof v === 'boolean' ? (v ? YES_VALUE : NO_VALUE) : typeof v === 'string' ? v : JSON.stringify(v);
    const option = options?.options.find((o) => o.value === key);
    if (option) return localize(option.label, locale);
    if (key === DONT_KNOW_VALUE) return localize(DONT_KNOW.label, locale);
    if (key === YES_VALUE) return localize(YES, locale);
    if (key === NO_VALUE) return localize(NO, locale);
    return key;
  };
  if (Array.isArray(value)) return value.map(one).join(locale === 'fr' ? '\u202f; ' : '; ');
  if (value === null || value === undefined) return '';
  return one(value);
}
