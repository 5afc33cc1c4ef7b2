import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { AppException, type FieldError } from './app.exception.js';

/** Flattens class-validator's tree into `{ path, code, message }` with dotted/indexed paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({ path, code: constraint === 'whitelistValidation' ? 'unknown-field' : constraint, message: humanize(constraint, path, message) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

function humanize(constraint: string, path: string, message: string): string {
  if (constraint === 'whitelistValidation') return `unknown field "${path}": remove it (it is not accepted here)`;
  return message;
}

/** Deeper JSON is refused before class-transformer, which recurses and would overflow the stack (a 500). */
export const MAX_INPUT_DEPTH = 64;
/** Keys that reach an object's prototype; class-transformer drops them silently instead of refusing them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Finds prototype keys (at any depth) and nesting deeper than MAX_INPUT_DEPTH in parsed JSON,
 * iteratively so that the check itself cannot overflow the stack.
 */
export function findUnsafeStructure(value: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const tooDeep = new Set<string>();
  const stack: Array<{ value: unknown; path: string; field: string; depth: number }> = [{ value, path: '', field: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_INPUT_DEPTH) {
      const field = item.field || '(body)';
      if (!tooDeep.has(field)) {
        tooDeep.add(field);
        errors.push({ path: field, code: 'too-deep', message: `${field} is nested more than ${MAX_INPUT_DEPTH} levels deep` });
      }
      continue;
    }
    const isArray = Array.isArray(item.value);
    for (const [key, child] of Object.entries(item.value)) {
      const path = isArray ? `${item.path}[${key}]` : item.path ? `${item.path}.${key}` : key;
      if (!isArray && PROTOTYPE_KEYS.has(key)) {
        errors.push({ path, code: 'unknown-field', message: humanize('whitelistValidation', path, '') });
        continue;
      }
      stack.push({ value: child, path, field: item.field || path, depth: item.depth + 1 });
    }
  }
  return errors;
}

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const unsafe = findUnsafeStructure(value);
      if (unsafe.length > 0) throw AppException.validation(unsafe);
    }
    return super.transform(value, metadata) as Promise<unknown>;
  }
}

/**
 * Strict input: unknown fields are rejected (not silently dropped), types are not coerced
 * ("4" is not 4), prototype keys and absurdly deep nesting are refused, and the error lists
 * every problem with its path.
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => AppException.validation(flattenValidationErrors(errors)),
  });
}
