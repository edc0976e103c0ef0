import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BREAKDOWN_REASONS,
  budgetLineListSchema,
  errorBodySchema,
  moneyBreakdownSchema,
  moneyIndicatorsSchema,
  type MoneyBreakdown,
} from '@pbis/contract';
import { runImport } from '../imports/pipeline.js';
import { importKind } from '../imports/registry.js';
import { csvText, utf8 } from '../../test/fixtures.js';
import { aUnit, aUser, next } from '../../test/factories.js';
import {
  login,
  setupApp,
  testDatabases,
  type Client,
  type TestContext,
} from '../../test/harness.js';

/*
 * GET /execution/money-indicators/breakdown on a ledger with every exclusion in play, built with
 * the import pipeline (as execution-ledger.test.ts "reproduces indicator 5.1 and indicator 2 by
 * hand"): the lines and carry-overs counted and left out, why, and totals equal to the row.
 */

const COLUMNS = (kind: string) => [...importKind(kind).columns];
/** Non-negative decimal strings added exactly, as a decimal string with two decimals. */
const total = (xs: string[]) => {
  const s = xs
    .reduce((a, x) => a + BigInt(x.replace('.', '')), 0n)
    .toString()
    .padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
};

describe.each(testDatabases())('the money indicators’ breakdown on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  let unit: { id: string; code: string; nameTh: string };
  let uni: { id: string; code: string; nameTh: string };
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
    const run = (k: string, rows: string[][]) =>
      runImport(t.database, t.system, importKind(k), {
        bytes: utf8(csvText([COLUMNS(k), ...rows])),
        name: `${k}-${next()}.csv`,
      }).catch((e: unknown) => {
        throw new Error(`${k}: ${JSON.stringify((e as { issues?: unknown }).issues ?? e)}`);
      });
    unit = await aUnit().inDivision(3).create(t);
    uni = await aUnit().ofKind('university').inDivision(3).create(t);
    const line = (
      u: typeof unit,
      project: string,
      cat: string,
      amount: string,
      fund = '',
      item = '',
    ) => ['2565', u.code, u.nameTh, 'แผนงาน', '', '', project, cat, '', amount, '', fund, item];
    await run('budget-lines', [
      line(unit, 'งานบริหาร', 'operating', '1000000'),
      line(unit, 'งานบริหาร', 'personnel', '600000'),
      line(unit, 'งานบริหาร', 'central', '100000', '', 'เงินช่วยเหลือข้าราชการและลูกจ้าง'),
      line(unit, 'งานบริหาร', 'central', '20000', '', 'เงินบำเหน็จลูกจ้าง'),
      line(unit, 'งานบริหาร', 'central', '50000', '', 'เงินสำรองจ่าย'),
      line(unit, 'งานบริหาร', 'operating', '200000', 'supplementary'),
      line(unit, 'งานบริหาร', 'subsidy', '300000', 'government_grant'),
      line(unit, 'งานบริหาร', 'capital', '70000', 'carried_over'),
      line(unit, 'งานก่อสร้าง', 'capital', '400000'),
      line(unit, 'งานอบรม', 'operating', '10000'),
      line(uni, 'งานวิชาการ', 'operating', '500000'),
    ]);
    await run('transfers', [
      [
        '2565',
        `T-${unit.code}`,
        '2022-02-01',
        unit.code,
        '',
        '',
        'งานบริหาร',
        'operating',
        unit.code,
        '',
        '',
        'งานก่อสร้าง',
        'capital',
        '100000',
        'ปรับแผน',
      ],
    ]);
    const d = (
      u: typeof unit,
      project: string,
      cat: string,
      date: string,
      amount: string,
      fund = '',
      item = '',
    ) => ['2565', u.code, '', '', '', project, cat, fund, item, `D${next()}`, date, amount, ''];
    await run('disbursements', [
      d(unit, 'งานบริหาร', 'operating', '2022-03-15', '600000'),
      d(unit, 'งานบริหาร', 'personnel', '2022-09-30', '600000'),
      d(unit, 'งานบริหาร', 'central', '2022-05-01', '100000', '', 'เงินช่วยเหลือข้าราชการและลูกจ้าง'),
      d(unit, 'งานบริหาร', 'central', '2022-05-01', '20000', '', 'เงินบำเหน็จลูกจ้าง'),
      d(unit, 'งานบริหาร', 'central', '2022-05-01', '50000', '', 'เงินสำรองจ่าย'),
      d(unit, 'งานบริหาร', 'operating', '2022-06-01', '150000', 'supplementary'),
      d(unit, 'งานก่อสร้าง', 'capital', '20/09/2565', '250000'),
      d(uni, 'งานวิชาการ', 'operating', '2022-09-01', '400000'),
    ]);
    const c = (
      u: typeof unit,
      project: string,
      cat: string,
      k: string,
      amount: string,
      exemption = '',
      fund = '',
    ) => [
      '2565',
      u.code,
      '',
      '',
      '',
      project,
      cat,
      fund,
      '',
      k,
      amount,
      `กทม. ${next()}/2565`,
      exemption,
    ];
    await run('carry-overs', [
      c(unit, 'งานบริหาร', 'operating', 'without_obligation', '30000'),
      c(unit, 'งานก่อสร้าง', 'capital', 'with_obligation', '200000'),
      c(unit, 'งานก่อสร้าง', 'capital', 'without_obligation', '20000', 'multi_year'),
      c(unit, 'งานบริหาร', 'operating', 'without_obligation', '5000', '', 'supplementary'),
      c(uni, 'งานวิชาการ', 'operating', 'without_obligation', '100000'),
    ]);
    // A request not yet approved.
    const lines = budgetLineListSchema.parse(
      (await admin.get(`/api/v1/execution/lines?fiscalYear=2565&unitId=${unit.id}`)).json(),
    ).items;
    const training = lines.find((l) => l.project === 'งานอบรม')!;
    const requested = await admin.request('POST', '/api/v1/execution/carry-overs', {
      lineId: training.id,
      amount: '4000.00',
      reason: 'จัดซื้อไม่ทัน',
    });
    expect(requested.statusCode, requested.body).toBe(201);
  });
  afterAll(() => t.close());

  const breakdown = async (c: Client, query: string): Promise<MoneyBreakdown> => {
    const res = await c.get(`/api/v1/execution/money-indicators/breakdown?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return moneyBreakdownSchema.parse(res.json());
  };
  const rowOf = async (c: Client, code: string, asOf = '') => {
    const res = await c.get(`/api/v1/execution/money-indicators?fiscalYear=2565${asOf}`);
    return moneyIndicatorsSchema.parse(res.json()).rows.find((r) => r.unit_code === code)!;
  };
  const totalsOfRow = (r: Awaited<ReturnType<typeof rowOf>>) => ({
    disbursementBaseBaht: r.disbursement_base_baht,
    disbursedBaht: r.disbursed_baht,
    disbursementRate: r.disbursement_rate,
    carryOverBaseBaht: r.carry_over_base_baht,
    carryOverWithoutObligationBaht: r.carry_over_without_obligation_baht,
    carryOverWithoutObligationRate: r.carry_over_without_obligation_rate,
  });
  /** The totals as the counted lines and carry-overs add up. */
  const added = (b: MoneyBreakdown) => {
    const in51 = b.lines.filter((l) => l.indicator51.counted);
    return {
      disbursementBaseBaht: total(in51.map((l) => l.revisedBaht)),
      disbursedBaht: total(in51.map((l) => l.disbursedBaht)),
      carryOverBaseBaht: total(
        b.lines.filter((l) => l.indicator2Base.counted).map((l) => l.revisedBaht),
      ),
      carryOverWithoutObligationBaht: total(
        b.carryOvers.filter((c) => c.indicator2.counted).map((c) => c.amountBaht),
      ),
    };
  };

  it('gives totals equal to the unit’s row, and the counted lines add up to them', async () => {
    const b = await breakdown(admin, `fiscalYear=2565&unitId=${unit.id}`);
    const row = await rowOf(admin, unit.code);
    expect(b.totals).toEqual(totalsOfRow(row));
    expect(b.totals).toMatchObject(added(b));
    expect(b.totals).toMatchObject({
      disbursementBaseBaht: '1460000.00', // operating 900k + reserve 50k + capital 500k + training 10k
      disbursedBaht: '900000.00',
      carryOverBaseBaht: '2180000.00', // + personnel 600k + staff 100k + gratuities 20k
      carryOverWithoutObligationBaht: '30000.00',
    });
    expect(b.unit).toMatchObject({ id: unit.id, code: unit.code, name: unit.nameTh });
    expect([b.includedInIndicator2, b.unitReason]).toEqual([true, null]);
    expect(b.asOf).toBe('2022-09-30');
  });

  it('says why each line and carry-over is left out', async () => {
    const b = await breakdown(admin, `fiscalYear=2565&unitId=${unit.id}`);
    const why51 = (cat: string, fund = 'regular', item = '') =>
      b.lines.find(
        (l) =>
          l.expenseCategory === cat && l.fundSource === fund && (!item || l.expenseItem === item),
      )!;
    expect(why51('personnel').indicator51).toEqual({ counted: false, reason: 'personnel' });
    expect(why51('personnel').indicator2Base).toEqual({ counted: true, reason: null });
    for (const item of ['เงินช่วยเหลือข้าราชการและลูกจ้าง', 'เงินบำเหน็จลูกจ้าง'])
      expect(why51('central', 'regular', item).indicator51).toEqual({
        counted: false,
        reason: 'staff_central_fund',
      });
    expect(why51('central', 'regular', 'เงินสำรองจ่าย').indicator51.counted).toBe(true);
    for (const [cat, fund] of [
      ['operating', 'supplementary'],
      ['subsidy', 'government_grant'],
      ['capital', 'carried_over'],
    ] as const) {
      const l = why51(cat, fund);
      expect(l.indicator51).toEqual({ counted: false, reason: fund });
      expect(l.indicator2Base).toEqual({ counted: false, reason: fund });
    }
    // Each line carries its identity and its figures at the date.
    const capital = why51('capital');
    expect(capital).toMatchObject({
      project: 'งานก่อสร้าง',
      programme: 'แผนงาน',
      revisedBaht: '500000.00',
      disbursedBaht: '250000.00',
    });
    const carry = (project: string, kindOf: string, amount: string) =>
      b.carryOvers.find(
        (c) => c.project === project && c.kind === kindOf && c.amountBaht === amount,
      )!;
    expect(carry('งานบริหาร', 'without_obligation', '30000.00').indicator2).toEqual({
      counted: true,
      reason: null,
    });
    expect(carry('งานก่อสร้าง', 'with_obligation', '200000.00').indicator2.reason).toBe(
      'with_obligation',
    );
    expect(carry('งานก่อสร้าง', 'without_obligation', '20000.00')).toMatchObject({
      exemption: 'multi_year',
      indicator2: { counted: false, reason: 'exempt:multi_year' },
    });
    expect(carry('งานบริหาร', 'without_obligation', '5000.00').indicator2.reason).toBe(
      'line_not_in_base',
    );
    expect(carry('งานอบรม', 'without_obligation', '4000.00')).toMatchObject({
      status: 'requested',
      indicator2: { counted: false, reason: 'not_approved' },
    });
    expect(b.carryOvers).toHaveLength(5);
    expect(b.lines).toHaveLength(10);
    // Every reason given is one the web has words for.
    for (const r of [
      ...b.lines.flatMap((l) => [l.indicator51.reason, l.indicator2Base.reason]),
      ...b.carryOvers.map((c) => c.indicator2.reason),
    ])
      if (r !== null) expect(BREAKDOWN_REASONS).toContain(r);
  });

  it('leaves the university out of indicator 2 and still matches its row', async () => {
    const b = await breakdown(admin, `fiscalYear=2565&unitId=${uni.id}`);
    expect([b.includedInIndicator2, b.unitReason]).toEqual([false, 'excluded_unit_kind']);
    expect(b.unit.kind).toBe('university');
    expect(b.totals).toEqual(totalsOfRow(await rowOf(admin, uni.code)));
    expect(b.totals.carryOverWithoutObligationRate).toBe('20.000');
  });

  it('takes the figures at the date, equal to the row at that date', async () => {
    const b = await breakdown(admin, `fiscalYear=2565&unitId=${unit.id}&asOf=2022-05-15`);
    expect(b.asOf).toBe('2022-05-15');
    expect(b.totals).toEqual(totalsOfRow(await rowOf(admin, unit.code, '&asOf=2022-05-15')));
    expect(b.totals.disbursedBaht).toBe('650000.00'); // 600k (15 Mar) + reserve 50k (1 May)
    expect(b.totals).toMatchObject(added(b));
  });

  it('keeps to the reader’s scope: another unit or division is 404 unit_not_found', async () => {
    const other = await aUnit().inDivision(2).create(t);
    const officer = await (await aUser().officerOf(other).create(t)).signIn(t.app);
    const analyst = await (await aUser().analystOf(2).create(t)).signIn(t.app);
    for (const c of [officer, analyst]) {
      const res = await c.get(
        `/api/v1/execution/money-indicators/breakdown?fiscalYear=2565&unitId=${unit.id}`,
      );
      expect(res.statusCode, c.username).toBe(404);
      expect(errorBodySchema.parse(res.json()).error.details?.reason).toBe('unit_not_found');
    }
    // An unknown unit is the same answer.
    const res = await admin.get(
      '/api/v1/execution/money-indicators/breakdown?fiscalYear=2565&unitId=00000000-0000-4000-8000-000000000000',
    );
    expect(res.statusCode).toBe(404);
    // The unit's own officer and its division's analyst see it, equal to their row.
    const own = await (await aUser().officerOf(unit).create(t)).signIn(t.app);
    const division = await (await aUser().analystOf(3).create(t)).signIn(t.app);
    for (const c of [own, division]) {
      const b = await breakdown(c, `fiscalYear=2565&unitId=${unit.id}`);
      expect(b.totals).toEqual(totalsOfRow(await rowOf(c, unit.code)));
      expect(b.carryOvers).toHaveLength(5);
    }
  });

  it('answers bad input with 400, never 500', async () => {
    for (const q of [
      'fiscalYear=2565&unitId=not-a-uuid',
      `fiscalYear=2565&unitId=${unit.id}%00`,
      `fiscalYear=2565&unitId=%00`,
      'fiscalYear=2565',
      `unitId=${unit.id}`,
      `fiscalYear=abc&unitId=${unit.id}`,
      `fiscalYear=2565&unitId=${unit.id}&asOf=2022-13-45`,
      `fiscalYear=2565&unitId=${unit.id}&asOf=%00`,
    ]) {
      const res = await admin.get(`/api/v1/execution/money-indicators/breakdown?${q}`);
      expect(res.statusCode, q).toBe(400);
      errorBodySchema.parse(res.json());
    }
    const anonymous = await t.app.inject({
      method: 'GET',
      url: `/api/v1/execution/money-indicators/breakdown?fiscalYear=2565&unitId=${unit.id}`,
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
