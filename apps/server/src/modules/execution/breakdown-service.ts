import {
  classifyCarryOver,
  classifyForCarryOverBase,
  classifyForDisbursementRate,
  computeMoneyIndicators,
  satangToDecimalString,
  unitIncludedInCarryOverIndicator,
  type Counted,
  type MoneyUnit,
} from '@pbis/core';
import type { MoneyBreakdown } from '@pbis/contract';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import type { Actor } from '../auth/actor.js';
import { assertUnitInScope } from '../org/scope.js';
import { asOfDate, moneyFiguresAt } from './money.js';
import * as repo from './repository.js';
import * as reads from './repositories/reports.js';

/*
 * The breakdown of one unit's money indicators (issue 15): every line of the unit with its
 * amounts at the date, counted or left out of indicator 5.1 and of the base of indicator 2 and
 * why; every carry-over of the year counted or left out of indicator 2 and why. The figures are
 * those of GET /execution/money-indicators (moneyFiguresAt), the classification the core's, and
 * the totals the core's computeMoneyIndicators for the unit — so they equal the unit's row.
 */

const reasonOf = <R extends string>(c: Counted<R>) =>
  c.counted ? { counted: true, reason: null } : { counted: false, reason: c.leftOut };

export async function moneyBreakdown(
  database: Database,
  actor: Actor,
  q: { fiscalYear: number; unitId: string; asOf?: string | undefined },
): Promise<MoneyBreakdown> {
  const asOf = asOfDate(q.fiscalYear, q.asOf);
  const org = actor.organizationId;
  const data = await withScope(database, actor, async (db) => {
    const f = await moneyFiguresAt(db, org, q.fiscalYear, asOf);
    const unit = f.units.find((u) => u.id === q.unitId);
    // Out of scope answers 404 like an unknown unit (row-level security already hides its lines).
    assertUnitInScope(actor, unit);
    return {
      f,
      unit,
      rows: await repo.linesOfYears(db, org, [q.fiscalYear], [unit.id]),
      carried: await reads.carryOversOf(db, org, q.fiscalYear),
    };
  });
  const { f, unit } = data;
  const lines = f.lines.filter((l) => l.unitId === unit.id);
  const carryOvers = f.carryOvers.filter((c) => c.unitId === unit.id);
  const rowById = new Map(data.rows.map((r) => [r.id, r]));
  const lineById = new Map(lines.map((l) => [l.lineId, l]));
  const carriedByKey = new Map(data.carried.map((c) => [`${c.lineId}|${c.kind}`, c]));
  const kind = unit.kind as MoneyUnit['kind'];
  const [m] = computeMoneyIndicators(lines, carryOvers, [{ unitId: unit.id, kind }]);
  const included = unitIncludedInCarryOverIndicator(kind);
  const identity = (lineId: string) => {
    const r = rowById.get(lineId);
    return {
      lineCode: r?.lineCode ?? null,
      programme: r?.programme ?? '',
      projectCode: r?.projectCode ?? '',
      project: r?.project ?? '',
    };
  };
  const byCode = (a: { lineCode: string | null; project: string }, b: typeof a) =>
    (a.lineCode ?? '').localeCompare(b.lineCode ?? '') || a.project.localeCompare(b.project, 'th');
  return {
    fiscalYear: q.fiscalYear,
    asOf: f.asOf,
    unit: { id: unit.id, code: unit.code, name: unit.nameTh, kind: unit.kind },
    includedInIndicator2: included,
    unitReason: included ? null : 'excluded_unit_kind',
    lines: lines
      .map((l) => ({
        lineId: l.lineId,
        ...identity(l.lineId),
        expenseCategory: l.expenseCategory,
        fundSource: l.fundSource,
        expenseItem: l.expenseItem,
        revisedBaht: satangToDecimalString(l.revisedSatang),
        disbursedBaht: satangToDecimalString(l.disbursedSatang),
        indicator51: reasonOf(classifyForDisbursementRate(l)),
        indicator2Base: reasonOf(classifyForCarryOverBase(l)),
      }))
      .sort(byCode),
    carryOvers: carryOvers
      .map((c) => {
        const row = carriedByKey.get(`${c.lineId}|${c.kind}`);
        const line = lineById.get(c.lineId);
        const { lineCode, project } = identity(c.lineId);
        return {
          id: row?.id ?? c.lineId,
          lineId: c.lineId,
          lineCode,
          project,
          expenseCategory: line?.expenseCategory ?? 'other',
          expenseItem: line?.expenseItem ?? '',
          kind: c.kind,
          status: row?.status ?? (c.approved ? 'approved' : 'requested'),
          exemption: c.exemption,
          amountBaht: satangToDecimalString(c.amountSatang),
          indicator2: reasonOf(classifyCarryOver(c, line)),
        };
      })
      .sort(byCode),
    totals: {
      disbursementBaseBaht: satangToDecimalString(m!.disbursementBaseSatang),
      disbursedBaht: satangToDecimalString(m!.disbursedSatang),
      disbursementRate: m!.disbursementRate,
      carryOverBaseBaht: satangToDecimalString(m!.carryOverBaseSatang),
      carryOverWithoutObligationBaht: satangToDecimalString(m!.carryOverWithoutObligationSatang),
      carryOverWithoutObligationRate: m!.carryOverWithoutObligationRate,
    },
  };
}
