import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, importKindListSchema, importRejectedDetails } from '@pbis/contract';
import { issueCode } from '../modules/imports/issue-codes.js';
import { runImport } from '../modules/imports/pipeline.js';
import { MAX_IMPORT_BYTES } from '../modules/imports/read-table.js';
import { importKind, importKindNames } from '../modules/imports/registry.js';
import { csvText, snapshot, upload, utf8 } from './fixtures.js';
import { aUnit, next } from './factories.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

/*
 * What the web's import screen reads before a file is sent (the kinds, their columns, the size
 * limit, an example file), and the codes a refused file's problems carry so the screen can say
 * each one in Thai.
 */

const header = (kind: string) => [...importKind(kind).columns];

describe.each(testDatabases())('the import screen’s reads on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  it('lists every kind with its columns, required columns, example and the size limit', async () => {
    const res = await admin.get('/api/v1/imports/kinds');
    expect(res.statusCode).toBe(200);
    const list = importKindListSchema.parse(res.json());
    expect(list.maxBytes).toBe(MAX_IMPORT_BYTES);
    expect(list.items.map((k) => k.kind)).toEqual(importKindNames());
    expect(list.items.map((k) => k.kind)).toEqual(
      expect.arrayContaining([
        'units',
        'budget-lines',
        'transfers',
        'obligations',
        'disbursements',
        'carry-overs',
      ]),
    );
    for (const item of list.items) {
      expect(item.columns).toEqual(header(item.kind));
      expect(item.required.every((c) => item.columns.includes(c))).toBe(true);
      expect(item.example, item.kind).toBe(true);
    }
  });

  it('serves the example file of a kind, whose header is the kind’s columns', async () => {
    const res = await admin.get('/api/v1/imports/kinds/disbursements/example');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('disbursements-example.csv');
    const first = res.body.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
    expect(first.split(',')).toEqual(header('disbursements'));
  });

  it('answers 404 for an unknown kind, a path trick or a NUL byte, never a 500', async () => {
    for (const name of ['nope', '..%2F..%2Fpackage', '%00', 'units%00', '..']) {
      const res = await admin.get(`/api/v1/imports/kinds/${name}/example`);
      expect(res.statusCode, name).toBeLessThan(500);
      expect([400, 404], name).toContain(res.statusCode);
      errorBodySchema.parse(res.json());
    }
  });

  it('is refused to a unit officer', async () => {
    const officer = await login(t.app, 'officer-BDO').catch(() => undefined);
    if (!officer) return; // no demo accounts here: the access matrix covers every role
    expect((await officer.get('/api/v1/imports/kinds')).statusCode).toBe(403);
  });

  it('names every problem of a refused disbursement file by code, with its values', async () => {
    const unit = await aUnit().inDivision(2).create(t);
    await runImport(t.database, t.system, importKind('budget-lines'), {
      bytes: utf8(
        csvText([
          header('budget-lines'),
          [
            '2565',
            unit.code,
            unit.nameTh,
            'แผนงาน',
            '',
            '',
            'งานบริหารทั่วไป',
            'งบดำเนินงาน',
            '',
            '1000.00',
          ],
        ]),
      ),
      name: `lines-${next()}.csv`,
    });
    const row = (over: Partial<Record<string, string>>) => {
      const base: Record<string, string> = {
        fiscal_year: '2565',
        unit_code: unit.code,
        project: 'งานบริหารทั่วไป',
        expense_category: 'งบดำเนินงาน',
        document_no: `D-${next()}`,
        date: '2022-03-01',
        amount: '10.00',
      };
      return header('disbursements').map((c) => ({ ...base, ...over })[c] ?? '');
    };
    const rows = [
      header('disbursements'),
      row({ unit_code: 'NO-SUCH' }), // 2 unknown unit code
      row({ amount: 'abc' }), // 3 not an amount
      row({ date: '2023-03-01' }), // 4 outside the fiscal year
      row({ expense_category: 'งบพิเศษ' }), // 5 a seventh category
      row({ document_no: 'DUP-1' }), // 6
      row({ document_no: 'DUP-1' }), // 7 twice in the file
      row({ obligation_no: 'PO-NONE' }), // 8 no such obligation
      row({ fiscal_year: '2022' }), // 9 a Common-Era year
      row({ amount: '0' }), // 10 zero
      row({ date: '31/02/2565' }), // 11 no such date
      row({ amount: '1.005' }), // 12 three decimals
      row({ project: 'งานที่ไม่มี' }), // 13 no line matches
      row({ amount: '5000.00' }), // 14 over the available balance (last: the sum runs on)
    ];
    const before = await snapshot(t.database);
    const res = await upload(t.app, admin, 'disbursements', {
      bytes: utf8(csvText(rows)),
      name: 'bad.csv',
    });
    expect(res.statusCode).toBe(400);
    expect(await snapshot(t.database)).toEqual(before);
    const details = importRejectedDetails.parse(
      (res.json() as { error: { details: unknown } }).error.details,
    );
    const uncoded = details.errors.filter((e) => !e.code);
    expect(uncoded).toEqual([]);
    const byLine = new Map(details.errors.map((e) => [e.line, e]));
    expect(byLine.get(2)).toMatchObject({ code: 'unknown_unit_code', params: { code: 'NO-SUCH' } });
    expect(byLine.get(3)).toMatchObject({
      code: 'amount_invalid',
      params: { column: 'amount', value: 'abc' },
    });
    expect(byLine.get(4)).toMatchObject({
      code: 'date_outside_year',
      params: { date: '2023-03-01', year: '2565' },
    });
    expect(byLine.get(5)).toMatchObject({ code: 'category_invalid', params: { value: 'งบพิเศษ' } });
    expect(byLine.get(7)).toMatchObject({
      code: 'document_twice_in_file',
      params: { documentNo: 'DUP-1', otherLine: '6' },
    });
    expect(byLine.get(8)).toMatchObject({
      code: 'no_obligation',
      params: { obligationNo: 'PO-NONE', year: '2565' },
    });
    expect(byLine.get(9)).toMatchObject({ code: 'fiscal_year_invalid' });
    expect(byLine.get(10)).toMatchObject({ code: 'amount_zero' });
    expect(byLine.get(11)).toMatchObject({ code: 'date_invalid', params: { value: '31/02/2565' } });
    expect(byLine.get(12)).toMatchObject({ code: 'amount_decimals', params: { value: '1.005' } });
    expect(byLine.get(13)).toMatchObject({ code: 'no_line_matches' });
    expect(byLine.get(14)).toMatchObject({
      code: 'over_available',
      params: { available: '1000.00' },
    });
  });

  it('names a missing column and an empty file by code', async () => {
    const missing = await upload(t.app, admin, 'disbursements', {
      bytes: utf8('fiscal_year,unit_code,amount\n2565,X,1.00\n'),
      name: 'short.csv',
    });
    expect(missing.statusCode).toBe(400);
    const d1 = importRejectedDetails.parse(
      (missing.json() as { error: { details: unknown } }).error.details,
    );
    expect(d1.errors[0]).toMatchObject({ line: 1, code: 'missing_columns' });
    const empty = await upload(t.app, admin, 'disbursements', {
      bytes: utf8(`${header('disbursements').join(',')}\n`),
      name: 'empty.csv',
    });
    const d2 = importRejectedDetails.parse(
      (empty.json() as { error: { details: unknown } }).error.details,
    );
    expect(d2.errors[0]).toMatchObject({ line: 2, code: 'no_data_rows' });
  });
});

