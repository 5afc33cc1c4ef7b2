import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  STAKEHOLDER_GROUP_KEYS,
  analyse,
  answerOptionsFromStructure,
  compareAnalyses,
  type Analysis,
  type AnalysisColumn,
  type AnalysisPayload,
  type AnalysisStructure,
  type AnonymityMode,
  type Comparison,
  type ConsensusEntry,
  type CustomQuestion,
  type EvaluationStatus,
  type FrameworkContent,
  type StakeholderGroupKey,
} from '#domain';
import { AppException } from '../../common/app.exception.js';
import { TenantContext } from '../tenancy/tenant-context.service.js';
import { AnalysisCountsQuery } from './analysis-counts.query.js';

/** Statuses past collection: an evaluation in one of them has settled results to compare with. */
const SETTLED_STATUSES: readonly EvaluationStatus[] = ['analysing', 'reporting', 'closed'];

interface EvaluationRow {
  role: 'current' | 'previous';
  id: string;
  title: string;
  status: EvaluationStatus;
  closes_at: Date;
  k_threshold: number;
  dimension_keys: string[];
  custom_questions: CustomQuestion[];
  content: FrameworkContent;
  groups: Array<{ groupKey: StakeholderGroupKey; expectedCount: number; anonymity: AnonymityMode }> | null;
  /** the analysis kept when the individual answers were deleted (retention); null while they are kept */
  retained_analysis: Analysis | null;
}

interface ConsensusRow {
  session_id: string;
  group_key: StakeholderGroupKey;
  question_key: string;
  indicator_key: string;
  value: unknown;
  reasons: string;
  recorded_at: Date;
}

/**
 * The evaluation (of this organization, in this workspace) and, in the same statement, the one
 * it is compared with: the latest evaluation of the same organization on a version of the same
 * framework whose collection is over (analysing, reporting or closed) and which closed before this
 * one opened. Framework versions and groups are read here without their modules' entities.
 */
const EVALUATIONS_SQL = `
  WITH current AS (
    SELECT e.*, v.framework_id, v.content
      FROM evaluation e JOIN framework_version v ON v.id = e.framework_version_id
     WHERE e.workspace_id = $1 AND e.organization_id = $2 AND e.id = $3
  ), previous AS (
    SELECT p.*, v.framework_id, v.content
      FROM current c
      JOIN evaluation p ON p.workspace_id = c.workspace_id AND p.organization_id = c.organization_id AND p.id <> c.id
      JOIN framework_version v ON v.id = p.framework_version_id AND v.framework_id = c.framework_id
     WHERE p.status = ANY($4::varchar[]) AND p.closes_at <= c.opens_at
     ORDER BY p.closes_at DESC, p.created_at DESC, p.id
     LIMIT 1
  ), chosen AS (
    SELECT 'current' AS role, * FROM current UNION ALL SELECT 'previous' AS role, * FROM previous
  )
  SELECT x.role, x.id, x.title, x.status, x.closes_at, x.k_threshold, x.dimension_keys, x.custom_questions, x.content, x.retained_analysis,
         (SELECT json_agg(json_build_object('groupKey', g.group_key, 'expectedCount', g.expected_count, 'anonymity', g.anonymity))
            FROM evaluation_group g WHERE g.workspace_id = x.workspace_id AND g.evaluation_id = x.id) AS groups
    FROM chosen x`;

const CONSENSUS_SQL = `
  SELECT c.session_id, s.group_key, c.question_key, c.indicator_key, c.value, c.reasons, c.recorded_at
    FROM consensus_answer c
    JOIN collective_session s ON s.id = c.session_id AND s.workspace_id = c.workspace_id
   WHERE c.workspace_id = $1 AND c.evaluation_id = $2
   ORDER BY c.recorded_at, c.question_key, c.session_id`;

export type AnalysisResult = AnalysisPayload & { groupFilter: StakeholderGroupKey | null };

/**
 * The analysis of an evaluation: SQL counts (AnalysisCountsQuery) turned into figures by the pure
 * `analyse`, which withholds every figure about fewer than k submissions and those that would let
 * one be computed; then the change since the previous evaluation and the consensus answers of
 * collective sessions. Nothing is stored: each request computes from the answers as they are.
 */
