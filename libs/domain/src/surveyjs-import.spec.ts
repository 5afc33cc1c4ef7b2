import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { Model, type Question as SurveyQuestion } from 'survey-core';
import { normaliseAnswers } from './answer-normalisation.js';
import type { FieldError } from './field-error.js';
import { picker, reorderKeys } from './fixtures/json-edit.js';
import type { FrameworkContent, Indicator } from './framework.js';
import { validateFrameworkContent } from './framework-validation.js';
import { LOCALES } from './locale.js';
import { compileQuestionnaire, type Questionnaire } from './questionnaire.js';
import type { StakeholderGroupKey } from './stakeholder-group.js';
import { importSurveyJs, deriveKey, type SurveyJsImportResult, type SurveyJsQuestionMapping } from './surveyjs-import.js';

const FIXTURE: unknown = JSON.parse(readFileSync(new URL('./fixtures/surveyjs/benevoles-maison-associations.json', import.meta.url), 'utf8'));

type Imported = Extract<SurveyJsImportResult, { ok: true }>;

function imported(json: unknown): Imported {
  const result = importSurveyJs(json);
  if (!result.ok) throw new Error(`expected the survey to import: ${JSON.stringify(result.errors)}`);
  return result;
}

function errorsOf(json: unknown): FieldError[] {
  const result = importSurveyJs(json);
  if (result.ok) throw new Error('expected the survey to be refused');
  return result.errors;
}

function indicators(content: FrameworkContent): Indicator[] {
  return content.dimensions.flatMap((dimension) => dimension.criteria.flatMap((criterion) => criterion.indicators));
}

/** A one-page survey with these elements. */
const survey = (...elements: unknown[]): Record<string, unknown> => ({ pages: [{ name: 'page1', elements }] });

function compile(content: FrameworkContent, group: StakeholderGroupKey, locale: 'fr' | 'en' = 'fr'): Questionnaire {
  return compileQuestionnaire({ version: { content }, dimensionKeys: content.dimensions.map((dimension) => dimension.key), customQuestions: [], group, locale });
}

function load(questionnaire: Questionnaire): Model {
  const model = new Model(questionnaire.survey);
  expect(model.jsonErrors ?? []).toEqual([]);
  return model;
}

/** Checks what every import must give: valid content that compiles into a survey-core model. */
function expectUsable(result: Imported): void {
  const validation = validateFrameworkContent(result.content);
  expect(validation).toEqual({ ok: true, value: result.content });
  const questionnaire = compile(result.content, 'staff');
  const model = load(questionnaire);
  expect(model.getAllQuestions().map((question) => question.name)).toEqual(questionnaire.questions.map((question) => question.key));
}

