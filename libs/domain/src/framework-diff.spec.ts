import { describe, expect, it } from '@jest/globals';
import { REMOVE, edited, type Change } from './fixtures/json-edit.js';
import { sampleFramework } from './fixtures/sample-framework.js';
import type { FrameworkContent } from './framework.js';
import { diffVersions, isEmptyDiff } from './framework-diff.js';

const before = { content: sampleFramework };
const after = (...changes: Change[]) => ({ content: edited(sampleFramework, ...changes) as FrameworkContent });

const D0C0 = 'dimensions[0].criteria[0]';
const ECOUTE = `${D0C0}.indicators[0]`;

const NEW_INDICATOR = {
  key: 'repas_partages',
  title: { fr: 'Repas partagés' },
  level: 'realisation',
  kind: 'yes_no',
  scoring: { rule: 'none' },
  dontKnow: 'not_offered',
  questions: [{ key: 'q_repas', audiences: ['staff'], wording: { staff: { fr: 'Partagez-vous des repas\u202f?' } }, required: false }],
};

describe('diffVersions', () => {
  it('finds nothing between a version and itself, or a copy with its questions reordered', () => {
    expect(isEmptyDiff(diffVersions(before, before))).toBe(true);
    const reordered = structuredClone(sampleFramework);
    reordered.dimensions[0].criteria[0].indicators.reverse();
    expect(isEmptyDiff(diffVersions(before, { content: reordered }))).toBe(true);
  });

  // Expected parts of the diff (plain values or jest matchers).
  it.each<[string, Change[], Record<string, unknown>]>([
    [
      'an added indicator',
      [[`${D0C0}.indicators[3]`, NEW_INDICATOR]],
      { added: [{ indicatorKey: 'repas_partages', dimensionKey: 'lien_social', criterionKey: 'ecoute_participation', title: { fr: 'Repas partagés' } }] },
    ],
    [
      'a removed indicator',
      [[`${D0C0}.indicators[2]`, REMOVE]],
      { removed: [{ indicatorKey: 'formes_participation', dimensionKey: 'lien_social', criterionKey: 'ecoute_participation', title: { fr: 'Formes de participation', en: 'Ways of taking part' } }] },
    ],
    [
      'a wording changed for one audience in one locale',
      [[`${ECOUTE}.questions[0].wording.staff.en`, 'My opinion counts.']],
      {
        reworded: [
          {
            indicatorKey: 'sentiment_ecoute',
            changes: [{ path: 'questions.q_ecoute.wording.staff', locale: 'en', before: 'In the organization, my opinion is listened to.', after: 'My opinion counts.' }],
          },
        ],
      },
    ],
    [
      'an English wording added',
      [['dimensions[0].criteria[0].indicators[1].questions[0].wording.board.en', 'Did the board involve staff?']],
      {
        reworded: [
          {
            indicatorKey: 'participation_decisions',
            changes: [{ path: 'questions.q_participation.wording.board', locale: 'en', before: null, after: 'Did the board involve staff?' }],
          },
        ],
      },
    ],
    [
      'a choice label changed',
      [['dimensions[1].criteria[0].indicators[0].choices[1].label.fr', 'De temps en temps']],
      { reworded: [{ indicatorKey: 'frequence_initiatives', changes: [{ path: 'choices.parfois.label', locale: 'fr', before: 'Parfois', after: 'De temps en temps' }] }] },
    ],
    [
      'a changed scoring',
      [[`${ECOUTE}.scoring.reverse`, true]],
      {
        rescored: [
          {
            indicatorKey: 'sentiment_ecoute',
            reasons: ['scoring'],
            before: { kind: 'scale', scoring: { rule: 'linear', reverse: false }, dontKnow: 'excluded' },
            after: { kind: 'scale', scoring: { rule: 'linear', reverse: true }, dontKnow: 'excluded' },
          },
        ],
      },
    ],
    [
      'a "je ne sais pas" now counted as zero',
      [[`${ECOUTE}.dontKnow`, 'counted_as_zero']],
      { rescored: [expect.objectContaining({ indicatorKey: 'sentiment_ecoute', reasons: ['dont_know'] })] },
    ],
    [
      'a wider quantity range',
      [['dimensions[0].criteria[1].indicators[0].quantity.max', 1000]],
      { rescored: [expect.objectContaining({ indicatorKey: 'nombre_partenariats', reasons: ['answer_format'] })] },
    ],
    [
      'an indicator moved to another criterion',
      [[`${D0C0}.indicators[2]`, REMOVE], ['dimensions[0].criteria[1].indicators[2]', sampleFramework.dimensions[0].criteria[0].indicators[2]]],
      { moved: [{ indicatorKey: 'formes_participation', from: { dimensionKey: 'lien_social', criterionKey: 'ecoute_participation' }, to: { dimensionKey: 'lien_social', criterionKey: 'cooperation_territoriale' } }] },
    ],
  ])('reports %s', (_name, changes, expected) => {
    expect(diffVersions(before, after(...changes))).toEqual({ added: [], removed: [], reworded: [], rescored: [], moved: [], ...expected });
  });
});
