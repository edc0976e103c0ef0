import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseBaht } from '../money.js';
import {
  CARRY_OVER_EXEMPTIONS,
  EXPENSE_CATEGORIES,
  FUND_SOURCES,
  type ExpenseCategory,
  type FundSource,
} from './budget-vocabulary.js';
import {
  aggregateMoneyIndicators,
  classifyCarryOver,
  classifyForCarryOverBase,
  classifyForDisbursementRate,
  computeMoneyIndicators,
  explainMoneyIndicators,
  unitIncludedInCarryOverIndicator,
  type MoneyCarryOver,
  type MoneyLine,
  type MoneyUnit,
} from './money-indicators.js';

const baht = (s: string) => parseBaht(s);
const line = (lineId: string, over: Partial<MoneyLine>): MoneyLine => ({
  lineId,
  unitId: 'd',
  expenseCategory: 'operating',
  fundSource: 'regular',
  expenseItem: '',
  revisedSatang: 0n,
  disbursedSatang: 0n,
  ...over,
});
const carry = (lineId: string, over: Partial<MoneyCarryOver>): MoneyCarryOver => ({
  lineId,
  unitId: 'd',
  kind: 'without_obligation',
  amountSatang: 0n,
  exemption: null,
  approved: true,
  ...over,
});
const district: MoneyUnit = { unitId: 'd', kind: 'district_office' };

describe('the SPEC sample', () => {
  it('gives 5.1 "75.000" and indicator 2 "1.667"', () => {
    const lines = [
      line('p', {
        expenseCategory: 'personnel',
        revisedSatang: baht('500,000'),
        disbursedSatang: baht('500,000'),
      }),
      line('o', { revisedSatang: baht('1,000,000'), disbursedSatang: baht('750,000') }),
      line('s', {
        fundSource: 'supplementary',
        revisedSatang: baht('200,000'),
        disbursedSatang: baht('200,000'),
      }),
    ];
    const [m] = computeMoneyIndicators(
      lines,
      [carry('o', { amountSatang: baht('25,000') })],
      [district],
    );
    expect(m).toEqual({
      unitId: 'd',
      included: true,
      disbursementBaseSatang: baht('1,000,000'),
      disbursedSatang: baht('750,000'),
      disbursementRate: '75.000',
      carryOverBaseSatang: baht('1,500,000'),
      carryOverWithoutObligationSatang: baht('25,000'),
      carryOverWithoutObligationRate: '1.667',
    });
  });
});

