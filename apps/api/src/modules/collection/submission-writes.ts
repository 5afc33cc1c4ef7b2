import type { Locale, NormalisedAnswer, StakeholderGroupKey, SubmissionChannel, SubmissionStatus } from '#domain';

/** Runs one SQL statement and returns its rows: a TypeORM manager's `query`, or a bare `pg` client's. */
export type RunQuery = (sql: string, params?: unknown[]) => Promise<unknown[]>;

/** One submission and its normalised answers, as they are written (already validated). */
export interface SubmissionWriteInput {
  workspaceId: string;
  evaluationId: string;
  groupKey: StakeholderGroupKey;
  clientId: string;
  linkId: string | null;
  sessionId: string | null;
  channel: SubmissionChannel;
  status: SubmissionStatus;
  locale: Locale;
  data: Record<string, unknown>;
  answers: readonly NormalisedAnswer[];
  /** Anonymous groups: every time of the row is kept to the day (UTC). */
  roundToDay: boolean;
  respondentName?: string | null;
  /** Named groups: the respondent agreed to be named with this write. */
  consent?: boolean;
  enteredBy?: string | null;
  /** When the write happens; now by default. */
  at?: Date;
}

export interface WrittenSubmission {
  id: string;
  status: SubmissionStatus;
  submitted_at: Date | null;
  updated_at: Date;
}

/**
 * The submission row, inserted or updated by (evaluation, client id). Two concurrent writes of
 * one id make one row: the second waits for the first and updates it. An existing row is
 * updated only while partial and reached the same way (link, channel, group); otherwise no row
 * is returned, and the caller finds out why.
 */
const UPSERT_SUBMISSION = `
  INSERT INTO submission AS s (workspace_id, evaluation_id, group_key, client_id, link_id, session_id, channel, status, locale, data,
                               respondent_name, consent_at, entered_by, started_at, updated_at, submitted_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $14, $15)
  ON CONFLICT (evaluation_id, client_id) DO UPDATE SET
    status = EXCLUDED.status,
    locale = EXCLUDED.locale,
    data = EXCLUDED.data,
    respondent_name = COALESCE(EXCLUDED.respondent_name, s.respondent_name),
    consent_at = COALESCE(EXCLUDED.consent_at, s.consent_at),
    updated_at = EXCLUDED.updated_at,
    submitted_at = EXCLUDED.submitted_at
  WHERE s.status = 'partial'
    AND s.link_id IS NOT DISTINCT FROM EXCLUDED.link_id
    AND s.channel = EXCLUDED.channel
    AND s.group_key = EXCLUDED.group_key
  RETURNING s.id, s.status, s.submitted_at, s.updated_at`;

/**
 * The answer rows of a submission, replaced by one statement: the old rows deleted, the new ones
 * inserted from one array per column, whatever their number. A statement of its own, after the
 * upsert: its snapshot then sees the rows of a concurrent write of the same id that committed
 * while this one waited for the row.
 */
const REPLACE_ANSWERS = `
  WITH gone AS (DELETE FROM answer WHERE submission_id = $1)
  INSERT INTO answer (submission_id, workspace_id, evaluation_id, group_key, question_key, indicator_key, part, numeric_value, choice_value, text_value, dont_know)
  SELECT $1, $2, $3, $4, a.question_key, a.indicator_key, a.part, a.numeric_value, a.choice_value, a.text_value, a.dont_know
    FROM unnest($5::text[], $6::text[], $7::text[], $8::float8[], $9::text[], $10::text[], $11::boolean[])
      AS a(question_key, indicator_key, part, numeric_value, choice_value, text_value, dont_know)`;

/**
 * A new submission and its answer rows in one statement (its own transaction: all or nothing),
 * one round trip: the common case, a submission sent complete at once or the first autosave.
 * When the id exists already it writes nothing and returns no row; the caller then takes the
 * path that updates (upsert, then answers, in a transaction).
 */
const INSERT_NEW = `
  WITH s AS (
    INSERT INTO submission (workspace_id, evaluation_id, group_key, client_id, link_id, session_id, channel, status, locale, data,
                            respondent_name, consent_at, entered_by, started_at, updated_at, submitted_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $14, $15)
    ON CONFLICT (evaluation_id, client_id) DO NOTHING
    RETURNING id, status, submitted_at, updated_at
  ), answers AS (
    INSERT INTO answer (submission_id, workspace_id, evaluation_id, group_key, question_key, indicator_key, part, numeric_value, choice_value, text_value, dont_know)
    SELECT s.id, $1, $2, $3, a.question_key, a.indicator_key, a.part, a.numeric_value, a.choice_value, a.text_value, a.dont_know
      FROM s, unnest($16::text[], $17::text[], $18::text[], $19::float8[], $20::text[], $21::text[], $22::boolean[])
        AS a(question_key, indicator_key, part, numeric_value, choice_value, text_value, dont_know)
  )
  SELECT id, status, submitted_at, updated_at FROM s`;

/**
 * The same one-statement write, on condition that the link it comes through may still be
 * answered, checked in the statement itself: the token still its own, not revoked, the
 * evaluation collecting within its dates, its design and the group's anonymity as the caller
 * validated against. This lets a respondent's save skip the look-up of a link it resolved a
 * moment ago, without ever writing through a link revoked or closed meanwhile: when the
 * condition fails, nothing is written and no row is returned.
 */