@Injectable()
export class AnalysisService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenant: TenantContext,
    private readonly counts: AnalysisCountsQuery,
  ) {}

  async analysis(organizationId: string, evaluationId: string, groupKey: StakeholderGroupKey | null): Promise<AnalysisResult> {
    const workspaceId = this.tenant.workspaceId;
    const rows = await this.dataSource.query<EvaluationRow[]>(EVALUATIONS_SQL, [workspaceId, organizationId, evaluationId, SETTLED_STATUSES]);
    const current = rows.find((row) => row.role === 'current');
    if (!current) throw AppException.notFound('evaluation');
    const previous = rows.find((row) => row.role === 'previous');
    const structure = toStructure(current);
    if (groupKey !== null && !structure.groups.some((group) => group.groupKey === groupKey)) {
      const groups = structure.groups.map((group) => group.groupKey).join(', ');
      throw AppException.validation([{ path: 'groupKey', code: 'not-in-evaluation', message: `This evaluation has no ${groupKey} group; its groups are ${groups}.` }]);
    }
    const previousStructure = previous ? toStructure(previous) : null;

    const [analysis, previousAnalysis, consensusRows] = await Promise.all([
      this.analysisOf(workspaceId, current, structure),
      previous && previousStructure ? this.analysisOf(workspaceId, previous, previousStructure) : null,
      this.dataSource.query<ConsensusRow[]>(CONSENSUS_SQL, [workspaceId, current.id]),
    ]);
    let comparison: Comparison | null = null;
    if (previous && previousStructure && previousAnalysis) {
      comparison = compareAnalyses(
        { analysis: previousAnalysis, structure: previousStructure, evaluationId: previous.id, title: previous.title, closesAt: new Date(previous.closes_at).toISOString() },
        { analysis, structure },
      );
    }
    // A session's agreed answers speak for its group: shown only where the group's own figures are.
    const shownGroups = new Set(analysis.participation.filter((p) => !p.suppressed).map((p) => p.groupKey));
    const consensus: ConsensusEntry[] = consensusRows
      .filter((row) => shownGroups.has(row.group_key))
      .map((row) => ({
        sessionId: row.session_id,
        groupKey: row.group_key,
        questionKey: row.question_key,
        indicatorKey: row.indicator_key,
        value: row.value,
        reasons: row.reasons === '' ? null : row.reasons,
        recordedAt: new Date(row.recorded_at).toISOString(),
      }));

    const allOptions = answerOptionsFromStructure(structure);
    const answerOptions = Object.fromEntries(analysis.indicators.flatMap((indicator) => (allOptions[indicator.key] ? [[indicator.key, allOptions[indicator.key]!]] : [])));
    const payload: AnalysisResult = { evaluationId: current.id, computedAt: new Date().toISOString(), groupFilter: null, ...analysis, comparison, consensus, answerOptions };
    return groupKey === null ? payload : onlyGroup(payload, groupKey);
  }

  /**
   * The figures of one evaluation: computed from its answers, or, once they were deleted at the
   * end of their retention period, the analysis kept at that moment (already suppressed for k).
   */
  private async analysisOf(workspaceId: string, row: EvaluationRow, structure: AnalysisStructure): Promise<Analysis> {
    if (row.retained_analysis) return row.retained_analysis;
    // While submissions arrive, two parallel snapshots seldom see the same ones and would be read
    // again: one snapshot, on one connection, leaves the pool to the respondents.
    const counts =
      row.status === 'collecting'
        ? await this.counts.countsInOneSnapshot(workspaceId, row.id, structure)
        : await this.counts.counts(workspaceId, row.id, structure);
    return analyse(structure, counts);
  }

  /**
   * What is kept of an evaluation when its answers are deleted: the analysis of all its groups,
   * computed from the answers as they are now, with every figure about fewer than k withheld.
   * Call within the transaction that deletes them, so nothing is missed in between.
   */
  async analysisToRetain(m: EntityManager, workspaceId: string, organizationId: string, evaluationId: string): Promise<Analysis> {
    const rows = await m.query<EvaluationRow[]>(EVALUATIONS_SQL, [workspaceId, organizationId, evaluationId, SETTLED_STATUSES]);
    const current = rows.find((row) => row.role === 'current');
    if (!current) throw AppException.notFound('evaluation');
    const structure = toStructure(current);
    return analyse(structure, await this.counts.countsWithin(m, workspaceId, current.id, structure));
  }
}

function toStructure(row: EvaluationRow): AnalysisStructure {
  const groups = [...(row.groups ?? [])].sort((a, b) => STAKEHOLDER_GROUP_KEYS.indexOf(a.groupKey) - STAKEHOLDER_GROUP_KEYS.indexOf(b.groupKey));
  return { content: row.content, dimensionKeys: row.dimension_keys, customQuestions: row.custom_questions, groups, k: row.k_threshold };
}

/**
 * The payload with one group's columns (and "all") only. The figures are those of the whole
 * analysis, suppression included: a filter chooses among figures already fit to be shown, so no
 * combination of filters isolates fewer than k people.
 */
export function onlyGroup(payload: AnalysisResult, groupKey: StakeholderGroupKey): AnalysisResult {
  const keep: readonly AnalysisColumn[] = [groupKey, 'all'];
  const pick = <T>(cells: Partial<Record<AnalysisColumn, T>>): Partial<Record<AnalysisColumn, T>> =>
    Object.fromEntries(Object.entries(cells).filter(([column]) => keep.includes(column as AnalysisColumn))) as Partial<Record<AnalysisColumn, T>>;
  const ofGroup = <T extends { groupKey: StakeholderGroupKey }>(items: readonly T[]) => items.filter((item) => item.groupKey === groupKey);
  return {
    ...payload,
    groupFilter: groupKey,
    participation: ofGroup(payload.participation),
    indicators: payload.indicators.map((indicator) => ({
      ...indicator,
      cells: pick(indicator.cells),
      questions: indicator.questions.map((question) => ({ ...question, cells: pick(question.cells) })),
    })),
    dimensions: payload.dimensions.map((dimension) => ({ ...dimension, cells: pick(dimension.cells) })),
    crossed: { ...payload.crossed, gaps: ofGroup(payload.crossed.gaps), convergences: ofGroup(payload.crossed.convergences), divergences: ofGroup(payload.crossed.divergences) },
    comparison: payload.comparison && {
      ...payload.comparison,
      indicators: payload.comparison.indicators.filter((delta) => keep.includes(delta.column)),
      dimensions: payload.comparison.dimensions.filter((delta) => keep.includes(delta.column)),
    },
    consensus: ofGroup(payload.consensus),
  };
}
