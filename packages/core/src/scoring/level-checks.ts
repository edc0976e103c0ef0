/** Internal: checks shared by level-based criteria (milestone, bands). */
import { compareDecimal, decimalToString, type Decimal } from '../decimal.js';
import type { CriteriaWarning } from './types.js';

export interface LevelPoints {
  readonly level: number;
  readonly points: Decimal;
  readonly index: number;
}

/** Duplicate levels, and points that do not strictly increase with the level. */
export function levelWarnings(rows: readonly LevelPoints[]): CriteriaWarning[] {
  const out: CriteriaWarning[] = [];
  const seen = new Map<number, number>();
  for (const r of rows) {
    const first = seen.get(r.level);
    if (first === undefined) seen.set(r.level, r.index);
    else {
      out.push({
        code: 'duplicate_level',
        message: `level ${r.level} is defined twice`,
        bands: [first, r.index],
        levels: [r.level],
      });
    }
  }
  const byLevel = [...rows].sort((a, b) => a.level - b.level || a.index - b.index);
  for (let i = 1; i < byLevel.length; i += 1) {
    const lower = byLevel[i - 1] as LevelPoints;
    const higher = byLevel[i] as LevelPoints;
    if (lower.level === higher.level || compareDecimal(higher.points, lower.points) > 0) continue;
    out.push({
      code: 'points_not_increasing',
      message: `level ${higher.level} gives ${decimalToString(higher.points)} points, not more than level ${lower.level} (${decimalToString(lower.points)})`,
      bands: [lower.index, higher.index],
      levels: [lower.level, higher.level],
    });
  }
  return out;
}
