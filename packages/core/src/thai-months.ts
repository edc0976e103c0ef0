/** Thai month names and abbreviations, in calendar order and in fiscal-year order (Oct … Sep). */
import { AppError } from './errors.js';

export interface ThaiMonth {
  /** Calendar month 1–12. */
  readonly month: number;
  readonly name: string;
  readonly abbreviation: string;
  readonly englishName: string;
  readonly englishAbbreviation: string;
}

export interface FiscalMonth extends ThaiMonth {
  /** Fiscal month index: October = 1 … September = 12. */
  readonly index: number;
  /** Fiscal quarter 1–4 (Q1 = Oct–Dec). */
  readonly quarter: number;
}

const ROWS: readonly [string, string, string][] = [
  ['มกราคม', 'ม.ค.', 'January'],
  ['กุมภาพันธ์', 'ก.พ.', 'February'],
  ['มีนาคม', 'มี.ค.', 'March'],
  ['เมษายน', 'เม.ย.', 'April'],
  ['พฤษภาคม', 'พ.ค.', 'May'],
  ['มิถุนายน', 'มิ.ย.', 'June'],
  ['กรกฎาคม', 'ก.ค.', 'July'],
  ['สิงหาคม', 'ส.ค.', 'August'],
  ['กันยายน', 'ก.ย.', 'September'],
  ['ตุลาคม', 'ต.ค.', 'October'],
  ['พฤศจิกายน', 'พ.ย.', 'November'],
  ['ธันวาคม', 'ธ.ค.', 'December'],
];

/** Calendar months January … December (index 0 = มกราคม). */
export const THAI_MONTHS: readonly ThaiMonth[] = Object.freeze(
  ROWS.map(([name, abbreviation, englishName], i) =>
    Object.freeze({
      month: i + 1,
      name,
      abbreviation,
      englishName,
      englishAbbreviation: englishName.slice(0, 3),
    }),
  ),
);

/** Fiscal months ต.ค. … ก.ย. as the seed's work-plan tables order them (index 0 = October). */
export const FISCAL_MONTHS: readonly FiscalMonth[] = Object.freeze(
  Array.from({ length: 12 }, (_, i) => {
    const m = THAI_MONTHS[(i + 9) % 12] as ThaiMonth;
    return Object.freeze({ ...m, index: i + 1, quarter: Math.floor(i / 3) + 1 });
  }),
);

const squash = (s: string): string => s.toLowerCase().replace(/[\s.]/g, '');

/**
 * The calendar month 1–12 of a month name: Thai full name or abbreviation (with or without dots,
 * "ต.ค." / "ตค"), English name or three-letter abbreviation. Unknown → AppError('validation').
 */
export function parseThaiMonth(name: string): number {
  const key = squash(name);
  const found = THAI_MONTHS.find(
    (m) =>
      key !== '' &&
      [m.name, m.abbreviation, m.englishName, m.englishAbbreviation].some((n) => squash(n) === key),
  );
  if (!found) throw new AppError('validation', `not a month name: '${name}'`, { input: name });
  return found.month;
}
