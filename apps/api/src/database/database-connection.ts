import type { AppConfig } from '../config/config.schema.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

/** Where the database is: a real PostgreSQL (DATABASE_URL) or the embedded one. */
export interface DatabaseConnection {
  url: string;
  poolSize: number;
  embedded: EmbeddedPostgres | undefined;
  close(): Promise<void>;
}

export async function openDatabaseConnection(config: AppConfig): Promise<DatabaseConnection> {
  if (config.database.url) {
    return { url: config.database.url, poolSize: config.database.poolSize, embedded: undefined, close: async () => {} };
  }
  const embedded = await EmbeddedPostgres.start(config.database.dataDir);
  return { url: embedded.url, poolSize: 1, embedded, close: () => embedded.close() };
}
