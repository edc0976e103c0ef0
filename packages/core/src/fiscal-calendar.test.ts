import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  fiscalMonthIndex,
  fiscalMonthIndexOfName,
  fiscalMonthOf,
  fiscalQuarter,
  fiscalYearOf,
  fiscalYearRange,
  formatThaiDate,
  parseFiscalYear,
  toBuddhistYear,
  toCommonEraYear,
} from './fiscal-calendar.js';

const at = (iso: string): Date => new Date(iso);
const failure = (f: () => unknown): { code?: string; message?: string } => {
  try {
    f();
  } catch (e) {
    return e as { code?: string; message?: string };
  }
  return {};
};

describe('era conversion', () => {
  it('BE = CE + 543', () => {
    expect(toBuddhistYear(2022)).toBe(2565);
    expect(toCommonEraYear(2565)).toBe(2022);
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 5000 }), (y) => {
        expect(toCommonEraYear(toBuddhistYear(y))).toBe(y);
      }),
    );
  });

  it('refuses fractions', () => {
    expect(failure(() => toBuddhistYear(2022.5)).code).toBe('validation');
    expect(failure(() => toCommonEraYear(Number.NaN)).code).toBe('validation');
  });
});

describe('parseFiscalYear', () => {
  it.each([
    [2565, 2565],
    ['2565', 2565],
    [' 2566 ', 2566],
    ['๒๕๖๕', 2565],
    ['พ.ศ. 2565', 2565],
    ['พ.ศ.๒๕๖๕', 2565],
    ['FY2565', 2565],
    [2400, 2400],
    [2800, 2800],
    // the fiscal years around today (FY2570 began on 1 October 2026) can be created
    [2560, 2560],
    [2569, 2569],
    ['2570', 2570],
    [2571, 2571],
    [2600, 2600],
  ])('%j → %d', (input, year) => {
    expect(parseFiscalYear(input)).toBe(year);
  });

  it.each([
    [2022, '2022 looks like a Common-Era year; use 2565'],
    ['2023', '2023 looks like a Common-Era year; use 2566'],
    [1900, 'Common-Era year; use 2443'],
    [2300, 'Common-Era year; use 2843'],
    [2399, 'outside the Buddhist-era range 2400–2800'],
    [2801, 'outside the Buddhist-era range'],
    [65, 'outside the Buddhist-era range'],
    ['abc', "not a fiscal year: 'abc'"],
    ['', 'not a fiscal year'],
    ['2565.5', 'not a fiscal year'],
    [2565.5, 'not a fiscal year'],
    [Number.NaN, 'not a fiscal year'],
    [null, 'not a fiscal year'],
  ])('%j → "%s"', (input, message) => {
    const e = failure(() => parseFiscalYear(input as string));
    expect(e.code).toBe('validation');
    expect(e.message).toContain(message);
  });
});

describe('fiscal year of an instant (Bangkok time)', () => {
  it.each([
    ['2021-09-30T16:59:59.999Z', 2564, 12, 4], // 30 Sep 2021 23:59:59.999 in Bangkok
    ['2021-09-30T17:00:00Z', 2565, 1, 1], // 1 Oct 2021 00:00 in Bangkok
    ['2021-12-31T16:59:59Z', 2565, 3, 1],
    ['2021-12-31T17:00:00Z', 2565, 4, 2], // 1 Jan 2022 in Bangkok
    ['2022-03-31T12:00:00Z', 2565, 6, 2],
    ['2022-04-01T00:00:00Z', 2565, 7, 3],
    ['2022-07-01T00:00:00Z', 2565, 10, 4],
    ['2022-09-30T16:59:59Z', 2565, 12, 4],
    ['2022-09-30T17:00:00Z', 2566, 1, 1],
  ])('%s → FY%d, month %d, Q%d', (iso, year, month, quarter) => {
    expect(fiscalYearOf(at(iso))).toBe(year);
    expect(fiscalMonthIndex(at(iso))).toBe(month);
    expect(fiscalQuarter(at(iso))).toBe(quarter);
  });

  it('an invalid date is refused', () => {
    expect(failure(() => fiscalYearOf(new Date(Number.NaN))).code).toBe('validation');
  });
});