describe('importSurveyJs: question types', () => {
  const audiencesAll = ['self_assessment', 'staff', 'volunteers', 'board', 'beneficiaries', 'partners', 'local_officials', 'inhabitants'];

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['a default rating → a 1–5 linear scale', { type: 'rating' }, { kind: 'scale', scale: { min: 1, max: 5 }, scoring: { rule: 'linear', reverse: false } }],
    [
      'a rating with bounds and end descriptions → a scale with end labels',
      { type: 'rating', rateMin: 0, rateMax: 10, minRateDescription: { default: 'Jamais', en: 'Never' }, maxRateDescription: 'Toujours' },
      { kind: 'scale', scale: { min: 0, max: 10, minLabel: { fr: 'Jamais', en: 'Never' }, maxLabel: { fr: 'Toujours' } } },
    ],
    ['a rating with rateMin and rateCount → its points', { type: 'rating', rateMin: 0, rateCount: 4 }, { kind: 'scale', scale: { min: 0, max: 3 } }],
    [
      'a rating with labelled rateValues → a labelled scale numbered 1…n',
      { type: 'rating', rateValues: [{ value: 'bof', text: 'Bof' }, { value: 'bien', text: { default: 'Bien', en: 'Good' } }, 'top'] },
      { kind: 'scale', scale: { min: 1, max: 3, labels: [{ fr: 'Bof' }, { fr: 'Bien', en: 'Good' }, { fr: 'top' }] } },
    ],
    [
      'a rating stepping by 2 → a scale numbered 1…6, labelled with the values',
      { type: 'rating', rateMin: 0, rateMax: 10, rateStep: 2, maxRateDescription: 'Max' },
      { kind: 'scale', scale: { min: 1, max: 6, labels: [{ fr: '0' }, { fr: '2' }, { fr: '4' }, { fr: '6' }, { fr: '8' }, { fr: '10 — Max' }] } },
    ],
    ['a rating of 16 points → a whole-number quantity', { type: 'rating', rateMin: 0, rateMax: 15 }, { kind: 'quantity', quantity: { min: 0, max: 15, integer: true }, scoring: { rule: 'none' } }],
    [
      'a radiogroup of plain texts → a single choice with derived keys',
      { type: 'radiogroup', choices: ['Très bien', 'Pas du tout'] },
      {
        kind: 'single_choice',
        choices: [
          { value: 'tres_bien', label: { fr: 'Très bien' } },
          { value: 'pas_du_tout', label: { fr: 'Pas du tout' } },
        ],
        scoring: { rule: 'none' },
        dontKnow: 'not_offered',
      },
    ],
    [
      'a radiogroup of numbers and "value|text" items → keys prefixed c_',
      { type: 'radiogroup', choices: [1, '2|Deux'] },
      { kind: 'single_choice', choices: [{ value: 'c_1', label: { fr: '1' } }, { value: 'c_2', label: { fr: 'Deux' } }] },
    ],
    [
      'a dropdown of localized items',
      { type: 'dropdown', choices: [{ value: 'a', text: { default: 'Oui', en: 'Yes' } }, { value: 'b', text: { fr: 'Non', en: 'No' } }] },
      { kind: 'single_choice', choices: [{ value: 'a', label: { fr: 'Oui', en: 'Yes' } }, { value: 'b', label: { fr: 'Non', en: 'No' } }] },
    ],
    [
      'a dropdown of generated numbers',
      { type: 'dropdown', choicesMin: 1, choicesMax: 3 },
      { kind: 'single_choice', choices: [{ value: 'c_1', label: { fr: '1' } }, { value: 'c_2', label: { fr: '2' } }, { value: 'c_3', label: { fr: '3' } }] },
    ],
    ['a dropdown of 121 generated numbers → a whole-number quantity', { type: 'dropdown', choicesMin: 0, choicesMax: 120 }, { kind: 'quantity', quantity: { min: 0, max: 120, integer: true } }],
    ['a dropdown of a million generated numbers → a whole-number quantity', { type: 'dropdown', choicesMin: 1, choicesMax: 1_000_000 }, { kind: 'quantity', quantity: { min: 1, max: 1_000_000, integer: true } }],
    [
      'a radiogroup with none, refuse, "don’t know" and other items',
      { type: 'radiogroup', choices: ['a', 'b'], showNoneItem: true, showRefuseItem: true, showDontKnowItem: true, showOtherItem: true, otherText: 'Autre chose' },
      {
        kind: 'single_choice',
        choices: [
          { value: 'a', label: { fr: 'a' } },
          { value: 'b', label: { fr: 'b' } },
          { value: 'none', label: { fr: 'Aucun', en: 'None' } },
          { value: 'refused', label: { fr: 'Je préfère ne pas répondre', en: 'Prefer not to answer' } },
          { value: 'other', label: { fr: 'Autre chose' } },
        ],
        dontKnow: 'excluded',
      },
    ],
    ['a buttongroup → a single choice', { type: 'buttongroup', choices: ['a', 'b'] }, { kind: 'single_choice' }],
    ['an imagepicker → a single choice', { type: 'imagepicker', choices: [{ value: 'lion', imageLink: 'https://x/l.png' }, { value: 'chat' }] }, { kind: 'single_choice' }],
    ['an imagepicker with multiSelect → a multiple choice', { type: 'imagepicker', multiSelect: true, choices: ['lion', 'chat'] }, { kind: 'multiple_choice' }],
    [
      'a checkbox → a multiple choice, unscored',
      { type: 'checkbox', choices: ['a', 'b', 'c'] },
      { kind: 'multiple_choice', choices: [{ value: 'a', label: { fr: 'a' } }, { value: 'b', label: { fr: 'b' } }, { value: 'c', label: { fr: 'c' } }], scoring: { rule: 'none' } },
    ],
    ['a tagbox → a multiple choice', { type: 'tagbox', choices: ['a', 'b'] }, { kind: 'multiple_choice' }],
    ['a boolean → yes/no scored 100/0', { type: 'boolean' }, { kind: 'yes_no', scoring: { rule: 'yes_no', yes: 100, no: 0 }, dontKnow: 'not_offered' }],
    ['a number input with bounds → a quantity', { type: 'text', inputType: 'number', min: 0, max: 50 }, { kind: 'quantity', quantity: { min: 0, max: 50, integer: false }, scoring: { rule: 'none' } }],
    ['a number input stepping by 1 → a whole-number quantity', { type: 'text', inputType: 'number', min: '1', step: 1 }, { kind: 'quantity', quantity: { min: 1, integer: true } }],
    [
      'a number input bounded by a numeric validator',
      { type: 'text', inputType: 'number', validators: [{ type: 'numeric', minValue: 18, maxValue: 99 }] },
      { kind: 'quantity', quantity: { min: 18, max: 99, integer: false } },
    ],
    ['a range input → a 0–100 whole-number quantity', { type: 'text', inputType: 'range' }, { kind: 'quantity', quantity: { min: 0, max: 100, integer: true } }],
    ['a slider → a quantity', { type: 'slider', min: 10, max: 20 }, { kind: 'quantity', quantity: { min: 10, max: 20, integer: true } }],
    ['an email input → a text', { type: 'text', inputType: 'email' }, { kind: 'text', scoring: { rule: 'none' }, dontKnow: 'not_offered' }],
    ['a comment with a length limit → a text with that limit', { type: 'comment', maxLength: 500 }, { kind: 'text', text: { maxLength: 500 } }],
  ])('imports %s', (_name, element, expected) => {
    const result = imported(survey({ name: 'q', title: 'La question', isRequired: true, ...element }));
    const [indicator] = indicators(result.content);
    expect(indicator).toEqual(expect.objectContaining({ key: 'q', title: { fr: 'La question' }, level: 'resultat', ...expected }));
    expect(indicator.questions).toEqual([
      {
        key: 'q',
        audiences: audiencesAll,
        wording: Object.fromEntries(audiencesAll.map((audience) => [audience, { fr: 'La question' }])),
        required: true,
      },
    ]);
    expectUsable(result);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an html element', { type: 'html', name: 'x', html: '<p>Bonjour</p>' }, 'skipped_element'],
    ['an image', { type: 'image', name: 'x', imageLink: 'https://x/y.png' }, 'skipped_element'],
    ['an expression', { type: 'expression', name: 'x', expression: '{q} + 1' }, 'skipped_element'],
    ['a signature pad', { type: 'signaturepad', name: 'x' }, 'skipped_element'],
    ['a file upload', { type: 'file', name: 'x' }, 'skipped_element'],
    ['a ranking', { type: 'ranking', name: 'x', choices: ['a', 'b'] }, 'skipped_element'],
    ['a dynamic matrix', { type: 'matrixdynamic', name: 'x', columns: [{ name: 'c' }] }, 'skipped_element'],
    ['a dropdown matrix', { type: 'matrixdropdown', name: 'x', columns: [{ name: 'c' }], rows: ['r'] }, 'skipped_element'],
    ['a custom component', { type: 'mon-composant', name: 'x' }, 'skipped_element'],
    ['a range slider', { type: 'slider', name: 'x', sliderType: 'range' }, 'skipped_element'],
    ['a rating whose min is above its max', { type: 'rating', name: 'x', rateMin: 5, rateMax: 1 }, 'skipped_element'],
    ['a rating stepping by 0', { type: 'rating', name: 'x', rateStep: 0 }, 'skipped_element'],
    ['a rating of one point', { type: 'rating', name: 'x', rateMin: 2, rateCount: 1 }, 'skipped_element'],
    ['a rating of one value', { type: 'rating', name: 'x', rateValues: ['seul'] }, 'skipped_element'],
    ['a dropdown of 500 000 even numbers', { type: 'dropdown', name: 'x', choicesMin: 0, choicesMax: 1_000_000, choicesStep: 2 }, 'skipped_element'],
    ['a choice question with one choice', { type: 'radiogroup', name: 'x', choices: ['seul'] }, 'skipped_element'],
    ['a choice question with 51 choices', { type: 'dropdown', name: 'x', choices: Array.from({ length: 51 }, (_, i) => `choix ${i}`) }, 'skipped_element'],
    ['a matrix without rows', { type: 'matrix', name: 'x', columns: ['a', 'b'] }, 'skipped_element'],
    ['a hidden question', { type: 'text', name: 'x', visible: false }, 'hidden_element'],
    ['a hidden panel', { type: 'panel', name: 'p', visible: false, elements: [{ type: 'text', name: 'x' }] }, 'hidden_element'],
  ])('skips %s with a warning naming its path', (_name, element, code) => {
    const result = imported({ pages: [{ name: 'p1', elements: [{ type: 'text', name: 'kept' }] }, { name: 'p2', elements: [{ type: 'text', name: 'other' }, element] }] });
    expect(indicators(result.content).map((indicator) => indicator.key)).toEqual(['kept', 'other']);
    expect(result.warnings).toContainEqual(expect.objectContaining({ path: 'pages[1].elements[1]', code }));
  });

  it('draws the same rating points as survey-core', () => {
    const ratings: Array<Record<string, unknown>> = [
      {},
      { rateCount: 10 },
      { rateMin: 0, rateCount: 11 },
      { rateMax: 10, rateCount: 3 },
      { rateMin: 0, rateMax: 10, rateStep: 2 },
      { rateMin: 1, rateMax: 3, rateStep: 0.5 },
      { rateMin: 1, rateMax: 5, rateCount: 10 },
      { rateValues: [3, 1, { value: 2, text: 'deux' }] },
      { rateValues: [{ value: 'a' }], autoGenerate: true },
      { rateValues: ['non', 'oui'] },
      { rateMin: 0, rateMax: 100 },
    ];
    for (const rating of ratings) {
      const element = { type: 'rating', name: 'q', ...rating };
      const drawn = (new Model({ elements: [element] }).getQuestionByName('q') as SurveyQuestion & { visibleChoices: Array<{ value: unknown }> }).visibleChoices.map(
        (choice) => choice.value,
      );
      const result = imported({ elements: [element] });
      const [indicator] = indicators(result.content);
      const changes = new Map(result.mapping[0].values.map((value) => [value.from, value.to]));
      const stored = drawn.map((value) => changes.get(value as string | number) ?? value);
      const points = (min: number, max: number): number[] => Array.from({ length: max - min + 1 }, (_, i) => min + i);
      if (indicator.kind === 'scale') expect([...stored].sort((a, b) => Number(a) - Number(b))).toEqual(points(indicator.scale.min, indicator.scale.max));
      else if (indicator.kind === 'quantity') expect(stored).toEqual(points(indicator.quantity.min, indicator.quantity.max ?? Number.NaN));
      else throw new Error(`unexpected kind ${indicator.kind} for ${JSON.stringify(rating)}`);
    }
  });
});

