import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { Response } from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The shape of Vite's build: one module script and one stylesheet from /assets, the nonce placeholder. */
const INDEX_HTML = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="UTF-8" />
    <meta name="csp-nonce" content="__CSP_NONCE__" />
    <title>Regards</title>
    <script type="module" crossorigin src="/assets/index-abc123.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-abc123.css">
  </head>
  <body><div id="root"></div></body>
</html>
`;

/** The directives of a Content-Security-Policy header, by name. */
function parseCsp(header: string | undefined): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

/** What every answer of Regards carries, whatever its kind. */
function expectSecurityHeaders(res: Response, where: string): Map<string, string[]> {
  const csp = parseCsp(res.headers['content-security-policy']);
  const headers = {
    where,
    hasCsp: csp.size > 0,
    scriptSrc: csp.get('script-src'),
    objectSrc: csp.get('object-src'),
    baseUri: csp.get('base-uri'),
    formAction: csp.get('form-action'),
    frameAncestors: csp.get('frame-ancestors'),
    frameOptions: res.headers['x-frame-options'],
    referrer: res.headers['referrer-policy'],
    nosniff: res.headers['x-content-type-options'],
    poweredBy: res.headers['x-powered-by'],
    hsts: res.headers['strict-transport-security'],
  };
  expect(headers).toEqual({
    where,
    hasCsp: true,
    scriptSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    frameOptions: 'DENY',
    referrer: 'no-referrer',
    nosniff: 'nosniff',
    poweredBy: undefined,
    // Plain HTTP here: never pinned to HTTPS.
    hsts: undefined,
  });
  // Nothing anywhere may run inline or evaluated code.
  expect({ where, csp: res.headers['content-security-policy'] }).toEqual({ where, csp: expect.not.stringMatching(/unsafe-eval/) });
  const defaultSrc = csp.get('default-src') ?? [];
  expect({ where, defaultSrc }).toEqual({ where, defaultSrc: ["'self'"] });
  return csp;
}

describe('security headers', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = await mkdtemp(join(tmpdir(), 'regards-web-'));
    await mkdir(join(webDir, 'assets'));
    await writeFile(join(webDir, 'index.html'), INDEX_HTML);
    await writeFile(join(webDir, 'assets', 'index-abc123.js'), 'console.log("Regards");\n');
    await writeFile(join(webDir, 'assets', 'index-abc123.css'), 'body { margin: 0; }\n');
    await writeFile(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startTestApp({ WEB_DIR: webDir });
  });

  afterAll(async () => {
    await t?.close();
    await rm(webDir, { recursive: true, force: true });
  });

  const http = () => request(t.app.getHttpServer());

  it.each([
    ['the single-page app', '/login'],
    ['the app root', '/'],
    ['a questionnaire link page', '/r/AbCdEfGhIjKlMnOpQrStUv'],
    ['a collective session page', '/s/KX7P2Q'],
    ['the collective session code page', '/s'],
    ['an invitation page', '/invitations/AbCdEfGhIjKlMnOpQrStUv'],
  ])('sends the strict policy with a fresh style nonce on %s', async (_label, path) => {
    const res = await http().get(path);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = expectSecurityHeaders(res, path);
    const styleSrc = csp.get('style-src') ?? [];
    expect(styleSrc).not.toContain("'unsafe-inline'");
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(styleSrc.join(' '))?.[1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    // The page carries the same nonce for the app's style injection, and no placeholder is left.
    expect(res.text).toContain(`<meta name="csp-nonce" content="${nonce}" />`);
    expect(res.text).not.toContain('__CSP_NONCE__');
    expect(res.headers['cache-control']).toBe('no-cache');
    // Each answer has its own nonce.
    const again = await http().get(path);
    expect(again.headers['content-security-policy']).not.toBe(res.headers['content-security-policy']);
  });

  it('sends the headers with static files and with a missing static file', async () => {
    const script = await http().get('/assets/index-abc123.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expectSecurityHeaders(script, 'asset');
    expect(script.headers['cache-control']).toMatch(/immutable/);
    expectSecurityHeaders(await http().get('/favicon.svg'), 'favicon');
    const missing = await http().get('/assets/index-missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectSecurityHeaders(missing, 'missing asset');
  });

  it('sends the headers with API JSON answers and API errors', async () => {
    const health = await http().get('/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.headers['content-type']).toMatch(/^application\/json/);
    expectSecurityHeaders(health, 'health');

    const unauthenticated = await http().get('/api/v1/auth/session');
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectSecurityHeaders(unauthenticated, '401');

    const unknown = await http().get('/api/v1/no-such-route');
    expect(unknown.status).toBe(404);
    expectSecurityHeaders(unknown, '404');

    const badBody = await http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{not json');
    expect(badBody.status).toBe(400);
    expectSecurityHeaders(badBody, 'malformed JSON');

    const token = await http().get('/api/v1/r/AbCdEfGhIjKlMnOpQrStUv');
    expect(token.status).toBe(404);
    expectSecurityHeaders(token, 'API token route');
  });

  it('serves the OpenAPI page with scripts from its own origin only; only its styles may be inline', async () => {
    const page = await http().get('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = expectSecurityHeaders(page, 'docs');
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    // Every script of the page is a file: the policy above lets all of them run.
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/src=/);
      expect(body!.trim()).toBe('');
    }
    const init = await http().get('/api/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expectSecurityHeaders(init, 'docs script');
    const json = await http().get('/api/docs-json');
    expect(json.status).toBe(200);
    const jsonCsp = expectSecurityHeaders(json, 'docs JSON');
    expect(jsonCsp.get('style-src')).not.toContain("'unsafe-inline'");
  });

  it('ignores X-Forwarded-Proto without TRUST_PROXY: no HSTS over plain HTTP', async () => {
    const res = await http().get('/login').set('X-Forwarded-Proto', 'https');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const api = await http().get('/api/v1/health').set('X-Forwarded-Proto', 'https');
    expect(api.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('security headers behind a TLS-terminating proxy (TRUST_PROXY=true)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true', PUBLIC_URL: 'https://regards.example.org' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends HSTS on answers to requests the proxy received over HTTPS', async () => {
    const secure = await request(t.app.getHttpServer()).get('/api/v1/health').set('X-Forwarded-Proto', 'https');
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000');
    const error = await request(t.app.getHttpServer()).get('/api/v1/auth/session').set('X-Forwarded-Proto', 'https');
    expect(error.status).toBe(401);
    expect(error.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('sends no HSTS on a plain HTTP request, even with an https PUBLIC_URL', async () => {
    const plain = await request(t.app.getHttpServer()).get('/api/v1/health');
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const forwardedHttp = await request(t.app.getHttpServer()).get('/api/v1/health').set('X-Forwarded-Proto', 'http');
    expect(forwardedHttp.headers['strict-transport-security']).toBeUndefined();
  });
});
