/** `pbis bench`: every benchmark, one JSON line each (figures are ratios measured in one run). */

/** The benchmarks `--only` selects from, in the order they run. */
export const BENCHES = [
  'core',
  'forecast',
  'ingest',
  'budget_vs_actual',
  'api_dashboard',
  'peer_hledger',
  'plans_tree',
  'api',
] as const;
export type BenchName = (typeof BENCHES)[number];
export type Engine = 'pglite' | 'postgres';

export interface BenchOptions {
  quick: boolean;
  databaseUrl?: string | undefined;
  print: (o: object) => void;
  /** Only these benchmarks (default: all). */
  only?: readonly BenchName[] | undefined;
  /**
   * Sizes: the ledger sizes of budget_vs_actual (the ledger grows through them; api_dashboard and
   * peer_hledger use the largest) and the row counts of ingest.
   */
  rows?: readonly number[] | undefined;
  /** Engines (default: pglite, and postgres when a database URL is given). */
  engines?: readonly Engine[] | undefined;
  /** Seconds of load per API benchmark. */
  seconds?: number | undefined;
}

export const DEFAULT_ROWS = { quick: [1_000, 10_000], full: [10_000, 100_000, 1_000_000] };

export async function runBenchmarks(opts: BenchOptions): Promise<void> {
  const on = (name: BenchName) => !opts.only || opts.only.includes(name);
  const engines: Engine[] = [...(opts.engines ?? ['pglite', 'postgres'])];
  if (engines.includes('postgres') && !opts.databaseUrl) {
    if (opts.engines?.includes('postgres'))
      throw new Error('--engine postgres needs DATABASE_URL (a PostgreSQL server)');
    engines.splice(engines.indexOf('postgres'), 1);
  }
  const urlOf = (e: Engine) => (e === 'postgres' ? opts.databaseUrl : undefined);
  const sizes = [...(opts.rows ?? (opts.quick ? DEFAULT_ROWS.quick : DEFAULT_ROWS.full))].sort(
    (a, b) => a - b,
  );
  const seconds = opts.seconds ?? (opts.quick ? 3 : 10);

  if (on('core')) {
    const { runCoreBench } = await import('./core-bench.js');
    // Pure computation, no database: engine "pure", rows = the inputs per measurement.
    for (const line of await runCoreBench({ n: opts.quick ? 100_000 : 1_000_000 }))
      opts.print({ ...line, engine: 'pure', rows: (line as { n: number }).n });
  }
  if (on('forecast')) {
    const { runForecastBench } = await import('./forecast-bench.js');
    for (const e of engines)
      for (const line of await runForecastBench({ databaseUrl: urlOf(e) })) opts.print(line);
  }
  if (on('ingest')) {
    const { runIngestBench } = await import('./ingest-bench.js');
    const ingestRows = opts.rows ? sizes : [opts.quick ? 20_000 : 1_000_000];
    for (const e of engines)
      for (const rows of ingestRows)
        for (const line of await runIngestBench({ rows, databaseUrl: urlOf(e) })) opts.print(line);
  }
  if (on('budget_vs_actual') || on('api_dashboard') || on('peer_hledger')) {
    const { runBudgetVsActualBench } = await import('./budget-vs-actual-bench.js');
    const { runApiDashboardBench } = await import('./api-dashboard-bench.js');
    const { runHledgerBench } = await import('./hledger-bench.js');
    const { syntheticPrefix } =
      await import('../apps/server/src/modules/execution/synthetic-ledger.js');
    let peerDone = false;
    for (const e of engines) {
      const peer = on('peer_hledger') && !peerDone;
      if (!on('budget_vs_actual') && !on('api_dashboard') && !peer) continue;
      await runBudgetVsActualBench({
        databaseUrl: urlOf(e),
        sizes: on('budget_vs_actual') ? sizes : [sizes.at(-1)!],
        iterations: opts.quick ? 10 : 30,
        measure: on('budget_vs_actual'),
        print: opts.print,
        after: async (ctx) => {
          if (on('api_dashboard'))
            for (const line of await runApiDashboardBench({ ...ctx, seconds })) opts.print(line);
          if (peer) {
            peerDone = true;
            for (const line of await runHledgerBench({ ...ctx, prefix: syntheticPrefix(1) }))
              opts.print(line);
          }
        },
      });
    }
  }
  if (on('plans_tree')) {
    const { runPlansTreeBench } = await import('./plans-tree-bench.js');
    for (const e of engines)
      for (const line of await runPlansTreeBench({
        databaseUrl: urlOf(e),
        requests: opts.quick ? 20 : 200,
        ...(opts.quick && { projects: 100 }),
      }))
        opts.print(line);
  }
  if (on('api')) {
    const { runApiBench } = await import('./api-bench.js');
    for (const e of engines)
      for (const line of await runApiBench({ seconds, databaseUrl: urlOf(e) })) opts.print(line);
  }
}