describe('importSurveyJs: matrices, panels and multiple texts', () => {
  it('makes one scale indicator per row when the columns are numbers, with the matrix title before the row', () => {
    const result = imported(
      survey({
        type: 'matrix',
        name: 'Qualité',
        title: { default: 'Comment jugez-vous…', en: 'How do you rate…' },
        isAllRowRequired: true,
        columns: [{ value: 1, text: 'Mauvais' }, { value: 2, text: 'Moyen' }, { value: 3, text: { default: 'Bon', en: 'Good' } }],
        rows: [{ value: 'accueil', text: { default: 'l’accueil', en: 'the welcome' } }, 'Horaires'],
      }),
    );
    const [first, second] = indicators(result.content);
    expect(first).toEqual(
      expect.objectContaining({
        key: 'qualite_accueil',
        kind: 'scale',
        scale: { min: 1, max: 3, labels: [{ fr: 'Mauvais' }, { fr: 'Moyen' }, { fr: 'Bon', en: 'Good' }] },
        title: { fr: 'Comment jugez-vous… — l’accueil', en: 'How do you rate… — the welcome' },
      }),
    );
    expect(first.questions[0].required).toBe(true);
    expect(second).toEqual(expect.objectContaining({ key: 'qualite_horaires', title: { fr: 'Comment jugez-vous… — Horaires', en: 'How do you rate… — Horaires' } }));
    expect(result.mapping.map(({ name, item, questionKey, path }) => ({ name, item, questionKey, path }))).toEqual([
      { name: 'Qualité', item: 'accueil', questionKey: 'qualite_accueil', path: 'pages[0].elements[0].rows[0]' },
      { name: 'Qualité', item: 'Horaires', questionKey: 'qualite_horaires', path: 'pages[0].elements[0].rows[1]' },
    ]);
    expectUsable(result);
  });

  it('makes one single choice per row when the columns are not numbers, and warns that a required matrix becomes optional rows', () => {
    const result = imported(survey({ type: 'matrix', name: 'm', isRequired: true, columns: ['Oui', 'Non'], rows: ['a', 'b'] }));
    expect(indicators(result.content).map((indicator) => [indicator.key, indicator.kind, indicator.questions[0].required])).toEqual([
      ['m_a', 'single_choice', false],
      ['m_b', 'single_choice', false],
    ]);
    expect(result.warnings).toContainEqual(expect.objectContaining({ path: 'pages[0].elements[0].isRequired', code: 'setting_ignored' }));
    expectUsable(result);
  });

  it('flattens panels and dynamic panels, keeping names and combining conditions', () => {
    const result = imported(
      survey(
        { type: 'boolean', name: 'salarie' },
        {
          type: 'panel',
          name: 'p',
          visibleIf: '{salarie} = true',
          elements: [
            { type: 'text', name: 'poste' },
            { type: 'panel', name: 'p2', elements: [{ type: 'rating', name: 'note', visibleIf: '{poste} notempty' }] },
          ],
        },
        {
          type: 'paneldynamic',
          name: 'enfants',
          templateElements: [
            { type: 'text', name: 'prenom' },
            { type: 'text', inputType: 'number', name: 'age', min: 0, visibleIf: '{panel.prenom} notempty' },
          ],
        },
      ),
    );
    expect(indicators(result.content).map((indicator) => [indicator.key, indicator.questions[0].visibleIf])).toEqual([
      ['salarie', undefined],
      ['poste', "({salarie} == 'yes')"],
      ['note', "(({salarie} == 'yes') and {poste} notempty)"],
      ['prenom', undefined],
      ['age', '{prenom} notempty'],
    ]);
    expect(result.mapping.filter((item) => item.dynamicPanel).map((item) => [item.name, item.dynamicPanel])).toEqual([
      ['prenom', 'enfants'],
      ['age', 'enfants'],
    ]);
    expect(result.warnings).toContainEqual(expect.objectContaining({ path: 'pages[0].elements[2]', code: 'flattened_panel' }));
    expectUsable(result);
  });

  it('makes one indicator per item of a multiple text, a quantity for number items', () => {
    const result = imported(
      survey({
        type: 'multipletext',
        name: 'effectifs',
        title: 'Effectifs',
        items: [
          { name: 'salaries', title: 'Salarié·es', inputType: 'number', isRequired: true },
          { name: 'remarque', title: 'Remarque' },
        ],
      }),
    );
    expect(indicators(result.content).map((indicator) => [indicator.key, indicator.kind, indicator.title.fr, indicator.questions[0].required])).toEqual([
      ['effectifs_salaries', 'quantity', 'Effectifs — Salarié·es', true],
      ['effectifs_remarque', 'text', 'Effectifs — Remarque', false],
    ]);
    expectUsable(result);
  });

  it('imports a survey without pages as one dimension titled like the survey', () => {
    const result = imported({ title: 'Mon enquête', elements: [{ type: 'text', name: 'q' }] });
    expect(result.content.title).toEqual({ fr: 'Mon enquête' });
    expect(result.content.dimensions.map((dimension) => [dimension.key, dimension.title])).toEqual([['page1', { fr: 'Mon enquête' }]]);
    expect(result.mapping[0].path).toBe('elements[0]');
  });

  it('takes the title given in the options, and a default title when the survey has none', () => {
    expect(importSurveyJs(survey({ type: 'text', name: 'q' }), { title: '  Import 2025 ' })).toEqual(expect.objectContaining({ content: expect.objectContaining({ title: { fr: 'Import 2025' } }) }));
    expect(imported(survey({ type: 'text', name: 'q' })).content.title).toEqual({ fr: 'Questionnaire importé', en: 'Imported questionnaire' });
  });

  it('skips pages with nothing to import, and hidden pages, with warnings', () => {
    const result = imported({
      pages: [
        { name: 'intro', elements: [{ type: 'html', name: 'h', html: 'Bonjour' }] },
        { name: 'cachee', visible: false, elements: [{ type: 'text', name: 'x' }] },
        { name: 'vraie', elements: [{ type: 'text', name: 'y' }] },
      ],
    });
    expect(result.content.dimensions.map((dimension) => dimension.key)).toEqual(['vraie']);
    expect(result.warnings).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'pages[0]', code: 'empty_page' }), expect.objectContaining({ path: 'pages[1]', code: 'hidden_element' })]),
    );
  });
});

