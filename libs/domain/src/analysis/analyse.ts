/**
 * The analysis of an evaluation from its counts: per indicator and per question, the figures of
 * each group it is asked of and of all groups together; per dimension, the groups' scores; the
 * participation of each group; the crossed perspectives. Suppression happens here, once, so the
 * dashboard, the exports and the report all receive the same withheld cells (see suppression.ts).
 */
import { MIN_K_THRESHOLD } from '../evaluation-status.js';
import type { StakeholderGroupKey } from '../stakeholder-group.js';
import { analysisPlan, type PlannedDimension, type PlannedIndicator } from './analysis-plan.js';
import { crossedPerspectives } from './crossed-perspectives.js';
import { statsFromCounts } from './stats.js';
import { exemptFromK, suppressFamily, type RowSuppression, type SuppressionRules } from './suppression.js';
import type {
  Analysis,
  AnalysisColumn,
  AnalysisCounts,
  AnalysisStructure,
  Cell,
  DimensionAnalysis,
  IndicatorAnalysis,
  ScoreCell,
  Suppressed,
  ValueCount,
} from './types.js';

/** True when a cell is shown (not withheld); a missing cell (a group not asked) is not. */
export function isVisible<C extends Cell | ScoreCell>(cell: C | undefined): cell is Exclude<C, Suppressed> {
  return cell !== undefined && !cell.suppressed;
}

/**
 * Turns an evaluation's counts (from SQL, or `countAnswers`) into its analysis.
 *
 * - Indicators: the framework's indicators of the chosen dimensions, then the organization's own
 *   questions of each dimension, in framework order. Columns: the evaluation's groups the
 *   indicator (or question) is asked of, in display order, then 'all', which pools those groups.
 *   An indicator's cell pools the answers to all its questions in that column; its n is the
 *   distinct respondents who answered at least one of them.
 * - Dimensions: a group's score is the mean of the group's visible scores of the dimension's
 *   scored indicators ('all': of the visible 'all' scores), so a withheld indicator cannot be
 *   worked out from it; n is the distinct respondents who answered at least one of its questions.
 * - Participation: every group of the evaluation with its counts, shown even under k (they are
 *   about taking part, not about answers); `suppressed` says its figures are withheld.
 * - The self-assessment, unless anonymous, is the organization speaking and is not held to k
 *   (`exemptFromK`): crossing every view with it is the method, and it is often one submission.
 *
 * k below MIN_K_THRESHOLD is raised to it: no figure about fewer than 3 people, whatever is stored.
 */
export function analyse(structure: AnalysisStructure, counts: AnalysisCounts): Analysis {
  const k = Math.max(structure.k, MIN_K_THRESHOLD);
  const plan = analysisPlan(structure);
  const index = new CountIndex(counts);

  const exempt = new Set(structure.groups.filter(exemptFromK).map((group) => group.groupKey));
  const participation = plan.groups.map((groupKey) => {
    const counted = index.participation.get(groupKey);
    const expected = counted?.expected ?? structure.groups.find((group) => group.groupKey === groupKey)?.expectedCount ?? 0;
    const submitted = counted?.submitted ?? 0;
    return {
      groupKey,
      expected,
      submitted,
      excluded: counted?.excluded ?? 0,
      partial: counted?.partial ?? 0,
      responseRate: expected > 0 ? submitted / expected : null,
      suppressed: !exempt.has(groupKey) && submitted < k,
    };
  });
  const rules: SuppressionRules = { k, exempt, underK: new Set(participation.filter((group) => group.suppressed).map((group) => group.groupKey)) };

  const indicators = plan.indicators.map((planned) => analyseIndicator(planned, index, rules));
  const byKey = new Map(indicators.map((indicator) => [indicator.key, indicator]));
  const dimensions = plan.dimensions.map((planned) =>
    analyseDimension(
      planned,
      planned.indicators.map((item) => byKey.get(item.indicator.key) as IndicatorAnalysis),
      index,
      rules,
    ),
  );
  return { k, participation, indicators, dimensions, crossed: crossedPerspectives(indicators, dimensions, plan.groups) };
}

function analyseIndicator(planned: PlannedIndicator, index: CountIndex, rules: SuppressionRules): IndicatorAnalysis {
  const { indicator } = planned;
  const indicatorRow = new Map(planned.groups.map((group) => [group, index.scope(index.indicatorRespondents, indicator.key, group)]));
  const questionRows = planned.questions.map(({ question, groups }) => new Map(groups.map((group) => [group, index.respondents(question.key, group)])));
  const [indicatorSuppression, ...questionSuppressions] = suppressFamily([indicatorRow, ...questionRows], rules);

  const questions = planned.questions.map(({ question, groups }, position) => {
    const suppression = questionSuppressions[position];
    const cells = columns(groups, suppression, (column) => {
      const pooled = column === 'all' ? groups : [column];
      const respondents = sum(pooled, (group) => index.respondents(question.key, group));
      return statsFromCounts(indicator, pooled.flatMap((group) => index.values(question.key, group)), respondents);
    });
    return { key: question.key, cells };
  });

  const cells = columns(planned.groups, indicatorSuppression, (column) => {
    const pooled = column === 'all' ? planned.groups : [column];
    const asked = planned.questions.flatMap(({ question, groups }) => pooled.filter((group) => groups.includes(group)).map((group) => ({ key: question.key, group })));
    return statsFromCounts(
      indicator,
      asked.flatMap(({ key, group }) => index.values(key, group)),
      sum(pooled, (group) => index.scope(index.indicatorRespondents, indicator.key, group)),
      sum(asked, ({ key, group }) => index.respondents(key, group)),
    );
  });

  return {
    key: indicator.key,
    dimensionKey: planned.dimensionKey,
    criterionKey: planned.criterionKey,
    custom: planned.custom,
    kind: indicator.kind,
    title: indicator.title,
    scored: indicator.kind !== 'text' && indicator.scoring.rule !== 'none',
    cells,
    questions,
  };
}

