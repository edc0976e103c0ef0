/** Internal: bands as exact ranges — compile, describe, contain, intersect. */
import { compareDecimal, decimalToString, parseDecimal, type Decimal } from '../decimal.js';
import type { BandsCriteria } from './schema.js';

export interface CompiledBand {
  readonly index: number;
  readonly level: number;
  readonly points: Decimal;
  /** `points` as text, computed once. */
  readonly pointsText: string;
  readonly min: Decimal | undefined;
  readonly minInclusive: boolean;
  readonly max: Decimal | undefined;
  readonly maxInclusive: boolean;
  /** "0 < x < 2.00", "x ≥ 4.00", "x = 0", "any x". */
  readonly range: string;
}

export interface CompiledBands {
  readonly bands: readonly CompiledBand[];
  /** Decimals used to show bounds (the most any bound has), so 2 shows as 2.00 next to 2.01. */
  readonly displayScale: number;
}

/** A bound for messages: zero is "0"; other values padded to the criteria's display scale. */
export function showBound(d: Decimal, displayScale: number): string {
  if (d.coefficient === 0n || d.scale >= displayScale) return decimalToString(d);
  return decimalToString({
    coefficient: d.coefficient * 10n ** BigInt(displayScale - d.scale),
    scale: displayScale,
  });
}

function describe(b: Omit<CompiledBand, 'range' | 'index' | 'pointsText'>, scale: number): string {
  const lo = b.min && showBound(b.min, scale);
  const hi = b.max && showBound(b.max, scale);
  if (lo !== undefined && hi !== undefined && b.minInclusive && b.maxInclusive && lo === hi)
    return `x = ${lo}`;
  const left = lo === undefined ? '' : `${lo} ${b.minInclusive ? '≤' : '<'} `;
  const right = hi === undefined ? '' : ` ${b.maxInclusive ? '≤' : '<'} ${hi}`;
  if (left === '' && right === '') return 'any x';
  if (left === '') return `x${right}`;
  if (right === '') return `x ${b.minInclusive ? '≥' : '>'} ${lo}`;
  return `${left}x${right}`;
}

const cache = new WeakMap<BandsCriteria, CompiledBands>();

export function compileBands(c: BandsCriteria): CompiledBands {
  const hit = cache.get(c);
  if (hit) return hit;
  const raw = c.bands.map((b) => ({
    level: b.level,
    points: parseDecimal(b.points),
    min: b.min === undefined ? undefined : parseDecimal(b.min),
    minInclusive: b.minInclusive ?? true,
    max: b.max === undefined ? undefined : parseDecimal(b.max),
    maxInclusive: b.maxInclusive ?? false,
  }));
  const displayScale = Math.max(0, ...raw.flatMap((b) => [b.min?.scale ?? 0, b.max?.scale ?? 0]));
  const bands = raw.map((b, index) => ({
    ...b,
    index,
    pointsText: decimalToString(b.points),
    range: describe(b, displayScale),
  }));
  const compiled = { bands, displayScale };
  cache.set(c, compiled);
  return compiled;
}

export function bandContains(b: CompiledBand, x: Decimal): boolean {
  if (b.min) {
    const c = compareDecimal(x, b.min);
    if (c < 0 || (c === 0 && !b.minInclusive)) return false;
  }
  if (b.max) {
    const c = compareDecimal(x, b.max);
    if (c > 0 || (c === 0 && !b.maxInclusive)) return false;
  }
  return true;
}

/** True when the band matches no value at all (min above max, or a point that excludes itself). */
export function bandIsEmpty(b: CompiledBand): boolean {
  if (!b.min || !b.max) return false;
  const c = compareDecimal(b.min, b.max);
  return c > 0 || (c === 0 && !(b.minInclusive && b.maxInclusive));
}

/** Orders bands by lower end: unbounded first, then by value, an inclusive end before an exclusive one. */
export function compareLowerEnds(a: CompiledBand, b: CompiledBand): number {
  if (!a.min || !b.min) return (a.min ? 1 : 0) - (b.min ? 1 : 0) || a.index - b.index;
  const c = compareDecimal(a.min, b.min);
  if (c !== 0) return c;
  return (a.minInclusive ? 0 : 1) - (b.minInclusive ? 0 : 1) || a.index - b.index;
}

/** The common range of two bands, or undefined when they do not overlap. */
export function intersection(
  a: CompiledBand,
  b: CompiledBand,
): { min?: Decimal; minInclusive: boolean; max?: Decimal; maxInclusive: boolean } | undefined {
  const lowFromA = !b.min || (a.min !== undefined && tighterLow(a, b));
  const low = lowFromA ? a : b;
  const highFromA = !b.max || (a.max !== undefined && tighterHigh(a, b));
  const high = highFromA ? a : b;
  const r = {
    min: low.min,
    minInclusive: low.minInclusive,
    max: high.max,
    maxInclusive: high.maxInclusive,
  };
  if (r.min && r.max) {
    const c = compareDecimal(r.min, r.max);
    if (c > 0 || (c === 0 && !(r.minInclusive && r.maxInclusive))) return undefined;
  }
  return r;
}

function tighterLow(a: CompiledBand, b: CompiledBand): boolean {
  const c = compareDecimal(a.min as Decimal, b.min as Decimal);
  return c > 0 || (c === 0 && !a.minInclusive);
}

function tighterHigh(a: CompiledBand, b: CompiledBand): boolean {
  const c = compareDecimal(a.max as Decimal, b.max as Decimal);
  return c < 0 || (c === 0 && !a.maxInclusive);
}
