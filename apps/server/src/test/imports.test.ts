import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { AppError } from '@pbis/core';
import {
  errorBodySchema,
  importRejectedDetails,
  importSummarySchema,
  unitListSchema,
} from '@pbis/contract';
import { exportKind } from '../modules/imports/export.js';
import { ImportRejected, runImport, type ImportOptions } from '../modules/imports/pipeline.js';
import { importKind } from '../modules/imports/registry.js';
import {
  countRows,
  csvText,
  OLE_XLS,
  ownerRows,
  snapshot,
  UNIT_COLUMNS,
  upload,
  utf8,
  windows874,
  withBom,
  xlsxBytes,
} from './fixtures.js';
import { aUnit, aUser } from './factories.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

const units = importKind('units');
/**
 * Two new units of one test: codes `TAG1`, `TAG2` and names holding the Thai word `word`, so the
 * sets of two tests are far apart (no near-miss of each other) and no test needs another's rows.
 */
const unitRows = (tag: string, word: string) => [
  UNIT_COLUMNS,
  [`${tag}1`, `ศูนย์${word}นำเข้าข้อมูลแรก`, 'Import Test Centre', 'department', '2', 'true'],
  [`${tag}2`, `สำนักงานเขต${word}สมมุติ`, 'Mock District Office', 'district_office', '', 'true'],
];
/** The same two units with Thai headers and Thai values, plus a third. */
const thaiRows = (tag: string, word: string) => [
  ['รหัสหน่วยงาน', 'ชื่อหน่วยงาน', 'ชื่อภาษาอังกฤษ', 'ประเภท', 'กองวิเคราะห์งบประมาณ', 'สถานะ'],
  [
    `${tag}1`,
    `ศูนย์${word}นำเข้าข้อมูลแรก`,
    'Import Test Centre',
    'สำนัก',
    'กองวิเคราะห์งบประมาณ 2',
    'ใช้งาน',
  ],
  [`${tag}2`, `สำนักงานเขต${word}สมมุติ`, 'Mock District Office', 'สำนักงานเขต', '', 'ใช้งาน'],
  [`${tag}3`, `หน่วยงาน${word}ภาษาไทยล้วน`, '', '', '5', ''],
];

