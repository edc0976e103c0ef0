import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../errors.js';
import {
  DEFAULT_LAGGARD_RULES,
  checkLaggardRules,
  evaluateLaggardRules,
  forecastStatus,
  isForecastMiss,
  laggardRuleMatches,
  nextLaggardDeadline,
  type LaggardLine,
  type LaggardRule,
} from './laggard-alerts.js';

const M = 100_000_000n; // one million baht in satang

/** A line whose committed amount grows to `committed` by `month` and stays. */
const line = (over: Partial<LaggardLine> & { committedAt?: [number, bigint][] }): LaggardLine => {
  const steps = over.committedAt ?? [];
  const byMonth = Array.from({ length: 12 }, (_, i) =>
    steps.filter(([m]) => m <= i + 1).reduce((s, [, a]) => s + a, 0n),
  );
  return {
    unitId: 'U1',
    expenseCategory: 'capital',
    fundSource: 'regular',
    expenseItem: 'ค่าครุภัณฑ์',
    revisedSatang: M,
    committedByMonth: byMonth,
    ...over,
  };
};

const equipment = DEFAULT_LAGGARD_RULES.find((r) => r.id === 'equipment_q1')!;
const construction = DEFAULT_LAGGARD_RULES.find((r) => r.id === 'land_construction_q2')!;
const capital = DEFAULT_LAGGARD_RULES.find((r) => r.id === 'capital_q2')!;

describe('the default rules are the seed’s activity 2', () => {
  it('equipment by the end of Q1, land and construction by the end of Q2, capital below 60 %', () => {
    expect(
      DEFAULT_LAGGARD_RULES.map((r) => [r.id, r.dueFiscalMonth, r.minObligatedPercent]),
    ).toEqual([
      ['equipment_q1', 3, '60'],
      ['land_construction_q2', 6, '60'],
      ['capital_q2', 6, '60'],
    ]);
    expect(() => checkLaggardRules(DEFAULT_LAGGARD_RULES)).not.toThrow();
  });
});

describe('laggardRuleMatches', () => {
  it.each<[string, Partial<LaggardLine>, LaggardRule, boolean]>([
    ['equipment line', {}, equipment, true],
    ['equipment with a longer item name', { expenseItem: 'ค่าครุภัณฑ์ สำนักงาน' }, equipment, true],
    [
      'equipment carried over (the seed counts FY64 carry-over)',
      { fundSource: 'carried_over' },
      equipment,
      true,
    ],
    ['equipment from a supplementary budget', { fundSource: 'supplementary' }, equipment, false],
    [
      'construction line against the equipment rule',
      { expenseItem: 'ค่าที่ดินและสิ่งก่อสร้าง' },
      equipment,
      false,
    ],
    ['construction line', { expenseItem: 'ค่าที่ดินและสิ่งก่อสร้าง' }, construction, true],
    [
      'carried-over construction (regular only)',
      { expenseItem: 'ค่าที่ดินและสิ่งก่อสร้าง', fundSource: 'carried_over' },
      construction,
      false,
    ],
    [
      'operating line against capital',
      { expenseCategory: 'operating', expenseItem: '' },
      capital,
      false,
    ],
    ['any capital item', { expenseItem: 'อื่น ๆ' }, capital, true],
  ])('%s → %s', (_, over, rule, want) => {
    expect(laggardRuleMatches(rule, line(over))).toBe(want);
  });

  it('a rule without category or item looks at every regular line', () => {
    const all: LaggardRule = {
      id: 'all',
      label: 'ทั้งหมด',
      dueFiscalMonth: 12,
      minObligatedPercent: '1',
    };
    expect(laggardRuleMatches(all, line({ expenseCategory: 'operating', expenseItem: '' }))).toBe(
      true,
    );
    expect(laggardRuleMatches(all, line({ fundSource: 'government_grant' }))).toBe(false);
  });
});

