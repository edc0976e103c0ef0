import {
  AppError,
  aggregateMoneyIndicators,
  compareCivil,
  computeMoneyIndicators,
  fiscalMonthEnd,
  fiscalMonthOfDate,
  fiscalYearEnd,
  fiscalYearOfDate,
  isoOf,
  parseEntryDate,
  satangToDecimalString,
  scoreResult,
  SEED_CRITERIA,
  type CivilDate,
  type MoneyCarryOver,
  type MoneyLine,
  type UnitMoneyIndicators,
} from '@pbis/core';
import type { Database, Executor } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import type { Actor } from '../auth/actor.js';
import { UnitLookup, isUnitMiss, type UnitRow } from './lookup.js';
import * as repo from './repository.js';
import * as reads from './repositories/reports.js';

/*
 * The money indicators at a date (SPEC §3): each line's budget after transfers and its
 * disbursements up to the date, from the monthly totals (whole months) and the entries of the
 * date's own month up to the day; carry-overs as approved. The formulas are the core's.
 */

export interface MoneyIndicatorRow {
  unit_code: string;
  unit_name: string;
  included: boolean;
  disbursement_base_baht: string;
  disbursed_baht: string;
  disbursement_rate: string | null;
  disbursement_level: number | null;
  disbursement_points: string | null;
  carry_over_base_baht: string;
  carry_over_without_obligation_baht: string;
  carry_over_without_obligation_rate: string | null;
  carry_over_level: number | null;
  carry_over_points: string | null;
  /** Why a rate has no level: no criteria for it, or the engine's reason (a gap between bands). */
  carry_over_level_note: string | null;
}

export interface MoneyFiguresAt {
  asOf: string;
  lines: MoneyLine[];
  carryOvers: MoneyCarryOver[];
  units: UnitRow[];
}

/** The as-of date: given (ISO or Thai) or 30 September of the fiscal year. */
export function asOfDate(fiscalYear: number, text?: string): CivilDate {
  if (!text) return fiscalYearEnd(fiscalYear);
  const d = parseEntryDate(text);
  if (typeof d === 'string')
    throw new AppError('validation', `--as-of: ${d}`, { reason: 'invalid_format' });
  return d;
}

/** Each line's figures at the date, in the actor's scope. */
export async function moneyFiguresAt(
  db: Executor,
  organizationId: string,
  fiscalYear: number,
  asOf: CivilDate,
): Promise<MoneyFiguresAt> {
  const units = (await UnitLookup.load(db, organizationId)).units;
  const lines = await repo.linesOfYears(db, organizationId, [fiscalYear]);
  const before = fiscalYearOfDate(asOf) < fiscalYear;
  const after = fiscalYearOfDate(asOf) > fiscalYear;
  const month = before ? 0 : after ? 12 : fiscalMonthOfDate(asOf);
  const iso = isoOf(asOf);
  const months = await reads.lineTotalsToMonth(db, organizationId, fiscalYear, month);
  // The date's own month counted whole above: take back what is dated after the day.
  // At a month's last day (30 September above all) nothing of the month is later: no entry read.
  const monthEnds = before || after || compareCivil(asOf, fiscalMonthEnd(fiscalYear, month)) === 0;
  const laterPaid = monthEnds
    ? []
    : await reads.disbursedAfter(db, organizationId, fiscalYear, month, iso);
  const laterMoved = monthEnds
    ? []
    : await reads.transfersAfter(db, organizationId, fiscalYear, month, iso);
  const transfer = new Map<string, bigint>();
  const paid = new Map<string, bigint>();
  const add = (m: Map<string, bigint>, k: string, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v);
  for (const m of months) {
    add(transfer, m.lineId, m.transfer);
    add(paid, m.lineId, m.disbursed);
  }
  for (const p of laterPaid) add(paid, p.lineId, -p.amount);
  for (const t of laterMoved) {
    add(transfer, t.fromLineId, t.amountSatang);
    add(transfer, t.toLineId, -t.amountSatang);
  }
  const carried = await reads.carryOversOf(db, organizationId, fiscalYear);
  return {
    asOf: iso,
    units: [...units],
    lines: lines.map((l) => ({
      lineId: l.id,
      unitId: l.unitId,
      expenseCategory: l.expenseCategory as MoneyLine['expenseCategory'],
      fundSource: l.fundSource as MoneyLine['fundSource'],
      expenseItem: l.expenseItem,
      revisedSatang: before ? l.enactedSatang : l.enactedSatang + (transfer.get(l.id) ?? 0n),
      disbursedSatang: paid.get(l.id) ?? 0n,
    })),
    carryOvers: carried.map((c) => ({
      lineId: c.lineId,
      unitId: c.unitId,
      kind: c.kind as MoneyCarryOver['kind'],
      amountSatang: c.amountSatang,
      exemption: c.exemption as MoneyCarryOver['exemption'],
      approved: c.status === 'approved',
    })),
  };
}

