import { describe, expect, it } from 'vitest';
import {
  analysisAsOf,
  committedCurve,
  disbursementCurve,
  monthsObservedAt,
  todayInBangkok,
  unitCurves,
} from './analysis-curves.js';
import { rank } from './analysis-rankings.js';
import type { LineRow } from './repository.js';

const day = (iso: string) => {
  const [year, month, d] = iso.split('-').map(Number);
  return { year: year!, month: month!, day: d! };
};

describe('monthsObservedAt: the month ends of the fiscal year on or before the date', () => {
  it.each<[string, number]>([
    ['2021-09-30', 0], // the year before
    ['2021-10-01', 0],
    ['2021-10-30', 0],
    ['2021-10-31', 1],
    ['2022-02-28', 5],
    ['2022-03-15', 5],
    ['2022-03-31', 6],
    ['2022-09-29', 11],
    ['2022-09-30', 12],
    ['2023-01-01', 12], // a year already over
  ])('FY2565 at %s → %i', (iso, want) => {
    expect(monthsObservedAt(2565, day(iso))).toBe(want);
  });
});

describe('analysisAsOf and todayInBangkok', () => {
  it('defaults to today, or 30 September of a year already over', () => {
    expect(analysisAsOf(2565, undefined, day('2022-05-10'))).toEqual(day('2022-05-10'));
    expect(analysisAsOf(2565, undefined, day('2026-12-06'))).toEqual(day('2022-09-30'));
    expect(analysisAsOf(2565, '2022-01-31', day('2026-12-06'))).toEqual(day('2022-01-31'));
    expect(() => analysisAsOf(2565, '2022-02-30', day('2026-12-06'))).toThrow();
  });
  it('is the Bangkok date (UTC+7)', () => {
    expect(todayInBangkok(new Date('2022-09-30T17:00:00Z'))).toEqual(day('2022-10-01'));
    expect(todayInBangkok(new Date('2022-09-30T16:59:59Z'))).toEqual(day('2022-09-30'));
  });
});

const aLine = (over: Partial<LineRow>): LineRow =>
  ({
    id: 'L1',
    unitId: 'U1',
    expenseCategory: 'operating',
    fundSource: 'regular',
    expenseItem: '',
    enactedSatang: 100_000n,
    disbursedSatang: 0n,
    disbursedDirectSatang: 0n,
    ...over,
  }) as LineRow;
const month = (lineId: string, m: number, o: { t?: bigint; ob?: bigint; d?: bigint }) => ({
  lineId,
  fiscalYear: 2565,
  fiscalMonth: m,
  transferNetSatang: o.t ?? 0n,
  obligatedSatang: o.ob ?? 0n,
  disbursedSatang: o.d ?? 0n,
});

describe('unitCurves: from the monthly totals, cumulative', () => {
  it('counts 5.1 and indicator 2 lines apart and apportions payments without obligation', () => {
    const lines = [
      // operating: paid half with, half without obligation
      aLine({ id: 'OP', disbursedSatang: 40_000n, disbursedDirectSatang: 20_000n }),
      // personnel: in indicator 2's base only, paid without obligation
      aLine({
        id: 'PE',
        expenseCategory: 'personnel',
        disbursedSatang: 60_000n,
        disbursedDirectSatang: 60_000n,
      }),
      // a government grant: in neither
      aLine({ id: 'GG', fundSource: 'government_grant', disbursedSatang: 50_000n }),
    ];
    const months = [
      month('OP', 2, { ob: 30_000n, d: 20_000n }),
      month('OP', 3, { d: 20_000n, t: 100_000n }),
      month('PE', 1, { d: 30_000n }),
      month('PE', 3, { d: 30_000n }),
      month('GG', 1, { d: 50_000n }),
    ];
    const u = unitCurves(lines, months).get('U1')!;
    expect(u.base51.slice(0, 4)).toEqual([100_000n, 100_000n, 200_000n, 200_000n]);
    expect(u.disbursed51.slice(0, 4)).toEqual([0n, 20_000n, 40_000n, 40_000n]);
    expect(u.base2.slice(0, 3)).toEqual([200_000n, 200_000n, 300_000n]);
    // committed: obligations + the direct share (½ of OP's payments, all of PE's)
    expect(u.committed2.slice(0, 3)).toEqual([30_000n, 70_000n, 110_000n]);
    expect(disbursementCurve(u, 3)).toEqual([0, 20, 20]);
    expect(committedCurve(u, 3)).toEqual([15, 35, 36.667]);
  });
});

describe('rank: competition ranking, equal rates share a rank', () => {
  const r = (unitCode: string, rate: string) => ({
    unitId: unitCode,
    unitCode,
    unitName: unitCode,
    analysisDivisionNo: null,
    rate,
  });
  it('highest first for 5.1, lowest first for indicator 2', () => {
    const items = [r('C', '50.000'), r('A', '90.000'), r('B', '50.000'), r('D', '10.000')];
    expect(rank(items, 'desc').map((x) => [x.rank, x.unitCode])).toEqual([
      [1, 'A'],
      [2, 'B'],
      [2, 'C'],
      [4, 'D'],
    ]);
    expect(rank(items, 'asc').map((x) => [x.rank, x.unitCode])).toEqual([
      [1, 'D'],
      [2, 'B'],
      [2, 'C'],
      [4, 'A'],
    ]);
  });
});
