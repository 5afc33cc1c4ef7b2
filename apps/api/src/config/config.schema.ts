import { z } from 'zod';

/**
 * Every environment variable Regards reads, declared once: its type, default and a one-line
 * description (README.md lists the same). Nothing else in the code reads `process.env`.
 */
const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = (min: number, max: number) =>
  z.coerce
    .number({ error: `expected an integer between ${min} and ${max}` })
    .int({ error: `expected an integer between ${min} and ${max}` })
    .min(min, { error: `expected an integer between ${min} and ${max}` })
    .max(max, { error: `expected an integer between ${min} and ${max}` });

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), { error: 'expected a postgres:// or postgresql:// URL' });

export const CONFIG_VARIABLES = {
  NODE_ENV: {
    schema: z.enum(['development', 'production', 'test'], { error: 'expected development, production or test' }),
    default: 'development',
    description: 'Runtime mode; production hides error details and enables secure cookies behind HTTPS.',
  },
  HOST: {
    schema: z.string().min(1, { error: 'expected a host name or IP address' }),
    default: '0.0.0.0',
    description: 'Interface the HTTP server listens on (0.0.0.0 lets a tablet on the same network join a workshop).',
  },
  PORT: {
    schema: positiveInt(0, 65535),
    default: '3000',
    description: 'TCP port of the HTTP server (0 picks a free port).',
  },
  PUBLIC_URL: {
    schema: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
    default: undefined,
    description: 'Address people use to reach Regards (default http://localhost:PORT); invitation and questionnaire links are built on it.',
  },
  DATABASE_URL: {
    schema: postgresUrl.optional(),
    default: undefined,
    description: 'PostgreSQL ≥ 15 connection string; when unset, an embedded PostgreSQL (PGlite) is used.',
  },
  DATA_DIR: {
    schema: z.string().min(1, { error: 'expected a folder path' }),
    default: './data',
    description: 'Folder of the embedded database (used only when DATABASE_URL is unset).',
  },
  DB_POOL_SIZE: {
    schema: positiveInt(1, 200),
    default: '10',
    description: 'Maximum PostgreSQL connections of one API process (the embedded database always uses one).',
  },
  DB_MIGRATE_ON_START: {
    schema: booleanString,
    default: 'true',
    description: 'Apply pending migrations when the server starts.',
  },
  DEMO_SEED: {
    schema: booleanString.optional(),
    default: undefined,
    description: 'Create the demo workspace at start (idempotent); defaults to true on the embedded database, false otherwise.',
  },
  SESSION_TTL_HOURS: {
    schema: positiveInt(1, 24 * 90),
    default: '168',
    description: 'Lifetime of a login session, in hours.',
  },
  COOKIE_SECURE: {
    schema: booleanString.optional(),
    default: undefined,
    description: 'Mark cookies Secure; defaults to true when PUBLIC_URL is https.',
  },
  TRUST_PROXY: {
    schema: booleanString,
    default: 'false',
    description: 'Trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy: the client IP for rate limits, HTTPS for HSTS (set only when Regards is reachable through the proxy alone).',
  },
  INVITATION_TTL_HOURS: {
    schema: positiveInt(1, 24 * 60),
    default: '168',
    description: 'How long an invitation link stays valid, in hours.',
  },
  LOGIN_MAX_FAILURES_PER_ACCOUNT: {
    schema: positiveInt(1, 1000),
    default: '5',
    description: 'Failed logins allowed for one e-mail within the login window before it is throttled.',
  },
  LOGIN_MAX_ATTEMPTS_PER_IP: {
    schema: positiveInt(1, 100000),
    default: '30',
    description: 'Login attempts allowed from one IP address within the login window.',
  },
  LOGIN_WINDOW_MINUTES: {
    schema: positiveInt(1, 24 * 60),
    default: '15',
    description: 'Length of the login throttling window, in minutes.',
  },
  SMTP_URL: {
    schema: z
      .string()
      .refine((v) => /^smtps?:\/\/.+/.test(v), { error: 'expected an smtp:// or smtps:// URL' })
      .optional(),
    default: undefined,
    description: 'SMTP server for invitation e-mails (smtp://user:pass@host:587); unset, the UI shows links to copy.',
  },
  MAIL_FROM: {
    schema: z.string().min(3, { error: 'expected a sender address such as "Regards <no-reply@example.org>"' }),
    default: 'Regards <no-reply@localhost>',
    description: 'Sender of e-mails.',
  },
  BODY_LIMIT: {
    schema: z.string().regex(/^\d+(b|kb|mb)$/i, { error: 'expected a size such as 512kb or 1mb' }),
    default: '1mb',
    description: 'Largest accepted request body.',
  },
  LOG_LEVEL: {
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'expected one of fatal, error, warn, info, debug, trace, silent',
    }),
    default: 'info',
    description: 'Minimum level of the JSON logs written to standard output.',
  },
  WEB_DIR: {
    schema: z.string().min(1, { error: 'expected a folder path' }),
    default: './dist/web',
    description: 'Folder of the built web app served at /.',
  },
  REPORT_RENDER_THREADS: {
    schema: positiveInt(1, 16),
    default: '1',
    description: 'Worker threads that lay out report PDFs, off the request path (each uses one core while it works).',
  },
  EXPENSIVE_WORK_CONCURRENCY: {
    schema: positiveInt(1, 64),
    default: '1',
    description:
      'Exports and analyses one API process computes at once; the next ones wait their turn. An export holds one database connection at a time, an analysis up to five: raise it only with DB_POOL_SIZE.',
  },
  EXPENSIVE_WORK_QUEUE: {
    schema: positiveInt(0, 10000),
    default: '20',
    description: 'Exports and analyses that may wait for their turn, first come first served; beyond, 503 work-queue-full with Retry-After.',
  },
  EXPENSIVE_WORK_WAIT_SECONDS: {
    schema: positiveInt(1, 600),
    default: '30',
    description: 'Longest wait of an export or analysis for its turn; after it, 503 work-queue-full with Retry-After.',
  },
} as const;

