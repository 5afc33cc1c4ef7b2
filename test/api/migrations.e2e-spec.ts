import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MIGRATIONS } from '../../migrations/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('migrations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('build exactly the schema the entities describe (generating on a migrated database yields no change)', async () => {
    const sql = await t.dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('have all been applied, in order', async () => {
    const rows = await t.dataSource.query<Array<{ name: string }>>(`SELECT name FROM typeorm_migrations ORDER BY id`);
    expect(rows.map((r) => r.name)).toEqual(MIGRATIONS.map((M) => new M().name));
  });

  it('revert down to an empty schema and apply again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await t.dataSource.undoLastMigration({ transaction: 'each' });
    const left = await t.dataSource.query<Array<{ table_name: string }>>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`,
    );
    expect(left).toEqual([]);
    await t.dataSource.runMigrations({ transaction: 'each' });
    const sql = await t.dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries).toHaveLength(0);
  });
});