describe('importSurveyJs: texts and keys', () => {
  it.each<[string, unknown, object]>([
    ['a plain string', 'Bonjour', { fr: 'Bonjour' }],
    ['only default', { default: 'Bonjour' }, { fr: 'Bonjour' }],
    ['default and English', { default: 'Bonjour', en: 'Hello' }, { fr: 'Bonjour', en: 'Hello' }],
    ['French and English', { fr: 'Bonjour', en: 'Hello' }, { fr: 'Bonjour', en: 'Hello' }],
    ['only English', { en: 'Hello' }, { fr: 'Hello' }],
    ['an English default beside an explicit French', { default: 'Hello', fr: 'Bonjour' }, { fr: 'Bonjour', en: 'Hello' }],
    ['the same text in both', { fr: 'OK', en: 'OK' }, { fr: 'OK' }],
    ['spaces and NUL characters around', '  Bon\u0000jour  ', { fr: 'Bonjour' }],
    ['nothing (the name stands in)', undefined, { fr: 'ma_question' }],
    ['an empty text (the name stands in)', { default: '  ' }, { fr: 'ma_question' }],
  ])('reads %s', (_name, title, expected) => {
    const [indicator] = indicators(imported(survey({ type: 'text', name: 'ma_question', title })).content);
    expect(indicator.title).toEqual(expected);
    expect(indicator.questions[0].wording.beneficiaries).toEqual(expected);
  });

  it('warns once about texts in other locales and cuts texts over the limits', () => {
    const result = imported(
      survey(
        { type: 'text', name: 'a', title: { default: 'Bonjour', de: 'Hallo', es: 'Hola' } },
        { type: 'text', name: 'b', title: { default: 'Salut', de: 'Hi' }, description: 'x'.repeat(6000) },
      ),
    );
    expect(result.warnings.filter((warning) => warning.code === 'locale_ignored')).toEqual([
      { path: '', code: 'locale_ignored', message: 'Texts in "de", "es" are not imported; Regards keeps French and English.' },
    ]);
    expect(result.warnings).toContainEqual(expect.objectContaining({ path: 'pages[0].elements[1].description', code: 'text_truncated' }));
    expect(indicators(result.content)[1].questions[0].help?.fr).toHaveLength(5000);
  });

  it.each<[string, string, string]>([
    ['satisfaction globale', 'q', 'satisfaction_globale'],
    ['tempsBenevole', 'q', 'temps_benevole'],
    ['Qualité', 'q', 'qualite'],
    ['Œuvre_collective', 'q', 'oeuvre_collective'],
    ['1 à 3 ans', 'c', 'c_1_a_3_ans'],
    ['12', 'c', 'c_12'],
    ['-1.5', 'c', 'c_1_5'],
    ['__x--y__', 'q', 'x_y'],
    ['日本', 'q', 'q'],
    ['NPS', 'q', 'nps'],
    ['a'.repeat(80), 'q', 'a'.repeat(64)],
  ])('derives the key of %j', (raw, prefix, key) => {
    expect(deriveKey(raw, prefix)).toBe(key);
  });

  it('makes valid texts and keys from names and values that are odd (NUL, spaces, symbols only)', () => {
    const result = imported({
      pages: [
        {
          name: '\u0000',
          elements: [
            { type: 'radiogroup', name: 'a\u0000b', choices: ['\u0000', '  x  ', '???'] },
            { type: 'rating', name: '€', rateValues: ['\u0000', 'ok'] },
            { type: 'matrix', name: '!!', columns: ['\u0000', 'b'], rows: ['\u0000'] },
          ],
        },
      ],
    });
    expect(indicators(result.content).map((indicator) => [indicator.key, indicator.title.fr])).toEqual([
      ['a_b', 'ab'],
      ['q', '€'],
      ['q_2', '!! — ?'],
    ]);
    const [choice] = indicators(result.content);
    expect(choice.kind === 'single_choice' && choice.choices.map((item) => [item.value, item.label.fr])).toEqual([
      ['c', '?'],
      ['x', 'x'],
      ['c_2', '???'],
    ]);
    expect(result.content.dimensions[0]).toEqual(expect.objectContaining({ key: 'p', title: { fr: '?' } }));
    expectUsable(result);
  });

  it('deduplicates keys in document order and avoids reserved keys', () => {
    const result = imported(
      survey(
        { type: 'text', name: 'Age' },
        { type: 'text', name: 'age' },
        { type: 'text', name: 'AGE' },
        { type: 'text', name: 'row' },
        { type: 'radiogroup', name: 'c', choices: ['Oui', 'oui', 'OUI!', 'dont_know'] },
      ),
    );
    const all = indicators(result.content);
    expect(all.map((indicator) => indicator.key)).toEqual(['age', 'age_2', 'age_3', 'row_2', 'c']);
    const choice = all[4];
    expect(choice.kind === 'single_choice' && choice.choices.map((item) => item.value)).toEqual(['oui', 'oui_2', 'oui_3', 'dont_know_2']);
  });
});

