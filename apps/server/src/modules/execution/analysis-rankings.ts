import { compareDecimal, computeMoneyIndicators, parseDecimal } from '@pbis/core';
import type { Rankings } from '@pbis/contract';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import type { Actor } from '../auth/actor.js';
import { analysisAsOf, todayInBangkok, includedIn2 } from './analysis-curves.js';
import { moneyFiguresAt } from './money.js';
import * as reads from './repositories/analysis.js';

/*
 * Rankings of the units in scope (GET /execution/rankings) by indicator 5.1 (highest first) and by
 * indicator 2 (lowest first), from the same figures as the money indicators at the date, exact.
 */

interface Ranked {
  unitId: string;
  unitCode: string;
  unitName: string;
  analysisDivisionNo: number | null;
  rate: string;
}

/** Competition ranking ("1224"): equal rates share a rank; ties in code order. */
export function rank(items: readonly Ranked[], order: 'desc' | 'asc') {
  const sign = order === 'desc' ? -1 : 1;
  const sorted = [...items].sort(
    (a, b) =>
      sign * compareDecimal(parseDecimal(a.rate), parseDecimal(b.rate)) ||
      a.unitCode.localeCompare(b.unitCode),
  );
  return sorted.map((r, i) => {
    let first = i;
    while (
      first > 0 &&
      compareDecimal(parseDecimal(sorted[first - 1]!.rate), parseDecimal(r.rate)) === 0
    )
      first--;
    return { rank: first + 1, ...r };
  });
}

export async function executionRankings(
  database: Database,
  actor: Actor,
  q: { fiscalYear: number; asOf?: string | undefined },
): Promise<Rankings> {
  const asOf = analysisAsOf(q.fiscalYear, q.asOf, todayInBangkok());
  const { f, divisions } = await withScope(database, actor, async (db) => ({
    f: await moneyFiguresAt(db, actor.organizationId, q.fiscalYear, asOf),
    divisions: await reads.unitDivisions(db, actor.organizationId),
  }));
  const units = new Map(f.units.map((u) => [u.id, u]));
  const perUnit = computeMoneyIndicators(
    f.lines,
    f.carryOvers,
    f.units.map((u) => ({ unitId: u.id, kind: u.kind })),
  );
  const item = (unitId: string, rate: string): Ranked => {
    const u = units.get(unitId)!;
    return {
      unitId,
      unitCode: u.code,
      unitName: u.nameTh,
      analysisDivisionNo: divisions.get(unitId) ?? null,
      rate,
    };
  };
  return {
    fiscalYear: q.fiscalYear,
    asOf: f.asOf,
    disbursement: rank(
      perUnit
        .filter((m) => m.disbursementRate !== null)
        .map((m) => item(m.unitId, m.disbursementRate!)),
      'desc',
    ),
    carryOver: rank(
      perUnit
        .filter(
          (m) =>
            m.carryOverWithoutObligationRate !== null && includedIn2(units.get(m.unitId)!.kind),
        )
        .map((m) => item(m.unitId, m.carryOverWithoutObligationRate!)),
      'asc',
    ),
  };
}
