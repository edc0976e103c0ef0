import { UsageError } from './output.js';

/** The benchmarks of `pbis bench --only` (kept in step with bench/run.ts, a test checks). */
export const BENCH_NAMES = [
  'core',
  'forecast',
  'ingest',
  'budget_vs_actual',
  'api_dashboard',
  'peer_hledger',
  'plans_tree',
  'api',
] as const;

export interface BenchFlags {
  quick?: boolean;
  only?: string;
  rows?: string;
  engine?: string;
  seconds?: string;
}

export const BENCH_HELP = `
Benchmarks (one JSON line each, with "bench", "engine" and "rows"):
  core              scoring and baht formatting in @pbis/core
  forecast          backtest of the September forecast on the demo's FY2563–2565
  ingest            an N-row disbursement CSV through the real import vs a raw bulk load
  budget_vs_actual  the BMA rollup + one unit's dashboard vs hand-written SQL, at each size
  api_dashboard     autocannon against GET /api/v1/execution/summary (signed in)
  peer_hledger      the same ledger as an hledger journal, hledger balance --budget (if installed)
  plans_tree        the cascade tree of a plan: the demo's and 1,000 projects × 3 indicators × 12 periods
  api               organisation overview and row-level security cost (autocannon)

Sizes: --quick uses 1,000 and 10,000 entries (ingest 20,000); the default is 10,000, 100,000 and
1,000,000 (ingest 1,000,000). PGlite always; PostgreSQL too when DATABASE_URL is set (every bench
makes and drops its own scratch database on that server).

Examples:
  pbis bench --quick
  pbis bench --only budget_vs_actual,api_dashboard --rows 10k,100k --engine pglite
  DATABASE_URL=postgres://… pbis bench --only ingest --rows 1m --engine postgres
`;

/** "10k" → 10000, "1m" → 1000000, "2500" → 2500. */
function size(v: string): number {
  const m = /^(\d{1,9})([km]?)$/i.exec(v.trim().replace(/_/g, ''));
  if (!m) throw new UsageError(`--rows: "${v}" is not a row count (e.g. 10000, 10k, 1m)`);
  const n = Number(m[1]) * (m[2]?.toLowerCase() === 'k' ? 1e3 : m[2] ? 1e6 : 1);
  if (n < 1 || n > 10_000_000) throw new UsageError(`--rows: ${v} is not within 1 … 10m`);
  return n;
}

export function parseBenchFlags(f: BenchFlags) {
  const only = f.only?.split(',').map((s) => s.trim());
  for (const o of only ?? [])
    if (!(BENCH_NAMES as readonly string[]).includes(o))
      throw new UsageError(`--only: unknown benchmark "${o}" (one of ${BENCH_NAMES.join(', ')})`);
  const engines =
    f.engine === undefined || f.engine === 'both'
      ? undefined
      : f.engine === 'pglite' || f.engine === 'postgres'
        ? [f.engine]
        : (() => {
            throw new UsageError(`--engine: "${f.engine}" is not pglite, postgres or both`);
          })();
  let seconds: number | undefined;
  if (f.seconds !== undefined) {
    if (!/^\d{1,4}$/.test(f.seconds) || Number(f.seconds) < 1)
      throw new UsageError(`--seconds: "${f.seconds}" is not a whole number of seconds`);
    seconds = Number(f.seconds);
  }
  return {
    quick: Boolean(f.quick),
    only: only as (typeof BENCH_NAMES)[number][] | undefined,
    rows: f.rows?.split(',').map(size),
    engines: engines as ('pglite' | 'postgres')[] | undefined,
    seconds,
  };
}
