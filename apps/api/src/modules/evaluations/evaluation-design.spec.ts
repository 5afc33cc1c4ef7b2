import { describe, expect, it } from '@jest/globals';
import { sampleFramework } from '../../../../../libs/domain/src/fixtures/sample-framework.js';
import { checkEvaluationDesign } from './evaluation-design.js';

const DIMENSIONS = sampleFramework.dimensions.map((dimension) => dimension.key);

function custom(dimensionKey: string, key = 'custom_repas'): Record<string, unknown> {
  return {
    dimensionKey,
    indicator: {
      key,
      title: { fr: 'Repas partagés' },
      level: 'realisation',
      kind: 'yes_no',
      scoring: { rule: 'yes_no', yes: 100, no: 0 },
      dontKnow: 'excluded',
      questions: [{ key: `q_${key}`, audiences: ['staff'], wording: { staff: { fr: 'Partagez-vous des repas\u202f?' } }, required: false }],
    },
  };
}

describe('checkEvaluationDesign', () => {
  it.each<[string, string[], unknown[]]>([
    ['every dimension, no custom question', DIMENSIONS, []],
    ['one dimension, in any order', [DIMENSIONS[1]!, DIMENSIONS[0]!], []],
    ['a custom question on a chosen dimension', ['lien_social'], [custom('lien_social')]],
  ])('accepts %s', (_name, dimensionKeys, customQuestions) => {
    const result = checkEvaluationDesign(sampleFramework, dimensionKeys, customQuestions);
    expect(result).toEqual({ ok: true, customQuestions });
  });

  it.each<[string, string[], unknown, string, string]>([
    ['an unknown dimension', ['lien_social', 'gouvernance'], [], 'dimensionKeys[1]', 'unknown_dimension'],
    ['a dimension chosen twice', ['lien_social', 'lien_social'], [], 'dimensionKeys[1]', 'duplicate_key'],
    ['a custom question on a dimension not chosen', ['pouvoir_agir'], [custom('lien_social')], 'customQuestions[0].dimensionKey', 'dimension_not_chosen'],
    ['a custom question on a dimension the framework lacks', ['lien_social'], [custom('gouvernance')], 'customQuestions[0].dimensionKey', 'unknown_dimension'],
    ['a custom question reusing a framework key', ['lien_social'], [custom('lien_social', 'sentiment_ecoute')], 'customQuestions[0].indicator.key', 'duplicate_key'],
    ['custom questions that are not a list', ['lien_social'], { dimensionKey: 'lien_social' }, 'customQuestions', 'invalid_type'],
  ])('refuses %s, with its path', (_name, dimensionKeys, customQuestions, path, code) => {
    const result = checkEvaluationDesign(sampleFramework, dimensionKeys, customQuestions);
    expect(result.ok ? [] : result.errors).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('reports problems of the dimensions and of the custom questions together', () => {
    const result = checkEvaluationDesign(sampleFramework, ['gouvernance'], [custom('lien_social', 'sentiment_ecoute')]);
    expect(result.ok ? [] : result.errors.map((error) => error.path)).toEqual(['dimensionKeys[0]', 'customQuestions[0].indicator.key']);
  });
});
