import {
  fiscalMonthOfDate,
  fiscalYearOfDate,
  isoOf,
  monthsElapsedAt,
  statusCounts,
} from '@pbis/core';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import type { Actor } from '../auth/actor.js';
import * as repo from './repository.js';
import { indicatorsOfPlans } from './repositories/home.js';
import { moneyIndicators } from '../execution/money.js';
import { asOfOf, computedValue, indicatorSummary } from './service.js';

type Latest = { periodKind: 'month' | 'quarter' | 'year'; periodNo: number } | null;

/**
 * Whether an entered indicator's result is still due: in the current fiscal year, no result
 * covers the month (a month result for it, a quarter result for its quarter, or the year's
 * result); in a past year, no result at all.
 */
export function resultDue(latest: Latest, currentYear: boolean, fiscalMonth: number): boolean {
  if (!latest) return true;
  if (!currentYear) return false;
  if (latest.periodKind === 'year') return false;
  if (latest.periodKind === 'quarter') return latest.periodNo < Math.ceil(fiscalMonth / 3);
  return latest.periodNo < fiscalMonth;
}

const LIST = 10;

/** The home-page cards' figures for the plans in the actor's scope (read through row-level security). */
export async function planHome(
  database: Database,
  actor: Actor,
  q: { fiscalYear?: number | undefined; asOf?: string | undefined },
) {
  const asOf = asOfOf(q.asOf);
  const nowYear = fiscalYearOfDate(asOf);
  const fiscalMonth = fiscalMonthOfDate(asOf);
  const data = await withScope(database, actor, async (db) => {
    const all = (await repo.listPlans(db, actor.organizationId, {})).filter(
      (p) => p.plan.revision === p.latestRevision,
    );
    const years = [...new Set(all.map((p) => p.plan.fiscalYear))].filter((y) => y <= nowYear);
    const fiscalYear = q.fiscalYear ?? (years.length ? Math.max(...years) : nowYear);
    const plans = all.filter((p) => p.plan.fiscalYear === fiscalYear);
    const indicators = await indicatorsOfPlans(
      db,
      plans.map((p) => p.plan.id),
    );
    const ids = indicators.map((i) => i.id);
    return {
      fiscalYear,
      plans,
      indicators,
      targets: await repo.targetsOf(db, ids),
      results: await repo.resultsOf(db, ids, fiscalYear),
    };
  });
  const { fiscalYear, plans, indicators } = data;
  const currentYear = fiscalYear === nowYear;
  const monthsElapsed = monthsElapsedAt(fiscalYear, { fiscalYear: nowYear, month: fiscalMonth });
  const planById = new Map(plans.map((p) => [p.plan.id, p]));
  const targetOf = new Map(
    data.targets.filter((t) => t.fiscalYear === fiscalYear).map((t) => [t.indicatorId, t]),
  );
  const resultsOf = new Map<string, typeof data.results>();
  for (const r of data.results)
    resultsOf.set(r.indicatorId, [...(resultsOf.get(r.indicatorId) ?? []), r]);
  // Computed indicators read budget execution: one report for every unit in scope (the same
  // figures the tree reads unit by unit), at the year's end when the year is over.
  const rates = new Map<string, { disbursement: string | null; carryOver: string | null }>();
  if (indicators.some((i) => i.source === 'computed')) {
    const end = { year: fiscalYear - 543, month: 9, day: 30 };
    const day = isoOf(asOf) < isoOf(end) ? asOf : end;
    const report = await moneyIndicators(database, actor, { fiscalYear, asOf: isoOf(day) });
    for (const row of report.rows)
      rates.set(row.unit_code, {
        disbursement: row.disbursement_rate ?? null,
        carryOver: row.carry_over_without_obligation_rate ?? null,
      });
  }

  const rows = indicators.map((ind) => {
    const plan = planById.get(ind.actionPlanId)!;
    const value =
      ind.source === 'computed'
        ? computedValue(ind, rates.get(plan.unitCode) ?? { disbursement: null, carryOver: null })
        : null;
    const results =
      ind.source === 'computed'
        ? value === null
          ? []
          : [{ periodKind: 'year' as const, periodNo: 0, value }]
        : (resultsOf.get(ind.id) ?? []);
    const s = indicatorSummary(ind, targetOf.get(ind.id), results, monthsElapsed);
    return {
      source: ind.source,
      view: {
        indicatorId: ind.id,
        code: ind.code,
        nameTh: ind.nameTh,
        unitId: plan.plan.unitId,
        unitCode: plan.unitCode,
        unitName: plan.unitName,
        status: s.status,
        latest: s.latest,
      },
    };
  });
  const byUnit = (a: { view: { unitCode: string; code: string } }, b: typeof a) =>
    a.view.unitCode.localeCompare(b.view.unitCode) ||
    a.view.code.localeCompare(b.view.code, 'th', { numeric: true });
  const due = rows
    .filter((r) => r.source === 'entered' && resultDue(r.view.latest, currentYear, fiscalMonth))
    .sort(byUnit);
  const atRisk = rows
    .filter((r) => r.view.status === 'at_risk' || r.view.status === 'missed')
    .sort((a, b) =>
      a.view.status === b.view.status ? byUnit(a, b) : a.view.status === 'at_risk' ? -1 : 1,
    );
  return {
    fiscalYear,
    scope:
      actor.role === 'unit_officer'
        ? ('unit' as const)
        : actor.role === 'budget_analyst'
          ? ('division' as const)
          : ('all' as const),
    asOf: isoOf(asOf),
    currentYear,
    fiscalMonth,
    plans: plans.length,
    units: new Set(plans.map((p) => p.plan.unitId)).size,
    statusCounts: statusCounts(rows.map((r) => r.view.status)),
    due: due.slice(0, LIST).map((r) => r.view),
    dueTotal: due.length,
    atRisk: atRisk.slice(0, LIST).map((r) => r.view),
    atRiskTotal: atRisk.length,
  };
}
