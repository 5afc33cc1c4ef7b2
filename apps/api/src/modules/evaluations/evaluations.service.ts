import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  DEFAULT_K_THRESHOLD,
  DEFAULT_RETENTION_MONTHS,
  STAKEHOLDER_GROUP_KEYS,
  allowedTransitions,
  canChangeAnonymity,
  canTransition,
  canonicalJson,
  compileQuestionnaire,
  editableFields,
  lockedFields,
  retentionDeadline,
  workspaceRoleAtLeast,
  type AnonymityMode,
  type CustomQuestion,
  type EvaluationField,
  type EvaluationStatus,
  type FieldError,
  type FrameworkContent,
  type Locale,
  type StakeholderGroupKey,
} from '#domain';
import { AppException } from '../../common/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { TenantContext } from '../tenancy/tenant-context.service.js';
import type { CreateEvaluationDto, EvaluationDto, GroupInputDto, PutGroupDto, QuestionnaireDto, UpdateEvaluationDto } from './dto/evaluation.dto.js';
import { checkEvaluationDesign } from './evaluation-design.js';
import { EvaluationGroupEntity } from './evaluation-group.entity.js';
import { EvaluationEntity } from './evaluation.entity.js';

/** The self-assessment is in every evaluation: the organization's own view, which every other view is crossed with. */
const SELF_ASSESSMENT: StakeholderGroupKey = 'self_assessment';
const SELF_ASSESSMENT_DEFAULT = { expectedCount: 1, anonymity: 'confidential' as AnonymityMode };
/** What an organization contact may change (co-construction); the rest is the facilitator's. */
const CONTACT_FIELDS: readonly EvaluationField[] = ['dimensionKeys', 'customQuestions'];

/** The pinned framework version, read from the frameworks' tables without its module's entities. */
interface VersionRow {
  id: string;
  framework_id: string;
  framework_name: string;
  number: number;
  status: 'draft' | 'published';
  content_hash: string | null;
  content: FrameworkContent;
}
interface PublishedVersion {
  id: string;
  frameworkId: string;
  number: number;
  contentHash: string;
  content: FrameworkContent;
}
type Change = { from: unknown; to: unknown };

const groupOrder = (key: StakeholderGroupKey) => STAKEHOLDER_GROUP_KEYS.indexOf(key);
const listed = (items: readonly string[]) => items.join(', ');

/**
 * Evaluations of an organization: creation on a published framework version, co-construction
 * (dimensions, the organization's own questions) while draft, stakeholder groups with their
 * expected counts and anonymity, the status and its allowed transitions, and the questionnaire
 * each group answers. The tenant (workspace, and the organization for its members) comes from
 * TenantContext; every change is one transaction with its audit event.
 */
