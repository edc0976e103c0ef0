import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { sessionSchema } from '@pbis/contract';
import { buildApp } from '../app.js';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { loadConfig } from '../env.js';
import { testDatabaseUrl } from '../env.js';
import { systemActor, type Actor } from '../modules/auth/actor.js';
import { ensureOrganization, seedDemoAccounts } from '../seed/seed.js';

/*
 * The API tier runs against real databases: PGlite always, PostgreSQL too when
 * PBIS_TEST_DATABASE_URL is set (CI). Use `describe.each(testDatabases())`.
 */
export const ADMIN_PASSWORD = 'harbour-test-secret';
export const DEMO_PASSWORD = 'demo-test-password';

export interface TestDatabaseKind {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
}

export function testDatabases(): TestDatabaseKind[] {
  const kinds: TestDatabaseKind[] = [{ name: 'pglite', open: () => openDatabase({}) }];
  const url = testDatabaseUrl();
  if (url) kinds.push({ name: 'postgres', open: () => openFreshPostgres(url) });
  return kinds;
}

/** A new, empty PostgreSQL database for one test file, dropped when closed. */
async function openFreshPostgres(url: string): Promise<Database> {
  const name = `pbis_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString() });
  const close = database.close;
  database.close = async () => {
    await close();
    const a = new pg.Client({ connectionString: url });
    await a.connect();
    // Let the pool's connections finish closing before the drop, so none is killed mid-goodbye.
    for (let i = 0; i < 50; i++) {
      const r = await a.query(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [name],
      );
      if (r.rows[0].n === 0) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    await a.query(`drop database if exists ${name} with (force)`);
    await a.end();
  };
  return database;
}

export interface TestContext {
  database: Database;
  app: FastifyInstance;
  organizationId: string;
  system: Actor;
  close(): Promise<void>;
}

/**
 * Migrated, seeded database and the real Fastify app: the organisation (its divisions, units and
 * fiscal years 2563–2566), the admin, and — unless `demo: false` — the demo accounts of SPEC §5.
 * With `demo: false` a test builds the rest of its state with the factories (factories.ts).
 */
export async function setupApp(
  kind: TestDatabaseKind,
  opts: {
    /** Seed the demo accounts (analyst1…6, office, executive, officer-CODE); default true. */
    demo?: boolean;
    loginRateLimit?: number;
    sessionHours?: number;
    /** A built web UI to serve (a folder with index.html); none by default. */
    webDist?: string;
    env?: Record<string, string>;
    logStream?: NodeJS.WritableStream;
  } = {},
): Promise<TestContext> {
  const database = await kind.open();
  await migrateDatabase(database);
  const { organizationId } = await ensureOrganization(database, ADMIN_PASSWORD);
  if (opts.demo !== false) await seedDemoAccounts(database, organizationId, DEMO_PASSWORD);
  const config = {
    ...loadConfig({
      PBIS_LOG_LEVEL: 'silent',
      PBIS_WEB_DIST: opts.webDist ?? '/nonexistent',
      ...opts.env,
    }),
    sessionHours: opts.sessionHours ?? 8,
  };
  const app = await buildApp({
    database,
    config,
    logger: opts.logStream !== undefined,
    ...(opts.logStream && { logStream: opts.logStream }),
    loginRateLimit: opts.loginRateLimit ?? 10_000,
  });
  await app.ready();
  return {
    database,
    app,
    organizationId,
    system: systemActor(organizationId, 'test'),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export interface Client {
  username: string;
  csrfToken: string;
  cookie: string;
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
}

export async function login(
  app: FastifyInstance,
  username: string,
  password?: string,
): Promise<Client> {
  const pw = password ?? (username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: pw },
  });
  if (res.statusCode !== 200)
    throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const session = res.cookies.find((c) => c.name === 'pbis_session')!;
  const { csrfToken } = sessionSchema.parse(res.json());
  const cookie = `pbis_session=${session.value}`;
  const request: Client['request'] = (method, url, body) =>
    app.inject({
      method,
      url,
      headers: { cookie, 'x-csrf-token': csrfToken },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return { username, csrfToken, cookie, request, get: (url) => request('GET', url) };
}

/** The demo account of each role (analyst of division 1, officer of the Budget Office). */
export const ROLE_ACCOUNTS = {
  admin: 'admin',
  budget_analyst: 'analyst1',
  budget_office: 'office',
  unit_officer: 'officer-BDO',
  executive: 'executive',
} as const;
