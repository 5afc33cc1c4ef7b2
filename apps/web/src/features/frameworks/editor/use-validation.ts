import type { FrameworkContent } from '#domain/framework';
import { validateFrameworkContent, type FrameworkError, type ValidationResult } from '#domain/framework-validation';
import { useEffect, useMemo, useState } from 'react';

const DELAY_MS = 250;

export interface FrameworkValidation {
  result: ValidationResult<FrameworkContent>;
  errors: readonly FrameworkError[];
  errorsByPath: ReadonlyMap<string, readonly FrameworkError[]>;
  /** The validated copy when the content is valid (what is saved and previewed). */
  valid: FrameworkContent | undefined;
  /** False while a change waits for its (debounced) validation. */
  upToDate: boolean;
}

/** Validates the working copy shortly after each change (every error, each with its path). */
export function useFrameworkValidation(content: FrameworkContent): FrameworkValidation {
  const [checked, setChecked] = useState(() => ({ content, result: validateFrameworkContent(content) }));

  useEffect(() => {
    if (checked.content === content) return;
    const timer = window.setTimeout(() => setChecked({ content, result: validateFrameworkContent(content) }), DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [content, checked.content]);

  return useMemo(() => {
    const { result } = checked;
    const errors = result.ok ? [] : result.errors;
    const errorsByPath = new Map<string, FrameworkError[]>();
    for (const error of errors) {
      const list = errorsByPath.get(error.path);
      if (list) list.push(error);
      else errorsByPath.set(error.path, [error]);
    }
    return {
      result,
      errors,
      errorsByPath,
      valid: result.ok ? result.value : undefined,
      upToDate: checked.content === content,
    };
  }, [checked, content]);
}
