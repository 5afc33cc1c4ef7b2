import { describe, expect, it } from '@jest/globals';
import { analyse, isVisible } from './analyse.js';
import { countAnswers } from './count-answers.js';
import { MINI_PARTICIPATION, REPARER, miniRows, miniStructure } from './mini-evaluation.fixture.js';
import type { Analysis, AnalysisColumn, AnalysisCounts, Cell, ScoreCell, Stats } from './types.js';

const UNDER_K = { suppressed: true, reason: 'under-k' };
const COMPLEMENTARY = { suppressed: true, reason: 'complementary' };

const counts = countAnswers(miniRows(), MINI_PARTICIPATION, miniStructure());
const analysis = analyse(miniStructure(), counts);

function indicator(result: Analysis, key: string) {
  const found = result.indicators.find((item) => item.key === key);
  if (!found) throw new Error(`no indicator ${key}`);
  return found;
}

function question(result: Analysis, indicatorKey: string, questionKey: string) {
  const found = indicator(result, indicatorKey).questions.find((item) => item.key === questionKey);
  if (!found) throw new Error(`no question ${questionKey}`);
  return found;
}

function dimension(result: Analysis, key: string) {
  const found = result.dimensions.find((item) => item.key === key);
  if (!found) throw new Error(`no dimension ${key}`);
  return found;
}

/** A visible cell with these figures (numbers compared to 10 decimals). */
function expectShown(cell: Cell | undefined, expected: Stats): void {
  if (!isVisible(cell)) throw new Error(`expected a visible cell, got ${JSON.stringify(cell)}`);
  expect(cell.n).toBe(expected.n);
  expect(cell.distribution).toEqual(expected.distribution);
  for (const name of ['mean', 'median', 'dontKnowShare', 'score'] as const) {
    const value = expected[name];
    if (value === null) expect(cell[name]).toBeNull();
    else expect(cell[name]).toBeCloseTo(value, 10);
  }
}

function expectScore(cell: ScoreCell | undefined, n: number, score: number | null): void {
  if (!isVisible(cell)) throw new Error(`expected a visible cell, got ${JSON.stringify(cell)}`);
  expect(cell.n).toBe(n);
  if (score === null) expect(cell.score).toBeNull();
  else expect(cell.score).toBeCloseTo(score, 10);
}

const dist = (...pairs: Array<[string, number]>) => pairs.map(([value, count]) => ({ value, count }));

