import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  contentHash,
  diffVersions,
  importSurveyJs,
  localize,
  validateFrameworkContent,
  type FieldError,
  type FrameworkContent,
  type VersionDiff,
} from '#domain';
import { AppException } from '../../common/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { TenantContext } from '../tenancy/tenant-context.service.js';
import { skeletonContent, socleCommun, SOCLE_COMMUN_KEY } from './default-frameworks.js';
import type {
  CommonsFrameworkDto,
  FrameworkDetailDto,
  FrameworkSummaryDto,
  FrameworkVersionDto,
  PublishResultDto,
  VersionSummaryDto,
} from './dto/framework.dto.js';
import { FrameworkVersionEntity } from './framework-version.entity.js';
import { FrameworkEntity } from './framework.entity.js';

const DEFAULT_LICENCE = 'CC-BY-SA-4.0';
/** Version columns without the (large) content. */
const VERSION_SUMMARY_COLUMNS = {
  id: true,
  frameworkId: true,
  number: true,
  status: true,
  contentHash: true,
  revision: true,
  publishedAt: true,
  updatedAt: true,
} as const;

function summary(v: FrameworkVersionEntity): VersionSummaryDto {
  return { id: v.id, number: v.number, status: v.status, contentHash: v.contentHash, revision: v.revision, publishedAt: v.publishedAt, updatedAt: v.updatedAt };
}

function versionDto(v: FrameworkVersionEntity): FrameworkVersionDto {
  return { ...summary(v), frameworkId: v.frameworkId, content: v.content };
}

/** Prefixes validation paths so they point into the request body. */
function under(prefix: string, errors: readonly FieldError[]): FieldError[] {
  return errors.map((e) => ({ path: e.path ? `${prefix}.${e.path}` : prefix, code: e.code, message: e.message }));
}

function validContent(input: unknown, prefix: string): FrameworkContent {
  const result = validateFrameworkContent(input);
  if (!result.ok) throw AppException.validation(under(prefix, result.errors));
  return result.value;
}

/**
 * Frameworks of a workspace and their versions: drafts are edited (optimistic revision check),
 * publishing freezes a version with its content hash, editing a published framework starts a
 * new draft. Also import/export, the commons (frameworks shared with every network) and forks.
 */
