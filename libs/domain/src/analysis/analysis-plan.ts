/**
 * What an evaluation's analysis covers, read once from its structure: the chosen dimensions in the
 * framework's order, each with its framework indicators (in order) then the organization's own
 * questions of that dimension, and for every indicator and question the evaluation's groups it is
 * asked of (in the display order of stakeholder groups). Counting, analysis and comparison all
 * walk this plan, so they agree on what a row and a column are.
 */
import type { Dimension, Indicator, Question } from '../framework.js';
import { STAKEHOLDER_GROUP_KEYS, type StakeholderGroupKey } from '../stakeholder-group.js';
import type { AnalysisStructure } from './types.js';

export interface PlannedQuestion {
  question: Question;
  /** the evaluation's groups this question is asked of, in display order */
  groups: StakeholderGroupKey[];
}

export interface PlannedIndicator {
  indicator: Indicator;
  dimensionKey: string;
  /** null for the organization's own questions */
  criterionKey: string | null;
  custom: boolean;
  /** the evaluation's groups at least one of its questions is asked of, in display order */
  groups: StakeholderGroupKey[];
  questions: PlannedQuestion[];
}

export interface PlannedDimension {
  dimension: Dimension;
  /** the evaluation's groups at least one of its indicators is asked of, in display order */
  groups: StakeholderGroupKey[];
  indicators: PlannedIndicator[];
}

export interface AnalysisPlan {
  /** the evaluation's groups, in display order */
  groups: StakeholderGroupKey[];
  dimensions: PlannedDimension[];
  /** every indicator of every chosen dimension, in the order of `dimensions` */
  indicators: PlannedIndicator[];
}

/** The rows and columns of an evaluation's analysis. */
export function analysisPlan(structure: AnalysisStructure): AnalysisPlan {
  const evaluationGroups = new Set(structure.groups.map((group) => group.groupKey));
  const groups = inDisplayOrder(evaluationGroups);
  const chosen = new Set(structure.dimensionKeys);
  const dimensions: PlannedDimension[] = [];
  for (const dimension of structure.content.dimensions) {
    if (!chosen.has(dimension.key)) continue;
    const indicators: PlannedIndicator[] = [];
    for (const criterion of dimension.criteria) {
      for (const indicator of criterion.indicators) indicators.push(plan(indicator, dimension.key, criterion.key, false, evaluationGroups));
    }
    for (const custom of structure.customQuestions) {
      if (custom.dimensionKey === dimension.key) indicators.push(plan(custom.indicator, dimension.key, null, true, evaluationGroups));
    }
    dimensions.push({ dimension, groups: inDisplayOrder(new Set(indicators.flatMap((item) => item.groups))), indicators });
  }
  return { groups, dimensions, indicators: dimensions.flatMap((dimension) => dimension.indicators) };
}

function plan(
  indicator: Indicator,
  dimensionKey: string,
  criterionKey: string | null,
  custom: boolean,
  evaluationGroups: ReadonlySet<StakeholderGroupKey>,
): PlannedIndicator {
  const questions = indicator.questions.map((question) => ({
    question,
    groups: inDisplayOrder(new Set(question.audiences.filter((group) => evaluationGroups.has(group)))),
  }));
  return { indicator, dimensionKey, criterionKey, custom, groups: inDisplayOrder(new Set(questions.flatMap((item) => item.groups))), questions };
}

function inDisplayOrder(groups: ReadonlySet<StakeholderGroupKey>): StakeholderGroupKey[] {
  return STAKEHOLDER_GROUP_KEYS.filter((group) => groups.has(group));
}