function analyseDimension(planned: PlannedDimension, indicators: readonly IndicatorAnalysis[], index: CountIndex, rules: SuppressionRules): DimensionAnalysis {
  const key = planned.dimension.key;
  const row = new Map(planned.groups.map((group) => [group, index.scope(index.dimensionRespondents, key, group)]));
  const [suppression] = suppressFamily([row], rules);
  const scored = indicators.filter((indicator) => indicator.scored);
  const cells: Partial<Record<AnalysisColumn, ScoreCell>> = {};
  for (const column of [...planned.groups, 'all'] as const) {
    const withheld = column === 'all' ? suppression.all : suppression.groups.get(column);
    if (withheld) {
      cells[column] = withheld;
      continue;
    }
    const n = column === 'all' ? sum(planned.groups, (group) => row.get(group) ?? 0) : (row.get(column) ?? 0);
    const scores = scored.flatMap((indicator) => {
      const cell = indicator.cells[column];
      return isVisible(cell) && cell.score !== null ? [cell.score] : [];
    });
    cells[column] = { suppressed: false, n, score: scores.length > 0 ? sum(scores, (score) => score) / scores.length : null };
  }
  return { key, title: planned.dimension.title, cells };
}

/** The cells of one row: its groups in order, then 'all'; withheld ones as withheld, the others computed. */
function columns(
  groups: readonly StakeholderGroupKey[],
  suppression: RowSuppression,
  compute: (column: AnalysisColumn) => ReturnType<typeof statsFromCounts>,
): Partial<Record<AnalysisColumn, Cell>> {
  const cells: Partial<Record<AnalysisColumn, Cell>> = {};
  for (const column of [...groups, 'all'] as const) {
    const withheld = column === 'all' ? suppression.all : suppression.groups.get(column);
    cells[column] = withheld ?? { suppressed: false, ...compute(column) };
  }
  return cells;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += of(item);
  return total;
}

/** The counts indexed by key, then group, read once: the analysis looks each figure up, never scans. */
class CountIndex {
  readonly participation = new Map<StakeholderGroupKey, AnalysisCounts['participation'][number]>();
  readonly indicatorRespondents = new Map<string, Map<StakeholderGroupKey, number>>();
  readonly dimensionRespondents = new Map<string, Map<StakeholderGroupKey, number>>();
  private readonly valuesByQuestion = new Map<string, Map<StakeholderGroupKey, ValueCount[]>>();
  private readonly respondentsByQuestion = new Map<string, Map<StakeholderGroupKey, number>>();

  constructor(counts: AnalysisCounts) {
    for (const value of counts.values) {
      const list = inner(this.valuesByQuestion, value.questionKey).get(value.groupKey);
      if (list) list.push(value);
      else inner(this.valuesByQuestion, value.questionKey).set(value.groupKey, [value]);
    }
    for (const count of counts.respondents) add(this.respondentsByQuestion, count.questionKey, count.groupKey, count.respondents);
    for (const count of counts.indicatorRespondents) add(this.indicatorRespondents, count.key, count.groupKey, count.respondents);
    for (const count of counts.dimensionRespondents) add(this.dimensionRespondents, count.key, count.groupKey, count.respondents);
    for (const group of counts.participation) this.participation.set(group.groupKey, group);
  }

  values(questionKey: string, group: StakeholderGroupKey): readonly ValueCount[] {
    return this.valuesByQuestion.get(questionKey)?.get(group) ?? [];
  }

  respondents(questionKey: string, group: StakeholderGroupKey): number {
    return this.respondentsByQuestion.get(questionKey)?.get(group) ?? 0;
  }

  scope(map: ReadonlyMap<string, ReadonlyMap<StakeholderGroupKey, number>>, key: string, group: StakeholderGroupKey): number {
    return map.get(key)?.get(group) ?? 0;
  }
}

function inner<T>(map: Map<string, Map<StakeholderGroupKey, T>>, key: string): Map<StakeholderGroupKey, T> {
  let found = map.get(key);
  if (!found) {
    found = new Map();
    map.set(key, found);
  }
  return found;
}

function add(map: Map<string, Map<StakeholderGroupKey, number>>, key: string, group: StakeholderGroupKey, count: number): void {
  const byGroup = inner(map, key);
  byGroup.set(group, (byGroup.get(group) ?? 0) + count);
}
