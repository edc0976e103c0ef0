import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { division, receivingUnit } from '../../../db/schema.js';
import { budgetLine, budgetLineMonth, executionRule } from '../schema.js';

/*
 * The reads and writes of budget execution's analysis (forecast, laggard alerts): the monthly
 * running totals of several fiscal years, the units' analysis divisions, and the rules as data.
 */

export interface MonthRow {
  lineId: string;
  fiscalYear: number;
  fiscalMonth: number;
  transferNetSatang: bigint;
  obligatedSatang: bigint;
  disbursedSatang: bigint;
}

/** The monthly totals (not cumulative) of every line in scope of these fiscal years. */
export const monthRowsOfYears = (
  db: Executor,
  organizationId: string,
  years: readonly number[],
): Promise<MonthRow[]> =>
  db
    .select({
      lineId: budgetLineMonth.lineId,
      fiscalYear: budgetLineMonth.fiscalYear,
      fiscalMonth: budgetLineMonth.fiscalMonth,
      transferNetSatang: budgetLineMonth.transferNetSatang,
      obligatedSatang: budgetLineMonth.obligatedSatang,
      disbursedSatang: budgetLineMonth.disbursedSatang,
    })
    .from(budgetLineMonth)
    .where(
      and(
        eq(budgetLineMonth.organizationId, organizationId),
        inArray(budgetLineMonth.fiscalYear, [...years]),
      ),
    );

/** Each unit's analysis division number (null when it has none). */
export async function unitDivisions(
  db: Executor,
  organizationId: string,
): Promise<Map<string, number | null>> {
  const rows = await db
    .select({ id: receivingUnit.id, no: division.analysisNo })
    .from(receivingUnit)
    .leftJoin(division, eq(division.id, receivingUnit.analysisDivisionId))
    .where(eq(receivingUnit.organizationId, organizationId));
  return new Map(rows.map((r) => [r.id, r.no ?? null]));
}

export type AnalysisRuleKind = 'laggard' | 'forecast_target';

/** The organisation's saved laggard rules and forecast targets, in position order. */
export const rulesOf = (db: Executor, organizationId: string) =>
  db
    .select({
      kind: executionRule.kind,
      position: executionRule.position,
      rule: executionRule.rule,
    })
    .from(executionRule)
    .where(
      and(
        eq(executionRule.organizationId, organizationId),
        inArray(executionRule.kind, ['laggard', 'forecast_target']),
      ),
    )
    .orderBy(asc(executionRule.kind), asc(executionRule.position));

/** Serialises writers of one organisation's analysis rules until the end of the transaction. */
export async function lockRules(tx: Executor, organizationId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7264011, hashtext(${organizationId}))`);
}

/** Replaces the saved laggard rules and targets with these (positions from 1). */
export async function replaceRules(
  tx: Executor,
  organizationId: string,
  rows: { kind: AnalysisRuleKind; rule: Record<string, unknown> }[],
): Promise<void> {
  await tx
    .delete(executionRule)
    .where(
      and(
        eq(executionRule.organizationId, organizationId),
        inArray(executionRule.kind, ['laggard', 'forecast_target']),
      ),
    );
  const position = new Map<string, number>();
  if (rows.length === 0) return;
  await tx.insert(executionRule).values(
    rows.map((r) => {
      const p = (position.get(r.kind) ?? 0) + 1;
      position.set(r.kind, p);
      return { organizationId, kind: r.kind, position: p, rule: r.rule };
    }),
  );
}

/** The latest fiscal year with budget lines in scope, not after `notAfter`; null when none. */
export async function latestYearWithLines(
  db: Executor,
  organizationId: string,
  notAfter: number,
): Promise<number | null> {
  const [row] = await db
    .select({ year: sql<number | null>`max(${budgetLine.fiscalYear})` })
    .from(budgetLine)
    .where(
      and(
        eq(budgetLine.organizationId, organizationId),
        sql`${budgetLine.fiscalYear} <= ${notAfter}`,
      ),
    );
  return row?.year === null || row?.year === undefined ? null : Number(row.year);
}
