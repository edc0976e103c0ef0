import {
  CARRY_OVER_EXEMPTIONS,
  parseCarryOverExemption,
  parseCarryOverKind,
  satangToDecimalString,
  type CarryOverExemption,
  type CarryOverKind,
} from '@pbis/core';
import { withScope } from '../../db/scoped.js';
import type { ImportIssue, ImportKind } from '../imports/pipeline.js';
import { quoted } from '../imports/cells.js';
import { ENTRY_LINE_COLUMNS, resolveEntries, type EntryRow } from './import-entries.js';
import { lineNameColumns, revisedOf } from './lines.js';
import { UnitLookup } from './lookup.js';
import * as repo from './repository.js';
import * as reads from './repositories/reports.js';
import { amountCell, fiscalYearCell, lineQueryCells, textOf } from './row-cells.js';

/*
 * carry-overs file (SPEC §3): the approved carry-overs of a fiscal year into the next, one per
 * line and kind. Re-importing sets the amount again (idempotent). What a line carries cannot
 * exceed what it has not disbursed.
 */

interface CarryOverRow extends EntryRow {
  kind: CarryOverKind;
  reference: string;
  reason: string;
  exemption: CarryOverExemption | null;
}

export const carryOversImport: ImportKind<CarryOverRow> = {
  kind: 'carry-overs',
  columns: [...ENTRY_LINE_COLUMNS, 'kind', 'amount', 'reference', 'exemption', 'reason'],
  required: ['kind', 'amount'],
  aliases: { ประเภท: 'kind', เลขที่อนุมัติ: 'reference', เหตุผล: 'reason' },
  parseRow(c, ctx) {
    const reasons: string[] = [];
    const fiscalYear = fiscalYearCell(c.fiscal_year, ctx.options.fiscalYear, reasons);
    const kindText = textOf(c.kind);
    const kind = parseCarryOverKind(kindText);
    if (!kind)
      reasons.push(`kind ${quoted(kindText)} is not with_obligation or without_obligation`);
    const exemption = parseCarryOverExemption(textOf(c.exemption));
    if (exemption === undefined)
      reasons.push(
        `exemption ${quoted(textOf(c.exemption))} is not one of ${CARRY_OVER_EXEMPTIONS.join(', ')}`,
      );
    const row: CarryOverRow = {
      fiscalYear,
      unitCode: textOf(c.unit_code),
      unitName: textOf(c.unit_name),
      line: lineQueryCells(c, reasons),
      // One carry-over per line and kind: its identity in the file.
      documentNo: `${kind ?? kindText}`,
      date: '',
      fiscalMonth: 12,
      amountSatang: amountCell(c.amount, reasons),
      kind: kind ?? 'without_obligation',
      reference: textOf(c.reference),
      reason: textOf(c.reason),
      exemption: exemption ?? null,
    };
    return reasons.length ? reasons : row;
  },
  async check(rows, ctx) {
    const issues: ImportIssue[] = [];
    // Carry-overs are decided after September: a closed month does not refuse them.
    const lookups = await resolveEntries(
      rows.map((r) => ({ ...r, row: { ...r.row, fiscalMonth: -1, documentNo: `${r.line}` } })),
      ctx,
      issues,
    );
    const carried = new Map<string, bigint>();
    const seen = new Map<string, number>();
    for (const { line, row } of rows) {
      const found = resolvedLine(lookups, row);
      if (!found) continue;
      row.unitId = found.unitId;
      row.lineId = found.id;
      const key = `${found.id}:${row.kind}`;
      if (seen.has(key)) {
        issues.push({ line, reason: `the same line and kind as line ${seen.get(key)}` });
        continue;
      }
      seen.set(key, line);
      const total = (carried.get(found.id) ?? 0n) + row.amountSatang;
      carried.set(found.id, total);
      const left = revisedOf(found) - found.disbursedSatang;
      if (total > left)
        issues.push({
          line,
          reason: `carries ${satangToDecimalString(total)} but the line has ${satangToDecimalString(left)} not disbursed`,
        });
    }
    return issues;
  },
  amount: (row) => row.amountSatang,
  async write(rows, w) {
    const done = await repo.upsertCarryOvers(
      w.tx,
      rows.map(({ row }) => ({
        organizationId: w.actor.organizationId,
        unitId: row.unitId!,
        lineId: row.lineId!,
        fiscalYear: row.fiscalYear,
        kind: row.kind,
        amountSatang: row.amountSatang,
        reference: row.reference,
        reason: row.reason,
        exemption: row.exemption,
        status: 'approved' as const,
        requestedBy: w.actor.userId,
        decidedBy: w.actor.userId,
      })),
      w.now,
    );
    for (const { row } of rows)
      w.audit({
        action: 'upsert',
        entity: 'carry_over',
        entityId: row.lineId!,
        after: { kind: row.kind, amount: satangToDecimalString(row.amountSatang) },
      });
    return { ...done, unchanged: 0 };
  },
  async exportRows(database, actor, { fiscalYear }) {
    const org = actor.organizationId;
    const { units, lines, items } = await withScope(database, actor, async (db) => {
      const years = fiscalYear ? [fiscalYear] : [...(await reads.fiscalYearsOf(db, org))];
      return {
        units: await UnitLookup.load(db, org),
        lines: await repo.linesOfYears(db, org, years),
        items: await reads.carryOversOf(db, org),
      };
    });
    const lineById = new Map(lines.map((l) => [l.id, l]));
    return items.flatMap((c) => {
      const l = lineById.get(c.lineId);
      const u = l && units.byId(l.unitId);
      if (!l || !u || (fiscalYear && c.fiscalYear !== fiscalYear)) return [];
      return [
        {
          fiscal_year: String(c.fiscalYear),
          unit_code: u.code,
          unit_name: u.nameTh,
          ...lineNameColumns(l),
          kind: c.kind,
          amount: satangToDecimalString(c.amountSatang),
          reference: c.reference,
          exemption: c.exemption ?? '',
          reason: c.reason,
        },
      ];
    });
  },
};

function resolvedLine(
  lookups: Awaited<ReturnType<typeof resolveEntries>>,
  row: CarryOverRow,
): repo.LineRow | undefined {
  const unit = lookups.units.resolve(row.unitCode, row.unitName);
  if ('reason' in unit) return undefined;
  const l = lookups.lines.resolve(unit.id, row.fiscalYear, row.line);
  return typeof l === 'string' ? undefined : l;
}
