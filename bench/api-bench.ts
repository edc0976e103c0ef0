/**
 * API benchmark: autocannon on loopback against the organisation overview (the heaviest read of
 * the foundation: 8 divisions, 71 units, scoped) and, in the same run, a raw baseline — a bare
 * Fastify route answering the same JSON from memory. ratio_to_raw = PBIS req/s ÷ raw req/s.
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../apps/server/src/app.js';
import { queryRows, type Database } from '../apps/server/src/db/client.js';
import { sql } from 'drizzle-orm';
import { asOwner } from '../apps/server/src/db/scoped.js';
import { loadConfig } from '../apps/server/src/env.js';
import { seedDemoAccounts } from '../apps/server/src/seed/seed.js';
import { openBenchDatabase } from './bench-db.js';

interface Load {
  requests_per_second: number;
  latency_ms: { p50: number; p90: number; p97_5: number; p99: number };
  errors: number;
  non_2xx: number;
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Load> {
  const r = await autocannon({ url, headers, connections: 10, duration: seconds });
  return {
    requests_per_second: Math.round(r.requests.average),
    latency_ms: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p97_5: r.latency.p97_5,
      p99: r.latency.p99,
    },
    errors: r.errors + r.timeouts,
    non_2xx: r.non2xx,
  };
}

export async function runApiBench(opts: {
  seconds: number;
  databaseUrl?: string | undefined;
}): Promise<object[]> {
  // A scratch database (PGlite in a temporary directory, or a new one on the server).
  const { database, organizationId, close } = await openBenchDatabase(opts.databaseUrl);
  await seedDemoAccounts(database, organizationId, 'bench-demo-password');
  const [unitCount] = await asOwner(database, (tx) =>
    queryRows<{ n: number }>(tx, sql`select count(*)::int as n from receiving_unit`),
  );
  const config = { ...loadConfig({ PBIS_LOG_LEVEL: 'silent', PBIS_WEB_DIST: '/nonexistent' }) };
  const app = await buildApp({ database, config, logger: false, loginRateLimit: 1000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'office', password: 'bench-demo-password' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const body = await (await fetch(`${base}/api/v1/organization`, { headers: { cookie } })).text();

  const raw = Fastify({ logger: false });
  raw.get('/organization', async (_req, reply) => reply.type('application/json').send(body));
  await raw.listen({ port: 0, host: '127.0.0.1' });
  const rawUrl = `http://127.0.0.1:${(raw.server.address() as { port: number }).port}/organization`;

  const rawLoad = await load(rawUrl, {}, opts.seconds);
  const pbis = await load(`${base}/api/v1/organization`, { cookie }, opts.seconds);

  // The cost of row-level security: the units list of an analyst (division scope), with the
  // policies, then with them switched off for the run (as the owner), then on again.
  const analystLogin = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'analyst1', password: 'bench-demo-password' }),
  });
  const analystCookie = (analystLogin.headers.get('set-cookie') ?? '').split(';')[0]!;
  const unitsUrl = `${base}/api/v1/units`;
  const withPolicies = await load(unitsUrl, { cookie: analystCookie }, opts.seconds);
  await setRowSecurity(database, false);
  let withoutPolicies: Load;
  try {
    withoutPolicies = await load(unitsUrl, { cookie: analystCookie }, opts.seconds);
  } finally {
    await setRowSecurity(database, true);
  }
  await raw.close();
  await app.close();
  await close();
  return [
    {
      bench: 'api_raw_baseline',
      engine: database.dialect,
      rows: unitCount!.n,
      endpoint: 'static JSON, bare Fastify',
      bytes: body.length,
      ...rawLoad,
    },
    {
      bench: 'api_organization',
      engine: database.dialect,
      rows: unitCount!.n,
      endpoint: 'GET /api/v1/organization (signed in, session checked per request)',
      bytes: body.length,
      ...pbis,
      ratio_to_raw: Number((pbis.requests_per_second / rawLoad.requests_per_second).toFixed(3)),
    },
    {
      bench: 'api_units_row_security',
      engine: database.dialect,
      rows: unitCount!.n,
      endpoint: 'GET /api/v1/units as analyst1 (division scope), policies on vs off',
      with_policies: withPolicies,
      without_policies: withoutPolicies,
      p50_ms_with: withPolicies.latency_ms.p50,
      p50_ms_without: withoutPolicies.latency_ms.p50,
      ratio_to_raw: Number(
        (withPolicies.requests_per_second / withoutPolicies.requests_per_second).toFixed(3),
      ),
    },
  ];
}

const SECURED_TABLES = ['receiving_unit', 'division', 'app_user'];

/** Switches the row-level security of the unit-owned tables off (the bench's baseline) or on. */
async function setRowSecurity(database: Database, on: boolean) {
  await asOwner(database, async (tx) => {
    for (const table of SECURED_TABLES)
      await tx.execute(
        sql.raw(
          on
            ? `alter table ${table} enable row level security, force row level security`
            : `alter table ${table} disable row level security, no force row level security`,
        ),
      );
  });
}
