import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { AnonymityMode } from '../evaluation-status.js';
import type { DontKnowMode, FrameworkContent, Indicator, IndicatorKind, Question } from '../framework.js';
import { answerValueFromRows, scoreAnswer } from '../scoring.js';
import type { StakeholderGroupKey } from '../stakeholder-group.js';
import { analyse, isVisible } from './analyse.js';
import { analysisPlan } from './analysis-plan.js';
import { countAnswers } from './count-answers.js';
import type { Analysis, AnalysisStructure, AnswerRowForCounting, Cell, GroupParticipation, ScoreCell } from './types.js';

const GROUPS: StakeholderGroupKey[] = ['self_assessment', 'staff', 'volunteers', 'board'];
const KINDS: IndicatorKind[] = ['scale', 'quantity', 'yes_no', 'single_choice', 'multiple_choice', 'text'];
const CHOICES = ['a', 'b', 'c'];

interface IndicatorShape {
  kind: IndicatorKind;
  dontKnow: DontKnowMode;
  scored: boolean;
  weights: number[];
  questions: StakeholderGroupKey[][];
}

interface EvaluationShape {
  dimensions: IndicatorShape[][];
  groups: Array<{ groupKey: StakeholderGroupKey; submitted: number; expected: number }>;
  selfAnonymity: AnonymityMode;
  k: number;
  answerRate: number;
  seed: number;
}

const indicatorShape: fc.Arbitrary<IndicatorShape> = fc.record({
  kind: fc.constantFrom(...KINDS),
  dontKnow: fc.constantFrom<DontKnowMode>('not_offered', 'excluded', 'counted_as_zero'),
  scored: fc.boolean(),
  weights: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }),
  questions: fc.array(fc.subarray(GROUPS, { minLength: 1 }), { minLength: 1, maxLength: 3 }),
});

