import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  aggregateMoneyIndicators,
  computeMoneyIndicators,
  evenPlanSatang,
  fiscalMonthEnd,
  fiscalMonthOfDate,
  fiscalYearOfDate,
  indexLines,
  isStaffCentralFundItem,
  lineIdentityKey,
  parseCarryOverExemption,
  parseEntryDate,
  parseExpenseCategory,
  parseFundSource,
  resolveLine,
  type LineRef,
  type MoneyLine,
} from './index.js';

describe('budget vocabulary', () => {
  it.each([
    ['personnel', 'personnel'],
    ['Capital', 'capital'],
    ['งบลงทุน', 'capital'],
    ['3. งบลงทุน', 'capital'],
    ['๓. งบลงทุน', 'capital'],
    ['2) งบดำเนินงาน', 'operating'],
    [' งบ\u200bกลาง ', 'central'],
    ['งบเงินอุดหนุน', 'subsidy'],
    ['งบรายจ่ายอื่น', 'other'],
    ['งบพิเศษ', undefined],
    ['capital2', undefined],
    ['', undefined],
  ])('expense category %j → %j', (text, want) => {
    expect(parseExpenseCategory(text)).toBe(want);
  });
  it.each([
    ['', 'regular'],
    ['  ', 'regular'],
    ['supplementary', 'supplementary'],
    ['เงินอุดหนุนจากรัฐบาล', 'government_grant'],
    ['เงินกันไว้เบิกเหลื่อมปี', 'carried_over'],
    ['loan', undefined],
  ])('fund source %j → %j', (text, want) => {
    expect(parseFundSource(text)).toBe(want);
  });
  it('knows the staff items of the central fund and the exempt carry-over kinds', () => {
    expect(isStaffCentralFundItem('เงินช่วยเหลือข้าราชการและลูกจ้าง')).toBe(true);
    expect(isStaffCentralFundItem('เงินบำเหน็จลูกจ้าง (ประจำ)')).toBe(true);
    expect(isStaffCentralFundItem('เงินสำรองจ่าย')).toBe(false);
    expect(isStaffCentralFundItem('')).toBe(false);
    expect(parseCarryOverExemption('')).toBeNull();
    expect(parseCarryOverExemption('multi_year')).toBe('multi_year');
    expect(parseCarryOverExemption('รายการผูกพันข้ามปี')).toBe('multi_year');
    expect(parseCarryOverExemption('อื่น ๆ')).toBeUndefined();
  });
});

describe('entry dates', () => {
  it.each([
    ['2022-03-15', { year: 2022, month: 3, day: 15 }],
    ['15/03/2565', { year: 2022, month: 3, day: 15 }],
    ['5/3/2565', { year: 2022, month: 3, day: 5 }],
    ['๑๕/๐๓/๒๕๖๕', { year: 2022, month: 3, day: 15 }],
    ['2022-03-15T00:00:00.000Z', { year: 2022, month: 3, day: 15 }],
  ])('%j is a date', (text, want) => {
    expect(parseEntryDate(text)).toEqual(want);
  });
  it.each([
    ['2565-03-15', /Buddhist-era year in an ISO date/],
    ['15/03/2022', /not a Buddhist-era year/],
    ['31/02/2565', /does not exist/],
    ['2022-13-01', /month 13/],
    ['March 15', /not a date/],
  ])('%j is refused', (text, want) => {
    expect(parseEntryDate(text)).toMatch(want);
  });
  it('puts October in the next fiscal year and numbers months from October', () => {
    expect(fiscalYearOfDate({ year: 2021, month: 10, day: 1 })).toBe(2565);
    expect(fiscalYearOfDate({ year: 2022, month: 9, day: 30 })).toBe(2565);
    expect(fiscalMonthOfDate({ year: 2021, month: 10, day: 1 })).toBe(1);
    expect(fiscalMonthOfDate({ year: 2022, month: 1, day: 1 })).toBe(4);
    expect(fiscalMonthOfDate({ year: 2022, month: 9, day: 1 })).toBe(12);
    expect(fiscalMonthEnd(2565, 3)).toEqual({ year: 2021, month: 12, day: 31 });
    expect(fiscalMonthEnd(2565, 5)).toEqual({ year: 2022, month: 2, day: 28 });
    expect(fiscalMonthEnd(2565, 12)).toEqual({ year: 2022, month: 9, day: 30 });
  });
});

