import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppException, ERROR_CODES, type ErrorCode, type FieldError } from './app.exception.js';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** Errors raised by Express middleware (body-parser) carry a `type` and a `status`. */
interface MiddlewareError {
  type?: string;
  status?: number;
  statusCode?: number;
  message?: string;
}

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'validation-failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-attempts',
};

/** Turns any error into an RFC 9457 problem+json document, and never a 500 for bad input. */
export function toProblem(exception: unknown, path: string): ProblemDocument {
  let code: ErrorCode = 'internal-error';
  let detail = 'An unexpected error occurred; it has been logged.';
  let errors: FieldError[] | undefined;
  let extra: Record<string, unknown> = {};
  if (exception instanceof AppException) {
    code = exception.code;
    detail = exception.detail;
    errors = exception.errors;
    extra = exception.extra ?? {};
  } else if (exception instanceof HttpException) {
    code = STATUS_CODES[exception.getStatus()] ?? 'internal-error';
    detail = code === 'not-found' ? `No route ${path}.` : exception.message;
  } else if (isDatabaseUnreachable(exception)) {
    code = 'database-unavailable';
    detail = 'The database cannot be reached just now; nothing was saved. Try again in a few seconds.';
    extra = { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS };
  } else if (isMiddlewareError(exception)) {
    if (exception.type === 'entity.parse.failed') {
      code = 'malformed-json';
      detail = 'The request body is not valid JSON.';
    } else if (exception.type === 'entity.too.large') {
      code = 'payload-too-large';
      detail = 'The request body is larger than the server accepts.';
    } else if (exception.type === 'encoding.unsupported' || exception.type === 'charset.unsupported') {
      code = 'unsupported-media-type';
      detail = exception.message ?? 'Unsupported body encoding.';
    } else {
      code = STATUS_CODES[exception.status ?? exception.statusCode ?? 500] ?? 'internal-error';
      detail = exception.message ?? detail;
    }
  }
  const { status, title } = ERROR_CODES[code];
  return {
    type: `https://regards.coop/problems/${code}`,
    title,
    status,
    detail,
    code,
    instance: path,
    ...(errors ? { errors } : {}),
    ...extra,
  };
}

/** How long a client is asked to wait before retrying while the database is unreachable. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Lost or refused connections to PostgreSQL (a restart, a failover): the request may be retried
 * as is. SQLSTATE class 08 (connection exception), 57P01–57P03 (shutting down, cannot connect
 * now), and the driver's own connection errors.
 */
function isDatabaseUnreachable(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const error = e as { code?: unknown; message?: unknown; driverError?: unknown };
  const inner = (typeof error.driverError === 'object' && error.driverError !== null ? error.driverError : error) as { code?: unknown; message?: unknown };
  const code = typeof inner.code === 'string' ? inner.code : '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03'].includes(code) || code.startsWith('08')) return true;
  const message = typeof inner.message === 'string' ? inner.message : '';
  return /^Connection terminated|^timeout exceeded when trying to connect|Client has encountered a connection error/.test(message);
}

function isMiddlewareError(e: unknown): e is MiddlewareError {
  return typeof e === 'object' && e !== null && typeof (e as MiddlewareError).type === 'string' && ('status' in e || 'statusCode' in e);
}

export function sendProblem(res: Response, problem: ProblemDocument): void {
  if (typeof problem['retryAfterSeconds'] === 'number') {
    res.setHeader('Retry-After', String(problem['retryAfterSeconds']));
  }
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const problem = toProblem(exception, req.path);
    if (problem.status >= 500) this.logger.error(exception);
    if (res.headersSent) return;
    sendProblem(res, problem);
  }
}
