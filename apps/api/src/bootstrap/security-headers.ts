import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** Where Swagger UI is served: its page carries inline `<style>` blocks and `style` attributes. */
export const API_DOCS_PATH = '/api/docs';

/** One year, without includeSubDomains: Regards often runs on a subdomain of an organization's site. */
export const HSTS_VALUE = 'max-age=31536000';

type DirectiveValue = string | ((req: IncomingMessage, res: ServerResponse) => string);

/** This request's nonce, made by cspNonceMiddleware (web-app.ts) and written into index.html. */
const styleNonce: DirectiveValue = (_req, res) => `'nonce-${(res as Response).locals['cspNonce'] as string}'`;

/**
 * The policy of every page and API answer. Scripts come only from our origin (the Vite build has
 * no inline script); `<style>` elements need this request's nonce (Mantine and SurveyJS stamp it,
 * see apps/web/src/app/csp-nonce.ts); nothing may frame a page, post a form elsewhere, load a
 * plugin or change the base URL.
 */
const APP_DIRECTIVES: Record<string, DirectiveValue[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", styleNonce],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Swagger UI's page (@nestjs/swagger's template) writes `<style>` blocks and `style` attributes
 * inline and cannot take a nonce, so styles only are relaxed there; its scripts are files of
 * our origin, so `script-src` stays `'self'` without `'unsafe-inline'`.
 */
const DOCS_DIRECTIVES: Record<string, DirectiveValue[]> = {
  ...APP_DIRECTIVES,
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
};

function headersWith(directives: Record<string, DirectiveValue[]>) {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    // Token pages (/r/:token, /s/:code, /invitations/:token) must never leak their URL.
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    // Sent only over TLS, by `strictTransportSecurityOverTls` below.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * Security headers of every answer: HTML pages, static files, API JSON and errors.
 * Runs first, so errors raised later carry the same headers.
 */
export function securityHeaders(): (req: Request, res: Response, next: NextFunction) => void {
  const app = headersWith(APP_DIRECTIVES);
  const docs = headersWith(DOCS_DIRECTIVES);
  return (req, res, next) => {
    strictTransportSecurityOverTls(req, res);
    const isDocsPage = req.path === API_DOCS_PATH || req.path.startsWith(`${API_DOCS_PATH}/`);
    (isDocsPage ? docs : app)(req, res, next);
  };
}

/**
 * HSTS only on an answer to a request that came over TLS: `req.secure` is true for a TLS socket,
 * or, when TRUST_PROXY is set, for `X-Forwarded-Proto: https` from the proxy. Without TRUST_PROXY
 * the header is ignored, whoever sends it, so a plain-HTTP install on a LAN is never pinned to
 * HTTPS by a forged header.
 */
function strictTransportSecurityOverTls(req: Request, res: Response): void {
  if (req.secure) res.setHeader('Strict-Transport-Security', HSTS_VALUE);
}
