import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import {
  normaliseAnswers,
  type AnonymityMode,
  type Locale,
  type StakeholderGroupKey,
  type SubmissionChannel,
  type SubmissionStatus,
} from '#domain';
import { AppException } from '../../common/app.exception.js';
import { QuestionnaireCache } from './questionnaire-cache.service.js';
import { settleExisting, underData, type ExistingSubmission } from './submission-rules.js';
import { SUBMISSION_WRITE, type LinkCondition, type SubmissionWriteInput, type WrittenSubmission } from './submission-writes.js';

/** Where a submission goes: the evaluation, the group and how it came (link, session, paper). */
export interface SubmissionTarget {
  workspaceId: string;
  evaluationId: string;
  groupKey: StakeholderGroupKey;
  anonymity: AnonymityMode;
  /** The evaluation's design version (content hash and updated_at): the key of its compiled questionnaire. */
  contentHash: string;
  designUpdatedAt: Date;
  channel: SubmissionChannel;
  linkId: string | null;
  sessionId: string | null;
  /** A shared link's cap on submitted submissions. */
  maxSubmissions: number | null;
}

export interface SubmissionWrite {
  clientId: string;
  data: Record<string, unknown>;
  locale: Locale;
  /** Submitted (validated in full) rather than saved as a partial. */
  complete: boolean;
  /** Who answered: confidential and named groups only; never kept for an anonymous group. */
  respondentName?: string | null;
  /** Named groups: the respondent agreed, with this save, to be named. */
  consent?: boolean;
  /** Paper questionnaires: the facilitator who typed it in. */
  enteredBy?: string | null;
  /** Whether required questions must be answered when complete (paper questionnaires: people skip some). */
  enforceRequired?: boolean;
  /** When the save happens (the demo spreads its answers over weeks); now by default. */
  at?: Date;
}

export interface StoredSubmission {
  id: string;
  clientId: string;
  status: SubmissionStatus;
  submittedAt: Date | null;
  updatedAt: Date;
  /** A retry of a submission already stored exactly so: nothing was written. */
  replayed: boolean;
}

export interface SaveOptions {
  /** Runs in the save's transaction after a real write (not on a replay): the audit event of a paper entry. */
  afterWrite?: (m: EntityManager, stored: StoredSubmission) => Promise<void>;
  /** The id was just found taken: go straight to the transaction that updates it. */
  probablyExists?: boolean;
}

/** A submission checked against its questionnaire, ready to write. */
export interface PreparedSubmission {
  target: SubmissionTarget;
  write: SubmissionWrite;
  input: SubmissionWriteInput;
}

const PERSONAL_LINK_INDEX = 'UQ_submission_personal_link';
const UNIQUE_VIOLATION = '23505';

/**
 * Every write of a submission goes through here (respondent pages, paper entry, collective
 * sessions, the demo): the data is checked against the group's compiled questionnaire, then
 * written with its answer rows, all or nothing. A new client id is one statement (submission
 * and answers); an id already stored is updated in a transaction (INSERT … ON CONFLICT, so two
 * concurrent saves of one id make one row), its answer rows replaced by one statement. This is
 * the hot path of collection: plain SQL (submission-writes.ts), no entity saves.
 */