const evaluationShape: fc.Arbitrary<EvaluationShape> = fc.record({
  dimensions: fc.array(fc.array(indicatorShape, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
  groups: fc
    .subarray(GROUPS, { minLength: 1 })
    .chain((keys) =>
      fc.tuple(...keys.map((groupKey) => fc.record({ groupKey: fc.constant(groupKey), submitted: fc.integer({ min: 0, max: 12 }), expected: fc.integer({ min: 0, max: 12 }) }))),
    ),
  selfAnonymity: fc.constantFrom<AnonymityMode>('anonymous', 'confidential', 'named'),
  k: fc.integer({ min: 3, max: 6 }),
  answerRate: fc.double({ min: 0.2, max: 1, noNaN: true }),
  seed: fc.integer(),
});

/** A small deterministic generator: answers drawn from the shape's seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildIndicator(shape: IndicatorShape, key: string): Indicator {
  const questions: Question[] = shape.questions.map((audiences, index) => ({
    key: `${key}_q${index}`,
    audiences,
    wording: Object.fromEntries(audiences.map((group) => [group, { fr: 'Question' }])),
    required: false,
  }));
  const dontKnow = shape.kind === 'quantity' || shape.kind === 'text' ? 'not_offered' : shape.dontKnow;
  const common = { key, title: { fr: key }, level: 'resultat' as const, dontKnow, questions };
  const choices = CHOICES.map((value) => ({ value, label: { fr: value } }));
  const none = { rule: 'none' as const };
  switch (shape.kind) {
    case 'scale':
      return { ...common, kind: 'scale', scale: { min: 1, max: 4 }, scoring: shape.scored ? { rule: 'linear', reverse: shape.weights[0] > 2 } : none };
    case 'quantity':
      return { ...common, kind: 'quantity', quantity: { min: 0, integer: false }, scoring: shape.scored ? { rule: 'target', baseline: 0, target: 10 } : none };
    case 'yes_no':
      return { ...common, kind: 'yes_no', scoring: shape.scored ? { rule: 'yes_no', yes: shape.weights[0] * 25, no: shape.weights[1] * 25 } : none };
    case 'single_choice':
      return { ...common, kind: 'single_choice', choices, scoring: shape.scored ? { rule: 'weights', weights: Object.fromEntries(CHOICES.map((value, i) => [value, shape.weights[i] * 25])) } : none };
    case 'multiple_choice': {
      const weights = shape.weights.every((weight) => weight === 0) ? [1, ...shape.weights.slice(1)] : shape.weights;
      return { ...common, kind: 'multiple_choice', choices, scoring: shape.scored ? { rule: 'weighted_share', weights: Object.fromEntries(CHOICES.map((value, i) => [value, weights[i]])) } : none };
    }
    case 'text':
      return { ...common, kind: 'text', scoring: none };
  }
}

interface RandomEvaluation {
  structure: AnalysisStructure;
  rows: AnswerRowForCounting[];
  participation: GroupParticipation[];
}

function buildEvaluation(shape: EvaluationShape): RandomEvaluation {
  const next = random(shape.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const content: FrameworkContent = {
    formatVersion: 1,
    title: { fr: 'Aléatoire' },
    dimensions: shape.dimensions.map((indicators, d) => ({
      key: `d${d}`,
      title: { fr: `D${d}` },
      criteria: [{ key: `c${d}`, title: { fr: `C${d}` }, indicators: indicators.map((indicator, i) => buildIndicator(indicator, `i${d}_${i}`)) }],
    })),
  };
  const structure: AnalysisStructure = {
    content,
    dimensionKeys: content.dimensions.map((dimension) => dimension.key),
    customQuestions: [],
    groups: shape.groups.map(({ groupKey, expected }) => ({ groupKey, expectedCount: expected, anonymity: groupKey === 'self_assessment' ? shape.selfAnonymity : 'anonymous' })),
    k: shape.k,
  };
  const rows: AnswerRowForCounting[] = [];
  const indicators = content.dimensions.flatMap((dimension) => dimension.criteria.flatMap((criterion) => criterion.indicators));
  for (const { groupKey, submitted } of shape.groups) {
    for (let s = 0; s < submitted; s++) {
      const submissionId = `${groupKey}-${s}`;
      for (const indicator of indicators) {
        for (const question of indicator.questions) {
          if (!question.audiences.includes(groupKey) || next() > shape.answerRate) continue;
          const row = { submissionId, groupKey, questionKey: question.key, indicatorKey: indicator.key, part: 'answer' as const, numericValue: null, choiceValue: null, textValue: null, dontKnow: false };
          if (indicator.dontKnow !== 'not_offered' && next() < 0.15) {
            rows.push({ ...row, dontKnow: true });
          } else if (indicator.kind === 'scale') {
            rows.push({ ...row, numericValue: 1 + Math.floor(next() * 4) });
          } else if (indicator.kind === 'quantity') {
            rows.push({ ...row, numericValue: pick([0, 2.5, 5, 10, 20]) });
          } else if (indicator.kind === 'yes_no') {
            rows.push({ ...row, choiceValue: pick(['yes', 'no']) });
          } else if (indicator.kind === 'single_choice') {
            rows.push({ ...row, choiceValue: pick(CHOICES) });
          } else if (indicator.kind === 'multiple_choice') {
            const chosen = CHOICES.filter(() => next() < 0.5);
            for (const choiceValue of chosen.length > 0 ? chosen : [pick(CHOICES)]) rows.push({ ...row, choiceValue });
          } else {
            rows.push({ ...row, textValue: 'Un récit' });
          }
          if (next() < 0.1) rows.push({ ...row, part: 'why', textValue: 'Parce que' });
        }
      }
    }
  }
  const participation = shape.groups.map(({ groupKey, submitted, expected }) => ({ groupKey, expected, submitted, excluded: 0, partial: 0 }));
  return { structure, rows, participation };
}

const evaluations = evaluationShape.map(buildEvaluation);

/** Every row of the analysis as [group column → cell] plus 'all', with the true n of each cell from the rows. */
interface RowView {
  name: string;
  cells: Partial<Record<string, Cell | ScoreCell>>;
  n: Map<string, number>;
}

function distinct(rows: readonly AnswerRowForCounting[], keep: (row: AnswerRowForCounting) => boolean): Map<string, number> {
  const sets = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.part !== 'answer' || !keep(row)) continue;
    const set = sets.get(row.groupKey) ?? new Set<string>();
    set.add(row.submissionId);
    sets.set(row.groupKey, set);
  }
  return new Map([...sets].map(([group, set]) => [group, set.size]));
}

