import { Module } from '@nestjs/common';
import { WorkLimiterModule } from '../../common/work-limiter.module.js';
import { AnalysisCountsQuery } from './analysis-counts.query.js';
import { AnalysisController } from './analysis.controller.js';
import { AnalysisService } from './analysis.service.js';

/**
 * Owns the analysis of an evaluation: counts in SQL over the answer rows (AnalysisCountsQuery),
 * figures and suppression in the pure domain (`analyse`). It writes nothing; it reads answers,
 * submissions, evaluations, framework versions and consensus answers. A request for the analysis
 * takes a slot of the expensive-work limiter it shares with the exports.
 */
@Module({ imports: [WorkLimiterModule], controllers: [AnalysisController], providers: [AnalysisService, AnalysisCountsQuery], exports: [AnalysisService] })
export class AnalysisModule {}
