/**
 * SurveyJS expressions (`visibleIf`), parsed and evaluated by survey-core itself so the server
 * decides exactly as the browser does. survey-core is imported here and by surveyjs-import.ts (which
 * rewrites imported conditions); its expression engine needs no DOM and runs in Node.
 */
import { ConditionRunner, ConditionsParser, ExpressionErrorType } from 'survey-core';

export type ConditionCheck =
  | { ok: true; variables: string[] }
  | { ok: false; reason: 'syntax' | 'unknown_function' | 'not_a_condition' | 'async_function'; message: string };

/** A value getter context that knows no variable: validation needs none (we check names ourselves). */
const EMPTY_CONTEXT = { getValue: () => ({ isFound: false }) };

/**
 * Parses a condition and returns the variables it reads (`{name}` → `name`), or why it cannot be
 * used: a syntax error (with its position), an unknown function, an async function (the server
 * cannot wait for it), or an expression that is not a condition (`{a} + 1`).
 */
export function checkCondition(expression: string): ConditionCheck {
  const parser = new ConditionsParser();
  const operand = parser.parseExpression(expression);
  if (!operand) {
    const at = parser.error?.at ?? 0;
    return { ok: false, reason: 'syntax', message: `syntax error at character ${at + 1}` };
  }
  const runner = new ConditionRunner(expression);
  const problems = runner.validate(EMPTY_CONTEXT, { variables: false, functions: true, semantics: true }, true);
  for (const problem of problems) {
    if (problem.errorType === ExpressionErrorType.UnknownFunction) {
      return { ok: false, reason: 'unknown_function', message: `unknown function "${problem.functionName ?? ''}"` };
    }
    if (problem.errorType === ExpressionErrorType.SyntaxError) {
      return { ok: false, reason: 'syntax', message: 'syntax error' };
    }
    if (problem.errorType === ExpressionErrorType.SemanticError) {
      return { ok: false, reason: 'not_a_condition', message: "it is not a condition on answers (write a comparison such as {key} = 'yes')" };
    }
  }
  if (runner.isAsync) return { ok: false, reason: 'async_function', message: 'asynchronous functions are not allowed' };
  return { ok: true, variables: runner.getVariables() };
}

/**
 * Evaluates a condition against answers the way SurveyJS does (same engine, same coercions:
 * an unanswered question is empty, `'1' = 1` is true…). A condition that cannot run is false.
 */
export function evaluateCondition(expression: string, values: Readonly<Record<string, unknown>>): boolean {
  const runner = new ConditionRunner(expression);
  if (!runner.canRun()) return false;
  return runner.runValues({ ...values }) === true;
}
