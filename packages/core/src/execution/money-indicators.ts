import { ratioPercent } from '../money.js';
import {
  isStaffCentralFundItem,
  type CarryOverExemption,
  type CarryOverKind,
  type ExpenseCategory,
  type FundSource,
} from './budget-vocabulary.js';

/*
 * The two money indicators (GLOSSARY.md "Formulas"; SPEC §3 "Money indicators"), exact on satang.
 *
 * 5.1 disbursement rate = disbursed up to the date ÷ budget after transfers as of the date × 100,
 *   over operating, capital, subsidy and other categories and the allocated central fund; left
 *   out: personnel, the central-fund staff items (staff assistance, employee gratuities),
 *   supplementary budgets, government grants and the prior year's carry-over.
 * Indicator 2 carry-over without obligation = approved carry-over without obligation ÷ the
 *   annual budget (fund source regular) after transfers, every category, × 100; the carry-over
 *   kinds the seed exempts are not counted, and the university and the commercial enterprises
 *   are left out of the indicator (their figures still shown).
 * Rates are percentages rounded half-up to 3 decimals; null where the base is 0.
 */

export interface MoneyLine {
  lineId: string;
  unitId: string;
  expenseCategory: ExpenseCategory;
  fundSource: FundSource;
  expenseItem: string;
  /** Budget after transfers as of the date. */
  revisedSatang: bigint;
  /** Disbursements of the line up to the date, net of reversals. */
  disbursedSatang: bigint;
}

export interface MoneyCarryOver {
  lineId: string;
  unitId: string;
  kind: CarryOverKind;
  amountSatang: bigint;
  exemption: CarryOverExemption | null;
  approved: boolean;
}

export type UnitKindForIndicators = 'department' | 'district_office' | 'enterprise' | 'university';

export type DisbursementExclusion =
  'personnel' | 'staff_central_fund' | 'supplementary' | 'government_grant' | 'carried_over';
export type CarryOverBaseExclusion = 'supplementary' | 'government_grant' | 'carried_over';
export type CarryOverExclusion =
  'with_obligation' | 'not_approved' | `exempt:${CarryOverExemption}` | 'line_not_in_base';

export type Counted<R> = { counted: true } | { counted: false; reason: R };

const fundExclusion = (f: FundSource): CarryOverBaseExclusion | null =>
  f === 'regular' ? null : f;

export function classifyForDisbursementRate(l: MoneyLine): Counted<DisbursementExclusion> {
  const fund = fundExclusion(l.fundSource);
  if (fund) return { counted: false, reason: fund };
  if (l.expenseCategory === 'personnel') return { counted: false, reason: 'personnel' };
  if (l.expenseCategory === 'central' && isStaffCentralFundItem(l.expenseItem))
    return { counted: false, reason: 'staff_central_fund' };
  return { counted: true };
}

export function classifyForCarryOverBase(l: MoneyLine): Counted<CarryOverBaseExclusion> {
  const fund = fundExclusion(l.fundSource);
  return fund ? { counted: false, reason: fund } : { counted: true };
}

export function classifyCarryOver(
  c: MoneyCarryOver,
  line: MoneyLine | undefined,
): Counted<CarryOverExclusion> {
  if (c.kind !== 'without_obligation') return { counted: false, reason: 'with_obligation' };
  if (!c.approved) return { counted: false, reason: 'not_approved' };
  if (c.exemption) return { counted: false, reason: `exempt:${c.exemption}` };
  if (!line || !classifyForCarryOverBase(line).counted)
    return { counted: false, reason: 'line_not_in_base' };
  return { counted: true };
}

/** The university and the commercial enterprises are left out of indicator 2. */
export const unitIncludedInCarryOverIndicator = (kind: UnitKindForIndicators): boolean =>
  kind !== 'university' && kind !== 'enterprise';

export interface MoneyFigures {
  disbursementBaseSatang: bigint;
  disbursedSatang: bigint;
  carryOverBaseSatang: bigint;
  carryOverWithoutObligationSatang: bigint;
}

