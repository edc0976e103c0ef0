/**
 * The Thai fiscal calendar. Years are Buddhist Era (BE = CE + 543). Fiscal year N (BE) runs from
 * 1 October of BE year N-1 to 30 September of BE year N, in Bangkok time (UTC+7, no DST):
 * FY2565 = 1 Oct 2021 – 30 Sep 2022 CE. Fiscal month 1 = October … 12 = September; Q1 = Oct–Dec.
 */
import { AppError } from './errors.js';
import { bangkokDateOf, bangkokMidnight } from './civil-date.js';
import { FISCAL_MONTHS, THAI_MONTHS, parseThaiMonth } from './thai-months.js';
import { fromThaiDigits, toThaiDigits } from './thai-digits.js';

export { FISCAL_MONTHS, THAI_MONTHS, parseThaiMonth } from './thai-months.js';
export type { FiscalMonth, ThaiMonth } from './thai-months.js';

export const BUDDHIST_ERA_OFFSET = 543;
export const MIN_FISCAL_YEAR = 2400;
export const MAX_FISCAL_YEAR = 2800;

function checkInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n))
    throw new AppError('validation', `${what} must be a whole number, got ${String(n)}`);
}

/** Common-Era year → Buddhist-era year: 2022 → 2565. */
export function toBuddhistYear(ce: number): number {
  checkInteger(ce, 'year');
  return ce + BUDDHIST_ERA_OFFSET;
}

/** Buddhist-era year → Common-Era year: 2565 → 2022. */
export function toCommonEraYear(be: number): number {
  checkInteger(be, 'year');
  return be - BUDDHIST_ERA_OFFSET;
}

/**
 * A fiscal year as given by a user or a file: 2565, "2565", "๒๕๖๕", "พ.ศ. 2565", "FY2565".
 * Must be a Buddhist-era year from 2400 to 2800. A year from 1900 to 2300 is refused as a
 * Common-Era year with the BE year to use ("2022 looks like a Common-Era year; use 2565").
 */
export function parseFiscalYear(input: string | number): number {
  let year: number;
  if (typeof input === 'number') {
    year = input;
  } else if (typeof input === 'string') {
    const text = fromThaiDigits(input.trim()).replace(/^(พ\.ศ\.?|fy)\s*/i, '');
    year = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  } else {
    year = Number.NaN;
  }
  if (!Number.isSafeInteger(year)) {
    throw new AppError(
      'validation',
      `not a fiscal year: '${String(input)}' (expected a Buddhist-era year such as 2565)`,
      { reason: 'not_a_fiscal_year', input },
    );
  }
  if (year >= 1900 && year <= 2300) {
    throw new AppError(
      'validation',
      `${year} looks like a Common-Era year; use ${year + BUDDHIST_ERA_OFFSET} (fiscal years are Buddhist-era)`,
      { reason: 'common_era_year', input, suggestion: year + BUDDHIST_ERA_OFFSET },
    );
  }
  if (year < MIN_FISCAL_YEAR || year > MAX_FISCAL_YEAR) {
    throw new AppError(
      'validation',
      `fiscal year ${year} is outside the Buddhist-era range ${MIN_FISCAL_YEAR}–${MAX_FISCAL_YEAR}`,
      { reason: 'fiscal_year_out_of_range', input, min: MIN_FISCAL_YEAR, max: MAX_FISCAL_YEAR },
    );
  }
  return year;
}

/** The fiscal year (BE) of an instant, in Bangkok time: 2021-10-01 00:00 +07 → 2565. */
export function fiscalYearOf(instant: Date): number {
  const { year, month } = bangkokDateOf(instant);
  return (month >= 10 ? year + 1 : year) + BUDDHIST_ERA_OFFSET;
}

export interface FiscalYearRange {
  /** 1 October, 00:00 Bangkok time (inclusive). */
  readonly start: Date;
  /** 1 October of the next year, 00:00 Bangkok time — EXCLUSIVE: the year is [start, end). */
  readonly end: Date;
  /** First day as an ISO date, e.g. "2021-10-01". */
  readonly firstDay: string;
  /** Last day (inclusive) as an ISO date, e.g. "2022-09-30". */
  readonly lastDay: string;
}

/** The instants bounding fiscal year `be`: FY2565 = [2021-10-01 00:00 +07, 2022-10-01 00:00 +07). */
export function fiscalYearRange(be: number): FiscalYearRange {
  checkInteger(be, 'fiscal year');
  const ce = be - BUDDHIST_ERA_OFFSET;
  return {
    start: bangkokMidnight(ce - 1, 10, 1),
    end: bangkokMidnight(ce, 10, 1),
    firstDay: `${String(ce - 1).padStart(4, '0')}-10-01`,
    lastDay: `${String(ce).padStart(4, '0')}-09-30`,
  };
}

/** Fiscal month index of an instant in Bangkok time: October = 1 … September = 12. */
export function fiscalMonthIndex(instant: Date): number {
  return ((bangkokDateOf(instant).month + 2) % 12) + 1;
}

/** Fiscal quarter of an instant in Bangkok time: Oct–Dec = 1, Jan–Mar = 2, Apr–Jun = 3, Jul–Sep = 4. */
export function fiscalQuarter(instant: Date): number {
  return Math.ceil(fiscalMonthIndex(instant) / 3);
}

/** Calendar month of fiscal month `index` (1–12) of fiscal year `fiscalYear` (BE): (2565, 1) → Oct 2021. */
export function fiscalMonthOf(fiscalYear: number, index: number): { year: number; month: number } {
  checkInteger(fiscalYear, 'fiscal year');
  if (!Number.isInteger(index) || index < 1 || index > 12) {
    throw new AppError(
      'validation',
      `fiscal month must be 1 (October) to 12 (September), got ${String(index)}`,
    );
  }
  const month = ((index + 8) % 12) + 1;
  const ce = fiscalYear - BUDDHIST_ERA_OFFSET;
  return { year: month >= 10 ? ce - 1 : ce, month };
}

export interface FormatThaiDateOptions {
  /** 'short' → "1 ต.ค. 2564" (default); 'long' → "1 ตุลาคม พ.ศ. 2564". */
  style?: 'short' | 'long';
  thaiDigits?: boolean;
}

/**
 * A date for Thai documents, in Bangkok time with the Buddhist-era year. Written without Intl so
 * the output is the same on every Node build (it agrees with th-TH-u-ca-buddhist).
 */
export function formatThaiDate(instant: Date, options: FormatThaiDateOptions = {}): string {
  const { year, month, day } = bangkokDateOf(instant);
  const m = THAI_MONTHS[month - 1] as (typeof THAI_MONTHS)[number];
  const be = year + BUDDHIST_ERA_OFFSET;
  const text =
    options.style === 'long' ? `${day} ${m.name} พ.ศ. ${be}` : `${day} ${m.abbreviation} ${be}`;
  return options.thaiDigits ? toThaiDigits(text) : text;
}

/** The fiscal month (Oct = 1) of a Thai or English month name: "ต.ค." → 1, "ก.ย." → 12. */
export function fiscalMonthIndexOfName(name: string): number {
  const month = parseThaiMonth(name);
  const i = FISCAL_MONTHS.findIndex((m) => m.month === month);
  return i + 1;
}
