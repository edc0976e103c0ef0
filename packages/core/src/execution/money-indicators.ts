/**
 * The two money indicators (GLOSSARY.md "Formulas"; SPEC §3 "Money indicators"), exact on satang.
 *
 * Indicator 5.1, disbursement rate = disbursements up to the date ÷ budget after transfers as of
 *   the date × 100, over the lines of fund source `regular` in the operating, capital, subsidy and
 *   other categories and the central fund allocated to the unit; left out: personnel, the
 *   central-fund staff items (staff assistance, employee gratuities), supplementary budgets,
 *   government grants and the prior year's carry-over.
 * Indicator 2, carry-over without obligation = approved carry-overs without obligation ÷ the
 *   annual budget (fund source `regular`, every category, personnel and central fund included)
 *   after transfers × 100. Carry-overs of the exempt kinds are not counted; the university and the
 *   commercial enterprises are left out of the indicator (their figures are still computed).
 * Rates are percentages rounded half-up to 3 decimals ("75.000"); null where the base is 0.
 */
import { ratioPercent } from '../money.js';
import {
  isStaffCentralFundItem,
  type CarryOverExemption,
  type CarryOverKind,
  type ExpenseCategory,
  type FundSource,
} from './budget-vocabulary.js';

/** A budget line with its figures as of the date. */
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

/** A carry-over of the fiscal year into the next, on one line. */
export interface MoneyCarryOver {
  lineId: string;
  unitId: string;
  kind: CarryOverKind;
  amountSatang: bigint;
  exemption: CarryOverExemption | null;
  approved: boolean;
}

/** The unit kinds that matter to the indicators. */
export type UnitKindForIndicators = 'department' | 'district_office' | 'enterprise' | 'university';

/** A receiving unit as the indicators see it. */
export interface MoneyUnit {
  unitId: string;
  kind: UnitKindForIndicators;
}

/** Why a line is left out of indicator 5.1. */
export type DisbursementExclusion =
  'personnel' | 'staff_central_fund' | 'supplementary' | 'government_grant' | 'carried_over';
/** Why a line is left out of the base of indicator 2. */
export type CarryOverBaseExclusion = 'supplementary' | 'government_grant' | 'carried_over';
/** Why a carry-over is left out of the numerator of indicator 2. */
export type CarryOverExclusion =
  'with_obligation' | 'not_approved' | `exempt:${CarryOverExemption}` | 'line_not_in_base';

/** Counted, or left out with a reason. */
export type Counted<R> = { counted: true } | { counted: false; leftOut: R };

const fundExclusion = (f: FundSource): CarryOverBaseExclusion | null =>
  f === 'regular' ? null : f;

/**
 * Whether a line counts in indicator 5.1. Reasons are checked in this order: fund source
 * (supplementary, government_grant, carried_over), then personnel, then a central-fund staff
 * item. Every other line, central fund included, is counted.
 */
export function classifyForDisbursementRate(l: MoneyLine): Counted<DisbursementExclusion> {
  const fund = fundExclusion(l.fundSource);
  if (fund) return { counted: false, leftOut: fund };
  if (l.expenseCategory === 'personnel') return { counted: false, leftOut: 'personnel' };
  if (l.expenseCategory === 'central' && isStaffCentralFundItem(l.expenseItem)) {
    return { counted: false, leftOut: 'staff_central_fund' };
  }
  return { counted: true };
}

/** Whether a line counts in the base of indicator 2: fund source `regular`, any category. */
export function classifyForCarryOverBase(l: MoneyLine): Counted<CarryOverBaseExclusion> {
  const fund = fundExclusion(l.fundSource);
  return fund ? { counted: false, leftOut: fund } : { counted: true };
}

/**
 * Whether a carry-over counts in the numerator of indicator 2: without obligation, approved, not
 * exempt, and on a line (`line`, undefined when unknown) that is in the base.
 */
export function classifyCarryOver(
  c: MoneyCarryOver,
  line: MoneyLine | undefined,
): Counted<CarryOverExclusion> {
  if (c.kind !== 'without_obligation') return { counted: false, leftOut: 'with_obligation' };
  if (!c.approved) return { counted: false, leftOut: 'not_approved' };
  if (c.exemption) return { counted: false, leftOut: `exempt:${c.exemption}` };
  if (!line || !classifyForCarryOverBase(line).counted) {
    return { counted: false, leftOut: 'line_not_in_base' };
  }
  return { counted: true };
}

