import type { OrganizationRole, WorkspaceRole } from '#domain';
import { OrganizationEntity } from '../../apps/api/src/modules/organizations/organization.entity.js';
import { OrganizationsService } from '../../apps/api/src/modules/organizations/organizations.service.js';
import { UsersService } from '../../apps/api/src/modules/users/users.service.js';
import { WorkspacesService } from '../../apps/api/src/modules/workspaces/workspaces.service.js';
import type { ApiClient, TestApp } from './test-app.js';

export const PASSWORD = 'correct horse battery staple';
let counter = 0;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  client: ApiClient;
}

/** Creates a user through the real service and returns a logged-in client. */
export async function createUser(t: TestApp, opts: { email?: string; platformAdmin?: boolean; login?: boolean } = {}): Promise<TestUser> {
  counter += 1;
  const email = opts.email ?? `user${counter}-${Date.now()}@example.org`;
  const user = await t.app.get(UsersService).create({ email, displayName: `User ${counter}`, password: PASSWORD, isPlatformAdmin: opts.platformAdmin ?? false });
  const client = t.client();
  if (opts.login !== false) await client.login(email, PASSWORD);
  return { id: user.id, email, password: PASSWORD, client };
}

export async function createWorkspace(t: TestApp, admin: TestUser, name = `Réseau ${++counter}`): Promise<string> {
  const workspace = await t.app.get(WorkspacesService).create(name, admin.id);
  return workspace.id;
}

export async function addMember(t: TestApp, workspaceId: string, user: TestUser, role: WorkspaceRole): Promise<void> {
  await t.dataSource.transaction((m) => t.app.get(WorkspacesService).addMember(workspaceId, user.id, role, m));
}

export async function createOrganization(t: TestApp, workspaceId: string, name = `Structure ${++counter}`): Promise<string> {
  const saved = await t.dataSource.manager.save(t.dataSource.manager.create(OrganizationEntity, { workspaceId, name, legalForm: null, city: null, description: null }));
  return saved.id;
}

export async function addOrganizationMember(t: TestApp, workspaceId: string, organizationId: string, user: TestUser, role: OrganizationRole): Promise<void> {
  await t.dataSource.transaction((m) => t.app.get(OrganizationsService).addMember(workspaceId, organizationId, user.id, role, m));
}

/** A fingerprint of every application table, to prove a request changed nothing. */
export async function databaseFingerprint(t: TestApp, ignore: string[] = ['rate_limit_bucket', 'session', 'audit_event']): Promise<Record<string, string>> {
  const tables = await t.dataSource.query<Array<{ table_name: string }>>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out: Record<string, string> = {};
  for (const { table_name } of tables) {
    if (ignore.includes(table_name)) continue;
    const rows = await t.dataSource.query<Array<{ n: string; h: string | null }>>(
      `SELECT count(*)::text AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h FROM "${table_name}" t`,
    );
    out[table_name] = `${rows[0]!.n}:${rows[0]!.h ?? ''}`;
  }
  return out;
}
