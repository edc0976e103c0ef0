/**
 * peer_hledger (issue 15 "Performance"): when `hledger` is on PATH, the same transactions as the
 * budget_vs_actual bench's ledger (read back from its database, in pages, so memory stays bounded)
 * written as an hledger journal with a yearly budget — one periodic transaction per fiscal year
 * (`~ every 1st october from … to …`: hledger's `~ yearly` only starts on 1 January, the Thai
 * fiscal year on 1 October) giving each unit's category its revised budget — and
 * `hledger balance --budget` over the three fiscal years timed in the same run. Disbursements post
 * to expenses:<unit>:<category>, obligations to obligations:<unit>:<category>, both against
 * budget:<unit>.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { satangToDecimalString } from '@pbis/core';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../apps/server/src/db/client.js';
import { asOwner } from '../apps/server/src/db/scoped.js';

export function hledgerVersion(): string | undefined {
  const r = spawnSync('hledger', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

const PAGE = 50_000;
const b = satangToDecimalString;

/** The CE date a Buddhist-era fiscal year starts (1 October of the year before). */
const fyStart = (fy: number) => `${fy - 544}-10-01`;

export async function runHledgerBench(ctx: {
  database: Database;
  organizationId: string;
  rows: number;
  /** Only the entries whose document number starts with this (the synthetic ledger's). */
  prefix: string;
}): Promise<object[]> {
  const version = hledgerVersion();
  if (!version) return [];
  const { database, organizationId, prefix } = ctx;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-hledger-'));
  const file = path.join(dir, 'ledger.journal');
  const fd = fs.openSync(file, 'w');
  try {
    const w0 = performance.now();
    let transactions = 0;
    const years = new Set<number>();
    await asOwner(database, async (tx) => {
      const budgets = await queryRows<{ fy: number; code: string; cat: string; revised: string }>(
        tx,
        sql`select l.fiscal_year as fy, u.code, l.expense_category as cat,
            sum(l.enacted_satang + l.transfer_net_satang)::text as revised
          from budget_line l join receiving_unit u on u.id = l.unit_id
          where l.organization_id = ${organizationId}
          group by l.fiscal_year, u.code, l.expense_category order by 1, 2, 3`,
      );
      const byYear = new Map<number, typeof budgets>();
      for (const r of budgets) {
        const fy = Number(r.fy);
        years.add(fy);
        byYear.set(fy, [...(byYear.get(fy) ?? []), r]);
      }
      for (const [fy, rows] of byYear) {
        let text = `~ every 1st october from ${fyStart(fy)} to ${fyStart(fy + 1)}  ; budget FY${fy}\n`;
        for (const r of rows)
          text += `    expenses:${r.code}:${r.cat}    ${b(BigInt(r.revised))}\n`;
        text += `    budget\n\n`;
        fs.writeSync(fd, text);
      }
      for (const table of ['disbursement', 'commitment'] as const) {
        const account = table === 'disbursement' ? 'expenses' : 'obligations';
        const kind = table === 'commitment' ? sql`and e.kind = 'obligation'` : sql``;
        let after = '00000000-0000-0000-0000-000000000000';
        for (;;) {
          const page = await queryRows<{
            id: string;
            date: string;
            doc: string;
            code: string;
            cat: string;
            amount: string;
          }>(
            tx,
            sql`select e.id, e.date::text as date, e.document_no as doc, u.code,
                l.expense_category as cat, e.amount_satang::text as amount
              from ${sql.raw(table)} e join budget_line l on l.id = e.line_id
                join receiving_unit u on u.id = e.unit_id
              where e.organization_id = ${organizationId} and e.id > ${after} ${kind}
                and e.document_no like ${`${prefix}%`}
              order by e.id limit ${PAGE}`,
          );
          if (page.length === 0) break;
          let text = '';
          for (const e of page)
            text += `${e.date} ${e.doc}\n    ${account}:${e.code}:${e.cat}    ${b(BigInt(e.amount))}\n    budget:${e.code}\n\n`;
          fs.writeSync(fd, text);
          transactions += page.length;
          after = page.at(-1)!.id;
        }
      }
    });
    fs.closeSync(fd);
    const writeSeconds = (performance.now() - w0) / 1000;
    const sorted = [...years].sort((x, y) => x - y);
    const period = `every 1st october from ${fyStart(sorted[0]!)} to ${fyStart(sorted.at(-1)! + 1)}`;
    const t0 = performance.now();
    const r = spawnSync(
      'hledger',
      ['-f', file, 'balance', '--budget', '-p', period, '--depth', '3'],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`hledger failed: ${r.stderr || r.error?.message}`);
    return [
      {
        bench: 'peer_hledger',
        engine: database.dialect,
        rows: transactions,
        hledger: version,
        command: `hledger -f ledger.journal balance --budget -p '${period}' --depth 3`,
        seconds: Number(seconds.toFixed(2)),
        journal_mb: Math.round(fs.statSync(file).size / 1024 / 1024),
        write_seconds: Number(writeSeconds.toFixed(2)),
        report_lines: r.stdout.split('\n').length,
      },
    ];
  } finally {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
