import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

// Control characters other than tab and line breaks (NUL included), bidirectional overrides
// that make a name display differently from what it is, and unpaired surrogates (half an emoji:
// not text; PostgreSQL refuses them in JSON, and a text column would silently store U+FFFD).
// With the u flag a well-formed pair is one code point, outside the surrogate range.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]*$/u;
const FORBIDDEN_MESSAGE = '$property contains control characters, direction overrides or unpaired surrogates';

function normaliseText(value: unknown): unknown {
  return typeof value === 'string' ? value.normalize('NFC').trim() : value;
}

/**
 * A required single-line or multi-line human text: NFC-normalised, trimmed, no control
 * characters or direction overrides, between `min` and `max` characters. With `optional`, it
 * may be left out (a partial update), but when given it obeys the same rules: never blank or null.
 */
export function Text(max: number, options: { min?: number; description?: string; example?: string; optional?: boolean } = {}): PropertyDecorator {
  const min = options.min ?? 1;
  const doc = { type: String, minLength: min, maxLength: max, description: options.description, example: options.example };
  return applyDecorators(
    ...(options.optional ? [ApiPropertyOptional(doc), ValidateIf((_o, v) => v !== undefined)] : [ApiProperty(doc)]),
    Transform(({ value }) => normaliseText(value)),
    IsString(),
    MinLength(min, { message: `$property must not be empty` }),
    MaxLength(max, { message: `$property must be at most ${max} characters` }),
    Matches(FORBIDDEN, { message: FORBIDDEN_MESSAGE }),
  );
}

/** Like Text, optional; `null` clears the field. */
export function OptionalText(max: number, options: { description?: string; example?: string } = {}): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, maxLength: max, description: options.description, example: options.example }),
    Transform(({ value }) => normaliseText(value)),
    IsOptional(),
    ValidateIf((_o, v) => v !== null),
    IsString(),
    MaxLength(max, { message: `$property must be at most ${max} characters` }),
    Matches(FORBIDDEN, { message: FORBIDDEN_MESSAGE }),
  );
}

/** Lower-cased, trimmed e-mail. */
export function normaliseEmail(value: unknown): unknown {
  return typeof value === 'string' ? value.normalize('NFC').trim().toLowerCase() : value;
}