function levelOf(rate: string | null, criteria: (typeof SEED_CRITERIA)['2'] | undefined) {
  if (rate === null || !criteria)
    return { level: null, points: null, note: criteria ? 'no base' : 'no criteria' };
  try {
    const s = scoreResult(criteria, rate) as { level: number; points: unknown };
    return { level: s.level, points: String(s.points), note: null };
  } catch (e) {
    return { level: null, points: null, note: e instanceof Error ? e.message : String(e) };
  }
}

function rowOf(code: string, name: string, m: UnitMoneyIndicators): MoneyIndicatorRow {
  const carry = levelOf(m.carryOverWithoutObligationRate, SEED_CRITERIA['2']);
  return {
    unit_code: code,
    unit_name: name,
    included: m.included,
    disbursement_base_baht: satangToDecimalString(m.disbursementBaseSatang),
    disbursed_baht: satangToDecimalString(m.disbursedSatang),
    disbursement_rate: m.disbursementRate,
    // The seed gives indicator 5.1 no bands of its own: no level until criteria are set for it.
    disbursement_level: null,
    disbursement_points: null,
    carry_over_base_baht: satangToDecimalString(m.carryOverBaseSatang),
    carry_over_without_obligation_baht: satangToDecimalString(m.carryOverWithoutObligationSatang),
    carry_over_without_obligation_rate: m.carryOverWithoutObligationRate,
    carry_over_level: m.included ? carry.level : null,
    carry_over_points: m.included ? carry.points : null,
    carry_over_level_note: m.included
      ? carry.note
      : 'left out of indicator 2 (university or enterprise)',
  };
}

export interface MoneyIndicatorsReport {
  fiscalYear: number;
  asOf: string;
  rows: MoneyIndicatorRow[];
}

/** One row per unit in scope (or the one asked for) and one for the whole organisation (ALL). */
export async function moneyIndicators(
  database: Database,
  actor: Actor,
  q: { fiscalYear: number; unit?: string | undefined; asOf?: string | undefined },
): Promise<MoneyIndicatorsReport> {
  const asOf = asOfDate(q.fiscalYear, q.asOf);
  const f = await withScope(database, actor, (db) =>
    moneyFiguresAt(db, actor.organizationId, q.fiscalYear, asOf),
  );
  const perUnit = computeMoneyIndicators(
    f.lines,
    f.carryOvers,
    f.units.map((u) => ({ unitId: u.id, kind: u.kind })),
  );
  const unitById = new Map(f.units.map((u) => [u.id, u]));
  let shown = perUnit;
  if (q.unit) {
    const u = new UnitLookup(f.units).resolveText(q.unit);
    if (isUnitMiss(u)) throw new AppError('not_found', u.reason, { reason: 'unit_not_found' });
    shown = perUnit.filter((p) => p.unitId === u.id);
  }
  const rows = shown
    .map((m) => ({ m, u: unitById.get(m.unitId)! }))
    .sort((a, b) => a.u.code.localeCompare(b.u.code))
    .map(({ m, u }) => rowOf(u.code, u.nameTh, m));
  rows.push(rowOf('ALL', 'กรุงเทพมหานคร (ทุกหน่วยงาน)', aggregateMoneyIndicators(perUnit)));
  return { fiscalYear: q.fiscalYear, asOf: f.asOf, rows };
}