describe('importSurveyJs: conditions', () => {
  const before = [
    { type: 'boolean', name: 'B' },
    { type: 'radiogroup', name: 'r', choices: ['Oui', 'Non'] },
    { type: 'rating', name: 'note' },
    { type: 'checkbox', name: 'c', choices: [1, 2, 3] },
    { type: 'text', name: 't' },
    { type: 'rating', name: 'pts', rateValues: ['bas', 'moyen', 'haut'] },
  ];

  it.each<[string, string]>([
    ['{B} = true', "({b} == 'yes')"],
    ['{b} = false', "({b} == 'no')"],
    ["{r} = 'Oui'", "({r} == 'oui')"],
    ["{r} = 'OUI'", "({r} == 'oui')"],
    ["{r} != 'Non'", "({r} != 'non')"],
    ['{note} >= 4', '{note} >= 4'],
    ['{c} contains 2', "({c} contains 'c_2')"],
    ['{c} anyof [1, 3]', "({c} anyof ['c_1', 'c_3'])"],
    ['{t} notempty', '{t} notempty'],
    ['{c} empty', '{c} empty'],
    ["{pts} > 'bas'", '({pts} > 1)'],
    ['{B} = true and {note} > 2', "(({b} == 'yes') and ({note} > 2))"],
    ["{t} = 'x' or {note} < 2", "{t} = 'x' or {note} < 2"],
  ])('keeps %s as %s', (condition, expected) => {
    const result = imported(survey(...before, { type: 'text', name: 'cible', visibleIf: condition }));
    expect(indicators(result.content).at(-1)?.questions[0].visibleIf).toBe(expected);
    expect(result.warnings).toEqual([]);
    expectUsable(result);
  });

  it.each<[string, string, string]>([
    ['a value the choice does not offer', "{r} = 'Peut-être'", 'not one of its answers'],
    ['an order on choices', "{r} > 'Non'", 'orders the answers'],
    ['a choice inside a function', 'iif({B}, true, false)', 'cannot follow its new answer values'],
    ['a choice compared with another question', '{r} = {t}', 'cannot follow its new answer values'],
    ['a later question', "{plus_tard} = 'x'", 'not a question imported earlier on the same page'],
    ['an unknown question', '{inconnue} = 1', 'not a question imported earlier on the same page'],
    ['a skipped question', '{html_q} notempty', 'not a question imported earlier on the same page'],
    ['a syntax error', '{note} >', 'cannot be used'],
    ['an unknown function', 'maFonction({note})', 'cannot be used'],
    ['an expression that is not a condition', '{note} + 1', 'cannot be used'],
  ])('drops a condition on %s, with a warning', (_name, condition, reason) => {
    const result = imported(survey(...before, { type: 'html', name: 'html_q' }, { type: 'text', name: 'cible', visibleIf: condition }, { type: 'text', name: 'plus_tard' }));
    expect(indicators(result.content).find((indicator) => indicator.key === 'cible')?.questions[0].visibleIf).toBeUndefined();
    const warning = result.warnings.find((item) => item.code === 'visible_if_dropped');
    expect(warning).toEqual(expect.objectContaining({ path: 'pages[0].elements[7].visibleIf' }));
    expect(warning?.message).toContain(reason);
    expectUsable(result);
  });

  it('drops conditions on other pages and on pages, keeping the valid part of a panel’s', () => {
    const result = imported({
      pages: [
        { name: 'p1', elements: [{ type: 'boolean', name: 'a' }] },
        {
          name: 'p2',
          visibleIf: '{a} = true',
          elements: [
            { type: 'boolean', name: 'b' },
            { type: 'panel', name: 'pan', visibleIf: '{a} = true', elements: [{ type: 'text', name: 'c', visibleIf: '{b} = false' }] },
          ],
        },
      ],
    });
    expect(indicators(result.content).map((indicator) => indicator.questions[0].visibleIf)).toEqual([undefined, undefined, "({b} == 'no')"]);
    expect(result.warnings.map((warning) => [warning.path, warning.code])).toEqual([
      ['pages[1].visibleIf', 'visible_if_dropped'],
      ['pages[1].elements[1].visibleIf', 'visible_if_dropped'],
    ]);
  });

  it('rewrites matrix rows and reports settings it cannot carry', () => {
    const result = imported(
      survey(
        { type: 'matrix', name: 'm', columns: ['Oui', 'Non'], rows: ['r1'] },
        { type: 'text', name: 'q', visibleIf: "{m.r1} = 'Non'", enableIf: '{m.r1} notempty', defaultValue: 'x' },
      ),
    );
    expect(indicators(result.content)[1].questions[0].visibleIf).toBe("({m_r1} == 'non')");
    expect(result.warnings.map((warning) => [warning.path, warning.code])).toEqual([
      ['pages[0].elements[1].enableIf', 'setting_ignored'],
      ['pages[0].elements[1].defaultValue', 'setting_ignored'],
    ]);
  });
});

