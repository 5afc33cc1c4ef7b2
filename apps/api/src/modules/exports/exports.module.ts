import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

/**
 * Owns the exports of an evaluation's submissions (CSV, XLSX). It writes nothing but the audit
 * trail: it reads submissions and answers, and the questionnaires through EvaluationsService.
 */
@Module({ imports: [EvaluationsModule], controllers: [ExportsController], providers: [ExportsService] })
export class ExportsModule {}
