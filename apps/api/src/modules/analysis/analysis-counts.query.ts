import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  STAKEHOLDER_GROUP_KEYS,
  normaliseCounts,
  type AnalysisCounts,
  type AnalysisStructure,
  type GroupParticipation,
  type RespondentCount,
  type ScopeRespondentCount,
  type StakeholderGroupKey,
  type ValueCount,
} from '#domain';

/**
 * Counts per value, per question × group, of the counted answer rows: part 'answer' of submitted,
 * non-excluded submissions. Text answers are counted apart (`is_text`): they have no value to
 * distribute, but their respondents count. One hashed pass over the rows; the result has a few
 * thousand rows whatever the number of submissions.
 */
export const VALUE_COUNTS_SQL = `
  SELECT a.group_key, a.question_key, a.indicator_key, a.numeric_value, a.choice_value, a.dont_know,
         a.text_value IS NOT NULL AS is_text, count(*)::int AS count
    FROM answer a
    JOIN submission s ON s.id = a.submission_id
   WHERE a.workspace_id = $1 AND a.evaluation_id = $2 AND a.part = 'answer'
     AND s.workspace_id = $1 AND s.evaluation_id = $2 AND s.status = 'submitted' AND s.excluded_at IS NULL
   GROUP BY a.group_key, a.question_key, a.indicator_key, a.numeric_value, a.choice_value, a.dont_know, is_text`;

/**
 * Distinct respondents per scope × group, where a scope is a dimension, a multiple-choice
 * question (one row per chosen value) or an indicator of several questions: the counts that
 * need one submission counted once however many of its rows fall in the scope.
 *
 * Each question carries a bit mask of its scopes ($3–$5: question, mask word, 63-bit mask); the
 * rows of a submission are OR-ed into one mask per word (a hashed pass, one group per
 * submission); only then are submissions kept if they count, and identical masks counted
 * together; each scope ($6–$7: word and bit, numbered by their position) then sums the
 * submissions whose mask has its bit.
 */
export const SCOPE_COUNTS_SQL = `
  WITH structure AS (
    SELECT * FROM unnest($3::text[], $4::int[], $5::bigint[]) AS m(question_key, word, mask)
  ), per_submission AS (
    SELECT a.submission_id, m.word, bit_or(m.mask) AS mask
      FROM answer a
      JOIN structure m ON m.question_key = a.question_key
     WHERE a.workspace_id = $1 AND a.evaluation_id = $2 AND a.part = 'answer'
     GROUP BY a.submission_id, m.word
  ), masks AS (
    SELECT s.group_key, p.word, p.mask, count(*) AS submissions
      FROM per_submission p
      JOIN submission s ON s.id = p.submission_id
     WHERE s.workspace_id = $1 AND s.evaluation_id = $2 AND s.status = 'submitted' AND s.excluded_at IS NULL
     GROUP BY s.group_key, p.word, p.mask
  )
  SELECT k.scope::int AS scope, ms.group_key, sum(ms.submissions)::int AS respondents
    FROM masks ms
    JOIN unnest($6::int[], $7::int[]) WITH ORDINALITY AS k(word, bit, scope)
      ON k.word = ms.word AND (ms.mask >> k.bit) & 1 = 1
   GROUP BY k.scope, ms.group_key`;

/**
 * Participation per group of the evaluation, as the collection overview counts it, with a
 * checksum of the counted submissions (their number and the sum of a hash of their ids): two
 * transactions that read the same checksums saw the same submissions count.
 */
