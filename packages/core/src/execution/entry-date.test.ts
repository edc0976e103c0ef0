import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { civilFromDays, daysFromCivil } from '../civil-date.js';
import {
  compareCivil,
  fiscalMonthEnd,
  fiscalMonthOfDate,
  fiscalYearEnd,
  fiscalYearOfDate,
  fiscalYearStart,
  isoOf,
  parseEntryDate,
} from './entry-date.js';

const march15 = { year: 2022, month: 3, day: 15 };

describe('parseEntryDate', () => {
  it.each([
    ['2022-03-15', march15],
    [' 2022-03-15 ', march15],
    ['2022-3-5', { year: 2022, month: 3, day: 5 }],
    ['2022-03-15T00:00:00.000Z', march15],
    ['2022-03-15T00:00:00+07:00', march15],
    ['2022-03-15 00:00:00', march15],
    ['2022-03-15 0:00', march15],
    ['15/03/2565', march15],
    ['5/3/2565', { year: 2022, month: 3, day: 5 }],
    ['15-03-2565', march15],
    ['15.03.2565', march15],
    ['๑๕/๐๓/๒๕๖๕', march15],
    ['29/02/2567', { year: 2024, month: 2, day: 29 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['1/10/2564', { year: 2021, month: 10, day: 1 }],
  ])('%j → %j', (text, want) => {
    expect(parseEntryDate(text)).toEqual(want);
  });

  it.each([
    [
      '2565-03-15',
      '2565 looks like a Buddhist-era year in an ISO date; ISO dates use the Common-Era year (2022), or write 15/03/2565',
    ],
    [
      '15/03/2022',
      '2022 is not a Buddhist-era year: a day/month/year date takes the Buddhist-era year (2565), or write it as ISO 2022-03-15',
    ],
    ['31/02/2565', 'day 31 does not exist in month 2 of 2565 (2022 CE)'],
    ['29/02/2565', 'day 29 does not exist in month 2 of 2565 (2022 CE)'],
    ['2022-04-31', 'day 31 does not exist in month 4 of 2565 (2022 CE)'],
    ['0/03/2565', 'day 0 does not exist in month 3 of 2565 (2022 CE)'],
    ['2022-13-01', 'month 13 does not exist'],
    ['15/03/65', "write the year of '15/03/65' in full, as a Buddhist-era year such as 2565"],
    ['15/03-2565', "not a date: '15/03-2565' (expected 2022-03-15 or 15/03/2565)"],
    ['March 15', "not a date: 'March 15' (expected 2022-03-15 or 15/03/2565)"],
    ['2022/03/15', "not a date: '2022/03/15' (expected 2022-03-15 or 15/03/2565)"],
    ['', 'no date'],
  ])('%j is refused: %s', (text, reason) => {
    expect(parseEntryDate(text)).toBe(reason);
  });

  it('reads back every day it writes, in both forms', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_000, max: 40_000 }), (days) => {
        const d = civilFromDays(days);
        expect(parseEntryDate(isoOf(d))).toEqual(d);
        expect(parseEntryDate(`${d.day}/${d.month}/${d.year + 543}`)).toEqual(d);
      }),
    );
  });
});

describe('the fiscal calendar of dates', () => {
  it.each([
    [{ year: 2021, month: 10, day: 1 }, 2565, 1],
    [{ year: 2021, month: 9, day: 30 }, 2564, 12],
    [{ year: 2022, month: 1, day: 1 }, 2565, 4],
    [{ year: 2022, month: 9, day: 30 }, 2565, 12],
    [{ year: 2021, month: 12, day: 31 }, 2565, 3],
  ])('%j is in fiscal year %i, month %i', (d, fy, fm) => {
    expect(fiscalYearOfDate(d)).toBe(fy);
    expect(fiscalMonthOfDate(d)).toBe(fm);
  });

  it('bounds the fiscal year and its months', () => {
    expect(fiscalYearStart(2565)).toEqual({ year: 2021, month: 10, day: 1 });
    expect(fiscalYearEnd(2565)).toEqual({ year: 2022, month: 9, day: 30 });
    expect(fiscalMonthEnd(2565, 1)).toEqual({ year: 2021, month: 10, day: 31 });
    expect(fiscalMonthEnd(2565, 3)).toEqual({ year: 2021, month: 12, day: 31 });
    expect(fiscalMonthEnd(2565, 5)).toEqual({ year: 2022, month: 2, day: 28 });
    expect(fiscalMonthEnd(2567, 5)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(fiscalMonthEnd(2565, 12)).toEqual({ year: 2022, month: 9, day: 30 });
  });

  it('every day lies between its fiscal year start and end, in the month it is numbered', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (days) => {
        const d = civilFromDays(days);
        const fy = fiscalYearOfDate(d);
        expect(compareCivil(fiscalYearStart(fy), d)).toBeLessThanOrEqual(0);
        expect(compareCivil(d, fiscalYearEnd(fy))).toBeLessThanOrEqual(0);
        const end = fiscalMonthEnd(fy, fiscalMonthOfDate(d));
        expect(end.month).toBe(d.month);
        expect(compareCivil(d, end)).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('compares and writes dates', () => {
    expect(isoOf({ year: 987, month: 1, day: 2 })).toBe('0987-01-02');
    expect(compareCivil(march15, { year: 2022, month: 3, day: 16 })).toBe(-1);
    expect(compareCivil(march15, march15)).toBe(0);
    expect(compareCivil({ year: 2023, month: 1, day: 1 }, march15)).toBe(
      daysFromCivil(2023, 1, 1) - daysFromCivil(2022, 3, 15),
    );
  });
});
