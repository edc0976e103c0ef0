import { fromThaiDigits } from '../thai-digits.js';
import { normalizeThai } from '../thai-text.js';
import { stripFormatCharacters } from '../text-safety.js';

/*
 * The words of budget files (GLOSSARY.md "Budget"; SPEC §3): the six expense categories, the
 * fund sources and the carry-over kinds, each an English key with its Thai label. Parsers
 * accept either and never guess: anything else is undefined, an error for that row.
 */

export const EXPENSE_CATEGORIES = [
  'personnel',
  'operating',
  'capital',
  'subsidy',
  'other',
  'central',
] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

export const EXPENSE_CATEGORY_TH: Readonly<Record<ExpenseCategory, string>> = {
  personnel: 'งบบุคลากร',
  operating: 'งบดำเนินงาน',
  capital: 'งบลงทุน',
  subsidy: 'งบเงินอุดหนุน',
  other: 'งบรายจ่ายอื่น',
  central: 'งบกลาง',
};

export const FUND_SOURCES = [
  'regular',
  'supplementary',
  'government_grant',
  'carried_over',
] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

export const FUND_SOURCE_TH: Readonly<Record<FundSource, string>> = {
  regular: 'งบประมาณรายจ่ายประจำปี',
  supplementary: 'งบประมาณรายจ่ายเพิ่มเติม',
  government_grant: 'เงินอุดหนุนจากรัฐบาล',
  carried_over: 'เงินกันไว้เบิกเหลื่อมปี',
};

export const CARRY_OVER_KINDS = ['with_obligation', 'without_obligation'] as const;
export type CarryOverKind = (typeof CARRY_OVER_KINDS)[number];

export const CARRY_OVER_KIND_TH: Readonly<Record<CarryOverKind, string>> = {
  with_obligation: 'มีหนี้ผูกพัน',
  without_obligation: 'ไม่มีหนี้ผูกพัน',
};

/**
 * Carry-overs the carry-over indicator does not count (GLOSSARY "Formulas"): projects co-funded
 * by government grants, central fund allocated June–September, multi-year commitments,
 * school-term items such as school meals, items bound by external rules.
 */
export const CARRY_OVER_EXEMPTIONS = [
  'grant_cofunded',
  'central_fund_late',
  'multi_year',
  'school_term',
  'external_rule',
] as const;
export type CarryOverExemption = (typeof CARRY_OVER_EXEMPTIONS)[number];

export const CARRY_OVER_EXEMPTION_TH: Readonly<Record<CarryOverExemption, string>> = {
  grant_cofunded: 'โครงการที่ได้รับเงินอุดหนุนจากรัฐบาลสมทบ',
  central_fund_late: 'งบกลางที่ได้รับจัดสรรเดือนมิถุนายน–กันยายน',
  multi_year: 'รายการผูกพันข้ามปี',
  school_term: 'รายการตามภาคเรียน เช่น อาหารกลางวัน',
  external_rule: 'รายการที่มีระเบียบภายนอกกำหนด',
};

/** The staff-assistance items of the central fund, which indicator 5.1 leaves out. */
export const STAFF_CENTRAL_FUND_ITEMS = ['เงินช่วยเหลือข้าราชการและลูกจ้าง', 'เงินบำเหน็จลูกจ้าง'];

/** A label as compared: NFC, no format characters, whitespace removed, lower case. */
const keyOf = (text: string) =>
  normalizeThai(stripFormatCharacters(text)).replace(/\s+/g, '').toLowerCase();

function lookup<K extends string>(
  keys: readonly K[],
  labels: Readonly<Record<K, string>>,
): Map<string, K> {
  const m = new Map<string, K>();
  for (const k of keys) {
    m.set(keyOf(k), k);
    m.set(keyOf(labels[k]), k);
  }
  return m;
}

const CATEGORY_BY_KEY = lookup(EXPENSE_CATEGORIES, EXPENSE_CATEGORY_TH);
const FUND_BY_KEY = lookup(FUND_SOURCES, FUND_SOURCE_TH);
const CARRY_BY_KEY = lookup(CARRY_OVER_KINDS, CARRY_OVER_KIND_TH);
const EXEMPTION_BY_KEY = lookup(CARRY_OVER_EXEMPTIONS, CARRY_OVER_EXEMPTION_TH);

/** A leading list number: "3. ", "3.", "3) ", "๓. ". */
const LEADING_NUMBER = /^\s*\d{1,2}\s*[.)]\s*/;

/** "งบลงทุน", "3. งบลงทุน", "capital", "Capital" → 'capital'; anything else → undefined. */
export function parseExpenseCategory(text: string): ExpenseCategory | undefined {
  const t = fromThaiDigits(text).replace(LEADING_NUMBER, '');
  return CATEGORY_BY_KEY.get(keyOf(t));
}

/** Empty → 'regular'; an English key or Thai label → its source; anything else → undefined. */
export function parseFundSource(text: string): FundSource | undefined {
  const k = keyOf(text);
  return k === '' ? 'regular' : FUND_BY_KEY.get(k);
}

export function parseCarryOverKind(text: string): CarryOverKind | undefined {
  return CARRY_BY_KEY.get(keyOf(text));
}

/** Empty → null (the carry-over counts); a key or label → the exemption; else undefined. */
export function parseCarryOverExemption(text: string): CarryOverExemption | null | undefined {
  const k = keyOf(text);
  return k === '' ? null : EXEMPTION_BY_KEY.get(k);
}

/** Whether a central-fund item is one of the staff items indicator 5.1 leaves out. */
export function isStaffCentralFundItem(expenseItem: string): boolean {
  const k = keyOf(expenseItem);
  return k !== '' && STAFF_CENTRAL_FUND_ITEMS.some((s) => k.startsWith(keyOf(s)));
}