describe('analyse, on a small evaluation worked out by hand (k = 5; self-assessment 1, staff 6, volunteers 5)', () => {
  it('lists indicators in framework order, the organization’s own at the end of its dimension, and dimensions in framework order', () => {
    expect(analysis.indicators.map((item) => item.key)).toEqual(['ecoute', 'decisions', 'formes', 'recit', 'reparer', 'partenariats', 'frequence']);
    expect(analysis.indicators.map((item) => [item.dimensionKey, item.criterionKey, item.custom])).toEqual([
      ['vie_collective', 'participation', false],
      ['vie_collective', 'participation', false],
      ['vie_collective', 'participation', false],
      ['vie_collective', 'recits', false],
      ['vie_collective', null, true],
      ['territoire', 'ancrage', false],
      ['territoire', 'ancrage', false],
    ]);
    expect(analysis.dimensions.map((item) => item.key)).toEqual(['vie_collective', 'territoire']);
    expect(analysis.k).toBe(5);
  });

  it('gives participation by group, with the response rate, shown even when small', () => {
    expect(analysis.participation).toEqual([
      { groupKey: 'self_assessment', expected: 1, submitted: 1, excluded: 0, partial: 0, responseRate: 1, suppressed: false },
      { groupKey: 'staff', expected: 8, submitted: 6, excluded: 1, partial: 0, responseRate: 0.75, suppressed: false },
      { groupKey: 'volunteers', expected: 10, submitted: 5, excluded: 0, partial: 2, responseRate: 0.5, suppressed: false },
    ]);
  });

  it('withholds the 4 volunteers who rated listening, and staff with them, but shows the self-assessment and all groups', () => {
    const cells = indicator(analysis, 'ecoute').cells;
    expect(Object.keys(cells)).toEqual(['self_assessment', 'staff', 'volunteers', 'all']);
    expect(cells.volunteers).toEqual(UNDER_K);
    expect(cells.staff).toEqual(COMPLEMENTARY);
    expectShown(cells.self_assessment, { n: 1, mean: 4, median: 4, distribution: dist(['4', 1]), dontKnowShare: 0, score: 75 });
    // 4 | 5 4 4 3 dk 2 | 5 5 4 3: ten values (2, 3 3, 4 4 4 4, 5 5 5), scores 25 50 50 75×4 100×3 → 725 / 10
    expectShown(cells.all, { n: 11, mean: 3.9, median: 4, distribution: dist(['2', 1], ['3', 2], ['4', 4], ['5', 3], ['dont_know', 1]), dontKnowShare: 1 / 11, score: 72.5 });
    expect(question(analysis, 'ecoute', 'q_ecoute').cells).toEqual(cells);
  });

  it('pools an indicator’s two questions per group, and gives each question its own columns', () => {
    const cells = indicator(analysis, 'decisions').cells;
    expectShown(cells.self_assessment, { n: 1, mean: null, median: null, distribution: dist(['yes', 1]), dontKnowShare: 0, score: 100 });
    // yes yes no dk yes yes: "je ne sais pas" counts as 0 → 400 / 6
    expectShown(cells.staff, { n: 6, mean: null, median: null, distribution: dist(['yes', 4], ['no', 1], ['dont_know', 1]), dontKnowShare: 1 / 6, score: 400 / 6 });
    expectShown(cells.volunteers, { n: 5, mean: null, median: null, distribution: dist(['yes', 3], ['no', 2]), dontKnowShare: 0, score: 60 });
    expectShown(cells.all, { n: 12, mean: null, median: null, distribution: dist(['yes', 8], ['no', 3], ['dont_know', 1]), dontKnowShare: 1 / 12, score: 800 / 12 });

    const own = question(analysis, 'decisions', 'q_decisions_self').cells;
    expect(Object.keys(own)).toEqual(['self_assessment', 'all']);
    expectShown(own.self_assessment, { n: 1, mean: null, median: null, distribution: dist(['yes', 1]), dontKnowShare: 0, score: 100 });
    // One respondent, and only the organization's: withheld as a figure under k, though it gives nothing away.
    expect(own.all).toEqual(UNDER_K);
    const others = question(analysis, 'decisions', 'q_decisions').cells;
    expect(Object.keys(others)).toEqual(['staff', 'volunteers', 'all']);
    expectShown(others.all, { n: 11, mean: null, median: null, distribution: dist(['yes', 7], ['no', 3], ['dont_know', 1]), dontKnowShare: 1 / 11, score: 700 / 11 });
  });

  it('scores a multiple choice from counts per choice (weights a 2, b 1, c 1)', () => {
    const cells = indicator(analysis, 'formes').cells;
    // staff: [a,b] 75, [a] 50, [c] 25, dk (excluded), [a,b,c] 100, [b] 25 → 275 / 5
    expectShown(cells.staff, { n: 6, mean: null, median: null, distribution: dist(['a', 3], ['b', 3], ['c', 2], ['dont_know', 1]), dontKnowShare: 1 / 6, score: 55 });
    // volunteers: [a] 50, [a,c] 75, [b] 25, [a] 50, [c] 25 → 225 / 5
    expectShown(cells.volunteers, { n: 5, mean: null, median: null, distribution: dist(['a', 3], ['b', 1], ['c', 2]), dontKnowShare: 0, score: 45 });
    expectShown(cells.all, { n: 11, mean: null, median: null, distribution: dist(['a', 6], ['b', 4], ['c', 4], ['dont_know', 1]), dontKnowShare: 1 / 11, score: 50 });
    expect(cells.self_assessment).toBeUndefined();
  });

  it('withholds the three authors of stories everywhere, "all" included', () => {
    const recit = indicator(analysis, 'recit');
    expect(recit.scored).toBe(false);
    expect(recit.cells).toEqual({ staff: UNDER_K, volunteers: UNDER_K, all: UNDER_K });
  });

  it('computes the organization’s own question like any other', () => {
    const cells = indicator(analysis, 'reparer').cells;
    // staff 4 4 3 3 2 1: (3+3+2+2+1+0)/3 → 11/3 points over 6 respondents
    expectShown(cells.staff, { n: 6, mean: 17 / 6, median: 3, distribution: dist(['1', 1], ['2', 1], ['3', 2], ['4', 2]), dontKnowShare: 0, score: 1100 / 18 });
    // volunteers 4 3 3 2 4
    expectShown(cells.volunteers, { n: 5, mean: 3.2, median: 3, distribution: dist(['2', 1], ['3', 2], ['4', 2]), dontKnowShare: 0, score: 1100 / 15 });
    expectShown(cells.all, { n: 11, mean: 3, median: 3, distribution: dist(['1', 1], ['2', 2], ['3', 4], ['4', 4]), dontKnowShare: 0, score: 2200 / 33 });
  });

  it('shows the self-assessment’s quantity, but not an "all" of one', () => {
    const cells = indicator(analysis, 'partenariats').cells;
    expectShown(cells.self_assessment, { n: 1, mean: 6, median: 6, distribution: dist(['6', 1]), dontKnowShare: 0, score: 60 });
    expect(cells.all).toEqual(UNDER_K);
  });

  it('keeps only the evaluation’s groups as columns, and withholds staff beside 3 volunteers', () => {
    const cells = indicator(analysis, 'frequence').cells;
    expect(Object.keys(cells)).toEqual(['staff', 'volunteers', 'all']);
    expect(cells.staff).toEqual(COMPLEMENTARY);
    expect(cells.volunteers).toEqual(UNDER_K);
    // jamais 1, parfois 2+1, souvent 2+2, dk 1 (excluded): (0 + 150 + 400) / 8
    expectShown(cells.all, { n: 9, mean: null, median: null, distribution: dist(['jamais', 1], ['parfois', 3], ['souvent', 4], ['dont_know', 1]), dontKnowShare: 1 / 9, score: 68.75 });
  });

  it('scores a dimension by the mean of the visible indicator scores of each column', () => {
    const vie = dimension(analysis, 'vie_collective').cells;
    // self: ecoute 75, decisions 100
    expectScore(vie.self_assessment, 1, 87.5);
    // staff: ecoute withheld; decisions 400/6, formes 55, reparer 1100/18
    expectScore(vie.staff, 6, (400 / 6 + 55 + 1100 / 18) / 3);
    // volunteers: ecoute withheld; decisions 60, formes 45, reparer 1100/15
    expectScore(vie.volunteers, 5, (60 + 45 + 1100 / 15) / 3);
    expectScore(vie.all, 12, (72.5 + 800 / 12 + 50 + 2200 / 33) / 4);

    const territoire = dimension(analysis, 'territoire').cells;
    expectScore(territoire.self_assessment, 1, 60);
    expect(territoire.staff).toEqual(COMPLEMENTARY);
    expect(territoire.volunteers).toEqual(UNDER_K);
    // partenariats' "all" is withheld: only frequence's
    expectScore(territoire.all, 10, 68.75);
  });

  it('crosses the self-assessment with each group where both are visible', () => {
    const { crossed } = analysis;
    expect(crossed.available).toBe(true);
    expect(crossed.gaps.map((gap) => [gap.level, gap.key, gap.groupKey])).toEqual([
      ['indicator', 'decisions', 'staff'],
      ['indicator', 'decisions', 'volunteers'],
      ['dimension', 'vie_collective', 'staff'],
      ['dimension', 'vie_collective', 'volunteers'],
    ]);
    const [staffGap, volunteersGap] = crossed.gaps;
    expect(staffGap.self).toBe(100);
    expect(staffGap.gap).toBeCloseTo(400 / 6 - 100, 10);
    expect(volunteersGap.gap).toBeCloseTo(-40, 10);
    expect(crossed.convergences).toEqual([staffGap]);
    expect(crossed.divergences).toEqual([volunteersGap]);
  });
});