export interface UnitMoneyIndicators extends MoneyFigures {
  unitId: string;
  included: boolean;
  disbursementRate: string | null;
  carryOverWithoutObligationRate: string | null;
}

const rate = (n: bigint, d: bigint) => (d === 0n ? null : ratioPercent(n, d, 3));

export const zeroFigures = (): MoneyFigures => ({
  disbursementBaseSatang: 0n,
  disbursedSatang: 0n,
  carryOverBaseSatang: 0n,
  carryOverWithoutObligationSatang: 0n,
});

/** Both indicators for every unit given (a unit without lines has zero figures). */
export function computeMoneyIndicators(
  lines: readonly MoneyLine[],
  carryOvers: readonly MoneyCarryOver[],
  units: readonly { unitId: string; kind: UnitKindForIndicators }[],
): UnitMoneyIndicators[] {
  const figures = new Map(units.map((u) => [u.unitId, zeroFigures()]));
  const lineById = new Map(lines.map((l) => [l.lineId, l]));
  for (const l of lines) {
    const f = figures.get(l.unitId);
    if (!f) continue;
    if (classifyForDisbursementRate(l).counted) {
      f.disbursementBaseSatang += l.revisedSatang;
      f.disbursedSatang += l.disbursedSatang;
    }
    if (classifyForCarryOverBase(l).counted) f.carryOverBaseSatang += l.revisedSatang;
  }
  for (const c of carryOvers) {
    const f = figures.get(c.unitId);
    if (f && classifyCarryOver(c, lineById.get(c.lineId)).counted)
      f.carryOverWithoutObligationSatang += c.amountSatang;
  }
  return units.map((u) =>
    withRates(u.unitId, unitIncludedInCarryOverIndicator(u.kind), figures.get(u.unitId)!),
  );
}

function withRates(unitId: string, included: boolean, f: MoneyFigures): UnitMoneyIndicators {
  return {
    unitId,
    included,
    ...f,
    disbursementRate: rate(f.disbursedSatang, f.disbursementBaseSatang),
    carryOverWithoutObligationRate: rate(f.carryOverWithoutObligationSatang, f.carryOverBaseSatang),
  };
}

/**
 * A division's or the whole organisation's figures (`unitId` e.g. "ALL"): 5.1 over every unit;
 * indicator 2 over the included units only.
 */
export function aggregateMoneyIndicators(
  unitId: string,
  perUnit: readonly UnitMoneyIndicators[],
): UnitMoneyIndicators {
  const f = zeroFigures();
  for (const u of perUnit) {
    f.disbursementBaseSatang += u.disbursementBaseSatang;
    f.disbursedSatang += u.disbursedSatang;
    if (!u.included) continue;
    f.carryOverBaseSatang += u.carryOverBaseSatang;
    f.carryOverWithoutObligationSatang += u.carryOverWithoutObligationSatang;
  }
  return withRates(unitId, true, f);
}

export interface LineExplanation {
  lineId: string;
  disbursementRate: Counted<DisbursementExclusion>;
  carryOverBase: Counted<CarryOverBaseExclusion>;
}

/** Which lines and carry-overs were counted and which were left out, and why. */
export function explainMoneyIndicators(
  lines: readonly MoneyLine[],
  carryOvers: readonly MoneyCarryOver[],
): { lines: LineExplanation[]; carryOvers: (Counted<CarryOverExclusion> & { lineId: string })[] } {
  const lineById = new Map(lines.map((l) => [l.lineId, l]));
  return {
    lines: lines.map((l) => ({
      lineId: l.lineId,
      disbursementRate: classifyForDisbursementRate(l),
      carryOverBase: classifyForCarryOverBase(l),
    })),
    carryOvers: carryOvers.map((c) => ({
      lineId: c.lineId,
      ...classifyCarryOver(c, lineById.get(c.lineId)),
    })),
  };
}
