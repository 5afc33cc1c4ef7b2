import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Model } from 'survey-core';
import { answersToSurveyData, normaliseAnswers } from './answer-normalisation.js';
import { fillSurvey } from './fixtures/fill-survey.js';
import { picker, reorderKeys } from './fixtures/json-edit.js';
import { sampleFramework } from './fixtures/sample-framework.js';
import type { CustomQuestion, FrameworkContent } from './framework.js';
import { LOCALES, type Locale } from './locale.js';
import { QuestionnaireCompileError, compileQuestionnaire, type Questionnaire } from './questionnaire.js';
import { STAKEHOLDER_GROUP_KEYS, type StakeholderGroupKey } from './stakeholder-group.js';

const ALL_DIMENSIONS = sampleFramework.dimensions.map((dimension) => dimension.key);
const GROUPS_AND_LOCALES = STAKEHOLDER_GROUP_KEYS.flatMap((group) => LOCALES.map((locale) => [group, locale] as [StakeholderGroupKey, Locale]));

function compile(
  group: StakeholderGroupKey,
  locale: Locale = 'fr',
  options: { content?: FrameworkContent; dimensionKeys?: string[]; customQuestions?: CustomQuestion[] } = {},
): Questionnaire {
  return compileQuestionnaire({
    version: { content: options.content ?? sampleFramework },
    dimensionKeys: options.dimensionKeys ?? ALL_DIMENSIONS,
    customQuestions: options.customQuestions ?? [],
    group,
    locale,
  });
}

function load(questionnaire: Questionnaire): Model {
  const model = new Model(questionnaire.survey);
  expect(model.jsonErrors ?? []).toEqual([]);
  return model;
}



/** What the browser sends: the survey's data as JSON. */
function submitted(model: Model): Record<string, unknown> {
  return JSON.parse(JSON.stringify(model.data)) as Record<string, unknown>;
}

