/**
 * `linear` criteria: a score interpolated between points (x, score), exactly, rounded half-up once
 * to `decimals` (default 3). Linear criteria have no levels: the outcome's `level` is null and its
 * `points` equal the score.
 */
import { AppError } from '../errors.js';
import {
  compareDecimal,
  decimalToString,
  divideDecimal,
  multiplyDecimal,
  parseDecimal,
  roundDecimal,
  subtractDecimal,
  addDecimal,
  type Decimal,
} from '../decimal.js';
import type { LinearCriteria } from './schema.js';
import type { CriteriaWarning, LinearOutcome } from './types.js';

interface Point {
  readonly x: Decimal;
  readonly score: Decimal;
}

const cache = new WeakMap<LinearCriteria, readonly Point[]>();

function compile(c: LinearCriteria): readonly Point[] {
  const hit = cache.get(c);
  if (hit) return hit;
  const points = c.points
    .map((p) => ({ x: parseDecimal(p.x), score: parseDecimal(p.score) }))
    .sort((a, b) => compareDecimal(a.x, b.x));
  for (let i = 1; i < points.length; i += 1) {
    const x = (points[i] as Point).x;
    if (compareDecimal((points[i - 1] as Point).x, x) === 0) {
      throw new AppError(
        'business_rule',
        `linear criteria have two points at x = ${decimalToString(x)}`,
      );
    }
  }
  cache.set(c, points);
  return points;
}

function outcome(
  x: Decimal,
  score: Decimal,
  decimals: number,
  segment: number,
  clamped: boolean,
): LinearOutcome {
  const text = decimalToString(roundDecimal(score, decimals));
  return {
    kind: 'linear',
    result: decimalToString(x),
    level: null,
    points: text,
    score: text,
    segment,
    clamped,
  };
}

/** Interpolates the score of x; outside the range → the end score with `clamp`, else an error. */
export function scoreLinear(
  criteria: LinearCriteria,
  x: Decimal,
  shown = decimalToString(x),
): LinearOutcome {
  const points = compile(criteria);
  const decimals = criteria.decimals ?? 3;
  const first = points[0] as Point;
  const last = points[points.length - 1] as Point;
  const below = compareDecimal(x, first.x) < 0;
  if (below || compareDecimal(x, last.x) > 0) {
    if (criteria.clamp)
      return outcome(
        x,
        below ? first.score : last.score,
        decimals,
        below ? 0 : points.length,
        true,
      );
    const range = `${decimalToString(first.x)} ≤ x ≤ ${decimalToString(last.x)}`;
    throw new AppError(
      'business_rule',
      `${shown} is outside the range of the criteria (${range}) and clamp is off`,
      {
        result: shown,
      },
    );
  }
  let i = 1;
  while (compareDecimal(x, (points[i] as Point).x) > 0) i += 1;
  const a = points[i - 1] as Point;
  const b = points[i] as Point;
  // score = (a.score × (b.x − a.x) + (x − a.x) × (b.score − a.score)) ÷ (b.x − a.x), rounded once.
  const dx = subtractDecimal(b.x, a.x);
  const numerator = addDecimal(
    multiplyDecimal(a.score, dx),
    multiplyDecimal(subtractDecimal(x, a.x), subtractDecimal(b.score, a.score)),
  );
  return outcome(x, divideDecimal(numerator, dx, decimals), decimals, i, false);
}

/** Points whose x do not strictly increase in the order given. */
export function validateLinear(criteria: LinearCriteria): CriteriaWarning[] {
  const xs = criteria.points.map((p) => parseDecimal(p.x));
  const bad = xs.findIndex((x, i) => i > 0 && compareDecimal(x, xs[i - 1] as Decimal) <= 0);
  if (bad < 0) return [];
  return [
    {
      code: 'x_not_increasing',
      message: `point ${bad + 1} (x = ${decimalToString(xs[bad] as Decimal)}) does not come after point ${bad} (x = ${decimalToString(xs[bad - 1] as Decimal)}): x must strictly increase`,
    },
  ];
}
