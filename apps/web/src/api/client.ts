/**
 * The one way the web app talks to the API: same-origin fetch, JSON in and out, the CSRF
 * double-submit header on every unsafe request, and RFC 9457 problems turned into `ApiError`.
 */

export const API_BASE = '/api/v1';
const CSRF_COOKIE = 'regards_csrf';
const CSRF_HEADER = 'X-CSRF-Token';

export interface ProblemFieldError {
  path: string;
  code: string;
  message: string;
}

/** RFC 9457 problem details as the API sends them, plus the extension members it uses. */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: ProblemFieldError[];
  retryAfterSeconds?: number;
  /** 409 stale-revision: the revision now stored. */
  currentRevision?: number;
  /** 409 draft-exists: the draft to edit instead. */
  draftId?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly problem: Problem;
  /** From the problem's `retryAfterSeconds`, or else the Retry-After header. */
  readonly retryAfterSeconds: number | undefined;

  constructor(problem: Problem, retryAfterSeconds?: number) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
    this.retryAfterSeconds = problem.retryAfterSeconds ?? retryAfterSeconds;
  }

  get fieldErrors(): ProblemFieldError[] {
    return this.problem.errors ?? [];
  }
}

/** Status 0: the request never got an HTTP answer (offline, server down, aborted). */
export const NETWORK_ERROR_CODE = 'network-error';

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

async function toApiError(response: Response): Promise<ApiError> {
  let problem: Problem = { status: response.status, title: response.statusText };
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      problem = { ...problem, ...body, status: response.status };
    } catch {
      // A malformed body still leaves the status to reason about.
    }
  }
  return new ApiError(problem, parseRetryAfter(response.headers.get('retry-after')));
}

async function send(input: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, code: NETWORK_ERROR_CODE, title: 'Network error' });
  }
}

let csrfFromBody: string | undefined;
let csrfPending: Promise<string> | undefined;

function fetchCsrfToken(): Promise<string> {
  csrfPending ??= (async () => {
    const response = await send(`${API_BASE}/auth/csrf`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) throw await toApiError(response);
    const body = (await response.json()) as { csrfToken: string };
    csrfFromBody = body.csrfToken;
    return readCookie(CSRF_COOKIE) ?? body.csrfToken;
  })().finally(() => {
    csrfPending = undefined;
  });
  return csrfPending;
}

async function csrfToken(): Promise<string> {
  return readCookie(CSRF_COOKIE) ?? csrfFromBody ?? (await fetchCsrfToken());
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
}

async function request<T>(method: HttpMethod, path: string, options: RequestOptions, retried: boolean): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers[CSRF_HEADER] = await csrfToken();

  const response = await send(`${API_BASE}${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });

  if (!response.ok) {
    const error = await toApiError(response);
    // A stale or rotated CSRF token: get a fresh one and try once more.
    if (method !== 'GET' && !retried && error.status === 403 && /csrf/i.test(error.code ?? '')) {
      csrfFromBody = undefined;
      await fetchCsrfToken();
      return request<T>(method, path, options, true);
    }
    throw error;
  }
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The file name a Content-Disposition header gives (`filename*` in UTF-8 first), if any. */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // a malformed encoding: fall back to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1];
}

/**
 * Downloads a file the API sends (an export, a PDF) through fetch rather than a plain link, so
 * that a refusal — a busy server (503 with Retry-After), a lost session — becomes an `ApiError`
 * the page can say in words, instead of the browser showing the JSON problem in place of the app.
 */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const response = await send(url, { credentials: 'same-origin', headers: { Accept: '*/*' } });
  if (!response.ok) throw await toApiError(response);
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked once the browser has surely taken the file over.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

export const api = {
  get: <T>(path: string, options: RequestOptions = {}) => request<T>('GET', path, options, false),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }, false),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }, false),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }, false),
  delete: <T = void>(path: string) => request<T>('DELETE', path, {}, false),
};

/** Encodes one path segment (ids and tokens come from URLs and the server). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
