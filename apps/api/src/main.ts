import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap/create-app.js';
import { ConfigError, loadConfig, type AppConfig } from './config/config.schema.js';
import { openDatabaseConnection } from './database/database-connection.js';
import { DEMO_ADMIN, DemoSeedService } from './modules/demo/demo-seed.service.js';

async function main(): Promise<void> {
  const started = performance.now();
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const database = await openDatabaseConnection(config);
  const app = await createApp(config, database);
  const logger = new Logger('Regards');

  let stopping: Promise<void> | undefined;
  const stop = (signal: string) => {
    stopping ??= (async () => {
      logger.log(`${signal} received: finishing requests, closing the database`);
      await app.close();
      await database.close();
      process.exit(0);
    })();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  if (config.demoSeed) {
    const created = await app.get(DemoSeedService).seed();
    logger.log(created ? 'Demo workspace created' : 'Demo workspace already present');
  }
  await app.listen(config.port, config.host);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const where = database.embedded ? `embedded database in ${database.embedded.dataDir}` : 'PostgreSQL from DATABASE_URL';
  console.log(`\n  Regards is ready on ${config.publicUrl} (${where}, started in ${seconds} s)`);
  if (config.demoSeed) console.log(`  Demo login: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}\n`);
}

main().catch((error: unknown) => {
  console.error('Regards could not start:', error);
  process.exit(1);
});