describe('a ledger with every exclusion in play (computed by hand)', () => {
  // [id, category, fund source, revised baht, disbursed baht, expense item, unit]
  const rows: [string, ExpenseCategory, FundSource, string, string, string?, string?][] = [
    ['L1', 'personnel', 'regular', '500,000', '480,000'],
    ['L2', 'operating', 'regular', '1,200,000', '900,000'],
    ['L3', 'capital', 'regular', '800,000', '600,000'],
    ['L4', 'subsidy', 'regular', '100,000', '100,000'],
    ['L5', 'other', 'regular', '50,000', '10,000'],
    ['L6', 'central', 'regular', '70,000', '70,000', 'เงินช่วยเหลือข้าราชการและลูกจ้าง'],
    ['L7', 'central', 'regular', '30,000', '30,000', 'เงินบำเหน็จลูกจ้าง'],
    ['L8', 'central', 'regular', '150,000', '90,000', 'เงินสำรองจ่าย'],
    ['L9', 'operating', 'supplementary', '200,000', '200,000'],
    ['L10', 'capital', 'government_grant', '400,000', '100,000'],
    ['L11', 'operating', 'carried_over', '60,000', '60,000'],
    ['U1', 'operating', 'regular', '100,000', '50,000', '', 'u'],
  ];
  const lines = rows.map(([id, expenseCategory, fundSource, revised, disbursed, item, unit]) =>
    line(id, {
      expenseCategory,
      fundSource,
      revisedSatang: baht(revised),
      disbursedSatang: baht(disbursed),
      expenseItem: item ?? '',
      unitId: unit ?? 'd',
    }),
  );
  const carryOvers = [
    carry('L2', { amountSatang: baht('40,000') }),
    carry('L3', { kind: 'with_obligation', amountSatang: baht('200,000') }),
    carry('L5', { approved: false, amountSatang: baht('5,000') }),
    carry('L8', { exemption: 'central_fund_late', amountSatang: baht('20,000') }),
    carry('L10', { amountSatang: baht('30,000') }),
    carry('L3', { amountSatang: baht('18,000.50') }),
    carry('zz', { amountSatang: baht('1,000') }),
    carry('U1', { unitId: 'u', amountSatang: baht('10,000') }),
  ];
  const units: MoneyUnit[] = [district, { unitId: 'u', kind: 'university' }];
  const [d, u] = computeMoneyIndicators(lines, carryOvers, units);

  it('counts 2,300,000 / 1,700,000 for 5.1 and 58,000.50 of 2,900,000 for indicator 2', () => {
    expect(d).toEqual({
      unitId: 'd',
      included: true,
      disbursementBaseSatang: baht('2,300,000'),
      disbursedSatang: baht('1,700,000'),
      disbursementRate: '73.913',
      carryOverBaseSatang: baht('2,900,000'),
      carryOverWithoutObligationSatang: baht('58,000.50'),
      // 2.0000172…: in the seed's own gap between bands (2.00 to below 2.01)
      carryOverWithoutObligationRate: '2.000',
    });
    expect(u).toMatchObject({
      included: false,
      disbursementRate: '50.000',
      carryOverWithoutObligationRate: '10.000',
    });
  });

  it('leaves the university out of ALL for indicator 2 only', () => {
    expect(aggregateMoneyIndicators([d!, u!])).toEqual({
      unitId: 'ALL',
      included: true,
      disbursementBaseSatang: baht('2,400,000'),
      disbursedSatang: baht('1,750,000'),
      disbursementRate: '72.917',
      carryOverBaseSatang: baht('2,900,000'),
      carryOverWithoutObligationSatang: baht('58,000.50'),
      carryOverWithoutObligationRate: '2.000',
    });
    expect(aggregateMoneyIndicators([d!, u!], ['u'], 'division 3')).toMatchObject({
      unitId: 'division 3',
      disbursementRate: '50.000',
      carryOverBaseSatang: 0n,
      carryOverWithoutObligationRate: null,
    });
  });

  it('explains every line and carry-over, with its amounts and reason', () => {
    const why = explainMoneyIndicators(lines, carryOvers);
    expect(why.lines.map((l) => [l.lineId, l.disbursementRate, l.carryOverBase.counted])).toEqual([
      ['L1', { counted: false, leftOut: 'personnel' }, true],
      ['L2', { counted: true }, true],
      ['L3', { counted: true }, true],
      ['L4', { counted: true }, true],
      ['L5', { counted: true }, true],
      ['L6', { counted: false, leftOut: 'staff_central_fund' }, true],
      ['L7', { counted: false, leftOut: 'staff_central_fund' }, true],
      ['L8', { counted: true }, true],
      ['L9', { counted: false, leftOut: 'supplementary' }, false],
      ['L10', { counted: false, leftOut: 'government_grant' }, false],
      ['L11', { counted: false, leftOut: 'carried_over' }, false],
      ['U1', { counted: true }, true],
    ]);
    expect(why.lines[9]).toMatchObject({
      revisedSatang: baht('400,000'),
      carryOverBase: { counted: false, leftOut: 'government_grant' },
    });
    expect(why.carryOvers.map((c) => [c.lineId, c.amountSatang, c.numerator])).toEqual([
      ['L2', baht('40,000'), { counted: true }],
      ['L3', baht('200,000'), { counted: false, leftOut: 'with_obligation' }],
      ['L5', baht('5,000'), { counted: false, leftOut: 'not_approved' }],
      ['L8', baht('20,000'), { counted: false, leftOut: 'exempt:central_fund_late' }],
      ['L10', baht('30,000'), { counted: false, leftOut: 'line_not_in_base' }],
      ['L3', baht('18,000.50'), { counted: true }],
      ['zz', baht('1,000'), { counted: false, leftOut: 'line_not_in_base' }],
      ['U1', baht('10,000'), { counted: true }],
    ]);
  });
});

describe('classification', () => {
  it('counts the central fund allocated to the unit but not its staff items', () => {
    const central = line('c', { expenseCategory: 'central', expenseItem: 'เงินสำรองจ่าย' });
    expect(classifyForDisbursementRate(central)).toEqual({ counted: true });
    expect(classifyForDisbursementRate({ ...central, expenseItem: '' })).toEqual({ counted: true });
    expect(
      classifyForDisbursementRate({ ...central, expenseItem: 'เงินบำเหน็จลูกจ้าง (รายเดือน)' }),
    ).toEqual({ counted: false, leftOut: 'staff_central_fund' });
    // a staff item under another category is not the central-fund staff item
    expect(
      classifyForDisbursementRate({
        ...central,
        expenseCategory: 'operating',
        expenseItem: 'เงินบำเหน็จลูกจ้าง',
      }),
    ).toEqual({ counted: true });
  });
  it('puts every regular line in the carry-over base and no other', () => {
    for (const expenseCategory of EXPENSE_CATEGORIES) {
      for (const fundSource of FUND_SOURCES) {
        const got = classifyForCarryOverBase(line('x', { expenseCategory, fundSource }));
        expect(got).toEqual(
          fundSource === 'regular' ? { counted: true } : { counted: false, leftOut: fundSource },
        );
      }
    }
  });
  it('never counts an exempt carry-over', () => {
    const l = line('x', {});
    for (const e of CARRY_OVER_EXEMPTIONS) {
      expect(classifyCarryOver(carry('x', { exemption: e }), l)).toEqual({
        counted: false,
        leftOut: `exempt:${e}`,
      });
    }
    expect(classifyCarryOver(carry('x', {}), l)).toEqual({ counted: true });
  });
  it.each([
    ['department', true],
    ['district_office', true],
    ['university', false],
    ['enterprise', false],
  ] as const)('unit kind %s included in indicator 2: %s', (kind, want) => {
    expect(unitIncludedInCarryOverIndicator(kind)).toBe(want);
  });
  it('gives null rates where there is no base', () => {
    expect(computeMoneyIndicators([], [], [district])[0]).toMatchObject({
      disbursementRate: null,
      carryOverWithoutObligationRate: null,
    });
    expect(
      computeMoneyIndicators(
        [line('x', { unitId: 'other', revisedSatang: 5n })],
        [],
        [district],
      )[0]!.disbursementBaseSatang,
    ).toBe(0n);
  });
});

