import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/bootstrap/create-app.js';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/config.schema.js';
import type { DatabaseConnection } from '../../apps/api/src/database/database-connection.js';
import { createTestDatabase } from './test-database.js';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  dataSource: DataSource;
  database: DatabaseConnection;
  /** a new client with its own cookie jar */
  client(): ApiClient;
  close(): Promise<void>;
}

/** The real application on a fresh database built by the migrations. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_SEED: 'false', PORT: '0', ...env });
  const app = await createApp(config, database);
  const dataSource = app.get(DataSource);
  let closed = false;
  return {
    app,
    config,
    dataSource,
    database,
    client: () => new ApiClient(app),
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      await database.close();
    },
  };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * An HTTP client that behaves like the web app: keeps cookies and echoes the regards_csrf
 * cookie in X-CSRF-Token on state-changing requests.
 */
export class ApiClient {
  readonly agent: ReturnType<typeof request.agent>;
  csrfToken: string | undefined;

  constructor(app: NestExpressApplication) {
    this.agent = request.agent(app.getHttpServer());
  }

  async send(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    if (method !== 'get' && this.csrfToken === undefined) await this.fetchCsrf();
    let req = this.agent[method](`/api/v1${path}`);
    if (method !== 'get' && this.csrfToken) req = req.set('X-CSRF-Token', this.csrfToken);
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    const res = body === undefined ? await req : await req.send(body as object);
    this.captureCsrf(res);
    return res;
  }

  get(path: string) {
    return this.send('get', path);
  }
  post(path: string, body?: unknown) {
    return this.send('post', path, body ?? {});
  }
  patch(path: string, body?: unknown) {
    return this.send('patch', path, body ?? {});
  }
  delete(path: string) {
    return this.send('delete', path);
  }

  async fetchCsrf(): Promise<void> {
    const res = await this.agent.get('/api/v1/auth/csrf');
    this.csrfToken = (res.body as { csrfToken: string }).csrfToken;
  }

  async login(email: string, password: string): Promise<Response> {
    const res = await this.post('/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res;
  }

  private captureCsrf(res: Response): void {
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    for (const c of cookies) {
      const m = /^regards_csrf=([^;]*)/.exec(c);
      if (m?.[1]) this.csrfToken = decodeURIComponent(m[1]);
    }
  }
}