describe('issue codes of the English sentences', () => {
  it.each([
    ['unit_code and unit_name are both empty', 'unit_code_and_name_empty', {}],
    ['document_no is empty', 'empty_cell', { column: 'document_no' }],
    ['fiscal_year is empty (give it, or --year)', 'fiscal_year_missing', {}],
    [
      'to_unit: no receiving unit is named "สำนักการระบายนำ"; did you mean DDS "สำนักการระบายน้ำ"?',
      'unit_name_near_miss',
      { name: 'สำนักการระบายนำ', code: 'DDS', nearName: 'สำนักการระบายน้ำ' },
    ],
    [
      'no receiving unit is named "ที่ไม่มี" (or it is outside your scope)',
      'unknown_unit_name',
      { name: 'ที่ไม่มี' },
    ],
    [
      '2022-03-01 is in a closed period of fiscal year 2565; post the correction in the open month',
      'period_closed',
      { date: '2022-03-01', year: '2565' },
    ],
    [
      'document_no D-1 is already posted (10.00 on 2022-03-01); post a reversal with a new document number to correct it',
      'document_already_posted',
      { documentNo: 'D-1', amount: '10.00', date: '2022-03-01' },
    ],
    [
      'over the open amount of obligation PO-1: 20.00 paid in this file up to here, 10.00 open',
      'over_obligation_open',
      { obligationNo: 'PO-1', paid: '20.00', open: '10.00' },
    ],
    [
      '2 budget lines match project "งาน", expense_category capital, fund_source regular; give line_code or expense_item',
      'several_lines_match',
      { count: '2' },
    ],
    ['column amount appears twice', 'column_twice', { column: 'amount' }],
    ['fiscal_year 2566 is not the year imported (--year 2565)', 'fiscal_year_other', {}],
    ['something new the server says', undefined, undefined],
  ])('%s', (reason, code, params) => {
    const found = issueCode(reason);
    expect(found?.code).toBe(code);
    if (params && Object.keys(params).length) expect(found?.params).toMatchObject(params);
  });
});