export const PARTICIPATION_SQL = `
  SELECT g.group_key, g.expected_count AS expected,
         count(s.id) FILTER (WHERE s.status = 'submitted' AND s.excluded_at IS NULL)::int AS submitted,
         count(s.id) FILTER (WHERE s.excluded_at IS NOT NULL)::int AS excluded,
         count(s.id) FILTER (WHERE s.status = 'partial')::int AS partial,
         coalesce(sum(hashtext(s.id::text)) FILTER (WHERE s.status = 'submitted' AND s.excluded_at IS NULL), 0)::text AS checksum
    FROM evaluation_group g
    LEFT JOIN submission s ON s.workspace_id = g.workspace_id AND s.evaluation_id = g.evaluation_id AND s.group_key = g.group_key
   WHERE g.workspace_id = $1 AND g.evaluation_id = $2
   GROUP BY g.group_key, g.expected_count`;

/**
 * For the two aggregations, in their own transactions: the planner multiplies the distinct
 * counts of the grouped columns and expects tens of times more (question, value) groups than
 * there are, so with the default work_mem it sorts 600k rows on disk instead of hashing them into
 * a few thousand groups; and JIT compilation would cost more than these queries take.
 */
export const AGGREGATION_SETTINGS = `SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`;

/** Times the two aggregations are run side by side before they are run one after the other in one snapshot. */
const PARALLEL_ATTEMPTS = 3;

/** Bits per mask word: a signed bigint keeps 63 usable bits. */
export const WORD_BITS = 63;

type Scope = { type: 'dimension' | 'question' | 'indicator'; key: string };

/** What the SQL needs from the structure: each question's scopes as bit masks, and the list of scopes. */
export interface CountPlan {
  /** bits used in each mask word: 63, or fewer to spread the scopes over more words */
  wordBits: number;
  questions: Array<{ key: string; indicatorKey: string }>;
  scopes: Scope[];
  /** one row per question × mask word with a bit set */
  masks: { questionKeys: string[]; words: number[]; masks: string[] };
}

/**
 * The scopes of an evaluation: every chosen dimension, every multiple-choice question, every
 * indicator of more than one question. Other questions have one answer row per submission, so
 * their respondents are the sum of their value counts, and a single-question indicator's are its
 * question's.
 */
export function countPlan(structure: AnalysisStructure, wordBits = WORD_BITS): CountPlan {
  const scopes: Scope[] = [];
  const indexes = new Map<string, number>();
  const scopeIndex = (scope: Scope): number => {
    const id = `${scope.type}\u0000${scope.key}`;
    let index = indexes.get(id);
    if (index === undefined) {
      index = scopes.push(scope) - 1;
      indexes.set(id, index);
    }
    return index;
  };
  const questions: CountPlan['questions'] = [];
  const masks: CountPlan['masks'] = { questionKeys: [], words: [], masks: [] };
  const chosen = new Set(structure.dimensionKeys);
  for (const dimension of structure.content.dimensions) {
    if (!chosen.has(dimension.key)) continue;
    const indicators = dimension.criteria.flatMap((criterion) => criterion.indicators);
    for (const custom of structure.customQuestions) if (custom.dimensionKey === dimension.key) indicators.push(custom.indicator);
    for (const indicator of indicators) {
      for (const question of indicator.questions) {
        questions.push({ key: question.key, indicatorKey: indicator.key });
        const bits = [scopeIndex({ type: 'dimension', key: dimension.key })];
        if (indicator.kind === 'multiple_choice') bits.push(scopeIndex({ type: 'question', key: question.key }));
        if (indicator.questions.length > 1) bits.push(scopeIndex({ type: 'indicator', key: indicator.key }));
        const words = new Map<number, bigint>();
        for (const bit of bits) {
          const word = Math.floor(bit / wordBits);
          words.set(word, (words.get(word) ?? 0n) | (1n << BigInt(bit % wordBits)));
        }
        for (const [word, mask] of words) {
          masks.questionKeys.push(question.key);
          masks.words.push(word);
          masks.masks.push(mask.toString());
        }
      }
    }
  }
  return { wordBits, questions, scopes, masks };
}

