/**
 * The JavaScript reference of what SQL counts for an analysis: answers per value, and distinct
 * respondents per question, indicator and dimension, each per stakeholder group. The SQL that
 * scales is held to this function by a property test on random data; `analyse` turns either into
 * figures. Counts are returned in one canonical order (`normaliseCounts`) so two countings of the
 * same answers are equal as values, whatever order the rows came in.
 */
import { STAKEHOLDER_GROUP_KEYS, type StakeholderGroupKey } from '../stakeholder-group.js';
import { analysisPlan } from './analysis-plan.js';
import type {
  AnalysisCounts,
  AnalysisStructure,
  AnswerRowForCounting,
  GroupParticipation,
  RespondentCount,
  ScopeRespondentCount,
  ValueCount,
} from './types.js';

const SEPARATOR = '\u0000';

/**
 * Counts answer rows the way the analysis SQL does.
 *
 * Precondition: `rows` come only from counted submissions, that is submitted and not excluded
 * (partial and excluded submissions never count), and `participation` is that of the same
 * evaluation. Only rows with `part: 'answer'` are counted ("pourquoi ?" comments are verbatims,
 * not answers). A text answer makes its author a respondent of the question but has no value to
 * count. Dimension respondents follow the structure: a row whose indicator is not in a chosen
 * dimension counts for its question and indicator only.
 */
export function countAnswers(
  rows: readonly AnswerRowForCounting[],
  participation: readonly GroupParticipation[],
  structure: AnalysisStructure,
): AnalysisCounts {
  const dimensionOf = new Map<string, string>();
  for (const planned of analysisPlan(structure).indicators) dimensionOf.set(planned.indicator.key, planned.dimensionKey);

  const values = new Map<string, ValueCount>();
  const questionRespondents = new Map<string, { count: RespondentCount; submissions: Set<string> }>();
  const indicatorRespondents = new Map<string, { count: ScopeRespondentCount; submissions: Set<string> }>();
  const dimensionRespondents = new Map<string, { count: ScopeRespondentCount; submissions: Set<string> }>();

  for (const row of rows) {
    if (row.part !== 'answer') continue;
    const { groupKey, questionKey, indicatorKey } = row;
    if (row.dontKnow || row.numericValue !== null || row.choiceValue !== null) {
      const numericValue = row.dontKnow ? null : row.numericValue;
      const choiceValue = row.dontKnow || numericValue !== null ? null : row.choiceValue;
      const key = [groupKey, questionKey, indicatorKey, row.dontKnow ? 'k' : numericValue !== null ? `n${numericValue}` : `c${choiceValue}`].join(SEPARATOR);
      const found = values.get(key);
      if (found) found.count += 1;
      else values.set(key, { groupKey, questionKey, indicatorKey, numericValue, choiceValue, dontKnow: row.dontKnow, count: 1 });
    }
    addRespondent(questionRespondents, [groupKey, questionKey, indicatorKey].join(SEPARATOR), row.submissionId, () => ({ groupKey, questionKey, indicatorKey, respondents: 0 }));
    addRespondent(indicatorRespondents, [groupKey, indicatorKey].join(SEPARATOR), row.submissionId, () => ({ groupKey, key: indicatorKey, respondents: 0 }));
    const dimensionKey = dimensionOf.get(indicatorKey);
    if (dimensionKey !== undefined) {
      addRespondent(dimensionRespondents, [groupKey, dimensionKey].join(SEPARATOR), row.submissionId, () => ({ groupKey, key: dimensionKey, respondents: 0 }));
    }
  }

  return normaliseCounts({
    values: [...values.values()],
    respondents: finish(questionRespondents),
    participation: participation.map((group) => ({ ...group })),
    indicatorRespondents: finish(indicatorRespondents),
    dimensionRespondents: finish(dimensionRespondents),
  });
}

/**
 * The same counts in the canonical order: groups in display order, then keys, then values
 * (numbers ascending, then choices, then "je ne sais pas"). Returns new arrays; SQL results go
 * through it before being compared with `countAnswers`.
 */
export function normaliseCounts(counts: AnalysisCounts): AnalysisCounts {
  return {
    values: [...counts.values].sort(
      (a, b) =>
        byGroup(a.groupKey, b.groupKey) ||
        byText(a.questionKey, b.questionKey) ||
        byText(a.indicatorKey, b.indicatorKey) ||
        valueRank(a) - valueRank(b) ||
        (a.numericValue ?? 0) - (b.numericValue ?? 0) ||
        byText(a.choiceValue ?? '', b.choiceValue ?? ''),
    ),
    respondents: [...counts.respondents].sort(
      (a, b) => byGroup(a.groupKey, b.groupKey) || byText(a.questionKey, b.questionKey) || byText(a.indicatorKey, b.indicatorKey),
    ),
    participation: [...counts.participation].sort((a, b) => byGroup(a.groupKey, b.groupKey)),
    indicatorRespondents: [...counts.indicatorRespondents].sort(byScope),
    dimensionRespondents: [...counts.dimensionRespondents].sort(byScope),
  };
}

function addRespondent<T extends { respondents: number }>(
  map: Map<string, { count: T; submissions: Set<string> }>,
  key: string,
  submissionId: string,
  create: () => T,
): void {
  let entry = map.get(key);
  if (!entry) {
    entry = { count: create(), submissions: new Set() };
    map.set(key, entry);
  }
  entry.submissions.add(submissionId);
}

function finish<T extends { respondents: number }>(map: Map<string, { count: T; submissions: Set<string> }>): T[] {
  return [...map.values()].map(({ count, submissions }) => ({ ...count, respondents: submissions.size }));
}

function byGroup(a: StakeholderGroupKey, b: StakeholderGroupKey): number {
  return STAKEHOLDER_GROUP_KEYS.indexOf(a) - STAKEHOLDER_GROUP_KEYS.indexOf(b);
}

/** Code-unit order: the same in every locale and runtime. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byScope(a: ScopeRespondentCount, b: ScopeRespondentCount): number {
  return byGroup(a.groupKey, b.groupKey) || byText(a.key, b.key);
}

function valueRank(value: ValueCount): number {
  if (value.dontKnow) return 2;
  return value.numericValue !== null ? 0 : 1;
}
