/**
 * Laggard alerts (กิจกรรมเร่งรัดติดตามงบประมาณ, the seed's activity 2): rules that are data, each
 * naming the lines it looks at (category, expense item, fund sources), the fiscal month by whose end
 * they must be obligated, and the obligation rate below which a unit is flagged. The defaults are
 * the seed's own: equipment (ค่าครุภัณฑ์, this year's and last year's carried-over) checked at the end
 * of Q1, land and construction (ค่าที่ดินและสิ่งก่อสร้าง) at the end of Q2, and the units whose capital
 * obligation is below 60 % flagged.
 *
 * The obligation rate of a rule for a unit = committed ÷ budget after transfers × 100 over the
 * unit's lines the rule matches, where committed = obligations (net of cancellations, the paid part
 * included) + payments made without an obligation. A rule is due once its month has ended; a due
 * rule flags a unit whose rate at the last month end observed is below the threshold (compared
 * exactly, before any rounding). Before it is due a rule is `upcoming` and names its deadline.
 */
import { AppError } from '../errors.js';
import { parseDecimal, pow10 } from '../decimal.js';
import { ratioPercent } from '../money.js';
import { normalizeThai } from '../thai-text.js';
import type { ExpenseCategory, FundSource } from './budget-vocabulary.js';

/** One laggard rule. */
export interface LaggardRule {
  /** A short stable key (`equipment_q1`): letters, digits and underscores. */
  id: string;
  /** What the rule checks, in Thai (shown on the page). */
  label: string;
  /** The category of the lines it looks at; every category when absent. */
  expenseCategory?: ExpenseCategory;
  /** The expense item the lines' item must equal or begin with; every item when absent. */
  expenseItem?: string;
  /** The fund sources of the lines it looks at; `regular` only when absent. */
  fundSources?: FundSource[];
  /** The fiscal month (1 = October … 12 = September) by whose end the lines must be obligated. */
  dueFiscalMonth: number;
  /** A unit whose obligation rate is below this percentage once the rule is due is flagged. */
  minObligatedPercent: string;
}

/** The seed's activity 2, as data. */
export const DEFAULT_LAGGARD_RULES: readonly LaggardRule[] = [
  {
    id: 'equipment_q1',
    label: 'ค่าครุภัณฑ์ (รวมเงินกันเหลื่อมปี) ก่อหนี้ผูกพัน ณ สิ้นไตรมาสที่ 1',
    expenseCategory: 'capital',
    expenseItem: 'ค่าครุภัณฑ์',
    fundSources: ['regular', 'carried_over'],
    dueFiscalMonth: 3,
    minObligatedPercent: '60',
  },
  {
    id: 'land_construction_q2',
    label: 'ค่าที่ดินและสิ่งก่อสร้าง ก่อหนี้ผูกพัน ณ สิ้นไตรมาสที่ 2',
    expenseCategory: 'capital',
    expenseItem: 'ค่าที่ดินและสิ่งก่อสร้าง',
    fundSources: ['regular'],
    dueFiscalMonth: 6,
    minObligatedPercent: '60',
  },
  {
    id: 'capital_q2',
    label: 'งบลงทุนทั้งหมด ก่อหนี้ผูกพันต่ำกว่าร้อยละ 60 ณ สิ้นไตรมาสที่ 2',
    expenseCategory: 'capital',
    fundSources: ['regular'],
    dueFiscalMonth: 6,
    minObligatedPercent: '60',
  },
];

/** A budget line as the rules see it. */
export interface LaggardLine {
  unitId: string;
  expenseCategory: ExpenseCategory;
  fundSource: FundSource;
  expenseItem: string;
  /** Budget after transfers as of the last month end observed. */
  revisedSatang: bigint;
  /** Committed (see the top of this file) at the end of fiscal months 1..n, cumulative. */
  committedByMonth: readonly bigint[];
}

export type LaggardStatus = 'flagged' | 'ok' | 'upcoming';

/** What one rule says of one unit (only units with lines the rule matches and a budget). */
export interface LaggardFinding {
  unitId: string;
  ruleId: string;
  status: LaggardStatus;
  dueFiscalMonth: number;
  thresholdPercent: string;
  baseSatang: bigint;
  /** Committed at the end of the due month; null when that month has not ended. */
  committedAtDueSatang: bigint | null;
  /** Committed at the last month end observed (0 when no month has ended). */
  committedSatang: bigint;
  /** The two as percentages of the base, 3 decimals half-up. */
  rateAtDue: string | null;
  rate: string;
}

const ID = /^[a-z][a-z0-9_]{0,39}$/;

/** Checks a rule set: ids unique and well formed, months 1–12, thresholds 0–100. */
export function checkLaggardRules(rules: readonly LaggardRule[]): void {
  const seen = new Set<string>();
  rules.forEach((r, i) => {
    const at = `rule ${i + 1}`;
    if (!ID.test(r.id))
      throw new AppError('validation', `${at}: id must be lowercase letters, digits and _`);
    if (seen.has(r.id)) throw new AppError('validation', `${at}: id ${r.id} is used twice`);
    seen.add(r.id);
    if (!Number.isInteger(r.dueFiscalMonth) || r.dueFiscalMonth < 1 || r.dueFiscalMonth > 12)
      throw new AppError('validation', `${at}: dueFiscalMonth must be 1 to 12`);
    const t = parseDecimal(r.minObligatedPercent);
    if (t.coefficient < 0n || t.coefficient > 100n * pow10(t.scale))
      throw new AppError('validation', `${at}: minObligatedPercent must be 0 to 100`);
    if (r.fundSources && r.fundSources.length === 0)
      throw new AppError('validation', `${at}: fundSources must not be empty`);
  });
}