describe('fiscalYearRange', () => {
  it('FY2565 = [1 Oct 2021, 1 Oct 2022) Bangkok, last day 30 Sep 2022', () => {
    const r = fiscalYearRange(2565);
    expect(r.start.toISOString()).toBe('2021-09-30T17:00:00.000Z');
    expect(r.end.toISOString()).toBe('2022-09-30T17:00:00.000Z');
    expect(r.firstDay).toBe('2021-10-01');
    expect(r.lastDay).toBe('2022-09-30');
    expect(failure(() => fiscalYearRange(2565.5)).code).toBe('validation');
  });

  it('every instant of the range belongs to the fiscal year, the end to the next', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2400, max: 2800 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (be, t) => {
          const { start, end } = fiscalYearRange(be);
          const inside = new Date(
            start.getTime() + Math.floor(t * (end.getTime() - start.getTime() - 1)),
          );
          expect(fiscalYearOf(start)).toBe(be);
          expect(fiscalYearOf(inside)).toBe(be);
          expect(fiscalYearOf(new Date(end.getTime() - 1))).toBe(be);
          expect(fiscalYearOf(end)).toBe(be + 1);
          expect(fiscalMonthIndex(start)).toBe(1);
          expect(fiscalMonthIndex(new Date(end.getTime() - 1))).toBe(12);
        },
      ),
    );
  });
});

describe('fiscalMonthOf', () => {
  it.each([
    [1, 2021, 10],
    [3, 2021, 12],
    [4, 2022, 1],
    [12, 2022, 9],
  ])('FY2565 month %d = %d-%d', (index, year, month) => {
    expect(fiscalMonthOf(2565, index)).toEqual({ year, month });
  });

  it('is the inverse of fiscalMonthIndex', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2400, max: 2800 }),
        fc.integer({ min: 1, max: 12 }),
        (be, index) => {
          const { year, month } = fiscalMonthOf(be, index);
          const mid = new Date(Date.UTC(year, month - 1, 15, 5));
          expect(fiscalMonthIndex(mid)).toBe(index);
          expect(fiscalYearOf(mid)).toBe(be);
        },
      ),
    );
  });

  it.each([[0], [13], [1.5]])('month %d is refused', (index) => {
    expect(failure(() => fiscalMonthOf(2565, index)).message).toContain(
      'fiscal month must be 1 (October) to 12',
    );
  });

  it('fiscalMonthIndexOfName', () => {
    expect(fiscalMonthIndexOfName('ต.ค.')).toBe(1);
    expect(fiscalMonthIndexOfName('ม.ค.')).toBe(4);
    expect(fiscalMonthIndexOfName('ก.ย.')).toBe(12);
    expect(fiscalMonthIndexOfName('Sep')).toBe(12);
  });
});

describe('formatThaiDate', () => {
  it.each([
    ['2021-09-30T17:00:00Z', {}, '1 ต.ค. 2564'],
    ['2021-09-30T17:00:00Z', { style: 'long' as const }, '1 ตุลาคม พ.ศ. 2564'],
    ['2021-10-11T03:00:00Z', { style: 'long' as const, thaiDigits: true }, '๑๑ ตุลาคม พ.ศ. ๒๕๖๔'],
    ['2022-09-30T16:59:59Z', { style: 'short' as const }, '30 ก.ย. 2565'],
    ['2024-02-29T00:00:00Z', { style: 'short' as const, thaiDigits: true }, '๒๙ ก.พ. ๒๕๖๗'],
  ])('%s %j → %s', (iso, options, text) => {
    expect(formatThaiDate(at(iso), options)).toBe(text);
  });

  const intlParts = (date: Date, month: 'short' | 'long'): string => {
    const parts = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
      timeZone: 'Asia/Bangkok',
      day: 'numeric',
      month,
      year: 'numeric',
    }).formatToParts(date);
    const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '?';
    return `${part('day')} ${part('month')} ${part('year')}`;
  };

  it('agrees with Intl th-TH-u-ca-buddhist in Asia/Bangkok on a sample of instants', () => {
    // 1 Apr 1920 (when Bangkok moved from local mean time +6:42:04 to +7, per tzdata) – 2100 CE.
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1920, 3, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const date = new Date(ms);
        expect(formatThaiDate(date)).toBe(intlParts(date, 'short'));
        const [day, month, year] = intlParts(date, 'long').split(' ');
        expect(formatThaiDate(date, { style: 'long' })).toBe(`${day} ${month} พ.ศ. ${year}`);
      }),
      { numRuns: 2000 },
    );
    for (const iso of [
      '2021-09-30T16:59:59Z',
      '2021-09-30T17:00:00Z',
      '2022-12-31T17:00:00Z',
      '2020-02-28T17:00:00Z',
    ]) {
      expect(formatThaiDate(at(iso))).toBe(intlParts(at(iso), 'short'));
    }
  });
});
