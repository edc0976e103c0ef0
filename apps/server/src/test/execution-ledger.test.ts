import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  budgetLineListSchema,
  errorBodySchema,
  executionSummarySchema,
  moneyIndicatorsSchema,
  postedEntrySchema,
} from '@pbis/contract';
import { ImportRejected, runImport } from '../modules/imports/pipeline.js';
import { importKind } from '../modules/imports/registry.js';
import { moneyIndicators } from '../modules/execution/money.js';
import { exportKind } from '../modules/imports/export.js';
import { csvText, ownerRows, snapshot, utf8 } from './fixtures.js';
import { aFiscalYear, aUnit, aUser, next } from './factories.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

/** The header of each kind: the columns its import takes (and its export writes). */
const header = (kind: string) => [...importKind(kind).columns];
const LINE_HEADER = header('budget-lines');
const DISB_HEADER = header('disbursements');
const OBL_HEADER = header('obligations');
const CARRY_HEADER = header('carry-overs');
const TRANSFER_HEADER = header('transfers');

describe.each(testDatabases())('budget execution on $name', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
  });
  afterAll(() => t.close());

  const run = (k: string, rows: string[][], name = `${k}-${next()}.csv`) =>
    runImport(t.database, t.system, importKind(k), { bytes: utf8(csvText(rows)), name });
  async function rejected(k: string, rows: string[][]) {
    const before = await snapshot(t.database);
    const e = await run(k, rows).then(
      () => expect.fail('the file was accepted'),
      (err: unknown) => err,
    );
    expect(await snapshot(t.database)).toEqual(before);
    expect(e).toBeInstanceOf(ImportRejected);
    return (e as ImportRejected).issues;
  }

  /** A unit of its own with lines: operating 1,000,000, capital 400,000, personnel 500,000. */
  async function unitWithLines(opts: { kind?: 'university' | 'department'; year?: number } = {}) {
    const unit = await aUnit()
      .ofKind(opts.kind ?? 'department')
      .inDivision(2)
      .create(t);
    const y = String(opts.year ?? 2565);
    await run('budget-lines', [
      LINE_HEADER,
      [
        y,
        unit.code,
        unit.nameTh,
        'แผนงานบริหาร',
        '',
        '',
        'งานบริหารทั่วไป',
        'งบดำเนินงาน',
        '',
        '1,000,000.00',
        '',
        '',
        '',
      ],
      [
        y,
        unit.code,
        unit.nameTh,
        'แผนงานบริหาร',
        '',
        '',
        'งานบริหารทั่วไป',
        'งบลงทุน',
        '',
        '400000',
        '',
        '',
        'ค่าครุภัณฑ์',
      ],
      [
        y,
        unit.code,
        unit.nameTh,
        'แผนงานบริหาร',
        '',
        '',
        'งานบริหารทั่วไป',
        'งบบุคลากร',
        '',
        '500000',
        '',
        '',
        '',
      ],
    ]);
    return unit;
  }

  it('reproduces indicator 5.1 and indicator 2 by hand, with every exclusion in play', async () => {
    const unit = await aUnit().inDivision(3).create(t);
    const uni = await aUnit().ofKind('university').inDivision(3).create(t);
    const line = (
      u: typeof unit,
      project: string,
      cat: string,
      amount: string,
      fund = '',
      item = '',
    ) => ['2565', u.code, u.nameTh, 'แผนงาน', '', '', project, cat, '', amount, '', fund, item];
    await run('budget-lines', [
      LINE_HEADER,
      line(unit, 'งานบริหาร', 'operating', '1000000'), // counted in both
      line(unit, 'งานบริหาร', 'personnel', '600000'), // 5.1 leaves out; indicator 2 counts
      line(unit, 'งานบริหาร', 'central', '100000', '', 'เงินช่วยเหลือข้าราชการและลูกจ้าง'), // 5.1 leaves out
      line(unit, 'งานบริหาร', 'central', '50000', '', 'เงินสำรองจ่าย'), // counted in both
      line(unit, 'งานบริหาร', 'operating', '200000', 'supplementary'), // both leave out
      line(unit, 'งานบริหาร', 'subsidy', '300000', 'government_grant'), // both leave out
      line(unit, 'งานบริหาร', 'capital', '70000', 'carried_over'), // both leave out
      line(unit, 'งานก่อสร้าง', 'capital', '400000'), // counted in both; gets a transfer
      line(uni, 'งานวิชาการ', 'operating', '500000'), // a university: out of indicator 2's ALL
    ]);
    await run('transfers', [
      TRANSFER_HEADER,
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
      doc: string,
      date: string,
      amount: string,
      fund = '',
      item = '',
    ) => ['2565', u.code, '', '', '', project, cat, fund, item, doc, date, amount, ''];
    await run('disbursements', [
      DISB_HEADER,
      d(unit, 'งานบริหาร', 'operating', `A1-${unit.code}`, '2022-03-15', '600000'),
      d(unit, 'งานบริหาร', 'personnel', `A2-${unit.code}`, '2022-09-30', '600000'),
      d(
        unit,
        'งานบริหาร',
        'central',
        `A3-${unit.code}`,
        '2022-05-01',
        '100000',
        '',
        'เงินช่วยเหลือข้าราชการและลูกจ้าง',
      ),
      d(unit, 'งานบริหาร', 'central', `A4-${unit.code}`, '2022-05-01', '50000', '', 'เงินสำรองจ่าย'),
      d(unit, 'งานบริหาร', 'operating', `A5-${unit.code}`, '2022-06-01', '200000', 'supplementary'),
      d(unit, 'งานก่อสร้าง', 'capital', `A6-${unit.code}`, '20/09/2565', '250000'),
      d(uni, 'งานวิชาการ', 'operating', `A7-${uni.code}`, '2022-09-01', '400000'),
    ]);
    await run('carry-overs', [
      CARRY_HEADER,
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหาร',
        'operating',
        '',
        '',
        'without_obligation',
        '30000',
        'กทม. 1/2565',
        '',
      ],
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานก่อสร้าง',
        'capital',
        '',
        '',
        'with_obligation',
        '200000',
        'กทม. 2/2565',
        '',
      ],
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานก่อสร้าง',
        'capital',
        '',
        '',
        'without_obligation',
        '20000',
        'กทม. 3/2565',
        'multi_year',
      ],
      [
        '2565',
        uni.code,
        '',
        '',
        '',
        'งานวิชาการ',
        'operating',
        '',
        '',
        'without_obligation',
        '100000',
        'มหาวิทยาลัย',
        '',
      ],
    ]);
    const report = await moneyIndicators(t.database, t.system, { fiscalYear: 2565 });
    const row = report.rows.find((r) => r.unit_code === unit.code)!;
    // 5.1: operating 900,000 (after −100,000) + central 50,000 + capital 500,000 (after +100,000)
    expect(row.disbursement_base_baht).toBe('1450000.00');
    expect(row.disbursed_baht).toBe('900000.00'); // 600,000 + 50,000 + 250,000
    expect(row.disbursement_rate).toBe('62.069'); // 900,000 ÷ 1,450,000 = 62.0689…
    // Indicator 2: every regular line, personnel and every central item included.
    expect(row.carry_over_base_baht).toBe('2150000.00'); // 900k + 600k + 100k + 50k + 500k
    expect(row.carry_over_without_obligation_baht).toBe('30000.00'); // multi-year is exempt
    expect(row.carry_over_without_obligation_rate).toBe('1.395'); // 30,000 ÷ 2,150,000 = 1.3953…
    expect([row.carry_over_level, row.carry_over_points]).toEqual([4, '18']);
    const u = report.rows.find((r) => r.unit_code === uni.code)!;
    expect(u.included).toBe(false);
    expect(u.carry_over_without_obligation_rate).toBe('20.000'); // shown, not counted in ALL
    expect(u.carry_over_level).toBeNull();
    // As of 31 March: the transfer (1 Feb) counts, the later payments do not.
    const march = await moneyIndicators(t.database, t.system, {
      fiscalYear: 2565,
      unit: unit.code,
      asOf: '2022-03-14',
    });
    expect(march.rows[0]!.disbursed_baht).toBe('0.00');
    const mid = await moneyIndicators(t.database, t.system, {
      fiscalYear: 2565,
      unit: unit.nameTh,
      asOf: '15/03/2565',
    });
    expect(mid.rows[0]!.disbursed_baht).toBe('600000.00');
    expect(mid.rows[0]!.disbursement_base_baht).toBe('1450000.00');
    const before = await moneyIndicators(t.database, t.system, {
      fiscalYear: 2565,
      unit: unit.code,
      asOf: '2022-01-31',
    });
    expect(before.rows[0]!.disbursement_base_baht).toBe('1450000.00'); // capital 400k + operating 1M + central 50k
  });

  it('refuses five kinds of bad rows, naming each line, and writes nothing', async () => {
    const unit = await unitWithLines();
    const issues = await rejected('disbursements', [
      DISB_HEADER,
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'งบพิเศษ',
        '',
        '',
        'B1',
        '2022-03-01',
        '10',
        '',
      ],
      [
        '2022',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'operating',
        '',
        '',
        'B2',
        '2022-03-01',
        '10',
        '',
      ],
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'operating',
        '',
        '',
        'B3',
        '2022-11-01',
        '10',
        '',
      ],
      ['2565', unit.code, '', '', '', 'งานที่ไม่มี', 'operating', '', '', 'B4', '2022-03-01', '10', ''],
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'operating',
        '',
        '',
        'B5',
        '2022-03-01',
        '12,34x',
        '',
      ],
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'operating',
        '',
        '',
        'B6',
        '2022-03-01',
        '10',
        '',
      ],
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'operating',
        '',
        '',
        'B6',
        '2022-03-02',
        '10',
        '',
      ],
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'operating',
        '',
        '',
        'B8',
        '2022-03-02',
        '2000000',
        '',
      ],
    ]);
    const by = (line: number) =>
      issues
        .filter((i) => i.line === line)
        .map((i) => i.reason)
        .join(' | ');
    expect(by(2)).toMatch(/not one of the six categories/);
    expect(by(3)).toMatch(/Common-Era/);
    expect(by(4)).toMatch(/outside fiscal year 2565/);
    expect(by(5)).toMatch(/no budget line matches/);
    expect(by(6)).toMatch(/amount/);
    expect(by(8)).toMatch(/already appears on line 7/);
    expect(by(9)).toMatch(/over the available balance/);
    expect(by(7)).toBe('');
  });

  it('is idempotent by document number, and refuses a changed document', async () => {
    const unit = await unitWithLines();
    const rows = [
      DISB_HEADER,
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'operating',
        '',
        '',
        `I-${unit.code}`,
        '2022-03-01',
        '1000',
        '',
      ],
    ];
    await run('disbursements', rows, 'first.csv');
    const same = await run('disbursements', rows, 'same-again.csv');
    expect(same.already_imported).toBe(true);
    const again = await run('disbursements', [
      ...rows,
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'operating',
        '',
        '',
        `J-${unit.code}`,
        '2022-03-02',
        '5',
        '',
      ],
    ]);
    expect([again.created, again.unchanged]).toEqual([1, 1]);
    const changed = await rejected('disbursements', [
      DISB_HEADER,
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'operating',
        '',
        '',
        `I-${unit.code}`,
        '2022-03-01',
        '2000',
        '',
      ],
    ]);
    expect(changed[0]!.reason).toMatch(/already posted/);
    const [line] = await ownerRows<{ disbursed_satang: string }>(
      t.database,
      sql`select l.disbursed_satang from budget_line l join receiving_unit u on u.id = l.unit_id where u.code = ${unit.code} and l.expense_category = 'operating'`,
    );
    expect(String(line!.disbursed_satang)).toBe('100500');
  });

  it('pays obligations: the payment releases the obligation, nothing is counted twice', async () => {
    const unit = await unitWithLines();
    await run('obligations', [
      OBL_HEADER,
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'capital',
        '',
        'ค่าครุภัณฑ์',
        `PO-${unit.code}`,
        '2021-12-01',
        'บริษัท ตัวอย่าง จำกัด',
        '300000',
      ],
    ]);
    await run('disbursements', [
      DISB_HEADER,
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'capital',
        '',
        '',
        `P-${unit.code}`,
        '2022-04-01',
        '120000',
        `PO-${unit.code}`,
      ],
    ]);
    const lines = await moneyLines(unit.id);
    const capital = lines.find((l) => l.expenseCategory === 'capital')!;
    expect(capital.obligatedBaht).toBe('300000.00');
    expect(capital.disbursedBaht).toBe('120000.00');
    expect(capital.availableBaht).toBe('100000.00'); // 400,000 − 300,000 obligated
    const over = await rejected('disbursements', [
      DISB_HEADER,
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'capital',
        '',
        '',
        `P2-${unit.code}`,
        '2022-04-02',
        '180000.01',
        `PO-${unit.code}`,
      ],
    ]);
    expect(over[0]!.reason).toMatch(/open amount of obligation/);
    const exported = JSON.parse(
      (
        await exportKind(t.database, t.system, importKind('disbursements'), 'json', 2565)
      ).toString(),
    ) as Record<string, string>[];
    expect(exported.find((e) => e.document_no === `P-${unit.code}`)).toMatchObject({
      obligation_no: `PO-${unit.code}`,
      amount: '120000.00',
      expense_category: 'capital',
    });
  });

  async function moneyLines(unitId: string) {
    const admin = await adminClient();
    const res = await admin.get(`/api/v1/execution/lines?fiscalYear=2565&unitId=${unitId}`);
    expect(res.statusCode).toBe(200);
    return budgetLineListSchema.parse(res.json()).items;
  }
  let adminSession: Client | undefined;
  async function adminClient() {
    adminSession ??= await login(t.app, 'admin');
    return adminSession;
  }

  it('never overspends a line under 100 parallel obligations, and reversals always pass', async () => {
    const unit = await unitWithLines();
    const officer = await aUser().officerOf(unit).create(t);
    const client = await officer.signIn(t.app);
    const [line] = (await moneyLines(unit.id)).filter((l) => l.expenseCategory === 'capital');
    // 400,000 available; 100 × 7,000 asked: exactly 57 fit (399,000).
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        client.request('POST', '/api/v1/execution/obligations', {
          lineId: line!.id,
          documentNo: `C-${unit.code}-${i}`,
          date: '2022-01-10',
          amount: '7000.00',
        }),
      ),
    );
    const ok = answers.filter((a) => a.statusCode === 201);
    const refused = answers.filter((a) => a.statusCode === 422);
    expect(ok.length).toBe(57);
    expect(refused.length).toBe(43);
    const body = errorBodySchema.parse(refused[0]!.json());
    expect(body.error.details).toMatchObject({ reason: 'insufficient_balance' });
    const after = (await moneyLines(unit.id)).find((l) => l.id === line!.id)!;
    expect(after.obligatedBaht).toBe('399000.00');
    expect(after.availableBaht).toBe('1000.00');
    postedEntrySchema.parse(ok[0]!.json());
    // A cancellation is an entry of its own and is never refused by the balance.
    const cancel = await client.request('POST', '/api/v1/execution/obligations', {
      lineId: line!.id,
      documentNo: `C-${unit.code}-cancel`,
      date: '2022-01-11',
      amount: '-7000.00',
    });
    expect(cancel.statusCode).toBe(201);
    expect(postedEntrySchema.parse(cancel.json()).availableBaht).toBe('8000.00');
  });

  it('keeps an officer to their own unit and an analyst to their division', async () => {
    const mine = await unitWithLines();
    const theirs = await unitWithLines();
    const officer = await aUser().officerOf(mine).create(t);
    const client = await officer.signIn(t.app);
    const seen = budgetLineListSchema.parse(
      (await client.get('/api/v1/execution/lines?fiscalYear=2565')).json(),
    ).items;
    expect(new Set(seen.map((l) => l.unitId))).toEqual(new Set([mine.id]));
    const [other] = await moneyLines(theirs.id);
    const post = await client.request('POST', '/api/v1/execution/disbursements', {
      lineId: other!.id,
      documentNo: `X-${theirs.code}`,
      date: '2022-01-10',
      amount: '1.00',
    });
    expect(post.statusCode).toBe(404);
    const analyst = await aUser().analystOf(5).create(t);
    const a = await analyst.signIn(t.app);
    const lines = budgetLineListSchema.parse(
      (await a.get(`/api/v1/execution/lines?fiscalYear=2565&unitId=${mine.id}`)).json(),
    ).items;
    expect(lines).toEqual([]); // mine is in division 2
    const mi = moneyIndicatorsSchema.parse(
      (await client.get('/api/v1/execution/money-indicators?fiscalYear=2565')).json(),
    );
    expect(mi.rows.map((r) => r.unit_code)).toEqual([mine.code, 'ALL']);
    const summary = executionSummarySchema.parse(
      (await client.get('/api/v1/execution/summary?fiscalYear=2565')).json(),
    );
    expect(summary.total.enactedBaht).toBe('1900000.00');
    expect(summary.months.at(-1)!.plannedBaht).toBe('1900000.00');
  });

  it('refuses a posting into a closed month with 423, and a date outside the year with 400', async () => {
    const year = 2600 + next();
    await aFiscalYear(year).withLockedMonths(3).create(t);
    const unit = await unitWithLines({ year });
    const [line] = await (async () => {
      const admin = await adminClient();
      const res = await admin.get(`/api/v1/execution/lines?fiscalYear=${year}&unitId=${unit.id}`);
      return budgetLineListSchema.parse(res.json()).items;
    })();
    const admin = await adminClient();
    const ce = year - 543;
    const locked = await admin.request('POST', '/api/v1/execution/disbursements', {
      lineId: line!.id,
      documentNo: `L-${unit.code}`,
      date: `${ce - 1}-12-15`,
      amount: '10.00',
    });
    expect(locked.statusCode).toBe(423);
    const outside = await admin.request('POST', '/api/v1/execution/disbursements', {
      lineId: line!.id,
      documentNo: `L2-${unit.code}`,
      date: `${ce}-10-15`,
      amount: '10.00',
    });
    expect(outside.statusCode).toBe(400);
    const issues = await rejected('disbursements', [
      DISB_HEADER,
      [
        String(year),
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'operating',
        '',
        '',
        `L3-${unit.code}`,
        `${ce - 1}-12-01`,
        '10',
        '',
      ],
    ]);
    expect(issues[0]!.reason).toMatch(/closed period/);
  });

  it('conserves the total through transfers and refuses one below what a line committed', async () => {
    const unit = await unitWithLines();
    await run('obligations', [
      OBL_HEADER,
      [
        '2565',
        unit.code,
        '',
        '',
        '',
        'งานบริหารทั่วไป',
        'operating',
        '',
        '',
        `O-${unit.code}`,
        '2021-11-01',
        '',
        '900000',
      ],
    ]);
    const tr = (doc: string, amount: string) => [
      '2565',
      doc,
      '2022-01-05',
      unit.code,
      '',
      '',
      'งานบริหารทั่วไป',
      'operating',
      unit.nameTh,
      '',
      '',
      'งานบริหารทั่วไป',
      'capital',
      amount,
      'ทดสอบ',
    ];
    const issues = await rejected('transfers', [
      TRANSFER_HEADER,
      tr(`TR1-${unit.code}`, '100000.01'),
    ]);
    expect(issues[0]!.reason).toMatch(/below what it has committed/);
    await run('transfers', [TRANSFER_HEADER, tr(`TR2-${unit.code}`, '100000')]);
    const lines = await moneyLines(unit.id);
    const sum = lines.reduce((s, l) => s + BigInt(l.revisedBaht.replace('.', '')), 0n);
    expect(sum).toBe(190000000n);
    expect(lines.find((l) => l.expenseCategory === 'capital')!.revisedBaht).toBe('500000.00');
  });

  it('refuses an unknown unit without --create-units, and creates it with it', async () => {
    const name = `สำนักงานทดสอบใหม่ที่ ${next()}`;
    const rows = [
      LINE_HEADER,
      ['2565', '', name, '', '', '', 'งานใหม่', 'operating', '', '10', '', '', ''],
    ];
    const issues = await rejected('budget-lines', rows);
    expect(issues[0]!.reason).toMatch(/--create-units/);
    const done = await runImport(
      t.database,
      t.system,
      importKind('budget-lines'),
      { bytes: utf8(csvText(rows)), name: 'new.csv' },
      { createUnits: true },
    );
    expect(done.created).toBe(1);
    const [u] = await ownerRows<{ code: string }>(
      t.database,
      sql`select code from receiving_unit where name_th = ${name}`,
    );
    expect(u!.code).toMatch(/^U[0-9A-F]{8}$/);
  });
});
