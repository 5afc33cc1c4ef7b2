import { describe, expect, it } from '@jest/globals';
import { answersToSurveyData, normaliseAnswers, type AnswerErrorCode, type NormalisedAnswer } from './answer-normalisation.js';
import { sampleFramework } from './fixtures/sample-framework.js';
import { compileQuestionnaire } from './questionnaire.js';
import type { StakeholderGroupKey } from './stakeholder-group.js';

function questionnaireFor(group: StakeholderGroupKey) {
  return compileQuestionnaire({
    version: { content: sampleFramework },
    dimensionKeys: sampleFramework.dimensions.map((dimension) => dimension.key),
    customQuestions: [],
    group,
    locale: 'fr',
  });
}

const staff = questionnaireFor('staff');
const selfAssessment = questionnaireFor('self_assessment');
const volunteers = questionnaireFor('volunteers');

/** A complete, valid submission of the staff questionnaire. */
const STAFF_DATA = {
  q_ecoute: 3,
  'q_ecoute-Comment': 'On m’écoute en réunion.',
  q_participation: 'yes',
  q_formes_participation: ['atelier', 'assemblee'],
  q_recit_initiative: 'Le jardin partagé.',
  q_pratiques_ecologiques: ['dont_know'],
};

const row = (questionKey: string, indicatorKey: string, value: Partial<NormalisedAnswer>): NormalisedAnswer => ({
  questionKey,
  indicatorKey,
  part: 'answer',
  numericValue: null,
  choiceValue: null,
  textValue: null,
  dontKnow: false,
  ...value,
});

