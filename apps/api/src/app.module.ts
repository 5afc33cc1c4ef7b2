import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import { ConfigModule } from './config/config.module.js';
import type { AppConfig } from './config/config.schema.js';
import { dataSourceOptions } from './database/data-source.js';
import type { DatabaseConnection } from './database/database-connection.js';
import { loggerOptions } from './common/logging.js';
import { AnalysisModule } from './modules/analysis/analysis.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthGuard } from './modules/auth/auth.guard.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { CsrfGuard } from './modules/auth/csrf.guard.js';
import { SecurityModule } from './modules/auth/security.module.js';
import { CollectionModule } from './modules/collection/collection.module.js';
import { DataProtectionModule } from './modules/data-protection/data-protection.module.js';
import { DemoModule } from './modules/demo/demo.module.js';
import { ExportsModule } from './modules/exports/exports.module.js';
import { EvaluationsModule } from './modules/evaluations/evaluations.module.js';
import { FrameworksModule } from './modules/frameworks/frameworks.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { InvitationsModule } from './modules/invitations/invitations.module.js';
import { MailModule } from './modules/mail/mail.module.js';
import { OrganizationsModule } from './modules/organizations/organizations.module.js';
import { ReportsModule } from './modules/reports/reports.module.js';
import { SessionsModule } from './modules/sessions/sessions.module.js';
import { TenancyModule } from './modules/tenancy/tenancy.module.js';
import { TenantGuard } from './modules/tenancy/tenant.guard.js';
import { UsersModule } from './modules/users/users.module.js';
import { VerbatimsModule } from './modules/verbatims/verbatims.module.js';
import { WorkspacesModule } from './modules/workspaces/workspaces.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseConnection): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        ClsModule.forRoot({ global: true, middleware: { mount: true } }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(database.url, database.poolSize), migrationsRun: config.database.migrateOnStart }),
        TenancyModule,
        AuditModule,
        SecurityModule,
        MailModule,
        HealthModule,
        UsersModule,
        AuthModule,
        WorkspacesModule,
        OrganizationsModule,
        InvitationsModule,
        FrameworksModule,
        EvaluationsModule,
        CollectionModule,
        SessionsModule,
        ExportsModule,
        AnalysisModule,
        VerbatimsModule,
        ReportsModule,
        DataProtectionModule,
        DemoModule,
      ],
      providers: [
        // Order matters: identify the caller, check CSRF, then check the tenant.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: CsrfGuard },
        { provide: APP_GUARD, useClass: TenantGuard },
      ],
    };
  }
}
