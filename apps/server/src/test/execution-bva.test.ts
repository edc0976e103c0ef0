import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  budgetLineListSchema,
  budgetVsActualSchema,
  errorBodySchema,
  lineDocumentsSchema,
} from '@pbis/contract';
import { decimalToSatang } from '@pbis/core';
import { runImport } from '../modules/imports/pipeline.js';
import { importKind } from '../modules/imports/registry.js';
import { csvText, utf8 } from './fixtures.js';
import { aUnit, aUser, next } from './factories.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

/*
 * Budget vs actual at every level (GET /execution/budget-vs-actual), a line's documents and the
 * report as a file, on a small ledger whose figures are worked out by hand below.
 */

const header = (kind: string) => [...importKind(kind).columns];
const FIGURES = [
  'enactedBaht',
  'revisedBaht',
  'reservedBaht',
  'obligatedBaht',
  'disbursedBaht',
  'availableBaht',
] as const;
type Figures = Record<(typeof FIGURES)[number], string>;

describe.each(testDatabases())('budget vs actual on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  let A: { id: string; code: string; nameTh: string };
  let B: { id: string; code: string; nameTh: string };
  let C: { id: string; code: string; nameTh: string };
  const year = 2565;

  const run = (k: string, rows: string[][]) =>
    runImport(t.database, t.system, importKind(k), {
      bytes: utf8(csvText([header(k), ...rows])),
      name: `${k}-${next()}.csv`,
    });
  const bva = async (c: Client, query: string) => {
    const res = await c.get(`/api/v1/execution/budget-vs-actual?fiscalYear=${year}${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return budgetVsActualSchema.parse(res.json());
  };
  const q = (params: Record<string, string>) =>
    Object.entries(params)
      .map(([k, v]) => `&${k}=${encodeURIComponent(v)}`)
      .join('');

  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
    A = await aUnit().inDivision(3).named(`สำนักการศึกษาทดสอบ ${next()}`).create(t);
    B = await aUnit().inDivision(3).create(t);
    C = await aUnit().inDivision(4).create(t);
    const line = (
      u: typeof A,
      programme: string,
      code: string,
      project: string,
      cat: string,
      amount: string,
      item = '',
    ) => [
      String(year),
      u.code,
      u.nameTh,
      programme,
      '',
      code,
      project,
      cat,
      '',
      amount,
      '',
      '',
      item,
    ];
    await run('budget-lines', [
      line(A, 'แผนงานบริหาร', '', 'งานบริหารทั่วไป', 'operating', '1000000'),
      line(A, 'แผนงานบริหาร', '', 'งานบริหารทั่วไป', 'capital', '400000'),
      line(A, 'แผนงานบริหาร', 'PJ-1', 'งานซ่อม', 'operating', '250000.50', 'ค่าซ่อมแซม'),
      line(A, '', '', 'งานอื่น', 'personnel', '333333.33'),
      line(B, 'แผนงานบริหาร', '', 'งานบริหารทั่วไป', 'operating', '500000'),
      line(C, 'แผนงานการศึกษา', '', 'งานสอน', 'subsidy', '700000'),
    ]);
    const entry = (u: typeof A, project: string, cat: string) => [
      String(year),
      u.code,
      '',
      '',
      '',
      project,
      cat,
      '',
      '',
    ];
    await run('obligations', [
      [
        ...entry(A, 'งานบริหารทั่วไป', 'operating'),
        `O1-${A.code}`,
        '2022-01-10',
        'บริษัท ก จำกัด',
        '300000',
      ],
      [...entry(C, 'งานสอน', 'subsidy'), `O9-${C.code}`, '2022-01-10', '', '7000'],
    ]);
    await run('disbursements', [
      [
        ...entry(A, 'งานบริหารทั่วไป', 'operating'),
        `D1-${A.code}`,
        '2022-02-15',
        '100000',
        `O1-${A.code}`,
      ],
      [...entry(A, 'งานบริหารทั่วไป', 'operating'), `D2-${A.code}`, '2022-04-20', '50000.25', ''],
      [...entry(B, 'งานบริหารทั่วไป', 'operating'), `D3-${B.code}`, '2022-05-01', '125000', ''],
    ]);
    await run('transfers', [
      [
        String(year),
        `T1-${A.code}`,
        '2022-03-01',
        A.code,
        '',
        '',
        'งานบริหารทั่วไป',
        'operating',
        A.code,
        '',
        '',
        'งานบริหารทั่วไป',
        'capital',
        '100000',
        'ปรับแผน',
      ],
    ]);
    await run('carry-overs', [
      [
        ...entry(A, 'งานบริหารทั่วไป', 'operating'),
        'without_obligation',
        '10000',
        'กทม. 9/2565',
        '',
        '',
      ],
    ]);
  });
  afterAll(() => t?.close());

  const sat = (f: Figures, k: (typeof FIGURES)[number]) => decimalToSatang(f[k]);

  /** Walks every node from `query` down; at each, the total is the sum of its rows exactly. */
  async function checkSums(c: Client, query: string): Promise<number> {
    const node = await bva(c, query);
    let visited = 1;
    for (const k of FIGURES)
      expect(
        node.rows.reduce((s, r) => s + sat(r, k), 0n),
        `${k} at ${node.path.map((p) => p.name).join(' › ')}`,
      ).toBe(sat(node.total, k));
    expect(node.total.childCount).toBe(node.rows.length);
    const param: Record<string, string> = {
      division: 'division',
      unit: 'unit',
      programme: 'programme',
      project: 'project',
      category: 'category',
    };
    for (const r of node.rows) {
      if (r.level === 'line') {
        expect(r.childCount).toBe(0);
        expect(r.lineId).toBe(r.key);
        continue;
      }
      const child = await bva(c, `${query}${q({ [param[r.level]!]: r.key })}`);
      for (const k of FIGURES) expect(child.total[k]).toBe(r[k]);
      expect(child.rows).toHaveLength(r.childCount);
      visited += await checkSums(c, `${query}${q({ [param[r.level]!]: r.key })}`);
    }
    return visited;
  }

  it('gives every level from the BMA to the line, each total exactly the sum of its rows', async () => {
    const top = await bva(admin, '');
    expect(top.level).toBe('division');
    expect(top.path).toEqual([{ level: 'bma', key: '', name: 'กรุงเทพมหานคร' }]);
    expect(top.rows.map((r) => r.name)).toEqual(['กองวิเคราะห์งบประมาณ 3', 'กองวิเคราะห์งบประมาณ 4']);
    // The BMA: the lines' own totals, summed independently.
    const lines = budgetLineListSchema.parse(
      (await admin.get(`/api/v1/execution/lines?fiscalYear=${year}`)).json(),
    ).items;
    for (const k of FIGURES)
      expect(sat(top.total, k)).toBe(lines.reduce((s, l) => s + decimalToSatang(l[k]), 0n));
    expect(top.total).toMatchObject({
      enactedBaht: '3183333.83',
      revisedBaht: '3183333.83',
      obligatedBaht: '307000.00',
      disbursedBaht: '275000.25',
    });
    // BMA, 2 divisions, 3 units, 4 programmes, 5 projects, 6 categories.
    expect(await checkSums(admin, '')).toBe(1 + 2 + 3 + 4 + 5 + 6);
  });

  it('descends with breadcrumbs to a line and its figures, worked by hand', async () => {
    const div = (await bva(admin, '')).rows[0]!;
    const units = await bva(admin, q({ division: div.key }));
    expect(units.level).toBe('unit');
    const a = units.rows.find((r) => r.code === A.code)!;
    expect(a.name).toBe(A.nameTh);
    const programmes = await bva(admin, q({ unit: A.id }));
    expect(programmes.path.map((p) => p.name)).toEqual([
      'กรุงเทพมหานคร',
      'กองวิเคราะห์งบประมาณ 3',
      A.nameTh,
    ]);
    expect(programmes.rows.map((r) => r.name)).toEqual(['แผนงานบริหาร', '(ไม่ระบุแผนงาน)']);
    const p = programmes.rows[0]!;
    const projects = await bva(admin, q({ unit: A.id, programme: p.key }));
    // Thai order: ซ before บ.
    expect(projects.rows.map((r) => [r.code, r.name])).toEqual([
      ['PJ-1', 'งานซ่อม'],
      ['', 'งานบริหารทั่วไป'],
    ]);
    const path = { unit: A.id, programme: p.key, project: projects.rows[1]!.key };
    const cats = await bva(admin, q(path));
    expect(cats.rows.map((r) => r.key)).toEqual(['operating', 'capital']);
    const lines = await bva(admin, q({ ...path, category: 'operating' }));
    expect(lines.level).toBe('line');
    expect(lines.path.map((x) => x.level)).toEqual([
      'bma',
      'division',
      'unit',
      'programme',
      'project',
      'category',
    ]);
    const op = lines.rows[0]!;
    // Enacted 1,000,000 − transfer 100,000; obligated 300,000; paid 100,000 on it + 50,000.25 direct.
    expect(op).toMatchObject({
      level: 'line',
      name: 'งบดำเนินงาน',
      fundSource: 'regular',
      enactedBaht: '1000000.00',
      revisedBaht: '900000.00',
      reservedBaht: '0.00',
      obligatedBaht: '300000.00',
      disbursedBaht: '150000.25',
      availableBaht: '549999.75',
      disbursementRate: '16.667',
      childCount: 0,
    });
    const capital = (await bva(admin, q({ ...path, category: 'capital' }))).rows[0]!;
    expect(capital.revisedBaht).toBe('500000.00');
    expect(capital.disbursementRate).toBe('0.000');
  });

  it('gives the figures at a past day from the monthly totals, less the later entries of its month', async () => {
    const path = q({ unit: A.id });
    const at = async (day: string) => (await bva(admin, `${path}&asOf=${day}`)).total;
    // 10 Feb: obligation (10 Jan) counted; payment of 15 Feb and transfer of 1 Mar not yet.
    expect(await at('2022-02-10')).toMatchObject({
      revisedBaht: '1983333.83',
      obligatedBaht: '300000.00',
      disbursedBaht: '0.00',
      availableBaht: '1683333.83',
    });
    // 31 Mar: the transfer moved money inside the unit (its total stays), 100,000 paid.
    expect(await at('2022-03-31')).toMatchObject({
      revisedBaht: '1983333.83',
      disbursedBaht: '100000.00',
      availableBaht: '1683333.83',
    });
    // After the year: the running totals exactly.
    const now = (await bva(admin, path)).total;
    expect(await at('2022-10-31')).toEqual(now);
    // Before the year: the enacted budget, nothing spent.
    expect(await at('2021-09-30')).toMatchObject({
      revisedBaht: '1983333.83',
      obligatedBaht: '0.00',
      disbursedBaht: '0.00',
    });
    const body = (await bva(admin, `${path}&asOf=2022-03-31`)).asOf;
    expect(body).toBe('2022-03-31');
  });

  it('lists a line’s documents newest first, paged, with what was settled and the counterpart', async () => {
    const lines = budgetLineListSchema.parse(
      (await admin.get(`/api/v1/execution/lines?fiscalYear=${year}&unitId=${A.id}`)).json(),
    ).items;
    const op = lines.find(
      (l) => l.project === 'งานบริหารทั่วไป' && l.expenseCategory === 'operating',
    )!;
    const all = lineDocumentsSchema.parse(
      (await admin.get(`/api/v1/execution/lines/${op.id}/documents`)).json(),
    );
    expect(all.total).toBe(5);
    expect(all.line).toMatchObject({ unitCode: A.code, availableBaht: '549999.75', childCount: 0 });
    expect(all.items.map((d) => [d.kind, d.date, d.amountBaht])).toEqual([
      ['carry_over', '2022-09-30', '10000.00'],
      ['disbursement', '2022-04-20', '50000.25'],
      ['transfer_out', '2022-03-01', '100000.00'],
      ['disbursement', '2022-02-15', '100000.00'],
      ['obligation', '2022-01-10', '300000.00'],
    ]);
    expect(all.items[0]).toMatchObject({ documentNo: 'กทม. 9/2565', detail: 'without_obligation' });
    expect(all.items[1]!.obligationNo).toBeNull();
    expect(all.items[2]!.counterpart).toBe(`${A.code} ${A.nameTh} · งานบริหารทั่วไป`);
    expect(all.items[3]!.obligationNo).toBe(`O1-${A.code}`);
    expect(all.items[4]).toMatchObject({ settledBaht: '100000.00', vendor: 'บริษัท ก จำกัด' });
    const page = lineDocumentsSchema.parse(
      (await admin.get(`/api/v1/execution/lines/${op.id}/documents?limit=2&offset=2`)).json(),
    );
    expect(page.items.map((d) => d.kind)).toEqual(['transfer_out', 'disbursement']);
    expect(page.total).toBe(5);
    const past = lineDocumentsSchema.parse(
      (await admin.get(`/api/v1/execution/lines/${op.id}/documents?offset=10`)).json(),
    );
    expect([past.items, past.total]).toEqual([[], 5]);
    const capital = lines.find((l) => l.expenseCategory === 'capital')!;
    const cin = lineDocumentsSchema.parse(
      (await admin.get(`/api/v1/execution/lines/${capital.id}/documents`)).json(),
    );
    expect(cin.items.map((d) => d.kind)).toEqual(['transfer_in']);
  });

  it('keeps each role to its scope; a unit or line outside it is 404', async () => {
    const officer = await (await aUser().officerOf(A).create(t)).signIn(t.app);
    const own = await bva(officer, '');
    expect(own.rows).toHaveLength(1);
    expect(own.rows[0]!.childCount).toBe(1);
    const units = await bva(officer, q({ division: own.rows[0]!.key }));
    expect(units.rows.map((r) => r.code)).toEqual([A.code]);
    expect(own.total.enactedBaht).toBe('1983333.83');
    const other = await officer.get(
      `/api/v1/execution/budget-vs-actual?fiscalYear=${year}&unit=${B.id}`,
    );
    expect(other.statusCode).toBe(404);
    expect(errorBodySchema.parse(other.json()).error.details).toMatchObject({
      reason: 'unit_not_found',
    });

    const bLine = budgetLineListSchema.parse(
      (await admin.get(`/api/v1/execution/lines?fiscalYear=${year}&unitId=${B.id}`)).json(),
    ).items[0]!;
    const hidden = await officer.get(`/api/v1/execution/lines/${bLine.id}/documents`);
    expect(hidden.statusCode).toBe(404);
    expect(errorBodySchema.parse(hidden.json()).error.details).toMatchObject({
      reason: 'budget_line_not_found',
    });
    expect((await admin.get(`/api/v1/execution/lines/${bLine.id}/documents`)).statusCode).toBe(200);

    const analyst = await (await aUser().analystOf(3).create(t)).signIn(t.app);
    const div = await bva(analyst, '');
    expect(div.rows.map((r) => r.name)).toEqual(['กองวิเคราะห์งบประมาณ 3']);
    expect(div.total.enactedBaht).toBe('2483333.83');
    expect(
      (await analyst.get(`/api/v1/execution/budget-vs-actual?fiscalYear=${year}&unit=${C.id}`))
        .statusCode,
    ).toBe(404);
    const report = await analyst.get(
      `/api/v1/execution/budget-vs-actual/report?fiscalYear=${year}&format=json`,
    );
    const codes = (report.json() as { rows: { unit_code: string }[] }).rows
      .map((r) => r.unit_code)
      .filter(Boolean);
    expect(new Set(codes)).toEqual(new Set([A.code, B.code]));

    const office = await (await aUser().office().create(t)).signIn(t.app);
    expect((await bva(office, '')).rows).toHaveLength(2);
  });

  it('refuses a path that names nothing, or skips a level, with 404 / 400', async () => {
    const res = await admin.get(
      `/api/v1/execution/budget-vs-actual?fiscalYear=${year}&unit=${A.id}&programme=${encodeURIComponent('n:ไม่มีแผนงานนี้')}`,
    );
    expect(res.statusCode).toBe(404);
    expect(errorBodySchema.parse(res.json()).error.details).toMatchObject({
      reason: 'budget_node_not_found',
    });
    const skip = await admin.get(
      `/api/v1/execution/budget-vs-actual?fiscalYear=${year}&programme=${encodeURIComponent('n:แผนงานบริหาร')}`,
    );
    expect(skip.statusCode).toBe(400);
    const unknown = await admin.get(
      `/api/v1/execution/budget-vs-actual?fiscalYear=${year}&unit=00000000-0000-4000-8000-000000000000`,
    );
    expect(unknown.statusCode).toBe(404);
    const empty = await aUnit().inDivision(5).create(t);
    const none = await bva(admin, q({ unit: empty.id }));
    expect([none.rows, none.total.enactedBaht, none.level]).toEqual([[], '0.00', 'programme']);
  });

  it('never answers 500 to NUL bytes, control characters or bad percent-encoding', async () => {
    const base = `/api/v1/execution/budget-vs-actual?fiscalYear=${year}&unit=${A.id}`;
    for (const url of [
      `${base}&programme=%00`,
      `${base}&programme=n%3A%01abc`,
      `${base}&programme=%E0%B8`,
      `${base}&project=%0A`,
      `/api/v1/execution/budget-vs-actual?fiscalYear=${year}&division=%00`,
      `/api/v1/execution/budget-vs-actual?fiscalYear=25%0065`,
      `/api/v1/execution/budget-vs-actual?fiscalYear=${year}&asOf=2022-13-45`,
      `/api/v1/execution/budget-vs-actual?fiscalYear=${year}&unit=%00`,
      `/api/v1/execution/budget-vs-actual/report?fiscalYear=${year}&format=pdf&unit=%00`,
      `/api/v1/execution/budget-vs-actual/report?fiscalYear=${year}&format=exe`,
      `/api/v1/execution/lines/%00/documents`,
      `/api/v1/execution/lines/${A.id}/documents?limit=%00`,
    ]) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
    expect((await admin.get(`/api/v1/execution/lines/${A.id}/documents`)).statusCode).toBe(404);
  });

  it('serves the report as files with a content-disposition', async () => {
    const get = (format: string, extra = '') =>
      admin.get(
        `/api/v1/execution/budget-vs-actual/report?fiscalYear=${year}&format=${format}${extra}`,
      );
    const csv = await get('csv', `&unit=${A.code}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="budget-vs-actual-${year}.csv"`,
    );
    const text = csv.body.replace(/^\uFEFF/, '');
    expect(text.split('\n')[0]).toMatch(/^level,division,unit_code,unit_name,/);
    expect(text.split('\n')[1]).toMatch(new RegExp(`^unit,กองวิเคราะห์งบประมาณ 3,${A.code},`));
    const json = (
      await get('json', `&unit=${encodeURIComponent(A.nameTh)}&asOf=2022-03-31`)
    ).json() as {
      as_of: string;
      rows: { level: string; disbursed_baht: string }[];
    };
    expect(json.as_of).toBe('2022-03-31');
    expect(json.rows[0]).toMatchObject({ level: 'unit', disbursed_baht: '100000.00' });
    const pdf = await get('pdf');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await get('xlsx');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const missing = await get('csv', '&unit=NOPE');
    expect(missing.statusCode).toBe(404);
  });
});
