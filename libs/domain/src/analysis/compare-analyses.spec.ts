import { describe, expect, it } from '@jest/globals';
import type { FrameworkContent, Indicator } from '../framework.js';
import { analyse } from './analyse.js';
import { compareAnalyses } from './compare-analyses.js';
import { countAnswers } from './count-answers.js';
import { DECISIONS, ECOUTE, FREQUENCE, MINI_CONTENT, MINI_PARTICIPATION, PARTENARIATS, RECIT, miniRows, miniStructure } from './mini-evaluation.fixture.js';
import type { AnalysisStructure } from './types.js';

/** The same choices, weighed differently: scores no longer compare. */
const REWEIGHED = { ...FREQUENCE, scoring: { rule: 'weights', weights: { jamais: 0, parfois: 40, souvent: 100 } } } as Indicator;

const NOUVEAU: Indicator = { ...DECISIONS, key: 'nouveau', title: { fr: 'Nouveau' }, questions: [{ ...DECISIONS.questions[1], key: 'q_nouveau' }] };

/** The next version: "formes" removed, "nouveau" added, "frequence" weighed differently, "ecoute" retitled. */
const NEXT_CONTENT: FrameworkContent = {
  ...MINI_CONTENT,
  dimensions: [
    {
      ...MINI_CONTENT.dimensions[0],
      criteria: [
        { key: 'participation', title: { fr: 'Participation' }, indicators: [{ ...ECOUTE, title: { fr: 'Sentiment d’écoute' } }, DECISIONS, NOUVEAU] },
        { key: 'recits', title: { fr: 'Récits' }, indicators: [RECIT] },
      ],
    },
    {
      ...MINI_CONTENT.dimensions[1],
      criteria: [{ key: 'ancrage', title: { fr: 'Ancrage' }, indicators: [PARTENARIATS, REWEIGHED] }],
    },
  ],
};

const beforeStructure = miniStructure();
const before = {
  analysis: analyse(beforeStructure, countAnswers(miniRows(), MINI_PARTICIPATION, beforeStructure)),
  structure: beforeStructure,
  evaluationId: 'e-2025',
  title: 'Utilité sociale 2025',
  closesAt: '2025-06-30T00:00:00.000Z',
};

const afterStructure: AnalysisStructure = { ...miniStructure(), content: NEXT_CONTENT };
// This time t3 answers yes about decisions; nobody answers "formes" (it is gone) nor "nouveau".
const afterRows = miniRows()
  .filter((row) => row.questionKey !== 'q_formes')
  .map((row) => (row.questionKey === 'q_decisions' && row.submissionId === 't3' ? { ...row, choiceValue: 'yes' } : row));
const after = { analysis: analyse(afterStructure, countAnswers(afterRows, MINI_PARTICIPATION, afterStructure)), structure: afterStructure };

const comparison = compareAnalyses(before, after);

describe('compareAnalyses', () => {
  it('names the previous evaluation', () => {
    expect(comparison.previous).toEqual({ evaluationId: 'e-2025', title: 'Utilité sociale 2025', closesAt: '2025-06-30T00:00:00.000Z' });
  });

  it('says what cannot be matched instead of guessing: removed, added, and rescored indicators', () => {
    expect(comparison.unmatched).toEqual({ onlyBefore: ['formes'], onlyAfter: ['nouveau'], rescored: ['frequence'] });
    expect(comparison.indicators.some((delta) => ['formes', 'nouveau', 'frequence'].includes(delta.key))).toBe(false);
  });

  it('gives a delta per indicator and column visible and scored on both sides, reworded indicators included', () => {
    expect(comparison.indicators.map((delta) => `${delta.key}:${delta.column}`)).toEqual([
      'ecoute:self_assessment',
      'ecoute:all',
      'decisions:self_assessment',
      'decisions:staff',
      'decisions:volunteers',
      'decisions:all',
      'reparer:staff',
      'reparer:volunteers',
      'reparer:all',
      'partenariats:self_assessment',
    ]);
    const staff = comparison.indicators.find((delta) => delta.key === 'decisions' && delta.column === 'staff');
    expect(staff?.before).toBeCloseTo(400 / 6, 10);
    expect(staff?.after).toBeCloseTo(500 / 6, 10);
    expect(staff?.delta).toBeCloseTo(100 / 6, 10);
    const all = comparison.indicators.find((delta) => delta.key === 'decisions' && delta.column === 'all');
    expect(all?.delta).toBeCloseTo(100 / 12, 10);
  });

  it('compares dimensions like with like: on the indicators matched on both sides', () => {
    expect(comparison.dimensions.map((delta) => `${delta.key}:${delta.column}`)).toEqual([
      'vie_collective:self_assessment',
      'vie_collective:staff',
      'vie_collective:volunteers',
      'vie_collective:all',
      // "all": partenariats is withheld (one respondent) and frequence rescored: nothing to compare.
      'territoire:self_assessment',
    ]);
    const staff = comparison.dimensions.find((delta) => delta.key === 'vie_collective' && delta.column === 'staff');
    // "formes" (gone) and "nouveau" (new) are left out: decisions 400/6 → 500/6, reparer 1100/18 on both sides.
    expect(staff?.before).toBeCloseTo((400 / 6 + 1100 / 18) / 2, 10);
    expect(staff?.after).toBeCloseTo((500 / 6 + 1100 / 18) / 2, 10);
    expect(staff?.delta).toBeCloseTo(100 / 12, 10);
  });

  it('gives no dimension delta for a column withheld on either side', () => {
    const shown = after.analysis.dimensions.find((dimension) => dimension.key === 'territoire')?.cells.staff;
    expect(shown).toEqual({ suppressed: true, reason: 'complementary' });
    expect(comparison.dimensions.some((delta) => delta.key === 'territoire' && delta.column === 'staff')).toBe(false);
  });

  it('finds nothing to say between an analysis and itself but zero deltas', () => {
    const same = compareAnalyses(before, before);
    expect(same.unmatched).toEqual({ onlyBefore: [], onlyAfter: [], rescored: [] });
    expect(same.indicators.every((delta) => delta.delta === 0)).toBe(true);
    expect(same.dimensions.every((delta) => delta.delta === 0)).toBe(true);
  });
});
