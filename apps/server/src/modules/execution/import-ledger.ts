import { AppError, formatLaterYears, parseLaterYears, satangToDecimalString } from '@pbis/core';
import { withScope } from '../../db/scoped.js';
import { yieldToEventLoop } from '../../batches.js';
import type { ImportIssue, ImportKind, KindContext, ParsedRow } from '../imports/pipeline.js';
import { quoted } from '../imports/cells.js';
import {
  addDelta,
  applyTotals,
  ENTRY_LINE_COLUMNS,
  holdPeriods,
  parseEntryCells,
  resolveEntries,
  splitPosted,
  type EntryLookups,
  type EntryRow,
} from './import-entries.js';
import { lineNameColumns, yearsOf } from './lines.js';
import * as repo from './repository.js';
import { textOf } from './row-cells.js';
import { exportEntries } from './export-entries.js';
import { LedgerStore } from './ledger-store.js';

/*
 * obligations and disbursements files (SPEC §3). A row that repeats a posted document (same line,
 * date and amount) is skipped; the rest are inserted in large JSON statements and their totals
 * moved per line and month in one statement each, which refuses an overspent line.
 */

interface LedgerRow extends EntryRow {
  vendor: string;
  /** obligations: a multi-year obligation's later fiscal years (core parseLaterYears). */
  laterYears?: { fiscalYear: number; amountSatang: string }[] | null;
  obligationNo: string;
  obligationId?: string;
  repeat?: boolean;
}

const available = (l: repo.LineRow) => repo.availableOf(l);

/** Flags rows that take a line past its available balance (in file order). */
function checkBalances(
  rows: ParsedRow<LedgerRow>[],
  lookups: EntryLookups,
  issues: ImportIssue[],
  consumes: (row: LedgerRow) => boolean,
) {
  const used = new Map<string, bigint>();
  for (const { line, row } of rows) {
    if (row.repeat || !row.lineId || !consumes(row)) continue;
    const l = lookups.lines.byId.get(row.lineId)!;
    const total = (used.get(row.lineId) ?? 0n) + row.amountSatang;
    used.set(row.lineId, total);
    if (row.amountSatang > 0n && total > available(l))
      issues.push({
        line,
        reason: `over the available balance of the line: ${satangToDecimalString(total)} asked in this file up to here, ${satangToDecimalString(available(l))} available`,
      });
  }
}

async function markRepeats(
  rows: ParsedRow<LedgerRow>[],
  ctx: KindContext,
  issues: ImportIssue[],
  kind: 'obligation' | 'disbursement',
) {
  const { database, actor } = ctx;
  for (const year of yearsOf(rows)) {
    const ofYear = rows.filter((r) => r.row.fiscalYear === year && r.row.lineId);
    const docs = ofYear.map((r) => r.row.documentNo);
    const posted = await withScope(database, actor, async (db) =>
      kind === 'disbursement'
        ? repo.postedDisbursements(db, actor.organizationId, year, docs)
        : (
            await repo.commitmentsByDocument(db, actor.organizationId, year, 'obligation', docs)
          ).map((c) => ({ ...c, documentNo: c.documentNo })),
    );
    const repeats = splitPosted(ofYear, posted, issues);
    for (const r of ofYear) if (repeats.has(r.row.documentNo)) r.row.repeat = true;
  }
}

