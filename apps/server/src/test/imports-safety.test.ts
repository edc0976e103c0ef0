import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '@pbis/core';
import { errorBodySchema, importRejectedDetails } from '@pbis/contract';
import { runCommand } from '../cli/output.js';
import { rowsPerStatement } from '../batches.js';
import { escapeFormula, unescapeFormula } from '../modules/imports/cells.js';
import { exportKind } from '../modules/imports/export.js';
import {
  ImportRejected,
  MAX_LISTED_ISSUES,
  runImport,
  type ImportIssue,
  type ImportKind,
  type ImportOptions,
} from '../modules/imports/pipeline.js';
import { importKind } from '../modules/imports/registry.js';
import { receivingUnit } from '../db/schema.js';
import { csvText, ownerRows, snapshot, UNIT_COLUMNS, upload, utf8, xlsxBytes } from './fixtures.js';
import { login, setupApp, testDatabases, type Client, type TestContext } from './harness.js';

/*
 * The import pipeline's answers to the security review: control characters refused per cell
 * (4), a readable reason when the database refuses a write (5), formula cells escaped on export
 * and restored on import (12), and the problem list capped at the first 1,000 (16).
 */
const units = importKind('units');
const json = (rows: Record<string, string>[]) => utf8(JSON.stringify(rows));

describe('formula escapes of exported cells', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+cmd', "'+cmd"],
    ['-x', "'-x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ["'=x", "''=x"], // already quoted: quoted again, so the import gives back '=x
    ['-1500.00', '-1500.00'], // a plain number stays as it is
    ['+3', '+3'],
    ['42', '42'],
    ["'quoted", "'quoted"],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j → %j', (cell, exported) => {
    expect(escapeFormula(cell)).toBe(exported);
    expect(unescapeFormula(exported)).toBe(cell);
  });

  it('the import undoes the export for any cell (property)', () => {
    const cell = fc.string({
      unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '1', '.', 'a', 'ก'),
      maxLength: 8,
    });
    fc.assert(
      fc.property(cell, (c) => {
        expect(unescapeFormula(escapeFormula(c))).toBe(c);
        // What a spreadsheet could run as a formula leaves only as a plain number.
        if (/^[-=+@\t\r]/.test(escapeFormula(c))) expect(c).toMatch(/^[-+]\d+(\.\d+)?$/);
      }),
      { numRuns: 2000 },
    );
  });

  it('statements stay far below the 65,535 bind parameters PostgreSQL accepts', () => {
    for (const columns of [1, 8, 12, 13, 40, 200, 70_000]) {
      expect(rowsPerStatement(columns)).toBeGreaterThanOrEqual(1);
      expect(rowsPerStatement(columns)).toBeLessThanOrEqual(1000);
      if (columns < 1000) expect(rowsPerStatement(columns) * columns).toBeLessThan(30_000);
    }
  });
});

describe('the problem list of a rejected file', () => {
  const many = (n: number): ImportIssue[] =>
    Array.from({ length: n }, (_, i) => ({ line: n + 1 - i, reason: `problem ${n + 1 - i}` }));

  it('lists the first 1,000 by line and counts the rest; the message gives the true total', () => {
    const e = new ImportRejected(many(2500));
    expect(MAX_LISTED_ISSUES).toBe(1000);
    expect(e.issues).toHaveLength(1000);
    expect(e.issues[0]).toEqual({ line: 2, reason: 'problem 2' });
    expect(e.issues.at(-1)).toEqual({ line: 1001, reason: 'problem 1001' });
    expect([e.total, e.more]).toEqual([2500, 1500]);
    expect(e.message).toBe('2,500 problems in the file; nothing was imported');
    expect(importRejectedDetails.parse(e.details)).toEqual({
      reason: 'import_rejected',
      errors: e.issues,
      total: 2500,
      more: 1500,
    });
    const one = new ImportRejected([{ line: 3, reason: 'x'.repeat(5000) }]);
    expect(one.message).toBe('1 problem in the file; nothing was imported');
    expect(one.details).toMatchObject({ total: 1, more: 0 });
    expect(one.issues[0]!.reason.length).toBeLessThanOrEqual(1001);
  });

  async function cli(json: boolean, issues: ImportIssue[]) {
    const out: string[] = [];
    const err: string[] = [];
    const sink = (to: string[]) => ((c: unknown) => to.push(String(c)) > 0) as never;
    const o = vi.spyOn(process.stdout, 'write').mockImplementation(sink(out));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(sink(err));
    try {
      const code = await runCommand(
        () => {
          throw new ImportRejected(issues);
        },
        { json },
      );
      return { code, stdout: out.join(''), stderr: err.join('') };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  }

  it('the CLI prints the first 1,000, then how many more, in text and in JSON', async () => {
    const text = await cli(false, many(241_607));
    expect(text.code).toBe(1);
    const lines = text.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1002);
    expect(lines[0]).toBe('line 2: problem 2');
    expect(lines[999]).toBe('line 1001: problem 1001');
    expect(lines.slice(-2)).toEqual([
      '… and 240,607 more problems',
      '241,607 problems; nothing was imported',
    ]);
    const asJson = await cli(true, many(241_607));
    const body = JSON.parse(asJson.stdout) as { errors: ImportIssue[]; more: number };
    expect(body.errors).toHaveLength(1000);
    expect(body).toMatchObject({ more: 240_607, total: 241_607 });
    const few = await cli(false, many(2));
    expect(few.stderr.trimEnd().split('\n').at(-1)).toBe('2 problems; nothing was imported');
    expect(JSON.parse((await cli(true, many(2))).stdout)).toMatchObject({ more: 0, total: 2 });
  });
});