@Injectable()
export class EvaluationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenant: TenantContext,
    private readonly audit: AuditService,
  ) {}

  async list(organizationId: string): Promise<EvaluationDto[]> {
    const m = this.dataSource.manager;
    const evaluations = await m.find(EvaluationEntity, { where: this.tenant.where({ organizationId }), order: { createdAt: 'DESC', id: 'ASC' } });
    if (evaluations.length === 0) return [];
    const ids = evaluations.map((e) => e.id);
    const groups = await m.find(EvaluationGroupEntity, { where: this.tenant.where({ evaluationId: In(ids) }) });
    const versions = await this.versionSummaries(m, evaluations.map((e) => e.frameworkVersionId));
    return evaluations.map((e) => toDto(e, groups.filter((g) => g.evaluationId === e.id), versions.get(e.frameworkVersionId)!));
  }

  async get(organizationId: string, evaluationId: string): Promise<EvaluationDto> {
    return this.dto(this.dataSource.manager, await this.load(this.dataSource.manager, organizationId, evaluationId));
  }

  async create(organizationId: string, dto: CreateEvaluationDto): Promise<EvaluationDto> {
    const version = await this.publishedVersion(this.dataSource.manager, dto.frameworkVersionId);
    const dimensionKeys = dto.dimensionKeys ?? version.content.dimensions.map((d) => d.key);
    const opensAt = new Date(dto.opensAt);
    const closesAt = new Date(dto.closesAt);
    const groups = withSelfAssessment(dto.groups ?? []);
    const errors: FieldError[] = [...checkDates(opensAt, closesAt), ...checkGroups(dto.groups ?? [])];
    const design = checkEvaluationDesign(version.content, dimensionKeys, dto.customQuestions ?? []);
    if (!design.ok) errors.push(...design.errors);
    if (errors.length > 0 || !design.ok) throw AppException.validation(errors);

    const id = await this.dataSource.transaction(async (m) => {
      const saved = await m.save(
        m.create(EvaluationEntity, {
          workspaceId: this.tenant.workspaceId,
          organizationId,
          frameworkVersionId: version.id,
          contentHash: version.contentHash,
          title: dto.title,
          dimensionKeys,
          customQuestions: design.customQuestions,
          opensAt,
          closesAt,
          kThreshold: dto.kThreshold ?? DEFAULT_K_THRESHOLD,
          retentionMonths: dto.retentionMonths ?? DEFAULT_RETENTION_MONTHS,
          status: 'draft',
          createdBy: this.tenant.userId,
        }),
      );
      await m.insert(
        EvaluationGroupEntity,
        groups.map((g) => ({ workspaceId: saved.workspaceId, evaluationId: saved.id, groupKey: g.groupKey, expectedCount: g.expectedCount, anonymity: g.anonymity })),
      );
      await this.audit.record(
        {
          action: 'evaluation.created',
          targetType: 'evaluation',
          targetId: saved.id,
          data: {
            organizationId,
            title: dto.title,
            frameworkVersionId: version.id,
            contentHash: version.contentHash,
            dimensionKeys,
            customQuestions: design.customQuestions.map((q) => q.indicator.key),
            opensAt,
            closesAt,
            kThreshold: saved.kThreshold,
            retentionMonths: saved.retentionMonths,
            groups,
          },
        },
        m,
      );
      return saved.id;
    });
    return this.get(organizationId, id);
  }

  /**
   * Applies a partial change. Only what actually changes is checked against the caller's role
   * and the evaluation's status, so a form that sends back unchanged values is not refused.
   */
  async update(organizationId: string, evaluationId: string, dto: UpdateEvaluationDto): Promise<EvaluationDto> {
    return this.dataSource.transaction(async (m) => {
      const evaluation = await this.load(m, organizationId, evaluationId, true);
      const changes: Partial<Record<EvaluationField, Change>> = {};
      const patch: Partial<EvaluationEntity> = {};

      if (dto.frameworkVersionId !== undefined && dto.frameworkVersionId !== evaluation.frameworkVersionId) {
        changes.frameworkVersionId = { from: evaluation.frameworkVersionId, to: dto.frameworkVersionId };
      }
      if (dto.title !== undefined && dto.title !== evaluation.title) {
        patch.title = dto.title;
        changes.title = { from: evaluation.title, to: dto.title };
      }
      if (dto.dimensionKeys !== undefined && !sameJson(dto.dimensionKeys, evaluation.dimensionKeys)) {
        patch.dimensionKeys = dto.dimensionKeys;
        changes.dimensionKeys = { from: evaluation.dimensionKeys, to: dto.dimensionKeys };
      }
      const customChanged = dto.customQuestions !== undefined && !sameJson(dto.customQuestions, evaluation.customQuestions);
      const opensAt = dto.opensAt !== undefined ? new Date(dto.opensAt) : evaluation.opensAt;
      const closesAt = dto.closesAt !== undefined ? new Date(dto.closesAt) : evaluation.closesAt;
      if (opensAt.getTime() !== evaluation.opensAt.getTime()) {
        patch.opensAt = opensAt;
        changes.opensAt = { from: evaluation.opensAt, to: opensAt };
      }
      if (closesAt.getTime() !== evaluation.closesAt.getTime()) {
        patch.closesAt = closesAt;
        changes.closesAt = { from: evaluation.closesAt, to: closesAt };
      }
      if (dto.kThreshold !== undefined && dto.kThreshold !== evaluation.kThreshold) {
        patch.kThreshold = dto.kThreshold;
        changes.kThreshold = { from: evaluation.kThreshold, to: dto.kThreshold };
      }
      if (dto.retentionMonths !== undefined && dto.retentionMonths !== evaluation.retentionMonths) {
        patch.retentionMonths = dto.retentionMonths;
        changes.retentionMonths = { from: evaluation.retentionMonths, to: dto.retentionMonths };
      }
      const fields = Object.keys(changes) as EvaluationField[];
      if (customChanged) fields.push('customQuestions');

      this.assertMayChange(fields);
      assertEditable(evaluation.status, fields);
      if (evaluation.purgedAt && fields.length > 0) throw purgedException(evaluation.purgedAt, 'its design and calendar no longer change');

      let version: PublishedVersion | undefined;
      if (dto.frameworkVersionId !== undefined && changes.frameworkVersionId) {
        version = await this.publishedVersion(m, dto.frameworkVersionId);
        patch.frameworkVersionId = version.id;
        patch.contentHash = version.contentHash;
      }
      const errors = changes.opensAt || changes.closesAt ? checkDates(opensAt, closesAt) : [];
      if (version || changes.dimensionKeys || customChanged) {
        const content = (version ?? (await this.publishedVersion(m, evaluation.frameworkVersionId))).content;
        const design = checkEvaluationDesign(content, patch.dimensionKeys ?? evaluation.dimensionKeys, customChanged ? dto.customQuestions : evaluation.customQuestions);
        if (!design.ok) errors.push(...design.errors);
        else if (customChanged) {
          patch.customQuestions = design.customQuestions;
          changes.customQuestions = { from: indicatorKeys(evaluation.customQuestions), to: indicatorKeys(design.customQuestions) };
        }
      }
      if (errors.length > 0) throw AppException.validation(errors);
      if (fields.length === 0) return this.dto(m, evaluation);

      await m.update(EvaluationEntity, this.tenant.where({ id: evaluation.id }), patch);
      await this.audit.record({ action: 'evaluation.updated', targetType: 'evaluation', targetId: evaluation.id, data: { fields, changes } }, m);
      return this.dto(m, await this.load(m, organizationId, evaluationId));
    });
  }

  async remove(organizationId: string, evaluationId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const evaluation = await this.load(m, organizationId, evaluationId, true);
      if (evaluation.status !== 'draft') {
        throw new AppException(
          'evaluation-locked',
          `Only a draft evaluation can be deleted; this one is ${evaluation.status}. Close it instead: what its groups answered is kept.`,
          undefined,
          { evaluationStatus: evaluation.status },
        );
      }
      await m.delete(EvaluationEntity, this.tenant.where({ id: evaluation.id }));
      await this.audit.record({ action: 'evaluation.deleted', targetType: 'evaluation', targetId: evaluation.id, data: { organizationId, title: evaluation.title } }, m);
    });
  }

  async transition(organizationId: string, evaluationId: string, to: EvaluationStatus): Promise<EvaluationDto> {
    return this.dataSource.transaction(async (m) => {
      const evaluation = await this.load(m, organizationId, evaluationId, true);
      const from = evaluation.status;
      if (!canTransition(from, to)) {
        const allowed = allowedTransitions(from);
        const detail =
          allowed.length === 0
            ? `A ${from} evaluation does not change status any more (asked: ${to}).`
            : `An evaluation in ${from} can go to ${allowed.join(' or ')} only, not to ${to}.`;
        throw new AppException('invalid-transition', detail, undefined, { from, to, allowedTransitions: allowed });
      }
      if (evaluation.purgedAt && to === 'collecting') throw purgedException(evaluation.purgedAt, 'its collection cannot reopen');
      await m.update(EvaluationEntity, this.tenant.where({ id: evaluation.id }), { status: to });
      await this.audit.record({ action: 'evaluation.status-changed', targetType: 'evaluation', targetId: evaluation.id, data: { from, to } }, m);
      return this.dto(m, await this.load(m, organizationId, evaluationId));
    });
  }

  /** Adds a group, or changes its expected count and anonymity. */
  async putGroup(organizationId: string, evaluationId: string, groupKey: StakeholderGroupKey, dto: PutGroupDto): Promise<EvaluationDto> {
    return this.dataSource.transaction(async (m) => {
      const evaluation = await this.load(m, organizationId, evaluationId, true);
      const existing = await m.findOne(EvaluationGroupEntity, { where: this.tenant.where({ evaluationId: evaluation.id, groupKey }) });
      const changes: Partial<Record<'expectedCount' | 'anonymity', Change>> = {};
      if (existing && existing.expectedCount !== dto.expectedCount) changes.expectedCount = { from: existing.expectedCount, to: dto.expectedCount };
      if (existing && existing.anonymity !== dto.anonymity) changes.anonymity = { from: existing.anonymity, to: dto.anonymity };
      const fields: EvaluationField[] = existing ? (Object.keys(changes) as EvaluationField[]) : ['groups'];
      assertEditable(evaluation.status, fields, groupKey);

      if (existing && changes.anonymity) {
        // Any submission counts, partial ones too: those people began answering under the promise of the current mode.
        const found = await m.query<unknown[]>(`SELECT 1 FROM submission WHERE evaluation_id = $1 AND group_key = $2 LIMIT 1`, [evaluation.id, groupKey]);
        const hasSubmissions = found.length > 0;
        if (!canChangeAnonymity(existing.anonymity, dto.anonymity, hasSubmissions)) {
          throw new AppException(
            'anonymity-weakened',
            `The ${groupKey} group has answered as ${existing.anonymity}; its anonymity may be strengthened, never weakened to ${dto.anonymity}.`,
            undefined,
            { groupKey, from: existing.anonymity, to: dto.anonymity },
          );
        }
      }
      if (existing && fields.length === 0) return this.dto(m, evaluation);

      if (existing) {
        await m.update(EvaluationGroupEntity, this.tenant.where({ id: existing.id }), { expectedCount: dto.expectedCount, anonymity: dto.anonymity });
      } else {
        await m.insert(EvaluationGroupEntity, { workspaceId: evaluation.workspaceId, evaluationId: evaluation.id, groupKey, expectedCount: dto.expectedCount, anonymity: dto.anonymity });
      }
      await m.update(EvaluationEntity, this.tenant.where({ id: evaluation.id }), { updatedAt: new Date() });
      await this.audit.record(
        existing
          ? { action: 'evaluation.group-updated', targetType: 'evaluation', targetId: evaluation.id, data: { groupKey, fields, changes } }
          : { action: 'evaluation.group-added', targetType: 'evaluation', targetId: evaluation.id, data: { groupKey, expectedCount: dto.expectedCount, anonymity: dto.anonymity } },
        m,
      );
      return this.dto(m, await this.load(m, organizationId, evaluationId));
    });
  }

  async removeGroup(organizationId: string, evaluationId: string, groupKey: StakeholderGroupKey): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const evaluation = await this.load(m, organizationId, evaluationId, true);
      if (groupKey === SELF_ASSESSMENT) {
        throw new AppException('self-assessment-required', 'The self-assessment group is part of every evaluation: it is the view every other group is crossed with. Change its expected count instead.');
      }
      const existing = await m.findOne(EvaluationGroupEntity, { where: this.tenant.where({ evaluationId: evaluation.id, groupKey }) });
      if (!existing) throw groupNotFound(groupKey);
      assertEditable(evaluation.status, ['groups'], groupKey);
      // Its links would lead to a questionnaire that no longer exists.
      await m.query(`DELETE FROM collection_link WHERE evaluation_id = $1 AND group_key = $2`, [evaluation.id, groupKey]);
      await m.delete(EvaluationGroupEntity, this.tenant.where({ id: existing.id }));
      await m.update(EvaluationEntity, this.tenant.where({ id: evaluation.id }), { updatedAt: new Date() });
      await this.audit.record(
        { action: 'evaluation.group-removed', targetType: 'evaluation', targetId: evaluation.id, data: { groupKey, expectedCount: existing.expectedCount, anonymity: existing.anonymity } },
        m,
      );
    });
  }

  /** The questionnaire a group answers, compiled from the pinned version, the chosen dimensions and the custom questions. */
  async questionnaire(organizationId: string, evaluationId: string, groupKey: StakeholderGroupKey, locale: Locale): Promise<QuestionnaireDto> {
    const m = this.dataSource.manager;
    const evaluation = await this.load(m, organizationId, evaluationId);
    const group = await m.findOne(EvaluationGroupEntity, { where: this.tenant.where({ evaluationId: evaluation.id, groupKey }) });
    if (!group) throw groupNotFound(groupKey);
    const version = await this.publishedVersion(m, evaluation.frameworkVersionId);
    const questionnaire = compileQuestionnaire({
      version: { content: version.content },
      dimensionKeys: evaluation.dimensionKeys,
      customQuestions: evaluation.customQuestions,
      group: groupKey,
      locale,
    });
    return { evaluationId: evaluation.id, frameworkVersionId: version.id, contentHash: evaluation.contentHash, ...questionnaire };
  }

  /** An organization contact takes part in the design (dimensions, own questions); the rest is the facilitator's. */
  private assertMayChange(fields: readonly EvaluationField[]): void {
    const role = this.tenant.workspaceRole;
    if (role !== null && workspaceRoleAtLeast(role, 'facilitator')) return;
    const refused = fields.filter((field) => !CONTACT_FIELDS.includes(field));
    if (refused.length > 0) {
      throw new AppException(
        'forbidden',
        `As the organization's contact you may change ${listed(CONTACT_FIELDS)}; ${listed(refused)} ${refused.length > 1 ? 'are' : 'is'} set by the network's facilitator.`,
        undefined,
        { fields: refused },
      );
    }
  }

  private async load(m: EntityManager, organizationId: string, evaluationId: string, lock = false): Promise<EvaluationEntity> {
    const evaluation = await m.findOne(EvaluationEntity, {
      where: this.tenant.where({ id: evaluationId, organizationId }),
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!evaluation) throw AppException.notFound('evaluation');
    return evaluation;
  }

  private async dto(m: EntityManager, evaluation: EvaluationEntity): Promise<EvaluationDto> {
    const groups = await m.find(EvaluationGroupEntity, { where: this.tenant.where({ evaluationId: evaluation.id }) });
    const versions = await this.versionSummaries(m, [evaluation.frameworkVersionId]);
    return toDto(evaluation, groups, versions.get(evaluation.frameworkVersionId)!);
  }

  /**
   * A published version of one of the workspace's frameworks. Another workspace's version and an
   * unknown id get the same answer, so a version's existence does not leak across networks.
   */
  private async publishedVersion(m: EntityManager, versionId: string): Promise<PublishedVersion> {
    const rows = await m.query<VersionRow[]>(
      `SELECT v.id, v.framework_id, f.name AS framework_name, v.number, v.status, v.content_hash, v.content
         FROM framework_version v
         JOIN framework f ON f.id = v.framework_id
        WHERE v.id = $1 AND v.workspace_id = $2`,
      [versionId, this.tenant.workspaceId],
    );
    const row = rows[0];
    if (!row) {
      throw AppException.validation([
        { path: 'frameworkVersionId', code: 'not-found', message: 'No framework version of this workspace has this id; pin a published version of one of its frameworks.' },
      ]);
    }
    if (row.status !== 'published' || row.content_hash === null) {
      throw AppException.validation([
        {
          path: 'frameworkVersionId',
          code: 'not-published',
          message: `Version ${row.number} of « ${row.framework_name} » is a draft: publish it first. An evaluation pins a published version, so what respondents answer never changes under them.`,
        },
      ]);
    }
    return { id: row.id, frameworkId: row.framework_id, number: row.number, contentHash: row.content_hash, content: row.content };
  }

  private async versionSummaries(m: EntityManager, ids: readonly string[]): Promise<Map<string, { frameworkId: string; number: number }>> {
    const rows = await m.query<Array<{ id: string; framework_id: string; number: number }>>(
      `SELECT id, framework_id, number FROM framework_version WHERE id = ANY($1::uuid[]) AND workspace_id = $2`,
      [[...new Set(ids)], this.tenant.workspaceId],
    );
    return new Map(rows.map((r) => [r.id, { frameworkId: r.framework_id, number: r.number }]));
  }
}

