import { satangToDecimalString } from '@pbis/core';
import { withScope } from '../../db/scoped.js';
import type { ImportIssue, ImportKind, ParsedRow } from '../imports/pipeline.js';
import { holdPeriods, overspent, resolveEntries, type EntryRow } from './import-entries.js';
import { committedOf, lineNameColumns, revisedOf, yearsOf } from './lines.js';
import { isUnitMiss, UnitLookup } from './lookup.js';
import * as repo from './repository.js';
import * as reads from './repositories/reports.js';
import {
  amountCell,
  dateCell,
  documentCell,
  fiscalYearCell,
  lineQueryCells,
  textOf,
} from './row-cells.js';
import type { LineQuery } from '@pbis/core';

/*
 * transfers file (SPEC §3): transfers already approved outside PBIS (the ERP's), posted as
 * approved documents. Totals are conserved exactly (what leaves one line arrives on the other),
 * and no line goes below what it has committed. Idempotent by document_no.
 */

interface TransferRow extends EntryRow {
  toUnitCode: string;
  toLine: LineQuery;
  reason: string;
  toUnitId?: string;
  toLineId?: string;
  repeat?: boolean;
}

export const transfersImport: ImportKind<TransferRow> = {
  kind: 'transfers',
  columns: [
    'fiscal_year',
    'document_no',
    'date',
    'from_unit',
    'from_line_code',
    'from_project_code',
    'from_project',
    'from_expense_category',
    'to_unit',
    'to_line_code',
    'to_project_code',
    'to_project',
    'to_expense_category',
    'amount',
    'reason',
    'from_fund_source',
    'from_expense_item',
    'to_fund_source',
    'to_expense_item',
  ],
  required: ['document_no', 'date', 'from_unit', 'to_unit', 'amount'],
  parseRow(c, ctx) {
    const reasons: string[] = [];
    const fiscalYear = fiscalYearCell(c.fiscal_year, ctx.options.fiscalYear, reasons);
    const date = dateCell(c.date, fiscalYear, reasons);
    const row: TransferRow = {
      fiscalYear,
      unitCode: textOf(c.from_unit),
      unitName: '',
      line: lineQueryCells(c, reasons, 'from_'),
      documentNo: documentCell(c.document_no, reasons),
      date: date.iso,
      fiscalMonth: date.fiscalMonth,
      amountSatang: amountCell(c.amount, reasons, { positive: true }),
      toUnitCode: textOf(c.to_unit),
      toLine: lineQueryCells(c, reasons, 'to_'),
      reason: textOf(c.reason),
    };
    if (!row.unitCode) reasons.push('from_unit is empty');
    if (!row.toUnitCode) reasons.push('to_unit is empty');
    return reasons.length ? reasons : row;
  },
  async check(rows, ctx) {
    const issues: ImportIssue[] = [];
    const lookups = await resolveEntries(rows, ctx, issues);
    const moved = new Map<string, bigint>();
    const posted = await postedTransfers(rows, ctx);
    for (const { line, row } of rows) {
      const unit = lookups.units.resolve(row.toUnitCode, '');
      if (isUnitMiss(unit)) {
        issues.push({ line, reason: `to_unit: ${unit.reason}` });
        continue;
      }
      row.toUnitId = unit.id;
      const to = lookups.lines.resolve(unit.id, row.fiscalYear, row.toLine);
      if (typeof to === 'string') {
        issues.push({ line, reason: `to: ${to}` });
        continue;
      }
      row.toLineId = to.id;
      if (!row.lineId) continue;
      if (row.lineId === to.id) {
        issues.push({ line, reason: 'a transfer needs two different lines' });
        continue;
      }
      const before = posted.get(row.documentNo);
      if (before) {
        const same =
          before.fromLineId === row.lineId &&
          before.toLineId === to.id &&
          before.amountSatang === row.amountSatang;
        if (same) row.repeat = true;
        else
          issues.push({
            line,
            reason: `document_no ${row.documentNo} is already posted as another transfer`,
          });
        continue;
      }
      const from = lookups.lines.byId.get(row.lineId)!;
      const out = (moved.get(from.id) ?? 0n) + row.amountSatang;
      moved.set(from.id, out);
      moved.set(to.id, (moved.get(to.id) ?? 0n) - row.amountSatang);
      if (revisedOf(from) - out < committedOf(from))
        issues.push({
          line,
          reason: `takes the line below what it has committed: ${satangToDecimalString(revisedOf(from) - out)} would be left, ${satangToDecimalString(committedOf(from))} committed`,
        });
    }
    return issues;
  },
  amount: (row) => row.amountSatang,
  async write(rows, w, ctx) {
    await holdPeriods(w, rows);
    const fresh = rows.filter((r) => !r.row.repeat);
    const org = w.actor.organizationId;
    const lineDeltas = new Map<string, repo.LineDelta>();
    const monthDeltas = new Map<string, repo.MonthDelta>();
    const move = (lineId: string, unitId: string, r: TransferRow, amount: bigint) => {
      const ld = lineDeltas.get(lineId) ?? { lineId, transferNet: 0n };
      ld.transferNet = (ld.transferNet ?? 0n) + amount;
      lineDeltas.set(lineId, ld);
      const mk = `${lineId}:${r.fiscalMonth}`;
      const md = monthDeltas.get(mk) ?? {
        lineId,
        fiscalMonth: r.fiscalMonth,
        organizationId: org,
        unitId,
        fiscalYear: r.fiscalYear,
        transferNet: 0n,
      };
      md.transferNet = (md.transferNet ?? 0n) + amount;
      monthDeltas.set(mk, md);
    };
    for (const { row } of fresh) {
      move(row.lineId!, row.unitId!, row, -row.amountSatang);
      move(row.toLineId!, row.toUnitId!, row, row.amountSatang);
    }
    await repo.insertTransfers(
      w.tx,
      fresh.map(({ row }) => ({
        organizationId: org,
        fiscalYear: row.fiscalYear,
        documentNo: row.documentNo,
        date: row.date,
        fiscalMonth: row.fiscalMonth,
        fromLineId: row.lineId!,
        toLineId: row.toLineId!,
        fromUnitId: row.unitId!,
        toUnitId: row.toUnitId!,
        amountSatang: row.amountSatang,
        reason: row.reason,
        status: 'approved' as const,
        approverRole: 'budget_office',
        rules: ['imported'],
        requestedBy: w.actor.userId,
        decidedBy: w.actor.userId,
        decidedAt: w.now,
        importBatchId: ctx.batchId ?? null,
      })),
    );
    const shortfalls = await repo.applyLineDeltas(w.tx, [...lineDeltas.values()], w.now);
    if (shortfalls.length) {
      throw overspent(shortfalls);
    }
    await repo.applyMonthDeltas(w.tx, [...monthDeltas.values()]);
    return { created: fresh.length, updated: 0, unchanged: rows.length - fresh.length };
  },
  async exportRows(database, actor, { fiscalYear }) {
    const org = actor.organizationId;
    const { units, lines, items } = await withScope(database, actor, async (db) => {
      const years = fiscalYear ? [fiscalYear] : [...(await reads.fiscalYearsOf(db, org))];
      return {
        units: await UnitLookup.load(db, org),
        lines: await repo.linesOfYears(db, org, years),
        items: await reads.approvedTransfers(db, org),
      };
    });
    const lineById = new Map(lines.map((l) => [l.id, l]));
    return items.flatMap((t) => {
      const from = lineById.get(t.fromLineId);
      const to = lineById.get(t.toLineId);
      const fu = from && units.byId(from.unitId);
      const tu = to && units.byId(to.unitId);
      if (!from || !to || !fu || !tu || (fiscalYear && t.fiscalYear !== fiscalYear)) return [];
      return [
        {
          fiscal_year: String(t.fiscalYear),
          document_no: t.documentNo,
          date: t.date,
          from_unit: fu.code,
          ...lineNameColumns(from, 'from_'),
          to_unit: tu.code,
          ...lineNameColumns(to, 'to_'),
          amount: satangToDecimalString(t.amountSatang),
          reason: t.reason,
        },
      ];
    });
  },
};

async function postedTransfers(
  rows: ParsedRow<TransferRow>[],
  ctx: Parameters<NonNullable<ImportKind<TransferRow>['check']>>[1],
) {
  const { database, actor } = ctx;
  const years = yearsOf(rows);
  const found = await withScope(database, actor, (db) =>
    reads.transfersOf(db, actor.organizationId),
  );
  return new Map(found.filter((t) => years.includes(t.fiscalYear)).map((t) => [t.documentNo, t]));
}