@Injectable()
export class SubmissionStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly questionnaires: QuestionnaireCache,
  ) {}

  /** The target of an evaluation's group, for writes that come through no link (paper, demo, benchmark). */
  async targetFor(evaluationId: string, groupKey: StakeholderGroupKey, channel: SubmissionChannel = 'paper'): Promise<SubmissionTarget> {
    const rows = await this.dataSource.query<Array<{ workspace_id: string; content_hash: string; updated_at: Date; anonymity: AnonymityMode }>>(
      `SELECT e.workspace_id, e.content_hash, e.updated_at, g.anonymity
         FROM evaluation e
         JOIN evaluation_group g ON g.evaluation_id = e.id AND g.group_key = $2
        WHERE e.id = $1`,
      [evaluationId, groupKey],
    );
    const row = rows[0];
    if (!row) throw new AppException('not-found', `The ${groupKey} group is not in this evaluation.`);
    return {
      workspaceId: row.workspace_id,
      evaluationId,
      groupKey,
      anonymity: row.anonymity,
      contentHash: row.content_hash,
      designUpdatedAt: new Date(row.updated_at),
      channel,
      linkId: null,
      sessionId: null,
      maxSubmissions: null,
    };
  }

  async save(target: SubmissionTarget, write: SubmissionWrite, options: SaveOptions = {}): Promise<StoredSubmission> {
    return this.write(await this.prepare(target, write), options);
  }

  /** Checks the data against the group's compiled questionnaire and builds the write: 422 with the path of each bad answer. */
  async prepare(target: SubmissionTarget, write: SubmissionWrite): Promise<PreparedSubmission> {
    const questionnaire = await this.questionnaires.get(
      { evaluationId: target.evaluationId, groupKey: target.groupKey, contentHash: target.contentHash, updatedAt: target.designUpdatedAt },
      write.locale,
    );
    const checked = normaliseAnswers(questionnaire, write.data, { checkRequired: write.complete && write.enforceRequired !== false });
    if (!checked.ok) {
      const errors = underData(checked.errors);
      const listed = errors.slice(0, 5).map((error) => `${error.path}: ${error.message}`);
      const more = errors.length > listed.length ? ` (and ${errors.length - listed.length} more)` : '';
      throw new AppException('invalid-answers', `${errors.length} answer${errors.length > 1 ? 's are' : ' is'} not valid; nothing was saved. ${listed.join(' ')}${more}`, errors);
    }

    const anonymous = target.anonymity === 'anonymous';
    const input: SubmissionWriteInput = {
      workspaceId: target.workspaceId,
      evaluationId: target.evaluationId,
      groupKey: target.groupKey,
      clientId: write.clientId,
      linkId: target.linkId,
      sessionId: target.sessionId,
      channel: target.channel,
      status: write.complete ? 'submitted' : 'partial',
      locale: write.locale,
      data: write.data,
      answers: checked.answers,
      roundToDay: anonymous,
      // Never an identity for an anonymous group, whoever asks.
      respondentName: anonymous ? null : (write.respondentName ?? null),
      consent: target.anonymity === 'named' && write.consent === true,
      enteredBy: write.enteredBy ?? null,
      at: write.at,
    };
    return { target, write, input };
  }

  /**
   * The fast path of a respondent's save through a link resolved a moment ago: a new submission
   * on an uncapped link, in one statement that also checks the link may still be answered. Null
   * when nothing was written (the id exists, or the link changed): look the link up again and
   * take `write`.
   */
  async insertThroughLink(prepared: PreparedSubmission, condition: LinkCondition): Promise<StoredSubmission | null> {
    if (prepared.target.maxSubmissions !== null || prepared.target.linkId === null) return null;
    const fresh = await this.translatingErrors(() =>
      SUBMISSION_WRITE.insertNewThroughLink((sql, params) => this.dataSource.query(sql, params), prepared.input, condition),
    );
    return fresh ? stored(prepared.write.clientId, fresh, false) : null;
  }

  /** Writes a prepared submission: a new id on an uncapped link in one statement, otherwise a transaction. */
  async write(prepared: PreparedSubmission, options: SaveOptions = {}): Promise<StoredSubmission> {
    const { target, write, input } = prepared;
    return this.translatingErrors(async () => {
      // A new id on an uncapped link, nothing else to write with it: one statement, one round trip.
      if (target.maxSubmissions === null && !options.afterWrite && !options.probablyExists) {
        const fresh = await SUBMISSION_WRITE.insertNew((sql, params) => this.dataSource.query(sql, params), input);
        if (fresh) return stored(write.clientId, fresh, false);
      }
      return await this.dataSource.transaction(async (m) => {
        if (target.maxSubmissions !== null && target.linkId !== null) await this.assertRoom(m, target, target.linkId, target.maxSubmissions, write.clientId);
        const row = await SUBMISSION_WRITE.write((sql, params) => m.query(sql, params), input);
        if (!row) return this.replay(m, target, write);
        const saved = stored(write.clientId, row, false);
        if (options.afterWrite) await options.afterWrite(m, saved);
        return saved;
      });
    });
  }

  private async translatingErrors<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof QueryFailedError && isUniqueViolation(error, PERSONAL_LINK_INDEX)) {
        throw new AppException(
          'link-already-used',
          'This personal link already holds the answers of one person (begun on another device or in another tab). Reload the page to continue them.',
        );
      }
      throw error;
    }
  }

  /** The client id is taken and its row could not be updated: a retry of the same submission, or a conflict. */
  private async replay(m: EntityManager, target: SubmissionTarget, write: SubmissionWrite): Promise<StoredSubmission> {
    const rows = await m.query<Array<WrittenSubmission & { link_id: string | null; channel: SubmissionChannel; group_key: string; data: unknown }>>(
      `SELECT id, status, submitted_at, updated_at, link_id, channel, group_key, data FROM submission WHERE evaluation_id = $1 AND client_id = $2`,
      [target.evaluationId, write.clientId],
    );
    const row = rows[0]!;
    const existing: ExistingSubmission = { linkId: row.link_id, channel: row.channel, groupKey: row.group_key, status: row.status, data: row.data };
    switch (settleExisting(existing, { linkId: target.linkId, channel: target.channel, groupKey: target.groupKey, complete: write.complete, data: write.data })) {
      case 'client-id-conflict':
        throw new AppException(
          'client-id-conflict',
          'This submission id is already used by another answer of this evaluation. Generate a new id (a random UUID) and send the answers again.',
        );
      case 'retry':
        return stored(write.clientId, row, true);
      case 'already-submitted':
      case 'update':
        // 'update' cannot happen here (the upsert would have updated the partial row); treat it as the conflict it would be.
        throw new AppException('already-submitted', 'These answers were already submitted; they cannot be changed any more.', undefined, {
          submittedAt: row.submitted_at,
        });
    }
  }

  /** A capped shared link takes no more submissions once it has its count; the link row is locked so that concurrent saves count in turn. */
  private async assertRoom(m: EntityManager, target: SubmissionTarget, linkId: string, maxSubmissions: number, clientId: string): Promise<void> {
    await m.query(`SELECT 1 FROM collection_link WHERE id = $1 FOR UPDATE`, [linkId]);
    // A statement of its own, after the lock: its snapshot sees what the saves before it committed.
    const rows = await m.query<Array<{ submitted: number }>>(
      `SELECT count(*)::int AS submitted FROM submission
        WHERE evaluation_id = $1 AND group_key = $2 AND status = 'submitted' AND link_id = $3 AND client_id <> $4`,
      [target.evaluationId, target.groupKey, linkId, clientId],
    );
    if ((rows[0]?.submitted ?? 0) >= maxSubmissions) {
      throw new AppException('link-full', `This link was meant for ${maxSubmissions} answers, and has received them all. Thank you for your interest.`, undefined, {
        maxSubmissions,
      });
    }
  }
}

function stored(clientId: string, row: WrittenSubmission, replayed: boolean): StoredSubmission {
  return {
    id: row.id,
    clientId,
    status: row.status,
    submittedAt: row.submitted_at === null ? null : new Date(row.submitted_at),
    updatedAt: new Date(row.updated_at),
    replayed,
  };
}

function isUniqueViolation(error: QueryFailedError, constraint: string): boolean {
  const driverError = error.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === UNIQUE_VIOLATION && driverError.constraint === constraint;
}
