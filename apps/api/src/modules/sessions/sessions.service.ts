import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  formatPath,
  isSessionCode,
  normaliseAnswers,
  normaliseSessionCode,
  type EvaluationStatus,
  type FieldError,
  type Questionnaire,
  type SessionStatus,
  type StakeholderGroupKey,
} from '#domain';
import { AppException } from '../../common/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { RateLimiterService } from '../auth/rate-limiter.service.js';
import { randomToken, sha256Hex } from '../auth/tokens.js';
import { EvaluationsService } from '../evaluations/evaluations.service.js';
import { TenantContext } from '../tenancy/tenant-context.service.js';
import type { ConsensusAnswerDto, CreateSessionDto, JoinedSessionDto, PutConsensusDto, CollectiveSessionDto } from './dto/session.dto.js';
import { withFreshCode } from './session-code.js';

/**
 * Failed joins allowed from one client address per window. A room behind one Wi-Fi makes typos
 * together, so this is generous; it still keeps guessing among ~3.9·10⁸ codes hopeless.
 */
export const JOIN_MAX_FAILURES = 30;
export const JOIN_WINDOW_SECONDS = 10 * 60;

interface EvaluationRow {
  id: string;
  status: EvaluationStatus;
  opens_at: Date;
  closes_at: Date;
}
interface SessionRow {
  id: string;
  group_key: StakeholderGroupKey;
  title: string | null;
  code: string;
  status: SessionStatus;
  consensus: boolean;
  opened_at: Date;
  closed_at: Date | null;
  joined: number;
  answering: number;
  submitted: number;
  expected: number;
}
interface ConsensusRow {
  question_key: string;
  indicator_key: string;
  value: unknown;
  reasons: string;
  recorded_by: string | null;
  recorded_at: Date;
}
interface JoinableRow {
  id: string;
  workspace_id: string;
  evaluation_id: string;
  group_key: StakeholderGroupKey;
}

/**
 * The live counts of sessions, in one statement the facilitator's screen polls every 2 s:
 * joined = session links issued, answering = partial submissions of the session, submitted =
 * its submitted ones (excluded ones do not count), expected = the whole group's expected count.
 */
const SESSIONS_SQL = `
  SELECT s.id, s.group_key, s.title, s.code, s.status, s.consensus, s.opened_at, s.closed_at,
         (SELECT count(*) FROM collection_link l WHERE l.session_id = s.id)::int AS joined,
         (SELECT count(*) FROM submission x WHERE x.session_id = s.id AND x.status = 'partial')::int AS answering,
         (SELECT count(*) FROM submission x WHERE x.session_id = s.id AND x.status = 'submitted' AND x.excluded_at IS NULL)::int AS submitted,
         COALESCE(g.expected_count, 0)::int AS expected
    FROM collective_session s
    LEFT JOIN evaluation_group g ON g.evaluation_id = s.evaluation_id AND g.group_key = s.group_key
   WHERE s.workspace_id = $1 AND s.evaluation_id = $2 AND ($3::uuid IS NULL OR s.id = $3::uuid)
   ORDER BY s.opened_at DESC, s.id`;

