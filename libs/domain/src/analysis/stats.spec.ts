import { describe, expect, it } from '@jest/globals';
import type { Indicator } from '../framework.js';
import { DECISIONS, ECOUTE, FORMES, FREQUENCE, PARTENARIATS, RECIT } from './mini-evaluation.fixture.js';
import { statsFromCounts } from './stats.js';
import type { Stats, ValueCount } from './types.js';

type Value = number | string | 'dk';

function counts(...pairs: Array<[Value, number]>): ValueCount[] {
  return pairs.map(([value, count]) => ({
    groupKey: 'staff',
    questionKey: 'q',
    indicatorKey: 'i',
    numericValue: typeof value === 'number' ? value : null,
    choiceValue: typeof value === 'string' && value !== 'dk' ? value : null,
    dontKnow: value === 'dk',
    count,
  }));
}

function expectStats(actual: Stats, expected: Stats): void {
  const { score, mean, median, dontKnowShare, ...rest } = expected;
  expect({ ...actual, score: undefined, mean: undefined, median: undefined, dontKnowShare: undefined }).toEqual({ ...rest, score: undefined, mean: undefined, median: undefined, dontKnowShare: undefined });
  for (const [name, value] of [['score', score], ['mean', mean], ['median', median], ['dontKnowShare', dontKnowShare]] as const) {
    if (value === null) expect(actual[name]).toBeNull();
    else expect(actual[name]).toBeCloseTo(value, 10);
  }
}

describe('statsFromCounts', () => {
  it.each<[string, Indicator, ValueCount[], number, number | undefined, Stats]>([
    [
      'a scale, "je ne sais pas" excluded from mean, median and score',
      ECOUTE,
      counts([4, 2], [2, 1], [5, 1], [3, 1], ['dk', 1]),
      6,
      undefined,
      // scores 25, 50, 75, 75, 100 → 325 / 5
      { n: 6, mean: 18 / 5, median: 4, distribution: [{ value: '2', count: 1 }, { value: '3', count: 1 }, { value: '4', count: 2 }, { value: '5', count: 1 }, { value: 'dont_know', count: 1 }], dontKnowShare: 1 / 6, score: 65 },
    ],
    [
      'an even count: the median is the mean of the two middle values',
      ECOUTE,
      counts([1, 1], [2, 1], [4, 1], [5, 1]),
      4,
      undefined,
      { n: 4, mean: 3, median: 3, distribution: [{ value: '1', count: 1 }, { value: '2', count: 1 }, { value: '4', count: 1 }, { value: '5', count: 1 }], dontKnowShare: 0, score: 50 },
    ],
    [
      'yes/no in the order yes, no, with "je ne sais pas" counted as zero',
      DECISIONS,
      counts(['no', 1], ['dk', 1], ['yes', 4]),
      6,
      undefined,
      { n: 6, mean: null, median: null, distribution: [{ value: 'yes', count: 4 }, { value: 'no', count: 1 }, { value: 'dont_know', count: 1 }], dontKnowShare: 1 / 6, score: 400 / 6 },
    ],
    [
      'a multiple choice: each respondent scores the share of weight selected',
      FORMES,
      // t1 [a,b] 75, t2 [a] 50, t3 [c] 25, t4 dk (excluded), t5 [a,b,c] 100, t6 [b] 25 → 275 / 5
      counts(['c', 2], ['a', 3], ['b', 3], ['dk', 1]),
      6,
      undefined,
      { n: 6, mean: null, median: null, distribution: [{ value: 'a', count: 3 }, { value: 'b', count: 3 }, { value: 'c', count: 2 }, { value: 'dont_know', count: 1 }], dontKnowShare: 1 / 6, score: 55 },
    ],
    [
      'a single choice in the order of its choices, by its weights',
      FREQUENCE,
      counts(['souvent', 2], ['jamais', 1], ['parfois', 2], ['dk', 1]),
      6,
      undefined,
      { n: 6, mean: null, median: null, distribution: [{ value: 'jamais', count: 1 }, { value: 'parfois', count: 2 }, { value: 'souvent', count: 2 }, { value: 'dont_know', count: 1 }], dontKnowShare: 1 / 6, score: 60 },
    ],
    [
      'a quantity, each value against the target and capped at 100',
      PARTENARIATS,
      counts([25, 1], [4, 2], [0, 1]),
      4,
      undefined,
      // 100, 40, 40, 0
      { n: 4, mean: 33 / 4, median: 4, distribution: [{ value: '0', count: 1 }, { value: '4', count: 2 }, { value: '25', count: 1 }], dontKnowShare: 0, score: 45 },
    ],
    ['a text: n only', RECIT, [], 3, undefined, { n: 3, mean: null, median: null, distribution: [], dontKnowShare: 0, score: null }],
    [
      'only "je ne sais pas", excluded: nothing scored',
      ECOUTE,
      counts(['dk', 3]),
      3,
      undefined,
      { n: 3, mean: null, median: null, distribution: [{ value: 'dont_know', count: 3 }], dontKnowShare: 1, score: null },
    ],
    [
      'an indicator asked through two questions: shares over answers, not respondents',
      DECISIONS,
      // 5 respondents, 8 answers
      counts(['yes', 5], ['no', 1], ['dk', 2]),
      5,
      8,
      { n: 5, mean: null, median: null, distribution: [{ value: 'yes', count: 5 }, { value: 'no', count: 1 }, { value: 'dont_know', count: 2 }], dontKnowShare: 2 / 8, score: 500 / 8 },
    ],
  ])('computes %s', (_name, indicator, values, respondents, answers, expected) => {
    expectStats(statsFromCounts(indicator, values, respondents, answers), expected);
  });

  it('gives no score to an indicator that is not scored, but its distribution', () => {
    const stats = statsFromCounts({ ...ECOUTE, scoring: { rule: 'none' } }, counts([3, 2]), 2);
    expect(stats.score).toBeNull();
    expect(stats.mean).toBe(3);
    expect(stats.distribution).toEqual([{ value: '3', count: 2 }]);
  });

  it('refuses a value the indicator cannot have', () => {
    expect(() => statsFromCounts(ECOUTE, counts([9, 1]), 1)).toThrow(TypeError);
    expect(() => statsFromCounts(FREQUENCE, counts(['toujours', 1]), 1)).toThrow(TypeError);
    expect(() => statsFromCounts(PARTENARIATS, counts(['dk', 1]), 1)).toThrow(TypeError);
  });
});
