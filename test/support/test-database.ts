import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConnection } from '../../apps/api/src/database/database-connection.js';
import { EmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres.js';

/**
 * A fresh, empty database for one test file: a new database on the PostgreSQL server of
 * DATABASE_URL when it is set (dropped afterwards), otherwise a new embedded PostgreSQL in a
 * temporary folder. The schema is then built by the migrations, as in production.
 */
export async function createTestDatabase(): Promise<DatabaseConnection> {
  const serverUrl = process.env['DATABASE_URL'];
  if (serverUrl) {
    const name = `regards_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      poolSize: 5,
      embedded: undefined,
      close: async () => {
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'regards-test-'));
  const embedded = await EmbeddedPostgres.start(join(dir, 'pgdata'));
  return {
    url: embedded.url,
    poolSize: 1,
    embedded,
    close: async () => {
      await embedded.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
