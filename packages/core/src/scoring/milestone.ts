/** `milestone` criteria: level n is reached when steps 1..n are done (seed indicators 1 and 3). */
import { AppError } from '../errors.js';
import { decimalToString, isIntegerDecimal, parseDecimal, type Decimal } from '../decimal.js';
import { levelWarnings } from './level-checks.js';
import type { MilestoneCriteria } from './schema.js';
import type { CriteriaWarning, MilestoneOutcome } from './types.js';

interface CompiledMilestone {
  readonly stepCount: number;
  readonly pointsByLevel: ReadonlyMap<number, string>;
}

const cache = new WeakMap<MilestoneCriteria, CompiledMilestone>();

function compile(c: MilestoneCriteria): CompiledMilestone {
  const hit = cache.get(c);
  if (hit) return hit;
  const pointsByLevel = new Map<number, string>();
  for (const l of c.levels) {
    if (!pointsByLevel.has(l.level))
      pointsByLevel.set(l.level, decimalToString(parseDecimal(l.points)));
  }
  const compiled = { stepCount: Math.max(...c.levels.map((l) => l.level)), pointsByLevel };
  cache.set(c, compiled);
  return compiled;
}

/** Scores the number of steps done (0..N): 0 → level 0 and 0 points; more than N is an error. */
export function scoreMilestone(
  criteria: MilestoneCriteria,
  x: Decimal,
  shown = decimalToString(x),
): MilestoneOutcome {
  const { stepCount, pointsByLevel } = compile(criteria);
  if (!isIntegerDecimal(x)) {
    throw new AppError(
      'validation',
      `the result is the number of steps done (0–${stepCount}), got '${shown}'`,
      {
        result: shown,
      },
    );
  }
  const steps = Number(x.scale > 0 ? x.coefficient / 10n ** BigInt(x.scale) : x.coefficient);
  if (steps < 0 || steps > stepCount) {
    throw new AppError(
      'business_rule',
      `${shown} steps is out of range: this indicator has steps 0 to ${stepCount} (level ${stepCount} is the last)`,
      { result: shown },
    );
  }
  const points = steps === 0 ? '0' : pointsByLevel.get(steps);
  if (points === undefined) {
    throw new AppError('business_rule', `the criteria define no level ${steps}`, { result: shown });
  }
  return { kind: 'milestone', result: String(steps), level: steps, points, stepsDone: steps };
}

/** Levels missing from 1..N, duplicates, levels listed out of order, points not increasing. */
export function validateMilestone(criteria: MilestoneCriteria): CriteriaWarning[] {
  const levels = criteria.levels.map((l) => l.level);
  const top = Math.max(...levels);
  const out: CriteriaWarning[] = [];
  const missing = Array.from({ length: top }, (_, i) => i + 1).filter((l) => !levels.includes(l));
  if (missing.length > 0) {
    out.push({
      code: 'milestone_level_missing',
      message: `level${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing: a milestone indicator needs every level from 1 to ${top}`,
      levels: missing,
    });
  }
  const ascending = levels.every((l, i) => i === 0 || l >= (levels[i - 1] as number));
  const descending = levels.every((l, i) => i === 0 || l <= (levels[i - 1] as number));
  if (!ascending && !descending) {
    out.push({
      code: 'levels_out_of_order',
      message: `levels are listed out of order (${levels.join(', ')})`,
      levels,
    });
  }
  const rows = criteria.levels.map((l, index) => ({
    level: l.level,
    points: parseDecimal(l.points),
    index,
  }));
  return [...out, ...levelWarnings(rows)];
}