describe('line identity', () => {
  const ref = (id: string, over: Partial<LineRef> = {}): LineRef => ({
    id,
    lineCode: null,
    projectCode: null,
    projectKey: 'งานบริหาร',
    expenseCategory: 'operating',
    fundSource: 'regular',
    expenseItemKey: '',
    ...over,
  });
  it('names a line by code, or by its columns, and fails closed on none or several', () => {
    const index = indexLines([
      ref('a'),
      ref('b', { expenseCategory: 'capital', expenseItemKey: 'ค่าครุภัณฑ์' }),
      ref('c', { expenseCategory: 'capital', expenseItemKey: 'ค่าที่ดินและสิ่งก่อสร้าง' }),
      ref('d', { lineCode: 'L-1', projectCode: 'P9', projectKey: 'อื่น' }),
    ]);
    const q = { fundSource: 'regular' as const };
    expect(resolveLine(index, { ...q, project: 'งานบริหาร', expenseCategory: 'operating' })).toEqual(
      { line: ref('a') },
    );
    expect(
      resolveLine(index, { ...q, project: 'งานบริหาร', expenseCategory: 'capital' }),
    ).toMatchObject({ error: expect.stringMatching(/2 budget lines match/) });
    expect(
      resolveLine(index, {
        ...q,
        project: 'งานบริหาร',
        expenseCategory: 'capital',
        expenseItem: 'ค่าครุภัณฑ์',
      }),
    ).toMatchObject({ line: { id: 'b' } });
    expect(resolveLine(index, { ...q, lineCode: 'L-1' })).toMatchObject({ line: { id: 'd' } });
    expect(
      resolveLine(index, { ...q, projectCode: 'P9', expenseCategory: 'operating' }),
    ).toMatchObject({ line: { id: 'd' } });
    expect(resolveLine(index, { ...q, lineCode: 'L-2' })).toMatchObject({
      error: expect.stringMatching(/no budget line has line_code/),
    });
    expect(resolveLine(index, { ...q, lineCode: 'L-1', expenseCategory: 'capital' })).toMatchObject(
      { error: expect.stringMatching(/is not the line/) },
    );
    expect(
      resolveLine(index, {
        fundSource: 'supplementary',
        project: 'งานบริหาร',
        expenseCategory: 'operating',
      }),
    ).toMatchObject({ error: expect.stringMatching(/no budget line matches/) });
  });
  it('keys a line by code, else by every column that names it', () => {
    const base = {
      fiscalYear: 2565,
      unitId: 'u',
      project: 'งาน  บริหาร',
      expenseCategory: 'operating' as const,
      fundSource: 'regular' as const,
    };
    expect(lineIdentityKey({ ...base, lineCode: 'X1' })).toBe('code:2565:X1');
    expect(lineIdentityKey(base)).toBe(lineIdentityKey({ ...base, project: 'งาน บริหาร' }));
    expect(lineIdentityKey(base)).not.toBe(lineIdentityKey({ ...base, expenseItem: 'ค่าครุภัณฑ์' }));
    expect(lineIdentityKey(base)).not.toBe(
      lineIdentityKey({ ...base, fundSource: 'supplementary' }),
    );
  });
  it('resolves through the index exactly as a scan of every line would', () => {
    const cats = ['operating', 'capital'] as const;
    const arb = fc.array(
      fc.record({
        p: fc.constantFrom('ก', 'ข'),
        c: fc.constantFrom(...cats),
        i: fc.constantFrom('', 'x', 'y'),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(
        arb,
        fc.constantFrom('ก', 'ข'),
        fc.constantFrom(...cats),
        fc.constantFrom('', 'x'),
        (ls, p, c, i) => {
          const lines = ls.map((l, n) =>
            ref(String(n), { projectKey: l.p, expenseCategory: l.c, expenseItemKey: l.i }),
          );
          const scan = lines.filter(
            (l) => l.projectKey === p && l.expenseCategory === c && (!i || l.expenseItemKey === i),
          );
          const got = resolveLine(indexLines(lines), {
            fundSource: 'regular',
            project: p,
            expenseCategory: c,
            ...(i ? { expenseItem: i } : {}),
          });
          if (scan.length === 1) expect(got).toEqual({ line: scan[0] });
          else expect('error' in got).toBe(true);
        },
      ),
    );
  });
});

describe('money indicators', () => {
  const l = (id: string, over: Partial<MoneyLine>): MoneyLine => ({
    lineId: id,
    unitId: 'u',
    expenseCategory: 'operating',
    fundSource: 'regular',
    expenseItem: '',
    revisedSatang: 0n,
    disbursedSatang: 0n,
    ...over,
  });
  const units = [{ unitId: 'u', kind: 'district_office' as const }];
  it('gives the SPEC sample 75.000 and 1.667', () => {
    const [m] = computeMoneyIndicators(
      [
        l('p', {
          expenseCategory: 'personnel',
          revisedSatang: 50_000_000n,
          disbursedSatang: 50_000_000n,
        }),
        l('o', { revisedSatang: 100_000_000n, disbursedSatang: 75_000_000n }),
        l('s', {
          fundSource: 'supplementary',
          revisedSatang: 20_000_000n,
          disbursedSatang: 20_000_000n,
        }),
      ],
      [
        {
          lineId: 'o',
          unitId: 'u',
          kind: 'without_obligation',
          amountSatang: 2_500_000n,
          exemption: null,
          approved: true,
        },
      ],
      units,
    );
    expect(m!.disbursementRate).toBe('75.000');
    expect(m!.carryOverWithoutObligationRate).toBe('1.667');
  });
  it('does not count carry-overs with obligation, unapproved or exempt ones', () => {
    const lines = [l('o', { revisedSatang: 100_00n })];
    const c = (over: object) => ({
      lineId: 'o',
      unitId: 'u',
      kind: 'without_obligation' as const,
      amountSatang: 10_00n,
      exemption: null,
      approved: true,
      ...over,
    });
    const [m] = computeMoneyIndicators(
      lines,
      [c({ kind: 'with_obligation' }), c({ approved: false }), c({ exemption: 'school_term' })],
      units,
    );
    expect(m!.carryOverWithoutObligationSatang).toBe(0n);
    expect(m!.carryOverWithoutObligationRate).toBe('0.000');
    expect(computeMoneyIndicators([], [], units)[0]!.disbursementRate).toBeNull();
  });
  it('never depends on the amounts of lines it leaves out; ALL sums the units, indicator 2 only the included', () => {
    const excluded = fc.record({
      expenseCategory: fc.constantFrom('personnel' as const, 'operating' as const),
      fundSource: fc.constantFrom(
        'supplementary' as const,
        'government_grant' as const,
        'carried_over' as const,
      ),
      revisedSatang: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      disbursedSatang: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    });
    fc.assert(
      fc.property(
        fc.array(excluded, { maxLength: 5 }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (xs, base) => {
          const counted = l('c', { revisedSatang: base, disbursedSatang: base / 2n });
          const [alone] = computeMoneyIndicators([counted], [], units);
          const [mixed] = computeMoneyIndicators(
            [counted, ...xs.map((x, i) => l(`x${i}`, x))],
            [],
            units,
          );
          expect(mixed!.disbursementRate).toBe(alone!.disbursementRate);
          expect(mixed!.carryOverBaseSatang).toBe(alone!.carryOverBaseSatang);
        },
      ),
    );
    const per = computeMoneyIndicators(
      [
        l('a', { revisedSatang: 100n, disbursedSatang: 50n }),
        l('b', { unitId: 'v', revisedSatang: 300n, disbursedSatang: 300n }),
      ],
      [
        {
          lineId: 'b',
          unitId: 'v',
          kind: 'without_obligation',
          amountSatang: 30n,
          exemption: null,
          approved: true,
        },
      ],
      [...units, { unitId: 'v', kind: 'university' }],
    );
    const all = aggregateMoneyIndicators('ALL', per);
    expect(all.disbursementRate).toBe('87.500');
    expect(all.carryOverBaseSatang).toBe(100n);
    expect(all.carryOverWithoutObligationRate).toBe('0.000');
  });
  it('plans evenly to the satang', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (total) => {
        const plan = evenPlanSatang(total);
        expect(plan).toHaveLength(12);
        expect(plan.reduce((s, x) => s + x, 0n)).toBe(total);
        expect(plan.every((x) => x >= 0n)).toBe(true);
      }),
    );
  });
});