interface ValueRow {
  group_key: StakeholderGroupKey;
  question_key: string;
  indicator_key: string;
  numeric_value: number | null;
  choice_value: string | null;
  dont_know: boolean;
  is_text: boolean;
  count: number;
}
interface ScopeRow {
  scope: number;
  group_key: StakeholderGroupKey;
  respondents: number;
}
interface ParticipationRow {
  group_key: StakeholderGroupKey;
  expected: number;
  submitted: number;
  excluded: number;
  partial: number;
  checksum: string;
}

/** Puts the three results together as AnalysisCounts, in canonical order: sums and look-ups over counts, never an answer row. */
export function assembleCounts(plan: CountPlan, valueRows: readonly ValueRow[], scopeRows: readonly ScopeRow[], participationRows: readonly ParticipationRow[]): AnalysisCounts {
  const scopeId = (type: Scope['type'], key: string) => `${type}\u0000${key}`;
  const planned = new Set(plan.scopes.map((scope) => scopeId(scope.type, scope.key)));
  const scoped = new Map<string, ScopeRespondentCount[]>();
  for (const row of scopeRows) {
    const scope = plan.scopes[row.scope - 1]!;
    const id = scopeId(scope.type, scope.key);
    scoped.set(id, [...(scoped.get(id) ?? []), { groupKey: row.group_key, key: scope.key, respondents: row.respondents }]);
  }
  const scopeCounts = (type: Scope['type'], key: string) => scoped.get(scopeId(type, key)) ?? [];

  const values: ValueCount[] = [];
  // Questions answered by one row per submission: their respondents are the sum of their counts.
  const sums = new Map<string, RespondentCount>();
  for (const row of valueRows) {
    if (!row.is_text) {
      values.push({
        groupKey: row.group_key,
        questionKey: row.question_key,
        indicatorKey: row.indicator_key,
        numericValue: row.numeric_value,
        choiceValue: row.choice_value,
        dontKnow: row.dont_know,
        count: row.count,
      });
    }
    if (planned.has(scopeId('question', row.question_key))) continue;
    const id = `${row.group_key}\u0000${row.question_key}`;
    const sum = sums.get(id);
    if (sum) sum.respondents += row.count;
    else sums.set(id, { groupKey: row.group_key, questionKey: row.question_key, indicatorKey: row.indicator_key, respondents: row.count });
  }
  const respondents: RespondentCount[] = [...sums.values()];
  for (const question of plan.questions) {
    for (const c of planned.has(scopeId('question', question.key)) ? scopeCounts('question', question.key) : []) {
      respondents.push({ groupKey: c.groupKey, questionKey: question.key, indicatorKey: question.indicatorKey, respondents: c.respondents });
    }
  }

  const byIndicator = new Map<string, RespondentCount[]>();
  for (const r of respondents) byIndicator.set(r.indicatorKey, [...(byIndicator.get(r.indicatorKey) ?? []), r]);
  const indicatorRespondents: ScopeRespondentCount[] = [];
  for (const indicatorKey of new Set(plan.questions.map((q) => q.indicatorKey))) {
    if (planned.has(scopeId('indicator', indicatorKey))) indicatorRespondents.push(...scopeCounts('indicator', indicatorKey));
    else for (const r of byIndicator.get(indicatorKey) ?? []) indicatorRespondents.push({ groupKey: r.groupKey, key: indicatorKey, respondents: r.respondents });
  }
  const dimensionRespondents = plan.scopes.filter((s) => s.type === 'dimension').flatMap((s) => scopeCounts('dimension', s.key));

  const participation: GroupParticipation[] = [...participationRows]
    .sort((a, b) => STAKEHOLDER_GROUP_KEYS.indexOf(a.group_key) - STAKEHOLDER_GROUP_KEYS.indexOf(b.group_key))
    .map((row) => ({ groupKey: row.group_key, expected: row.expected, submitted: row.submitted, excluded: row.excluded, partial: row.partial }));
  return normaliseCounts({ values, respondents, participation, indicatorRespondents, dimensionRespondents });
}