export const obligationsImport: ImportKind<LedgerRow> = {
  kind: 'obligations',
  columns: [...ENTRY_LINE_COLUMNS, 'document_no', 'date', 'vendor', 'amount', 'later_years'],
  required: ['document_no', 'date', 'amount'],
  aliases: {
    ผู้รับจ้าง: 'vendor',
    คู่สัญญา: 'vendor',
    เลขที่สัญญา: 'document_no',
    ผูกพันข้ามปี: 'later_years',
  },
  parseRow(c, ctx) {
    const reasons: string[] = [];
    const entry = parseEntryCells(c, ctx, reasons);
    const later = parseLaterYears(textOf(c.later_years), entry.fiscalYear);
    if (typeof later === 'string') reasons.push(later);
    const row = {
      ...entry,
      vendor: textOf(c.vendor),
      obligationNo: '',
      laterYears:
        typeof later === 'string' || later.length === 0
          ? null
          : later.map((l) => ({
              fiscalYear: l.fiscalYear,
              amountSatang: l.amountSatang.toString(),
            })),
    };
    return reasons.length ? reasons : row;
  },
  async check(rows, ctx) {
    const issues: ImportIssue[] = [];
    const lookups = await resolveEntries(rows, ctx, issues);
    await markRepeats(rows, ctx, issues, 'obligation');
    checkBalances(rows, lookups, issues, () => true);
    return issues;
  },
  amount: (row) => row.amountSatang,
  store: (ctx) => new LedgerStore('obligation', ctx),
  async write(rows, w, ctx) {
    await holdPeriods(w, rows);
    const fresh = rows.filter((r) => !r.row.repeat);
    const org = w.actor.organizationId;
    const lineDeltas = new Map<string, repo.LineDelta>();
    const monthDeltas = new Map<string, repo.MonthDelta>();
    const entries = fresh.map(({ row }) => {
      addDelta(lineDeltas, monthDeltas, row, org, { obligated: row.amountSatang });
      return {
        organizationId: org,
        unitId: row.unitId!,
        lineId: row.lineId!,
        fiscalYear: row.fiscalYear,
        fiscalMonth: row.fiscalMonth,
        kind: 'obligation' as const,
        documentNo: row.documentNo,
        date: row.date,
        vendor: row.vendor,
        amountSatang: row.amountSatang,
        laterYears: row.laterYears ?? null,
        importBatchId: ctx.batchId ?? null,
        createdBy: w.actor.userId,
      };
    });
    await repo.insertObligations(w.tx, entries, yieldToEventLoop);
    await applyTotals(w, lineDeltas, monthDeltas);
    return { created: fresh.length, updated: 0, unchanged: rows.length - fresh.length };
  },
  exportRows: (database, actor, o) =>
    exportEntries(database, actor, 'obligations', o.fiscalYear, (e, l, u) => ({
      fiscal_year: String(e.fiscalYear),
      unit_code: u.code,
      unit_name: u.nameTh,
      ...lineNameColumns(l),
      document_no: e.documentNo,
      date: e.date,
      vendor: e.vendor ?? '',
      amount: satangToDecimalString(e.amountSatang),
      later_years: formatLaterYears(
        (e.laterYears ?? []).map((l) => ({
          fiscalYear: l.fiscalYear,
          amountSatang: BigInt(l.amountSatang),
        })),
      ),
    })),
};

