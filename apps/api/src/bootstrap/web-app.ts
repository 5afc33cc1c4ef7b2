import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppException } from '../common/app.exception.js';

/**
 * Serves the built web app from the same origin as the API: hashed assets with long caching,
 * and index.html for every other GET outside /api, with this request's CSP nonce in it.
 */
export function webAppMiddleware(webDir: string): express.Router {
  const dir = resolve(webDir);
  const indexPath = join(dir, 'index.html');
  const router = express.Router();
  router.use('/assets', express.static(join(dir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
  // A missing asset (an old chunk after a deploy) is a 404, never the app's page.
  router.use('/assets', (req: Request, _res: Response, next: NextFunction) => next(new AppException('not-found', `No file ${req.originalUrl.split('?')[0]}.`)));
  router.use(express.static(dir, { index: false, maxAge: '1h' }));
  let template: string | undefined;
  router.get(/^(?!\/api(\/|$)).*/, (_req: Request, res: Response, next: NextFunction) => {
    if (template === undefined) {
      if (!existsSync(indexPath)) {
        res.status(404).type('text/plain').send('The web app is not built: run `npm run build:web`.');
        return;
      }
      template = readFileSync(indexPath, 'utf8');
    }
    const nonce = res.locals['cspNonce'] as string | undefined;
    if (!nonce) return next(new Error('CSP nonce missing'));
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(template.replaceAll('__CSP_NONCE__', nonce));
  });
  return router;
}

export function cspNonceMiddleware(_req: Request, res: Response, next: NextFunction): void {
  res.locals['cspNonce'] = randomBytes(16).toString('base64');
  next();
}
