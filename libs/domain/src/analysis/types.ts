/**
 * The analysis of an evaluation: what SQL counts (or the JavaScript reference counts from answer
 * rows), and the figures the pure `analyse` makes of those counts, with every figure about fewer
 * than k submissions already withheld. The dashboard, the exports and the report read only this.
 */
import type { AnswerOptionsByIndicator } from '../charts/answer-options.js';
import type { AnonymityMode } from '../evaluation-status.js';
import type { CustomQuestion, FrameworkContent, IndicatorKind } from '../framework.js';
import type { NormalisedAnswer } from '../answer-normalisation.js';
import type { LocalizedText } from '../locale.js';
import type { StakeholderGroupKey } from '../stakeholder-group.js';

/**
 * Answer rows (part `answer`) of one value of one question in one group. Exactly one of
 * `numericValue` and `choiceValue` is set, or `dontKnow` is true. `count` is a number of rows:
 * one per submission, except multiple choice (one row per chosen value).
 */
export interface ValueCount {
  groupKey: StakeholderGroupKey;
  questionKey: string;
  indicatorKey: string;
  numericValue: number | null;
  choiceValue: string | null;
  dontKnow: boolean;
  count: number;
}

/** Distinct submissions that answered a question (part `answer`), per group. */
export interface RespondentCount {
  groupKey: StakeholderGroupKey;
  questionKey: string;
  indicatorKey: string;
  respondents: number;
}

/** Participation of a group: submitted counts only submitted, non-excluded submissions. */
export interface GroupParticipation {
  groupKey: StakeholderGroupKey;
  expected: number;
  submitted: number;
  excluded: number;
  partial: number;
}

/** Distinct counted submissions of a group that answered at least one question of a dimension (or an indicator). */
export interface ScopeRespondentCount {
  groupKey: StakeholderGroupKey;
  key: string;
  respondents: number;
}

/** What SQL (or the JavaScript reference) gives the analysis of one evaluation. */
export interface AnalysisCounts {
  values: ValueCount[];
  respondents: RespondentCount[];
  participation: GroupParticipation[];
  /** per indicator × group: distinct submissions that answered at least one of its questions */
  indicatorRespondents: ScopeRespondentCount[];
  /** per dimension × group: distinct submissions that answered at least one of its questions */
  dimensionRespondents: ScopeRespondentCount[];
}

/** One answer row as the reference counts it: the normalised answer and whose it is. */
export interface AnswerRowForCounting extends NormalisedAnswer {
  submissionId: string;
  groupKey: StakeholderGroupKey;
}

/** What was asked: the pinned version's content and the evaluation's choices. */
export interface AnalysisStructure {
  content: FrameworkContent;
  dimensionKeys: readonly string[];
  customQuestions: readonly CustomQuestion[];
  groups: ReadonlyArray<{ groupKey: StakeholderGroupKey; expectedCount: number; anonymity: AnonymityMode }>;
  /** anonymity threshold of the evaluation (≥ 3) */
  k: number;
}

export type SuppressionReason = 'under-k' | 'complementary';
export interface Suppressed {
  suppressed: true;
  reason: SuppressionReason;
}

/** The figures of one question or indicator in one column (a group, or all groups). */
export interface Stats {
  /** respondents (distinct submissions) */
  n: number;
  /** of the numeric values (scale, quantity); null for other kinds or when only "je ne sais pas" */
  mean: number | null;
  median: number | null;
  /** counts per value: numbers as strings ("1"…"5"), choice values, then "dont_know" last */
  distribution: Array<{ value: string; count: number }>;
  /** share of respondents who answered "je ne sais pas", 0…1 */
  dontKnowShare: number;
  /** 0…100 by the indicator's scoring rule; null when it is not scored or nothing scored counts */
  score: number | null;
}

export type Cell = ({ suppressed: false } & Stats) | Suppressed;
export type ScoreCell = { suppressed: false; n: number; score: number | null } | Suppressed;

/** A column of the analysis: one stakeholder group, or all groups together. */
export type AnalysisColumn = StakeholderGroupKey | 'all';
export const ALL_GROUPS = 'all' as const;

export interface IndicatorAnalysis {
  key: string;
  dimensionKey: string;
  /** null for the organization's own questions */
  criterionKey: string | null;
  custom: boolean;
  kind: IndicatorKind;
  title: LocalizedText;
  scored: boolean;
  /** one column per group the indicator is asked of, and 'all' */
  cells: Partial<Record<AnalysisColumn, Cell>>;
  questions: Array<{ key: string; cells: Partial<Record<AnalysisColumn, Cell>> }>;
}

export interface DimensionAnalysis {
  key: string;
  title: LocalizedText;
  /** a group's dimension score is the mean of its visible scored indicator scores */
  cells: Partial<Record<AnalysisColumn, ScoreCell>>;
}

export interface Gap {
  groupKey: StakeholderGroupKey;
  level: 'indicator' | 'dimension';
  key: string;
  self: number;
  group: number;
  /** group − self, in score points */
  gap: number;
}

export interface CrossedPerspectives {
  /** false when the self-assessment has no visible figure */
  available: boolean;
  gaps: Gap[];
  /** smallest |gap| first, at most 5 */
  convergences: Gap[];
  /** largest |gap| first, at most 5 */
  divergences: Gap[];
}

export interface Analysis {
  k: number;
  participation: Array<GroupParticipation & { responseRate: number | null; suppressed: boolean }>;
  indicators: IndicatorAnalysis[];
  dimensions: DimensionAnalysis[];
  crossed: CrossedPerspectives;
}

export interface Delta {
  key: string;
  column: AnalysisColumn;
  before: number;
  after: number;
  delta: number;
}

/** Change since the previous evaluation: indicators matched by key; what cannot be matched is listed, never guessed. */
export interface Comparison {
  previous: { evaluationId: string; title: string; closesAt: string };
  indicators: Delta[];
  dimensions: Delta[];
  unmatched: {
    /** indicators only in the previous evaluation */
    onlyBefore: string[];
    /** indicators only in this one */
    onlyAfter: string[];
    /** same key, but what a score means changed (scale, scoring rule, "je ne sais pas") */
    rescored: string[];
  };
}

/** A group's agreed answer recorded in a collective session, shown beside the individual answers. */
export interface ConsensusEntry {
  sessionId: string;
  groupKey: StakeholderGroupKey;
  questionKey: string;
  indicatorKey: string;
  /** as recorded: a number, a choice value, choice values, "dont_know" or a text */
  value: unknown;
  reasons: string | null;
  recordedAt: string;
}

/** What `GET …/evaluations/:evaluationId/analysis` answers: the dashboard's whole payload. */
export interface AnalysisPayload extends Analysis {
  evaluationId: string;
  computedAt: string;
  comparison: Comparison | null;
  consensus: ConsensusEntry[];
  /** the words and order of each analysed indicator's answers, for labels and stacked distributions */
  answerOptions: AnswerOptionsByIndicator;
}