describe.each(testDatabases())('import hardening on $name', (dbKind) => {
  let t: TestContext;
  let admin: Client;
  beforeAll(async () => {
    t = await setupApp(dbKind);
    admin = await login(t.app, 'admin');
  });
  afterAll(() => t.close());

  const run = (bytes: Uint8Array, name: string, options: ImportOptions = {}) =>
    runImport(t.database, t.system, units, { bytes, name }, options);
  async function rejected(bytes: Uint8Array, name: string, options: ImportOptions = {}) {
    const before = await snapshot(t.database);
    const e = await run(bytes, name, options).then(
      () => expect.fail('the file was accepted'),
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ImportRejected);
    expect(await snapshot(t.database)).toEqual(before);
    return (e as ImportRejected).issues;
  }
  const stored = async (code: string) =>
    (
      await ownerRows<{ name_th: string; name_en: string }>(
        t.database,
        sql`select name_th, name_en from receiving_unit where code = ${code}`,
      )
    )[0];

  it('refuses a control character in any cell of JSON, CSV and XLSX, in a dry run too', async () => {
    const reason = (col: string) =>
      `column ${col} contains a control character (such as NUL); remove it`;
    const nul = json([
      { code: 'NUL1', name_th: 'ศูนย์ทดสอบอักขระ\u0000ควบคุม', name_en: '' },
      { code: 'NUL2', name_th: 'ศูนย์ทดสอบอักขระที่สอง', name_en: 'bell\u0007' },
    ]);
    for (const dryRun of [true, false])
      expect(await rejected(nul, 'nul.json', { dryRun })).toEqual([
        { line: 2, reason: reason('name_th') },
        { line: 3, reason: reason('name_en') },
      ]);
    const csv = utf8(
      csvText([
        UNIT_COLUMNS,
        ['TAB1', 'ศูนย์มีแท็บ\tกลางชื่อ', '', '', '', ''],
        ['LF01', 'ศูนย์ขึ้นบรรทัด\nใหม่', '', '', '', ''],
        ['ESC1', 'ศูนย์ทดสอบลำดับหลีก', 'x\u001b[31m', '', '', ''],
      ]),
    );
    expect(await rejected(csv, 'ctl.csv', { dryRun: true })).toEqual([
      { line: 2, reason: reason('name_th') },
      { line: 3, reason: reason('name_th') },
      { line: 5, reason: reason('name_en') }, // the quoted line break made line 3 two lines
    ]);
    // A line break typed with Alt+Enter, and NUL as Excel escapes it in the sheet's XML.
    const xlsx = await xlsxBytes([
      UNIT_COLUMNS,
      ['XLF1', 'ศูนย์ทดสอบ\nสองบรรทัด', '', '', '', ''],
      ['XNUL', 'ศูนย์ทดสอบอักขระศูนย์', 'zero_x0000_', '', '', ''],
    ]);
    expect(await rejected(xlsx, 'ctl.xlsx', { dryRun: true })).toEqual([
      { line: 2, reason: reason('name_th') },
      { line: 3, reason: reason('name_en') },
    ]);
    const surrogate = json([{ code: 'SUR1', name_th: 'ศูนย์\uD800ทดสอบ' }]);
    expect(await rejected(surrogate, 's.json', { dryRun: true })).toEqual([
      { line: 2, reason: 'column name_th contains invalid Unicode (a lone surrogate)' },
    ]);
  });

  it('over HTTP a NUL in a JSON import is a 400 with the line, never a 500', async () => {
    const file = {
      bytes: json([{ code: 'NUL3', name_th: 'ศูนย์ทดสอบทางเว็บ\u0000' }]),
      name: 'nul.json',
    };
    for (const query of ['?dryRun=true', '']) {
      const res = await upload(t.app, admin, 'units', file, query);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.details.errors).toEqual([
        {
          line: 2,
          reason: expect.stringMatching(/^column name_th contains a control character/),
          code: 'control_character',
          params: { column: 'name_th' },
        },
      ]);
    }
  });

  it('over HTTP lists the first 1,000 problems and counts the rest', async () => {
    const bad = utf8(
      csvText([
        UNIT_COLUMNS,
        ...Array.from({ length: 1500 }, (_, i) => [`bad code ${i}`, `ศูนย์ผิด${i}`, '', '', '', '']),
      ]),
    );
    const res = await upload(t.app, admin, 'units', { bytes: bad, name: 'many.csv' });
    expect(res.statusCode).toBe(400);
    const { error } = errorBodySchema.parse(res.json());
    const details = importRejectedDetails.parse(error.details);
    expect(error.message).toBe('1,500 problems in the file; nothing was imported');
    expect(details.errors).toHaveLength(1000);
    expect(details.errors.at(-1)!.line).toBe(1001);
    expect([details.total, details.more]).toEqual([1500, 500]);
  });

  it('reads a CSV larger than one parsing slice whole, a character split at the edge included', async () => {
    const head = `${UNIT_COLUMNS.join(',')}\r\nEMO1,ศูนย์ทดสอบอีโมจิ,`;
    // The emoji's two UTF-16 halves sit on either side of the 32 Ki-character slice edge.
    const nameEn = `${'a'.repeat(32 * 1024 - 2 - head.length)}😀 "x"`;
    const text = `${head}"${nameEn.replace(/"/g, '""')}",,,\r\nEMO2,ศูนย์ทดสอบหลังรอยต่อ,b,,,\r\n`;
    expect(text.charCodeAt(32 * 1024 - 1)).toBe(0xd83d);
    expect(await run(utf8(text), 'wide.csv')).toMatchObject({ rows: 2, created: 2 });
    expect(await stored('EMO1')).toEqual({ name_th: 'ศูนย์ทดสอบอีโมจิ', name_en: nameEn });
    expect(await stored('EMO2')).toEqual({ name_th: 'ศูนย์ทดสอบหลังรอยต่อ', name_en: 'b' });
  });

  it('removes zero-width and bidirectional characters from names; refuses a name of only those', async () => {
    const summary = await run(
      json([
        { code: 'FMT1', name_th: 'ศูนย์\u200Bทดสอบ\u202Eอักขระ\u2066ซ่อน\u2069', name_en: 'A\u200DB' },
      ]),
      'fmt.json',
    );
    expect(summary).toMatchObject({ created: 1 });
    expect(await stored('FMT1')).toEqual({ name_th: 'ศูนย์ทดสอบอักขระซ่อน', name_en: 'AB' });
    expect(
      await rejected(json([{ code: 'FMT2', name_th: '\u200B\u202E\u00AD\uFEFF' }]), 'f2.json'),
    ).toEqual([{ line: 2, reason: 'name_th is empty once invisible characters are removed' }]);
  });

  it('stores a file name with control characters cleaned', async () => {
    const bytes = json([{ code: 'FN01', name_th: 'ศูนย์ทดสอบชื่อแฟ้ม' }]);
    const summary = await run(bytes, 'bad\u0000name\u202E.json');
    expect(summary).toMatchObject({ created: 1, file: 'bad_name.json' });
    const [batch] = await ownerRows<{ file_name: string }>(
      t.database,
      sql`select file_name from import_batch where file_hash = ${summary.file_hash}`,
    );
    expect(batch!.file_name).toBe('bad_name.json');
  });

  it('exports formula-like cells behind a quote, numbers as they are, and re-imports the same values', async () => {
    const tricky = [
      ['FRM1', '=HYPERLINK("http://example.invalid","ศูนย์")', '+cmd|calc', '', '', ''],
      ['FRM2', '@SUM(1+1)ศูนย์ทดสอบสูตร', '-1500.00', '', '', ''],
      ['FRM3', "''=ศูนย์ทดสอบเครื่องหมายคำพูด", '-2+3', '', '', ''],
    ];
    expect(await run(utf8(csvText([UNIT_COLUMNS, ...tricky])), 'formulas.csv')).toMatchObject({
      created: 3,
    });
    expect(await stored('FRM1')).toEqual({
      name_th: '=HYPERLINK("http://example.invalid","ศูนย์")',
      name_en: '+cmd|calc',
    });
    expect(await stored('FRM3')).toMatchObject({ name_th: "'=ศูนย์ทดสอบเครื่องหมายคำพูด" });

    const csv = (await exportKind(t.database, t.system, units, 'csv')).toString('utf8');
    const line = (code: string) => csv.split('\n').find((l) => l.startsWith(`${code},`));
    expect(line('FRM1')).toBe(
      `FRM1,"'=HYPERLINK(""http://example.invalid"",""ศูนย์"")",'+cmd|calc,department,,true`,
    );
    expect(line('FRM2')).toBe(`FRM2,'@SUM(1+1)ศูนย์ทดสอบสูตร,-1500.00,department,,true`);
    expect(line('FRM3')).toBe(`FRM3,''=ศูนย์ทดสอบเครื่องหมายคำพูด,'-2+3,department,,true`);
    expect(csv.split(/\r?\n/).some((l) => /(^|,)"?[=+@]/.test(l))).toBe(false);

    const xlsx = await exportKind(t.database, t.system, units, 'xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as never);
    const values = wb.worksheets[0]!.getSheetValues().flatMap((r) =>
      Array.isArray(r) ? r.filter((v) => typeof v === 'string') : [],
    ) as string[];
    expect(values).toContain(`'=HYPERLINK("http://example.invalid","ศูนย์")`);
    expect(values).toContain('-1500.00');
    expect(values.some((v) => /^[-=+@]/.test(v) && !/^-\d+(\.\d+)?$/.test(v))).toBe(false);

    const n = (
      await ownerRows<{ n: number }>(t.database, sql`select count(*)::int n from receiving_unit`)
    )[0]!.n;
    for (const [bytes, name] of [
      [Buffer.from(csv, 'utf8'), 'round.csv'],
      [xlsx, 'round.xlsx'],
    ] as const)
      expect(await run(bytes, name), name).toMatchObject({ unchanged: n, updated: 0, created: 0 });
  });

  it('a database refusal during the write is one short reason, and nothing is written', async () => {
    // A kind whose write breaks a rule of the table with a large statement (2,000 long rows):
    // the driver's error repeats the whole statement; the answer must not.
    const { check: _check, ...plain } = units as unknown as ImportKind<{ code: string }>;
    const broken: ImportKind<{ code: string }> = {
      ...plain,
      parseRow: (c) => ({ code: c.code ?? '' }),
      async write(rows, { tx, actor }) {
        await tx.insert(receivingUnit).values(
          rows.map(({ row }, i) => ({
            organizationId: actor.organizationId,
            code: `${row.code}${i}`,
            nameTh: `ศูนย์ที่เขียนไม่ได้${'ก'.repeat(150)}${i}`,
            nameKey: `ศูนย์ที่เขียนไม่ได้${'ก'.repeat(150)}${i}`,
            kind: (i === 1999 ? 'castle' : 'department') as 'department',
          })),
        );
        return { created: rows.length, updated: 0, unchanged: 0 };
      },
    };
    const file = utf8(
      csvText([
        UNIT_COLUMNS,
        ...Array.from({ length: 2000 }, () => ['BRK', 'ศูนย์', '', '', '', '']),
      ]),
    );
    const before = await snapshot(t.database);
    const e = await runImport(t.database, t.system, broken, { bytes: file, name: 'b.csv' }).then(
      () => expect.fail('the write succeeded'),
      (err: unknown) => err as AppError,
    );
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('validation');
    expect(e.message).toMatch(
      /^the database refused the import, so nothing was written: .*receiving_unit_kind/,
    );
    expect(e.message.length).toBeLessThan(600);
    expect(e.message).not.toMatch(/insert into|params/i);
    expect(await snapshot(t.database)).toEqual(before);
  });
});