/**
 * Collective sessions: a facilitator opens one for a group of a collecting evaluation and shows
 * its code; each participant who joins with it gets a session link of their own (the respondent
 * pages serve it); in consensus mode the facilitator records the group's agreed answer per
 * question. Facilitator operations are scoped by TenantContext; joining is public and throttled.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenant: TenantContext,
    private readonly audit: AuditService,
    private readonly evaluations: EvaluationsService,
    private readonly rateLimiter: RateLimiterService,
  ) {}

  async list(organizationId: string, evaluationId: string): Promise<CollectiveSessionDto[]> {
    const m = this.dataSource.manager;
    await this.loadEvaluation(m, organizationId, evaluationId);
    return this.sessions(m, evaluationId);
  }

  async get(organizationId: string, evaluationId: string, sessionId: string): Promise<CollectiveSessionDto> {
    const m = this.dataSource.manager;
    await this.loadEvaluation(m, organizationId, evaluationId);
    return this.session(m, evaluationId, sessionId);
  }

  async open(organizationId: string, evaluationId: string, dto: CreateSessionDto): Promise<CollectiveSessionDto> {
    const id = await withFreshCode((code) =>
      this.dataSource.transaction(async (m) => {
        // A share lock: the evaluation cannot leave `collecting` while a session is being opened on it.
        const evaluation = await this.loadEvaluation(m, organizationId, evaluationId, 'share');
        assertCollecting(evaluation, 'opened');
        const group = await m.query<unknown[]>(`SELECT 1 FROM evaluation_group WHERE evaluation_id = $1 AND group_key = $2 AND workspace_id = $3`, [
          evaluation.id,
          dto.groupKey,
          this.tenant.workspaceId,
        ]);
        if (group.length === 0) {
          throw AppException.validation([
            { path: 'groupKey', code: 'not-a-group', message: `The ${dto.groupKey} group is not in this evaluation; add it first, or open the session for one of its groups.` },
          ]);
        }
        const consensus = dto.consensus ?? false;
        const title = dto.title ?? null;
        const rows = await m.query<Array<{ id: string }>>(
          `INSERT INTO collective_session (workspace_id, evaluation_id, group_key, title, code, status, consensus, opened_by)
           VALUES ($1, $2, $3, $4, $5, 'open', $6, $7) RETURNING id`,
          [this.tenant.workspaceId, evaluation.id, dto.groupKey, title, code, consensus, this.tenant.userId],
        );
        const sessionId = rows[0]!.id;
        await this.audit.record(
          { action: 'session.opened', targetType: 'collective_session', targetId: sessionId, data: { evaluationId: evaluation.id, groupKey: dto.groupKey, title, consensus, code } },
          m,
        );
        return sessionId;
      }),
    );
    return this.get(organizationId, evaluationId, id);
  }

  /** Stops joining. Links already issued keep working, so people who started can still finish. Closing twice changes nothing. */
  async close(organizationId: string, evaluationId: string, sessionId: string): Promise<CollectiveSessionDto> {
    return this.dataSource.transaction(async (m) => {
      await this.loadEvaluation(m, organizationId, evaluationId);
      const session = await this.lockSession(m, evaluationId, sessionId);
      if (session.status === 'closed') return this.session(m, evaluationId, sessionId);
      await m.query(`UPDATE collective_session SET status = 'closed', closed_at = now() WHERE id = $1 AND workspace_id = $2`, [session.id, this.tenant.workspaceId]);
      const closed = await this.session(m, evaluationId, sessionId);
      await this.audit.record(
        { action: 'session.closed', targetType: 'collective_session', targetId: session.id, data: { evaluationId, code: session.code, counts: closed.counts } },
        m,
      );
      return closed;
    });
  }

  async consensus(organizationId: string, evaluationId: string, sessionId: string): Promise<ConsensusAnswerDto[]> {
    const m = this.dataSource.manager;
    await this.loadEvaluation(m, organizationId, evaluationId);
    await this.session(m, evaluationId, sessionId);
    const rows = await m.query<ConsensusRow[]>(
      `SELECT question_key, indicator_key, value, reasons, recorded_by, recorded_at
         FROM consensus_answer WHERE session_id = $1 AND workspace_id = $2 ORDER BY recorded_at, question_key`,
      [sessionId, this.tenant.workspaceId],
    );
    return rows.map(toConsensusDto);
  }

  /**
   * Records (or replaces) the group's agreed answer to one question. The value is checked as an
   * answer to that question alone: its display condition depends on other answers the group
   * does not give, so it is left out; "required" means nothing for one answer given on purpose.
   */
  async putConsensus(organizationId: string, evaluationId: string, sessionId: string, questionKey: string, dto: PutConsensusDto): Promise<ConsensusAnswerDto> {
    const session = await this.session(this.dataSource.manager, evaluationId, sessionId, organizationId);
    const questionnaire = await this.evaluations.questionnaire(organizationId, evaluationId, session.groupKey, 'fr');
    const question = questionnaire.questions.find((q) => q.key === questionKey);
    if (!question) throw questionNotFound(questionKey, session.groupKey);
    const one: Questionnaire = { ...questionnaire, questions: [{ ...question, visibleIf: null }] };
    const result = normaliseAnswers(one, { [question.key]: dto.value }, { checkRequired: false });
    if (!result.ok) throw invalidValue(result.errors.map((error) => ({ ...error, path: valuePath(error.path, question.key) })));
    if (!result.answers.some((answer) => answer.part === 'answer')) {
      throw invalidValue([{ path: 'value', code: 'required', message: 'The value is empty: give the answer the group agreed on, or DELETE it to record none.' }]);
    }
    const reasons = dto.reasons ?? '';

    return this.dataSource.transaction(async (m) => {
      const evaluation = await this.loadEvaluation(m, organizationId, evaluationId, 'share');
      assertCollecting(evaluation, 'changed');
      assertConsensusMode(await this.lockSession(m, evaluationId, sessionId));
      const previous = await m.query<Array<{ value: unknown }>>(`SELECT value FROM consensus_answer WHERE session_id = $1 AND question_key = $2`, [sessionId, question.key]);
      const rows = await m.query<ConsensusRow[]>(
        `INSERT INTO consensus_answer (workspace_id, session_id, evaluation_id, question_key, indicator_key, value, reasons, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, now())
         ON CONFLICT ON CONSTRAINT "UQ_consensus_answer_session_question"
         DO UPDATE SET value = EXCLUDED.value, reasons = EXCLUDED.reasons, indicator_key = EXCLUDED.indicator_key,
                       recorded_by = EXCLUDED.recorded_by, recorded_at = now()
         RETURNING question_key, indicator_key, value, reasons, recorded_by, recorded_at`,
        [this.tenant.workspaceId, sessionId, evaluationId, question.key, question.indicatorKey, JSON.stringify(dto.value), reasons, this.tenant.userId],
      );
      await this.audit.record(
        {
          action: 'session.consensus-recorded',
          targetType: 'collective_session',
          targetId: sessionId,
          data: { evaluationId, questionKey: question.key, indicatorKey: question.indicatorKey, value: dto.value, previousValue: previous[0]?.value ?? null, reasonsLength: reasons.length },
        },
        m,
      );
      return toConsensusDto(rows[0]!);
    });
  }

  async removeConsensus(organizationId: string, evaluationId: string, sessionId: string, questionKey: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const evaluation = await this.loadEvaluation(m, organizationId, evaluationId, 'share');
      assertCollecting(evaluation, 'changed');
      const session = await this.lockSession(m, evaluationId, sessionId);
      assertConsensusMode(session);
      // TypeORM answers a DELETE with [rows, rowCount].
      const [removed] = await m.query<[Array<{ indicator_key: string; value: unknown }>, number]>(
        `DELETE FROM consensus_answer WHERE session_id = $1 AND question_key = $2 AND workspace_id = $3 RETURNING indicator_key, value`,
        [session.id, questionKey, this.tenant.workspaceId],
      );
      if (removed.length === 0) {
        throw new AppException('not-found', `No agreed answer is recorded for "${questionKey.slice(0, 120)}" in this session.`);
      }
      await this.audit.record(
        { action: 'session.consensus-removed', targetType: 'collective_session', targetId: session.id, data: { evaluationId, questionKey, indicatorKey: removed[0]!.indicator_key, value: removed[0]!.value } },
        m,
      );
    });
  }

  /**
   * Issues a session link to one participant. A wrong, closed or expired code all get the same
   * 404; failures are counted per client address (hashed: addresses are not kept), and past the
   * limit every attempt from that address waits, or a correct guess would still get through.
   * Successful joins are not counted: a whole room shares one address.
   */
  async join(typedCode: string, kiosk: boolean, ip: string | undefined): Promise<JoinedSessionDto> {
    const key = `session-join:ip:${sha256Hex(ip ?? 'unknown')}`;
    const state = await this.rateLimiter.peek(key);
    if (state.hits >= JOIN_MAX_FAILURES) throw tooManyJoins(state.retryAfterSeconds);

    const code = normaliseSessionCode(typedCode);
    const joined = isSessionCode(code) ? await this.issueLink(code, kiosk) : null;
    if (joined) return joined;
    await this.rateLimiter.hit(key, JOIN_WINDOW_SECONDS);
    throw new AppException('session-not-found', 'No open session has this code. Check it on the facilitator’s screen (letters and digits, no vowels).');
  }

  private async issueLink(code: string, kiosk: boolean): Promise<JoinedSessionDto | null> {
    return this.dataSource.transaction(async (m) => {
      // A share lock on the session: closing it waits for joins in flight, and no link is issued after.
      const rows = await m.query<JoinableRow[]>(
        `SELECT s.id, s.workspace_id, s.evaluation_id, s.group_key
           FROM collective_session s
           JOIN evaluation e ON e.id = s.evaluation_id
          WHERE s.code = $1 AND s.status = 'open'
            AND e.status = 'collecting' AND e.opens_at <= now() AND e.closes_at > now()
          FOR SHARE OF s`,
        [code],
      );
      const session = rows[0];
      if (!session) return null;
      const token = randomToken();
      const links = await m.query<Array<{ id: string }>>(
        `INSERT INTO collection_link (workspace_id, evaluation_id, group_key, kind, token_hash, session_id, kiosk)
         VALUES ($1, $2, $3, 'session', $4, $5, $6) RETURNING id`,
        [session.workspace_id, session.evaluation_id, session.group_key, sha256Hex(token), session.id, kiosk],
      );
      // No actor even if someone is logged in on this browser: the link may feed an anonymous group.
      await this.audit.record(
        {
          action: 'session.joined',
          workspaceId: session.workspace_id,
          actorUserId: null,
          targetType: 'collective_session',
          targetId: session.id,
          data: { evaluationId: session.evaluation_id, linkId: links[0]!.id, kiosk },
        },
        m,
      );
      return { token, kiosk };
    });
  }

  private async loadEvaluation(m: EntityManager, organizationId: string, evaluationId: string, lock?: 'share'): Promise<EvaluationRow> {
    const rows = await m.query<EvaluationRow[]>(
      `SELECT id, status, opens_at, closes_at FROM evaluation
        WHERE id = $1 AND organization_id = $2 AND workspace_id = $3${lock === 'share' ? ' FOR SHARE' : ''}`,
      [evaluationId, organizationId, this.tenant.workspaceId],
    );
    if (!rows[0]) throw AppException.notFound('evaluation');
    return rows[0];
  }

  private async lockSession(m: EntityManager, evaluationId: string, sessionId: string): Promise<{ id: string; code: string; status: SessionStatus; consensus: boolean }> {
    const rows = await m.query<Array<{ id: string; code: string; status: SessionStatus; consensus: boolean }>>(
      `SELECT id, code, status, consensus FROM collective_session WHERE id = $1 AND evaluation_id = $2 AND workspace_id = $3 FOR UPDATE`,
      [sessionId, evaluationId, this.tenant.workspaceId],
    );
    if (!rows[0]) throw AppException.notFound('session');
    return rows[0];
  }

  private async sessions(m: EntityManager, evaluationId: string, sessionId: string | null = null): Promise<CollectiveSessionDto[]> {
    const rows = await m.query<SessionRow[]>(SESSIONS_SQL, [this.tenant.workspaceId, evaluationId, sessionId]);
    return rows.map(toSessionDto);
  }

  /** One session of the evaluation; with `organizationId`, the evaluation is checked to be that organization's first. */
  private async session(m: EntityManager, evaluationId: string, sessionId: string, organizationId?: string): Promise<CollectiveSessionDto> {
    if (organizationId !== undefined) await this.loadEvaluation(m, organizationId, evaluationId);
    const [session] = await this.sessions(m, evaluationId, sessionId);
    if (!session) throw AppException.notFound('session');
    return session;
  }
}