describe('compileQuestionnaire', () => {
  it.each(GROUPS_AND_LOCALES)('compiles for %s in %s a questionnaire survey-core loads without errors', (group, locale) => {
    const questionnaire = compile(group, locale);
    const model = load(questionnaire);
    // survey-core reports its own default locale (English) as ''; the title shows which one applies.
    expect(model.title).toBe(locale === 'fr' ? 'Référentiel d’exemple' : 'Sample framework');
    expect(model.showProgressBar).toBe(true);
    expect(questionnaire.questions.length).toBeGreaterThan(0);
    // Question names are the stable keys, in the order of the answer specification.
    expect(model.getAllQuestions().map((question) => question.name)).toEqual(questionnaire.questions.map((question) => question.key));
    expect(model.pages.map((page) => page.name)).toEqual([...new Set(questionnaire.questions.map((question) => question.dimensionKey))]);
  });

  it.each(GROUPS_AND_LOCALES)('round-trips survey-core data for %s in %s: fill, normalise, map back', (group, locale) => {
    const questionnaire = compile(group, locale);
    // One model, cleared between runs: building a survey-core model is the slow part.
    const model = load(questionnaire);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 64, maxLength: 64 }), (seeds) => {
        model.clear(true, true);
        fillSurvey(model, picker(seeds));
        expect(model.validate(false)).toBe(true);
        const data = submitted(model);
        const result = normaliseAnswers(questionnaire, data);
        if (!result.ok) throw new Error(JSON.stringify(result.errors));
        expect(answersToSurveyData(questionnaire, result.answers)).toEqual(data);
      }),
      { numRuns: 25 },
    );
  });

  it.each<[StakeholderGroupKey, string[]]>([
    ['self_assessment', ['q_ecoute', 'q_nombre_partenariats', 'q_pratiques_ecologiques', 'q_part_achats_locaux']],
    ['staff', ['q_ecoute', 'q_participation', 'q_formes_participation', 'q_recit_initiative', 'q_pratiques_ecologiques']],
    ['volunteers', ['q_ecoute', 'q_participation', 'q_formes_participation', 'q_frequence_initiatives', 'q_recit_initiative', 'q_competences']],
    ['board', ['q_participation', 'q_pratiques_ecologiques', 'q_changement_percu']],
    ['beneficiaries', ['q_ecoute', 'q_participation', 'q_formes_participation', 'q_frequence_initiatives', 'q_recit_initiative', 'q_competences']],
    ['partners', ['q_qualite_cooperation', 'q_engagement_territoire', 'q_changement_percu']],
    ['local_officials', ['q_qualite_cooperation', 'q_engagement_territoire', 'q_changement_percu']],
    ['inhabitants', ['q_frequence_initiatives', 'q_recit_initiative', 'q_engagement_territoire']],
  ])('asks %s only the questions meant for them', (group, keys) => {
    expect(compile(group).questions.map((question) => question.key)).toEqual(keys);
  });

  it('skips a dimension with no question for the group and keeps only the chosen dimensions', () => {
    expect(compile('partners').survey.pages.map((page) => page.name)).toEqual(['lien_social', 'transition_ecologique']);
    expect(compile('staff', 'fr', { dimensionKeys: ['transition_ecologique', 'lien_social'] }).survey.pages.map((page) => page.name)).toEqual([
      'lien_social',
      'transition_ecologique',
    ]);
  });

  it('compiles a labelled scale with "je ne sais pas" into a radiogroup with the group’s wording in both languages', () => {
    const [page] = compile('beneficiaries').survey.pages;
    expect(page.title).toEqual({ fr: 'Lien social et coopération', en: 'Social ties and cooperation' });
    expect(page.elements[0]).toEqual({
      type: 'radiogroup',
      name: 'q_ecoute',
      title: { fr: 'Ici, on m’écoute.', en: 'Here, people listen to me.' },
      isRequired: true,
      choices: [
        { value: 1, text: { fr: 'Pas du tout d’accord', en: 'Strongly disagree' } },
        { value: 2, text: { fr: 'Plutôt pas d’accord', en: 'Disagree' } },
        { value: 3, text: { fr: 'Plutôt d’accord', en: 'Agree' } },
        { value: 4, text: { fr: 'Tout à fait d’accord', en: 'Strongly agree' } },
        { value: 'dont_know', text: { fr: 'Je ne sais pas', en: 'Don’t know' } },
      ],
      showCommentArea: true,
      commentText: { fr: 'Pourquoi\u202f?', en: 'Why?' },
    });
  });

  it.each<[string, StakeholderGroupKey, object]>([
    [
      'an unlabelled scale without "je ne sais pas" → rating',
      'partners',
      { type: 'rating', rateMin: 0, rateMax: 10, minRateDescription: { fr: 'Très mauvaise', en: 'Very poor' }, maxRateDescription: { fr: 'Excellente', en: 'Excellent' } },
    ],
    ['yes/no counted as zero when unknown → radiogroup yes/no/dont_know', 'staff', { type: 'radiogroup', choices: [{ value: 'yes' }, { value: 'no' }, { value: 'dont_know' }].map((c) => expect.objectContaining(c)) }],
    ['a multiple choice → checkbox', 'staff', { type: 'checkbox', visibleIf: "{q_participation} = 'yes'" }],
    ['a quantity → number input with bounds and whole steps', 'self_assessment', { type: 'text', inputType: 'number', min: 0, max: 500, step: 1 }],
    ['a text → comment with its length limit', 'staff', { type: 'comment', maxLength: 2000 }],
  ])('compiles %s', (_name, group, expected) => {
    const elements = compile(group).survey.pages.flatMap((page) => page.elements);
    expect(elements).toContainEqual(expect.objectContaining(expected));
  });

  it('makes "je ne sais pas" exclusive in a checkbox', () => {
    const element = compile('staff').survey.pages.flatMap((page) => page.elements).find((item) => item.name === 'q_pratiques_ecologiques');
    expect(element).toEqual(expect.objectContaining({ type: 'checkbox' }));
    const choices = element && 'choices' in element ? element.choices : [];
    expect(choices[choices.length - 1]).toEqual({ value: 'dont_know', text: { fr: 'Je ne sais pas', en: 'Don’t know' }, isExclusive: true });
  });

  it('shows English where it exists and French where it does not', () => {
    const model = load(compile('board', 'en'));
    expect(model.getQuestionByName('q_participation').title).toBe('Le conseil d’administration a-t-il associé les salarié·es à ses décisions\u202f?');
    expect(model.getQuestionByName('q_changement_percu').title).toBe('What change has the organization brought to the area?');
    expect(model.pages[0].title).toBe('Social ties and cooperation');
    model.locale = 'fr';
    expect(model.getQuestionByName('q_changement_percu').title).toBe('Quel changement la structure a-t-elle apporté au territoire\u202f?');
  });

  it('clears the answer of a question its condition hides, in survey-core', () => {
    const model = load(compile('staff'));
    model.setValue('q_participation', 'yes');
    model.setValue('q_formes_participation', ['comite']);
    model.setValue('q_participation', 'no');
    expect(submitted(model)).toEqual({ q_participation: 'no' });
  });

  it('places custom questions at the end of their dimension’s page', () => {
    const customQuestions: CustomQuestion[] = [
      {
        dimensionKey: 'lien_social',
        indicator: {
          key: 'custom_repas',
          title: { fr: 'Repas partagés' },
          level: 'realisation',
          kind: 'yes_no',
          scoring: { rule: 'yes_no', yes: 100, no: 0 },
          dontKnow: 'not_offered',
          questions: [{ key: 'q_custom_repas', audiences: ['staff'], wording: { staff: { fr: 'Partagez-vous des repas\u202f?' } }, required: true, visibleIf: "{q_participation} = 'yes'" }],
        },
      },
    ];
    const questionnaire = compile('staff', 'fr', { customQuestions });
    expect(questionnaire.survey.pages[0].elements.map((element) => element.name)).toEqual(['q_ecoute', 'q_participation', 'q_formes_participation', 'q_custom_repas']);
    expect(questionnaire.questions.find((question) => question.key === 'q_custom_repas')).toEqual(
      expect.objectContaining({ indicatorKey: 'custom_repas', custom: true, visibleIf: "{q_participation} = 'yes'" }),
    );
    expect(compile('volunteers', 'fr', { customQuestions }).questions.some((question) => question.custom)).toBe(false);
    load(questionnaire);
  });

  it.each<[string, Partial<{ dimensionKeys: string[]; customQuestions: CustomQuestion[] }>, string]>([
    ['an unknown dimension', { dimensionKeys: ['lien_social', 'gouvernance'] }, 'dimensionKeys[1]'],
    ['a dimension twice', { dimensionKeys: ['lien_social', 'lien_social'] }, 'dimensionKeys[1]'],
    [
      'a custom question reusing a framework key',
      { customQuestions: [{ dimensionKey: 'lien_social', indicator: { ...sampleFramework.dimensions[0].criteria[0].indicators[1] } }] },
      'customQuestions[0].indicator.key',
    ],
  ])('refuses %s, saying where', (_name, options, path) => {
    expect(() => compile('staff', 'fr', options)).toThrow(QuestionnaireCompileError);
    try {
      compile('staff', 'fr', options);
    } catch (error) {
      expect((error as QuestionnaireCompileError).errors).toContainEqual(expect.objectContaining({ path }));
    }
  });
});

describe('compileQuestionnaire determinism', () => {
  it.each(GROUPS_AND_LOCALES)('gives byte-identical JSON when compiled twice for %s in %s', (group, locale) => {
    expect(JSON.stringify(compile(group, locale))).toBe(JSON.stringify(compile(group, locale)));
  });

  it('does not depend on the key order of the framework or the order of the chosen dimensions', () => {
    const reference = JSON.stringify(compile('staff', 'en'));
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (seeds) => {
        const pick = picker(seeds);
        const shuffled = reorderKeys(sampleFramework, pick);
        const dimensionKeys = [...ALL_DIMENSIONS].sort(() => pick(3) - 1);
        expect(JSON.stringify(compile('staff', 'en', { content: shuffled, dimensionKeys }))).toBe(reference);
      }),
      { numRuns: 30 },
    );
  });
});

