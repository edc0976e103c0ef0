import { createHash } from 'node:crypto';
import {
  lineIdentityKey,
  nameKey,
  satangToDecimalString,
  type ExpenseCategory,
  type FundSource,
} from '@pbis/core';
import { withScope } from '../../db/scoped.js';
import { forEachInTurns } from '../../batches.js';
import * as orgRepo from '../org/repository.js';
import { kindFromName } from '../imports/kinds/units.js';
import { quoted } from '../imports/cells.js';
import type { ImportIssue, ImportKind, KindContext } from '../imports/pipeline.js';
import { isUnitMiss, UnitLookup } from './lookup.js';
import * as repo from './repository.js';
import { closedYears } from './repositories/year-end.js';
import * as reads from './repositories/reports.js';
import {
  amountCell,
  categoryCell,
  COMMON_ALIASES,
  fiscalYearCell,
  fundSourceCell,
  textOf,
} from './row-cells.js';
import { committedOf, exportLineColumns, yearsOf } from './lines.js';

export interface BudgetLineRow {
  fiscalYear: number;
  unitCode: string;
  unitName: string;
  programme: string;
  output: string;
  projectCode: string;
  project: string;
  expenseCategory: ExpenseCategory;
  strategyCode: string;
  amountSatang: bigint;
  lineCode: string;
  fundSource: FundSource;
  expenseItem: string;
  /** Set by check(): the unit's id, or the name key of a unit --create-units will create. */
  unitRef?: string;
}

/** Who may add receiving units while importing lines (--create-units). */
const MAY_CREATE_UNITS = new Set(['admin', 'budget_office']);

const newUnitCode = (key: string) =>
  `U${createHash('sha256').update(key).digest('hex').slice(0, 8).toUpperCase()}`;

const identityOf = (r: BudgetLineRow, unitRef: string) =>
  lineIdentityKey({
    fiscalYear: r.fiscalYear,
    unitId: unitRef,
    lineCode: r.lineCode || null,
    projectCode: r.projectCode || null,
    project: r.project,
    expenseCategory: r.expenseCategory,
    fundSource: r.fundSource,
    expenseItem: r.expenseItem,
  });