/**
 * The counts of one evaluation, in SQL: answer rows never leave the database. The two
 * aggregations run at the same time on two pooled connections (one after the other on the
 * embedded database, whose pool has one), each in a snapshot of its own; each snapshot's
 * participation comes with it. A submission that arrives or is excluded between the two snapshots
 * would mix counts of different sets of people (a cell's values from one, its n from the other),
 * so the checksums of both must agree; otherwise they are read again, and in the end both in one
 * snapshot.
 */
@Injectable()
export class AnalysisCountsQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async counts(workspaceId: string, evaluationId: string, structure: AnalysisStructure, plan = countPlan(structure)): Promise<AnalysisCounts> {
    for (let attempt = 0; attempt < PARALLEL_ATTEMPTS; attempt += 1) {
      const [values, scopes] = await Promise.all([
        this.inSnapshot(async (m) => ({ rows: await this.valueRows(m, workspaceId, evaluationId), participation: await this.participation(m, workspaceId, evaluationId) })),
        this.inSnapshot(async (m) => ({ rows: await this.scopeRows(m, workspaceId, evaluationId, plan), participation: await this.participation(m, workspaceId, evaluationId) })),
      ]);
      if (sameSubmissions(values.participation, scopes.participation)) return assembleCounts(plan, values.rows, scopes.rows, values.participation);
    }
    return this.countsInOneSnapshot(workspaceId, evaluationId, structure, plan);
  }

  /** The same counts, the aggregations one after the other in one snapshot. */
  countsInOneSnapshot(workspaceId: string, evaluationId: string, structure: AnalysisStructure, plan = countPlan(structure)): Promise<AnalysisCounts> {
    return this.inSnapshot(async (m) =>
      assembleCounts(
        plan,
        await this.valueRows(m, workspaceId, evaluationId),
        await this.scopeRows(m, workspaceId, evaluationId, plan),
        await this.participation(m, workspaceId, evaluationId),
      ),
    );
  }

  /** The same counts, read within the caller's transaction `m` (which sees its own writes and locks). */
  async countsWithin(m: EntityManager, workspaceId: string, evaluationId: string, structure: AnalysisStructure): Promise<AnalysisCounts> {
    const plan = countPlan(structure);
    return assembleCounts(
      plan,
      await this.valueRows(m, workspaceId, evaluationId),
      await this.scopeRows(m, workspaceId, evaluationId, plan),
      await this.participation(m, workspaceId, evaluationId),
    );
  }

  private inSnapshot<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query(AGGREGATION_SETTINGS);
      return work(m);
    });
  }

  private valueRows(m: EntityManager, workspaceId: string, evaluationId: string): Promise<ValueRow[]> {
    return m.query<ValueRow[]>(VALUE_COUNTS_SQL, [workspaceId, evaluationId]);
  }

  private scopeRows(m: EntityManager, workspaceId: string, evaluationId: string, plan: CountPlan): Promise<ScopeRow[]> {
    return m.query<ScopeRow[]>(SCOPE_COUNTS_SQL, [
      workspaceId,
      evaluationId,
      plan.masks.questionKeys,
      plan.masks.words,
      plan.masks.masks,
      plan.scopes.map((_, index) => Math.floor(index / plan.wordBits)),
      plan.scopes.map((_, index) => index % plan.wordBits),
    ]);
  }

  private participation(m: EntityManager, workspaceId: string, evaluationId: string): Promise<ParticipationRow[]> {
    return m.query<ParticipationRow[]>(PARTICIPATION_SQL, [workspaceId, evaluationId]);
  }
}

function sameSubmissions(a: readonly ParticipationRow[], b: readonly ParticipationRow[]): boolean {
  const key = (rows: readonly ParticipationRow[]) =>
    rows
      .map((row) => `${row.group_key}:${row.submitted}:${row.checksum}`)
      .sort()
      .join('|');
  return key(a) === key(b);
}
