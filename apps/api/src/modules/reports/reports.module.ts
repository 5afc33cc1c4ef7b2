import { Module } from '@nestjs/common';
import { AnalysisModule } from '../analysis/analysis.module.js';
import { ReportModelBuilder } from './report-model.builder.js';
import { ReportRendersService } from './report-renders.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/**
 * Owns reports (tables report, report_section, report_section_edit, report_validation,
 * report_render, report_version): the sections co-written by the network and the organization,
 * their history, PDF renders laid out in worker threads off the request path, validations and
 * the immutable validated versions the board downloads.
 */
@Module({
  imports: [AnalysisModule],
  controllers: [ReportsController],
  providers: [ReportsService, ReportRendersService, ReportModelBuilder],
  exports: [ReportsService],
})
export class ReportsModule {}
