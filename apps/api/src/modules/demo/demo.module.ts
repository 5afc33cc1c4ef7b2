import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { UsersModule } from '../users/users.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({ imports: [UsersModule, WorkspacesModule, OrganizationsModule], providers: [DemoSeedService], exports: [DemoSeedService] })
export class DemoModule {}
