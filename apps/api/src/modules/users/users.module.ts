import { Module } from '@nestjs/common';
import { AccountController } from './account.controller.js';
import { UsersService } from './users.service.js';

@Module({ controllers: [AccountController], providers: [UsersService], exports: [UsersService] })
export class UsersModule {}
