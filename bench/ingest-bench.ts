/**
 * Ingest benchmark (issue 15): an N-row disbursement CSV through the real import (parse, validate
 * every row, resolve units and lines, check balances, insert, move the totals — what `pbis import`
 * does) against a raw load of the same rows into a bare copy of the table in the same database, in
 * the same run: JSON batches of 10,000 rows, no checks, no indexes. ratio_to_raw = PBIS rows/s ÷
 * raw rows/s. Peak RSS is the process's maximum resident set (process.resourceUsage); the bench
 * builds the file in one buffer and the raw rows 10,000 at a time, so it is mostly the import's.
 */
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { asOwner } from '../apps/server/src/db/scoped.js';
import { systemActor } from '../apps/server/src/modules/auth/actor.js';
import { runImport } from '../apps/server/src/modules/imports/pipeline.js';
import { importKind } from '../apps/server/src/modules/imports/registry.js';
import { openBenchDatabase } from './bench-db.js';

export async function runIngestBench(opts: { rows: number; databaseUrl?: string | undefined }) {
  // A scratch database (PGlite in a temporary directory, or a new database on the server).
  const { database, organizationId, close } = await openBenchDatabase(opts.databaseUrl);
  try {
    const system = systemActor(organizationId, 'pbis-bench');
    const tag = `B${Date.now().toString(36)}`;
    const year = 2565;
    // 100 lines of one unit, large enough never to run out.
    const lines = Array.from({ length: 100 }, (_, i) => [
      String(year),
      'BDO',
      '',
      'bench',
      '',
      '',
      `${tag} งาน ${i}`,
      'operating',
      '',
      '1000000000.00',
      '',
      '',
      '',
    ]);
    await runImport(database, system, importKind('budget-lines'), {
      bytes: new TextEncoder().encode(
        stringify([[...importKind('budget-lines').columns], ...lines]),
      ),
      name: `${tag}-lines.csv`,
    });
    // The file, generated straight into one buffer (no array of a million rows in the bench).
    const cells = (i: number) => {
      const m = (i % 12) + 1;
      const month = ((m + 8) % 12) + 1;
      const y = month >= 10 ? 2021 : 2022;
      return {
        project: `${tag} งาน ${i % 100}`,
        doc: `${tag}-${i}`,
        date: `${y}-${String(month).padStart(2, '0')}-15`,
        amount: `${(i % 900) + 100}.25`,
      };
    };
    // Encoded slice by slice: the file's text is never one string (a million rows of Thai text
    // would be 180 MB of UTF-16 and its join as much again, counted in the peak RSS).
    const chunks: Buffer[] = [Buffer.from(stringify([[...importKind('disbursements').columns]]))];
    for (let at = 0; at < opts.rows; at += 10_000) {
      const part: string[][] = [];
      for (let i = at; i < Math.min(opts.rows, at + 10_000); i++) {
        const c = cells(i);
        part.push([
          String(year),
          'BDO',
          '',
          '',
          '',
          c.project,
          'operating',
          '',
          '',
          c.doc,
          c.date,
          c.amount,
          '',
        ]);
      }
      chunks.push(Buffer.from(stringify(part), 'utf8'));
    }
    const bytes = Buffer.concat(chunks);
    chunks.length = 0;
    const t0 = performance.now();
    const summary = await runImport(database, system, importKind('disbursements'), {
      bytes,
      name: `${tag}.csv`,
    });
    const pbisSeconds = (performance.now() - t0) / 1000;
    // Raw: the same rows, already parsed, into a bare copy of the table.
    const lineIds = await asOwner(database, (tx) =>
      tx.execute(sql`select id, project from budget_line where project like ${`${tag}%`}`),
    );
    const idOf = new Map(
      (lineIds as unknown as { rows: { id: string; project: string }[] }).rows.map((r) => [
        r.project,
        r.id,
      ]),
    );
    const rawBatch = (at: number) => {
      const out = [];
      for (let i = at; i < Math.min(opts.rows, at + 10_000); i++) {
        const c = cells(i);
        out.push({
          organization_id: organizationId,
          line_id: idOf.get(c.project)!,
          fiscal_year: year,
          fiscal_month: 1,
          document_no: c.doc,
          date: c.date,
          amount_satang: c.amount.replace('.', ''),
        });
      }
      return JSON.stringify(out);
    };
    const r0 = performance.now();
    await asOwner(database, async (tx) => {
      await tx.execute(
        sql.raw(
          `create temp table bench_raw (like disbursement including defaults) on commit drop`,
        ),
      );
      for (let at = 0; at < opts.rows; at += 10_000)
        await tx.execute(
          sql`insert into bench_raw (organization_id, line_id, fiscal_year, fiscal_month, document_no, date, amount_satang, unit_id)
            select organization_id, line_id, fiscal_year, fiscal_month, document_no, date, amount_satang, line_id
            from json_populate_recordset(null::bench_raw, ${rawBatch(at)}::json)`,
        );
    });
    const rawSeconds = (performance.now() - r0) / 1000;
    return [
      {
        bench: 'ingest',
        engine: database.dialect,
        rows: summary.rows,
        seconds: Number(pbisSeconds.toFixed(2)),
        rows_per_s: Math.round(summary.rows / pbisSeconds),
        raw_rows_per_s: Math.round(summary.rows / rawSeconds),
        ratio_to_raw: Number((rawSeconds / pbisSeconds).toFixed(3)),
        peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      },
    ];
  } finally {
    await close();
  }
}