describe('evaluateLaggardRules', () => {
  it.each<[string, [number, bigint][], number, string, string | null, string]>([
    // description, committed steps, months observed, status, rate at due, rate now
    ['before the deadline: upcoming, whatever the rate', [], 2, 'upcoming', null, '0.000'],
    ['due, nothing obligated: flagged', [], 3, 'flagged', '0.000', '0.000'],
    ['due, 59.999 % obligated: flagged', [[1, 59_999_000n]], 3, 'flagged', '59.999', '59.999'],
    [
      'just under 60 % by one satang: flagged (exact, not rounded)',
      [[2, 60_000_000n - 1n]],
      3,
      'flagged',
      '60.000',
      '60.000',
    ],
    ['exactly 60 %: not flagged', [[3, 60_000_000n]], 3, 'ok', '60.000', '60.000'],
    [
      'late but caught up by now: ok, the rate at the deadline kept',
      [
        [1, 10_000_000n],
        [5, 70_000_000n],
      ],
      6,
      'ok',
      '10.000',
      '80.000',
    ],
    [
      'obligated by the deadline, cancelled since: flagged',
      [
        [1, 90_000_000n],
        [4, -50_000_000n],
      ],
      5,
      'flagged',
      '90.000',
      '40.000',
    ],
  ])('%s', (_, steps, months, status, atDue, rate) => {
    const [f] = evaluateLaggardRules([equipment], [line({ committedAt: steps })], months);
    expect(f).toMatchObject({
      unitId: 'U1',
      ruleId: 'equipment_q1',
      status,
      rateAtDue: atDue,
      rate,
    });
    expect(f!.baseSatang).toBe(M);
  });

  it('adds up a unit’s lines, and keeps units apart', () => {
    const lines = [
      line({ committedAt: [[1, M]] }), // 100 % of 1 M
      line({ revisedSatang: 3n * M, committedAt: [[2, M]] }), // 33 % of 3 M
      line({ unitId: 'U2', committedAt: [[3, 70_000_000n]] }),
      line({ unitId: 'U3', expenseCategory: 'operating', expenseItem: '' }), // no rule matches
      line({ unitId: 'U4', revisedSatang: 0n }), // no budget: no finding
    ];
    const got = evaluateLaggardRules([equipment, capital], lines, 6);
    expect(got.map((f) => [f.unitId, f.ruleId, f.status, f.rate])).toEqual([
      ['U1', 'equipment_q1', 'flagged', '50.000'],
      ['U1', 'capital_q2', 'flagged', '50.000'],
      ['U2', 'equipment_q1', 'ok', '70.000'],
      ['U2', 'capital_q2', 'ok', '70.000'],
    ]);
  });

  it('at month 0 nothing is committed yet and every rule is upcoming', () => {
    const got = evaluateLaggardRules(DEFAULT_LAGGARD_RULES, [line({ committedAt: [[1, M]] })], 0);
    expect(got.every((f) => f.status === 'upcoming' && f.committedSatang === 0n)).toBe(true);
  });

  it('flags exactly when due and below the threshold (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 100 }),
        (base, committed, months, threshold) => {
          const rule = { ...equipment, minObligatedPercent: String(threshold) };
          const [f] = evaluateLaggardRules(
            [rule],
            [line({ revisedSatang: base, committedAt: [[1, committed]] })],
            months,
          );
          const due = months >= 3;
          const under = committed * 100n < BigInt(threshold) * base;
          expect(f!.status).toBe(!due ? 'upcoming' : under ? 'flagged' : 'ok');
        },
      ),
    );
  });

  it.each<[string, Partial<LaggardRule>[], number]>([
    ['a bad id', [{ id: 'Bad Id' }], 1],
    ['the same id twice', [{}, {}], 1],
    ['month 0', [{ dueFiscalMonth: 0 }], 1],
    ['month 13', [{ dueFiscalMonth: 13 }], 1],
    ['a threshold over 100', [{ minObligatedPercent: '100.5' }], 1],
    ['a negative threshold', [{ minObligatedPercent: '-1' }], 1],
    ['no fund source', [{ fundSources: [] }], 1],
  ])('refuses %s', (_, overs) => {
    const rules = overs.map((o) => ({ ...equipment, ...o }));
    expect(() => evaluateLaggardRules(rules, [], 3)).toThrow(AppError);
  });

  it('refuses months observed outside 0–12', () => {
    expect(() => evaluateLaggardRules([equipment], [], 13)).toThrow(/monthsObserved/);
    expect(() => evaluateLaggardRules([equipment], [], 1.5)).toThrow(/monthsObserved/);
  });
});

describe('nextLaggardDeadline', () => {
  it.each<[number, { fiscalMonth: number; ruleIds: string[] } | null]>([
    [0, { fiscalMonth: 3, ruleIds: ['equipment_q1'] }],
    [2, { fiscalMonth: 3, ruleIds: ['equipment_q1'] }],
    [3, { fiscalMonth: 6, ruleIds: ['land_construction_q2', 'capital_q2'] }],
    [6, { fiscalMonth: 12, ruleIds: [] }],
    [11, { fiscalMonth: 12, ruleIds: [] }],
    [12, null],
  ])('after %i month ends → %j', (months, want) => {
    expect(nextLaggardDeadline(DEFAULT_LAGGARD_RULES, months)).toEqual(want);
  });
});

describe('forecastStatus', () => {
  const f = (lowPercent: number, pointPercent: number, highPercent: number) => ({
    lowPercent,
    pointPercent,
    highPercent,
  });
  it.each<[string, ReturnType<typeof f>, string, 'at_least' | 'at_most', string]>([
    ['5.1: whole interval below the target', f(60, 70, 79.999), '80', 'at_least', 'miss'],
    ['5.1: point below, high reaches it', f(60, 79.999, 80), '80', 'at_least', 'likely_miss'],
    ['5.1: point on the target', f(70, 80, 90), '80.000', 'at_least', 'at_risk'],
    ['5.1: whole interval at or above', f(80, 85, 90), '80', 'at_least', 'on_track'],
    ['2: even the low end above 0', f(0.001, 1, 2), '0', 'at_most', 'miss'],
    ['2: point above 0, low end 0', f(0, 0.5, 2), '0', 'at_most', 'likely_miss'],
    ['2: point 0, high end above', f(0, 0, 2), '0', 'at_most', 'at_risk'],
    ['2: all zero', f(0, 0, 0), '0', 'at_most', 'on_track'],
  ])('%s → %s', (_, forecast, target, direction, want) => {
    const got = forecastStatus(forecast, target, direction);
    expect(got).toBe(want);
    expect(isForecastMiss(got)).toBe(want === 'miss' || want === 'likely_miss');
  });
});
