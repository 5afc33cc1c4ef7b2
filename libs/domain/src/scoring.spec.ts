import { describe, expect, it } from '@jest/globals';
import type { NormalisedAnswer } from './answer-normalisation.js';
import { sampleFramework } from './fixtures/sample-framework.js';
import { eachIndicator, type Indicator } from './framework.js';
import { answerValueFromRows, scoreAnswer, type AnswerValue } from './scoring.js';

const INDICATORS = new Map([...eachIndicator(sampleFramework)].map(({ indicator }) => [indicator.key, indicator]));

function indicator(key: string, change: Partial<Indicator> = {}): Indicator {
  const found = INDICATORS.get(key);
  if (!found) throw new Error(`no indicator ${key}`);
  return { ...found, ...change } as Indicator;
}

const number = (value: number): AnswerValue => ({ type: 'number', value });
const choice = (value: string): AnswerValue => ({ type: 'choice', value });
const choices = (...values: string[]): AnswerValue => ({ type: 'choices', values });
const DONT_KNOW: AnswerValue = { type: 'dont_know' };

describe('scoreAnswer', () => {
  it.each<[string, Indicator, AnswerValue, number | null]>([
    ['a scale at its min', indicator('sentiment_ecoute'), number(1), 0],
    ['a scale at its max', indicator('sentiment_ecoute'), number(4), 100],
    ['a scale in between, linearly', indicator('sentiment_ecoute'), number(2), 100 / 3],
    ['a 0–10 scale', indicator('qualite_cooperation'), number(7), 70],
    ['a reversed scale', indicator('qualite_cooperation', { scoring: { rule: 'linear', reverse: true } }), number(7), 30],
    ['an unscored scale', indicator('qualite_cooperation', { scoring: { rule: 'none' } }), number(7), null],
    ['a quantity below its target', indicator('nombre_partenariats'), number(4), 40],
    ['a quantity beyond its target, capped', indicator('nombre_partenariats'), number(25), 100],
    ['a quantity at its baseline', indicator('nombre_partenariats'), number(0), 0],
    ['a decimal quantity against its target', indicator('part_achats_locaux'), number(45), 75],
    ['a lower-is-better quantity', indicator('nombre_partenariats', { scoring: { rule: 'target', baseline: 20, target: 0 } }), number(5), 75],
    ['a lower-is-better quantity above its baseline, floored', indicator('nombre_partenariats', { scoring: { rule: 'target', baseline: 20, target: 0 } }), number(30), 0],
    ['yes', indicator('participation_decisions'), choice('yes'), 100],
    ['no', indicator('participation_decisions'), choice('no'), 0],
    ['no, when no is the good answer', indicator('participation_decisions', { scoring: { rule: 'yes_no', yes: 0, no: 100 } }), choice('no'), 100],
    ['a single choice by its weight', indicator('frequence_initiatives'), choice('parfois'), 50],
    ['a multiple choice by the share of weight selected', indicator('formes_participation'), choices('comite'), 50],
    ['a multiple choice with every choice', indicator('formes_participation'), choices('assemblee', 'comite', 'atelier'), 100],
    ['a multiple choice with equal weights', indicator('pratiques_ecologiques'), choices('mobilite', 'reemploi', 'sobriete'), 75],
    ['an unscored text', indicator('recit_initiative'), { type: 'text', value: 'Une histoire' }, null],
    ['"je ne sais pas" excluded', indicator('sentiment_ecoute'), DONT_KNOW, null],
    ['"je ne sais pas" counted as zero', indicator('participation_decisions'), DONT_KNOW, 0],
    ['"je ne sais pas" counted as zero on a scale', indicator('competences_acquises'), DONT_KNOW, 0],
    ['"je ne sais pas" excluded on a multiple choice', indicator('pratiques_ecologiques'), DONT_KNOW, null],
  ])('scores %s', (_name, target, answer, expected) => {
    const score = scoreAnswer(target, answer);
    if (expected === null) expect(score).toBeNull();
    else expect(score).toBeCloseTo(expected, 10);
  });

  it.each<[string, Indicator, AnswerValue]>([
    ['a scale value off the scale', indicator('sentiment_ecoute'), number(5)],
    ['a text for a scale', indicator('sentiment_ecoute'), { type: 'text', value: '4' }],
    ['a choice not offered', indicator('frequence_initiatives'), choice('toujours')],
    ['dont_know as a choice value', indicator('frequence_initiatives'), choice('dont_know')],
    ['a multiple choice not offered', indicator('formes_participation'), choices('forum')],
    ['"je ne sais pas" where it is not offered', indicator('qualite_cooperation'), DONT_KNOW],
    ['a number for a yes/no', indicator('participation_decisions'), number(1)],
  ])('refuses %s', (_name, target, answer) => {
    expect(() => scoreAnswer(target, answer)).toThrow(TypeError);
  });
});

describe('answerValueFromRows', () => {
  const base: NormalisedAnswer = { questionKey: 'q', indicatorKey: 'i', part: 'answer', numericValue: null, choiceValue: null, textValue: null, dontKnow: false };
  it.each<[string, Indicator, Array<Partial<NormalisedAnswer>>, AnswerValue | undefined]>([
    ['a number', indicator('sentiment_ecoute'), [{ numericValue: 3 }], number(3)],
    ['a choice', indicator('frequence_initiatives'), [{ choiceValue: 'souvent' }], choice('souvent')],
    ['several choices', indicator('formes_participation'), [{ choiceValue: 'comite' }, { choiceValue: 'atelier' }], choices('comite', 'atelier')],
    ['"je ne sais pas"', indicator('sentiment_ecoute'), [{ dontKnow: true }], DONT_KNOW],
    ['only a "pourquoi ?" comment', indicator('sentiment_ecoute'), [{ part: 'why', textValue: 'Parce que' }], undefined],
  ])('reads %s', (_name, target, rows, expected) => {
    expect(answerValueFromRows(target, rows.map((row) => ({ ...base, ...row })))).toEqual(expected);
  });
});