type Variables = typeof CONFIG_VARIABLES;
export type RawConfig = { [K in keyof Variables]: z.output<Variables[K]['schema']> };

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  publicUrl: string;
  database: { url: string | undefined; dataDir: string; poolSize: number; migrateOnStart: boolean };
  demoSeed: boolean;
  session: { ttlHours: number; cookieSecure: boolean };
  trustProxy: boolean;
  invitationTtlHours: number;
  login: { maxFailuresPerAccount: number; maxAttemptsPerIp: number; windowMinutes: number };
  mail: { smtpUrl: string | undefined; from: string };
  bodyLimit: string;
  logLevel: RawConfig['LOG_LEVEL'];
  webDir: string;
  reportRenderThreads: number;
  /** exports and analyses: how many run at once, how many may wait, and for how long */
  expensiveWork: { concurrency: number; queue: number; maxWaitSeconds: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment; throws a ConfigError naming every bad variable and what is expected. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const problems: string[] = [];
  const raw: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(CONFIG_VARIABLES)) {
    const given = env[name];
    const value = given === undefined || given === '' ? variable.default : given;
    const parsed = variable.schema.safeParse(value);
    if (parsed.success) {
      raw[name] = parsed.data;
    } else {
      const message = parsed.error.issues[0]?.message ?? 'invalid value';
      problems.push(`${name}: ${message} (got ${JSON.stringify(given)})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const c = raw as RawConfig;
  return {
    nodeEnv: c.NODE_ENV,
    host: c.HOST,
    port: c.PORT,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
    database: {
      url: c.DATABASE_URL,
      dataDir: c.DATA_DIR,
      poolSize: c.DB_POOL_SIZE,
      migrateOnStart: c.DB_MIGRATE_ON_START,
    },
    demoSeed: c.DEMO_SEED ?? c.DATABASE_URL === undefined,
    session: { ttlHours: c.SESSION_TTL_HOURS, cookieSecure: c.COOKIE_SECURE ?? (c.PUBLIC_URL ?? '').startsWith('https:') },
    trustProxy: c.TRUST_PROXY,
    invitationTtlHours: c.INVITATION_TTL_HOURS,
    login: {
      maxFailuresPerAccount: c.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxAttemptsPerIp: c.LOGIN_MAX_ATTEMPTS_PER_IP,
      windowMinutes: c.LOGIN_WINDOW_MINUTES,
    },
    mail: { smtpUrl: c.SMTP_URL, from: c.MAIL_FROM },
    bodyLimit: c.BODY_LIMIT,
    logLevel: c.LOG_LEVEL,
    webDir: c.WEB_DIR,
    reportRenderThreads: c.REPORT_RENDER_THREADS,
    expensiveWork: { concurrency: c.EXPENSIVE_WORK_CONCURRENCY, queue: c.EXPENSIVE_WORK_QUEUE, maxWaitSeconds: c.EXPENSIVE_WORK_WAIT_SECONDS },
  };
}
