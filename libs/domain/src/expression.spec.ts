import { describe, expect, it } from '@jest/globals';
import { checkCondition, evaluateCondition } from './expression.js';

describe('checkCondition', () => {
  it.each<[string, string[]]>([
    ["{q_a} = 'yes'", ['q_a']],
    ["{q_a} = 'yes' and {q_b} > 2", ['q_a', 'q_b']],
    ["{q_a} anyof ['x', 'y']", ['q_a']],
    ["{q_a} contains 'x'", ['q_a']],
    ['{q_a} notempty', ['q_a']],
    ['iif({q_a} > 2, true, false)', ['q_a']],
  ])('accepts %s and lists the questions it reads', (expression, variables) => {
    expect(checkCondition(expression)).toEqual({ ok: true, variables });
  });

  it.each<[string, string]>([
    ["{q_a} = 'yes' and", 'syntax'],
    ['{q_a} >', 'syntax'],
    ['(((', 'syntax'],
    ['{q_a} = 1 {q_b}', 'syntax'],
    ['isFriday({q_a})', 'unknown_function'],
    ['{q_a} + 1', 'not_a_condition'],
    ["'text'", 'not_a_condition'],
    ['1 = 1', 'not_a_condition'],
  ])('rejects %s (%s)', (expression, reason) => {
    expect(checkCondition(expression)).toEqual(expect.objectContaining({ ok: false, reason }));
  });
});

describe('evaluateCondition', () => {
  it.each<[string, Record<string, unknown>, boolean]>([
    ["{q_a} = 'yes'", { q_a: 'yes' }, true],
    ["{q_a} = 'yes'", { q_a: 'no' }, false],
    ["{q_a} = 'yes'", {}, false],
    ['{q_a} > 2', { q_a: 3 }, true],
    ['{q_a} > 2', { q_a: 2 }, false],
    ["{q_a} contains 'x'", { q_a: ['x', 'y'] }, true],
    ["{q_a} contains 'x'", { q_a: ['y'] }, false],
    ['{q_a} empty', {}, true],
    ["{q_a} = 'yes' and", { q_a: 'yes' }, false],
  ])('evaluates %s on %j to %s, as SurveyJS does', (expression, values, expected) => {
    expect(evaluateCondition(expression, values)).toBe(expected);
  });
});
