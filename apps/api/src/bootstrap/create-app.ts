import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module.js';
import { AppException } from '../common/app.exception.js';
import { ProblemFilter, sendProblem, toProblem } from '../common/problem.filter.js';
import { createValidationPipe } from '../common/validation.pipe.js';
import type { AppConfig } from '../config/config.schema.js';
import type { DatabaseConnection } from '../database/database-connection.js';
import { securityHeaders } from './security-headers.js';
import { cspNonceMiddleware, webAppMiddleware } from './web-app.js';

export const API_PREFIX = 'api/v1';

/** Builds the whole application (used by main.ts and by the end-to-end tests). */
export async function createApp(config: AppConfig, database: DatabaseConnection): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // TRUST_PROXY=true: X-Forwarded-For and X-Forwarded-Proto give the client's IP (rate limits) and
  // scheme (HSTS). Unset, those headers are ignored whoever sends them.
  app.set('trust proxy', config.trustProxy);
  app.set('x-powered-by', false);
  app.set('query parser', 'simple');

  app.use(cspNonceMiddleware);
  app.use(securityHeaders());
  app.use(`/${API_PREFIX}`, requireJsonBodies);
  app.useBodyParser('json', { limit: config.bodyLimit, strict: true, type: ['application/json', 'application/*+json'] });
  app.use(cookieParser());
  app.setGlobalPrefix(API_PREFIX, { exclude: [] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());

  const document = SwaggerModule.createDocument(app, openApiConfig());
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'Regards API' });

  app.use(webAppMiddleware(config.webDir));
  // Errors raised by Express middleware (body parser, static files) become problem+json too.
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    sendProblem(res, toProblem(error, req.path));
  });
  await app.init();
  return app;
}

function openApiConfig(): Omit<OpenAPIObject, 'paths'> {
  return new DocumentBuilder()
    .setTitle('Regards API')
    .setDescription(
      'Co-evaluation of social utility. Errors are RFC 9457 problem+json. State-changing requests need the X-CSRF-Token header (GET /api/v1/auth/csrf).',
    )
    .setVersion('1')
    .addCookieAuth('regards_session')
    .build();
}

/** The one route that takes a raw body (an organization's logo, an image), which it reads and checks itself. */
const RAW_BODY_ROUTE = /^\/workspaces\/[^/]+\/organizations\/[^/]+\/logo\/?$/;

/** A body on /api must be JSON: a form or text body is refused rather than silently ignored. */
function requireJsonBodies(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is(['application/json', 'application/*+json']) && !(req.method === 'PUT' && RAW_BODY_ROUTE.test(req.path))) {
    return next(new AppException('unsupported-media-type', 'Send the request body as JSON (Content-Type: application/json).'));
  }
  next();
}
