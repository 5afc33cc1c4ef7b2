import { Module } from '@nestjs/common';
import { EvaluationsController } from './evaluations.controller.js';
import { EvaluationsService } from './evaluations.service.js';

/**
 * Owns evaluations and their stakeholder groups (tables evaluation, evaluation_group): the design
 * of a co-evaluation, its status, and the questionnaire each group answers.
 */
@Module({ controllers: [EvaluationsController], providers: [EvaluationsService], exports: [EvaluationsService] })
export class EvaluationsModule {}
