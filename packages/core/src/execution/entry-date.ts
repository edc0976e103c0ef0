import { daysFromCivil, civilFromDays, type CivilDate } from '../civil-date.js';
import { BUDDHIST_ERA_OFFSET } from '../fiscal-calendar.js';
import { fromThaiDigits } from '../thai-digits.js';

/*
 * Dates of budget entries (SPEC §3): ISO `2022-03-15` (Common Era) or Thai `15/03/2565`
 * (day/month/Buddhist-era year). Civil dates, no time zone: a document's date is a day.
 */

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const THAI = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function valid(year: number, month: number, day: number): CivilDate | string {
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  const d = civilFromDays(daysFromCivil(year, month, day));
  if (day < 1 || d.month !== month || d.day !== day)
    return `day ${day} does not exist in month ${month} of ${year}`;
  return { year, month, day };
}

/** A date of an execution file, or the reason it is not one. */
export function parseEntryDate(text: string): CivilDate | string {
  const t = fromThaiDigits(text.trim());
  const iso = ISO.exec(t);
  if (iso) {
    const year = Number(iso[1]);
    if (year >= 2400)
      return `${year} looks like a Buddhist-era year in an ISO date; ISO dates use the Common Era (${year - BUDDHIST_ERA_OFFSET}), or write ${iso[3]}/${iso[2]}/${year}`;
    return valid(year, Number(iso[2]), Number(iso[3]));
  }
  const thai = THAI.exec(t);
  if (thai) {
    const be = Number(thai[3]);
    if (be < 2400)
      return `${be} is not a Buddhist-era year; a dd/mm/yyyy date takes the Buddhist-era year (${be + BUDDHIST_ERA_OFFSET})`;
    return valid(be - BUDDHIST_ERA_OFFSET, Number(thai[2]), Number(thai[1]));
  }
  return 'not a date (expected 2022-03-15 or 15/03/2565)';
}

/** The fiscal year (BE) of a date: 1 October starts the next one (2021-10-01 → 2565). */
export const fiscalYearOfDate = (d: CivilDate): number =>
  d.year + BUDDHIST_ERA_OFFSET + (d.month >= 10 ? 1 : 0);

/** The fiscal month of a date, 1 = October … 12 = September. */
export const fiscalMonthOfDate = (d: CivilDate): number => ((d.month + 2) % 12) + 1;

/** 30 September of a fiscal year. */
export const fiscalYearEnd = (fiscalYear: number): CivilDate => ({
  year: fiscalYear - BUDDHIST_ERA_OFFSET,
  month: 9,
  day: 30,
});

/** The last day of a fiscal month of a fiscal year. */
export function fiscalMonthEnd(fiscalYear: number, fiscalMonth: number): CivilDate {
  const month = ((fiscalMonth + 8) % 12) + 1;
  const year = fiscalYear - BUDDHIST_ERA_OFFSET - (month >= 10 ? 1 : 0);
  return civilFromDays(
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1,
  );
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export const isoOf = (d: CivilDate): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

export const compareCivil = (a: CivilDate, b: CivilDate): number =>
  daysFromCivil(a.year, a.month, a.day) - daysFromCivil(b.year, b.month, b.day);
export type { CivilDate } from '../civil-date.js';
