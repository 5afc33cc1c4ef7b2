import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

/**
 * The built server as `npm start` runs it (npm test builds before the API tests): bad
 * configuration stops it, the embedded database is created and seeded once, SIGTERM stops it
 * cleanly.
 */
const MAIN = 'dist/apps/api/src/main.js';

interface Run {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env['PATH'] ?? '', LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exit };
}

async function waitReady(port: number, r: Run): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (r.child.exitCode !== null) throw new Error(`server exited: ${r.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`not ready: ${r.output()}`);
}

async function demoCounts(port: number): Promise<{ workspaces: number; organizations: number }> {
  const csrf = await fetch(`http://127.0.0.1:${port}/api/v1/auth/csrf`);
  const cookie = (csrf.headers.get('set-cookie') ?? '').split(';')[0]!;
  const token = ((await csrf.json()) as { csrfToken: string }).csrfToken;
  const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie },
    body: JSON.stringify({ email: 'demo@regards.local', password: 'regards-demo-2026' }),
  });
  expect(login.status).toBe(200);
  const session = (await login.json()) as { workspaces: Array<{ id: string }> };
  const sessionCookie = login.headers.getSetCookie().find((c) => c.startsWith('regards_session='))!.split(';')[0]!;
  const organizations = await fetch(`http://127.0.0.1:${port}/api/v1/workspaces/${session.workspaces[0]!.id}/organizations`, {
    headers: { cookie: sessionCookie },
  });
  return { workspaces: session.workspaces.length, organizations: ((await organizations.json()) as unknown[]).length };
}

describe('the server process', () => {
  let dir: string;

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first (npm test does)`);
    dir = await mkdtemp(join(tmpdir(), 'regards-process-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each([
    ['PORT', 'abc', 'PORT: expected an integer between 0 and 65535'],
    ['DATABASE_URL', 'mysql://localhost/x', 'DATABASE_URL: expected a postgres:// or postgresql:// URL'],
    ['SESSION_TTL_HOURS', '-1', 'SESSION_TTL_HOURS: expected an integer'],
  ])('refuses to start with %s=%s and names the variable', async (name, value, message) => {
    const r = run({ [name]: value, DATA_DIR: join(dir, 'unused') });
    expect(await r.exit).toBe(1);
    expect(r.output()).toContain('Invalid configuration');
    expect(r.output()).toContain(message);
    expect(existsSync(join(dir, 'unused'))).toBe(false);
  });

  it('creates and seeds the embedded database once, and stops cleanly on SIGTERM', async () => {
    const port = 3900 + Math.floor(Math.random() * 80);
    const env = { DATA_DIR: join(dir, 'data'), PORT: String(port), DATABASE_URL: '' };
    const first = run(env);
    await waitReady(port, first);
    expect(first.output()).toContain('Demo login: demo@regards.local / regards-demo-2026');
    expect(await demoCounts(port)).toEqual({ workspaces: 1, organizations: 3 });
    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);

    const second = run(env);
    await waitReady(port, second);
    expect(await demoCounts(port)).toEqual({ workspaces: 1, organizations: 3 });
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
  });
});
