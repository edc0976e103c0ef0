import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alertRulesSchema,
  alertsSchema,
  errorBodySchema,
  forecastSchema,
  rankingsSchema,
  type AlertRules,
  type Forecast,
} from '@pbis/contract';
import { runImport } from '../imports/pipeline.js';
import { importKind } from '../imports/registry.js';
import { auditOf, csvText, utf8 } from '../../test/fixtures.js';
import { aUnit, aUser, next } from '../../test/factories.js';
import {
  login,
  setupApp,
  testDatabases,
  type Client,
  type TestContext,
} from '../../test/harness.js';

/*
 * The forecast, the laggard alerts and their rules, and the rankings, over a ledger built by hand
 * through the import pipeline: prior years FY2563–2564 with full curves, FY2565 in progress.
 *
 * Unit A (division 2), operating 1,000,000 a year, paid without obligation:
 *   FY2563: 300,000 by March (30 %), 900,000 by September (90 %): ratio 3.0; carried over without
 *           obligation 50,000 (5 % of the 10 % left: share 0.5)
 *   FY2564: 380,000 by March (38 %), 950,000 by September (95 %): ratio 2.5; carried 25,000 (share 0.5)
 *   FY2565: 200,000 by March (20 %).
 *   → 5.1 at 31 March: 20 × median(3, 2.5) = 55.000, interval 20 × (2.55, 2.95) = 51.000–59.000;
 *     below the 80 % target even at its high end: "miss".
 *   → indicator 2: committed (= paid) forecast the same, share 0.5: (100 − 55) × 0.5 = 22.500,
 *     interval (100 − 59) × 0.5 = 20.500 to (100 − 51) × 0.5 = 24.500; level 1, 12 points.
 * Unit G (division 2): both prior years 48 % by March and 96 % by September (ratio 2), carried 2 %
 *   (share 0.5); FY2565 48 % by March → 5.1 96.000 (on track); indicator 2 (100 − 96) × 0.5 = 2.000:
 *   in the gap of the seed's bands between 2.00 and 2.01 — reported as a gap, no level.
 * Unit B (division 2), FY2565 only: equipment 400,000 obligated 200,000 in November (50 % < 60 %:
 *   flagged at the end of Q1), construction 1,000,000 obligated 700,000 in February (ok at Q2),
 *   capital as a whole 900,000 ÷ 1,400,000 = 64.286 % (ok).
 * Unit C and a university U (division 3): FY2565 operating only.
 */

const COLUMNS = (kind: string) => [...importKind(kind).columns];

