import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/config.schema.js';

/** Path segments that are secrets (invitation and questionnaire tokens) are not logged. */
const TOKEN_IN_PATH = /(\/(?:invitations|r|q)\/)(?!accept\b)[A-Za-z0-9_-]{10,}/g;
const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const [path, query] = url.split('?', 2);
  return path!.replace(TOKEN_IN_PATH, '$1[redacted]') + (query ? '?[redacted]' : '');
}

/**
 * JSON logs with a request id (X-Request-Id, echoed back) and no secrets: request bodies
 * (passwords, answers) are never logged; cookies, CSRF tokens and tokens in paths are redacted.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: string; method: string; url: string; remoteAddress?: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      redact: { paths: ['req.headers', 'res.headers', '*.password', '*.token'], remove: true },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/v1/health') },
    },
  };
}
