import { describe, expect, it } from '@jest/globals';
import {
  ANONYMITY_MODES,
  EVALUATION_FIELDS,
  EVALUATION_STATUSES,
  allowedTransitions,
  canChangeAnonymity,
  canTransition,
  editableFields,
  isAnonymityMode,
  isEvaluationStatus,
  lockedFields,
  weakensAnonymity,
  type AnonymityMode,
  type EvaluationField,
  type EvaluationStatus,
} from './evaluation-status.js';

/** Every allowed transition; any pair not listed here is refused. */
const ALLOWED: ReadonlyArray<[EvaluationStatus, EvaluationStatus]> = [
  ['draft', 'collecting'],
  ['collecting', 'analysing'],
  ['analysing', 'collecting'],
  ['analysing', 'reporting'],
  ['reporting', 'closed'],
];
const isAllowed = (from: EvaluationStatus, to: EvaluationStatus) => ALLOWED.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = EVALUATION_STATUSES.flatMap((from) => EVALUATION_STATUSES.map((to) => [from, to, isAllowed(from, to)] as [EvaluationStatus, EvaluationStatus, boolean]));

describe('evaluation status transitions', () => {
  it.each(ALL_PAIRS)('%s → %s is allowed: %s', (from, to, expected) => {
    expect(canTransition(from, to)).toBe(expected);
  });

  it.each<[EvaluationStatus, EvaluationStatus[]]>([
    ['draft', ['collecting']],
    ['collecting', ['analysing']],
    ['analysing', ['collecting', 'reporting']],
    ['reporting', ['closed']],
    ['closed', []],
  ])('lists where %s may go: %j', (from, expected) => {
    expect(allowedTransitions(from)).toEqual(expected);
  });

  it('never stays in place and never goes back to draft', () => {
    for (const status of EVALUATION_STATUSES) {
      expect(canTransition(status, status)).toBe(false);
      expect(canTransition(status, 'draft')).toBe(false);
    }
  });

  it.each<[unknown, boolean]>([
    ['draft', true],
    ['closed', true],
    ['archived', false],
    ['Draft', false],
    [null, false],
    [1, false],
  ])('recognises %j as a status: %s', (value, expected) => {
    expect(isEvaluationStatus(value)).toBe(expected);
  });
});

describe('what each status lets change', () => {
  it.each<[EvaluationStatus, EvaluationField[], EvaluationField[]]>([
    ['draft', [...EVALUATION_FIELDS], []],
    ['collecting', ['opensAt', 'closesAt', 'expectedCount'], []],
    ['collecting', ['title', 'closesAt', 'dimensionKeys'], ['title', 'dimensionKeys']],
    ['collecting', ['anonymity', 'groups', 'kThreshold', 'customQuestions', 'frameworkVersionId'], ['anonymity', 'groups', 'kThreshold', 'customQuestions', 'frameworkVersionId']],
    ['analysing', ['closesAt'], ['closesAt']],
    ['reporting', ['expectedCount'], ['expectedCount']],
    ['closed', ['title', 'opensAt'], ['title', 'opensAt']],
    ['closed', [], []],
    ['closed', ['retentionMonths'], []],
    ['analysing', ['retentionMonths', 'title'], ['title']],
  ])('in %s, of %j locks %j', (status, fields, expected) => {
    expect(lockedFields(status, fields)).toEqual(expected);
  });

  it('allows everything in draft, the calendar, expected counts and retention while collecting, then retention only', () => {
    expect(editableFields('draft')).toEqual(EVALUATION_FIELDS);
    expect([...editableFields('collecting')].sort()).toEqual(['closesAt', 'expectedCount', 'opensAt', 'retentionMonths']);
    for (const status of ['analysing', 'reporting', 'closed'] as const) expect(editableFields(status)).toEqual(['retentionMonths']);
  });
});

describe('anonymity of a group', () => {
  it.each<[AnonymityMode, AnonymityMode, boolean]>([
    ['anonymous', 'anonymous', false],
    ['anonymous', 'confidential', true],
    ['anonymous', 'named', true],
    ['confidential', 'anonymous', false],
    ['confidential', 'confidential', false],
    ['confidential', 'named', true],
    ['named', 'anonymous', false],
    ['named', 'confidential', false],
    ['named', 'named', false],
  ])('%s → %s weakens it: %s', (from, to, expected) => {
    expect(weakensAnonymity(from, to)).toBe(expected);
  });

  const CHANGES = ANONYMITY_MODES.flatMap((from) =>
    ANONYMITY_MODES.flatMap((to) => [
      [from, to, false, true],
      [from, to, true, !weakensAnonymity(from, to)],
    ] as Array<[AnonymityMode, AnonymityMode, boolean, boolean]>),
  );
  it.each(CHANGES)('%s → %s with submissions %s is allowed: %s', (from, to, hasSubmissions, expected) => {
    expect(canChangeAnonymity(from, to, hasSubmissions)).toBe(expected);
  });

  it.each<[AnonymityMode, AnonymityMode, boolean]>([
    ['anonymous', 'named', false],
    ['anonymous', 'confidential', false],
    ['confidential', 'named', false],
    ['named', 'anonymous', true],
    ['confidential', 'anonymous', true],
    ['named', 'confidential', true],
  ])('once a group has submissions, %s → %s is allowed: %s', (from, to, expected) => {
    expect(canChangeAnonymity(from, to, true)).toBe(expected);
  });

  it.each<[unknown, boolean]>([
    ['anonymous', true],
    ['named', true],
    ['public', false],
    ['', false],
    [undefined, false],
  ])('recognises %j as a mode: %s', (value, expected) => {
    expect(isAnonymityMode(value)).toBe(expected);
  });
});