describe.each(testDatabases())('execution analysis on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  const units: Record<'A' | 'G' | 'B' | 'C' | 'U', { id: string; code: string; nameTh: string }> =
    {} as never;

  const run = (k: string, rows: Record<string, string>[]) =>
    runImport(t.database, t.system, importKind(k), {
      bytes: utf8(csvText([COLUMNS(k), ...rows.map((r) => COLUMNS(k).map((c) => r[c] ?? ''))])),
      name: `${k}-${next()}.csv`,
    });

  const line = (u: keyof typeof units, fy: number, cat: string, amount: string, item = '') => ({
    fiscal_year: String(fy),
    unit_code: units[u].code,
    programme: 'แผนงานทดสอบ',
    project: 'งานทดสอบการพยากรณ์',
    expense_category: cat,
    amount,
    expense_item: item,
  });
  const entryLine = (u: keyof typeof units, fy: number, cat: string, item = '') => ({
    fiscal_year: String(fy),
    unit_code: units[u].code,
    project: 'งานทดสอบการพยากรณ์',
    expense_category: cat,
    expense_item: item,
  });
  let doc = 0;
  const pay = (u: keyof typeof units, fy: number, date: string, amount: string) => ({
    ...entryLine(u, fy, 'operating'),
    document_no: `PAY-${++doc}`,
    date,
    amount,
  });
  const carry = (u: keyof typeof units, fy: number, amount: string) => ({
    ...entryLine(u, fy, 'operating'),
    kind: 'without_obligation',
    amount,
    reference: `มติสภา ${fy}`,
  });

  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
    units.A = await aUnit().inDivision(2).named('หน่วยทดสอบพยากรณ์ ก').create(t);
    units.G = await aUnit().inDivision(2).named('หน่วยทดสอบพยากรณ์ ช่องว่าง').create(t);
    units.B = await aUnit().inDivision(2).named('หน่วยทดสอบพยากรณ์ ลงทุน').create(t);
    units.C = await aUnit().inDivision(3).named('หน่วยทดสอบพยากรณ์ ค').create(t);
    units.U = await aUnit()
      .ofKind('university')
      .inDivision(3)
      .named('มหาวิทยาลัยทดสอบพยากรณ์')
      .create(t);
    await run('budget-lines', [
      ...[2563, 2564, 2565].flatMap((fy) => [
        line('A', fy, 'operating', '1000000'),
        line('G', fy, 'operating', '1000000'),
      ]),
      line('B', 2565, 'capital', '400000', 'ค่าครุภัณฑ์'),
      line('B', 2565, 'capital', '1000000', 'ค่าที่ดินและสิ่งก่อสร้าง'),
      line('B', 2565, 'operating', '600000'),
      line('C', 2565, 'operating', '500000'),
      line('U', 2565, 'operating', '800000'),
    ]);
    await run('disbursements', [
      pay('A', 2563, '2020-03-10', '300000'),
      pay('A', 2563, '2020-09-10', '600000'),
      pay('A', 2564, '2021-03-10', '380000'),
      pay('A', 2564, '2021-09-10', '570000'),
      pay('A', 2565, '2021-11-10', '50000'),
      pay('A', 2565, '2022-03-10', '150000'),
      pay('A', 2565, '2022-04-05', '100000'), // after 31 March: not in the March figures
      ...[2563, 2564].flatMap((fy) => [
        pay('G', fy, `${fy - 544}-12-10`, '480000'),
        pay('G', fy, `${fy - 543}-09-10`, '480000'),
      ]),
      pay('G', 2565, '2021-12-10', '480000'),
      pay('C', 2565, '2022-01-10', '100000'),
      pay('U', 2565, '2022-01-10', '400000'),
    ]);
    await run('obligations', [
      {
        ...entryLine('B', 2565, 'capital', 'ค่าครุภัณฑ์'),
        document_no: 'PO-EQ',
        date: '2021-11-15',
        vendor: 'บริษัท ครุภัณฑ์ จำกัด',
        amount: '200000',
      },
      {
        ...entryLine('B', 2565, 'capital', 'ค่าที่ดินและสิ่งก่อสร้าง'),
        document_no: 'PO-CN',
        date: '2022-02-15',
        vendor: 'บริษัท ก่อสร้าง จำกัด',
        amount: '700000',
      },
    ]);
    await run('carry-overs', [
      carry('A', 2563, '50000'),
      carry('A', 2564, '25000'),
      carry('G', 2563, '20000'),
      carry('G', 2564, '20000'),
    ]);
  });
  afterAll(() => t.close());

  const forecast = async (c: Client, query: string): Promise<Forecast> => {
    const res = await c.get(`/api/v1/execution/forecast?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return forecastSchema.parse(res.json());
  };
  const rowOf = (f: Forecast, code: string) => f.rows.find((r) => r.unitCode === code)!;

  it('forecasts September from the curve so far and the unit’s prior years, by hand', async () => {
    const f = await forecast(admin, 'fiscalYear=2565&asOf=2022-03-31');
    expect(f).toMatchObject({ asOf: '2022-03-31', figuresAsOf: '2022-03-31', monthsObserved: 6 });
    expect(f.targets).toEqual({ disbursementRate: '80.000', carryOverRate: '0.000' });
    const a = rowOf(f, units.A.code);
    expect(a.disbursement).toMatchObject({
      curve: ['0.000', '5.000', '5.000', '5.000', '5.000', '20.000'],
      current: '20.000',
      point: '55.000',
      low: '51.000',
      high: '59.000',
      method: 'ratio_to_september',
      references: 2,
      status: 'miss',
    });
    // 5.1 has no criteria in the seed: no level, said so
    expect(a.disbursement.score.point).toMatchObject({ level: null, status: 'no_criteria' });
    // the band runs from the last observed month to September, never falling
    expect(a.disbursement.path[0]).toEqual({
      fiscalMonth: 6,
      point: '20.000',
      low: '20.000',
      high: '20.000',
    });
    expect(a.disbursement.path.at(-1)).toEqual({
      fiscalMonth: 12,
      point: '55.000',
      low: '51.000',
      high: '59.000',
    });
    for (let i = 1; i < a.disbursement.path.length; i++)
      expect(Number(a.disbursement.path[i]!.point)).toBeGreaterThanOrEqual(
        Number(a.disbursement.path[i - 1]!.point),
      );
    expect(a.carryOver).toMatchObject({
      point: '22.500',
      low: '20.500',
      high: '24.500',
      method: 'uncommitted_share',
      references: 2,
      status: 'miss',
      current: null,
    });
    expect(a.carryOver.score.point).toMatchObject({ level: 1, points: '12', status: 'scored' });
  });

  it('reports a forecast in a gap of the criteria as a gap, never a guessed level', async () => {
    const f = await forecast(admin, 'fiscalYear=2565&asOf=2022-03-31');
    const g = rowOf(f, units.G.code);
    expect(g.disbursement).toMatchObject({ point: '96.000', status: 'on_track' });
    expect(g.carryOver).toMatchObject({ point: '2.000', low: '2.000', high: '2.000' });
    expect(g.carryOver.score.point).toMatchObject({ level: null, points: null, status: 'gap' });
    expect(g.carryOver.score.point.note).toMatch(/gap/);
  });

  it('lists the units forecast to miss, worst first, and leaves the university out of indicator 2', async () => {
    const f = await forecast(admin, 'fiscalYear=2565&asOf=2022-03-31');
    const mine = f.misses.filter((m) => Object.values(units).some((u) => u.code === m.unitCode));
    expect(mine.filter((m) => m.unitCode === units.A.code).map((m) => m.indicator)).toEqual([
      '5.1',
      '2',
    ]);
    expect(mine.find((m) => m.unitCode === units.A.code)).toMatchObject({
      status: 'miss',
      point: '55.000',
      target: '80.000',
    });
    // G meets 5.1; its indicator 2 misses the seed's 0 % target
    expect(mine.filter((m) => m.unitCode === units.G.code).map((m) => m.indicator)).toEqual(['2']);
    const order = { miss: 0, likely_miss: 1, at_risk: 2, on_track: 3 };
    for (let i = 1; i < f.misses.length; i++)
      expect(order[f.misses[i]!.status]).toBeGreaterThanOrEqual(order[f.misses[i - 1]!.status]);
    const u = rowOf(f, units.U.code);
    expect(u.included).toBe(false);
    expect(u.carryOver.status).toBeNull();
    expect(u.carryOver.score.point.status).toBe('not_included');
    expect(f.misses.some((m) => m.unitCode === units.U.code && m.indicator === '2')).toBe(false);
    // the whole organisation is the last row
    expect(f.rows.at(-1)).toMatchObject({ unitCode: 'ALL', unitId: null });
  });

  it('takes the figures at the last month end: mid-April is still the March curve', async () => {
    const f = await forecast(admin, `fiscalYear=2565&asOf=2022-04-20&unitId=${units.A.id}`);
    expect(f).toMatchObject({ figuresAsOf: '2022-03-31', monthsObserved: 6 });
    expect(f.rows.map((r) => r.unitCode)).toEqual([units.A.code, 'ALL']);
    expect(rowOf(f, units.A.code).disbursement.point).toBe('55.000');
    // at the end of April the April payment counts: 30 %
    const april = await forecast(admin, `fiscalYear=2565&asOf=2022-04-30&unitId=${units.A.id}`);
    expect(rowOf(april, units.A.code).disbursement.current).toBe('30.000');
    // before the year starts nothing is observed: the prior Septembers themselves
    const early = await forecast(admin, `fiscalYear=2565&asOf=2021-09-15&unitId=${units.A.id}`);
    expect(early).toMatchObject({ monthsObserved: 0, figuresAsOf: null });
    expect(rowOf(early, units.A.code).disbursement).toMatchObject({
      current: null,
      curve: [],
      point: '92.500',
      low: '90.500',
      high: '94.500',
    });
  });

  it('at the end of a year over, 5.1 is the actual and indicator 2 the recorded carry-over', async () => {
    const f = await forecast(admin, `fiscalYear=2564&unitId=${units.A.id}`);
    expect(f).toMatchObject({ asOf: '2021-09-30', monthsObserved: 12 });
    expect(rowOf(f, units.A.code).disbursement).toMatchObject({
      point: '95.000',
      low: '95.000',
      high: '95.000',
      method: 'actual',
    });
    expect(rowOf(f, units.A.code).carryOver).toMatchObject({
      current: '2.500',
      point: '2.500',
      method: 'actual',
    });
  });

  it('without a year, takes the latest fiscal year with lines in scope (as home cards do)', async () => {
    const f = await forecast(admin, `unitId=${units.A.id}`);
    expect(f.fiscalYear).toBe(2565);
    const res = await admin.get(`/api/v1/execution/alerts?unitId=${units.B.id}`);
    expect(alertsSchema.parse(res.json()).fiscalYear).toBe(2565);
  });

  it('raises the laggard alerts of the seed’s activity 2 from the rules as data', async () => {
    const res = await admin.get(`/api/v1/execution/alerts?fiscalYear=2565&asOf=2022-03-31`);
    expect(res.statusCode, res.body).toBe(200);
    const a = alertsSchema.parse(res.json());
    expect(a.rules.map((r) => [r.id, r.dueDate])).toEqual([
      ['equipment_q1', '2021-12-31'],
      ['land_construction_q2', '2022-03-31'],
      ['capital_q2', '2022-03-31'],
    ]);
    const b = a.findings.filter((x) => x.unitId === units.B.id);
    expect(b.map((x) => [x.ruleId, x.status, x.rateAtDue, x.rate])).toEqual([
      ['equipment_q1', 'flagged', '50.000', '50.000'],
      ['land_construction_q2', 'ok', '70.000', '70.000'],
      ['capital_q2', 'ok', '64.286', '64.286'],
    ]);
    expect(b[0]).toMatchObject({
      baseBaht: '400000.00',
      committedBaht: '200000.00',
      thresholdPercent: '60',
      analysisDivisionNo: 2,
    });
    expect(a.flaggedUnits).toBeGreaterThanOrEqual(1);
    expect(a.nextDeadline).toEqual({ fiscalMonth: 12, date: '2022-09-30', ruleIds: [] });
    // in mid-December nothing is due yet; the next deadline is the end of Q1
    const dec = alertsSchema.parse(
      (await admin.get(`/api/v1/execution/alerts?fiscalYear=2565&asOf=2021-12-15`)).json(),
    );
    expect(dec.findings.filter((x) => x.unitId === units.B.id).map((x) => x.status)).toEqual([
      'upcoming',
      'upcoming',
      'upcoming',
    ]);
    expect(dec.nextDeadline).toEqual({
      fiscalMonth: 3,
      date: '2021-12-31',
      ruleIds: ['equipment_q1'],
    });
  });

  it('ranks units by 5.1 (highest first) and indicator 2 (lowest first), ties sharing a rank', async () => {
    const res = await admin.get(`/api/v1/execution/rankings?fiscalYear=2565&asOf=2022-03-31`);
    expect(res.statusCode, res.body).toBe(200);
    const r = rankingsSchema.parse(res.json());
    const rateOf = (code: string) => r.disbursement.find((x) => x.unitCode === code)?.rate;
    expect(rateOf(units.G.code)).toBe('48.000');
    expect(rateOf(units.U.code)).toBe('50.000');
    expect(rateOf(units.A.code)).toBe('20.000');
    for (let i = 1; i < r.disbursement.length; i++) {
      const [p, q] = [r.disbursement[i - 1]!, r.disbursement[i]!];
      expect(Number(q.rate)).toBeLessThanOrEqual(Number(p.rate));
      expect(q.rank).toBe(p.rate === q.rate ? p.rank : i + 1);
    }
    expect(r.carryOver.some((x) => x.unitCode === units.U.code)).toBe(false);
  });

  it('keeps to the reader’s scope: an officer sees their unit and ALL, an analyst their division', async () => {
    const officer = await (await aUser().officerOf(units.A).create(t)).signIn(t.app);
    const f = await forecast(officer, 'fiscalYear=2565&asOf=2022-03-31');
    expect(f.rows.map((r) => r.unitCode)).toEqual([units.A.code, 'ALL']);
    expect(f.misses.every((m) => m.unitCode === units.A.code)).toBe(true);
    const alerts = alertsSchema.parse(
      (await officer.get('/api/v1/execution/alerts?fiscalYear=2565&asOf=2022-03-31')).json(),
    );
    expect(alerts.findings).toEqual([]); // A has no capital lines; B's are not theirs
    for (const url of [
      `/api/v1/execution/forecast?fiscalYear=2565&unitId=${units.B.id}`,
      `/api/v1/execution/alerts?fiscalYear=2565&unitId=${units.B.id}`,
    ]) {
      const res = await officer.get(url);
      expect(res.statusCode).toBe(404);
      expect(errorBodySchema.parse(res.json()).error.details).toMatchObject({
        reason: 'unit_not_found',
      });
    }
    const ranks = rankingsSchema.parse(
      (await officer.get('/api/v1/execution/rankings?fiscalYear=2565&asOf=2022-03-31')).json(),
    );
    expect(ranks.disbursement.map((x) => x.unitCode)).toEqual([units.A.code]);

    const analyst = await (await aUser().analystOf(3).create(t)).signIn(t.app);
    const g = await forecast(analyst, 'fiscalYear=2565&asOf=2022-03-31');
    const codes = g.rows.map((r) => r.unitCode);
    expect(codes).toContain(units.C.code);
    expect(codes).toContain(units.U.code);
    expect(codes).not.toContain(units.A.code);
    expect(g.rows.every((r) => r.analysisDivisionNo === 3 || r.unitCode === 'ALL')).toBe(true);
  });

  it('refuses a bad date and an unknown unit with clear errors', async () => {
    for (const [url, status] of [
      ['/api/v1/execution/forecast?fiscalYear=2565&asOf=2022-02-30', 400],
      ['/api/v1/execution/forecast?fiscalYear=25x5', 400],
      ['/api/v1/execution/alerts?fiscalYear=2565&unitId=not-a-uuid', 400],
      ['/api/v1/execution/alerts?fiscalYear=2565&asOf=%00', 400],
      [`/api/v1/execution/forecast?fiscalYear=2565&unitId=${crypto.randomUUID()}`, 404],
    ] as const) {
      const res = await admin.get(url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
      errorBodySchema.parse(res.json());
    }
  });

  describe('the alert rules', () => {
    const get = async (c: Client) =>
      alertRulesSchema.parse((await c.get('/api/v1/execution/alert-rules')).json());
    const put = (c: Client, body: unknown) =>
      c.request('PUT', '/api/v1/execution/alert-rules', body);

    it('are the seed’s defaults until saved; the Budget Office saves, with an audit entry', async () => {
      const before = await get(admin);
      expect(before).toMatchObject({ isDefault: true, version: 1 });
      expect(before.targets).toEqual({ disbursementRate: '80', carryOverRate: '0' });
      const office = await (await aUser().office().create(t)).signIn(t.app);
      const rules: AlertRules['rules'] = [
        ...before.rules,
        {
          id: 'operating_q3',
          label: 'งบดำเนินงาน ก่อหนี้ผูกพันไม่ถึงร้อยละ 10 ณ สิ้นไตรมาสที่ 3',
          expenseCategory: 'operating',
          dueFiscalMonth: 9,
          minObligatedPercent: '10',
        },
      ];
      const res = await put(office, {
        version: 1,
        rules,
        targets: { disbursementRate: '90', carryOverRate: '0' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const saved = alertRulesSchema.parse(res.json());
      expect(saved).toMatchObject({ isDefault: false, version: 2 });
      expect(saved.rules.map((r) => r.id)).toEqual([
        'equipment_q1',
        'land_construction_q2',
        'capital_q2',
        'operating_q3',
      ]);
      expect(await get(admin)).toEqual(saved);
      const [entry] = await auditOf(t.database, 'laggard');
      expect(entry).toMatchObject({ action: 'update', entity: 'execution_rule' });
      expect(entry!.before).toMatchObject({ version: 1 });
      expect(entry!.after).toMatchObject({ version: 2, targets: { disbursementRate: '90' } });
      // the new target moves the forecast's status: G's 96 % still meets 90 %
      const f = await forecast(admin, `fiscalYear=2565&asOf=2022-03-31&unitId=${units.G.id}`);
      expect(f.targets.disbursementRate).toBe('90.000');
      // the new rule is due at the end of June: in July, A's operating is 30 % committed (paid without obligation)
      const july = alertsSchema.parse(
        (
          await admin.get(
            `/api/v1/execution/alerts?fiscalYear=2565&asOf=2022-07-15&unitId=${units.A.id}`,
          )
        ).json(),
      );
      expect(july.findings.map((x) => [x.ruleId, x.status, x.rate])).toEqual([
        ['operating_q3', 'ok', '30.000'],
      ]);
    });

    it('refuse a stale version with 409 and bad rules with 400, writing nothing', async () => {
      const now = await get(admin);
      const stale = await put(admin, {
        version: now.version - 1,
        rules: now.rules,
        targets: now.targets,
      });
      expect(stale.statusCode).toBe(409);
      expect(errorBodySchema.parse(stale.json()).error.details).toMatchObject({
        reason: 'stale_version',
        currentVersion: now.version,
      });
      const rule = now.rules[0]!;
      const bad: [string, unknown, string][] = [
        ['the same id twice', { rules: [rule, rule] }, 'alert_rule_id_taken'],
        ['a threshold over 100', { rules: [{ ...rule, minObligatedPercent: '101' }] }, 'too_big'],
        ['month 13', { rules: [{ ...rule, dueFiscalMonth: 13 }] }, 'too_big'],
        ['a bad id', { rules: [{ ...rule, id: 'Equipment Q1' }] }, 'invalid_format'],
        [
          'an unknown category',
          { rules: [{ ...rule, expenseCategory: 'misc' }] },
          'invalid_option',
        ],
        ['a NUL in the label', { rules: [{ ...rule, label: 'a\u0000b' }] }, 'control_character'],
        [
          'a target over 100',
          { targets: { ...now.targets, disbursementRate: '100.5' } },
          'too_big',
        ],
      ];
      for (const [what, change, reason] of bad) {
        const res = await put(admin, {
          version: now.version,
          rules: now.rules,
          targets: now.targets,
          ...(change as object),
        });
        expect(res.statusCode, what).toBe(400);
        expect(JSON.stringify(res.json()), what).toContain(reason);
      }
      expect(await get(admin)).toEqual(now);
    });

    it('are not for officers, analysts or executives to change', async () => {
      const now = await get(admin);
      for (const user of [aUser().officerOf(units.A), aUser().analystOf(2), aUser().executive()]) {
        const c = await (await user.create(t)).signIn(t.app);
        expect((await c.get('/api/v1/execution/alert-rules')).statusCode).toBe(200);
        const res = await put(c, { version: now.version, rules: now.rules, targets: now.targets });
        expect(res.statusCode).toBe(403);
      }
      expect(await get(admin)).toEqual(now);
    });
  });
});
