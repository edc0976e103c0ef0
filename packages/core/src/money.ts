/**
 * Money is integer satang (1 baht = 100 satang) as `bigint`, everywhere. Never binary floating point.
 */
import { AppError } from './errors.js';
import { decimalToString, divideRoundHalfUp, parseDecimal, pow10 } from './decimal.js';
import { lexNumberText } from './number-text.js';
import { toThaiDigits } from './thai-digits.js';

/** The largest amount a PostgreSQL `bigint` column holds, in satang. */
export const MAX_SATANG = 9_223_372_036_854_775_807n;

export interface ParseBahtOptions {
  /** Accept a leading minus (corrections, negative transfers). Default false. */
  allowNegative?: boolean;
}

/**
 * Parses an amount in baht into satang: "10,991,500.00", "10991500", "1,234.5", " 88000 ", "๑๒๓",
 * the seed's "10,991,500.-". Throws AppError('validation') with a specific reason otherwise
 * (empty amount, not a number, two decimal points, more than 2 decimals, misplaced thousands
 * separator, negative amount, too large).
 */
export function parseBaht(text: string, options: ParseBahtOptions = {}): bigint {
  if (typeof text !== 'string')
    throw new AppError('validation', `not an amount: ${String(text)}`, { input: text });
  let body = text.trim();
  if (body === '-' || body === '\u2212') {
    throw new AppError('validation', `'-' is not an amount (a dash means no amount: write 0)`, {
      input: text,
    });
  }
  if (body.endsWith('.-')) {
    body = body.slice(0, -2);
    if (body.includes('.'))
      throw new AppError('validation', `two decimal points in '${text.trim()}'`, { input: text });
  }
  const t = lexNumberText(body === '' ? text : body, 'amount');
  if (t.fractionDigits.length > 2) {
    throw new AppError('validation', `more than 2 decimals in '${t.shown}' (satang has 2)`, {
      input: text,
    });
  }
  if (t.negative && !options.allowNegative) {
    throw new AppError('validation', `negative amount not allowed: '${t.shown}'`, { input: text });
  }
  const satang = BigInt(t.integerDigits) * 100n + BigInt(t.fractionDigits.padEnd(2, '0'));
  if (satang > MAX_SATANG) {
    throw new AppError('validation', `amount too large: '${t.shown}'`, { input: text });
  }
  return t.negative ? -satang : satang;
}

export interface FormatBahtOptions {
  /** 'decimal' (default) → "10,991,500.00"; 'dash' → "10,991,500.-" when there are no satang. */
  style?: 'decimal' | 'dash';
  /** Write ๐–๙ instead of 0–9. Default false. */
  thaiDigits?: boolean;
  /** Thousands separators. Default true. */
  grouping?: boolean;
}

function group(digits: string): string {
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const start = end - 3 > 0 ? end - 3 : 0;
    out = out === '' ? digits.slice(start, end) : `${digits.slice(start, end)},${out}`;
  }
  return out;
}

/** Formats satang as baht for Thai documents: 1099150000n → "10,991,500.00" (or "10,991,500.-"). */
export function formatBaht(satang: bigint, options: FormatBahtOptions = {}): string {
  const negative = satang < 0n;
  const abs = negative ? -satang : satang;
  const baht = (abs / 100n).toString();
  const fraction = abs % 100n;
  const whole = options.grouping === false ? baht : group(baht);
  const tail =
    options.style === 'dash' && fraction === 0n ? '.-' : `.${fraction.toString().padStart(2, '0')}`;
  const text = `${negative ? '-' : ''}${whole}${tail}`;
  return options.thaiDigits ? toThaiDigits(text) : text;
}

/** Satang as a plain decimal string with two decimals, no grouping: "10991500.00" (JSON, CSV). */
export function satangToDecimalString(satang: bigint): string {
  return decimalToString({ coefficient: satang, scale: 2 });
}

/** A decimal baht value (JSON number or string, at most 2 decimals) into satang. */
export function decimalToSatang(value: string | number): bigint {
  const d = parseDecimal(value);
  if (d.scale > 2 && d.coefficient % pow10(d.scale - 2) !== 0n) {
    throw new AppError('validation', `more than 2 decimals in '${String(value)}' (satang has 2)`, {
      input: value,
    });
  }
  return d.scale > 2 ? d.coefficient / pow10(d.scale - 2) : d.coefficient * pow10(2 - d.scale);
}

/**
 * numerator ÷ denominator × 100, rounded half-up to `decimals` places, as text:
 * ratioPercent(9_797_700n, 10_000_000n, 3) → "97.977". A zero denominator → AppError('business_rule').
 */
export function ratioPercent(numerator: bigint, denominator: bigint, decimals: number): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 30) {
    throw new AppError(
      'validation',
      `decimals must be a whole number from 0 to 30, got ${decimals}`,
    );
  }
  if (denominator === 0n) {
    throw new AppError(
      'business_rule',
      'cannot compute a percentage of a zero amount (the denominator is 0)',
    );
  }
  const scaled = divideRoundHalfUp(numerator * 100n * pow10(decimals), denominator);
  return decimalToString({ coefficient: scaled, scale: decimals });
}

function weightToInteger(weights: readonly (bigint | number)[]): bigint[] {
  const decimals = weights.map((w, i) => {
    if (typeof w === 'bigint') return { coefficient: w, scale: 0 };
    if (typeof w !== 'number' || !Number.isFinite(w)) {
      throw new AppError('validation', `weight ${i + 1} is not a finite number: ${String(w)}`);
    }
    return parseDecimal(w);
  });
  const scale = Math.max(0, ...decimals.map((d) => d.scale));
  return decimals.map((d) => d.coefficient * pow10(scale - d.scale));
}

/**
 * Splits `total` satang over `weights` in proportion, by the largest-remainder method: every part
 * is the floor of its exact share, and the satang left over go one each to the largest remainders
 * (ties: lowest index first). The parts always add up to `total`; a zero weight gets 0.
 * Weights must be ≥ 0, finite and not all zero. A negative total is split as its absolute value.
 */
export function allocateLargestRemainder(
  total: bigint,
  weights: readonly (bigint | number)[],
): bigint[] {
  if (weights.length === 0) throw new AppError('validation', 'no weights to allocate over');
  const ints = weightToInteger(weights);
  ints.forEach((w, i) => {
    if (w < 0n)
      throw new AppError('validation', `weight ${i + 1} is negative: ${String(weights[i])}`);
  });
  const weightTotal = ints.reduce((a, b) => a + b, 0n);
  if (weightTotal === 0n) throw new AppError('validation', 'all weights are zero');
  const negative = total < 0n;
  const amount = negative ? -total : total;
  const parts = ints.map((w) => (amount * w) / weightTotal);
  const remainders = ints.map((w, index) => ({ index, remainder: (amount * w) % weightTotal }));
  let left = amount - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) =>
    a.remainder > b.remainder ? -1 : a.remainder < b.remainder ? 1 : a.index - b.index,
  );
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return negative ? parts.map((p) => -p) : parts;
}

/** Sum of satang amounts (0n for none). */
export function sumSatang(amounts: Iterable<bigint>): bigint {
  let total = 0n;
  for (const a of amounts) total += a;
  return total;
}
