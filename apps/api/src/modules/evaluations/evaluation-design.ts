import { validateCustomQuestions, type CustomQuestion, type FieldError, type FrameworkContent } from '#domain';

export type DesignCheck = { ok: true; customQuestions: CustomQuestion[] } | { ok: false; errors: FieldError[] };

/**
 * Checks what an evaluation keeps of its framework version: each chosen dimension exists in the
 * version and is chosen once, the organization's custom questions are valid against the version
 * (the domain's validation, paths `customQuestions[i]…`), and each of them sits on a chosen
 * dimension — a question on a dimension the evaluation dropped would silently never be asked.
 * Pure: the service loads the version and hands it here.
 */
export function checkEvaluationDesign(content: FrameworkContent, dimensionKeys: readonly string[], customQuestions: unknown): DesignCheck {
  const errors: FieldError[] = [];
  const known = content.dimensions.map((dimension) => dimension.key);
  for (const [index, key] of dimensionKeys.entries()) {
    if (!known.includes(key)) {
      errors.push({
        path: `dimensionKeys[${index}]`,
        code: 'unknown_dimension',
        message: `The framework version has no dimension "${key}"; its dimensions are ${known.join(', ')}.`,
      });
    } else if (dimensionKeys.indexOf(key) !== index) {
      errors.push({ path: `dimensionKeys[${index}]`, code: 'duplicate_key', message: `Dimension "${key}" is listed twice; keep it once.` });
    }
  }
  const custom = validateCustomQuestions(content, customQuestions);
  if (!custom.ok) return { ok: false, errors: [...errors, ...custom.errors] };
  for (const [index, question] of custom.value.entries()) {
    if (known.includes(question.dimensionKey) && !dimensionKeys.includes(question.dimensionKey)) {
      errors.push({
        path: `customQuestions[${index}].dimensionKey`,
        code: 'dimension_not_chosen',
        message: `Dimension "${question.dimensionKey}" is not among the chosen dimensionKeys: choose it, or move or remove this question.`,
      });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, customQuestions: custom.value };
}
