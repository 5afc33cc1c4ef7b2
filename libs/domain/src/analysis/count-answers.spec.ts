import { describe, expect, it } from '@jest/globals';
import { countAnswers, normaliseCounts } from './count-answers.js';
import { MINI_PARTICIPATION, miniRows, miniStructure } from './mini-evaluation.fixture.js';
import type { AnalysisCounts } from './types.js';

const counts = countAnswers(miniRows(), MINI_PARTICIPATION, miniStructure());

function valuesOf(questionKey: string, groupKey: string): Array<[string, number]> {
  return counts.values
    .filter((value) => value.questionKey === questionKey && value.groupKey === groupKey)
    .map((value) => [value.dontKnow ? 'dk' : String(value.numericValue ?? value.choiceValue), value.count]);
}

describe('countAnswers', () => {
  it('counts the answers to a question per group and value, numbers ascending and "je ne sais pas" last', () => {
    expect(valuesOf('q_ecoute', 'staff')).toEqual([['2', 1], ['3', 1], ['4', 2], ['5', 1], ['dk', 1]]);
    expect(valuesOf('q_ecoute', 'self_assessment')).toEqual([['4', 1]]);
    expect(counts.values.find((value) => value.questionKey === 'q_ecoute' && value.numericValue === 2)).toEqual({
      groupKey: 'staff',
      questionKey: 'q_ecoute',
      indicatorKey: 'ecoute',
      numericValue: 2,
      choiceValue: null,
      dontKnow: false,
      count: 1,
    });
  });

  it('counts each chosen value of a multiple choice, and its respondents once', () => {
    expect(valuesOf('q_formes', 'staff')).toEqual([['a', 3], ['b', 3], ['c', 2], ['dk', 1]]);
    expect(counts.respondents).toContainEqual({ groupKey: 'staff', questionKey: 'q_formes', indicatorKey: 'formes', respondents: 6 });
  });

  it('counts the authors of texts as respondents, with no value', () => {
    expect(valuesOf('q_recit', 'staff')).toEqual([]);
    expect(counts.respondents.filter((count) => count.questionKey === 'q_recit')).toEqual([
      { groupKey: 'staff', questionKey: 'q_recit', indicatorKey: 'recit', respondents: 2 },
      { groupKey: 'volunteers', questionKey: 'q_recit', indicatorKey: 'recit', respondents: 1 },
    ]);
  });

  it('does not count a "pourquoi ?" comment as an answer', () => {
    // v4 commented q_ecoute without answering it.
    expect(counts.respondents).toContainEqual({ groupKey: 'volunteers', questionKey: 'q_ecoute', indicatorKey: 'ecoute', respondents: 4 });
  });

  it('counts distinct respondents per indicator across its questions, and per dimension', () => {
    expect(counts.indicatorRespondents.filter((count) => count.key === 'decisions')).toEqual([
      { groupKey: 'self_assessment', key: 'decisions', respondents: 1 },
      { groupKey: 'staff', key: 'decisions', respondents: 6 },
      { groupKey: 'volunteers', key: 'decisions', respondents: 5 },
    ]);
    expect(counts.dimensionRespondents).toEqual([
      { groupKey: 'self_assessment', key: 'territoire', respondents: 1 },
      { groupKey: 'self_assessment', key: 'vie_collective', respondents: 1 },
      { groupKey: 'staff', key: 'territoire', respondents: 6 },
      { groupKey: 'staff', key: 'vie_collective', respondents: 6 },
      { groupKey: 'volunteers', key: 'territoire', respondents: 3 },
      { groupKey: 'volunteers', key: 'vie_collective', respondents: 5 },
    ]);
  });

  it('counts a question outside the chosen dimensions for itself only', () => {
    const structure = { ...miniStructure(), dimensionKeys: ['vie_collective'] };
    const only = countAnswers(miniRows(), MINI_PARTICIPATION, structure);
    expect(only.respondents.some((count) => count.questionKey === 'q_frequence')).toBe(true);
    expect(only.dimensionRespondents.map((count) => count.key)).toEqual(['vie_collective', 'vie_collective', 'vie_collective']);
  });

  it('passes participation through in display order', () => {
    const reversed = countAnswers(miniRows(), [...MINI_PARTICIPATION].reverse(), miniStructure());
    expect(reversed.participation).toEqual(MINI_PARTICIPATION);
  });

  it('gives the same counts whatever the order of the rows', () => {
    expect(countAnswers([...miniRows()].reverse(), MINI_PARTICIPATION, miniStructure())).toEqual(counts);
  });
});

describe('normaliseCounts', () => {
  it('puts counts given in any order in the canonical order', () => {
    const shuffled: AnalysisCounts = {
      values: [...counts.values].reverse(),
      respondents: [...counts.respondents].reverse(),
      participation: [...counts.participation].reverse(),
      indicatorRespondents: [...counts.indicatorRespondents].reverse(),
      dimensionRespondents: [...counts.dimensionRespondents].reverse(),
    };
    expect(normaliseCounts(shuffled)).toEqual(counts);
  });
});