/** The university and the commercial enterprises are left out of indicator 2. */
export const unitIncludedInCarryOverIndicator = (kind: UnitKindForIndicators): boolean =>
  kind !== 'university' && kind !== 'enterprise';

/** The four amounts behind the two rates. */
export interface MoneyFigures {
  disbursementBaseSatang: bigint;
  disbursedSatang: bigint;
  carryOverBaseSatang: bigint;
  carryOverWithoutObligationSatang: bigint;
}

/** Both indicators of one unit (or of an aggregate such as "ALL"). */
export interface UnitMoneyIndicators extends MoneyFigures {
  unitId: string;
  /** False for a unit kind indicator 2 leaves out; its figures are still given. */
  included: boolean;
  /** Indicator 5.1 in percent, 3 decimals; null when the base is 0. */
  disbursementRate: string | null;
  /** Indicator 2 in percent, 3 decimals; null when the base is 0. */
  carryOverWithoutObligationRate: string | null;
}

const rate = (n: bigint, d: bigint): string | null => (d === 0n ? null : ratioPercent(n, d, 3));

const zeroFigures = (): MoneyFigures => ({
  disbursementBaseSatang: 0n,
  disbursedSatang: 0n,
  carryOverBaseSatang: 0n,
  carryOverWithoutObligationSatang: 0n,
});

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
 * Both indicators for every unit of `units`, in that order (a unit without lines has zero
 * figures and null rates). Lines and carry-overs of units not listed are ignored; a carry-over
 * counts for its own `unitId`.
 */
export function computeMoneyIndicators(
  lines: readonly MoneyLine[],
  carryOvers: readonly MoneyCarryOver[],
  units: readonly MoneyUnit[],
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
    if (f && classifyCarryOver(c, lineById.get(c.lineId)).counted) {
      f.carryOverWithoutObligationSatang += c.amountSatang;
    }
  }
  return units.map((u) =>
    withRates(u.unitId, unitIncludedInCarryOverIndicator(u.kind), figures.get(u.unitId)!),
  );
}

/**
 * The figures of a group of units: of `unitIds` when given (an analysis division), else of every
 * unit in `perUnit` (the organisation). Indicator 5.1 sums over all of them; indicator 2 only over
 * the included units. The result is labelled `label` (default "ALL") and is itself included.
 */
export function aggregateMoneyIndicators(
  perUnit: readonly UnitMoneyIndicators[],
  unitIds?: Iterable<string>,
  label = 'ALL',
): UnitMoneyIndicators {
  const wanted = unitIds === undefined ? undefined : new Set(unitIds);
  const f = zeroFigures();
  for (const u of perUnit) {
    if (wanted && !wanted.has(u.unitId)) continue;
    f.disbursementBaseSatang += u.disbursementBaseSatang;
    f.disbursedSatang += u.disbursedSatang;
    if (!u.included) continue;
    f.carryOverBaseSatang += u.carryOverBaseSatang;
    f.carryOverWithoutObligationSatang += u.carryOverWithoutObligationSatang;
  }
  return withRates(label, true, f);
}

/** How one line entered the indicators. */
export interface LineExplanation {
  lineId: string;
  unitId: string;
  expenseCategory: ExpenseCategory;
  fundSource: FundSource;
  expenseItem: string;
  revisedSatang: bigint;
  disbursedSatang: bigint;
  disbursementRate: Counted<DisbursementExclusion>;
  carryOverBase: Counted<CarryOverBaseExclusion>;
}

/** How one carry-over entered indicator 2. */
export type CarryOverExplanation = MoneyCarryOver & { numerator: Counted<CarryOverExclusion> };

/**
 * The breakdown behind `computeMoneyIndicators`: which lines and carry-overs, with their amounts,
 * were counted and which were left out, and why — in input order.
 */
export function explainMoneyIndicators(
  lines: readonly MoneyLine[],
  carryOvers: readonly MoneyCarryOver[],
): { lines: LineExplanation[]; carryOvers: CarryOverExplanation[] } {
  const lineById = new Map(lines.map((l) => [l.lineId, l]));
  return {
    lines: lines.map((l) => ({
      ...l,
      disbursementRate: classifyForDisbursementRate(l),
      carryOverBase: classifyForCarryOverBase(l),
    })),
    carryOvers: carryOvers.map((c) => ({
      ...c,
      numerator: classifyCarryOver(c, lineById.get(c.lineId)),
    })),
  };
}
