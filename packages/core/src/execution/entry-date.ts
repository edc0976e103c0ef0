/**
 * Dates of budget entries (SPEC §3 "Execution files"): ISO `2022-03-15` (Common Era) or Thai
 * `15/03/2565` (day/month/Buddhist-era year). A document's date is a civil day: no time zone.
 * Fiscal year N (BE) runs from 1 October of CE year N-544 to 30 September of CE year N-543.
 */
import { civilFromDays, daysFromCivil, type CivilDate } from '../civil-date.js';
import { BUDDHIST_ERA_OFFSET } from '../fiscal-calendar.js';
import { fromThaiDigits } from '../thai-digits.js';
import { normalizeThai } from '../thai-text.js';

export type { CivilDate } from '../civil-date.js';

/** ISO date, optionally with the time Excel adds: "2022-03-15T00:00:00.000Z", "2022-03-15 00:00:00". */
const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** Thai day/month/year with '/', '-' or '.'; the year is checked to be four digits below. */
const THAI = /^(\d{1,2})([/.-])(\d{1,2})\2(\d+)$/;

function realDay(year: number, month: number, day: number): CivilDate | string {
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  const d = civilFromDays(daysFromCivil(year, month, day));
  if (day < 1 || d.month !== month || d.day !== day) {
    return `day ${day} does not exist in month ${month} of ${year + BUDDHIST_ERA_OFFSET} (${year} CE)`;
  }
  return { year, month, day };
}

/**
 * A date of an execution file, or the reason it is not one (a string):
 * - ISO `2022-03-15` (Common Era), also with a time part as Excel writes it; a year ≥ 2400 is
 *   refused as a Buddhist-era year written in an ISO date;
 * - Thai `15/03/2565`, `5/3/2565`, `15-03-2565`, `๑๕/๐๓/๒๕๖๕` (Buddhist Era); a year below 2400
 *   is refused because a Buddhist-era year is expected.
 * Calendar days are checked (no 31/02).
 */
export function parseEntryDate(text: string): CivilDate | string {
  const t = fromThaiDigits(normalizeThai(text));
  const iso = ISO.exec(t);
  if (iso) {
    const [, y = '', m = '', d = ''] = iso;
    const year = Number(y);
    if (year >= 2400) {
      return `${year} looks like a Buddhist-era year in an ISO date; ISO dates use the Common-Era year (${year - BUDDHIST_ERA_OFFSET}), or write ${d}/${m}/${year}`;
    }
    return realDay(year, Number(m), Number(d));
  }
  const thai = THAI.exec(t);
  if (thai) {
    const [, d = '', , m = '', y = ''] = thai;
    if (y.length !== 4)
      return `write the year of '${t}' in full, as a Buddhist-era year such as 2565`;
    const be = Number(y);
    if (be < 2400) {
      return `${be} is not a Buddhist-era year: a day/month/year date takes the Buddhist-era year (${be + BUDDHIST_ERA_OFFSET}), or write it as ISO ${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
    }
    return realDay(be - BUDDHIST_ERA_OFFSET, Number(m), Number(d));
  }
  return t === '' ? 'no date' : `not a date: '${t}' (expected 2022-03-15 or 15/03/2565)`;
}

/** The fiscal year (BE) of a date: October starts the next one (2021-10-01 → 2565, 2022-09-30 → 2565). */
export const fiscalYearOfDate = (d: CivilDate): number =>
  d.year + BUDDHIST_ERA_OFFSET + (d.month >= 10 ? 1 : 0);

/** The fiscal month of a date: 1 = October … 12 = September. */
export const fiscalMonthOfDate = (d: CivilDate): number => ((d.month + 2) % 12) + 1;

/** The first day of fiscal year `fiscalYear` (BE): 1 October of the previous CE year. */
export const fiscalYearStart = (fiscalYear: number): CivilDate => ({
  year: fiscalYear - BUDDHIST_ERA_OFFSET - 1,
  month: 10,
  day: 1,
});

/** The last day of fiscal year `fiscalYear` (BE): 30 September (2565 → 2022-09-30). */
export const fiscalYearEnd = (fiscalYear: number): CivilDate => ({
  year: fiscalYear - BUDDHIST_ERA_OFFSET,
  month: 9,
  day: 30,
});

/** The last day of fiscal month `fiscalMonth` (1 = October) of fiscal year `fiscalYear` (BE). */
export function fiscalMonthEnd(fiscalYear: number, fiscalMonth: number): CivilDate {
  const month = ((fiscalMonth + 8) % 12) + 1;
  const year = fiscalYear - BUDDHIST_ERA_OFFSET - (month >= 10 ? 1 : 0);
  const next = month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, month + 1, 1);
  return civilFromDays(next - 1);
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The ISO text of a civil date: "2022-03-15". */
export const isoOf = (d: CivilDate): string =>
  `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;

/** Negative, zero or positive as `a` is before, on or after `b` (the difference in days). */
export const compareCivil = (a: CivilDate, b: CivilDate): number =>
  daysFromCivil(a.year, a.month, a.day) - daysFromCivil(b.year, b.month, b.day);
