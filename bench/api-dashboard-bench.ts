/**
 * api_dashboard (issue 15 "Performance"): autocannon on loopback against the dashboard endpoint,
 * GET /api/v1/execution/summary?fiscalYear=2565, signed in as the Budget Office (`office`, the
 * whole BMA), on a database holding the synthetic ledger of the budget_vs_actual bench. p95 comes
 * from every response's own time (autocannon's histogram has no 95th percentile).
 */
import autocannon from 'autocannon';
import { buildApp } from '../apps/server/src/app.js';
import type { Database } from '../apps/server/src/db/client.js';
import { loadConfig } from '../apps/server/src/env.js';
import { seedDemoAccounts } from '../apps/server/src/seed/seed.js';
import { BENCH_YEAR } from './budget-vs-actual-bench.js';
import { percentile } from './bench-db.js';

const PASSWORD = 'bench-demo-password';

export async function runApiDashboardBench(ctx: {
  database: Database;
  organizationId: string;
  rows: number;
  seconds: number;
  connections?: number;
}): Promise<object[]> {
  const { database } = ctx;
  await seedDemoAccounts(database, ctx.organizationId, PASSWORD);
  const config = loadConfig({ PBIS_LOG_LEVEL: 'silent', PBIS_WEB_DIST: '/nonexistent' });
  const app = await buildApp({ database, config, logger: false, loginRateLimit: 1000 });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'office', password: PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`api_dashboard: sign-in answered ${login.status}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const url = `${base}/api/v1/execution/summary?fiscalYear=${BENCH_YEAR}`;
    const first = await fetch(url, { headers: { cookie } });
    if (first.status !== 200) throw new Error(`api_dashboard: ${url} answered ${first.status}`);
    const bytes = (await first.text()).length;
    const times: number[] = [];
    const r = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        { url, headers: { cookie }, connections: ctx.connections ?? 10, duration: ctx.seconds },
        (e, result) => (e ? reject(e as Error) : resolve(result)),
      );
      instance.on('response', (_client, _status, _bytes, ms) => {
        times.push(ms);
      });
    });
    return [
      {
        bench: 'api_dashboard',
        engine: database.dialect,
        rows: ctx.rows,
        endpoint: `GET /api/v1/execution/summary?fiscalYear=${BENCH_YEAR} as office (signed in)`,
        connections: ctx.connections ?? 10,
        seconds: ctx.seconds,
        requests: r.requests.total,
        rps: Math.round(r.requests.average),
        p50_ms: times.length ? percentile(times, 50) : null,
        p95_ms: times.length ? percentile(times, 95) : null,
        p99_ms: r.latency.p99,
        errors: r.errors + r.timeouts,
        non_2xx: r.non2xx,
        bytes,
      },
    ];
  } finally {
    await app.close();
  }
}