describe('normaliseAnswers', () => {
  it('turns a submission into answer rows, one per choice, with the "pourquoi ?" as a text row', () => {
    expect(normaliseAnswers(staff, STAFF_DATA)).toEqual({
      ok: true,
      answers: [
        row('q_ecoute', 'sentiment_ecoute', { numericValue: 3 }),
        row('q_ecoute', 'sentiment_ecoute', { part: 'why', textValue: 'On m’écoute en réunion.' }),
        row('q_participation', 'participation_decisions', { choiceValue: 'yes' }),
        // In the order of the choices, not of the selection.
        row('q_formes_participation', 'formes_participation', { choiceValue: 'assemblee' }),
        row('q_formes_participation', 'formes_participation', { choiceValue: 'atelier' }),
        row('q_recit_initiative', 'recit_initiative', { textValue: 'Le jardin partagé.' }),
        row('q_pratiques_ecologiques', 'pratiques_ecologiques', { dontKnow: true }),
      ],
    });
  });

  it.each<[string, StakeholderGroupKey, Record<string, unknown>, NormalisedAnswer[]]>([
    ['"je ne sais pas" on a scale', 'staff', { q_ecoute: 'dont_know', q_participation: 'no', q_pratiques_ecologiques: ['sobriete'] }, [
      row('q_ecoute', 'sentiment_ecoute', { dontKnow: true }),
      row('q_participation', 'participation_decisions', { choiceValue: 'no' }),
      row('q_pratiques_ecologiques', 'pratiques_ecologiques', { choiceValue: 'sobriete' }),
    ]],
    ['a whole quantity and a decimal one', 'self_assessment', { q_ecoute: 4, q_nombre_partenariats: 12, q_pratiques_ecologiques: ['circuits_courts'], q_part_achats_locaux: 37.5 }, [
      row('q_ecoute', 'sentiment_ecoute', { numericValue: 4 }),
      row('q_nombre_partenariats', 'nombre_partenariats', { numericValue: 12 }),
      row('q_pratiques_ecologiques', 'pratiques_ecologiques', { choiceValue: 'circuits_courts' }),
      row('q_part_achats_locaux', 'part_achats_locaux', { numericValue: 37.5 }),
    ]],
    ['empty values as no answer', 'staff', { q_ecoute: 1, q_participation: 'no', q_recit_initiative: '   ', q_pratiques_ecologiques: ['mobilite'], 'q_ecoute-Comment': '' }, [
      row('q_ecoute', 'sentiment_ecoute', { numericValue: 1 }),
      row('q_participation', 'participation_decisions', { choiceValue: 'no' }),
      row('q_pratiques_ecologiques', 'pratiques_ecologiques', { choiceValue: 'mobilite' }),
    ]],
  ])('accepts %s', (_name, group, data, answers) => {
    expect(normaliseAnswers(questionnaireFor(group), data)).toEqual({ ok: true, answers });
  });

  it.each<[string, unknown, string, AnswerErrorCode]>([
    ['data that is not an object', ['q_ecoute', 3], '', 'invalid_data'],
    ['null data', null, '', 'invalid_data'],
    ['an unknown question', { ...STAFF_DATA, q_inconnue: 1 }, 'q_inconnue', 'unknown_question'],
    ['a question of another group', { ...STAFF_DATA, q_competences: 2 }, 'q_competences', 'unknown_question'],
    ['a __proto__ key', JSON.parse('{"q_ecoute":3,"__proto__":{"isAdmin":true}}'), '__proto__', 'forbidden_key'],
    ['a constructor key', { ...STAFF_DATA, constructor: 'x' }, 'constructor', 'forbidden_key'],
    ['a comment on a question without "pourquoi ?"', { ...STAFF_DATA, 'q_participation-Comment': 'x' }, 'q_participation-Comment', 'comment_not_offered'],
    ['a number given as text', { ...STAFF_DATA, q_ecoute: '4' }, 'q_ecoute', 'invalid_type'],
    ['a list for a scale', { ...STAFF_DATA, q_ecoute: [4] }, 'q_ecoute', 'invalid_type'],
    ['a boolean for yes/no', { ...STAFF_DATA, q_participation: true }, 'q_participation', 'invalid_type'],
    ['NaN', { ...STAFF_DATA, q_ecoute: Number.NaN }, 'q_ecoute', 'not_finite'],
    ['Infinity', { ...STAFF_DATA, q_ecoute: Number.POSITIVE_INFINITY }, 'q_ecoute', 'not_finite'],
    ['a scale value above the max', { ...STAFF_DATA, q_ecoute: 5 }, 'q_ecoute', 'out_of_range'],
    ['a scale value below the min', { ...STAFF_DATA, q_ecoute: 0 }, 'q_ecoute', 'out_of_range'],
    ['a fractional scale value', { ...STAFF_DATA, q_ecoute: 2.5 }, 'q_ecoute', 'not_integer'],
    ['a choice not offered', { ...STAFF_DATA, q_participation: 'maybe' }, 'q_participation', 'choice_not_offered'],
    ['a multiple choice not offered', { ...STAFF_DATA, q_formes_participation: ['atelier', 'forum'] }, 'q_formes_participation[1]', 'choice_not_offered'],
    ['a choice selected twice', { ...STAFF_DATA, q_formes_participation: ['atelier', 'atelier'] }, 'q_formes_participation[1]', 'duplicate_choice'],
    ['a text for a multiple choice', { ...STAFF_DATA, q_formes_participation: 'atelier' }, 'q_formes_participation', 'invalid_type'],
    ['a number among the choices', { ...STAFF_DATA, q_formes_participation: [1] }, 'q_formes_participation[0]', 'invalid_type'],
    ['"je ne sais pas" where it is not offered', { ...STAFF_DATA, q_formes_participation: ['dont_know'] }, 'q_formes_participation[0]', 'dont_know_not_offered'],
    ['"je ne sais pas" with other choices', { ...STAFF_DATA, q_pratiques_ecologiques: ['dont_know', 'mobilite'] }, 'q_pratiques_ecologiques', 'dont_know_not_exclusive'],
    ['an answer to a question hidden by its condition', { ...STAFF_DATA, q_participation: 'no' }, 'q_formes_participation', 'hidden_question'],
    ['a missing required answer', { ...STAFF_DATA, q_ecoute: undefined }, 'q_ecoute', 'required'],
    ['a text too long', { ...STAFF_DATA, q_recit_initiative: 'x'.repeat(2001) }, 'q_recit_initiative', 'text_too_long'],
    ['a comment too long', { ...STAFF_DATA, 'q_ecoute-Comment': 'x'.repeat(10_001) }, 'q_ecoute-Comment', 'text_too_long'],
    ['a NUL character', { ...STAFF_DATA, q_recit_initiative: 'a\u0000b' }, 'q_recit_initiative', 'nul_character'],
    ['an unpaired surrogate', { ...STAFF_DATA, 'q_ecoute-Comment': 'a\ud800b' }, 'q_ecoute-Comment', 'invalid_unicode'],
    ['a number for a text', { ...STAFF_DATA, q_recit_initiative: 42 }, 'q_recit_initiative', 'invalid_type'],
  ])('rejects %s', (_name, data, path, code) => {
    const result = normaliseAnswers(staff, data);
    expect(result.ok ? [] : result.errors).toContainEqual(expect.objectContaining({ path, code }));
  });

  it.each<[string, Record<string, unknown>, string, AnswerErrorCode]>([
    ['a fractional whole quantity', { q_ecoute: 4, q_nombre_partenariats: 2.5, q_pratiques_ecologiques: ['mobilite'] }, 'q_nombre_partenariats', 'not_integer'],
    ['a negative quantity', { q_ecoute: 4, q_nombre_partenariats: -1, q_pratiques_ecologiques: ['mobilite'] }, 'q_nombre_partenariats', 'out_of_range'],
    ['a quantity above its max', { q_ecoute: 4, q_nombre_partenariats: 501, q_pratiques_ecologiques: ['mobilite'] }, 'q_nombre_partenariats', 'out_of_range'],
    ['a quantity hidden unless a choice is made', { q_ecoute: 4, q_nombre_partenariats: 3, q_pratiques_ecologiques: ['mobilite'], q_part_achats_locaux: 10 }, 'q_part_achats_locaux', 'hidden_question'],
  ])('rejects, in the self-assessment, %s', (_name, data, path, code) => {
    const result = normaliseAnswers(selfAssessment, data);
    expect(result.ok ? [] : result.errors).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('reports every problem of a submission, each with its path', () => {
    const result = normaliseAnswers(staff, { q_ecoute: '4', q_participation: 'no', q_formes_participation: ['atelier'], q_x: 1 });
    expect(result.ok ? [] : result.errors.map((error) => `${error.path} ${error.code}`)).toEqual([
      'q_x unknown_question',
      'q_ecoute invalid_type',
      'q_formes_participation hidden_question',
      'q_pratiques_ecologiques required',
    ]);
  });

  it('lets data entry skip required questions when asked to', () => {
    expect(normaliseAnswers(volunteers, {}, { checkRequired: false })).toEqual({ ok: true, answers: [] });
    expect(normaliseAnswers(volunteers, {}).ok).toBe(false);
  });

  it('does not pollute prototypes', () => {
    normaliseAnswers(staff, JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('answersToSurveyData', () => {
  it('rebuilds the data the answers came from', () => {
    const result = normaliseAnswers(staff, STAFF_DATA);
    if (!result.ok) throw new Error('expected valid');
    expect(answersToSurveyData(staff, result.answers)).toEqual({ ...STAFF_DATA, q_formes_participation: ['assemblee', 'atelier'] });
  });
});
