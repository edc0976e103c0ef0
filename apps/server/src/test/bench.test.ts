import { describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../env.js';
import { BENCH_NAMES } from '../cli/bench-flags.js';
import { BENCHES } from '../../../../bench/run.js';
import { cliEnvironment, pbis } from './cli-runner.js';

/*
 * `pbis bench` in its quick variants, small: every benchmark prints JSON lines with bench, engine
 * and rows and its own figures; budget_vs_actual asserts inside the bench that the service and the
 * raw SQL agree (a disagreement throws and the command fails). On PostgreSQL too when
 * PBIS_TEST_DATABASE_URL is set (the ledger benches make and drop their own databases there).
 */
const url = testDatabaseUrl();
cliEnvironment('pbis-bench-test-', () => ({
  DATABASE_URL: url,
  PBIS_DATA_DIR: undefined,
  PBIS_LOG_LEVEL: 'silent',
}));

const engines = url ? ['pglite', 'postgres'] : ['pglite'];
const num = expect.any(Number);

describe('pbis bench', () => {
  it('lists its benchmarks, sizes and flags in --help; refuses unknown names and sizes (2)', async () => {
    expect([...BENCH_NAMES]).toEqual([...BENCHES]);
    const help = await pbis('bench', '--help');
    expect(help.code).toBe(0);
    for (const flag of ['--quick', '--only', '--rows', '--engine', '--seconds'])
      expect(help.stdout).toContain(flag);
    for (const name of BENCH_NAMES) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    const cases: [string[], RegExp][] = [
      [['--only', 'budget_vs_actual,fastest'], /unknown benchmark "fastest"/],
      [['--rows', '10q'], /"10q" is not a row count/],
      [['--rows', '0'], /not within 1 … 10m/],
      [['--engine', 'sqlite'], /"sqlite" is not pglite, postgres or both/],
      [['--seconds', 'ten'], /"ten" is not a whole number of seconds/],
    ];
    for (const [args, message] of cases) {
      const r = await pbis('bench', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('runs the quick variants and prints one JSON object per line in the common shape', async () => {
    const r = await pbis('bench', '--quick', '--rows', '300,1500', '--seconds', '1');
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const l of lines)
      expect(l, JSON.stringify(l)).toMatchObject({
        bench: expect.any(String),
        engine: expect.stringMatching(/^(pglite|postgres|pure)$/),
        rows: num,
      });
    // Only the core's pure computations have no engine.
    expect(lines.filter((l) => l.engine === 'pure').length).toBeGreaterThan(0);
    for (const l of lines.filter((l) => l.engine === 'pure'))
      expect(String(l.bench)).toMatch(/^core_/);
    const of = (bench: string, engine: string) =>
      lines.filter((l) => l.bench === bench && l.engine === engine);
    for (const engine of engines) {
      expect(of('budget_vs_actual', engine).map((l) => l.rows)).toEqual([300, 1500]);
      for (const l of of('budget_vs_actual', engine))
        expect(l).toMatchObject({
          p50_ms: num,
          p95_ms: num,
          raw_p95_ms: num,
          ratio_p95_to_raw: num,
          identical: true,
          peak_rss_mb: num,
        });
      expect(of('api_dashboard', engine)).toEqual([
        expect.objectContaining({ rows: 1500, rps: num, p95_ms: num, errors: 0, non_2xx: 0 }),
      ]);
      expect(of('ingest', engine).map((l) => l.rows)).toEqual([300, 1500]);
      for (const l of of('ingest', engine))
        expect(l).toMatchObject({ rows_per_s: num, raw_rows_per_s: num, ratio_to_raw: num });
      const [forecast] = of('forecast', engine);
      expect(forecast).toMatchObject({ rows: num });
      const months = forecast!.months as { month: number; mae: number | null }[];
      expect(months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      for (const m of months) expect(m.mae).toEqual(expect.any(Number));
    }
    // The peer runs once, on the ledger of the first engine, when hledger is installed.
    const peer = lines.filter((l) => l.bench === 'peer_hledger');
    if (peer.length)
      expect(peer).toEqual([
        expect.objectContaining({ engine: 'pglite', rows: 1500, seconds: num }),
      ]);
  }, 600_000);
});
