import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDecimal,
  compareDecimal,
  decimalFromBigInt,
  decimalSign,
  decimalToString,
  divideDecimal,
  divideRoundHalfUp,
  isIntegerDecimal,
  multiplyDecimal,
  negateDecimal,
  normalizeDecimal,
  parseDecimal,
  pow10,
  roundDecimal,
  roundHalfUp,
  subtractDecimal,
  sumDecimal,
  toDecimal,
  type Decimal,
} from './decimal.js';

const d = (s: string | number): Decimal => parseDecimal(s);
const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('parseDecimal', () => {
  it.each([
    ['3.22', 322n, 2],
    ['2.00', 200n, 2],
    ['0', 0n, 0],
    ['-1', -1n, 0],
    ['๓.๒๒', 322n, 2],
    ['1,234.5', 12345n, 1],
    [' 97.977 ', 97977n, 3],
    [0.1, 1n, 1],
    [2, 2n, 0],
    [-0.5, -5n, 1],
    [1e-7, 1n, 7],
    [1.5e21, 1500000000000000000000n, 0],
    [-0, 0n, 0],
  ])('%j → %s × 10^-%d', (input, coefficient, scale) => {
    expect(parseDecimal(input)).toEqual({ coefficient, scale });
  });

  it.each([
    ['abc'],
    [''],
    ['NaN'],
    ['1e3'],
    ['Infinity'],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    ['1..2'],
  ])('%j is a validation error', (input) => {
    expect(code(() => parseDecimal(input))).toBe('validation');
  });

  it('the fast path for plain text agrees with the full parser', () => {
    const plain = fc.stringMatching(/^-?[0-9]{0,17}(\.[0-9]{0,17})?\.?$/);
    fc.assert(
      fc.property(plain, (s) => {
        const viaLexer = (): Decimal => parseDecimal(` ${s}`); // a leading space skips the fast path
        const a = code(() => parseDecimal(s));
        expect(a).toBe(code(viaLexer));
        if (a === undefined) expect(parseDecimal(s)).toEqual(viaLexer());
      }),
      { numRuns: 2000 },
    );
    expect(parseDecimal('999999999999999')).toEqual({
      coefficient: 999_999_999_999_999n,
      scale: 0,
    });
    expect(parseDecimal('1234567890123456')).toEqual({
      coefficient: 1_234_567_890_123_456n,
      scale: 0,
    });
    expect(parseDecimal('-0.50')).toEqual({ coefficient: -50n, scale: 2 });
  });

  it('refuses non-string, non-number input', () => {
    expect(code(() => parseDecimal(null as unknown as string))).toBe('validation');
    expect(code(() => parseDecimal(undefined as unknown as string))).toBe('validation');
    expect(code(() => parseDecimal({} as unknown as string))).toBe('validation');
  });

  it('reads every JSON number back to the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(Number(decimalToString(parseDecimal(n)))).toBe(n === 0 ? 0 : n);
      }),
    );
  });
});

describe('compareDecimal', () => {
  it.each([
    ['2.00', '2', 0],
    ['2.00', '2.01', -1],
    ['3.005', '3.00', 1],
    ['-1', '0', -1],
    ['0.1', '0.10000', 0],
  ])('%s vs %s', (a, b, expected) => {
    expect(compareDecimal(d(a), d(b))).toBe(expected);
  });

  it('agrees with bigint comparison of scaled values', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.nat(6), fc.bigInt(), fc.nat(6), (ca, sa, cb, sb) => {
        const a = { coefficient: ca, scale: sa };
        const b = { coefficient: cb, scale: sb };
        const x = ca * pow10(12 - sa);
        const y = cb * pow10(12 - sb);
        expect(compareDecimal(a, b)).toBe(x < y ? -1 : x > y ? 1 : 0);
        expect(compareDecimal(b, a)).toBe(-compareDecimal(a, b) || 0);
      }),
    );
  });
});

