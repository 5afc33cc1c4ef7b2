import { Module } from '@nestjs/common';
import { CommonsController, FrameworksController } from './frameworks.controller.js';
import { FrameworksService } from './frameworks.service.js';

@Module({ controllers: [FrameworksController, CommonsController], providers: [FrameworksService], exports: [FrameworksService] })
export class FrameworksModule {}
