/**
 * The shipped default framework, "Utilité sociale — socle commun" (libs/domain/frameworks/
 * socle-commun.json), and the JSON Schema of the format (framework.schema.json): the file is valid,
 * fully bilingual, typographically French, compiles for every group in both languages into
 * questionnaires survey-core loads, fills and whose data maps back; the schema agrees with the
 * validator on the file, the sample fixture and broken files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { Model } from 'survey-core';
import { answersToSurveyData, normaliseAnswers } from './answer-normalisation.js';
import { fillSurvey } from './fixtures/fill-survey.js';
import { REMOVE, edited, picker, type Change } from './fixtures/json-edit.js';
import { sampleFramework } from './fixtures/sample-framework.js';
import {
  DONT_KNOW_MODES,
  FRAMEWORK_FORMAT_VERSION,
  INDICATOR_KINDS,
  INDICATOR_LEVELS,
  eachIndicator,
  type FrameworkContent,
  type Indicator,
  type Question,
} from './framework.js';
import { KEY_PATTERN, RESERVED_KEYS, validateFrameworkContent } from './framework-validation.js';
import { LOCALES, type Locale } from './locale.js';
import { compileQuestionnaire, type Questionnaire } from './questionnaire.js';
import { scoreAnswer } from './scoring.js';
import { STAKEHOLDER_GROUP_KEYS, type StakeholderGroupKey } from './stakeholder-group.js';

const FRAMEWORKS = new URL('../frameworks/', import.meta.url);
const raw: unknown = JSON.parse(readFileSync(new URL('socle-commun.json', FRAMEWORKS), 'utf8'));
const schema = JSON.parse(readFileSync(new URL('framework.schema.json', FRAMEWORKS), 'utf8')) as Record<string, unknown>;

function socleCommun(): FrameworkContent {
  const result = validateFrameworkContent(raw);
  if (!result.ok) throw new Error(`the socle commun is invalid:\n${result.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  return result.value;
}
const socle = socleCommun();
const ALL_DIMENSIONS = socle.dimensions.map((dimension) => dimension.key);
const GROUPS_AND_LOCALES = STAKEHOLDER_GROUP_KEYS.flatMap((group) => LOCALES.map((locale) => [group, locale] as [StakeholderGroupKey, Locale]));

const indicators = [...eachIndicator(socle)].map(({ indicator }) => indicator);
const questions = indicators.flatMap((indicator) => indicator.questions.map((question) => ({ indicator, question })));

/** The questions per group, as the framework defines them (printed in the issue's note). */
const QUESTIONS_PER_GROUP: Record<StakeholderGroupKey, number> = {
  self_assessment: 25,
  staff: 18,
  volunteers: 17,
  board: 16,
  beneficiaries: 19,
  partners: 14,
  local_officials: 16,
  inhabitants: 15,
};

function compile(group: StakeholderGroupKey, locale: Locale): Questionnaire {
  return compileQuestionnaire({ version: { content: socle }, dimensionKeys: ALL_DIMENSIONS, customQuestions: [], group, locale });
}

function load(questionnaire: Questionnaire): Model {
  const model = new Model(questionnaire.survey);
  expect(model.jsonErrors ?? []).toEqual([]);
  return model;
}

/** Every localized text of a JSON value (an object with a `fr` string), with its path. */
function localizedTexts(value: unknown, path = ''): Array<{ path: string; fr: string; en: unknown }> {
  if (Array.isArray(value)) return value.flatMap((item, index) => localizedTexts(item, `${path}[${index}]`));
  if (typeof value !== 'object' || value === null) return [];
  const object = value as Record<string, unknown>;
  if (typeof object.fr === 'string') return [{ path, fr: object.fr, en: object.en }];
  return Object.entries(object).flatMap(([key, item]) => localizedTexts(item, path === '' ? key : `${path}.${key}`));
}

function wordingsOf(group: StakeholderGroupKey): string[] {
  return questions.flatMap(({ question }) => (question.wording[group] ? [question.wording[group].fr] : []));
}

