/** `bands` criteria: numeric ranges, each with a level and points (SPEC §4, seed indicator 2). */
import { AppError } from '../errors.js';
import { compareDecimal, decimalSign, decimalToString, type Decimal } from '../decimal.js';
import {
  bandContains,
  bandIsEmpty,
  compareLowerEnds,
  compileBands,
  intersection,
  showBound,
  type CompiledBand,
} from './band-range.js';
import { levelWarnings } from './level-checks.js';
import type { BandsCriteria } from './schema.js';
import type { BandsOutcome, CriteriaWarning } from './types.js';

const name = (b: CompiledBand): string => `level ${b.level} (${b.range})`;

function beyondMax(b: CompiledBand, x: Decimal): boolean {
  if (!b.max) return false;
  const c = compareDecimal(x, b.max);
  return c > 0 || (c === 0 && !b.maxInclusive);
}

function beforeMin(b: CompiledBand, x: Decimal): boolean {
  if (!b.min) return false;
  const c = compareDecimal(x, b.min);
  return c < 0 || (c === 0 && !b.minInclusive);
}

function noBandError(bands: readonly CompiledBand[], x: Decimal, shown: string): AppError {
  let below: CompiledBand | undefined;
  let above: CompiledBand | undefined;
  for (const b of bands) {
    if (beyondMax(b, x) && (!below || compareDecimal(b.max as Decimal, below.max as Decimal) > 0))
      below = b;
    if (beforeMin(b, x) && (!above || compareDecimal(b.min as Decimal, above.min as Decimal) < 0))
      above = b;
  }
  const details = { result: shown, below: below?.index, above: above?.index };
  if (below && above) {
    return new AppError(
      'business_rule',
      `${shown} falls in a gap between ${name(below)} and ${name(above)}`,
      details,
    );
  }
  if (above) {
    const why = decimalSign(x) < 0 ? 'is negative and no band covers it' : 'is below every band';
    return new AppError(
      'business_rule',
      `${shown} ${why}; the lowest band is ${name(above)}`,
      details,
    );
  }
  return new AppError(
    'business_rule',
    `${shown} is above every band; the highest band is ${name(below as CompiledBand)}`,
    details,
  );
}

/** Scores an exact result against bands; a result in a gap, in two bands or outside all is an error. */
export function scoreBands(
  criteria: BandsCriteria,
  x: Decimal,
  shown = decimalToString(x),
): BandsOutcome {
  const { bands } = compileBands(criteria);
  let match: CompiledBand | undefined;
  for (const b of bands) {
    if (!bandContains(b, x)) continue;
    if (match) {
      throw new AppError(
        'business_rule',
        `${shown} falls in two bands, ${name(match)} and ${name(b)}: the criteria overlap`,
        { result: shown, bands: [match.index, b.index] },
      );
    }
    match = b;
  }
  if (!match) throw noBandError(bands, x, shown);
  return {
    kind: 'bands',
    result: decimalToString(x),
    level: match.level,
    points: match.pointsText,
    band: match.index,
    range: match.range,
  };
}

const bracket = (
  v: Decimal | undefined,
  inclusive: boolean,
  scale: number,
  open: boolean,
): string =>
  v === undefined
    ? open
      ? '(−∞'
      : '+∞)'
    : open
      ? `${inclusive ? '[' : '('}${showBound(v, scale)}`
      : `${showBound(v, scale)}${inclusive ? ']' : ')'}`;

function gapWarnings(sorted: readonly CompiledBand[], scale: number): CriteriaWarning[] {
  const out: CriteriaWarning[] = [];
  let reach: CompiledBand | undefined; // the band reaching furthest up so far
  for (const b of sorted) {
    if (reach && !reach.max) break; // covered up to +∞
    if (reach && reach.max && b.min) {
      const c = compareDecimal(b.min, reach.max);
      if (c > 0 || (c === 0 && !reach.maxInclusive && !b.minInclusive)) {
        const from = reach.max;
        const to = b.min;
        const span = `${bracket(from, !reach.maxInclusive, scale, true)}, ${bracket(to, !b.minInclusive, scale, false)}`;
        out.push({
          code: 'gap',
          message: `gap ${span} between ${name(reach)} and ${name(b)}: a result there matches no band`,
          from: showBound(from, scale),
          fromInclusive: !reach.maxInclusive,
          to: showBound(to, scale),
          toInclusive: !b.minInclusive,
          bands: [reach.index, b.index],
          levels: [reach.level, b.level],
        });
      }
    }
    if (!reach || !b.max || (reach.max && reachesFurther(b, reach))) reach = b;
  }
  return out;
}

function reachesFurther(b: CompiledBand, reach: CompiledBand): boolean {
  const c = compareDecimal(b.max as Decimal, reach.max as Decimal);
  return c > 0 || (c === 0 && b.maxInclusive && !reach.maxInclusive);
}

function overlapWarnings(bands: readonly CompiledBand[], scale: number): CriteriaWarning[] {
  const out: CriteriaWarning[] = [];
  bands.forEach((a, i) => {
    for (const b of bands.slice(i + 1)) {
      const r = intersection(a, b);
      if (!r) continue;
      const span = `${bracket(r.min, r.minInclusive, scale, true)}, ${bracket(r.max, r.maxInclusive, scale, false)}`;
      out.push({
        code: 'overlap',
        message: `${name(a)} and ${name(b)} overlap on ${span}: a result there would match two bands`,
        ...(r.min && { from: showBound(r.min, scale), fromInclusive: r.minInclusive }),
        ...(r.max && { to: showBound(r.max, scale), toInclusive: r.maxInclusive }),
        bands: [a.index, b.index],
        levels: [a.level, b.level],
      });
    }
  });
  return out;
}

function orderWarnings(sorted: readonly CompiledBand[]): CriteriaWarning[] {
  const levels = sorted.map((b) => b.level);
  const rising = levels.every((l, i) => i === 0 || l > (levels[i - 1] as number));
  const falling = levels.every((l, i) => i === 0 || l < (levels[i - 1] as number));
  if (rising || falling || new Set(levels).size !== levels.length) return [];
  return [
    {
      code: 'levels_out_of_order',
      message: `levels ${levels.join(', ')} (from the lowest range up) neither rise nor fall steadily`,
      bands: sorted.map((b) => b.index),
      levels,
    },
  ];
}

/** Gaps, overlaps, empty bands, levels out of order and points not increasing with level. */
export function validateBands(criteria: BandsCriteria): CriteriaWarning[] {
  const { bands, displayScale } = compileBands(criteria);
  const empty = bands.filter(bandIsEmpty);
  const live = bands.filter((b) => !bandIsEmpty(b));
  const sorted = [...live].sort(compareLowerEnds);
  return [
    ...empty.map((b): CriteriaWarning => ({
      code: 'empty_band',
      message: `${name(b)} matches no value`,
      bands: [b.index],
      levels: [b.level],
    })),
    ...gapWarnings(sorted, displayScale),
    ...overlapWarnings(live, displayScale),
    ...orderWarnings(sorted),
    ...levelWarnings(bands.map((b) => ({ level: b.level, points: b.points, index: b.index }))),
  ];
}
