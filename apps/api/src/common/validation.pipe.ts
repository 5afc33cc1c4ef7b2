import { ValidationPipe, type ValidationError } from '@nestjs/common';
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

/**
 * Strict input: unknown fields are rejected (not silently dropped), types are not coerced
 * ("4" is not 4), and the error lists every problem with its path.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => AppException.validation(flattenValidationErrors(errors)),
  });
}