describe('the socle commun', () => {
  it('is a valid framework, held in the file exactly as the validator returns it', () => {
    const result = validateFrameworkContent(raw);
    expect(result.ok ? [] : result.errors).toEqual([]);
    // No field the validator drops, nothing it would reorder in a way that matters.
    expect(socle).toEqual(raw);
    expect(socle.formatVersion).toBe(FRAMEWORK_FORMAT_VERSION);
    expect(socle.title).toEqual({ fr: 'Utilité sociale — socle commun', en: 'Social utility — common core' });
  });

  it('cites its sources and carries the CC BY-SA 4.0 licence', () => {
    expect(socle.licence).toBe('CC-BY-SA-4.0');
    const citations = (socle.sources ?? []).map((source) => source.citation).join('\n');
    expect(citations).toContain('Gadrey');
    expect(citations).toContain('DIES');
    expect(citations).toContain('CRES Languedoc-Roussillon');
    expect(citations).toContain('Culture et Promotion');
    expect(citations).toContain('Mouvement pour l’Économie Solidaire');
  });

  it('has about seven dimensions and at least forty questions', () => {
    expect(socle.dimensions.length).toBeGreaterThanOrEqual(7);
    expect(socle.dimensions.map((dimension) => dimension.key)).toEqual([
      'utilite_economique',
      'egalite_developpement_humain',
      'lien_social_democratie',
      'cooperation_territoriale',
      'transition_ecologique',
      'innovation_changement_societal',
      'utilite_interne',
    ]);
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(questions.length).toBe(64);
    for (const dimension of socle.dimensions) expect(dimension.introduction).toBeDefined();
  });

  it('gives every stakeholder group a questionnaire of its own, of 8 to 25 questions', () => {
    const counts = Object.fromEntries(STAKEHOLDER_GROUP_KEYS.map((group) => [group, compile(group, 'fr').questions.length]));
    expect(counts).toEqual(QUESTIONS_PER_GROUP);
    for (const count of Object.values(counts)) {
      expect(count).toBeGreaterThanOrEqual(8);
      expect(count).toBeLessThanOrEqual(25);
    }
    // Not every question for every group: only the core question is asked of all.
    expect(questions.filter(({ question }) => question.audiences.length === STAKEHOLDER_GROUP_KEYS.length).map(({ question }) => question.key)).toEqual([
      'q_reponse_besoins',
    ]);
  });

  it('mixes every kind of answer, scoring rule, "je ne sais pas" mode and level', () => {
    const count = (predicate: (indicator: Indicator) => boolean): number => indicators.filter(predicate).length;
    for (const kind of INDICATOR_KINDS) expect(count((indicator) => indicator.kind === kind)).toBeGreaterThanOrEqual(5);
    for (const level of INDICATOR_LEVELS) expect(count((indicator) => indicator.level === level)).toBeGreaterThanOrEqual(5);
    for (const mode of DONT_KNOW_MODES) expect(count((indicator) => indicator.dontKnow === mode)).toBeGreaterThanOrEqual(1);
    for (const rule of ['none', 'linear', 'target', 'yes_no', 'weights', 'weighted_share']) {
      expect(count((indicator) => indicator.scoring.rule === rule)).toBeGreaterThanOrEqual(1);
    }
    // Agreement scales are labelled 1–5; quantities have units, and targets when scored.
    for (const indicator of indicators) {
      if (indicator.kind === 'scale' && indicator.scale.labels) expect([indicator.scale.min, indicator.scale.max, indicator.scale.labels.length]).toEqual([1, 5, 5]);
      if (indicator.kind === 'quantity') expect(indicator.unit).toBeDefined();
    }
    expect(count((indicator) => indicator.kind === 'quantity' && indicator.scoring.rule === 'target')).toBeGreaterThanOrEqual(4);
    // Stories: the open questions invite a story.
    for (const { indicator, question } of questions) {
      if (indicator.kind !== 'text') continue;
      for (const text of Object.values(question.wording)) expect(text.fr).toMatch(/^Racontez /);
    }
    expect(questions.filter(({ question }) => question.why !== undefined).length).toBeGreaterThanOrEqual(10);
    expect(questions.filter(({ question }) => question.visibleIf !== undefined).length).toBeGreaterThanOrEqual(3);
  });

  it('scores every scored answer between 0 and 100, single choices spanning the whole range', () => {
    for (const indicator of indicators) {
      switch (indicator.kind) {
        case 'scale':
          expect(scoreAnswer(indicator, { type: 'number', value: indicator.scale.min })).toBe(0);
          expect(scoreAnswer(indicator, { type: 'number', value: indicator.scale.max })).toBe(100);
          break;
        case 'single_choice':
          if (indicator.scoring.rule === 'weights') {
            const weights = Object.values(indicator.scoring.weights);
            expect([Math.min(...weights), Math.max(...weights)]).toEqual([0, 100]);
          }
          break;
        case 'quantity':
          if (indicator.scoring.rule === 'target') {
            expect(indicator.scoring.target).toBeGreaterThan(indicator.scoring.baseline);
            expect(scoreAnswer(indicator, { type: 'number', value: indicator.scoring.target * 2 })).toBe(100);
          }
          break;
        case 'multiple_choice':
          if (indicator.scoring.rule === 'weighted_share') {
            expect(scoreAnswer(indicator, { type: 'choices', values: indicator.choices.map((choice) => choice.value) })).toBe(100);
          }
          break;
        default:
          break;
      }
    }
  });

  it('is fully bilingual: every text has French and English', () => {
    const texts = localizedTexts(raw);
    expect(texts.length).toBeGreaterThan(400);
    const missing = texts.filter((text) => typeof text.en !== 'string' || text.en.trim() === '' || text.fr.trim() === '').map((text) => text.path);
    expect(missing).toEqual([]);
  });

  it('follows French typography: ’, narrow no-break spaces before ; : ! ? and inside « », inclusive writing with ·', () => {
    const french = [...localizedTexts(raw).map((text) => ({ path: text.path, fr: text.fr })), ...(socle.sources ?? []).map((source, index) => ({ path: `sources[${index}]`, fr: source.citation }))];
    const problems: string[] = [];
    for (const { path, fr } of french) {
      if (fr.includes("'")) problems.push(`${path}: straight apostrophe in "${fr}"`);
      if (/[^\u202f][;:!?]/.test(fr) || /^[;:!?]/.test(fr)) problems.push(`${path}: ; : ! ? need a narrow no-break space before them in "${fr}"`);
      if (/«[^\u202f]/.test(fr) || /[^\u202f]»/.test(fr)) problems.push(`${path}: « » need narrow no-break spaces inside in "${fr}"`);
      if (/\((e|es|ne|nes)\)|[a-zé]\.(e|es|ne|nes)\b/.test(fr)) problems.push(`${path}: inclusive writing uses the middle dot in "${fr}"`);
    }
    expect(problems).toEqual([]);
    expect(french.some(({ fr }) => fr.includes('salarié·es'))).toBe(true);
  });

  it('speaks to each audience in its own words', () => {
    // The self-assessment speaks as the organization.
    for (const text of wordingsOf('self_assessment')) expect(text).toMatch(/\b(notre|nos|nous)\b/i);
    // Beneficiaries and residents: "vous", short sentences, no jargon.
    for (const group of ['beneficiaries', 'inhabitants'] as const) {
      for (const text of wordingsOf(group)) {
        expect(text).not.toMatch(/(?<!\p{L})(tu|te|toi|ton|ta|tes|t’)(?!\p{L})/iu);
        expect(text.split(/\s+/).length).toBeLessThanOrEqual(20);
        expect(text).not.toMatch(/utilité sociale|gouvernance|instance|partenari|co-?construction|hybridation|territori|transition écologique|impact/i);
        expect(text).not.toMatch(/(?<!\p{L})(ESS|ETP|CDI)(?!\p{L})/u);
      }
    }
    // Beneficiaries are spoken to directly, as "vous"; residents are also asked about their neighbourhood.
    const direct = (group: StakeholderGroupKey): number => wordingsOf(group).filter((text) => /\b(vous|votre|vos)\b/i.test(text)).length;
    expect(direct('beneficiaries')).toBeGreaterThan(wordingsOf('beneficiaries').length * 0.75);
    expect(direct('inhabitants')).toBeGreaterThan(0);
    // A question asked of several groups is not worded the same for beneficiaries and partners.
    const besoins = questions.find(({ question }) => question.key === 'q_reponse_besoins')?.question as Question;
    expect(besoins.wording.beneficiaries?.fr).not.toBe(besoins.wording.partners?.fr);
  });
});