@Injectable()
export class FrameworksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenant: TenantContext,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<FrameworkSummaryDto[]> {
    const frameworks = await this.dataSource.manager.find(FrameworkEntity, { where: this.tenant.where({}), order: { name: 'ASC', id: 'ASC' } });
    const versions = await this.dataSource.manager.find(FrameworkVersionEntity, {
      where: this.tenant.where({}),
      select: VERSION_SUMMARY_COLUMNS,
      order: { number: 'ASC' },
    });
    return frameworks.map((f) => this.summarise(f, versions.filter((v) => v.frameworkId === f.id)));
  }

  async get(frameworkId: string): Promise<FrameworkDetailDto> {
    const framework = await this.load(this.dataSource.manager, frameworkId);
    const versions = await this.versionsOf(this.dataSource.manager, framework.id);
    return { ...this.summarise(framework, versions), versions: versions.map(summary).reverse() };
  }

  async create(name: string, content: unknown): Promise<FrameworkDetailDto> {
    const valid = content === undefined ? skeletonContent(name) : validContent(content, 'content');
    const id = await this.dataSource.transaction((m) => this.insert(m, { name, content: valid, workspaceId: this.tenant.workspaceId, createdBy: this.tenant.userId }));
    return this.get(id);
  }

  /** Imports a framework file or any SurveyJS questionnaire; a bad document is refused whole. */
  async import(format: 'regards' | 'surveyjs', document: unknown, name: string | undefined): Promise<FrameworkDetailDto & { warnings: FieldError[] }> {
    let content: FrameworkContent;
    let warnings: FieldError[] = [];
    if (format === 'regards') {
      content = validContent(document, 'document');
    } else {
      const result = importSurveyJs(document, name ? { title: name } : {});
      if (!result.ok) throw AppException.validation(under('document', result.errors));
      content = result.content;
      warnings = under('document', result.warnings);
    }
    const frameworkName = name ?? localize(content.title, 'fr').slice(0, 200);
    const id = await this.dataSource.transaction(async (m) => {
      const created = await this.insert(m, { name: frameworkName, content, workspaceId: this.tenant.workspaceId, createdBy: this.tenant.userId });
      await this.audit.record({ action: 'framework.imported', targetType: 'framework', targetId: created, data: { format } }, m);
      return created;
    });
    return { ...(await this.get(id)), warnings };
  }

  async rename(frameworkId: string, name: string): Promise<FrameworkDetailDto> {
    await this.dataSource.transaction(async (m) => {
      const framework = await this.load(m, frameworkId);
      await m.update(FrameworkEntity, this.tenant.where({ id: framework.id }), { name });
      await this.audit.record({ action: 'framework.renamed', targetType: 'framework', targetId: framework.id, data: { name } }, m);
    });
    return this.get(frameworkId);
  }

  async remove(frameworkId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const framework = await this.load(m, frameworkId, true);
      const pinned = await m.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM evaluation e JOIN framework_version v ON v.id = e.framework_version_id WHERE v.framework_id = $1`,
        [framework.id],
      );
      if (pinned[0]!.n > 0) {
        throw new AppException('conflict', `${pinned[0]!.n} evaluation(s) use a version of this framework; it cannot be deleted.`);
      }
      await m.delete(FrameworkEntity, this.tenant.where({ id: framework.id }));
      await this.audit.record({ action: 'framework.deleted', targetType: 'framework', targetId: framework.id, data: { name: framework.name } }, m);
    });
  }

  async getVersion(frameworkId: string, versionId: string): Promise<FrameworkVersionDto> {
    return versionDto(await this.loadVersion(this.dataSource.manager, frameworkId, versionId));
  }

  /** Saves a draft's content; refused when the content is invalid, the version published, or the revision stale. */
  async saveDraft(frameworkId: string, versionId: string, content: unknown, revision: number): Promise<FrameworkVersionDto> {
    const valid = validContent(content, 'content');
    return this.dataSource.transaction(async (m) => {
      const version = await this.loadVersion(m, frameworkId, versionId, true);
      if (version.status !== 'draft') throw new AppException('version-published', `Version ${version.number} is published and cannot change; start a new draft.`);
      if (version.revision !== revision) {
        throw new AppException('stale-revision', `Someone saved this draft since you opened it (revision ${version.revision}, yours ${revision}); reload it and apply your change again.`, undefined, {
          currentRevision: version.revision,
        });
      }
      await m.update(FrameworkVersionEntity, { id: version.id }, { content: valid, revision: revision + 1, updatedBy: this.tenant.userId });
      await m.update(FrameworkEntity, { id: version.frameworkId }, { updatedAt: new Date() });
      return versionDto(await this.loadVersion(m, frameworkId, versionId));
    });
  }

  async publish(frameworkId: string, versionId: string): Promise<PublishResultDto> {
    return this.dataSource.transaction(async (m) => {
      const version = await this.loadVersion(m, frameworkId, versionId, true);
      if (version.status !== 'draft') throw new AppException('version-published', `Version ${version.number} is already published.`);
      const content = validContent(version.content, 'content');
      const previous = await this.latestPublished(m, frameworkId);
      const hash = await contentHash(content);
      await m.update(FrameworkVersionEntity, { id: version.id }, { status: 'published', contentHash: hash, publishedAt: new Date(), publishedBy: this.tenant.userId });
      await this.audit.record({ action: 'framework.published', targetType: 'framework', targetId: frameworkId, data: { version: version.number, contentHash: hash } }, m);
      return {
        version: versionDto(await this.loadVersion(m, frameworkId, versionId)),
        diff: previous ? diffVersions({ content: previous.content }, { content }) : null,
      };
    });
  }

  /** Starts a draft from the latest published version (editing a published framework). */
  async startDraft(frameworkId: string): Promise<FrameworkVersionDto> {
    return this.dataSource.transaction(async (m) => {
      const framework = await this.load(m, frameworkId, true);
      const versions = await this.versionsOf(m, framework.id);
      const draft = versions.find((v) => v.status === 'draft');
      if (draft) throw new AppException('draft-exists', `Version ${draft.number} is already a draft; edit it.`, undefined, { draftId: draft.id });
      const published = await this.latestPublished(m, framework.id);
      if (!published) throw new AppException('not-published', 'This framework has no published version to start from.');
      const number = Math.max(...versions.map((v) => v.number)) + 1;
      const saved = await m.save(
        m.create(FrameworkVersionEntity, {
          workspaceId: framework.workspaceId,
          frameworkId: framework.id,
          number,
          status: 'draft',
          content: published.content,
          contentHash: null,
          updatedBy: this.tenant.userId,
        }),
      );
      await this.audit.record({ action: 'framework.draft-started', targetType: 'framework', targetId: framework.id, data: { version: number, from: published.number } }, m);
      return versionDto(saved);
    });
  }

  async diff(frameworkId: string, fromId: string, toId: string): Promise<VersionDiff> {
    const from = await this.loadVersion(this.dataSource.manager, frameworkId, fromId);
    const to = await this.loadVersion(this.dataSource.manager, frameworkId, toId);
    return diffVersions({ content: from.content }, { content: to.content });
  }

  async share(frameworkId: string, shared: boolean): Promise<FrameworkDetailDto> {
    await this.dataSource.transaction(async (m) => {
      const framework = await this.load(m, frameworkId, true);
      if (shared && !(await this.latestPublished(m, framework.id))) {
        throw new AppException('not-published', 'Publish a version before sharing this framework in the commons.');
      }
      await m.update(FrameworkEntity, { id: framework.id }, { sharedAt: shared ? (framework.sharedAt ?? new Date()) : null });
      await this.audit.record({ action: shared ? 'framework.shared' : 'framework.unshared', targetType: 'framework', targetId: framework.id }, m);
    });
    return this.get(frameworkId);
  }

  /** Frameworks shared by every network, with their latest published version. */
  async commons(): Promise<CommonsFrameworkDto[]> {
    const rows = await this.dataSource.query<
      Array<{ id: string; name: string; workspace_name: string; shared_at: Date; version_id: string; content: FrameworkContent } & Record<string, unknown>>
    >(
      `SELECT f.id, f.name, w.name AS workspace_name, f.shared_at, v.id AS version_id, v.number, v.content_hash, v.revision,
              v.published_at, v.updated_at, v.content
         FROM framework f
         JOIN workspace w ON w.id = f.workspace_id
         JOIN LATERAL (SELECT * FROM framework_version fv WHERE fv.framework_id = f.id AND fv.status = 'published'
                        ORDER BY fv.number DESC LIMIT 1) v ON true
        WHERE f.shared_at IS NOT NULL
        ORDER BY f.shared_at DESC, f.id`,
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      workspaceName: r.workspace_name,
      licence: r.content.licence ?? DEFAULT_LICENCE,
      sharedAt: r.shared_at,
      latestPublished: {
        id: r.version_id,
        number: r['number'] as number,
        status: 'published',
        contentHash: r['content_hash'] as string,
        revision: r['revision'] as number,
        publishedAt: r['published_at'] as Date,
        updatedAt: r['updated_at'] as Date,
      },
      title: r.content.title,
      description: r.content.description ?? null,
      dimensionCount: r.content.dimensions.length,
      questionCount: r.content.dimensions.flatMap((d) => d.criteria.flatMap((c) => c.indicators.flatMap((i) => i.questions))).length,
    }));
  }

  /** The latest published content of a framework shared in the commons. */
  async commonsVersion(frameworkId: string): Promise<FrameworkVersionDto> {
    const framework = await this.dataSource.manager.findOneBy(FrameworkEntity, { id: frameworkId });
    if (!framework?.sharedAt) throw AppException.notFound('shared framework');
    const published = await this.latestPublished(this.dataSource.manager, framework.id);
    if (!published) throw AppException.notFound('shared framework');
    return versionDto(published);
  }

  /**
   * Copies the latest published version of a framework — the workspace's own, or one shared in
   * the commons — into a new framework of this workspace, as a draft that keeps its origin.
   */
  async fork(frameworkId: string): Promise<FrameworkDetailDto> {
    const id = await this.dataSource.transaction(async (m) => {
      const origin = await m.findOneBy(FrameworkEntity, { id: frameworkId });
      const visible = origin && (origin.workspaceId === this.tenant.workspaceId || origin.sharedAt !== null);
      if (!origin || !visible) throw AppException.notFound('framework');
      const published = await this.latestPublished(m, origin.id);
      if (!published) throw new AppException('not-published', 'Only a published framework can be forked.');
      const originWorkspace = await m.query<Array<{ name: string }>>(`SELECT name FROM workspace WHERE id = $1`, [origin.workspaceId]);
      const attribution = `${origin.name} — ${originWorkspace[0]?.name ?? ''} — ${published.content.licence ?? DEFAULT_LICENCE} (v${published.number})`.slice(0, 400);
      const created = await this.insert(m, {
        name: `${origin.name} (copie)`.slice(0, 200),
        content: published.content,
        workspaceId: this.tenant.workspaceId,
        createdBy: this.tenant.userId,
        originFrameworkId: origin.id,
        originAttribution: attribution,
      });
      await this.audit.record({ action: 'framework.forked', targetType: 'framework', targetId: created, data: { originFrameworkId: origin.id, originVersion: published.number } }, m);
      return created;
    });
    return this.get(id);
  }

  /** Seeds the shipped "socle commun" (published, version 1) into a workspace; idempotent. */
  async seedDefault(workspaceId: string, m: EntityManager): Promise<void> {
    const existing = await m.findOneBy(FrameworkEntity, { workspaceId, builtinKey: SOCLE_COMMUN_KEY });
    if (existing) return;
    const content = socleCommun();
    const id = await this.insert(m, { name: localize(content.title, 'fr').slice(0, 200), content, workspaceId, createdBy: null, builtinKey: SOCLE_COMMUN_KEY });
    await m.update(FrameworkVersionEntity, { frameworkId: id, number: 1 }, { status: 'published', contentHash: await contentHash(content), publishedAt: new Date() });
  }

  private async insert(
    m: EntityManager,
    input: { name: string; content: FrameworkContent; workspaceId: string; createdBy: string | null; builtinKey?: string; originFrameworkId?: string; originAttribution?: string },
  ): Promise<string> {
    const framework = await m.save(
      m.create(FrameworkEntity, {
        workspaceId: input.workspaceId,
        name: input.name,
        builtinKey: input.builtinKey ?? null,
        originFrameworkId: input.originFrameworkId ?? null,
        originAttribution: input.originAttribution ?? null,
        sharedAt: null,
        createdBy: input.createdBy,
      }),
    );
    await m.insert(FrameworkVersionEntity, {
      workspaceId: input.workspaceId,
      frameworkId: framework.id,
      number: 1,
      status: 'draft',
      content: input.content,
      contentHash: null,
      updatedBy: input.createdBy,
    });
    if (input.createdBy) await this.audit.record({ action: 'framework.created', targetType: 'framework', targetId: framework.id, workspaceId: input.workspaceId, data: { name: input.name } }, m);
    return framework.id;
  }

  private summarise(f: FrameworkEntity, versions: FrameworkVersionEntity[]): FrameworkSummaryDto {
    const published = versions.filter((v) => v.status === 'published').sort((a, b) => b.number - a.number)[0];
    const draft = versions.find((v) => v.status === 'draft');
    return {
      id: f.id,
      name: f.name,
      builtinKey: f.builtinKey,
      originFrameworkId: f.originFrameworkId,
      originAttribution: f.originAttribution,
      sharedAt: f.sharedAt,
      latestPublished: published ? summary(published) : null,
      draft: draft ? summary(draft) : null,
      updatedAt: f.updatedAt,
    };
  }

  private async load(m: EntityManager, frameworkId: string, lock = false): Promise<FrameworkEntity> {
    const framework = await m.findOne(FrameworkEntity, { where: this.tenant.where({ id: frameworkId }), ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!framework) throw AppException.notFound('framework');
    return framework;
  }

  private versionsOf(m: EntityManager, frameworkId: string): Promise<FrameworkVersionEntity[]> {
    return m.find(FrameworkVersionEntity, {
      where: this.tenant.where({ frameworkId }),
      select: VERSION_SUMMARY_COLUMNS,
      order: { number: 'ASC' },
    });
  }

  private async loadVersion(m: EntityManager, frameworkId: string, versionId: string, lock = false): Promise<FrameworkVersionEntity> {
    const version = await m.findOne(FrameworkVersionEntity, {
      where: this.tenant.where({ id: versionId, frameworkId }),
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!version) throw AppException.notFound('framework version');
    return version;
  }

  private latestPublished(m: EntityManager, frameworkId: string): Promise<FrameworkVersionEntity | null> {
    return m.findOne(FrameworkVersionEntity, { where: { frameworkId, status: 'published' }, order: { number: 'DESC' } });
  }
}
