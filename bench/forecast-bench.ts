/**
 * forecast (issue 15 "The forecast"): the backtest of the September forecast on the demo's
 * synthetic years FY2563–2565 (what `pbis db seed --demo` writes). For every unit and year, the
 * cumulative disbursement rate at the end of each fiscal month (disbursed ÷ revised budget of all
 * its lines, from the monthly running totals); then core's `backtest` forecasts each curve's
 * September rate from the end of every month m = 1..11 and reports the mean absolute error by m,
 * with the earlier years as reference (what was known at the time: FY2563 has none, so only
 * FY2564–2565 are scored) and, where years are few, leave-one-out. The computation is pure; the
 * curves are read from a scratch database of the engine, so the line keeps the common shape.
 */
import { backtest, ratioPercent, type BacktestCurve } from '@pbis/core';
import { sql } from 'drizzle-orm';
import { queryRows } from '../apps/server/src/db/client.js';
import { asOwner } from '../apps/server/src/db/scoped.js';
import {
  DEMO_EXECUTION_YEARS,
  seedDemoExecution,
} from '../apps/server/src/modules/execution/demo.js';
import { openBenchDatabase } from './bench-db.js';

export async function runForecastBench(opts: { databaseUrl?: string | undefined }) {
  const { database, organizationId, close } = await openBenchDatabase(opts.databaseUrl);
  try {
    await seedDemoExecution(database, organizationId);
    const curves = await asOwner(database, async (tx) => {
      const revised = await queryRows<{ unit_id: string; fy: number; revised: string }>(
        tx,
        sql`select unit_id, fiscal_year as fy,
            sum(enacted_satang + transfer_net_satang)::text as revised
          from budget_line where organization_id = ${organizationId}
            and fiscal_year in (${sql.join(
              DEMO_EXECUTION_YEARS.map((y) => sql`${y}`),
              sql`, `,
            )})
          group by unit_id, fiscal_year`,
      );
      const months = await queryRows<{ unit_id: string; fy: number; m: number; d: string }>(
        tx,
        sql`select unit_id, fiscal_year as fy, fiscal_month as m, sum(disbursed_satang)::text as d
          from budget_line_month where organization_id = ${organizationId}
          group by unit_id, fiscal_year, fiscal_month`,
      );
      const byKey = new Map(months.map((r) => [`${r.unit_id}:${r.fy}:${r.m}`, BigInt(r.d)]));
      return revised
        .filter((r) => BigInt(r.revised) > 0n)
        .map((r): BacktestCurve => {
          let cum = 0n;
          const curve = Array.from({ length: 12 }, (_, i) => {
            cum += byKey.get(`${r.unit_id}:${r.fy}:${i + 1}`) ?? 0n;
            return Number(ratioPercent(cum, BigInt(r.revised), 3));
          });
          return { unitId: r.unit_id, fiscalYear: Number(r.fy), curve };
        })
        .sort((a, b) => a.fiscalYear - b.fiscalYear || a.unitId.localeCompare(b.unitId));
    });
    const t0 = performance.now();
    const earlier = backtest(curves);
    const loo = backtest(curves, { reference: 'leave_one_out' });
    const ms = performance.now() - t0;
    return [
      {
        bench: 'forecast',
        engine: database.dialect,
        rows: curves.length,
        what: `backtest of the September disbursement rate on the demo's synthetic FY${DEMO_EXECUTION_YEARS[0]}–${DEMO_EXECUTION_YEARS.at(-1)} (${curves.length} unit-year curves); mae in percentage points by month of forecast (1 = end of October)`,
        reference: 'earlier_years',
        months: earlier.map((r) => ({ month: r.month, mae: r.meanAbsoluteError, n: r.n })),
        leave_one_out: loo.map((r) => ({ month: r.month, mae: r.meanAbsoluteError, n: r.n })),
        backtest_ms: Number(ms.toFixed(1)),
      },
    ];
  } finally {
    await close();
  }
}
