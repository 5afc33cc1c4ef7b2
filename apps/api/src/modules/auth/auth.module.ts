import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { WorkspacesModule } from '../workspaces/workspaces.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';

@Module({ imports: [UsersModule, WorkspacesModule], controllers: [AuthController], providers: [AuthService], exports: [AuthService] })
export class AuthModule {}