function rowsOf(evaluation: RandomEvaluation, analysis: Analysis): RowView[] {
  const views: RowView[] = [];
  const dimensionOf = new Map(analysisPlan(evaluation.structure).indicators.map((planned) => [planned.indicator.key, planned.dimensionKey]));
  for (const indicator of analysis.indicators) {
    views.push({ name: `indicator ${indicator.key}`, cells: indicator.cells, n: distinct(evaluation.rows, (row) => row.indicatorKey === indicator.key) });
    for (const question of indicator.questions) {
      views.push({ name: `question ${question.key}`, cells: question.cells, n: distinct(evaluation.rows, (row) => row.questionKey === question.key) });
    }
  }
  for (const dimension of analysis.dimensions) {
    views.push({ name: `dimension ${dimension.key}`, cells: dimension.cells, n: distinct(evaluation.rows, (row) => dimensionOf.get(row.indicatorKey) === dimension.key) });
  }
  return views;
}

function exempt(evaluation: RandomEvaluation): Set<string> {
  return new Set(evaluation.structure.groups.filter((group) => group.groupKey === 'self_assessment' && group.anonymity !== 'anonymous').map((group) => group.groupKey));
}

const RUNS = { numRuns: 300 };

describe('analysis properties (random evaluations)', () => {
  it('shows no cell about fewer than k respondents, but the exempt self-assessment’s', () => {
    fc.assert(
      fc.property(evaluations, (evaluation) => {
        const analysis = analyse(evaluation.structure, countAnswers(evaluation.rows, evaluation.participation, evaluation.structure));
        const free = exempt(evaluation);
        for (const row of rowsOf(evaluation, analysis)) {
          for (const [column, cell] of Object.entries(row.cells)) {
            if (!isVisible(cell) || free.has(column)) continue;
            expect(cell.n).toBeGreaterThanOrEqual(analysis.k);
          }
        }
        for (const group of analysis.participation) {
          if (!free.has(group.groupKey)) expect(group.suppressed).toBe(group.submitted < analysis.k);
        }
      }),
      RUNS,
    );
  });

  it('lets no withheld group be worked out by subtraction: withheld cells hold 0 or at least k respondents, or "all" is withheld', () => {
    fc.assert(
      fc.property(evaluations, (evaluation) => {
        const analysis = analyse(evaluation.structure, countAnswers(evaluation.rows, evaluation.participation, evaluation.structure));
        const free = exempt(evaluation);
        for (const row of rowsOf(evaluation, analysis)) {
          if (!isVisible(row.cells.all)) continue;
          let hidden = 0;
          for (const [column, cell] of Object.entries(row.cells)) {
            if (column === 'all' || isVisible(cell)) continue;
            expect(free.has(column)).toBe(false);
            hidden += row.n.get(column) ?? 0;
          }
          if (hidden !== 0 && hidden < analysis.k) throw new Error(`${row.name}: withheld cells hold ${hidden} respondents (k = ${analysis.k})`);
        }
      }),
      RUNS,
    );
  });

  it('lets no question be worked out from its indicator: a group (or "all") withheld in one row of an indicator is withheld in all its rows that hold answers', () => {
    fc.assert(
      fc.property(evaluations, (evaluation) => {
        const analysis = analyse(evaluation.structure, countAnswers(evaluation.rows, evaluation.participation, evaluation.structure));
        for (const indicator of analysis.indicators) {
          const family = [{ key: indicator.key, cells: indicator.cells, n: distinct(evaluation.rows, (row) => row.indicatorKey === indicator.key) }].concat(
            indicator.questions.map((question) => ({ key: question.key, cells: question.cells, n: distinct(evaluation.rows, (row) => row.questionKey === question.key) })),
          );
          const columns = new Set(family.flatMap((row) => Object.keys(row.cells)));
          for (const column of columns) {
            const holding = family.filter((row) => {
              const n = column === 'all' ? [...row.n].filter(([group]) => !exempt(evaluation).has(group)).reduce((sum, [, count]) => sum + count, 0) : (row.n.get(column) ?? 0);
              return row.cells[column as keyof typeof row.cells] !== undefined && n > 0;
            });
            const shown = holding.map((row) => isVisible(row.cells[column as keyof typeof row.cells]));
            if (shown.includes(true) && shown.includes(false)) throw new Error(`${indicator.key}: column ${column} shown in some rows, withheld in others`);
          }
        }
      }),
      RUNS,
    );
  });

  it('counts the same whatever the order of the answer rows', () => {
    fc.assert(
      fc.property(
        evaluations.chain((evaluation) => fc.tuple(fc.constant(evaluation), fc.shuffledSubarray(evaluation.rows, { minLength: evaluation.rows.length }))),
        ([evaluation, shuffled]) => {
          const counts = countAnswers(evaluation.rows, evaluation.participation, evaluation.structure);
          expect(countAnswers(shuffled, evaluation.participation, evaluation.structure)).toEqual(counts);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keeps every score within 0…100', () => {
    fc.assert(
      fc.property(evaluations, (evaluation) => {
        const analysis = analyse(evaluation.structure, countAnswers(evaluation.rows, evaluation.participation, evaluation.structure));
        for (const row of rowsOf(evaluation, analysis)) {
          for (const cell of Object.values(row.cells)) {
            if (isVisible(cell) && cell.score !== null) {
              expect(cell.score).toBeGreaterThanOrEqual(0);
              expect(cell.score).toBeLessThanOrEqual(100);
            }
          }
        }
        for (const gap of analysis.crossed.gaps) expect(Math.abs(gap.gap)).toBeLessThanOrEqual(100);
      }),
      RUNS,
    );
  });

  it('scores from counts as scoring.ts scores each answer: the mean over answers of scoreAnswer', () => {
    fc.assert(
      fc.property(evaluations, (evaluation) => {
        const analysis = analyse(evaluation.structure, countAnswers(evaluation.rows, evaluation.participation, evaluation.structure));
        const definitions = new Map(analysisPlan(evaluation.structure).indicators.map((planned) => [planned.indicator.key, planned.indicator]));
        for (const indicator of analysis.indicators) {
          const definition = definitions.get(indicator.key) as Indicator;
          const check = (cell: Cell | undefined, keep: (row: AnswerRowForCounting) => boolean) => {
            if (!isVisible(cell)) return;
            // One answer per submission and question, scored on its own.
            const answers = new Map<string, AnswerRowForCounting[]>();
            for (const row of evaluation.rows) {
              if (!keep(row)) continue;
              const key = `${row.submissionId}/${row.questionKey}`;
              answers.set(key, [...(answers.get(key) ?? []), row]);
            }
            const scores: number[] = [];
            const numbers: number[] = [];
            for (const rows of answers.values()) {
              const value = answerValueFromRows(definition, rows);
              if (!value) continue;
              const score = scoreAnswer(definition, value);
              if (score !== null) scores.push(score);
              if (value.type === 'number') numbers.push(value.value);
            }
            if (scores.length === 0 || !indicator.scored) expect(cell.score).toBeNull();
            else expect(cell.score).toBeCloseTo(scores.reduce((sum, score) => sum + score, 0) / scores.length, 8);
            if (numbers.length === 0) expect(cell.mean).toBeNull();
            else expect(cell.mean).toBeCloseTo(numbers.reduce((sum, value) => sum + value, 0) / numbers.length, 8);
          };
          for (const [column, cell] of Object.entries(indicator.cells)) {
            check(cell, (row) => row.indicatorKey === indicator.key && (column === 'all' || row.groupKey === column));
          }
          for (const question of indicator.questions) {
            for (const [column, cell] of Object.entries(question.cells)) {
              check(cell, (row) => row.questionKey === question.key && (column === 'all' || row.groupKey === column));
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('crosses only visible scores, and lists at most 5 convergences and 5 divergences, none in both', () => {
    fc.assert(
      fc.property(evaluations, (evaluation) => {
        const analysis = analyse(evaluation.structure, countAnswers(evaluation.rows, evaluation.participation, evaluation.structure));
        const { crossed } = analysis;
        for (const gap of crossed.gaps) {
          const source = gap.level === 'indicator' ? analysis.indicators.find((item) => item.key === gap.key) : analysis.dimensions.find((item) => item.key === gap.key);
          const self = source?.cells.self_assessment;
          const group = source?.cells[gap.groupKey];
          expect(isVisible(self) && self.score).toBe(gap.self);
          expect(isVisible(group) && group.score).toBe(gap.group);
        }
        expect(crossed.convergences.length).toBeLessThanOrEqual(5);
        expect(crossed.divergences.length).toBeLessThanOrEqual(5);
        for (const gap of crossed.convergences) expect(crossed.divergences).not.toContain(gap);
        const largest = Math.max(0, ...crossed.gaps.filter((gap) => gap.level === 'indicator').map((gap) => Math.abs(gap.gap)));
        if (crossed.divergences.length > 0) expect(Math.abs(crossed.divergences[0].gap)).toBe(largest);
      }),
      RUNS,
    );
  });
});
