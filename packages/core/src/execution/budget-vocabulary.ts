/**
 * The words of budget files (GLOSSARY.md "Budget"; SPEC §3): the six expense categories, the fund
 * sources, the carry-over kinds and the carry-over exemptions, each an English key with its Thai
 * label. Parsers accept the key or the label and never guess: anything else is `undefined`, which
 * the import reports as an error for that row.
 */
import { fromThaiDigits } from '../thai-digits.js';
import { normalizeThai } from '../thai-text.js';

/** The expense categories (งบรายจ่าย), in the order of the budget ordinance. */
export const EXPENSE_CATEGORIES = [
  'personnel',
  'operating',
  'capital',
  'subsidy',
  'other',
  'central',
] as const;
/** One expense category key. */
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];

/** The Thai label of each expense category. */
export const EXPENSE_CATEGORY_TH: Readonly<Record<ExpenseCategory, string>> = {
  personnel: 'งบบุคลากร',
  operating: 'งบดำเนินงาน',
  capital: 'งบลงทุน',
  subsidy: 'งบเงินอุดหนุน',
  other: 'งบรายจ่ายอื่น',
  central: 'งบกลาง',
};

/** Where a line's money comes from. `regular` is the annual budget ordinance. */
export const FUND_SOURCES = [
  'regular',
  'supplementary',
  'government_grant',
  'carried_over',
] as const;
/** One fund source key. */
export type FundSource = (typeof FUND_SOURCES)[number];

/** The Thai label of each fund source. */
export const FUND_SOURCE_TH: Readonly<Record<FundSource, string>> = {
  regular: 'งบประมาณรายจ่ายประจำปี',
  supplementary: 'งบประมาณรายจ่ายเพิ่มเติม',
  government_grant: 'เงินอุดหนุนจากรัฐบาล',
  carried_over: 'เงินกันไว้เบิกเหลื่อมปี',
};

/** The two kinds of carry-over into the next fiscal year (กันเงินไว้เบิกเหลื่อมปี). */
export const CARRY_OVER_KINDS = ['with_obligation', 'without_obligation'] as const;
/** One carry-over kind key. */
export type CarryOverKind = (typeof CARRY_OVER_KINDS)[number];

/** The Thai label of each carry-over kind. */
export const CARRY_OVER_KIND_TH: Readonly<Record<CarryOverKind, string>> = {
  with_obligation: 'มีหนี้ผูกพัน',
  without_obligation: 'ไม่มีหนี้ผูกพัน',
};

/**
 * Carry-overs that the carry-over indicator does not count (GLOSSARY "Formulas"): projects
 * co-funded by government grants, central fund allocated June–September, multi-year commitments,
 * school-term items such as school meals, items bound by external rules.
 */
export const CARRY_OVER_EXEMPTIONS = [
  'grant_cofunded',
  'central_fund_late',
  'multi_year',
  'school_term',
  'external_rule',
] as const;
/** One carry-over exemption key. */
export type CarryOverExemption = (typeof CARRY_OVER_EXEMPTIONS)[number];

/** The Thai label of each carry-over exemption. */
export const CARRY_OVER_EXEMPTION_TH: Readonly<Record<CarryOverExemption, string>> = {
  grant_cofunded: 'โครงการที่ได้รับเงินอุดหนุนจากรัฐบาลสมทบ',
  central_fund_late: 'งบกลางที่ได้รับจัดสรรเดือนมิถุนายน–กันยายน',
  multi_year: 'รายการผูกพันข้ามปี',
  school_term: 'รายการตามภาคเรียน เช่น อาหารกลางวันนักเรียน',
  external_rule: 'รายการที่มีระเบียบภายนอกกำหนด',
};

/** The central-fund items for staff (assistance, employee gratuities) that indicator 5.1 leaves out. */
export const STAFF_CENTRAL_FUND_ITEMS = ['เงินช่วยเหลือข้าราชการและลูกจ้าง', 'เงินบำเหน็จลูกจ้าง'] as const;

/** A label as compared: NFC, format characters removed, all whitespace removed, lower case. */
const keyOf = (text: string): string => normalizeThai(text).replace(/\s+/g, '').toLowerCase();

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
const KIND_BY_KEY = lookup(CARRY_OVER_KINDS, CARRY_OVER_KIND_TH);
const EXEMPTION_BY_KEY = lookup(CARRY_OVER_EXEMPTIONS, CARRY_OVER_EXEMPTION_TH);
const STAFF_ITEM_KEYS = STAFF_CENTRAL_FUND_ITEMS.map(keyOf);

/** A leading list number as budget sheets write it: "3. ", "3.", "3) ", "๓. " (after Thai digits). */
const LEADING_NUMBER = /^\s*\d{1,2}\s*[.)]\s*/;

/**
 * The expense category of a cell: the English key in any case ("Capital"), or the Thai label
 * after NFC, whitespace folding and removal of zero-width characters ("งบ\u200bลงทุน"), either
 * optionally after a list number ("3. งบลงทุน", "๓. งบลงทุน", "3) capital").
 * Anything else ("งบพิเศษ", "capital2", "") → undefined.
 */
export function parseExpenseCategory(text: string): ExpenseCategory | undefined {
  const normalized = normalizeThai(fromThaiDigits(text)).replace(LEADING_NUMBER, '');
  return CATEGORY_BY_KEY.get(keyOf(normalized));
}

/** The fund source of a cell: empty or blank → 'regular'; the key or Thai label; else undefined. */
export function parseFundSource(text: string): FundSource | undefined {
  const k = keyOf(text);
  return k === '' ? 'regular' : FUND_BY_KEY.get(k);
}

/** The carry-over kind of a cell: the key or the Thai label (มีหนี้ผูกพัน / ไม่มีหนี้ผูกพัน); else undefined. */
export function parseCarryOverKind(text: string): CarryOverKind | undefined {
  return KIND_BY_KEY.get(keyOf(text));
}

/**
 * The exemption of a carry-over cell: empty → null (the carry-over is counted); the key or the
 * Thai label → that exemption; anything else → undefined (an error, never guessed).
 */
export function parseCarryOverExemption(text: string): CarryOverExemption | null | undefined {
  const k = keyOf(text);
  return k === '' ? null : EXEMPTION_BY_KEY.get(k);
}

/**
 * Whether a central-fund expense item is one of the staff items indicator 5.1 leaves out: equal
 * to one of STAFF_CENTRAL_FUND_ITEMS after normalisation, or starting with one
 * ("เงินบำเหน็จลูกจ้าง (ประจำ)").
 */
export function isStaffCentralFundItem(expenseItem: string): boolean {
  const k = keyOf(expenseItem);
  return k !== '' && STAFF_ITEM_KEYS.some((s) => k.startsWith(s));
}