describe('rounding', () => {
  it.each([
    ['9.2820', 3, '9.282'],
    ['9.1572', 3, '9.157'],
    ['0.0005', 3, '0.001'],
    ['0.0004999', 3, '0.000'],
    ['2.5', 0, '3'],
    ['-2.5', 0, '-3'],
    ['-2.4', 0, '-2'],
    ['1.005', 2, '1.01'],
    ['10', 3, '10.000'],
    ['-0.0004', 3, '0.000'],
    ['99.9995', 3, '100.000'],
  ])('roundHalfUp(%s, %d) = %s', (value, decimals, expected) => {
    expect(roundHalfUp(value, decimals)).toBe(expected);
  });

  it('accepts a Decimal, a number or a string', () => {
    expect(roundHalfUp({ coefficient: 12345n, scale: 3 }, 2)).toBe('12.35');
    expect(roundHalfUp(1.005, 2)).toBe('1.01');
  });

  it('refuses silly decimals', () => {
    expect(code(() => roundHalfUp('1', -1))).toBe('validation');
    expect(code(() => roundHalfUp('1', 1.5))).toBe('validation');
    expect(code(() => roundHalfUp('1', 31))).toBe('validation');
  });

  it('is within half a unit and rounds halves away from zero', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.nat(8),
        fc.nat(8),
        (c, scale, decimals) => {
          const value = { coefficient: c, scale };
          const r = roundDecimal(value, decimals);
          expect(r.scale).toBe(decimals);
          const diff = subtractDecimal(r, value); // r − value, |diff| ≤ ½ unit
          const half = { coefficient: 5n, scale: decimals + 1 };
          expect(
            compareDecimal(diff.coefficient < 0n ? negateDecimal(diff) : diff, half),
          ).toBeLessThanOrEqual(0);
          if (compareDecimal(diff.coefficient < 0n ? negateDecimal(diff) : diff, half) === 0) {
            expect(decimalSign(diff)).toBe(decimalSign(value)); // away from zero
          }
        },
      ),
    );
  });
});

describe('arithmetic', () => {
  it('adds, subtracts, multiplies and divides exactly', () => {
    expect(decimalToString(addDecimal(d('0.1'), d('0.2')))).toBe('0.3');
    expect(decimalToString(subtractDecimal(d('3.00'), d('0.01')))).toBe('2.99');
    expect(decimalToString(multiplyDecimal(d('92.820'), d('10')))).toBe('928.200');
    expect(decimalToString(divideDecimal(d('928.2'), d('100'), 3))).toBe('9.282');
    expect(decimalToString(divideDecimal(d('2'), d('3'), 4))).toBe('0.6667');
    expect(decimalToString(divideDecimal(d('-2'), d('3'), 4))).toBe('-0.6667');
    expect(decimalToString(divideDecimal(d('1.23456'), d('1'), 2))).toBe('1.23');
    expect(decimalToString(sumDecimal([d('1.5'), d('2.25')]))).toBe('3.75');
    expect(decimalToString(sumDecimal([]))).toBe('0');
  });

  it('division by zero is a business-rule error', () => {
    expect(code(() => divideDecimal(d('1'), d('0'), 2))).toBe('business_rule');
    expect(code(() => divideRoundHalfUp(1n, 0n))).toBe('business_rule');
    expect(code(() => divideDecimal(d('1'), d('2'), -1))).toBe('validation');
  });

  it('divideRoundHalfUp rounds halves away from zero', () => {
    expect(divideRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divideRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideRoundHalfUp(5n, -2n)).toBe(-3n);
    expect(divideRoundHalfUp(-7n, -2n)).toBe(4n);
    expect(divideRoundHalfUp(7n, 3n)).toBe(2n);
  });

  it('helpers', () => {
    expect(decimalFromBigInt(1050n, 2)).toEqual({ coefficient: 1050n, scale: 2 });
    expect(decimalFromBigInt(7n)).toEqual({ coefficient: 7n, scale: 0 });
    expect(toDecimal(d('1.5'))).toEqual(d('1.5'));
    expect(toDecimal('1.5')).toEqual(d('1.5'));
    expect(isIntegerDecimal(d('3.00'))).toBe(true);
    expect(isIntegerDecimal(d('3.01'))).toBe(false);
    expect(isIntegerDecimal({ coefficient: 3n, scale: -2 })).toBe(true);
    expect(decimalSign(d('-0.01'))).toBe(-1);
    expect(decimalSign(d('0.00'))).toBe(0);
    expect(normalizeDecimal(d('2.500'))).toEqual(d('2.5'));
    expect(normalizeDecimal(d('3.00'))).toEqual(d('3'));
    expect(pow10(70)).toBe(10n ** 70n);
    expect(decimalToString({ coefficient: 5n, scale: -2 })).toBe('500');
    expect(decimalToString({ coefficient: -5n, scale: 3 })).toBe('-0.005');
  });

  it('string form round-trips', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.nat(10), (c, scale) => {
        const value = { coefficient: c, scale };
        expect(parseDecimal(decimalToString(value))).toEqual(value);
      }),
    );
  });

  it('addition is exact (commutes, subtract undoes add)', () => {
    const arb = fc.record({ coefficient: fc.bigInt(), scale: fc.nat(6) });
    fc.assert(
      fc.property(arb, arb, (a, b) => {
        expect(compareDecimal(addDecimal(a, b), addDecimal(b, a))).toBe(0);
        expect(compareDecimal(subtractDecimal(addDecimal(a, b), b), a)).toBe(0);
      }),
    );
  });
});