/** What the browser sends: the survey's data as JSON. */
function submitted(model: Model): Record<string, unknown> {
  return JSON.parse(JSON.stringify(model.data)) as Record<string, unknown>;
}

describe('the socle commun compiled for each group', () => {
  it.each(GROUPS_AND_LOCALES)('compiles for %s in %s a questionnaire survey-core loads without errors', (group, locale) => {
    const questionnaire = compile(group, locale);
    const model = load(questionnaire);
    expect(model.title).toBe(locale === 'fr' ? 'Utilité sociale — socle commun' : 'Social utility — common core');
    expect(model.getAllQuestions().map((question) => question.name)).toEqual(questionnaire.questions.map((question) => question.key));
    expect(model.pages.map((page) => page.name)).toEqual([...new Set(questionnaire.questions.map((question) => question.dimensionKey))]);
    expect(questionnaire.questions.length).toBe(QUESTIONS_PER_GROUP[group]);
    // Shown in the questionnaire's language, with the group's own wording.
    for (const question of model.getAllQuestions()) {
      const wording = questions.find((item) => item.question.key === question.name)?.question.wording[group];
      expect(question.title).toBe(locale === 'fr' ? wording?.fr : wording?.en);
    }
    expect(JSON.stringify(compile(group, locale))).toBe(JSON.stringify(questionnaire));
  });

  it.each(GROUPS_AND_LOCALES)('round-trips survey-core data for %s in %s: fill, normalise, map back', (group, locale) => {
    const questionnaire = compile(group, locale);
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
      { numRuns: 15 },
    );
  });

  it.each<[StakeholderGroupKey, string, unknown, string]>([
    ['beneficiaries', 'q_engagement_citoyen', 'yes', 'q_formes_engagement'],
    ['inhabitants', 'q_changement_habitudes', 'beaucoup', 'q_habitudes_changees'],
    ['local_officials', 'q_coconstruction_politiques', 'yes', 'q_recit_coconstruction'],
    ['volunteers', 'q_formation_benevoles', 'yes', 'q_utilite_formation'],
  ])('for %s, shows a follow-up only after the answer it depends on (%s)', (group, key, value, followUp) => {
    const questionnaire = compile(group, 'fr');
    const model = load(questionnaire);
    expect(model.getQuestionByName(followUp).isVisible).toBe(false);
    model.setValue(key, value);
    expect(model.getQuestionByName(followUp).isVisible).toBe(true);
    model.setValue(key, 'no');
    expect(model.getQuestionByName(followUp).isVisible).toBe(false);
    // The server refuses an answer to the hidden follow-up, as the browser would never send one.
    const hidden = normaliseAnswers(questionnaire, { [key]: 'no', [followUp]: followUp === 'q_utilite_formation' ? 5 : ['autre'] }, { checkRequired: false });
    expect(hidden.ok ? [] : hidden.errors).toContainEqual(expect.objectContaining({ path: followUp, code: 'hidden_question' }));
  });
});