describe('importSurveyJs: bad input', () => {
  const text = { type: 'text', name: 'q' };
  it.each<[string, unknown, string, string]>([
    ['a text', 'survey', '', 'invalid_type'],
    ['null', null, '', 'invalid_type'],
    ['a list', [text], '', 'invalid_type'],
    ['an empty object', {}, '', 'no_questions'],
    ['pages that are not a list', { pages: { name: 'p' } }, 'pages', 'invalid_type'],
    ['no pages', { pages: [] }, 'pages', 'no_questions'],
    ['only display elements', survey({ type: 'html', name: 'h' }), 'pages', 'no_questions'],
    ['pages and root elements together', { pages: [{ elements: [text] }], elements: [text] }, 'elements', 'conflicting_fields'],
    ['a page that is not an object', { pages: [{ elements: [text] }, 'page2'] }, 'pages[1]', 'invalid_type'],
    ['elements that are not a list', { pages: [{ elements: { q: text } }] }, 'pages[0].elements', 'invalid_type'],
    ['an element that is not an object', survey(text, 42), 'pages[0].elements[1]', 'invalid_type'],
    ['an element without a type', survey({ name: 'q' }), 'pages[0].elements[0].type', 'missing_field'],
    ['a type that is not a text', survey({ type: 3, name: 'q' }), 'pages[0].elements[0].type', 'invalid_type'],
    ['a question without a name', survey({ type: 'text', title: 'Sans nom' }), 'pages[0].elements[0].name', 'missing_field'],
    ['a name that is an object', survey({ type: 'text', name: { fr: 'q' } }), 'pages[0].elements[0].name', 'invalid_type'],
    ['two questions with one name', survey(text, { type: 'rating', name: 'q' }), 'pages[0].elements[1].name', 'duplicate_name'],
    [
      'one name on two pages, in a panel',
      { pages: [{ elements: [text] }, { elements: [{ type: 'panel', elements: [{ type: 'comment', name: 'q' }] }] }] },
      'pages[1].elements[0].elements[0].name',
      'duplicate_name',
    ],
    ['a title that is a list', survey({ ...text, title: ['a'] }), 'pages[0].elements[0].title', 'invalid_type'],
    ['a translation that is not a text', survey({ ...text, title: { fr: 3 } }), 'pages[0].elements[0].title.fr', 'invalid_type'],
    ['choices that are not a list', survey({ type: 'radiogroup', name: 'r', choices: 'a,b' }), 'pages[0].elements[0].choices', 'invalid_type'],
    ['a choice without a value', survey({ type: 'radiogroup', name: 'r', choices: ['a', { text: 'b' }] }), 'pages[0].elements[0].choices[1].value', 'missing_field'],
    ['a choice valued by an object', survey({ type: 'radiogroup', name: 'r', choices: ['a', { value: { x: 1 } }] }), 'pages[0].elements[0].choices[1].value', 'invalid_type'],
    ['a null choice', survey({ type: 'radiogroup', name: 'r', choices: ['a', null] }), 'pages[0].elements[0].choices[1]', 'invalid_type'],
    ['an empty choice value', survey({ type: 'checkbox', name: 'r', choices: ['a', ' '] }), 'pages[0].elements[0].choices[1]', 'invalid_value'],
    ['two choices with one value', survey({ type: 'radiogroup', name: 'r', choices: ['a', 'b', { value: 'a', text: 'A' }] }), 'pages[0].elements[0].choices[2]', 'duplicate_value'],
    ['a rating bound that is not a number', survey({ type: 'rating', name: 'r', rateMax: 'cinq' }), 'pages[0].elements[0].rateMax', 'invalid_type'],
    ['matrix rows that are not a list', survey({ type: 'matrix', name: 'm', columns: ['a', 'b'], rows: 'r' }), 'pages[0].elements[0].rows', 'invalid_type'],
    ['a multiple text without items', survey({ type: 'multipletext', name: 'm' }), 'pages[0].elements[0].items', 'missing_field'],
    ['a multiple-text item without a name', survey({ type: 'multipletext', name: 'm', items: [{ title: 'x' }] }), 'pages[0].elements[0].items[0].name', 'missing_field'],
  ])('refuses %s, saying where', (_name, input, path, code) => {
    expect(errorsOf(input)).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('reports every problem at once, and imports nothing', () => {
    const result = importSurveyJs({
      pages: [
        { name: 'p1', elements: [{ type: 'text', name: 'q' }, { type: 'radiogroup', name: 'r', choices: ['a', null] }] },
        'p2',
        { name: 'p3', elements: [{ name: 'sans_type' }, { type: 'text', name: 'q' }, { type: 'text' }] },
      ],
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ path: 'pages[0].elements[1].choices[1]', code: 'invalid_type' }),
        expect.objectContaining({ path: 'pages[1]', code: 'invalid_type' }),
        expect.objectContaining({ path: 'pages[2].elements[0].type', code: 'missing_field' }),
        expect.objectContaining({ path: 'pages[2].elements[1].name', code: 'duplicate_name' }),
        expect.objectContaining({ path: 'pages[2].elements[2].name', code: 'missing_field' }),
      ],
    });
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (input) => {
        const result = importSurveyJs(input);
        if (result.ok) expect(validateFrameworkContent(result.content).ok).toBe(true);
        else expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('importSurveyJs: a realistic survey', () => {
  const result = imported(FIXTURE);

  it('imports every page as a dimension and every question as an indicator of the right kind', () => {
    expect(
      result.content.dimensions.map((dimension) => ({
        key: dimension.key,
        title: dimension.title.fr,
        indicators: dimension.criteria.flatMap((criterion) => criterion.indicators.map((indicator) => `${indicator.key}: ${indicator.kind}`)),
      })),
    ).toEqual([
      {
        key: 'votre_engagement',
        title: 'Votre engagement',
        indicators: [
          'anciennete: single_choice',
          'frequence: single_choice',
          'temps_benevole: quantity',
          'membre_ca: yes_no',
          'place_decisions: scale',
          'exemple_decision: text',
          'activites: multiple_choice',
        ],
      },
      {
        key: 'satisfaction',
        title: 'Votre expérience de bénévole',
        indicators: ['satisfaction_globale: scale', 'qualite_accueil: scale', 'qualite_information: scale', 'qualite_formation: scale', 'ameliorations: text', 'recommandation: scale'],
      },
      {
        key: 'impact',
        title: 'Ce que le bénévolat change pour vous',
        indicators: ['effets_liens: single_choice', 'effets_competences: single_choice', 'effets_confiance: single_choice', 'competences_acquises: multiple_choice', 'titre_histoire: text', 'recit: text', 'contact: text'],
      },
    ]);
    expect(result.content.title).toEqual({ fr: 'Votre regard sur la Maison des associations', en: 'Your view of the Community Association Centre' });
  });

  it('rewrites the conditions it can keep and warns about everything it leaves out, with paths', () => {
    const conditions = Object.fromEntries(indicators(result.content).flatMap((indicator) => (indicator.questions[0].visibleIf ? [[indicator.key, indicator.questions[0].visibleIf]] : [])));
    expect(conditions).toEqual({
      place_decisions: "({membre_ca} == 'yes')",
      exemple_decision: "(({membre_ca} == 'yes') and ({place_decisions} >= 4))",
      ameliorations: '(({satisfaction_globale} <= 2) or ({qualite_accueil} == 1))',
      competences_acquises: "({effets_competences} anyof ['oui', 'un_peu'])",
      recit: '{titre_histoire} notempty',
    });
    expect(result.warnings.map((warning) => [warning.path, warning.code])).toEqual([
      ['pages[0].elements[0]', 'skipped_element'],
      ['pages[0].elements[6].showOtherItem', 'setting_ignored'],
      ['pages[2].elements[2]', 'flattened_panel'],
      ['pages[2].elements[3]', 'skipped_element'],
      ['pages[2].elements[4].validators', 'setting_ignored'],
      ['pages[2].elements[4].visibleIf', 'visible_if_dropped'],
      ['pages[2].elements[5]', 'skipped_element'],
    ]);
  });

  it('says how to read data collected with the original survey', () => {
    const byKey = new Map<string, SurveyJsQuestionMapping>(result.mapping.map((item) => [item.questionKey, item]));
    expect(byKey.get('frequence')?.values).toEqual([
      { from: 1, to: 'c_1' },
      { from: 2, to: 'c_2' },
      { from: 3, to: 'c_3' },
    ]);
    expect(byKey.get('membre_ca')?.values).toEqual([
      { from: true, to: 'yes' },
      { from: false, to: 'no' },
    ]);
    expect(byKey.get('recommandation')?.values).toEqual([
      { from: 'non', to: 1 },
      { from: 'peut-etre', to: 2 },
      { from: 'oui', to: 3 },
    ]);
    expect(byKey.get('qualite_formation')).toEqual({
      path: 'pages[1].elements[1].rows[2]',
      name: 'qualite',
      item: 'formation',
      dimensionKey: 'satisfaction',
      questionKey: 'qualite_formation',
      values: [],
    });
    expect(byKey.get('recit')).toEqual(expect.objectContaining({ name: 'recit', dynamicPanel: 'temoignages' }));
  });

  it('validates as a framework', () => {
    expect(validateFrameworkContent(result.content)).toEqual({ ok: true, value: result.content });
  });

  it.each<[StakeholderGroupKey, 'fr' | 'en']>(
    (['volunteers', 'partners'] as const).flatMap((group) => LOCALES.map((locale) => [group, locale] as [StakeholderGroupKey, 'fr' | 'en'])),
  )('compiles for %s in %s into a questionnaire survey-core loads', (group, locale) => {
    const questionnaire = compile(result.content, group, locale);
    const model = load(questionnaire);
    expect(model.pages.map((page) => page.name)).toEqual(['votre_engagement', 'satisfaction', 'impact']);
    expect(model.getAllQuestions().map((question) => question.name)).toEqual(indicators(result.content).map((indicator) => indicator.key));
    expect(model.title).toBe(locale === 'fr' ? 'Votre regard sur la Maison des associations' : 'Your view of the Community Association Centre');
    expect(model.getQuestionByName('qualite_accueil').title).toBe(locale === 'fr' ? 'Comment jugez-vous… — l’accueil des nouveaux bénévoles' : 'How do you rate… — the welcome of new volunteers');
  });

  it('keeps the behaviour of the original conditions in survey-core', () => {
    const model = load(compile(result.content, 'volunteers'));
    const visible = (name: string): boolean => model.getQuestionByName(name).isVisible;
    expect([visible('place_decisions'), visible('ameliorations'), visible('competences_acquises'), visible('recit')]).toEqual([false, false, false, false]);
    model.setValue('membre_ca', 'yes');
    model.setValue('qualite_accueil', 1);
    model.setValue('effets_competences', 'un_peu');
    model.setValue('titre_histoire', 'Le repair café');
    expect([visible('place_decisions'), visible('ameliorations'), visible('competences_acquises'), visible('recit')]).toEqual([true, true, true, true]);
    model.setValue('place_decisions', 4);
    expect(visible('exemple_decision')).toBe(true);

    // The same answers in the original survey show the same questions.
    const original = new Model(FIXTURE);
    original.setValue('MembreCA', true);
    original.setValue('qualite', { accueil: 1 });
    original.setValue('effets', { competences: 'un peu' });
    original.setValue('place_decisions', 4);
    expect(['place_decisions', 'exemple_decision', 'ameliorations', 'competences_acquises'].map((name) => original.getQuestionByName(name).isVisible)).toEqual([true, true, true, true]);
  });

  it('round-trips answers through survey-core and normalisation', () => {
    const questionnaire = compile(result.content, 'volunteers');
    const model = load(questionnaire);
    for (const page of model.pages) {
      for (const question of page.questions) {
        if (!question.isVisible) continue;
        const spec = questionnaire.questions.find((item) => item.key === question.name)?.answer;
        if (!spec) throw new Error(`no spec for ${question.name}`);
        if (spec.kind === 'scale') model.setValue(question.name, spec.max);
        else if (spec.kind === 'quantity') model.setValue(question.name, spec.min + 1);
        else if (spec.kind === 'yes_no') model.setValue(question.name, 'yes');
        else if (spec.kind === 'single_choice') model.setValue(question.name, spec.choices[0]);
        else if (spec.kind === 'multiple_choice') model.setValue(question.name, spec.choices.slice(0, 2));
        else model.setValue(question.name, 'Une histoire « vraie », d’un·e bénévole.');
      }
    }
    expect(model.validate(false)).toBe(true);
    const data = JSON.parse(JSON.stringify(model.data)) as Record<string, unknown>;
    const normalised = normaliseAnswers(questionnaire, data);
    expect(normalised.ok).toBe(true);
    expect(Object.keys(data)).toContain('exemple_decision');
  });
});

describe('importSurveyJs determinism', () => {
  it('gives byte-identical JSON for the same input', () => {
    expect(JSON.stringify(importSurveyJs(FIXTURE))).toBe(JSON.stringify(importSurveyJs(structuredClone(FIXTURE))));
  });

  it('does not depend on the key order of the input', () => {
    const reference = JSON.stringify(importSurveyJs(FIXTURE));
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (seeds) => {
        expect(JSON.stringify(importSurveyJs(reorderKeys(FIXTURE, picker(seeds))))).toBe(reference);
      }),
      { numRuns: 20 },
    );
  });

  it('turns random SurveyJS surveys into frameworks that validate, compile and load, or into errors', () => {
    const name = fc.constantFrom('q1', 'Q1', 'note', 'avis général', 'row', 'dont_know', '1er', 'élan', 'x');
    const text = fc.oneof(fc.constantFrom('Bonjour', 'Ça va ?', '« Oui »', ''), fc.record({ default: fc.string(), en: fc.string() }, { requiredKeys: [] }));
    const item = fc.oneof(fc.constantFrom('Oui', 'non', 'Peut-être', 'a|A', 'dont_know', 'row'), fc.integer({ min: -3, max: 12 }), fc.record({ value: fc.constantFrom('x', 'y', 1, 2), text }));
    const itemKey = (value: unknown): string => String(typeof value === 'object' && value !== null ? (value as { value: unknown }).value : value).split('|')[0];
    const items = (maxLength: number) => fc.uniqueArray(item, { selector: itemKey, maxLength });
    const condition = fc.constantFrom(undefined, '{q1} = 1', "{note} = 'Oui'", '{x} notempty', '{avis général} > 2', '{q1} = true', "{q1} anyof ['Oui', 2]", 'bad (');
    const question = fc.record(
      {
        type: fc.constantFrom('rating', 'radiogroup', 'dropdown', 'checkbox', 'tagbox', 'boolean', 'text', 'comment', 'matrix', 'rating', 'radiogroup', 'html', 'expression', 'file'),
        name,
        title: text,
        isRequired: fc.boolean(),
        visibleIf: condition,
        choices: items(6),
        rows: items(3),
        columns: items(6),
        rateMin: fc.integer({ min: -2, max: 3 }),
        rateMax: fc.integer({ min: 0, max: 25 }),
        inputType: fc.constantFrom('number', 'email', 'range'),
        min: fc.integer({ min: -5, max: 5 }),
      },
      { requiredKeys: ['type', 'name'] },
    );
    const element = fc.oneof({ arbitrary: question, weight: 4 }, { arbitrary: fc.record({ type: fc.constant('panel'), visibleIf: condition, elements: fc.array(question, { maxLength: 3 }) }), weight: 1 });
    /** Names made unique (one survey in ten keeps a duplicate, which must be refused with its path). */
    const uniqueNames = (value: unknown, seen: Map<string, number>): unknown => {
      if (Array.isArray(value)) return value.map((entry) => uniqueNames(entry, seen));
      if (typeof value !== 'object' || value === null) return value;
      const copy = Object.fromEntries(Object.entries(value).map(([field, entry]) => [field, field === 'name' ? entry : uniqueNames(entry, seen)]));
      if (typeof copy.name === 'string' && copy.type !== undefined) {
        const count = (seen.get(copy.name) ?? 0) + 1;
        seen.set(copy.name, count);
        if (count > 1) copy.name = `${copy.name} ${count}`;
      }
      return copy;
    };
    const surveys = fc
      .record({
        title: text,
        pages: fc.array(fc.record({ name: fc.option(name, { nil: undefined }), elements: fc.array(element, { minLength: 1, maxLength: 5 }) }), { minLength: 1, maxLength: 3 }),
        keepDuplicates: fc.nat(9),
      })
      .map(({ keepDuplicates, ...input }) => (keepDuplicates === 0 ? input : uniqueNames(input, new Map())));
    let imports = 0;
    fc.assert(
      fc.property(surveys, (input) => {
        const result = importSurveyJs(input);
        if (!result.ok) {
          expect(result.errors.every((error) => typeof error.path === 'string' && error.message.length > 0)).toBe(true);
          return;
        }
        imports += 1;
        expectUsable(result);
      }),
      { numRuns: 150 },
    );
    // Most random surveys import: the property is about usable output, not only about refusals.
    expect(imports).toBeGreaterThan(75);
  });
});
