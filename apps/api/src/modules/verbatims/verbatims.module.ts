import { Module } from '@nestjs/common';
import { VerbatimsController } from './verbatims.controller.js';
import { VerbatimsService } from './verbatims.service.js';

/**
 * Owns verbatims (tables verbatim, verbatim_theme, verbatim_coding, story_selection): open
 * answers masked before anyone reads them, their themes (a code book per evaluation) and the
 * stories selected for the report, with why they were chosen.
 */
@Module({
  controllers: [VerbatimsController],
  providers: [VerbatimsService],
  exports: [VerbatimsService],
})
export class VerbatimsModule {}
