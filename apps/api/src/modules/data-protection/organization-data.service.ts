import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { DataSource, type EntityManager } from 'typeorm';
import { workspaceRoleAtLeast } from '#domain';
import { spreadsheetCell } from '#domain/spreadsheet-cell';
import { AppException } from '../../common/app.exception.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.schema.js';
import { AuditService } from '../audit/audit.service.js';
import { slugify } from '../exports/export-filename.js';
import { MailService } from '../mail/mail.service.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import type { OrganizationDto } from '../organizations/dto/organization.dto.js';
import { TenantContext } from '../tenancy/tenant-context.service.js';

export const ORGANIZATION_EXPORT_FORMAT = 'regards.organization-export';
export const ORGANIZATION_EXPORT_VERSION = 1;

type Row = Record<string, unknown>;

/** One table of the export: its rows as the database holds them, minus what may not leave it. */
interface ExportTable {
  name: string;
  rows: Row[];
}

export interface OrganizationExport {
  format: typeof ORGANIZATION_EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  organizationId: string;
  /** what was left out, and why */
  withheld: string[];
  tables: Record<string, Row[]>;
}

/**
 * Every table an organization's data lives in, each read with its workspace and organization in
 * the WHERE clause (`$1` workspace, `$2` organization). Rows are read whole (`to_jsonb`), minus
 * the columns that never leave: the workspace id, token hashes, PDF bytes (given as files in the
 * zip), the logo bytes. Identities follow the submission export's rules: a respondent's name only
 * for named groups (confidential identities stay with the network), and anonymous groups' times
 * are already kept to the day.
 */
const TABLES: ReadonlyArray<{ name: string; sql: string; answers?: boolean }> = [
  { name: 'organization', sql: `SELECT to_jsonb(o) - 'workspace_id' - 'logo' AS row FROM organization o WHERE o.workspace_id = $1 AND o.id = $2` },
  {
    name: 'organization_members',
    sql: `SELECT jsonb_build_object('userId', u.id, 'email', u.email, 'displayName', u.display_name, 'role', m.role) AS row
            FROM organization_member m JOIN user_account u ON u.id = m.user_id
           WHERE m.workspace_id = $1 AND m.organization_id = $2 ORDER BY u.email`,
  },
  {
    name: 'evaluations',
    sql: `SELECT to_jsonb(e) - 'workspace_id' - 'retained_analysis' || jsonb_build_object('frameworkName', f.name, 'frameworkVersionNumber', v.number) AS row
            FROM evaluation e JOIN framework_version v ON v.id = e.framework_version_id JOIN framework f ON f.id = v.framework_id
           WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, e.id`,
  },
  {
    name: 'evaluation_groups',
    sql: `SELECT to_jsonb(g) - 'workspace_id' AS row FROM evaluation_group g JOIN evaluation e ON e.id = g.evaluation_id
           WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, e.id, g.group_key`,
  },
  {
    name: 'retained_analyses',
    sql: `SELECT jsonb_build_object('evaluation_id', e.id, 'purged_at', e.purged_at, 'analysis', e.retained_analysis) AS row FROM evaluation e
           WHERE e.workspace_id = $1 AND e.organization_id = $2 AND e.purged_at IS NOT NULL ORDER BY e.opens_at, e.id`,
  },
  {
    name: 'collection_links',
    answers: true,
    sql: `SELECT to_jsonb(l) - 'workspace_id' - 'token_hash' AS row FROM collection_link l JOIN evaluation e ON e.id = l.evaluation_id
           WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, l.created_at, l.id`,
  },
  {
    name: 'submissions',
    answers: true,
    sql: `SELECT to_jsonb(s) - 'workspace_id' - 'respondent_name' - 'consent_at'
                 || jsonb_build_object('respondent_name', CASE WHEN g.anonymity = 'named' THEN s.respondent_name END,
                                       'consent_at', CASE WHEN g.anonymity = 'named' THEN s.consent_at END) AS row
            FROM submission s JOIN evaluation e ON e.id = s.evaluation_id
            JOIN evaluation_group g ON g.evaluation_id = s.evaluation_id AND g.group_key = s.group_key
           WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, s.started_at, s.id`,
  },
  {
    name: 'collective_sessions',
    sql: `SELECT to_jsonb(c) - 'workspace_id' AS row FROM collective_session c JOIN evaluation e ON e.id = c.evaluation_id
           WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, c.id`,
  },
  {
    name: 'consensus_answers',
    sql: `SELECT to_jsonb(c) - 'workspace_id' AS row FROM consensus_answer c JOIN evaluation e ON e.id = c.evaluation_id
           WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, c.recorded_at, c.id`,
  },
  {
    name: 'verbatim_themes',
    answers: true,
    sql: `SELECT to_jsonb(t) - 'workspace_id' AS row FROM verbatim_theme t JOIN evaluation e ON e.id = t.evaluation_id
           WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, t.label_key`,
  },
  {
    name: 'verbatim_codings',
    answers: true,
    sql: `SELECT to_jsonb(c) - 'workspace_id' AS row FROM verbatim_coding c JOIN evaluation e ON e.id = c.evaluation_id
           WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, c.answer_id, c.theme_id`,
  },
  {
    name: 'story_selections',
    answers: true,
    sql: `SELECT to_jsonb(x) - 'workspace_id' AS row FROM story_selection x JOIN evaluation e ON e.id = x.evaluation_id
           WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, x.answer_id`,
  },
  {
    name: 'reports',
    sql: `SELECT to_jsonb(r) - 'workspace_id' AS row FROM report r JOIN evaluation e ON e.id = r.evaluation_id
           WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, r.id`,
  },
  {
    name: 'report_sections',
    sql: `SELECT to_jsonb(s) - 'workspace_id' AS row FROM report_section s JOIN report r ON r.id = s.report_id JOIN evaluation e ON e.id = r.evaluation_id
           WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, r.id, s.key`,
  },
  {
    name: 'report_validations',
    sql: `SELECT to_jsonb(v) - 'workspace_id' AS row FROM report_validation v JOIN report r ON r.id = v.report_id JOIN evaluation e ON e.id = r.evaluation_id
           WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, r.id, v.id`,
  },
  {
    name: 'report_versions',
    sql: `SELECT to_jsonb(v) - 'workspace_id' - 'pdf' AS row FROM report_version v JOIN report r ON r.id = v.report_id JOIN evaluation e ON e.id = r.evaluation_id
           WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, r.id, v.number`,
  },
];