describe('analyse, suppression', () => {
  it('withholds every figure of a group under k, and says so in participation', () => {
    const participation = MINI_PARTICIPATION.map((group) => (group.groupKey === 'volunteers' ? { ...group, submitted: 4 } : group));
    const rows = miniRows().filter((row) => row.submissionId !== 'v5');
    const result = analyse(miniStructure(), countAnswers(rows, participation, miniStructure()));
    expect(result.participation.find((group) => group.groupKey === 'volunteers')).toMatchObject({ submitted: 4, suppressed: true, responseRate: 0.4 });
    for (const item of result.indicators) {
      if (item.cells.volunteers) expect(item.cells.volunteers).toEqual(UNDER_K);
      for (const q of item.questions) if (q.cells.volunteers) expect(q.cells.volunteers).toEqual(UNDER_K);
    }
    for (const item of result.dimensions) expect(item.cells.volunteers).toEqual(UNDER_K);
    // And staff beside them, so that "all" minus staff does not give the volunteers away.
    expect(indicator(result, 'decisions').cells.staff).toEqual(COMPLEMENTARY);
    expect(isVisible(indicator(result, 'decisions').cells.all)).toBe(true);
  });

  it('holds an anonymous self-assessment to k like any group, and then has no crossed perspectives', () => {
    const result = analyse(miniStructure('anonymous'), counts);
    expect(result.participation[0]).toMatchObject({ groupKey: 'self_assessment', suppressed: true });
    expect(indicator(result, 'decisions').cells.self_assessment).toEqual(UNDER_K);
    expect(dimension(result, 'vie_collective').cells.self_assessment).toEqual(UNDER_K);
    expect(result.crossed).toEqual({ available: false, gaps: [], convergences: [], divergences: [] });
    // Listening: the self-assessment (1) and volunteers (4) withheld together hold 5: staff can be shown.
    expectShown(indicator(result, 'ecoute').cells.staff, {
      n: 6,
      mean: 18 / 5,
      median: 4,
      distribution: dist(['2', 1], ['3', 1], ['4', 2], ['5', 1], ['dont_know', 1]),
      dontKnowShare: 1 / 6,
      score: 65,
    });
  });

  it('withholds a group in all of an indicator’s rows when one of its questions has fewer than k answers', () => {
    // The organization's own indicator gets a second question; only 2 staff (and 5 volunteers) answer it.
    const detail = { ...REPARER.indicator.questions[0], key: 'q_reparer_detail' };
    const structure = { ...miniStructure(), customQuestions: [{ ...REPARER, indicator: { ...REPARER.indicator, questions: [...REPARER.indicator.questions, detail] } }] };
    const extra = ['t1', 't2', 'v1', 'v2', 'v3', 'v4', 'v5'].map((id) => ({
      submissionId: id,
      groupKey: id.startsWith('t') ? ('staff' as const) : ('volunteers' as const),
      questionKey: 'q_reparer_detail',
      indicatorKey: 'reparer',
      part: 'answer' as const,
      numericValue: 3,
      choiceValue: null,
      textValue: null,
      dontKnow: false,
    }));
    const result = analyse(structure, countAnswers([...miniRows(), ...extra], MINI_PARTICIPATION, structure));
    const reparer = indicator(result, 'reparer');
    expect(question(result, 'reparer', 'q_reparer_detail').cells.staff).toEqual(UNDER_K);
    // Shown, staff's indicator cell minus its first question would give the second one away.
    expect(question(result, 'reparer', 'q_reparer').cells.staff).toEqual(COMPLEMENTARY);
    expect(reparer.cells.staff).toEqual(COMPLEMENTARY);
    // And the volunteers everywhere, so that "all" minus them does not give the staff away.
    expect(question(result, 'reparer', 'q_reparer_detail').cells.volunteers).toEqual(COMPLEMENTARY);
    expect(question(result, 'reparer', 'q_reparer').cells.volunteers).toEqual(COMPLEMENTARY);
    expect(reparer.cells.volunteers).toEqual(COMPLEMENTARY);
    // 11 respondents, 18 answers: 1 2 2 3×(4+7) 4×4
    expectShown(reparer.cells.all, {
      n: 11,
      mean: 54 / 18,
      median: 3,
      distribution: dist(['1', 1], ['2', 2], ['3', 11], ['4', 4]),
      dontKnowShare: 0,
      score: (0 + 2 * 1 + 11 * 2 + 4 * 3) / 3 / 18 * 100,
    });
  });

  it('never shows a figure under k, even when the evaluation stores a k below the minimum', () => {
    const result = analyse(miniStructure('confidential', 2), counts);
    expect(result.k).toBe(3);
    // 2 staff and 1 volunteer wrote a story: under 3 each, 3 together.
    const { staff, volunteers, all } = indicator(result, 'recit').cells;
    expect([staff, volunteers]).toEqual([UNDER_K, UNDER_K]);
    expectShown(all, { n: 3, mean: null, median: null, distribution: [], dontKnowShare: 0, score: null });
  });

  it('builds a dimension from visible indicators only, so a withheld indicator cannot be worked out from it', () => {
    const staff = dimension(analysis, 'vie_collective').cells.staff;
    const visible = ['decisions', 'formes', 'reparer'].map((key) => {
      const cell = indicator(analysis, key).cells.staff;
      return isVisible(cell) ? cell.score : null;
    });
    expect(indicator(analysis, 'ecoute').cells.staff).toEqual(COMPLEMENTARY);
    expectScore(staff, 6, ((visible[0] ?? 0) + (visible[1] ?? 0) + (visible[2] ?? 0)) / 3);
  });

  it('gives the same analysis whatever the order of the counts', () => {
    const reversed: AnalysisCounts = {
      values: [...counts.values].reverse(),
      respondents: [...counts.respondents].reverse(),
      participation: [...counts.participation].reverse(),
      indicatorRespondents: [...counts.indicatorRespondents].reverse(),
      dimensionRespondents: [...counts.dimensionRespondents].reverse(),
    };
    expect(analyse(miniStructure(), reversed)).toEqual(analysis);
  });
});

describe('isVisible', () => {
  it.each<[string, Cell | ScoreCell | undefined, boolean]>([
    ['a shown score', { suppressed: false, n: 5, score: 40 }, true],
    ['a withheld cell', { suppressed: true, reason: 'under-k' }, false],
    ['a missing cell', undefined, false],
  ])('%s: %s', (_name, cell, expected) => {
    expect(isVisible(cell)).toBe(expected);
  });

  it('narrows a cell to its figures', () => {
    const cell: Cell | undefined = indicator(analysis, 'formes').cells['all' satisfies AnalysisColumn];
    expect(isVisible(cell) ? cell.score : null).toBe(50);
  });
});
