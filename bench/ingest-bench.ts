/**
 * Ingest benchmark (issue 15): an N-row disbursement CSV through the real import (parse, validate
 * every row, resolve units and lines, check balances, insert, move the totals — what `pbis import`
 * does) against a raw load of the same rows into a bare copy of the table in the same database, in
 * the same run: JSON batches of 10,000 rows, no checks, no indexes. ratio_to_raw = PBIS rows/s ÷
 * raw rows/s. Peak RSS is the process's maximum resident set (process.resourceUsage).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../apps/server/src/db/client.js';
import { asOwner } from '../apps/server/src/db/scoped.js';
import { loadConfig } from '../apps/server/src/env.js';
import { systemActor } from '../apps/server/src/modules/auth/actor.js';
import { runImport } from '../apps/server/src/modules/imports/pipeline.js';
import { importKind } from '../apps/server/src/modules/imports/registry.js';
import { ensureOrganization } from '../apps/server/src/seed/seed.js';

export async function runIngestBench(opts: { rows: number; databaseUrl?: string | undefined }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-ingest-'));
  const database = await openDatabase({
    databaseUrl: opts.databaseUrl,
    dataDir: opts.databaseUrl ? undefined : path.join(dir, 'data'),
    keyFile: opts.databaseUrl ? loadConfig().keyFile : path.join(dir, 'key'),
  });
  try {
    await migrateDatabase(database);
    const { organizationId } = await ensureOrganization(database, 'bench-admin-password');
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
    const rows: string[][] = [];
    for (let i = 0; i < opts.rows; i++) {
      const m = (i % 12) + 1;
      const month = ((m + 8) % 12) + 1;
      const y = month >= 10 ? 2021 : 2022;
      rows.push([
        String(year),
        'BDO',
        '',
        '',
        '',
        `${tag} งาน ${i % 100}`,
        'operating',
        '',
        '',
        `${tag}-${i}`,
        `${y}-${String(month).padStart(2, '0')}-15`,
        `${(i % 900) + 100}.25`,
        '',
      ]);
    }
    const bytes = new TextEncoder().encode(
      stringify([[...importKind('disbursements').columns], ...rows]),
    );
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
    const raw = rows.map((r) => ({
      organization_id: organizationId,
      unit_id: null as string | null,
      line_id: idOf.get(r[5]!)!,
      fiscal_year: year,
      fiscal_month: 1,
      document_no: r[9],
      date: r[10],
      amount_satang: r[11]!.replace('.', ''),
    }));
    const r0 = performance.now();
    await asOwner(database, async (tx) => {
      await tx.execute(
        sql.raw(
          `create temp table bench_raw (like disbursement including defaults) on commit drop`,
        ),
      );
      for (let at = 0; at < raw.length; at += 10_000)
        await tx.execute(
          sql`insert into bench_raw (organization_id, line_id, fiscal_year, fiscal_month, document_no, date, amount_satang, unit_id)
            select organization_id, line_id, fiscal_year, fiscal_month, document_no, date, amount_satang, line_id
            from json_populate_recordset(null::bench_raw, ${JSON.stringify(raw.slice(at, at + 10_000))}::json)`,
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
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