const WITHHELD_ALWAYS = [
  'Link tokens (only their hashes are stored), PDF bytes in the JSON (the zip holds the validated versions as files), the logo image.',
  'Respondents’ names of anonymous and confidential groups: only named groups, whose respondents agreed to be quoted, carry a name.',
];
const WITHHELD_FOR_ORGANIZATION_MEMBERS =
  'Individual answers (submissions, the links that carry respondents’ names, verbatims): the people who answered were promised that their own answers stay with the network’s facilitators. The organization receives its results through the dashboard and the reports.';

/**
 * An organization's data, everything at once (GDPR portability): JSON, or a zip of CSV files
 * (one per table, with a README) and the validated report versions as PDF files. Facilitators
 * and admins of the network get the individual answers too; the organization's own contacts get
 * everything else. Also the organization's request that its data be deleted.
 */
@Injectable()
export class OrganizationDataService {
  private readonly logger = new Logger('OrganizationData');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tenant: TenantContext,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async exportJson(organizationId: string): Promise<{ body: string; fileName: string }> {
    const { data, name } = await this.collect(organizationId, 'json');
    return { body: JSON.stringify(data, null, 2), fileName: `${fileStem(name, data.exportedAt)}.json` };
  }

  async exportZip(organizationId: string): Promise<{ body: Buffer; fileName: string }> {
    const { data, name, pdfs } = await this.collect(organizationId, 'zip');
    const files: Zippable = {};
    const stem = fileStem(name, data.exportedAt);
    files[`${stem}/README.txt`] = strToU8(readme(data));
    for (const [table, rows] of Object.entries(data.tables)) files[`${stem}/${table}.csv`] = strToU8(toCsv(rows));
    for (const pdf of pdfs) files[`${stem}/reports/${pdf.name}`] = [pdf.bytes, { level: 0 }];
    // A fixed date inside the archive: the same data gives the same bytes.
    return { body: Buffer.from(zipSync(files, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') })), fileName: `${stem}.zip` };
  }

  /** Records that the organization asks for all its data to be deleted; a workspace admin then deletes it. */
  async requestDeletion(organizationId: string, reason: string): Promise<OrganizationDto> {
    await this.dataSource.transaction(async (m) => {
      const organization = await this.lock(m, organizationId);
      if (organization.deletion_requested_at) {
        throw new AppException('conflict', `Deletion of this organization’s data was already asked on ${new Date(organization.deletion_requested_at).toISOString()}; a workspace admin carries it out.`);
      }
      await m.query(`UPDATE organization SET deletion_requested_at = now(), deletion_requested_by = $3, deletion_reason = $4 WHERE workspace_id = $1 AND id = $2`, [
        this.tenant.workspaceId,
        organizationId,
        this.tenant.userId,
        reason,
      ]);
      await this.audit.record({ action: 'organization.deletion-requested', targetType: 'organization', targetId: organizationId, data: { name: organization.name } }, m);
    });
    // Recorded first; the workspace's admins, who carry it out, are told by e-mail when SMTP is set.
    await this.notifyAdmins(organizationId, reason).catch((error: unknown) => this.logger.warn(`deletion request mail failed: ${(error as Error).message}`));
    return this.organizations.get(organizationId);
  }

  private async notifyAdmins(organizationId: string, reason: string): Promise<void> {
    if (!this.mail.enabled) return;
    const workspaceId = this.tenant.workspaceId;
    const [context] = await this.dataSource.query<Array<{ organization: string; workspace: string; requester: string | null }>>(
      `SELECT o.name AS organization, w.name AS workspace, u.display_name AS requester
         FROM organization o JOIN workspace w ON w.id = o.workspace_id LEFT JOIN user_account u ON u.id = $3
        WHERE o.workspace_id = $1 AND o.id = $2`,
      [workspaceId, organizationId, this.tenant.userId],
    );
    if (!context) return;
    const admins = await this.dataSource.query<Array<{ email: string }>>(
      `SELECT u.email FROM membership m JOIN user_account u ON u.id = m.user_id WHERE m.workspace_id = $1 AND m.role = 'admin' ORDER BY u.email`,
      [workspaceId],
    );
    const link = `${this.config.publicUrl}/w/${workspaceId}/organizations/${organizationId}`;
    for (const admin of admins) {
      await this.mail.send({
        to: admin.email,
        subject: `Demande de suppression des données de ${context.organization} / Data deletion request`,
        text: [
          `Bonjour,`,
          ``,
          `${context.requester ?? 'Une personne'} demande, pour ${context.organization}, la suppression de toutes ses données dans ${context.workspace} sur Regards.`,
          `Motif : ${reason}`,
          ``,
          `En tant qu’administrateur·ice du réseau, vous pouvez exporter ses données puis supprimer l’organisation depuis sa page :`,
          link,
          ``,
          `—`,
          `${context.requester ?? 'Someone'} asks, for ${context.organization}, for all its data in ${context.workspace} on Regards to be deleted.`,
          `Reason: ${reason}`,
          `As an administrator of the network, you may export its data and then delete the organization from its page (link above).`,
        ].join('\n'),
      });
    }
  }

  async withdrawDeletionRequest(organizationId: string): Promise<OrganizationDto> {
    await this.dataSource.transaction(async (m) => {
      const organization = await this.lock(m, organizationId);
      if (!organization.deletion_requested_at) throw new AppException('conflict', 'No deletion of this organization’s data was asked.');
      await m.query(`UPDATE organization SET deletion_requested_at = NULL, deletion_requested_by = NULL, deletion_reason = NULL WHERE workspace_id = $1 AND id = $2`, [
        this.tenant.workspaceId,
        organizationId,
      ]);
      await this.audit.record({ action: 'organization.deletion-withdrawn', targetType: 'organization', targetId: organizationId, data: { name: organization.name } }, m);
    });
    return this.organizations.get(organizationId);
  }

  private async lock(m: EntityManager, organizationId: string): Promise<{ name: string; deletion_requested_at: Date | null }> {
    const [row] = await m.query<Array<{ name: string; deletion_requested_at: Date | null }>>(
      `SELECT name, deletion_requested_at FROM organization WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
      [this.tenant.workspaceId, organizationId],
    );
    if (!row) throw AppException.notFound('organization');
    return row;
  }

  /** Every table in one REPEATABLE READ snapshot, so the files agree with each other. */
  private async collect(organizationId: string, format: 'json' | 'zip'): Promise<{ data: OrganizationExport; name: string; pdfs: Array<{ name: string; bytes: Uint8Array }> }> {
    const workspaceId = this.tenant.workspaceId;
    const role = this.tenant.workspaceRole;
    const withAnswers = role !== null && workspaceRoleAtLeast(role, 'facilitator');
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const tables: ExportTable[] = [];
      for (const table of TABLES) {
        if (table.answers && !withAnswers) continue;
        const rows = await m.query<Array<{ row: Row }>>(table.sql, [workspaceId, organizationId]);
        tables.push({ name: table.name, rows: rows.map((r) => r.row) });
      }
      const organization = tables[0]!.rows[0];
      if (!organization) throw AppException.notFound('organization');
      const pdfs =
        format === 'zip'
          ? (
              await m.query<Array<{ title: string; number: number; pdf: Buffer }>>(
                `SELECT e.title, v.number, v.pdf FROM report_version v JOIN report r ON r.id = v.report_id JOIN evaluation e ON e.id = r.evaluation_id
                  WHERE e.workspace_id = $1 AND e.organization_id = $2 ORDER BY e.opens_at, v.number`,
                [workspaceId, organizationId],
              )
            ).map((v, index) => ({ name: `${String(index + 1).padStart(2, '0')}-${slugify(v.title, 60) || 'rapport'}-v${v.number}.pdf`, bytes: new Uint8Array(v.pdf) }))
          : [];
      const data: OrganizationExport = {
        format: ORGANIZATION_EXPORT_FORMAT,
        version: ORGANIZATION_EXPORT_VERSION,
        exportedAt: new Date().toISOString(),
        organizationId,
        withheld: withAnswers ? WITHHELD_ALWAYS : [...WITHHELD_ALWAYS, WITHHELD_FOR_ORGANIZATION_MEMBERS],
        tables: Object.fromEntries(tables.map((t) => [t.name, t.rows])),
      };
      await this.audit.record(
        {
          action: 'organization.data-exported',
          targetType: 'organization',
          targetId: organizationId,
          data: { format, individualAnswers: withAnswers, rows: Object.fromEntries(tables.map((t) => [t.name, t.rows.length])) },
        },
        m,
      );
      return { data, name: String(organization['name'] ?? ''), pdfs };
    });
  }
}

function fileStem(organizationName: string, exportedAt: string): string {
  return `regards-${slugify(organizationName, 60) || 'organisation'}-donnees-${exportedAt.slice(0, 10)}`;
}

/**
 * One CSV of a table: the union of its rows' keys as columns, objects and arrays as JSON text,
 * every text cell neutralised so a spreadsheet never runs it as a formula. UTF-8 with a BOM,
 * comma-separated (the files are for any tool, not one locale's spreadsheet).
 */
export function toCsv(rows: readonly Row[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown): string | number | null => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return spreadsheetCell(value);
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    return spreadsheetCell(typeof value === 'string' ? value : JSON.stringify(value));
  };
  return '\uFEFF' + stringify([columns, ...rows.map((row) => columns.map((column) => cell(row[column])))], { record_delimiter: '\r\n', quoted_string: true });
}

function readme(data: OrganizationExport): string {
  const lines = [
    'Regards — export des données d’une structure / an organization’s data export',
    '',
    `Format: ${data.format}, version ${data.version}`,
    `Exporté le / exported at: ${data.exportedAt}`,
    `Structure / organization: ${data.organizationId}`,
    '',
    'Un fichier CSV par table (UTF-8, virgule) ; les objets et listes sont en JSON.',
    'One CSV file per table (UTF-8, comma-separated); objects and lists are JSON text.',
    'reports/: les versions validées des rapports / the validated report versions (PDF).',
    '',
    'Non inclus / withheld:',
    ...data.withheld.map((w) => `- ${w}`),
    '',
    'Tables:',
    ...Object.entries(data.tables).map(([name, rows]) => `- ${name}.csv: ${rows.length}`),
    '',
  ];
  return lines.join('\r\n');
}
