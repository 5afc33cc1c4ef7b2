import { describe, expect, it } from '@jest/globals';
import type { AnonymityMode, CustomQuestion, StakeholderGroupKey } from '#domain';
import { socleCommun } from '../frameworks/default-frameworks.js';
import { maskingKey, parseAnswerId, themeLabelKey, verbatimsHidden, verbatimStructure } from './verbatim-rules.js';

describe('verbatimsHidden', () => {
  it.each<[StakeholderGroupKey, AnonymityMode, number, number, boolean]>([
    ['volunteers', 'anonymous', 4, 5, true],
    ['volunteers', 'anonymous', 5, 5, false],
    ['partners', 'confidential', 3, 5, true],
    ['board', 'named', 1, 3, true],
    ['self_assessment', 'confidential', 1, 5, false],
    ['self_assessment', 'named', 0, 5, false],
    ['self_assessment', 'anonymous', 4, 5, true],
    ['staff', 'anonymous', 3, 1, false],
    ['staff', 'anonymous', 2, 1, true],
  ])('%s (%s) with %i counted answers, k = %i: hidden %s', (groupKey, anonymity, submitted, k, hidden) => {
    // k is never below 3, whatever is stored.
    expect(verbatimsHidden({ groupKey, anonymity, submitted }, k)).toBe(hidden);
  });
});

describe('verbatimStructure', () => {
  const content = socleCommun();
  const custom = {
    dimensionKey: 'transition_ecologique',
    indicator: { key: 'mon_recit', kind: 'text', questions: [{ key: 'q_mon_recit', audiences: ['staff'], wording: {}, required: false }] },
  } as unknown as CustomQuestion;

  it('keeps the open questions and those with a "pourquoi ?" of the chosen dimensions, custom ones included', () => {
    const structure = verbatimStructure(content, ['lien_social_democratie', 'transition_ecologique'], [custom]);
    expect(structure.questions.get('q_recit_initiative')).toEqual({ indicatorKey: 'recit_initiative', dimensionKey: 'lien_social_democratie' });
    expect(structure.questions.get('q_rencontres')).toEqual(expect.objectContaining({ dimensionKey: 'lien_social_democratie' }));
    expect(structure.questions.get('q_mon_recit')).toEqual({ indicatorKey: 'mon_recit', dimensionKey: 'transition_ecologique' });
    // Not chosen: left out.
    expect(structure.questions.has('q_recit_engagement')).toBe(false);
    expect(structure.questions.has('q_reponse_besoins')).toBe(false);
  });

  it('leaves out questions that cannot carry text', () => {
    const structure = verbatimStructure(content, content.dimensions.map((d) => d.key), []);
    for (const { indicators } of content.dimensions.flatMap((d) => d.criteria)) {
      for (const indicator of indicators) {
        for (const question of indicator.questions) {
          expect({ key: question.key, kept: structure.questions.has(question.key) }).toEqual({ key: question.key, kept: indicator.kind === 'text' || question.why !== undefined });
        }
      }
    }
  });
});

describe('parseAnswerId', () => {
  it.each([
    ['1', '1'],
    ['9223372036854775807', '9223372036854775807'],
    ['9223372036854775808', null],
    ['0', null],
    ['007', null],
    ['-1', null],
    ['1.5', null],
    ['1e3', null],
    ['abc', null],
    ['', null],
  ])('%j → %j', (input, expected) => {
    expect(parseAnswerId(input)).toBe(expected);
  });
});

describe('maskingKey and themeLabelKey', () => {
  it('changes with the names, not with their order, duplicates or composition', () => {
    expect(maskingKey(['Inès Morel', 'Paul'])).toBe(maskingKey(['Paul', 'Ine\u0300s Morel', 'Paul ']));
    expect(maskingKey(['Inès Morel'])).not.toBe(maskingKey(['Inès Morel', 'Paul']));
  });

  it.each([
    ['Lien social', 'lien social'],
    ['  LIEN SOCIAL ', 'lien social'],
    ['Réemploi', 'reemploi'],
    ['Re\u0301emploi', 'reemploi'],
  ])('%j is the same theme as %j', (label, key) => {
    expect(themeLabelKey(label)).toBe(key);
  });
});