/** Whether a rule looks at a line. */
export function laggardRuleMatches(rule: LaggardRule, line: LaggardLine): boolean {
  if (rule.expenseCategory && rule.expenseCategory !== line.expenseCategory) return false;
  if (!(rule.fundSources ?? ['regular']).includes(line.fundSource)) return false;
  if (rule.expenseItem) {
    const want = normalizeThai(rule.expenseItem);
    const have = normalizeThai(line.expenseItem);
    if (have !== want && !have.startsWith(want)) return false;
  }
  return true;
}

/** committed ÷ base × 100 < threshold, exactly. */
function below(committed: bigint, base: bigint, threshold: string): boolean {
  const t = parseDecimal(threshold);
  return committed * 100n * pow10(t.scale) < t.coefficient * base;
}

/**
 * Every rule against every unit with matching lines, after `monthsObserved` month ends of the
 * fiscal year (0 = none yet, 12 = the year is over). Units ordered as first seen, rules in order.
 */
export function evaluateLaggardRules(
  rules: readonly LaggardRule[],
  lines: readonly LaggardLine[],
  monthsObserved: number,
): LaggardFinding[] {
  checkLaggardRules(rules);
  if (!Number.isInteger(monthsObserved) || monthsObserved < 0 || monthsObserved > 12)
    throw new AppError('validation', `monthsObserved must be 0 to 12, got ${monthsObserved}`);
  const at = (l: LaggardLine, month: number): bigint =>
    month === 0 ? 0n : (l.committedByMonth[Math.min(month, l.committedByMonth.length) - 1] ?? 0n);
  const units = [...new Set(lines.map((l) => l.unitId))];
  const out: LaggardFinding[] = [];
  for (const unitId of units) {
    const own = lines.filter((l) => l.unitId === unitId);
    for (const rule of rules) {
      const matched = own.filter((l) => laggardRuleMatches(rule, l));
      const base = matched.reduce((s, l) => s + l.revisedSatang, 0n);
      if (matched.length === 0 || base <= 0n) continue;
      const committed = matched.reduce((s, l) => s + at(l, monthsObserved), 0n);
      const due = monthsObserved >= rule.dueFiscalMonth;
      const atDue = due ? matched.reduce((s, l) => s + at(l, rule.dueFiscalMonth), 0n) : null;
      out.push({
        unitId,
        ruleId: rule.id,
        status: !due
          ? 'upcoming'
          : below(committed, base, rule.minObligatedPercent)
            ? 'flagged'
            : 'ok',
        dueFiscalMonth: rule.dueFiscalMonth,
        thresholdPercent: rule.minObligatedPercent,
        baseSatang: base,
        committedAtDueSatang: atDue,
        committedSatang: committed,
        rateAtDue: atDue === null ? null : ratioPercent(atDue, base, 3),
        rate: ratioPercent(committed, base, 3),
      });
    }
  }
  return out;
}

/**
 * The next deadline after `monthsObserved` month ends: the earliest due month of a rule not yet
 * due, with the rules due then; when none is left, September (12) — the end of the fiscal year,
 * when both money indicators are measured — with no rules.
 */
export function nextLaggardDeadline(
  rules: readonly LaggardRule[],
  monthsObserved: number,
): { fiscalMonth: number; ruleIds: string[] } | null {
  if (monthsObserved >= 12) return null;
  const pending = rules.filter((r) => r.dueFiscalMonth > monthsObserved);
  if (pending.length === 0) return { fiscalMonth: 12, ruleIds: [] };
  const month = Math.min(...pending.map((r) => r.dueFiscalMonth));
  return {
    fiscalMonth: month,
    ruleIds: pending.filter((r) => r.dueFiscalMonth === month).map((r) => r.id),
  };
}

/**
 * The targets a forecast is held against (data; an organisation replaces them). Indicator 2: the
 * seed's own target, "ไม่เกินร้อยละ 0" — no carry-over without obligation. Indicator 5.1: the seed
 * gives neither a target nor bands ("as the Budget Office sets"); 80 % is PBIS's placeholder until
 * the Budget Office sets its own.
 */
export const DEFAULT_FORECAST_TARGETS = { disbursementRate: '80', carryOverRate: '0' } as const;

/** How a forecast stands against a target. */
export type ForecastStatus = 'miss' | 'likely_miss' | 'at_risk' | 'on_track';

/**
 * A forecast against its target: `at_least` (indicator 5.1, higher is better) or `at_most`
 * (indicator 2, lower is better). `miss`: even the favourable end of the interval is on the wrong
 * side of the target; `likely_miss`: the point forecast is; `at_risk`: only the unfavourable end
 * is; `on_track`: the whole interval meets it. "Forecast to miss" means miss or likely_miss.
 * Values are compared in thousandths (the forecast's 3 decimals).
 */
export function forecastStatus(
  f: { pointPercent: number; lowPercent: number; highPercent: number },
  targetPercent: string,
  direction: 'at_least' | 'at_most',
): ForecastStatus {
  const t = parseDecimal(targetPercent);
  const target = Number(t.coefficient) / Number(pow10(t.scale));
  const k = (x: number) => Math.round(x * 1000);
  const wrong = (x: number) => (direction === 'at_least' ? k(x) < k(target) : k(x) > k(target));
  const favourable = direction === 'at_least' ? f.highPercent : f.lowPercent;
  const unfavourable = direction === 'at_least' ? f.lowPercent : f.highPercent;
  if (wrong(favourable)) return 'miss';
  if (wrong(f.pointPercent)) return 'likely_miss';
  if (wrong(unfavourable)) return 'at_risk';
  return 'on_track';
}

export const isForecastMiss = (s: ForecastStatus): boolean => s === 'miss' || s === 'likely_miss';
