import { Injectable, type PipeTransform } from '@nestjs/common';
import { AppException } from '../../common/app.exception.js';
import { parseAnswerId } from './verbatim-rules.js';

/** A `:verbatim` path parameter: the answer row id of the verbatim, digits, or 400. */
@Injectable()
export class VerbatimIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const id = parseAnswerId(value);
    if (id !== null) return id;
    throw new AppException('invalid-id', `Path parameter verbatim must be the id of a verbatim, a whole number (got ${JSON.stringify(value.slice(0, 60))}).`, [
      { path: 'params.verbatim', code: 'isNumberString', message: 'verbatim must be the id of a verbatim (digits)' },
    ]);
  }
}
