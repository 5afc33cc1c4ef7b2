import { Module } from '@nestjs/common';
import { CollectionController } from './collection.controller.js';
import { CollectionService } from './collection.service.js';
import { PartialExpiryService } from './partial-expiry.service.js';
import { QuestionnaireCache } from './questionnaire-cache.service.js';
import { RespondentController } from './respondent.controller.js';
import { RespondentService } from './respondent.service.js';
import { SubmissionStore } from './submission-store.service.js';

/**
 * Owns collection (tables collection_link, submission, answer): links and their hashed tokens,
 * the respondent's side of a link (/r/:token), the storage of submissions with their normalised
 * answers, the facilitator's overview, links, submissions and paper entry, and the expiry of
 * abandoned partial submissions. SubmissionStore is exported: the demo seed, collective sessions
 * and the benchmark write submissions through it.
 */
@Module({
  controllers: [RespondentController, CollectionController],
  providers: [QuestionnaireCache, SubmissionStore, RespondentService, CollectionService, PartialExpiryService],
  exports: [SubmissionStore, QuestionnaireCache],
})
export class CollectionModule {}