const amount = fc.bigInt({ min: 0n, max: 10n ** 13n });
const lineArb = fc.record({
  unitId: fc.constantFrom('a', 'b', 'c'),
  expenseCategory: fc.constantFrom(...EXPENSE_CATEGORIES),
  fundSource: fc.constantFrom(...FUND_SOURCES),
  expenseItem: fc.constantFrom('', 'เงินช่วยเหลือข้าราชการและลูกจ้าง', 'เงินบำเหน็จลูกจ้าง', 'เงินสำรองจ่าย'),
  revisedSatang: amount,
  disbursedSatang: amount,
});
const carryArb = fc.record({
  line: fc.nat({ max: 30 }),
  kind: fc.constantFrom('with_obligation' as const, 'without_obligation' as const),
  amountSatang: amount,
  exemption: fc.constantFrom(null, ...CARRY_OVER_EXEMPTIONS),
  approved: fc.boolean(),
});
const ledgerArb = fc
  .tuple(fc.array(lineArb, { maxLength: 25 }), fc.array(carryArb, { maxLength: 15 }))
  .map(([ls, cs]) => {
    const lines = ls.map((l, i) => ({ ...l, lineId: `l${i}` }));
    const carryOvers = cs.map((c) => ({
      ...c,
      lineId: `l${c.line}`,
      unitId: lines[c.line]?.unitId ?? 'a',
    }));
    return { lines, carryOvers };
  });
const UNITS: MoneyUnit[] = [
  { unitId: 'a', kind: 'district_office' },
  { unitId: 'b', kind: 'university' },
  { unitId: 'c', kind: 'department' },
];

describe('properties', () => {
  it('rates never depend on the amounts of what they leave out', () => {
    fc.assert(
      fc.property(ledgerArb, fc.infiniteStream(amount), ({ lines, carryOvers }, noise) => {
        const before = computeMoneyIndicators(lines, carryOvers, UNITS);
        const lineById = new Map(lines.map((l) => [l.lineId, l]));
        const shakenLines = lines.map((l) => {
          const in51 = classifyForDisbursementRate(l).counted;
          const inBase = classifyForCarryOverBase(l).counted;
          return {
            ...l,
            revisedSatang: in51 || inBase ? l.revisedSatang : noise.next().value,
            disbursedSatang: in51 ? l.disbursedSatang : noise.next().value,
          };
        });
        const shakenCarry = carryOvers.map((c) =>
          classifyCarryOver(c, lineById.get(c.lineId)).counted
            ? c
            : { ...c, amountSatang: noise.next().value },
        );
        expect(computeMoneyIndicators(shakenLines, shakenCarry, UNITS)).toEqual(before);
      }),
    );
  });

  it('ALL is the sum of the units (indicator 2 of the included ones), whatever the order', () => {
    fc.assert(
      fc.property(ledgerArb, ({ lines, carryOvers }) => {
        const perUnit = computeMoneyIndicators(lines, carryOvers, UNITS);
        const all = aggregateMoneyIndicators(perUnit);
        const sum = (f: (u: (typeof perUnit)[number]) => bigint, only = false) =>
          perUnit.filter((u) => !only || u.included).reduce((s, u) => s + f(u), 0n);
        expect(all.disbursementBaseSatang).toBe(sum((u) => u.disbursementBaseSatang));
        expect(all.disbursedSatang).toBe(sum((u) => u.disbursedSatang));
        expect(all.carryOverBaseSatang).toBe(sum((u) => u.carryOverBaseSatang, true));
        expect(all.carryOverWithoutObligationSatang).toBe(
          sum((u) => u.carryOverWithoutObligationSatang, true),
        );
        // one unit at a time gives the same figures as all at once
        for (const u of UNITS) {
          expect(computeMoneyIndicators(lines, carryOvers, [u])[0]).toEqual(
            perUnit.find((p) => p.unitId === u.unitId),
          );
        }
        expect(aggregateMoneyIndicators([...perUnit].reverse())).toEqual(all);
        expect(aggregateMoneyIndicators(perUnit, ['a', 'b', 'c'])).toEqual(all);
      }),
    );
  });
});
