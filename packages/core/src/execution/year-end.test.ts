import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  carriedLineState,
  carryDeadlineOf,
  checkExtension,
  checkLaterYears,
  formatLaterYears,
  parseLaterYears,
  laterYearPortion,
  openObligationsOf,
  splitAtYearEnd,
  uncommittedRemainderOf,
  type YearEndLine,
} from './year-end.js';

const line = (
  revised: bigint,
  obligated: bigint,
  disbursed: bigint,
  direct: bigint,
): YearEndLine => ({
  revisedSatang: revised,
  obligatedSatang: obligated,
  disbursedSatang: disbursed,
  disbursedDirectSatang: direct,
});

describe('the split at year end', () => {
  it.each([
    // revised, obligated, disbursed, direct, approved without → with, without, lapse
    ['nothing spent: all lapses', line(1000n, 0n, 0n, 0n), 0n, [0n, 0n, 1000n]],
    ['all paid directly: nothing left', line(1000n, 0n, 1000n, 1000n), 0n, [0n, 0n, 0n]],
    ['an obligation half paid', line(1000n, 600n, 300n, 0n), 0n, [300n, 0n, 400n]],
    [
      'obligation, direct pay and a carry-over',
      line(1000n, 600n, 500n, 200n),
      100n,
      [300n, 100n, 100n],
    ],
    ['the whole remainder carried', line(1000n, 600n, 300n, 0n), 400n, [300n, 400n, 0n]],
  ])('%s', (_name, l, without, [w, wo, lapse]) => {
    const s = splitAtYearEnd(l, without);
    expect(s).toEqual({
      unpaidSatang: l.revisedSatang - l.disbursedSatang,
      withObligationSatang: w,
      withoutObligationSatang: wo,
      lapseSatang: lapse,
    });
  });

  it('refuses a carry-over without obligation above the uncommitted remainder', () => {
    expect(splitAtYearEnd(line(1000n, 600n, 300n, 0n), 401n)).toEqual({
      exceeds: true,
      remainderSatang: 400n,
    });
    expect(splitAtYearEnd(line(1000n, 0n, 0n, 0n), -1n)).toMatchObject({ exceeds: true });
  });

  it('never answers negative parts on an overpaid ledger', () => {
    expect(openObligationsOf(line(100n, 0n, 50n, 0n))).toBe(0n);
    expect(uncommittedRemainderOf(line(100n, 200n, 0n, 0n))).toBe(0n);
    expect(splitAtYearEnd(line(100n, 0n, 150n, 150n), 0n)).toMatchObject({ lapseSatang: 0n });
  });

  it('with + without + lapse = revised − disbursed exactly, each part ≥ 0 (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (revised, fo, fp, fd, fw, fr) => {
          const part = (x: bigint, f: number) => (x * BigInt(Math.floor(f * 1e6))) / 1_000_000n;
          // A ledger as the check constraint allows: obligated + direct ≤ revised, paid ≤ obligated.
          const obligated = part(revised, fo);
          const direct = part(revised - obligated, fd);
          const paidOnObligations = part(obligated, fp);
          const l = line(revised, obligated, direct + paidOnObligations, direct);
          const remainder = uncommittedRemainderOf(l);
          const without = part(remainder, fw);
          const s = splitAtYearEnd(l, without);
          if ('exceeds' in s) return false;
          expect(s.withObligationSatang + s.withoutObligationSatang + s.lapseSatang).toBe(
            revised - l.disbursedSatang,
          );
          for (const v of Object.values(s)) expect(v >= 0n).toBe(true);
          // Above the remainder is always refused.
          expect('exceeds' in splitAtYearEnd(l, remainder + 1n + part(revised, fr))).toBe(true);
          return true;
        },
      ),
    );
  });
});

describe('the carry deadline', () => {
  it.each([
    [2565, 6, '2023-03-31'],
    [2567, 6, '2025-03-31'],
    [2566, 5, '2024-02-29'], // a leap year's February
    [2565, 1, '2022-10-31'],
    [2565, 3, '2022-12-31'],
    [2565, 12, '2023-09-30'],
    [2565, 24, '2024-09-30'],
  ])('FY%i + %i months → %s', (year, months, expected) => {
    expect(carryDeadlineOf(year, months)).toBe(expected);
  });
  it('defaults to six months and refuses a silly count', () => {
    expect(carryDeadlineOf(2565)).toBe('2023-03-31');
    expect(() => carryDeadlineOf(2565, 0)).toThrow(RangeError);
    expect(() => carryDeadlineOf(2565, 25)).toThrow(RangeError);
    expect(() => carryDeadlineOf(2565, 1.5)).toThrow(RangeError);
  });
  it('always lands on the last day of a month after the year end (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2500, max: 2700 }), fc.integer({ min: 1, max: 24 }), (y, m) => {
        const d = carryDeadlineOf(y, m);
        const next = new Date(`${d}T00:00:00Z`);
        next.setUTCDate(next.getUTCDate() + 1);
        expect(next.getUTCDate()).toBe(1);
        expect(d > `${y - 543}-09-30`).toBe(true);
      }),
    );
  });
});

