import { describe, expect, it } from '@jest/globals';
import type { AnalysisStructure } from '#domain';
import { sampleFramework } from '#domain/fixtures/sample-framework';
import { assembleCounts, countPlan } from './analysis-counts.query.js';

const structure: AnalysisStructure = {
  content: sampleFramework,
  dimensionKeys: ['lien_social', 'transition_ecologique'],
  customQuestions: [
    {
      dimensionKey: 'lien_social',
      indicator: {
        key: 'composite',
        title: { fr: 'Composite' },
        level: 'resultat',
        kind: 'scale',
        scale: { min: 1, max: 5 },
        scoring: { rule: 'linear', reverse: false },
        dontKnow: 'not_offered',
        questions: [
          { key: 'q_a', audiences: ['staff'], wording: { staff: { fr: 'A' } }, required: false },
          { key: 'q_b', audiences: ['staff'], wording: { staff: { fr: 'B' } }, required: false },
        ],
      },
    },
  ],
  groups: [{ groupKey: 'staff', expectedCount: 10, anonymity: 'anonymous' }],
  k: 5,
};

describe('countPlan', () => {
  it('gives every chosen dimension, multiple-choice question and indicator of several questions a scope', () => {
    expect(countPlan(structure).scopes).toEqual([
      { type: 'dimension', key: 'lien_social' },
      { type: 'question', key: 'q_formes_participation' },
      { type: 'indicator', key: 'composite' },
      { type: 'dimension', key: 'transition_ecologique' },
      { type: 'question', key: 'q_pratiques_ecologiques' },
    ]);
  });

  it('gives each question the bits of its scopes, one mask per word', () => {
    const masks = (wordBits?: number) => {
      const plan = countPlan(structure, wordBits);
      return plan.masks.questionKeys.map((key, i) => [key, plan.masks.words[i], plan.masks.masks[i]]);
    };
    expect(masks()).toEqual([
      ['q_ecoute', 0, '1'],
      ['q_participation', 0, '1'],
      ['q_formes_participation', 0, '3'],
      ['q_nombre_partenariats', 0, '1'],
      ['q_qualite_cooperation', 0, '1'],
      ['q_a', 0, '5'],
      ['q_b', 0, '5'],
      ['q_pratiques_ecologiques', 0, String(8 + 16)],
      ['q_part_achats_locaux', 0, '8'],
      ['q_engagement_territoire', 0, '8'],
      ['q_changement_percu', 0, '8'],
    ]);
    // Two bits a word: the composite's scope (bit 2) moves to the second word, beside its dimension's in the first.
    expect(masks(2).filter(([key]) => key === 'q_a' || key === 'q_pratiques_ecologiques')).toEqual([
      ['q_a', 0, '1'],
      ['q_a', 1, '1'],
      ['q_pratiques_ecologiques', 1, '2'],
      ['q_pratiques_ecologiques', 2, '1'],
    ]);
  });
});

describe('assembleCounts', () => {
  const plan = countPlan(structure);
  const value = (question_key: string, indicator_key: string, count: number, extra: { numeric_value?: number; choice_value?: string; is_text?: boolean } = {}) => ({
    group_key: 'staff' as const,
    question_key,
    indicator_key,
    numeric_value: extra.numeric_value ?? null,
    choice_value: extra.choice_value ?? null,
    dont_know: false,
    is_text: extra.is_text ?? false,
    count,
  });
  const counts = assembleCounts(
    plan,
    [
      value('q_ecoute', 'sentiment_ecoute', 3, { numeric_value: 4 }),
      value('q_ecoute', 'sentiment_ecoute', 2, { numeric_value: 2 }),
      value('q_formes_participation', 'formes_participation', 4, { choice_value: 'comite' }),
      value('q_formes_participation', 'formes_participation', 3, { choice_value: 'atelier' }),
      value('q_a', 'composite', 6, { numeric_value: 5 }),
      value('q_b', 'composite', 2, { numeric_value: 1 }),
      value('q_recit', 'recit', 2, { is_text: true }),
    ],
    [
      { scope: 1, group_key: 'staff', respondents: 7 },
      { scope: 2, group_key: 'staff', respondents: 5 },
      { scope: 3, group_key: 'staff', respondents: 6 },
    ],
    [{ group_key: 'staff', expected: 10, submitted: 7, excluded: 1, partial: 2, checksum: '0' }],
  );

  it('sums the counts of questions answered once per submission, and takes the others from their scopes', () => {
    expect(counts.respondents.map((r) => [r.questionKey, r.respondents])).toEqual([
      ['q_a', 6],
      ['q_b', 2],
      ['q_ecoute', 5],
      ['q_formes_participation', 5],
      ['q_recit', 2],
    ]);
    expect(counts.indicatorRespondents.map((r) => [r.key, r.respondents])).toEqual([
      ['composite', 6],
      ['formes_participation', 5],
      ['sentiment_ecoute', 5],
    ]);
    expect(counts.dimensionRespondents).toEqual([{ groupKey: 'staff', key: 'lien_social', respondents: 7 }]);
  });

  it('keeps text answers out of the value counts', () => {
    expect(counts.values.some((v) => v.questionKey === 'q_recit')).toBe(false);
    expect(counts.values).toHaveLength(6);
    expect(counts.participation).toEqual([{ groupKey: 'staff', expected: 10, submitted: 7, excluded: 1, partial: 2 }]);
  });
});
