import { Module } from '@nestjs/common';
import { AnalysisModule } from '../analysis/analysis.module.js';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { OrganizationDataController } from './organization-data.controller.js';
import { OrganizationDataService } from './organization-data.service.js';
import { RetentionService } from './retention.service.js';

/**
 * People's rights over their data and how long it is kept: an organization's full export and
 * deletion request, and the retention job that deletes individual answers once an evaluation's
 * retention period is over, keeping only its analysis. (A respondent sees and erases their own
 * answers through their personal link: the collection module's /r/:token/my-answers.)
 */
@Module({ imports: [AnalysisModule, OrganizationsModule], controllers: [OrganizationDataController], providers: [OrganizationDataService, RetentionService], exports: [RetentionService] })
export class DataProtectionModule {}
