import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

/**
 * Configuration comes only from the environment, is validated once at start-up, and is then
 * passed around explicitly (never read from process.env deep in the code) so tests can vary it.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    DATA_DIR: z.string().default('./data'),
    DATABASE_URL: z.string().url().optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    SESSION_SECRET: z.string().min(32).optional(),
    COOKIE_SECURE: booleanFromEnv.default(true),
    PUBLIC_URL: z.string().url().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SEED_ON_START: booleanFromEnv.default(true),
    SEED_SCALE: z.enum(['tiny', 'small', 'large']).default('small'),
    OIDC_ISSUER: z.string().url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_REDIRECT_URI: z.string().url().optional(),
    DIRECTORY_ORG_ODS_CODE: z.string().min(1).optional(),
    DIRECTORY_REVIEW_AFTER_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
    DIRECTORY_FEED_HOSTS: z.string().default('localhost,127.0.0.1,::1'),
    DIRECTORY_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(2_000),
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((value, ctx): TrustProxy => {
        const parsed = parseTrustProxy(value);
        if (parsed.ok) return parsed.value;
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }),
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    COUNCIL_NAME: z.string().trim().min(1).max(120).default('Fenshire County Council'),
  })
  .superRefine((c, ctx) => {
    // Council sign-in needs all four settings: half a configuration is a mistake, not "off".
    const oidc = [c.OIDC_ISSUER, c.OIDC_CLIENT_ID, c.OIDC_CLIENT_SECRET, c.OIDC_REDIRECT_URI];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'set all of OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URI, or none of them',
      });
    }
    // The embedded database lives in one process (a lock file refuses a second): workers need PostgreSQL.
    if (c.WEB_CONCURRENCY > 1 && !c.DATABASE_URL)
      ctx.addIssue({
        code: 'custom',
        path: ['WEB_CONCURRENCY'],
        message:
          'is more than 1, but the embedded database (PGlite) can be used by one process only: set DATABASE_URL to a PostgreSQL database, or WEB_CONCURRENCY=1',
      });
    if (c.NODE_ENV !== 'production') return;
    // In production the embedded database and a generated secret are not acceptable.
    if (!c.DATABASE_URL)
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'DATABASE_URL is required in production' });
    if (!c.SESSION_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'SESSION_SECRET (at least 32 characters) is required in production',
      });
    if (!c.PUBLIC_URL)
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'PUBLIC_URL is required in production' });
  });

export type EnvConfig = z.infer<typeof configSchema>;

export interface AppConfig {
  env: EnvConfig['NODE_ENV'];
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  sessionSecret: string;
  cookieSecure: boolean;
  publicUrl: string | undefined;
  logLevel: EnvConfig['LOG_LEVEL'];
  seedOnStart: boolean;
  seedScale: EnvConfig['SEED_SCALE'];
  oidc: { issuer: string; clientId: string; clientSecret: string; redirectUri: string } | undefined;
  /** The council whose directory the public pages and ORUK API publish (default: the first council). */
  directoryOrgOdsCode: string | undefined;
  /** Directory entries not checked for this many days are listed for review. */
  directoryReviewAfterDays: number;
  /** Hosts an ORUK feed may be imported from by URL (the local network only; comma-separated names or addresses). */
  directoryFeedHosts: readonly string[];
  /** Public directory answers kept in memory while the directory is unchanged (0 turns it off). */
  directoryCacheEntries: number;
  /** Proxies whose X-Forwarded-For is believed (false: none, so the socket's address is the client's). */
  trustProxy: TrustProxy;
  /** Worker processes serving requests (node:cluster); more than 1 only on PostgreSQL. */
  webConcurrency: number;
  /** The council that runs the service, named in every page's footer (the demo county by default). */
  councilName: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configuration is not valid:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const oidc =
    c.OIDC_ISSUER && c.OIDC_CLIENT_ID && c.OIDC_CLIENT_SECRET && c.OIDC_REDIRECT_URI
      ? {
          issuer: c.OIDC_ISSUER,
          clientId: c.OIDC_CLIENT_ID,
          clientSecret: c.OIDC_CLIENT_SECRET,
          redirectUri: c.OIDC_REDIRECT_URI,
        }
      : undefined;
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    dataDir: c.DATA_DIR,
    databaseUrl: c.DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    // Outside production a per-process random secret is fine: sessions live in the database anyway.
    sessionSecret: c.SESSION_SECRET ?? randomSecret(),
    cookieSecure: c.COOKIE_SECURE,
    publicUrl: c.PUBLIC_URL,
    logLevel: c.LOG_LEVEL,
    seedOnStart: c.SEED_ON_START,
    seedScale: c.SEED_SCALE,
    oidc,
    directoryOrgOdsCode: c.DIRECTORY_ORG_ODS_CODE,
    directoryReviewAfterDays: c.DIRECTORY_REVIEW_AFTER_DAYS,
    directoryFeedHosts: c.DIRECTORY_FEED_HOSTS.split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
    directoryCacheEntries: c.DIRECTORY_CACHE_ENTRIES,
    trustProxy: c.TRUST_PROXY,
    webConcurrency: c.WEB_CONCURRENCY,
    councilName: c.COUNCIL_NAME,
  };
}

function randomSecret(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex');
}

/** A configuration for tests: embedded in-memory database, no seeding, quiet logs. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_ON_START: 'false' }), ...overrides };
}