describe.each(testDatabases())('units import and export on $name', (kind) => {
  let t: TestContext;
  let admin: Client;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  const run = (bytes: Uint8Array, name = 'units.csv', options: ImportOptions = {}) =>
    runImport(t.database, t.system, units, { bytes, name }, options);
  /** The rejection of a file, and proof that nothing was written. */
  async function rejected(bytes: Uint8Array, name = 'units.csv') {
    const before = await snapshot(t.database);
    const error = await run(bytes, name).then(
      () => expect.fail('the file was accepted'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(await snapshot(t.database)).toEqual(before);
    return error as AppError;
  }
  const issues = async (rows: string[][]) => {
    const e = await rejected(utf8(csvText(rows)));
    expect(e).toBeInstanceOf(ImportRejected);
    return (e as ImportRejected).issues;
  };
  const stored = (code: string) =>
    ownerRows<{
      name_th: string;
      name_en: string;
      kind: string;
      active: boolean;
      no: number | null;
    }>(
      t.database,
      sql`select u.name_th, u.name_en, u.kind, u.active, d.analysis_no as no from receiving_unit u left join division d on d.id = u.analysis_division_id where u.code = ${code}`,
    );

  it('imports a UTF-8 CSV', async () => {
    const rows = unitRows('UTF', 'ช้างเผือก');
    const summary = await run(utf8(csvText(rows)));
    expect(summary).toMatchObject({
      kind: 'units',
      rows: 2,
      total_baht: '0.00',
      dry_run: false,
      already_imported: false,
      format: 'csv',
      encoding: 'utf-8',
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await stored('UTF1')).toEqual([
      {
        name_th: rows[1]![1],
        name_en: 'Import Test Centre',
        kind: 'department',
        active: true,
        no: 2,
      },
    ]);
    expect((await stored('UTF2'))[0]).toMatchObject({ kind: 'district_office', no: null });
  });

  it('reads the same data with a BOM, in TIS-620, as XLSX and semicolon-delimited', async () => {
    const rows = unitRows('ENC', 'กระต่ายป่า');
    expect(await run(utf8(csvText(rows)))).toMatchObject({ created: 2, updated: 0 });
    const same = { created: 0, updated: 0, unchanged: 2, already_imported: false };
    expect(await run(withBom(utf8(csvText(rows))))).toMatchObject({ ...same, encoding: 'utf-8' });
    expect(await run(utf8(csvText(rows, ';')))).toMatchObject(same);
    const r1 = rows[1]!;
    const xlsx = await xlsxBytes([rows[0]!, [...r1.slice(0, 4), 2, r1[5]!], rows[2]!]);
    expect(await run(xlsx, 'units.xlsx')).toMatchObject({
      ...same,
      format: 'xlsx',
      encoding: 'xlsx',
    });
    const tis = await run(windows874(csvText(thaiRows('ENC', 'กระต่ายป่า'))), 'หน่วยงาน.csv');
    expect(tis).toMatchObject({ encoding: 'windows-874', created: 1, updated: 0, unchanged: 2 });
    expect(await stored('ENC3')).toEqual([
      {
        name_th: 'หน่วยงานกระต่ายป่าภาษาไทยล้วน',
        name_en: '',
        kind: 'department',
        active: true,
        no: 5,
      },
    ]);
  });

  it('lists every problem of every row by file line and writes nothing', async () => {
    const found = await issues([
      UNIT_COLUMNS,
      ['TST4', 'ศูนย์ตรวจสอบความถูกต้อง', '', '', '', ''],
      ['bad code!', 'ศูนย์ผิดพลาดสามอย่าง', '', 'castle', '', 'maybe'],
      ['TST5', 'ศูนย์ที่ถูกต้องอีกแห่ง', '', '', '', ''],
      ['TST6', '', '', '', 'seven', 'perhaps'],
    ]);
    expect(found.map((i) => i.line)).toEqual([3, 3, 3, 5, 5, 5]);
    expect(found.map((i) => i.reason)).toEqual([
      expect.stringContaining('code "bad code!"'),
      expect.stringContaining('kind "castle"'),
      expect.stringContaining('active "maybe"'),
      'name_th is empty',
      expect.stringContaining('analysis_division "seven"'),
      expect.stringContaining('active "perhaps"'),
    ]);
  });

  it('refuses near-miss spellings, a second code for a known name, a new unit without code and duplicates', async () => {
    const found = await issues([
      UNIT_COLUMNS,
      ['DDS9', 'สำนักการระบายนำ', '', '', '', ''],
      ['X1024', 'สำนักงานเขตราษฎร์บูรณ', '', '', '', ''],
      ['FIN2', 'สำนักการคลัง', '', '', '', ''],
      ['', 'ศูนย์ใหม่ที่ไม่มีรหัส', '', '', '', ''],
      ['DUPX', 'ศูนย์รหัสซ้ำแห่งแรก', '', '', '', ''],
      ['DUPX', 'ศูนย์รหัสซ้ำแห่งที่สอง', '', '', '', ''],
      ['NEW8', 'ศูนย์รหัสซ้ำแห่งแรก', '', '', '', ''],
    ]);
    expect(found).toEqual([
      {
        line: 2,
        reason: expect.stringMatching(/nearly the name of existing unit DDS "สำนักการระบายน้ำ"/),
      },
      { line: 3, reason: expect.stringMatching(/existing unit 1024 "สำนักงานเขตราษฎร์บูรณะ"/) },
      { line: 4, reason: expect.stringMatching(/already exists with code FIN/) },
      { line: 5, reason: expect.stringMatching(/is a new unit and needs a code/) },
      { line: 7, reason: 'code DUPX already appears on line 6' },
      { line: 8, reason: '"ศูนย์รหัสซ้ำแห่งแรก" already appears on line 6' },
    ]);
  });

  it('refuses unreadable files with a clear reason', async () => {
    expect((await rejected(OLE_XLS, 'budget.xls')).message).toMatch(
      /\.xls files are not supported.*\.xlsx or CSV/,
    );
    expect((await rejected(OLE_XLS, 'renamed.csv')).message).toMatch(
      /\.xls files are not supported/,
    );
    expect((await rejected(new Uint8Array(), 'empty.csv')).message).toBe(
      'line 1: the file is empty',
    );
    expect((await rejected(utf8('\r\n\r\n'))).message).toMatch(/^line 1: .*no header/);
    expect((await rejected(utf8('PK\u0003\u0004garbage'), 'x.xlsx')).message).toMatch(
      /not a readable XLSX/,
    );
    expect(await issues([UNIT_COLUMNS])).toEqual([
      { line: 2, reason: 'the file has a header but no data rows' },
    ]);
    const missing = await issues([
      ['code', 'name_en'],
      ['ZZ1', 'Somewhere'],
    ]);
    expect(missing).toEqual([
      { line: 1, reason: expect.stringMatching(/^missing column name_th/) },
    ]);
  });

  it('re-importing the same file changes nothing; a dry run writes nothing', async () => {
    const file0 = utf8(csvText(unitRows('REI', 'นกยูงทอง')));
    expect(await run(file0)).toMatchObject({ created: 2, already_imported: false });
    const before = await snapshot(t.database);
    const again = await run(file0);
    expect(again).toMatchObject({ already_imported: true, created: 0, updated: 0, unchanged: 2 });
    expect(await snapshot(t.database)).toEqual(before);

    const file = utf8(csvText([UNIT_COLUMNS, ['TST7', 'ศูนย์ทดลองแบบแห้ง', '', '', '', '']]));
    const dry = await run(file, 'dry.csv', { dryRun: true });
    expect(dry).toMatchObject({ dry_run: true, rows: 1, created: 0, already_imported: false });
    expect(await snapshot(t.database)).toEqual(before);
    const batches = await countRows(t.database, 'import_batch');
    expect(await run(file, 'dry.csv')).toMatchObject({ dry_run: false, created: 1 });
    expect(await countRows(t.database, 'import_batch')).toBe(batches + 1);
  });

  it('an export in every format re-imports with nothing created or updated', async () => {
    const mine = await aUnit().named('หน่วยงานส่งออกภาษาไทยล้วน', '').inDivision(5).create(t);
    const n = await countRows(t.database, 'receiving_unit');
    const csv = await exportKind(t.database, t.system, units, 'csv');
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8').split('\n')[0]).toBe(`\uFEFF${UNIT_COLUMNS.join(',')}`);
    const xlsx = await exportKind(t.database, t.system, units, 'xlsx');
    const json = JSON.parse(
      (await exportKind(t.database, t.system, units, 'json')).toString(),
    ) as Record<string, string>[];
    expect(json).toHaveLength(n);
    expect(json.every((r) => Object.keys(r).join() === UNIT_COLUMNS.join())).toBe(true);
    expect(json.find((r) => r.code === mine.code)).toEqual({
      code: mine.code,
      name_th: 'หน่วยงานส่งออกภาษาไทยล้วน',
      name_en: '',
      kind: 'department',
      analysis_division: '5',
      active: 'true',
    });
    const fromJson = utf8(
      csvText([UNIT_COLUMNS, ...json.map((r) => UNIT_COLUMNS.map((c) => r[c]!))]),
    );
    const before = await countRows(t.database, 'audit_log', sql`entity = 'receiving_unit'`);
    for (const [bytes, name] of [
      [csv, 'u.csv'],
      [xlsx, 'u.xlsx'],
      [fromJson, 'j.csv'],
    ] as const) {
      expect(await run(bytes, name), name).toMatchObject({
        rows: n,
        created: 0,
        updated: 0,
        unchanged: n,
      });
    }
    expect(await countRows(t.database, 'receiving_unit')).toBe(n);
    expect(await countRows(t.database, 'audit_log', sql`entity = 'receiving_unit'`)).toBe(before);
  });

  it('imports and refuses over HTTP (multipart), for the Budget Office only', async () => {
    const file = {
      bytes: utf8(csvText([UNIT_COLUMNS, ['TSTH', 'ศูนย์นำเข้าทางเว็บ', 'Web', '', '3', '']])),
      name: 'web.csv',
    };
    const summary = (res: LightMyRequestResponse) => {
      expect(res.statusCode, res.body).toBe(200);
      return importSummarySchema.parse(res.json());
    };
    const named = async () =>
      unitListSchema.parse(
        (await admin.get(`/api/v1/units?q=${encodeURIComponent('ศูนย์นำเข้าทางเว็บ')}`)).json(),
      ).items;
    const dry = await upload(t.app, admin, 'units', file, '?dryRun=true');
    expect(summary(dry)).toMatchObject({ kind: 'units', rows: 1, dryRun: true, created: 0 });
    expect(await named()).toEqual([]);
    const office = await (await aUser().office().create(t)).signIn(t.app);
    const res = await upload(t.app, office, 'units', file);
    expect(summary(res)).toMatchObject({ file: 'web.csv', rows: 1, dryRun: false, created: 1 });
    expect(await named()).toMatchObject([{ code: 'TSTH', analysisDivisionNo: 3 }]);

    const bad = await upload(t.app, admin, 'units', {
      bytes: utf8(csvText([UNIT_COLUMNS, ['', '', '', '', '', ''], ['A B', 'x', '', '', '', '']])),
      name: 'bad.csv',
    });
    expect(bad.statusCode).toBe(400);
    const badError = errorBodySchema.parse(bad.json()).error;
    expect(badError).toMatchObject({
      code: 'validation',
      message: '1 problem in the file; nothing was imported',
    });
    expect(importRejectedDetails.parse(badError.details)).toMatchObject({
      errors: [{ line: 3, reason: expect.stringContaining('code "A B"') }],
      total: 1,
      more: 0,
    });
    const xls = await upload(t.app, admin, 'units', { bytes: OLE_XLS, name: 'old.xls' });
    expect(xls.statusCode).toBe(400);
    expect(errorBodySchema.parse(xls.json()).error.message).toMatch(
      /\.xls files are not supported/,
    );
    const later = await upload(t.app, admin, 'plan', file);
    // A kind no module declares does not exist.
    expect(later.statusCode).toBe(404);
    expect(errorBodySchema.parse(later.json()).error.details).toMatchObject({
      reason: 'unknown_import_kind',
    });
    expect((await admin.request('POST', '/api/v1/imports/units', { file: 'x' })).statusCode).toBe(
      400,
    );
    const analyst = await (await aUser().analystOf(1).create(t)).signIn(t.app);
    expect((await upload(t.app, analyst, 'units', file)).statusCode).toBe(403);
  });

  it('never fails on garbage with anything but an AppError, and never writes', async () => {
    const before = await snapshot(t.database);
    const garbage = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.uint8Array({ maxLength: 300 }).map((b) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...b])),
      fc.string({ unit: 'binary', maxLength: 300 }).map(utf8),
      fc
        .string({
          unit: fc.constantFrom('ก', 'ำ', '้', ',', ';', '"', '\n', '\r', ' ', 'x', '\uFEFF'),
          maxLength: 200,
        })
        .map(utf8),
    );
    const names = fc.constantFrom('f.csv', 'f.xlsx', 'f.txt', 'f');
    await fc.assert(
      fc.asyncProperty(garbage, names, async (bytes, name) => {
        const outcome = await run(bytes, name).then(
          () => 'accepted',
          (e: unknown) => e,
        );
        expect(outcome).toBeInstanceOf(AppError);
      }),
      { numRuns: 250 },
    );
    // Structurally valid headers with random cells: a dry run may pass or fail, but only cleanly.
    const cell = fc.string({
      unit: fc.constantFrom('ก', 'ข', 'ำ', '่', '1', 'A', '-', ' ', '"', ','),
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 6 }),
        async (rows) => {
          const outcome = await run(utf8(csvText([UNIT_COLUMNS, ...rows])), 'r.csv', {
            dryRun: true,
          }).then(
            (s) => s,
            (e: unknown) => e,
          );
          if (outcome instanceof Error) expect(outcome).toBeInstanceOf(AppError);
          else expect(outcome).toMatchObject({ dry_run: true, created: 0 });
        },
      ),
      { numRuns: 150 },
    );
    expect(await snapshot(t.database)).toEqual(before);
  });
  it('finds the header below title lines of a real export, and says where', async () => {
    const text = [
      'รายชื่อหน่วยรับงบประมาณ กรุงเทพมหานคร,,',
      'ข้อมูล ณ วันที่ 1 ต.ค. 2564,,',
      '',
      'รหัสหน่วยงาน,ชื่อหน่วยงาน,กองวิเคราะห์งบประมาณ',
      'HDR1,สำนักทดสอบหัวตาราง,๓',
    ].join('\r\n');
    const summary = await run(utf8(text), 'titled.csv');
    expect(summary).toMatchObject({ rows: 1, created: 1 });
    expect(summary.warnings[0]).toBe(
      'the header is on line 4; the 2 lines above it (titles) were skipped',
    );
    const e = await rejected(utf8(`${text}\r\n,สำนักทดสอบหัวตาราง ซ้ำ,9`), 'titled-bad.csv');
    expect((e as ImportRejected).issues.map((i) => i.line)).toEqual([6, 6]);
  });
});
