import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRejected, IssueList, runImport } from '../modules/imports/pipeline.js';
import { importKind } from '../modules/imports/registry.js';
import { sql } from 'drizzle-orm';
import { csvText, ownerRows, snapshot, utf8 } from './fixtures.js';
import { aUnit, next } from './factories.js';
import { setupApp, testDatabases, type TestContext } from './harness.js';

/*
 * Large ledger files (issue 15): the streaming import keeps every rule. A file with thousands of
 * bad rows is refused with the first 1,000 problems by line and the count of the rest, in bounded
 * memory, and writes nothing; a good file writes every row and moves the totals exactly.
 */

describe('the problem list held while a file is read', () => {
  it('keeps the first problems by line, whatever order they are found in, and counts all', () => {
    const list = new IssueList(3);
    for (const line of [9, 2, 7, 2, 5, 1, 8, 3, 4, 6]) list.push({ line, reason: `r${line}` });
    list.push({ line: 2, reason: 'second of line 2' });
    expect(list.total).toBe(11);
    expect(list.listed()).toEqual([
      { line: 1, reason: 'r1' },
      { line: 2, reason: 'r2' },
      { line: 2, reason: 'r2' },
    ]);
    const e = list.rejection();
    expect([e.total, e.more, e.issues.length]).toEqual([11, 8, 3]);
  });
});

describe.each(testDatabases())('large ledger files on $name', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await setupApp(kind, { demo: false });
  });
  afterAll(() => t.close());

  const header = (k: string) => [...importKind(k).columns];
  const run = (k: string, rows: string[][]) =>
    runImport(t.database, t.system, importKind(k), {
      bytes: utf8(csvText(rows)),
      name: `${k}-${next()}.csv`,
    });

  async function unitWithLine() {
    const unit = await aUnit().create(t);
    await run('budget-lines', [
      header('budget-lines'),
      [
        '2565',
        unit.code,
        unit.nameTh,
        'แผนงาน',
        '',
        '',
        'งานใหญ่',
        'operating',
        '',
        '100000000',
        '',
        '',
        '',
      ],
    ]);
    return unit;
  }
  const disbursement = (code: string, doc: string, amount: string, date = '2022-01-15') => [
    '2565',
    code,
    '',
    '',
    '',
    'งานใหญ่',
    'operating',
    '',
    '',
    doc,
    date,
    amount,
    '',
  ];

  it('refuses 6,000 bad rows with the first 1,000 listed and the count, writing nothing', async () => {
    const unit = await unitWithLine();
    const rows = [header('disbursements')];
    for (let i = 0; i < 3000; i++) rows.push(disbursement(unit.code, `BAD-${i}`, 'abc'));
    for (let i = 0; i < 3000; i++)
      rows.push(disbursement(unit.code, `OUT-${i}`, '10.00', '2030-01-01'));
    rows.push(disbursement(unit.code, 'OK-1', '10.00'));
    const before = await snapshot(t.database);
    const e = await run('disbursements', rows).then(
      () => expect.fail('the file was accepted'),
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ImportRejected);
    const r = e as ImportRejected;
    expect([r.total, r.more, r.issues.length]).toEqual([6000, 5000, 1000]);
    expect(r.issues[0]!.line).toBe(2);
    expect(r.issues[0]!.reason).toMatch(/^amount: /);
    expect(r.issues.at(-1)!.line).toBe(1001);
    expect(r.summaryLines()).toEqual([
      '… and 5,000 more problems',
      '6,000 problems; nothing was imported',
    ]);
    expect(await snapshot(t.database)).toEqual(before);
  });

  it('writes 30,000 rows in slices, moves the totals exactly, and skips them on a re-import', async () => {
    const unit = await unitWithLine();
    const rows = [header('disbursements')];
    for (let i = 0; i < 30_000; i++)
      rows.push(disbursement(unit.code, `D-${unit.code}-${i}`, `${(i % 90) + 1}.25`));
    const done = await run('disbursements', rows);
    // Σ (i mod 90 + 1) over 30,000 rows: 333 full cycles (4,095 each) and 30 more (465).
    const baht = 333 * 4095 + 465 + 30_000 * 0.25;
    expect(done).toMatchObject({ rows: 30_000, created: 30_000, unchanged: 0 });
    expect(done.total_baht).toBe(baht.toFixed(2));
    // The same rows in another file (a new hash): every document is a repeat, nothing doubles.
    rows.push(disbursement(unit.code, `D-${unit.code}-extra`, '1.00'));
    const again = await run('disbursements', rows);
    expect(again).toMatchObject({ rows: 30_001, created: 1, unchanged: 30_000 });
    const [line] = await ownerRows<{ d: string; m: string }>(
      t.database,
      sql`select l.disbursed_satang::text as d,
        (select sum(disbursed_satang)::text from budget_line_month m where m.line_id = l.id) as m
      from budget_line l where l.unit_id = ${unit.id}`,
    );
    const satang = String(Math.round(baht * 100) + 100);
    expect(line).toEqual({ d: satang, m: satang });
  });
});
