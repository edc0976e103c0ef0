import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_SATANG,
  allocateLargestRemainder,
  decimalToSatang,
  formatBaht,
  parseBaht,
  ratioPercent,
  satangToDecimalString,
  sumSatang,
} from './money.js';

const failure = (f: () => unknown): { code?: string; message?: string } => {
  try {
    f();
  } catch (e) {
    return e as { code?: string; message?: string };
  }
  return {};
};

describe('parseBaht', () => {
  it.each([
    ['10,991,500.00', 1_099_150_000n],
    ['10991500', 1_099_150_000n],
    ['1,234.5', 123_450n],
    [' 88000 ', 8_800_000n],
    ['๑๒๓', 12_300n],
    ['๑๐,๙๙๑,๕๐๐.-', 1_099_150_000n],
    ['10,991,500.-', 1_099_150_000n],
    ['88,000.-', 8_800_000n],
    ['0', 0n],
    ['0.01', 1n],
    ['007', 700n],
    ['+5', 500n],
    ['92233720368547758.07', MAX_SATANG],
  ])('%j → %s satang', (text, satang) => {
    expect(parseBaht(text)).toBe(satang);
  });

  it.each([
    ['', 'empty amount'],
    ['  ', 'empty amount'],
    ['1.234', 'more than 2 decimals'],
    ['abc', "not a number: 'abc'"],
    ['12a', "not a number: '12a'"],
    ['1.2.3', 'two decimal points'],
    ['1.5.-', 'two decimal points'],
    ['1,23,456', 'misplaced thousands separator'],
    ['12,34', 'misplaced thousands separator'],
    ['1,234.5,6', 'thousands separator after the decimal point'],
    ['-5', 'negative amount not allowed'],
    ['-', "'-' is not an amount"],
    ['.-', 'not a number'],
    ['1e6', 'exponent notation'],
    ['NaN', 'not a finite amount'],
    ['92233720368547758.08', 'amount too large'],
    ['10 991 500', 'not a number'],
  ])('%j → validation error "%s"', (text, message) => {
    const e = failure(() => parseBaht(text));
    expect(e.code).toBe('validation');
    expect(e.message).toContain(message);
  });

  it('negatives only when allowed', () => {
    expect(parseBaht('-1,234.50', { allowNegative: true })).toBe(-123_450n);
    expect(parseBaht('-10.-', { allowNegative: true })).toBe(-1000n);
  });

  it('refuses a non-string', () => {
    expect(failure(() => parseBaht(5 as unknown as string)).code).toBe('validation');
  });

  it('round-trips with formatBaht in every style', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -MAX_SATANG, max: MAX_SATANG }),
        fc.constantFrom('decimal' as const, 'dash' as const),
        fc.boolean(),
        fc.boolean(),
        (satang, style, thaiDigits, grouping) => {
          const text = formatBaht(satang, { style, thaiDigits, grouping });
          expect(parseBaht(text, { allowNegative: true })).toBe(satang);
        },
      ),
    );
  });
});

describe('formatBaht', () => {
  it.each([
    [1_099_150_000n, {}, '10,991,500.00'],
    [1_099_150_000n, { style: 'dash' as const }, '10,991,500.-'],
    [1_099_150_050n, { style: 'dash' as const }, '10,991,500.50'],
    [8_800_000n, { style: 'dash' as const, thaiDigits: true }, '๘๘,๐๐๐.-'],
    [1_099_150_000n, { grouping: false }, '10991500.00'],
    [0n, {}, '0.00'],
    [1n, {}, '0.01'],
    [-123_450n, {}, '-1,234.50'],
    [100_000n, {}, '1,000.00'],
    [10_000n, {}, '100.00'],
    [MAX_SATANG, {}, '92,233,720,368,547,758.07'],
  ])('%s %j → %s', (satang, options, text) => {
    expect(formatBaht(satang, options)).toBe(text);
  });
});

describe('satangToDecimalString / decimalToSatang', () => {
  it.each([
    [1_099_150_000n, '10991500.00'],
    [0n, '0.00'],
    [5n, '0.05'],
    [-550n, '-5.50'],
  ])('%s ↔ %s', (satang, text) => {
    expect(satangToDecimalString(satang)).toBe(text);
    expect(decimalToSatang(text)).toBe(satang);
  });

  it('takes JSON numbers and refuses a third decimal', () => {
    expect(decimalToSatang(10991500)).toBe(1_099_150_000n);
    expect(decimalToSatang(0.1)).toBe(10n);
    expect(decimalToSatang('1.500')).toBe(150n);
    expect(failure(() => decimalToSatang('1.505')).message).toContain('more than 2 decimals');
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(fc.bigInt(), (s) => {
        expect(decimalToSatang(satangToDecimalString(s))).toBe(s);
      }),
    );
  });
});

