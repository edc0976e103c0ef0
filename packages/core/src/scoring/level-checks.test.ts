import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../decimal.js';
import { levelWarnings } from './level-checks.js';

const row = (level: number, points: string, index: number) => ({
  level,
  points: parseDecimal(points),
  index,
});

describe('levelWarnings', () => {
  it('is empty when points rise strictly with the level, in any listing order', () => {
    expect(levelWarnings([row(5, '20', 0), row(4, '18', 1), row(1, '12', 2)])).toEqual([]);
  });

  it('reports equal points and duplicates', () => {
    expect(levelWarnings([row(1, '10', 0), row(2, '10.0', 1), row(2, '12', 2)])).toEqual([
      { code: 'duplicate_level', message: 'level 2 is defined twice', bands: [1, 2], levels: [2] },
      {
        code: 'points_not_increasing',
        message: 'level 2 gives 10.0 points, not more than level 1 (10)',
        bands: [0, 1],
        levels: [1, 2],
      },
    ]);
  });
});