describe('framework.schema.json', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(schema);
  const schemaErrors = (input: unknown): Array<{ instancePath: string; keyword: string }> =>
    validate(input) ? [] : (validate.errors ?? []).map(({ instancePath, keyword }) => ({ instancePath, keyword }));

  it('is a draft 2020-12 schema of format version 1 that agrees with the domain’s constants', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const defs = schema.$defs as Record<string, Record<string, unknown>>;
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    const indicator = defs.indicator.properties as Record<string, Record<string, unknown>>;
    expect(properties.formatVersion.const).toBe(FRAMEWORK_FORMAT_VERSION);
    expect(defs.stakeholderGroup.enum).toEqual([...STAKEHOLDER_GROUP_KEYS]);
    expect(indicator.kind.enum).toEqual([...INDICATOR_KINDS]);
    expect(indicator.level.enum).toEqual([...INDICATOR_LEVELS]);
    expect(indicator.dontKnow.enum).toEqual([...DONT_KNOW_MODES]);
    expect(defs.key.pattern).toBe(KEY_PATTERN.source);
    expect((defs.key.not as Record<string, unknown>).enum).toEqual([...RESERVED_KEYS]);
  });

  it('accepts the socle commun and the sample framework', () => {
    expect(schemaErrors(raw)).toEqual([]);
    expect(schemaErrors(structuredClone(sampleFramework))).toEqual([]);
  });

  const D0 = 'dimensions[0].criteria[0]';
  const SCALE = `${D0}.indicators[2]`; // activite_locale, an agreement scale
  const QTY = `${D0}.indicators[0]`; // emplois_etp, a quantity
  const CHOICE = 'dimensions[0].criteria[1].indicators[1]'; // service_irremplacable, a single choice
  const TEXT = 'dimensions[1].criteria[2].indicators[2]'; // recit_changement_personnel
  it.each<[string, Change[], string, string]>([
    ['another format version', [['formatVersion', 2]], '/formatVersion', 'const'],
    ['an unknown top-level field', [['titre', { fr: 'x' }]], '', 'additionalProperties'],
    ['a missing title', [['title', REMOVE]], '', 'required'],
    ['a blank French title', [['title.fr', '   ']], '/title/fr', 'pattern'],
    ['a locale other than fr and en', [['title.de', 'Titel']], '/title', 'additionalProperties'],
    ['no dimensions', [['dimensions', []]], '/dimensions', 'minItems'],
    ['a key with accents', [['dimensions[0].key', 'utilité']], '/dimensions/0/key', 'pattern'],
    ['a reserved key', [[`${SCALE}.questions[0].key`, 'constructor']], '/dimensions/0/criteria/0/indicators/2/questions/0/key', 'not'],
    ['an unknown kind', [[`${SCALE}.kind`, 'likert']], '/dimensions/0/criteria/0/indicators/2/kind', 'enum'],
    ['an unknown level', [[`${SCALE}.level`, 'output']], '/dimensions/0/criteria/0/indicators/2/level', 'enum'],
    ['choices on a scale indicator', [[`${SCALE}.choices`, []]], '/dimensions/0/criteria/0/indicators/2', 'unevaluatedProperties'],
    ['a scale indicator without its scale', [[`${SCALE}.scale`, REMOVE]], '/dimensions/0/criteria/0/indicators/2', 'required'],
    ['point labels and end labels together', [[`${SCALE}.scale.minLabel`, { fr: 'Non' }]], '/dimensions/0/criteria/0/indicators/2/scale/minLabel', 'false schema'],
    ['a scale scored by weights', [[`${SCALE}.scoring`, { rule: 'weights', weights: {} }]], '/dimensions/0/criteria/0/indicators/2/scoring', 'oneOf'],
    ['"je ne sais pas" on a quantity', [[`${QTY}.dontKnow`, 'excluded']], '/dimensions/0/criteria/0/indicators/0/dontKnow', 'const'],
    ['a weight above 100', [[`${CHOICE}.scoring.weights.nulle_part`, 120]], '/dimensions/0/criteria/1/indicators/1/scoring/weights/nulle_part', 'maximum'],
    ['"dont_know" as a choice value', [[`${CHOICE}.choices[0].value`, 'dont_know']], '/dimensions/0/criteria/1/indicators/1/choices/0/value', 'not'],
    ['a "pourquoi ?" comment on a story', [[`${TEXT}.questions[0].why`, {}]], '/dimensions/1/criteria/2/indicators/2/questions/0/why', 'false schema'],
    ['an unknown audience', [[`${SCALE}.questions[0].audiences[0]`, 'elus']], '/dimensions/0/criteria/0/indicators/2/questions/0/audiences/0', 'enum'],
    ['wording for an unknown group', [[`${SCALE}.questions[0].wording.elus`, { fr: 'x' }]], '/dimensions/0/criteria/0/indicators/2/questions/0/wording', 'propertyNames'],
    ['a question without "required"', [[`${SCALE}.questions[0].required`, REMOVE]], '/dimensions/0/criteria/0/indicators/2/questions/0', 'required'],
    ['an unscored indicator counting "je ne sais pas" as zero', [[`${SCALE}.scoring`, { rule: 'none' }], [`${SCALE}.dontKnow`, 'counted_as_zero']], '/dimensions/0/criteria/0/indicators/2/dontKnow', 'not'],
  ])('rejects %s, as the validator does', (_name, changes, instancePath, keyword) => {
    const input = edited(raw, ...changes);
    expect(schemaErrors(input)).toContainEqual({ instancePath, keyword });
    expect(validateFrameworkContent(input).ok).toBe(false);
  });

  it.each<[string, Change[]]>([
    ['a duplicate key', [['dimensions[1].key', 'utilite_economique']]],
    ['a weight for a choice not offered', [[`${CHOICE}.scoring.weights.ailleurs`, 10]]],
    ['a visibleIf reading a later question', [[`${SCALE}.questions[0].visibleIf`, "{q_reponse_besoins} = 'yes'"]]],
    ['wording missing for an audience', [[`${SCALE}.questions[0].wording.partners`, REMOVE]]],
  ])('leaves cross-field rules to the validator: %s', (_name, changes) => {
    const input = edited(raw, ...changes);
    expect(schemaErrors(input)).toEqual([]);
    expect(validateFrameworkContent(input).ok).toBe(false);
  });
});