function toSessionDto(row: SessionRow): CollectiveSessionDto {
  return {
    id: row.id,
    groupKey: row.group_key,
    title: row.title,
    code: row.code,
    status: row.status,
    consensus: row.consensus,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    joinPath: `/s/${row.code}`,
    counts: { joined: row.joined, answering: row.answering, submitted: row.submitted, expected: row.expected },
  };
}

function toConsensusDto(row: ConsensusRow): ConsensusAnswerDto {
  return {
    questionKey: row.question_key,
    indicatorKey: row.indicator_key,
    value: row.value,
    reasons: row.reasons,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

function assertCollecting(evaluation: EvaluationRow, what: 'opened' | 'changed'): void {
  if (evaluation.status !== 'collecting') {
    throw new AppException(
      'evaluation-locked',
      `This evaluation is ${evaluation.status}: collective sessions are ${what} only while it is collecting.`,
      undefined,
      { evaluationStatus: evaluation.status },
    );
  }
  if (what !== 'opened') return;
  const now = Date.now();
  if (evaluation.opens_at.getTime() > now || evaluation.closes_at.getTime() <= now) {
    const when = evaluation.opens_at.getTime() > now ? `opens on ${evaluation.opens_at.toISOString()}` : `closed on ${evaluation.closes_at.toISOString()}`;
    throw new AppException('collection-closed', `Answers are accepted from ${evaluation.opens_at.toISOString()} to ${evaluation.closes_at.toISOString()}; collection ${when}, so nobody could join. Change the dates first.`, undefined, {
      opensAt: evaluation.opens_at,
      closesAt: evaluation.closes_at,
    });
  }
}

function assertConsensusMode(session: { consensus: boolean }): void {
  if (!session.consensus) {
    throw new AppException('conflict', 'This session was not opened in consensus mode: open a session with consensus: true to record the group’s agreed answers.');
  }
}

function questionNotFound(questionKey: string, groupKey: StakeholderGroupKey): AppException {
  return new AppException('not-found', `The ${groupKey} questionnaire has no question "${questionKey.slice(0, 120)}".`);
}

function invalidValue(errors: FieldError[]): AppException {
  return new AppException('invalid-answers', errors.map((error) => `${error.path}: ${error.message}`).join(' '), errors);
}

/** `q_key` → `value`, `q_key[2]` → `value[2]`: the paths of the request body. */
function valuePath(path: string, questionKey: string): string {
  const prefix = formatPath([questionKey]);
  return path.startsWith(prefix) ? `value${path.slice(prefix.length)}` : 'value';
}

function tooManyJoins(retryAfterSeconds: number): AppException {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return new AppException('too-many-attempts', `Too many wrong session codes from this network; try again in ${minutes} minute(s).`, undefined, { retryAfterSeconds });
}
