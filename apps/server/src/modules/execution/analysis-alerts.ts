import {
  AppError,
  evaluateLaggardRules,
  fiscalMonthEnd,
  isoOf,
  nextLaggardDeadline,
  satangToDecimalString,
} from '@pbis/core';
import type { Alerts } from '@pbis/contract';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import type { Actor } from '../auth/actor.js';
import {
  analysisAsOf,
  analysisYear,
  todayInBangkok,
  figuresAsOf,
  laggardLines,
  monthsObservedAt,
} from './analysis-curves.js';
import { loadRules } from './analysis-rules.js';
import { UnitLookup } from './lookup.js';
import * as repo from './repository.js';
import * as reads from './repositories/analysis.js';

/*
 * Laggard alerts (GET /execution/alerts): the rules in force against every unit in scope, from the
 * monthly running totals at the last month end on or before the date.
 */

export async function laggardAlerts(
  database: Database,
  actor: Actor,
  q: { fiscalYear?: string | undefined; asOf?: string | undefined; unitId?: string | undefined },
): Promise<Alerts> {
  const fy = await analysisYear(database, actor, q.fiscalYear);
  const asOf = analysisAsOf(fy, q.asOf, todayInBangkok());
  const observed = monthsObservedAt(fy, asOf);
  const org = actor.organizationId;
  const data = await withScope(database, actor, async (db) => ({
    units: await UnitLookup.load(db, org),
    divisions: await reads.unitDivisions(db, org),
    lines: await repo.linesOfYears(db, org, [fy], q.unitId ? [q.unitId] : undefined),
    months: await reads.monthRowsOfYears(db, org, [fy]),
    rules: await loadRules(db, org),
  }));
  if (q.unitId && !data.units.byId(q.unitId))
    throw new AppError('not_found', 'no such receiving unit', { reason: 'unit_not_found' });
  const findings = evaluateLaggardRules(
    data.rules.rules,
    laggardLines(data.lines, data.months, observed),
    observed,
  );
  const due = (m: number) => isoOf(fiscalMonthEnd(fy, m));
  const b = satangToDecimalString;
  const rows = findings
    .map((f) => {
      const u = data.units.byId(f.unitId)!;
      return {
        unitId: f.unitId,
        unitCode: u.code,
        unitName: u.nameTh,
        analysisDivisionNo: data.divisions.get(f.unitId) ?? null,
        ruleId: f.ruleId,
        status: f.status,
        dueFiscalMonth: f.dueFiscalMonth,
        dueDate: due(f.dueFiscalMonth),
        thresholdPercent: f.thresholdPercent,
        baseBaht: b(f.baseSatang),
        committedAtDueBaht: f.committedAtDueSatang === null ? null : b(f.committedAtDueSatang),
        committedBaht: b(f.committedSatang),
        rateAtDue: f.rateAtDue,
        rate: f.rate,
      };
    })
    .sort((x, y) => x.unitCode.localeCompare(y.unitCode));
  const next = nextLaggardDeadline(data.rules.rules, observed);
  return {
    fiscalYear: fy,
    asOf: isoOf(asOf),
    figuresAsOf: figuresAsOf(fy, observed),
    monthsObserved: observed,
    rules: data.rules.rules.map((r) => ({ ...r, dueDate: due(r.dueFiscalMonth) })),
    nextDeadline: next && { ...next, date: due(next.fiscalMonth) },
    findings: rows,
    flaggedUnits: new Set(rows.filter((r) => r.status === 'flagged').map((r) => r.unitId)).size,
  };
}
