// What the benchmarks and the fault test share: a free local port, the built API as a child
// process, a cookie-keeping API client, and an evaluation set up as a facilitator would.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

export const DEMO_LOGIN = { email: 'demo@regards.local', password: 'regards-demo-2026' };

/** A port nobody listens on, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Refuses anything but a PostgreSQL on this machine: load goes to localhost only. */
export function assertLocal(url, what) {
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname)) {
    throw new Error(`${what} runs against a local PostgreSQL only, not ${url.hostname}`);
  }
}

/**
 * Starts the built API (`dist/`, under `root`) on `port` with this environment; resolves once
 * `/api/v1/health/ready` answers. `nodeArgs` go before the script (profiling, heap limits).
 */
export async function startApi({ root = '.', port, env, nodeArgs = [], stdio = ['ignore', 'inherit', 'inherit'] }) {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, 'dist/apps/api/src/main.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), PUBLIC_URL: base, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
    stdio,
  });
  await waitReady(base, child);
  return { child, base };
}

export async function waitReady(base, child, timeoutMs = 120_000) {
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('the API exited during start-up');
    if (Date.now() - t0 > timeoutMs) throw new Error(`the API was not ready after ${timeoutMs / 1000} s`);
    try {
      if ((await fetch(base + '/api/v1/health/ready')).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Stops a child process and waits for it to be gone. */
export async function stopProcess(child, signal = 'SIGTERM') {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await gone;
}

/** A minimal cookie-keeping client of the API (CSRF token included). */
export function client(base) {
  const cookies = new Map();
  let csrf;
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  /** The parsed body and its size in characters; throws on a status other than 2xx. */
  const request = async (method, path, body) => {
    const headers = { cookie: cookieHeader() };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const res = await fetch(base + '/api/v1' + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [k, v] = pair.split('=');
      cookies.set(k, v);
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
    return { body: text ? JSON.parse(text) : undefined, bytes: text.length };
  };
  const send = async (method, path, body) => (await request(method, path, body)).body;
  return {
    send,
    request,
    cookies,
    cookieHeader,
    get csrf() {
      return csrf;
    },
    async init() {
      csrf = (await send('GET', '/auth/csrf')).csrfToken;
    },
    async login(email, password) {
      csrf = (await send('GET', '/auth/csrf')).csrfToken;
      const session = await send('POST', '/auth/login', { email, password });
      csrf = session.csrfToken ?? (await send('GET', '/auth/csrf')).csrfToken;
      return session;
    },
  };
}

/**
 * As a facilitator of the demo network: a new evaluation of its first organization on the socle
 * commun, collecting since yesterday, with these groups. Returns its ids and its API path.
 */
export async function collectingEvaluation(facilitator, { title, groups }) {
  const [workspace] = await facilitator.send('GET', '/workspaces');
  const w = `/workspaces/${workspace.id}`;
  const [organization] = await facilitator.send('GET', `${w}/organizations`);
  const frameworks = await facilitator.send('GET', `${w}/frameworks`);
  const published = frameworks.find((f) => f.builtinKey === 'socle-commun').latestPublished;
  const now = Date.now();
  const evaluation = await facilitator.send('POST', `${w}/organizations/${organization.id}/evaluations`, {
    title,
    frameworkVersionId: published.id,
    opensAt: new Date(now - 86_400_000).toISOString(),
    closesAt: new Date(now + 30 * 86_400_000).toISOString(),
    groups,
  });
  const path = `${w}/organizations/${organization.id}/evaluations/${evaluation.id}`;
  await facilitator.send('POST', `${path}/transitions`, { to: 'collecting' });
  return { evaluation, path, workspaceId: workspace.id, organizationId: organization.id };
}

/** The value at percentile p of an ascending array. */
export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
