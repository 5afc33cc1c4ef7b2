import { describe, expect, it } from '@jest/globals';
import { REMOVE, edited, type Change } from './fixtures/json-edit.js';
import { sampleFramework } from './fixtures/sample-framework.js';
import { validateCustomQuestions, validateFrameworkContent, type FrameworkError, type FrameworkErrorCode } from './framework-validation.js';

function errorsOf(input: unknown): FrameworkError[] {
  const result = validateFrameworkContent(input);
  if (result.ok) throw new Error('expected the input to be invalid');
  return result.errors;
}

const broken = (...changes: Change[]): unknown => edited(sampleFramework, ...changes);

const D0C0I0 = 'dimensions[0].criteria[0].indicators[0]';
const D0C0I2 = 'dimensions[0].criteria[0].indicators[2]';
const D0C1I0 = 'dimensions[0].criteria[1].indicators[0]';
const D0C1I1 = 'dimensions[0].criteria[1].indicators[1]';
const Q_ECOUTE = `${D0C0I0}.questions[0]`;
const Q_FORMES = `${D0C0I2}.questions[0]`;

describe('validateFrameworkContent', () => {
  it('accepts the sample framework and returns an equal copy', () => {
    expect(validateFrameworkContent(structuredClone(sampleFramework))).toEqual({ ok: true, value: sampleFramework });
  });

  it('returns a value that shares no object with the input', () => {
    const input = structuredClone(sampleFramework);
    const result = validateFrameworkContent(input);
    if (!result.ok) throw new Error('expected the sample to be valid');
    input.dimensions[0].title.fr = 'changé';
    expect(result.value.dimensions[0].title.fr).toBe('Lien social et coopération');
  });

  it.each<[string, unknown, string, FrameworkErrorCode]>([
    ['a text instead of an object', 'framework', '', 'invalid_type'],
    ['an unknown format version', broken(['formatVersion', 2]), 'formatVersion', 'unsupported_format_version'],
    ['a missing title', broken(['title', REMOVE]), 'title', 'missing_field'],
    ['an unknown top-level field', broken(['titel', { fr: 'x' }]), 'titel', 'unknown_field'],
    ['an empty French title', broken(['title.fr', '  ']), 'title.fr', 'empty'],
    ['an unknown locale', broken(['title.de', 'Titel']), 'title.de', 'unknown_field'],
    ['a NUL character', broken(['dimensions[1].title.fr', 'a\u0000b']), 'dimensions[1].title.fr', 'nul_character'],
    ['a text too long', broken(['dimensions[1].criteria[0].title.en', 'x'.repeat(5001)]), 'dimensions[1].criteria[0].title.en', 'too_long'],
    ['no dimensions', broken(['dimensions', []]), 'dimensions', 'empty_list'],
    ['a dimension that is not an object', broken(['dimensions[1]', 'pouvoir_agir']), 'dimensions[1]', 'invalid_type'],
    ['a key with spaces and accents', broken(['dimensions[2].key', 'Transition écologique']), 'dimensions[2].key', 'invalid_key'],
    ['a reserved key', broken([`${Q_ECOUTE}.key`, 'constructor']), `${Q_ECOUTE}.key`, 'reserved_key'],
    ['a duplicate dimension key', broken(['dimensions[2].key', 'lien_social']), 'dimensions[2].key', 'duplicate_key'],
    ['a duplicate criterion key', broken(['dimensions[1].criteria[1].key', 'initiative']), 'dimensions[1].criteria[1].key', 'duplicate_key'],
    ['a duplicate indicator key', broken([`${D0C1I1}.key`, 'sentiment_ecoute']), `${D0C1I1}.key`, 'duplicate_key'],
    ['a duplicate question key', broken(['dimensions[1].criteria[1].indicators[0].questions[0].key', 'q_ecoute']), 'dimensions[1].criteria[1].indicators[0].questions[0].key', 'duplicate_key'],
    ['an unknown kind', broken([`${D0C0I0}.kind`, 'likert']), `${D0C0I0}.kind`, 'invalid_value'],
    ['an unknown level', broken([`${D0C0I0}.level`, 'output']), `${D0C0I0}.level`, 'invalid_value'],
    ['a scale whose min is not below its max', broken([`${D0C1I1}.scale.min`, 10]), `${D0C1I1}.scale`, 'invalid_range'],
    ['a scale whose min equals its max', broken([`${D0C1I1}.scale.max`, 0]), `${D0C1I1}.scale`, 'invalid_range'],
    ['a fractional scale bound', broken([`${D0C1I1}.scale.max`, 7.5]), `${D0C1I1}.scale.max`, 'invalid_value'],
    ['a scale of 12 points', broken([`${D0C1I1}.scale.max`, 11]), `${D0C1I1}.scale`, 'invalid_range'],
    ['labels that do not match the points', broken([`${D0C0I0}.scale.labels[3]`, REMOVE]), `${D0C0I0}.scale.labels`, 'label_count'],
    ['point labels and end labels together', broken([`${D0C0I0}.scale.minLabel`, { fr: 'Non' }]), `${D0C0I0}.scale`, 'conflicting_fields'],
    ['a scale missing on a scale indicator', broken([`${D0C0I0}.scale`, REMOVE]), `${D0C0I0}.scale`, 'missing_field'],
    ['choices on a scale indicator', broken([`${D0C0I0}.choices`, []]), `${D0C0I0}.choices`, 'unknown_field'],
    ['a quantity whose max is below its min', broken([`${D0C1I0}.quantity.max`, -1]), `${D0C1I0}.quantity`, 'invalid_range'],
    ['a whole-number quantity with a fractional bound', broken([`${D0C1I0}.quantity.max`, 10.5]), `${D0C1I0}.quantity`, 'invalid_range'],
    ['a single choice', broken([`${D0C0I2}.choices`, [{ value: 'assemblee', label: { fr: 'AG' } }]]), `${D0C0I2}.choices`, 'empty_list'],
    ['a weight for a choice not offered', broken([`${D0C0I2}.scoring.weights.forum`, 1]), `${D0C0I2}.scoring.weights.forum`, 'weight_for_unknown_choice'],
    ['a choice without a weight', broken([`${D0C0I2}.scoring.weights.comite`, REMOVE]), `${D0C0I2}.scoring.weights`, 'missing_weight'],
    ['a negative weight', broken([`${D0C0I2}.scoring.weights.comite`, -1]), `${D0C0I2}.scoring.weights.comite`, 'invalid_value'],
    ['weights all zero', broken([`${D0C0I2}.scoring.weights`, { assemblee: 0, comite: 0, atelier: 0 }]), `${D0C0I2}.scoring.weights`, 'invalid_weight'],
    ['a weight that is a text', broken([`${D0C0I2}.scoring.weights.comite`, '2']), `${D0C0I2}.scoring.weights.comite`, 'invalid_type'],
    ['a single-choice weight above 100', broken(['dimensions[1].criteria[0].indicators[0].scoring.weights.souvent', 120]), 'dimensions[1].criteria[0].indicators[0].scoring.weights.souvent', 'invalid_value'],
    ['a scoring rule of another kind', broken([`${D0C0I0}.scoring`, { rule: 'weights', weights: {} }]), `${D0C0I0}.scoring.rule`, 'scoring_not_allowed'],
    ['a linear rule without reverse', broken([`${D0C0I0}.scoring.reverse`, REMOVE]), `${D0C0I0}.scoring.reverse`, 'missing_field'],
    ['a target equal to its baseline', broken([`${D0C1I0}.scoring.target`, 0]), `${D0C1I0}.scoring`, 'invalid_range'],
    ['a yes/no score above 100', broken(['dimensions[0].criteria[0].indicators[1].scoring.yes', 101]), 'dimensions[0].criteria[0].indicators[1].scoring.yes', 'invalid_value'],
    ['a duplicate choice value', broken([`${D0C0I2}.choices[2].value`, 'comite']), `${D0C0I2}.choices[2].value`, 'duplicate_key'],
    ['a choice using the reserved dont_know', broken([`${D0C0I2}.choices[2].value`, 'dont_know']), `${D0C0I2}.choices[2].value`, 'reserved_key'],
    ['"je ne sais pas" on a quantity', broken([`${D0C1I0}.dontKnow`, 'excluded']), `${D0C1I0}.dontKnow`, 'dont_know_not_allowed'],
    [
      '"je ne sais pas" counted as zero on an unscored indicator',
      broken([`${D0C0I2}.scoring`, { rule: 'none' }], [`${D0C0I2}.dontKnow`, 'counted_as_zero']),
      `${D0C0I2}.dontKnow`,
      'dont_know_not_allowed',
    ],
    ['a "pourquoi ?" on a text answer', broken(['dimensions[1].criteria[0].indicators[1].questions[0].why', {}]), 'dimensions[1].criteria[0].indicators[1].questions[0].why', 'why_not_allowed'],
    ['an unknown audience', broken([`${Q_ECOUTE}.audiences[1]`, 'employees']), `${Q_ECOUTE}.audiences[1]`, 'unknown_audience'],
    ['an audience listed twice', broken([`${Q_ECOUTE}.audiences[4]`, 'staff']), `${Q_ECOUTE}.audiences[4]`, 'duplicate_audience'],
    ['no audience', broken([`${Q_ECOUTE}.audiences`, []]), `${Q_ECOUTE}.audiences`, 'empty_list'],
    ['a declared audience without wording', broken([`${Q_ECOUTE}.wording.volunteers`, REMOVE]), `${Q_ECOUTE}.wording.volunteers`, 'missing_wording'],
    ['a wording without French', broken([`${Q_ECOUTE}.wording.staff.fr`, REMOVE]), `${Q_ECOUTE}.wording.staff.fr`, 'missing_field'],
    ['a wording for an audience not declared', broken([`${Q_ECOUTE}.wording.partners`, { fr: 'x' }]), `${Q_ECOUTE}.wording.partners`, 'wording_for_other_audience'],
    ['a wording for an unknown audience', broken([`${Q_ECOUTE}.wording.public`, { fr: 'x' }]), `${Q_ECOUTE}.wording.public`, 'unknown_audience'],
    ['required given as a text', broken([`${Q_ECOUTE}.required`, 'yes']), `${Q_ECOUTE}.required`, 'invalid_type'],
    ['a visibleIf that does not parse', broken([`${Q_FORMES}.visibleIf`, "{q_participation} = 'yes' and"]), `${Q_FORMES}.visibleIf`, 'invalid_visible_if'],
    ['a visibleIf calling an unknown function', broken([`${Q_FORMES}.visibleIf`, 'isFriday({q_participation})']), `${Q_FORMES}.visibleIf`, 'invalid_visible_if'],
    ['a visibleIf that is not a condition', broken([`${Q_FORMES}.visibleIf`, '{q_participation} + 1']), `${Q_FORMES}.visibleIf`, 'invalid_visible_if'],
    ['a visibleIf reading an unknown question', broken([`${Q_FORMES}.visibleIf`, "{q_particpation} = 'yes'"]), `${Q_FORMES}.visibleIf`, 'visible_if_unknown_question'],
    ['a visibleIf reading an indicator key', broken([`${Q_FORMES}.visibleIf`, "{participation_decisions} = 'yes'"]), `${Q_FORMES}.visibleIf`, 'visible_if_unknown_question'],
    ['a visibleIf reading a later question', broken([`${Q_ECOUTE}.visibleIf`, "{q_participation} = 'yes'"]), `${Q_ECOUTE}.visibleIf`, 'visible_if_not_earlier'],
    ['a visibleIf reading its own question', broken([`${Q_ECOUTE}.visibleIf`, '{q_ecoute} > 2']), `${Q_ECOUTE}.visibleIf`, 'visible_if_not_earlier'],
    [
      'a visibleIf reading another dimension',
      broken(['dimensions[1].criteria[0].indicators[0].questions[0].visibleIf', "{q_participation} = 'yes'"]),
      'dimensions[1].criteria[0].indicators[0].questions[0].visibleIf',
      'visible_if_not_earlier',
    ],
    [
      'a visibleIf reading a question some of its audiences are not asked',
      broken([`${Q_FORMES}.audiences[3]`, 'partners'], [`${Q_FORMES}.wording.partners`, { fr: 'Comment\u202f?' }]),
      `${Q_FORMES}.visibleIf`,
      'visible_if_audience_mismatch',
    ],
    ['a source URL that is not http', broken(['sources[0].url', 'javascript:alert(1)']), 'sources[0].url', 'invalid_value'],
    ['a licence that is not an SPDX identifier', broken(['licence', 'CC BY SA']), 'licence', 'invalid_value'],
  ])('rejects %s', (_name, input, path, code) => {
    expect(errorsOf(input)).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('reports every problem, not just the first, in document order', () => {
    const errors = errorsOf(
      broken(
        [`${D0C0I2}.scoring.weights.forum`, 1],
        [`${D0C1I1}.scale.min`, 10],
        ['dimensions[1].criteria[0].indicators[0].questions[0].wording.inhabitants', REMOVE],
        ['dimensions[2].key', 'lien_social'],
      ),
    );
    expect(errors.map((error) => `${error.path} ${error.code}`)).toEqual([
      `${D0C0I2}.scoring.weights.forum weight_for_unknown_choice`,
      `${D0C1I1}.scale invalid_range`,
      'dimensions[1].criteria[0].indicators[0].questions[0].wording.inhabitants missing_wording',
      'dimensions[2].key duplicate_key',
    ]);
  });

  it('says what is wrong and how to fix it', () => {
    const [error] = errorsOf(broken([`${D0C0I2}.scoring.weights.forum`, 1]));
    expect(error.message).toBe('"forum" is not one of the choices offered (assemblee, comite, atelier); remove its weight or add the choice.');
  });

  it('rejects a "__proto__" field without touching any prototype', () => {
    const input: unknown = JSON.parse(JSON.stringify(sampleFramework).replace('"formatVersion":1', '"formatVersion":1,"__proto__":{"polluted":true}'));
    expect(errorsOf(input)).toEqual([expect.objectContaining({ path: '__proto__', code: 'unknown_field' })]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('validateCustomQuestions', () => {
  const custom = {
    dimensionKey: 'lien_social',
    indicator: {
      key: 'custom_repas',
      title: { fr: 'Repas partagés' },
      level: 'realisation',
      kind: 'yes_no',
      scoring: { rule: 'yes_no', yes: 100, no: 0 },
      dontKnow: 'excluded',
      questions: [{ key: 'q_custom_repas', audiences: ['staff'], wording: { staff: { fr: 'Partagez-vous des repas\u202f?' } }, required: false }],
    },
  };
  const Q = 'indicator.questions[0]';

  it.each<[string, unknown[]]>([
    ['a yes/no question of its own', [custom]],
    ['a condition on an earlier framework question of its dimension', [edited(custom, [`${Q}.visibleIf`, "{q_participation} = 'no'"])]],
    ['a condition on an earlier custom question', [custom, edited(custom, ['indicator.key', 'custom_2'], [`${Q}.key`, 'q_custom_2'], [`${Q}.visibleIf`, "{q_custom_repas} = 'yes'"])]],
    ['no custom question at all', []],
  ])('accepts %s', (_name, input) => {
    expect(validateCustomQuestions(sampleFramework, input).ok).toBe(true);
  });

  it.each<[string, unknown[], string, FrameworkErrorCode]>([
    ['an unknown dimension', [edited(custom, ['dimensionKey', 'gouvernance'])], 'customQuestions[0].dimensionKey', 'unknown_dimension'],
    ['a question key of the framework', [edited(custom, [`${Q}.key`, 'q_ecoute'])], `customQuestions[0].${Q}.key`, 'duplicate_key'],
    ['an indicator key of the framework', [edited(custom, ['indicator.key', 'sentiment_ecoute'])], 'customQuestions[0].indicator.key', 'duplicate_key'],
    ['two custom questions with one key', [custom, custom], 'customQuestions[1].indicator.key', 'duplicate_key'],
    ['a condition on another dimension', [edited(custom, [`${Q}.visibleIf`, '{q_recit_initiative} notempty'])], `customQuestions[0].${Q}.visibleIf`, 'visible_if_not_earlier'],
    ['an audience the condition’s question is not asked', [edited(custom, [`${Q}.audiences[0]`, 'self_assessment'], [`${Q}.wording`, { self_assessment: { fr: 'x' } }], [`${Q}.visibleIf`, "{q_participation} = 'no'"])], `customQuestions[0].${Q}.visibleIf`, 'visible_if_audience_mismatch'],
  ])('rejects %s', (_name, input, path, code) => {
    const result = validateCustomQuestions(sampleFramework, input);
    expect(result.ok ? [] : result.errors).toContainEqual(expect.objectContaining({ path, code }));
  });
});