describe('ratioPercent', () => {
  it.each([
    [97_977n, 100_000n, 3, '97.977'],
    [322n, 10_000n, 2, '3.22'],
    [1n, 3n, 3, '33.333'],
    [2n, 3n, 3, '66.667'],
    [1n, 8n, 2, '12.50'],
    [1n, 16n, 2, '6.25'],
    [1n, 16n, 1, '6.3'],
    [-1n, 16n, 1, '-6.3'],
    [0n, 5n, 2, '0.00'],
    [5n, 5n, 0, '100'],
  ])('%s / %s with %d decimals = %s', (n, d, decimals, text) => {
    expect(ratioPercent(n, d, decimals)).toBe(text);
  });

  it('seed: disbursement 97.977 % from satang', () => {
    // 9,797,700.00 disbursed of a revised budget of 10,000,000.00 baht
    expect(ratioPercent(979_770_000n, 1_000_000_000n, 3)).toBe('97.977');
  });

  it('a zero denominator is a business-rule error', () => {
    expect(failure(() => ratioPercent(1n, 0n, 2)).code).toBe('business_rule');
    expect(failure(() => ratioPercent(1n, 1n, -1)).code).toBe('validation');
  });

  it('is within half a unit of the exact ratio', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        (n, d) => {
          const [whole = '', fraction = ''] = ratioPercent(n, d, 3).split('.');
          const r = BigInt(whole + fraction); // units of 0.001 %
          // |r/1000 − 100n/d| ≤ 1/2000  ⇔  |2·r·d − 200000·n| ≤ d
          const diff = 2n * r * d - 200_000n * n;
          expect(diff <= d && -diff <= d).toBe(true);
        },
      ),
    );
  });
});

describe('allocateLargestRemainder', () => {
  it.each([
    [100n, [1, 1, 1], [34n, 33n, 33n]],
    [
      1_099_150_000n,
      [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
      Array.from({ length: 12 }, (_, i) => (i < 4 ? 91_595_834n : 91_595_833n)),
    ],
    [10n, [0, 1, 0], [0n, 10n, 0n]],
    [7n, [2n, 1n], [5n, 2n]],
    [1n, [1, 1], [1n, 0n]],
    [100n, [0.5, 0.25, 0.25], [50n, 25n, 25n]],
    [-100n, [1, 1, 1], [-34n, -33n, -33n]],
    [0n, [1, 2], [0n, 0n]],
    [5n, [20, 20, 40, 10, 10], [1n, 1n, 2n, 1n, 0n]],
  ])('%s over %s', (total, weights, parts) => {
    expect(allocateLargestRemainder(total, weights)).toEqual(parts);
  });

  it.each([
    [[], 'no weights'],
    [[0, 0], 'all weights are zero'],
    [[1, -1], 'negative'],
    [[1, Number.NaN], 'not a finite number'],
    [[1, Number.POSITIVE_INFINITY], 'not a finite number'],
  ])('%j is refused', (weights, message) => {
    const e = failure(() => allocateLargestRemainder(100n, weights));
    expect(e.code).toBe('validation');
    expect(e.message).toContain(message);
  });

  it('never loses or invents a satang, and is close to the exact share', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.array(fc.nat(1000), { minLength: 1, maxLength: 24 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const parts = allocateLargestRemainder(total, weights);
          expect(sumSatang(parts)).toBe(total);
          const weightTotal = BigInt(weights.reduce((a, b) => a + b, 0));
          parts.forEach((p, i) => {
            const exactTimesW = total * BigInt(weights[i] ?? 0); // share × weightTotal
            const diff = p * weightTotal - exactTimesW;
            expect(diff < weightTotal && -diff < weightTotal).toBe(true); // |p − share| < 1
            if (weights[i] === 0) expect(p).toBe(0n);
          });
          expect(allocateLargestRemainder(total, weights)).toEqual(parts); // deterministic
        },
      ),
    );
  });
});

describe('sumSatang', () => {
  it('sums any iterable', () => {
    expect(sumSatang([])).toBe(0n);
    expect(sumSatang([1n, 2n, -3n])).toBe(0n);
    expect(sumSatang(new Set([1_099_150_000n, 8_800_000n]))).toBe(1_107_950_000n);
  });
});
