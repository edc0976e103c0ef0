import path from 'node:path';
import { z } from 'zod';

/** The only reader of process.env. Everything else receives a Config. */
const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  PBIS_DATA_DIR: z.string().min(1).default('./data'),
  /** The installation key (audit macs, backup signatures); default pbis.key next to the data dir. */
  PBIS_KEY_FILE: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PBIS_ADMIN_PASSWORD: z.string().min(1).optional(),
  PBIS_DEMO: z.enum(['0', '1']).default('1'),
  PBIS_DEMO_PASSWORD: z.string().min(1).optional(),
  PBIS_SESSION_HOURS: z.coerce.number().positive().default(8),
  PBIS_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  PBIS_WEB_DIST: z.string().optional(),
  /** 0 = no proxy; N = trust N proxy hops; or a comma list of proxy addresses / CIDRs. */
  PBIS_TRUST_PROXY: z
    .string()
    .regex(
      /^(\d{1,2}|[0-9A-Fa-f.:/]+(\s*,\s*[0-9A-Fa-f.:/]+)*)$/,
      'a hop count (0, 1, 2 …) or a comma list of proxy addresses such as 10.0.0.5,127.0.0.1/8',
    )
    .default('0'),
});

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  /** The installation key file, outside the database; created (0600) on first use. */
  keyFile: string;
  port: number;
  host: string;
  adminPassword: string | undefined;
  demo: boolean;
  demoPassword: string | undefined;
  sessionHours: number;
  logLevel: z.infer<typeof envSchema>['PBIS_LOG_LEVEL'];
  webDist: string;
  /**
   * Which reverse proxies may tell the client's address and protocol (X-Forwarded-For/-Proto):
   * false (none), a hop count, or their addresses. Never `true`, which would believe any client.
   */
  trustProxy: false | number | string[];
}

const here = path.dirname(new URL(import.meta.url).pathname);

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.PBIS_DATA_DIR);
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir,
    keyFile: path.resolve(e.PBIS_KEY_FILE ?? path.join(path.dirname(dataDir), 'pbis.key')),
    port: e.PORT,
    host: e.HOST,
    adminPassword: e.PBIS_ADMIN_PASSWORD,
    demo: e.PBIS_DEMO === '1',
    demoPassword: e.PBIS_DEMO_PASSWORD,
    sessionHours: e.PBIS_SESSION_HOURS,
    logLevel: e.PBIS_LOG_LEVEL,
    webDist: e.PBIS_WEB_DIST ?? path.resolve(here, '../../web/dist'),
    trustProxy: trustProxyOf(e.PBIS_TRUST_PROXY),
  };
}

function trustProxyOf(value: string): Config['trustProxy'] {
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
  return value.split(',').map((a) => a.trim());
}

/** The test database for the PostgreSQL tier (CI sets it). */
export const testDatabaseUrl = (): string | undefined =>
  process.env.PBIS_TEST_DATABASE_URL || undefined;
