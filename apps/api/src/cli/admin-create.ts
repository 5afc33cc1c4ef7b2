import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module.js';
import { ConfigError, loadConfig } from '../config/config.schema.js';
import { openDatabaseConnection } from '../database/database-connection.js';
import { PASSWORD_MIN_LENGTH } from '../modules/auth/password.service.js';
import { UsersService } from '../modules/users/users.service.js';
import { WorkspacesService } from '../modules/workspaces/workspaces.service.js';

const USAGE = `usage: npm run admin:create -- --email EMAIL [--name "Display Name"] [--workspace "Network name"]
  The password is read from REGARDS_ADMIN_PASSWORD, or generated and printed once.
  On the embedded database, stop the server first (the database has one owner).`;

/** Creates a platform administrator (who may create workspaces), and optionally a first workspace. */
async function main(): Promise<number> {
  let values: { email?: string; name?: string; workspace?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { email: { type: 'string' }, name: { type: 'string' }, workspace: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const email = values.email?.trim().toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    console.error(`--email must be an e-mail address (got ${JSON.stringify(values.email ?? null)})\n${USAGE}`);
    return 2;
  }
  const given = process.env['REGARDS_ADMIN_PASSWORD'];
  if (given !== undefined && given.length < PASSWORD_MIN_LENGTH) {
    console.error(`REGARDS_ADMIN_PASSWORD must be at least ${PASSWORD_MIN_LENGTH} characters`);
    return 2;
  }
  const password = given ?? randomBytes(12).toString('base64url');
  const config = { ...loadConfig(process.env), demoSeed: false, logLevel: 'warn' as const };
  const database = await openDatabaseConnection(config);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, database), { logger: ['error', 'warn'] });
  try {
    const users = app.get(UsersService);
    if (await users.findByEmail(email)) {
      console.error(`an account with ${email} already exists`);
      return 1;
    }
    await app.get(DataSource).transaction(async (m) => {
      const user = await users.create({ email, displayName: values.name?.trim() || email.split('@')[0]!, password, isPlatformAdmin: true }, m);
      if (values.workspace?.trim()) await app.get(WorkspacesService).create(values.workspace.trim(), user.id, m);
    });
    console.log(`Created platform administrator ${email}${values.workspace ? ` with workspace "${values.workspace.trim()}"` : ''}.`);
    if (given === undefined) console.log(`Password (shown once): ${password}`);
    return 0;
  } finally {
    await app.close();
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
