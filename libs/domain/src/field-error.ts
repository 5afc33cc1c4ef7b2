/**
 * A problem with one field of an input, as the API reports it in problem+json `errors`.
 * `path` is written like `dimensions[2].criteria[0].indicators[3].scoring.weights`; `code` is
 * stable (clients translate it); `message` says what is wrong and how to fix it, in English.
 */
export interface FieldError<Code extends string = string> {
  path: string;
  code: Code;
  message: string;
}

export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Formats path segments: numbers as `[i]`, names (letters, digits, `_`, `-`) as `.name`, anything else as `["…"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
