/**
 * Exact decimal numbers for scoring comparisons and rounding: value = coefficient × 10^-scale.
 * Never binary floating point. Rounding is half-up in the commercial sense: halves round away
 * from zero (2.5 → 3, -2.5 → -3), as in Thai government documents.
 */
import { AppError } from './errors.js';
import { lexNumberText } from './number-text.js';

export interface Decimal {
  readonly coefficient: bigint;
  readonly scale: number;
}

/** Anything the scoring and money helpers accept where a decimal is expected. */
export type DecimalInput = Decimal | string | number;

const POW10: bigint[] = Array.from({ length: 64 }, (_, i) => 10n ** BigInt(i));

/** 10^n as a bigint (n ≥ 0). */
export function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

/** n ÷ d rounded half away from zero. Throws AppError('business_rule') when d = 0. */
export function divideRoundHalfUp(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new AppError('business_rule', 'division by zero');
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  let q = an / ad;
  if ((an % ad) * 2n >= ad) q += 1n;
  return negative ? -q : q;
}

function fromNumber(n: number): Decimal {
  if (!Number.isFinite(n))
    throw new AppError('validation', `not a finite number: ${String(n)}`, { input: n });
  // String(n) is the shortest text that reads back as n; expand its exponent form exactly.
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n));
  /* v8 ignore next -- String(n) of a finite number always matches */
  if (!m) throw new AppError('validation', `not a number: ${String(n)}`, { input: n });
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = m;
  const exponent = Number(exponentText);
  let coefficient = BigInt(whole + fraction);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    coefficient *= pow10(-scale);
    scale = 0;
  }
  return { coefficient: sign === '-' ? -coefficient : coefficient, scale };
}

/** Fast path for plain text such as "3.22" or "-12" (≤ 15 digits, exact in a double): no regex, no lexer. */
function fromPlainText(s: string): Decimal | undefined {
  const length = s.length;
  if (length === 0 || length > 16) return undefined;
  let i = s.charCodeAt(0) === 45 ? 1 : 0; // '-'
  const negative = i === 1;
  let value = 0;
  let digits = 0;
  let scale = -1;
  for (; i < length; i += 1) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits += 1;
      if (scale >= 0) scale += 1;
    } else if (c === 46 && scale < 0 && digits > 0) {
      scale = 0;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15 || scale === 0) return undefined;
  return { coefficient: BigInt(negative ? -value : value), scale: scale < 0 ? 0 : scale };
}

/**
 * Parses a JSON number or a decimal string ("3.22", "๓.๒๒", "-1", "1,234.5") exactly.
 * Rejects empty text, NaN, Infinity, exponent notation in strings and anything else with
 * AppError('validation'). JSON numbers are taken at their shortest decimal form (0.1 → 0.1).
 */
export function parseDecimal(text: string | number): Decimal {
  if (typeof text === 'number') return fromNumber(text);
  if (typeof text !== 'string') {
    throw new AppError('validation', `not a number: ${JSON.stringify(text) ?? String(text)}`, {
      input: text,
    });
  }
  const plain = fromPlainText(text);
  if (plain) return plain;
  const t = lexNumberText(text, 'number');
  const coefficient = BigInt(t.integerDigits + t.fractionDigits);
  return { coefficient: t.negative ? -coefficient : coefficient, scale: t.fractionDigits.length };
}

/** A Decimal as is, or parsed from a number or string. */
export function toDecimal(x: DecimalInput): Decimal {
  return typeof x === 'object' && x !== null ? x : parseDecimal(x);
}

/** An integer (e.g. satang) as a Decimal with the given scale: (1050n, 2) → 10.50. */
export function decimalFromBigInt(n: bigint, scale = 0): Decimal {
  return { coefficient: n, scale };
}

function rescale(d: Decimal, scale: number): bigint {
  return d.scale === scale ? d.coefficient : d.coefficient * pow10(scale - d.scale);
}

/** -1, 0 or 1 as a < b, a = b, a > b — exact. */
export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = a.scale > b.scale ? a.scale : b.scale;
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return { coefficient: rescale(a, scale) + rescale(b, scale), scale };
}

export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  return addDecimal(a, negateDecimal(b));
}

export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  return { coefficient: a.coefficient * b.coefficient, scale: a.scale + b.scale };
}

export function negateDecimal(d: Decimal): Decimal {
  return { coefficient: -d.coefficient, scale: d.scale };
}

export function decimalSign(d: Decimal): -1 | 0 | 1 {
  return d.coefficient < 0n ? -1 : d.coefficient > 0n ? 1 : 0;
}

export function isIntegerDecimal(d: Decimal): boolean {
  return d.scale <= 0 || d.coefficient % pow10(d.scale) === 0n;
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 30) {
    throw new AppError(
      'validation',
      `decimals must be a whole number from 0 to 30, got ${decimals}`,
    );
  }
}

/** d rounded half-up (away from zero) to `decimals` places, as a Decimal with exactly that scale. */
export function roundDecimal(d: Decimal, decimals: number): Decimal {
  checkDecimals(decimals);
  if (d.scale <= decimals) return { coefficient: rescale(d, decimals), scale: decimals };
  return {
    coefficient: divideRoundHalfUp(d.coefficient, pow10(d.scale - decimals)),
    scale: decimals,
  };
}

/** a ÷ b rounded half-up to `decimals` places. b = 0 → AppError('business_rule'). */
export function divideDecimal(a: Decimal, b: Decimal, decimals: number): Decimal {
  checkDecimals(decimals);
  if (b.coefficient === 0n) throw new AppError('business_rule', 'division by zero');
  // a/b = (ca / 10^sa) / (cb / 10^sb); scaled by 10^decimals.
  const exponent = decimals - a.scale + b.scale;
  const numerator = exponent >= 0 ? a.coefficient * pow10(exponent) : a.coefficient;
  const denominator = exponent >= 0 ? b.coefficient : b.coefficient * pow10(-exponent);
  return { coefficient: divideRoundHalfUp(numerator, denominator), scale: decimals };
}

/** Text of d with exactly its scale: 2.00 stays "2.00", -0.5 is "-0.5". */
export function decimalToString(d: Decimal): string {
  const negative = d.coefficient < 0n;
  const digits = (negative ? -d.coefficient : d.coefficient).toString();
  if (d.scale <= 0) return (negative ? '-' : '') + digits + '0'.repeat(-d.scale);
  const padded = digits.padStart(d.scale + 1, '0');
  const cut = padded.length - d.scale;
  return `${negative ? '-' : ''}${padded.slice(0, cut)}.${padded.slice(cut)}`;
}

/** d rounded half-up to `decimals` places, as text with exactly that many decimals. */
export function roundHalfUp(d: DecimalInput, decimals: number): string {
  return decimalToString(roundDecimal(toDecimal(d), decimals));
}

/** The same value with trailing fraction zeros removed: 2.500 → 2.5, 3.00 → 3. */
export function normalizeDecimal(d: Decimal): Decimal {
  let { coefficient, scale } = d;
  while (scale > 0 && coefficient % 10n === 0n) {
    coefficient /= 10n;
    scale -= 1;
  }
  return { coefficient, scale };
}

/** Sum of decimals (0 for none). */
export function sumDecimal(values: Iterable<Decimal>): Decimal {
  let total: Decimal = { coefficient: 0n, scale: 0 };
  for (const v of values) total = addDecimal(total, v);
  return total;
}