export const disbursementsImport: ImportKind<LedgerRow> = {
  kind: 'disbursements',
  columns: [...ENTRY_LINE_COLUMNS, 'document_no', 'date', 'amount', 'obligation_no'],
  required: ['document_no', 'date', 'amount'],
  aliases: { เลขที่ใบสั่งซื้อ: 'obligation_no', เลขที่สัญญา: 'obligation_no' },
  parseRow(c, ctx) {
    const reasons: string[] = [];
    const row = {
      ...parseEntryCells(c, ctx, reasons),
      vendor: '',
      obligationNo: textOf(c.obligation_no),
    };
    return reasons.length ? reasons : row;
  },
  async check(rows, ctx) {
    const issues: ImportIssue[] = [];
    const lookups = await resolveEntries(rows, ctx, issues);
    await markRepeats(rows, ctx, issues, 'disbursement');
    await resolveObligations(rows, ctx, issues);
    checkBalances(rows, lookups, issues, (row) => !row.obligationId);
    return issues;
  },
  amount: (row) => row.amountSatang,
  store: (ctx) => new LedgerStore('disbursement', ctx),
  async write(rows, w, ctx) {
    await holdPeriods(w, rows);
    const fresh = rows.filter((r) => !r.row.repeat);
    const org = w.actor.organizationId;
    const lineDeltas = new Map<string, repo.LineDelta>();
    const monthDeltas = new Map<string, repo.MonthDelta>();
    const settle = new Map<string, bigint>();
    const entries = fresh.map(({ row }) => {
      const direct = !row.obligationId;
      addDelta(lineDeltas, monthDeltas, row, org, {
        disbursed: row.amountSatang,
        disbursedDirect: direct ? row.amountSatang : 0n,
      });
      if (row.obligationId)
        settle.set(row.obligationId, (settle.get(row.obligationId) ?? 0n) + row.amountSatang);
      return {
        organizationId: org,
        unitId: row.unitId!,
        lineId: row.lineId!,
        fiscalYear: row.fiscalYear,
        fiscalMonth: row.fiscalMonth,
        documentNo: row.documentNo,
        date: row.date,
        amountSatang: row.amountSatang,
        obligationId: row.obligationId ?? null,
        importBatchId: ctx.batchId ?? null,
        createdBy: w.actor.userId,
      };
    });
    await repo.insertDisbursements(w.tx, entries, yieldToEventLoop);
    const over = await repo.settleCommitments(
      w.tx,
      [...settle].map(([id, amountSatang]) => ({ id, amountSatang })),
    );
    if (over.length)
      throw new AppError(
        'business_rule',
        `payments over the open amount of ${over.length} obligation(s)`,
        { reason: 'insufficient_balance', obligationIds: over },
      );
    await applyTotals(w, lineDeltas, monthDeltas);
    return { created: fresh.length, updated: 0, unchanged: rows.length - fresh.length };
  },
  exportRows: (database, actor, o) =>
    exportEntries(database, actor, 'disbursements', o.fiscalYear, (e, l, u) => ({
      fiscal_year: String(e.fiscalYear),
      unit_code: u.code,
      unit_name: u.nameTh,
      ...lineNameColumns(l),
      document_no: e.documentNo,
      date: e.date,
      amount: satangToDecimalString(e.amountSatang),
      obligation_no: e.obligationNo ?? '',
    })),
};

/** obligation_no → the obligation (same line), and its open amount not exceeded by the file. */
async function resolveObligations(
  rows: ParsedRow<LedgerRow>[],
  ctx: KindContext,
  issues: ImportIssue[],
) {
  const { database, actor } = ctx;
  for (const year of yearsOf(rows)) {
    const wanted = rows.filter((r) => r.row.fiscalYear === year && r.row.obligationNo);
    if (wanted.length === 0) continue;
    const found = await withScope(database, actor, (db) =>
      repo.commitmentsByDocument(db, actor.organizationId, year, 'obligation', [
        ...new Set(wanted.map((r) => r.row.obligationNo)),
      ]),
    );
    const byDoc = new Map(found.map((c) => [c.documentNo, c]));
    const used = new Map<string, bigint>();
    for (const { line, row } of wanted) {
      const o = byDoc.get(row.obligationNo);
      if (!o) {
        issues.push({
          line,
          reason: `no obligation ${quoted(row.obligationNo)} in fiscal year ${year} (import the obligations first)`,
        });
        continue;
      }
      if (row.lineId && o.lineId !== row.lineId) {
        issues.push({ line, reason: `obligation ${row.obligationNo} is on another budget line` });
        continue;
      }
      row.obligationId = o.id;
      if (row.repeat) continue;
      const total = (used.get(o.id) ?? 0n) + row.amountSatang;
      used.set(o.id, total);
      const open = o.amountSatang - o.settledSatang;
      if (row.amountSatang > 0n && total > open)
        issues.push({
          line,
          reason: `over the open amount of obligation ${row.obligationNo}: ${satangToDecimalString(total)} paid in this file up to here, ${satangToDecimalString(open)} open`,
        });
    }
  }
}