const INSERT_NEW_THROUGH_LINK = `
  WITH s AS (
    INSERT INTO submission (workspace_id, evaluation_id, group_key, client_id, link_id, session_id, channel, status, locale, data,
                            respondent_name, consent_at, entered_by, started_at, updated_at, submitted_at)
    SELECT $1::uuid, $2::uuid, $3::varchar, $4::uuid, $5::uuid, $6::uuid, $7::varchar, $8::varchar, $9::varchar, $10::jsonb,
           $11::varchar, $12::timestamptz, $13::uuid, $14::timestamptz, $14::timestamptz, $15::timestamptz
     WHERE EXISTS (
       SELECT 1
         FROM collection_link l
         JOIN evaluation e ON e.id = l.evaluation_id
         JOIN evaluation_group g ON g.evaluation_id = l.evaluation_id AND g.group_key = l.group_key
        WHERE l.id = $5 AND l.token_hash = $23 AND l.revoked_at IS NULL
          AND e.status = 'collecting' AND e.opens_at <= now() AND e.closes_at > now()
          AND date_trunc('milliseconds', e.updated_at) = $24::timestamptz AND g.anonymity = $25)
    ON CONFLICT (evaluation_id, client_id) DO NOTHING
    RETURNING id, status, submitted_at, updated_at
  ), answers AS (
    INSERT INTO answer (submission_id, workspace_id, evaluation_id, group_key, question_key, indicator_key, part, numeric_value, choice_value, text_value, dont_know)
    SELECT s.id, $1, $2, $3, a.question_key, a.indicator_key, a.part, a.numeric_value, a.choice_value, a.text_value, a.dont_know
      FROM s, unnest($16::text[], $17::text[], $18::text[], $19::float8[], $20::text[], $21::text[], $22::boolean[])
        AS a(question_key, indicator_key, part, numeric_value, choice_value, text_value, dont_know)
  )
  SELECT id, status, submitted_at, updated_at FROM s`;

/** What a write through a link checks in its own statement (see INSERT_NEW_THROUGH_LINK). */
export interface LinkCondition {
  tokenHash: string;
  /** the evaluation's updated_at the questionnaire was compiled for */
  designUpdatedAt: Date;
  anonymity: string;
}

/** Anonymous groups keep no time finer than the day (UTC): a minute could point at the person who answered during a workshop. */
export function roundedToDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/**
 * The SQL of a submission write, shared by the API (SubmissionStore) and the benchmark's
 * bare-database loop (`run`, on a `pg` client), so that both measure the same work.
 */
export const SUBMISSION_WRITE = {
  /** A new submission with its answers, in one statement outside any transaction. Null when the id exists already. */
  async insertNew(query: RunQuery, input: SubmissionWriteInput): Promise<WrittenSubmission | null> {
    const rows = (await query(INSERT_NEW, [...submissionParams(input), ...answerColumns(input.answers)])) as WrittenSubmission[];
    return rows[0] ?? null;
  },

  /**
   * A new submission through a link, written only if the link may still be answered (one
   * statement). Null when the id exists already or the condition failed: the caller looks the
   * link up again to know which.
   */
  async insertNewThroughLink(query: RunQuery, input: SubmissionWriteInput, condition: LinkCondition): Promise<WrittenSubmission | null> {
    if (input.linkId === null) throw new TypeError('insertNewThroughLink needs a link');
    const rows = (await query(INSERT_NEW_THROUGH_LINK, [
      ...submissionParams(input),
      ...answerColumns(input.answers),
      condition.tokenHash,
      condition.designUpdatedAt,
      condition.anonymity,
    ])) as WrittenSubmission[];
    return rows[0] ?? null;
  },

  /** Inside the caller's transaction: the row, then its answers. Null when the id's row may not be updated. */
  async write(query: RunQuery, input: SubmissionWriteInput): Promise<WrittenSubmission | null> {
    const rows = (await query(UPSERT_SUBMISSION, submissionParams(input))) as WrittenSubmission[];
    const row = rows[0];
    if (!row) return null;
    await query(REPLACE_ANSWERS, [row.id, input.workspaceId, input.evaluationId, input.groupKey, ...answerColumns(input.answers)]);
    return row;
  },

  /** The whole write on a connection nobody else uses meanwhile: a new submission in one statement, otherwise a transaction. */
  async run(query: RunQuery, input: SubmissionWriteInput): Promise<WrittenSubmission | null> {
    const fresh = await SUBMISSION_WRITE.insertNew(query, input);
    if (fresh) return fresh;
    await query('BEGIN');
    try {
      const row = await SUBMISSION_WRITE.write(query, input);
      await query('COMMIT');
      return row;
    } catch (error) {
      await query('ROLLBACK');
      throw error;
    }
  },
};

function submissionParams(input: SubmissionWriteInput): unknown[] {
  const now = input.at ?? new Date();
  const at = input.roundToDay ? roundedToDay(now) : now;
  return [
    input.workspaceId,
    input.evaluationId,
    input.groupKey,
    input.clientId,
    input.linkId,
    input.sessionId,
    input.channel,
    input.status,
    input.locale,
    JSON.stringify(input.data),
    input.respondentName ?? null,
    input.consent ? at : null,
    input.enteredBy ?? null,
    at,
    input.status === 'submitted' ? at : null,
  ];
}

/** One array per column: the answer rows travel as seven parameters, whatever their number. */
function answerColumns(answers: readonly NormalisedAnswer[]): unknown[] {
  return [
    answers.map((a) => a.questionKey),
    answers.map((a) => a.indicatorKey),
    answers.map((a) => a.part),
    answers.map((a) => a.numericValue),
    answers.map((a) => a.choiceValue),
    answers.map((a) => a.textValue),
    answers.map((a) => a.dontKnow),
  ];
}
