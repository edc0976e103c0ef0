import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  indicatorStatus,
  monthsElapsedAt,
  statusCounts,
  type IndicatorStatusInput,
} from './indicator-status.js';

const at = (over: Partial<IndicatorStatusInput>): IndicatorStatusInput => ({
  direction: 'higher_is_better',
  target: '100',
  latest: null,
  monthsElapsed: 6,
  ...over,
});

describe('indicatorStatus', () => {
  it.each([
    { name: 'no result', input: at({}), status: 'no_result', basis: 'no_result' },
    {
      name: 'no target',
      input: at({ target: null, latest: '5' }),
      status: 'no_result',
      basis: 'no_target',
    },
    {
      name: 'result in a criteria gap',
      input: at({ latest: '2.005', latestNotScored: true }),
      status: 'no_result',
      basis: 'result_not_scored',
    },
    {
      name: 'unreadable result',
      input: at({ latest: 'abc' }),
      status: 'no_result',
      basis: 'result_not_scored',
    },
    {
      name: 'target met early',
      input: at({ latest: '100.00', monthsElapsed: 2 }),
      status: 'on_track',
      basis: 'target_met',
    },
    {
      name: 'on pace at half year',
      input: at({ latest: '50', monthsElapsed: 6 }),
      status: 'on_track',
      basis: 'on_pace',
    },
    {
      name: 'behind pace at half year',
      input: at({ latest: '49.99', monthsElapsed: 6 }),
      status: 'at_risk',
      basis: 'behind_pace',
    },
    {
      name: 'year over, not met',
      input: at({ latest: '99.99', monthsElapsed: 12 }),
      status: 'missed',
      basis: 'year_over',
    },
    {
      name: 'year over, met (disbursement 97.977 of 95)',
      input: at({ target: '95', latest: '97.977', monthsElapsed: 12 }),
      status: 'on_track',
      basis: 'target_met',
    },
    {
      name: 'lower is better, under the ceiling',
      input: at({ direction: 'lower_is_better', target: '2', latest: '1.5' }),
      status: 'on_track',
      basis: 'target_met',
    },
    {
      name: 'lower is better, above, year running',
      input: at({ direction: 'lower_is_better', target: '2', latest: '2.5' }),
      status: 'at_risk',
      basis: 'above_ceiling',
    },
    {
      name: 'lower is better, above, year over',
      input: at({ direction: 'lower_is_better', target: '2', latest: '2.5', monthsElapsed: 12 }),
      status: 'missed',
      basis: 'year_over',
    },
    {
      name: 'level target 5, level 3 after 3 months',
      input: at({ target: '5', latest: '3', monthsElapsed: 3 }),
      status: 'on_track',
      basis: 'on_pace',
    },
    {
      name: 'months out of range are clamped',
      input: at({ latest: '10', monthsElapsed: 40 }),
      status: 'missed',
      basis: 'year_over',
    },
  ] as const)('$name', ({ input, status, basis }) => {
    expect(indicatorStatus(input)).toMatchObject({ status, basis });
  });

  it('says what was expected by now, exactly', () => {
    expect(indicatorStatus(at({ target: '95', latest: '10', monthsElapsed: 5 })).expected).toBe(
      '39.583',
    );
  });

  it('property: meeting the target is on track whatever the time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 12 }),
        fc.constantFrom('higher_is_better', 'lower_is_better' as const),
        (t, r, m, direction) => {
          const met = direction === 'higher_is_better' ? r >= t : r <= t;
          const s = indicatorStatus({
            direction,
            target: String(t),
            latest: String(r),
            monthsElapsed: m,
          });
          if (met) expect(s.status).toBe('on_track');
          else
            expect(s.status).toBe(
              m === 12 ? 'missed' : direction === 'lower_is_better' ? 'at_risk' : s.status,
            );
          expect(s.status).not.toBe('no_result');
        },
      ),
    );
  });

  it('property: a higher result never has a worse status (higher is better, same time)', () => {
    const rank = { missed: 0, at_risk: 1, on_track: 2, no_result: -1 };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 12 }),
        (t, a, b, m) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const s = (r: number) =>
            rank[
              indicatorStatus(at({ target: String(t), latest: String(r), monthsElapsed: m })).status
            ];
          expect(s(hi)).toBeGreaterThanOrEqual(s(lo));
        },
      ),
    );
  });
});

describe('monthsElapsedAt and statusCounts', () => {
  it('counts the months of the year that have begun', () => {
    expect(monthsElapsedAt(2565, { fiscalYear: 2564, month: 12 })).toBe(0);
    expect(monthsElapsedAt(2565, { fiscalYear: 2565, month: 4 })).toBe(4);
    expect(monthsElapsedAt(2565, { fiscalYear: 2566, month: 1 })).toBe(12);
  });
  it('counts every status', () => {
    expect(statusCounts(['on_track', 'at_risk', 'on_track'])).toEqual({
      on_track: 2,
      at_risk: 1,
      missed: 0,
      no_result: 0,
    });
  });
});
