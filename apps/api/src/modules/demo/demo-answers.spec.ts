import { describe, expect, it } from '@jest/globals';
import { STAKEHOLDER_GROUP_KEYS, compileQuestionnaire, normaliseAnswers } from '#domain';
import { socleCommun } from '../frameworks/default-frameworks.js';
import { demoSurveyData, seededRandom } from './demo-answers.js';

const socle = { content: socleCommun() };

describe('demo answers', () => {
  const dimensionKeys = socle.content.dimensions.map((d) => d.key);

  it.each(STAKEHOLDER_GROUP_KEYS)('gives %s complete, valid answers', (group) => {
    const questionnaire = compileQuestionnaire({ version: socle, dimensionKeys, customQuestions: [], group, locale: 'fr' });
    const random = seededRandom(42);
    for (let i = 0; i < 25; i++) {
      const result = normaliseAnswers(questionnaire, demoSurveyData(questionnaire, socle.content, random));
      expect(result).toMatchObject({ ok: true });
    }
  });

  it('is the same on every run', () => {
    const questionnaire = compileQuestionnaire({ version: socle, dimensionKeys, customQuestions: [], group: 'staff', locale: 'fr' });
    const first = demoSurveyData(questionnaire, socle.content, seededRandom(7));
    expect(demoSurveyData(questionnaire, socle.content, seededRandom(7))).toEqual(first);
    expect(demoSurveyData(questionnaire, socle.content, seededRandom(8))).not.toEqual(first);
  });

  it('leans favourably for the self-assessment and more reservedly for partners', () => {
    const mean = (group: 'self_assessment' | 'partners') => {
      const questionnaire = compileQuestionnaire({ version: socle, dimensionKeys, customQuestions: [], group, locale: 'fr' });
      const random = seededRandom(3);
      const values: number[] = [];
      for (let i = 0; i < 40; i++) {
        const data = demoSurveyData(questionnaire, socle.content, random);
        for (const q of questionnaire.questions) {
          if (q.answer.kind === 'scale' && typeof data[q.key] === 'number') values.push(((data[q.key] as number) - q.answer.min) / (q.answer.max - q.answer.min));
        }
      }
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    expect(mean('self_assessment')).toBeGreaterThan(mean('partners') + 0.1);
  });
});
