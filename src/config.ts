import path from 'node:path';
import { z } from 'zod';

/** Every setting LeadTrac reads from the environment. Documented in `.env.example`. */
const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LEADTRAC_DATA_DIR: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  SESSION_TTL_MINUTES: z.coerce.number().int().min(1).default(12 * 60),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).default(15),
  COOKIE_SECURE: z
    .enum(['true', 'false', 'auto'])
    .default('auto')
    .transform((v) => (v === 'auto' ? undefined : v === 'true')),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024 * 1024),
  WEB_DIST_DIR: z.string().default('dist/web'),
  LEADTRAC_DEMO: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  DEMO_PERSONS: z.coerce.number().int().min(0).default(2000),
  // Read by bin/leadtrac.js before anything else (the heap of `leadtrac resolve`); checked here.
  LEADTRAC_HEAP_MB: z.coerce.number().int().min(256).optional(),
});

export interface Config {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  readonly dbPoolMax: number;
  readonly sessionTtlMinutes: number;
  readonly sessionIdleMinutes: number;
  readonly loginMaxFailures: number;
  readonly loginLockoutMinutes: number;
  /** undefined = secure cookies only when the request came over https. */
  readonly cookieSecure: boolean | undefined;
  readonly bodyLimitBytes: number;
  readonly uploadLimitBytes: number;
  readonly webDistDir: string;
  /** Create the demo accounts (one per role) and load the demo world on an empty database. */
  readonly demo: boolean;
  readonly demoPersons: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse the environment once. Fails with the full list of problems, not just the first. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  return Object.freeze({
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.LEADTRAC_DATA_DIR),
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    dbPoolMax: e.DB_POOL_MAX,
    sessionTtlMinutes: e.SESSION_TTL_MINUTES,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockoutMinutes: e.LOGIN_LOCKOUT_MINUTES,
    cookieSecure: e.COOKIE_SECURE,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    uploadLimitBytes: e.UPLOAD_LIMIT_BYTES,
    webDistDir: path.resolve(e.WEB_DIST_DIR),
    demo: e.LEADTRAC_DEMO,
    demoPersons: e.DEMO_PERSONS,
    ...overrides,
  });
}