function toDto(e: EvaluationEntity, groups: EvaluationGroupEntity[], version: { frameworkId: string; number: number }): EvaluationDto {
  return {
    id: e.id,
    organizationId: e.organizationId,
    frameworkId: version.frameworkId,
    frameworkVersionId: e.frameworkVersionId,
    frameworkVersionNumber: version.number,
    contentHash: e.contentHash,
    title: e.title,
    dimensionKeys: e.dimensionKeys,
    customQuestions: e.customQuestions,
    opensAt: e.opensAt,
    closesAt: e.closesAt,
    kThreshold: e.kThreshold,
    retentionMonths: e.retentionMonths,
    retainedUntil: retentionDeadline(e.closesAt, e.retentionMonths),
    purgedAt: e.purgedAt,
    status: e.status,
    allowedTransitions: [...allowedTransitions(e.status)],
    groups: [...groups]
      .sort((a, b) => groupOrder(a.groupKey) - groupOrder(b.groupKey))
      .map((g) => ({ groupKey: g.groupKey, expectedCount: g.expectedCount, anonymity: g.anonymity })),
    createdBy: e.createdBy,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

/** 409 evaluation-purged: the individual answers are gone, and with them what depended on them. */
function purgedException(purgedAt: Date, consequence: string): AppException {
  return new AppException(
    'evaluation-purged',
    `The individual answers of this evaluation were deleted on ${purgedAt.toISOString()} at the end of their retention period; only its analysis remains, so ${consequence}.`,
    undefined,
    { purgedAt },
  );
}

/** Refuses, with one message, the changes an evaluation's status no longer allows. */
function assertEditable(status: EvaluationStatus, fields: readonly EvaluationField[], groupKey?: StakeholderGroupKey): void {
  const locked = lockedFields(status, fields);
  if (locked.length === 0) return;
  const editable = editableFields(status);
  const what = locked.map((field) => (field === 'groups' ? `the groups (${groupKey ?? 'adding or removing one'})` : field)).join(', ');
  const still = editable.length > 0 ? `; while ${status}, only ${listed(editable)} may still change` : '; nothing of its design may change any more';
  // `evaluationStatus`, not `status`: problem+json's `status` is the HTTP status.
  throw new AppException('evaluation-locked', `This evaluation is ${status}: ${what} can only change while it is a draft${still}.`, undefined, {
    evaluationStatus: status,
    lockedFields: locked,
    editableFields: editable,
  });
}

function checkDates(opensAt: Date, closesAt: Date): FieldError[] {
  if (closesAt.getTime() > opensAt.getTime()) return [];
  return [{ path: 'closesAt', code: 'closes-before-opens', message: `closesAt (${closesAt.toISOString()}) must be after opensAt (${opensAt.toISOString()}).` }];
}

function checkGroups(groups: readonly GroupInputDto[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const [index, group] of groups.entries()) {
    if (groups.findIndex((g) => g.groupKey === group.groupKey) !== index) {
      errors.push({ path: `groups[${index}].groupKey`, code: 'duplicate_key', message: `Group "${group.groupKey}" is listed twice; keep it once.` });
    }
  }
  return errors;
}

function withSelfAssessment(groups: readonly GroupInputDto[]): Array<{ groupKey: StakeholderGroupKey; expectedCount: number; anonymity: AnonymityMode }> {
  const out = groups.map((g) => ({ groupKey: g.groupKey, expectedCount: g.expectedCount, anonymity: g.anonymity }));
  if (!out.some((g) => g.groupKey === SELF_ASSESSMENT)) out.unshift({ groupKey: SELF_ASSESSMENT, ...SELF_ASSESSMENT_DEFAULT });
  return out.sort((a, b) => groupOrder(a.groupKey) - groupOrder(b.groupKey));
}

function groupNotFound(groupKey: StakeholderGroupKey): AppException {
  return new AppException('not-found', `The ${groupKey} group is not in this evaluation; add it with PUT …/groups/${groupKey}.`);
}

/** Equal as JSON, whatever the key order (jsonb does not keep it). Input it cannot read counts as a change, which validation then reports. */
function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

function indicatorKeys(questions: readonly CustomQuestion[]): string[] {
  return questions.map((q) => q.indicator.key);
}