describe('carried line state and extensions', () => {
  it.each([
    [{ carryDeadline: '2023-03-31', lapsedOn: null }, '2023-03-31', 'open'],
    [{ carryDeadline: '2023-03-31', lapsedOn: null }, '2023-04-01', 'past_deadline'],
    [{ carryDeadline: '2023-03-31', lapsedOn: '2023-04-01' }, '2023-04-02', 'lapsed'],
    [{ carryDeadline: null, lapsedOn: null }, '2030-01-01', 'open'],
  ] as const)('%o at %s is %s', (l, asOf, state) => {
    expect(carriedLineState(l, asOf)).toBe(state);
  });
  it('an extension is a real day after the current deadline', () => {
    expect(checkExtension('2023-03-31', '2023-06-30')).toBeNull();
    expect(checkExtension(null, '2023-06-30')).toBeNull();
    expect(checkExtension('2023-03-31', '2023-03-31')).toMatch(/after/);
    expect(checkExtension('2023-03-31', '2023-02-30')).toMatch(/ISO/);
    expect(checkExtension('2023-03-31', '30/06/2566')).toMatch(/ISO/);
  });
});

describe('multi-year obligations', () => {
  const sched = [
    { fiscalYear: 2566, amountSatang: 500n },
    { fiscalYear: 2567, amountSatang: 300n },
  ];
  it('takes the portion of a year and keeps the years after it', () => {
    expect(laterYearPortion(2565, sched, 2566)).toEqual({
      amountSatang: 500n,
      rest: [{ fiscalYear: 2567, amountSatang: 300n }],
    });
    expect(laterYearPortion(2565, sched, 2567)).toEqual({ amountSatang: 300n, rest: [] });
    expect(laterYearPortion(2565, sched, 2568)).toBeNull();
    expect(laterYearPortion(2567, sched, 2566)).toBeNull();
  });
  it.each([
    [[{ fiscalYear: 2565, amountSatang: 1n }], /not after/],
    [
      [
        { fiscalYear: 2566, amountSatang: 1n },
        { fiscalYear: 2566, amountSatang: 2n },
      ],
      /twice/,
    ],
    [[{ fiscalYear: 2566, amountSatang: 0n }], /above 0/],
  ])('refuses %o', (s, msg) => {
    expect(checkLaterYears(2565, s)).toMatch(msg);
  });
  it('accepts a proper schedule', () => {
    expect(checkLaterYears(2565, sched)).toBeNull();
    expect(checkLaterYears(2565, [])).toBeNull();
  });
});

describe('the later_years cell', () => {
  it.each([
    ['', []],
    ['2566:200000.00', [{ fiscalYear: 2566, amountSatang: 20_000_000n }]],
    [
      ' 2566 : 1,000.5 ; 2567:3',
      [
        { fiscalYear: 2566, amountSatang: 100_050n },
        { fiscalYear: 2567, amountSatang: 300n },
      ],
    ],
  ])('reads %j', (text, expected) => {
    expect(parseLaterYears(text, 2565)).toEqual(expected);
  });
  it.each([
    ['2566', /fiscal_year:amount/],
    ['2566:abc', /fiscal_year:amount/],
    ['2565:100', /not after/],
    ['2566:1;2566:2', /twice/],
    ['2566:0', /above 0/],
    ['2566:1,,,', /not an amount/],
  ])('refuses %j', (text, msg) => {
    expect(parseLaterYears(text, 2565)).toMatch(msg);
  });
  it('writes what it reads (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 2566, max: 2600 }), { maxLength: 5 }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 14n }), { minLength: 5, maxLength: 5 }),
        (years, amounts) => {
          const s = years.map((y, i) => ({ fiscalYear: y, amountSatang: amounts[i]! }));
          expect(parseLaterYears(formatLaterYears(s), 2565)).toEqual(s);
        },
      ),
    );
  });
});
