import { Module } from '@nestjs/common';
import { WorkLimiterModule } from '../../common/work-limiter.module.js';
import { EvaluationsModule } from '../evaluations/evaluations.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/**
 * Owns the exports of an evaluation's submissions (CSV, XLSX). It writes nothing but the audit
 * trail: it reads submissions and answers, and the questionnaires through EvaluationsService.
 * Downloads take a slot of the expensive-work limiter they share with the analysis.
 */
@Module({ imports: [EvaluationsModule, WorkLimiterModule], controllers: [ExportsController], providers: [ExportsService] })
export class ExportsModule {}
