import { describe, expect, it } from 'vitest';
import { criteriaSchema, parseCriteria } from './schema.js';

const failure = (f: () => unknown): { code?: string; message?: string } => {
  try {
    f();
  } catch (e) {
    return e as { code?: string; message?: string };
  }
  return {};
};

describe('criteria schema', () => {
  it('accepts the four kinds as SPEC §4 writes them, numbers or decimal strings', () => {
    expect(parseCriteria({ kind: 'milestone', levels: [{ level: 1, points: 6 }] }).kind).toBe(
      'milestone',
    );
    expect(
      parseCriteria({
        kind: 'bands',
        bands: [
          { level: 5, points: '20', min: '0', minInclusive: true, max: '0', maxInclusive: true },
        ],
      }),
    ).toMatchObject({ bands: [{ min: '0' }] });
    expect(
      parseCriteria({ kind: 'step_sum', steps: [{ step: 1, points: 25, label: 'ขั้นที่ 1' }] }).kind,
    ).toBe('step_sum');
    expect(
      parseCriteria({
        kind: 'linear',
        points: [
          { x: 80, score: 60 },
          { x: '100', score: '100' },
        ],
        clamp: true,
      }).kind,
    ).toBe('linear');
  });

  it('keeps the definition as JSON (what is stored), dropping unknown keys', () => {
    const parsed = parseCriteria({
      kind: 'milestone',
      levels: [{ level: 1, points: '6.50', extra: 1 }],
      note: 'x',
    });
    expect(parsed).toEqual({ kind: 'milestone', levels: [{ level: 1, points: '6.50' }] });
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(parsed);
  });

  it.each([
    [{ kind: 'stars' }, 'kind'],
    [null, 'criteria'],
    [{ kind: 'milestone', levels: [] }, 'levels'],
    [{ kind: 'milestone', levels: [{ level: 0, points: 1 }] }, 'levels.0.level'],
    [{ kind: 'milestone', levels: [{ level: 1.5, points: 1 }] }, 'levels.0.level'],
    [{ kind: 'bands', bands: [{ level: 1, points: 'abc' }] }, 'bands.0.points'],
    [{ kind: 'bands', bands: [{ level: 1, points: 1, min: '1e3' }] }, 'bands.0.min'],
    [
      { kind: 'bands', bands: [{ level: 1, points: 1, minInclusive: 'yes' }] },
      'bands.0.minInclusive',
    ],
    [{ kind: 'step_sum', steps: [{ step: 0, points: 1 }] }, 'steps.0.step'],
    [{ kind: 'linear', points: [{ x: 1, score: 1 }] }, 'points'],
    [
      {
        kind: 'linear',
        points: [
          { x: 1, score: 1 },
          { x: 2, score: 2 },
        ],
        decimals: 11,
      },
      'decimals',
    ],
  ])('%j is refused at %s', (json, path) => {
    const e = failure(() => parseCriteria(json));
    expect(e.code).toBe('validation');
    expect(e.message).toContain('invalid scoring criteria');
    expect(e.message).toContain(path);
  });

  it('rejects non-finite numbers', () => {
    expect(
      criteriaSchema.safeParse({ kind: 'milestone', levels: [{ level: 1, points: Infinity }] })
        .success,
    ).toBe(false);
  });
});