export const budgetLinesImport: ImportKind<BudgetLineRow> = {
  kind: 'budget-lines',
  columns: [
    'fiscal_year',
    'unit_code',
    'unit_name',
    'programme',
    'output',
    'project_code',
    'project',
    'expense_category',
    'strategy_code',
    'amount',
    'line_code',
    'fund_source',
    'expense_item',
  ],
  required: ['unit_name', 'project', 'expense_category', 'amount'],
  aliases: {
    ...COMMON_ALIASES,
    แผนงาน: 'programme',
    ผลผลิต: 'output',
    'ผลผลิต/โครงการ': 'output',
    รหัสยุทธศาสตร์: 'strategy_code',
    งบประมาณ: 'amount',
    'จำนวนเงิน (บาท)': 'amount',
  },

  parseRow(c, { options }) {
    const reasons: string[] = [];
    const row: BudgetLineRow = {
      fiscalYear: fiscalYearCell(c.fiscal_year, options.fiscalYear, reasons),
      unitCode: textOf(c.unit_code),
      unitName: textOf(c.unit_name),
      programme: textOf(c.programme),
      output: textOf(c.output),
      projectCode: textOf(c.project_code),
      project: textOf(c.project),
      expenseCategory: categoryCell(c.expense_category, reasons),
      strategyCode: textOf(c.strategy_code),
      amountSatang: amountCell(c.amount, reasons),
      lineCode: textOf(c.line_code),
      fundSource: fundSourceCell(c.fund_source, reasons),
      expenseItem: textOf(c.expense_item),
    };
    if (!row.unitName && !row.unitCode) reasons.push('unit_name is empty');
    if (!row.project) reasons.push('project is empty');
    if (row.strategyCode && !/^\d+(\.\d+)*$/.test(row.strategyCode))
      reasons.push(`strategy_code ${quoted(row.strategyCode)} is not a code such as 7.2.1.1`);
    for (const [col, v] of [
      ['project', row.project],
      ['programme', row.programme],
      ['output', row.output],
      ['expense_item', row.expenseItem],
    ] as const)
      if (v.length > 500) reasons.push(`${col} is longer than 500 characters`);
    return reasons.length ? reasons : row;
  },

  async check(rows, ctx) {
    const { database, actor, options } = ctx;
    const issues: ImportIssue[] = [];
    const { units, lines, years, closed } = await withScope(database, actor, async (db) => ({
      units: await UnitLookup.load(db, actor.organizationId),
      lines: await repo.linesOfYears(db, actor.organizationId, yearsOf(rows)),
      years: await reads.fiscalYearsOf(db, actor.organizationId),
      closed: await closedYears(db, actor.organizationId),
    }));
    const byIdentity = new Map(lines.map((l) => [l.identityKey, l]));
    const seen = new Map<string, number>();
    const mayCreate = MAY_CREATE_UNITS.has(actor.role);
    await forEachInTurns(rows, ({ line, row }) => {
      if (!years.has(row.fiscalYear))
        issues.push({ line, reason: `fiscal year ${row.fiscalYear} has not been created` });
      if (closed.has(row.fiscalYear))
        issues.push({
          line,
          reason: `fiscal year ${row.fiscalYear} is closed (year end): its budget lines no longer change`,
        });
      const unit = units.resolve(row.unitCode, row.unitName);
      if (isUnitMiss(unit)) {
        const creatable = unit.missing && row.unitName !== '';
        if (options.createUnits && creatable && mayCreate) {
          row.unitRef = `new:${nameKey(row.unitName)}`;
        } else {
          const hint = !creatable
            ? ''
            : !options.createUnits
              ? '; import the unit first, or pass --create-units'
              : mayCreate
                ? ''
                : '; only the Budget Office may create units';
          issues.push({ line, reason: `${unit.reason}${hint}` });
          return;
        }
      } else row.unitRef = unit.id;
      const identity = identityOf(row, row.unitRef);
      const earlier = seen.get(identity);
      if (earlier !== undefined) {
        issues.push({
          line,
          reason: `the same budget line as line ${earlier} (same unit, project, category, fund source and item): give line_code or expense_item to tell them apart`,
        });
        return;
      }
      seen.set(identity, line);
      const existing = byIdentity.get(identity);
      if (existing && existing.unitId !== row.unitRef)
        issues.push({
          line,
          reason: `line_code ${row.lineCode} already belongs to another unit's line`,
        });
      else if (existing && row.amountSatang + existing.transferNetSatang < committedOf(existing))
        issues.push({
          line,
          reason: `amount ${satangToDecimalString(row.amountSatang)} is below what the line has committed (${satangToDecimalString(committedOf(existing) - existing.transferNetSatang)} after its transfers)`,
        });
    });
    return issues;
  },

  amount: (row) => row.amountSatang,

  async write(rows, { tx, actor, audit, now }) {
    const newUnits = await createUnits(rows, tx, actor.organizationId, audit);
    const unitIdOf = (row: BudgetLineRow) => newUnits.get(row.unitRef!) ?? row.unitRef!;
    const existing = await repo.linesOfYears(tx, actor.organizationId, yearsOf(rows));
    const byIdentity = new Map(existing.map((l) => [l.identityKey, l]));
    const inserts: repo.LineInsert[] = [];
    const updates: { before: repo.LineRow; change: repo.LineUpdate }[] = [];
    let unchanged = 0;
    await forEachInTurns(rows, ({ row }) => {
      const unitId = unitIdOf(row);
      const identityKey = identityOf(row, unitId);
      const before = byIdentity.get(identityKey);
      if (!before) {
        inserts.push({
          organizationId: actor.organizationId,
          unitId,
          fiscalYear: row.fiscalYear,
          lineCode: row.lineCode || null,
          programme: row.programme,
          output: row.output,
          projectCode: row.projectCode,
          project: row.project,
          expenseCategory: row.expenseCategory,
          fundSource: row.fundSource,
          expenseItem: row.expenseItem,
          strategyCode: row.strategyCode,
          identityKey,
          enactedSatang: row.amountSatang,
        });
        return;
      }
      const change: repo.LineUpdate = {
        id: before.id,
        version: before.version,
        enactedSatang: row.amountSatang,
        programme: row.programme,
        output: row.output,
        strategyCode: row.strategyCode,
        project: row.project,
      };
      const same =
        before.enactedSatang === change.enactedSatang &&
        before.programme === change.programme &&
        before.output === change.output &&
        before.strategyCode === change.strategyCode &&
        before.project === change.project;
      if (same) unchanged += 1;
      else updates.push({ before, change });
    });
    const created: repo.LineRow[] = [];
    for (let at = 0; at < inserts.length; at += 5000)
      created.push(...(await repo.insertLines(tx, inserts.slice(at, at + 5000))));
    for (const after of created)
      audit({ action: 'create', entity: 'budget_line', entityId: after.id, after });
    const done = await repo.updateLines(
      tx,
      updates.map((u) => u.change),
      now,
    );
    if (done.length !== updates.length)
      throw new Error('a budget line changed while the file was imported; import it again');
    for (const u of updates)
      audit({
        action: 'update',
        entity: 'budget_line',
        entityId: u.before.id,
        before: exportLineColumns(u.before),
        after: { amount: satangToDecimalString(u.change.enactedSatang) },
      });
    return { created: created.length, updated: updates.length, unchanged };
  },

  async exportRows(database, actor, { fiscalYear }) {
    const { units, lines } = await withScope(database, actor, async (db) => ({
      units: await UnitLookup.load(db, actor.organizationId),
      lines: await repo.linesOfYears(
        db,
        actor.organizationId,
        fiscalYear ? [fiscalYear] : [...(await reads.fiscalYearsOf(db, actor.organizationId))],
      ),
    }));
    const unitOf = new Map(units.units.map((u) => [u.id, u]));
    return lines
      .map((l) => ({ l, u: unitOf.get(l.unitId)! }))
      .sort(
        (a, b) =>
          a.l.fiscalYear - b.l.fiscalYear ||
          a.u.code.localeCompare(b.u.code) ||
          a.l.project.localeCompare(b.l.project, 'th') ||
          a.l.expenseCategory.localeCompare(b.l.expenseCategory) ||
          a.l.identityKey.localeCompare(b.l.identityKey),
      )
      .map(({ l, u }) => ({
        fiscal_year: String(l.fiscalYear),
        unit_code: u.code,
        unit_name: u.nameTh,
        ...exportLineColumns(l),
      }));
  },
};

/** The units --create-units adds: one per new name, with its code or a code made from it. */
async function createUnits(
  rows: readonly { row: BudgetLineRow }[],
  tx: KindContext['database']['db'],
  organizationId: string,
  audit: (e: { action: string; entity: string; entityId: string; after: unknown }) => void,
): Promise<Map<string, string>> {
  const wanted = new Map<string, BudgetLineRow>();
  for (const { row } of rows)
    if (row.unitRef?.startsWith('new:') && !wanted.has(row.unitRef)) wanted.set(row.unitRef, row);
  const out = new Map<string, string>();
  if (wanted.size === 0) return out;
  const created = await orgRepo.insertUnits(
    tx,
    [...wanted.values()].map((r) => ({
      organizationId,
      code: r.unitCode || newUnitCode(nameKey(r.unitName)),
      nameTh: r.unitName,
      nameKey: nameKey(r.unitName),
      kind: kindFromName(r.unitName),
    })),
  );
  for (const u of created) {
    out.set(`new:${u.nameKey}`, u.id);
    audit({ action: 'create', entity: 'receiving_unit', entityId: u.id, after: u });
  }
  return out;
}
