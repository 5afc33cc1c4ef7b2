import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig, ConfigError } from '../config/config.schema.js';
import { createDataSource } from '../database/data-source.js';
import { openDatabaseConnection } from '../database/database-connection.js';

/**
 * npm run migration:run | migration:revert | migration:generate -- Name | migration:show
 * Works on the embedded database too (the server must be stopped: PGlite has one owner).
 */
const [command, name] = process.argv.slice(2);
const usage = 'usage: migrations.js run | revert | show | generate <PascalCaseName>';

async function main(): Promise<number> {
  if (!command || !['run', 'revert', 'show', 'generate'].includes(command)) {
    console.error(usage);
    return 2;
  }
  if (command === 'generate' && !/^[A-Z][A-Za-z0-9]*$/.test(name ?? '')) {
    console.error(`migration name must be PascalCase letters and digits (got ${JSON.stringify(name)})\n${usage}`);
    return 2;
  }
  const config = loadConfig(process.env);
  const connection = await openDatabaseConnection(config);
  const dataSource = createDataSource(connection.url, 1);
  try {
    await dataSource.initialize();
    if (command === 'run') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'no pending migration');
    } else if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('reverted the last migration');
    } else if (command === 'show') {
      const pending = await dataSource.showMigrations();
      console.log(pending ? 'pending migrations exist' : 'the database is up to date');
    } else {
      return await generate(dataSource, name!);
    }
    return 0;
  } finally {
    await dataSource.destroy().catch(() => undefined);
    await connection.close();
  }
}

async function generate(dataSource: ReturnType<typeof createDataSource>, baseName: string): Promise<number> {
  const pending = await dataSource.showMigrations();
  if (pending) {
    console.error('apply pending migrations first (npm run migration:run)');
    return 1;
  }
  const sql = await dataSource.driver.createSchemaBuilder().log();
  if (sql.upQueries.length === 0) {
    console.log('no change: entities and migrations agree');
    return 0;
  }
  const timestamp = Date.now();
  const className = `${baseName}${timestamp}`;
  const quote = (q: string) => '`' + q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
  const up = sql.upQueries.map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
  const down = [...sql.downQueries].reverse().map((q) => `    await queryRunner.query(${quote(q.query)});`).join('\n');
  const file = `${timestamp}-${baseName}`;
  const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`;
  const dir = resolve('migrations');
  await writeFile(resolve(dir, `${file}.ts`), body);
  const indexPath = resolve(dir, 'index.ts');
  const index = await readFile(indexPath, 'utf8');
  const withImport = index.replace(
    /(export const MIGRATIONS)/,
    `import { ${className} } from './${file}.js';\n\n$1`,
  );
  const updated = withImport.replace(/= \[([\s\S]*?)\];/, (_m, list: string) => {
    const items = list.split(',').map((s) => s.trim()).filter(Boolean).concat(className);
    return `= [\n${items.map((i) => `  ${i},`).join('\n')}\n];`;
  });
  await writeFile(indexPath, updated);
  console.log(`wrote migrations/${file}.ts (${sql.upQueries.length} statements) and registered it in migrations/index.ts`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
