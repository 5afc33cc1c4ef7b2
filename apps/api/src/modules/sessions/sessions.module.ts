import { Module } from '@nestjs/common';
import { EvaluationsModule } from '../evaluations/evaluations.module.js';
import { JoinSessionController } from './join-session.controller.js';
import { SessionsController } from './sessions.controller.js';
import { SessionsService } from './sessions.service.js';

/**
 * Owns collective sessions and the group's agreed answers (tables collective_session,
 * consensus_answer), and issues the session links of participants who join by code (rows of
 * collection_link, which the collection module serves to respondents).
 */
@Module({ imports: [EvaluationsModule], controllers: [SessionsController, JoinSessionController], providers: [SessionsService], exports: [SessionsService] })
export class SessionsModule {}
